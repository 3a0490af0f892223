package io.portwatch.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Predicate;

/** Builds each output's {@link OutputPipeline}, with its own guard, meters and replay memory. */
@ApplicationScoped
public class Deliveries {

    private final ChangeReader reader;
    private final Parking parking;
    private final MeterRegistry registry;

    public Deliveries(ChangeReader reader, Parking parking, MeterRegistry registry) {
        this.reader = reader;
        this.parking = parking;
        this.registry = registry;
    }

    /** The pipeline of an output whose routing alone decides what it takes. */
    public OutputPipeline pipeline(String name, NotifierConfig.Output config, Receiver receiver) {
        return pipeline(name, config, receiver, event -> false);
    }

    /** The pipeline of an output that also takes changes its routing doesn't (to end what it started). */
    public OutputPipeline pipeline(String name, NotifierConfig.Output config, Receiver receiver, Predicate<FindingEvent> alsoTakes) {
        return new OutputPipeline(name, config, receiver, alsoTakes, reader, parking, new DeliveryMetrics(name, registry));
    }
}
