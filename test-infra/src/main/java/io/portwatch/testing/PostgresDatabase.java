package io.portwatch.testing;

import java.util.Map;

/**
 * A fresh PostgreSQL database on the local Debian cluster, made by {@code deploy/local/postgres.sh}
 * (which installs and starts PostgreSQL when needed). The role's password is its name: loopback only.
 *
 * @param name  database name
 * @param owner owning role
 */
public record PostgresDatabase(String name, String owner) {

    /** Starts PostgreSQL if needed and (re)creates the database empty. */
    public static PostgresDatabase fresh(String name, String owner) {
        LocalScripts.run("postgres.sh", Map.of(), "start");
        LocalScripts.run("postgres.sh", Map.of(), "database", name, owner, "--fresh");
        return new PostgresDatabase(name, owner);
    }

    /** The JDBC URL of the database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /** The role's password. */
    public String password() {
        return owner;
    }
}
