package io.portwatch.notifier;

import io.portwatch.notifier.support.OutputsResource;
import io.portwatch.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real infrastructure of the notifier's tests: a private Kafka broker, a real Alertmanager, HTTP receivers. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(OutputsResource.class)
public final class NotifierTestResources {

    private NotifierTestResources() {
    }
}
