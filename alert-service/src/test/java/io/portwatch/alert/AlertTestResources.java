package io.portwatch.alert;

import io.portwatch.testing.JwtKeysResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real infrastructure of alert-service's tests: a private Kafka broker, a fresh {@code alert_test} database,
 * JWT keys and the fleet's secrets.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtKeysResource.class)
@QuarkusTestResource(FleetSecretsResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = {
        @ResourceArg(name = "database", value = "alert_test"),
        @ResourceArg(name = "owner", value = "alert")})
public final class AlertTestResources {

    private AlertTestResources() {
    }
}
