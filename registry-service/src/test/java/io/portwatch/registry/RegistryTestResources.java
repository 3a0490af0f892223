package io.portwatch.registry;

import io.portwatch.testing.JwtKeysResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real infrastructure of the registry's tests: a private Kafka broker, a fresh {@code registry_test}
 * database and JWT keys. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = {
        @ResourceArg(name = "database", value = "registry_test"),
        @ResourceArg(name = "owner", value = "registry")})
public final class RegistryTestResources {

    private RegistryTestResources() {
    }
}
