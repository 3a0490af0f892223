package io.portwatch.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a module's {@code @QuarkusTest}s a fresh database on the real local PostgreSQL. Init args:
 * {@code database} and {@code owner}.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private String name;
    private String owner;

    @Override
    public void init(Map<String, String> initArgs) {
        name = required(initArgs, "database");
        owner = required(initArgs, "owner");
    }

    @Override
    public Map<String, String> start() {
        PostgresDatabase database = PostgresDatabase.fresh(name, owner);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.owner(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        // The database stays for post-mortems; the next run recreates it.
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PostgresDatabaseResource.class.getSimpleName() + " needs the init arg " + name);
        }
        return value;
    }
}
