package io.portwatch.registry;

import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real infrastructure of the registry's tests: a private Kafka broker and a fresh {@code registry_test} database. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = {
        @ResourceArg(name = "database", value = "registry_test"),
        @ResourceArg(name = "owner", value = "registry")})
public final class RegistryTestResources {

    private RegistryTestResources() {
    }
}
