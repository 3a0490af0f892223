package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.findings.FindingChange;
import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Attempts at a change of findings until it is stored, for {@link ListenerEventConsumer}'s thread. A failure that
 * retrying mends (PostgreSQL away, a conflict with another instance) or one of the database as a whole rather than
 * of this data (no space, a missing table) is waited out ({@link Backoff}) and the attempt made again: the channel
 * never fails for it, and goes on once it is mended. A judged batch that fails for a reason of its data (a record
 * PostgreSQL refuses) is stored in halves, recursively and in order, until the events that cannot be stored are
 * found alone: each is refused (its record dead-lettered with the batch's malformed ones) with its host's later
 * events of the batch that were settled on what it would have left, kept until their dead letters are taken
 * ({@link PendingRefusals}), its host is forgotten, and everything else is stored.
 */
final class StoreAttempts {

    private final Correlator correlator;
    private final PendingRefusals pending;
    private final BooleanSupplier stopping;
    private final Counter outageRetries;
    private final Counter isolated;

    /** {@code stopping} tells when the service stops: a failure is then thrown rather than waited out. */
    StoreAttempts(Correlator correlator, PendingRefusals pending, BooleanSupplier stopping, MeterRegistry registry) {
        this.correlator = correlator;
        this.pending = pending;
        this.stopping = stopping;
        this.outageRetries = Counter.builder("portwatch.alert.batch.retries")
                .description("Batches tried again because PostgreSQL could not be reached or another instance changed the same findings").register(registry);
        this.isolated = Counter.builder("portwatch.alert.batch.isolations")
                .description("Batches that failed for a reason retrying would not mend, stored in parts to find the record that caused it").register(registry);
    }

    /**
     * Stores the judged batch, isolating its poison (each poison event refused on {@code values}, by its record's
     * index); returns the finding changes made.
     *
     * @throws RuntimeException when the service stops meanwhile (every other failure is waited out or isolated)
     */
    List<FindingChange> isolatingPoison(JudgedBatch judged, List<ListenerRecord> values) {
        try {
            return storeUntilStored(judged, judged.observations());
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean() || !PoisonFailure.causedBy(e)) {
                throw e;
            }
            isolated.increment();
            Log.warnf("A batch of %d listener events cannot be stored (%s): storing it in parts to find the event that causes it",
                    values.size(), rootMessage(e));
            return isolate(judged, judged.observations(), values, e);
        }
    }

    /**
     * Makes one attempt after another at a change in the database for {@code events} listener events (the count is
     * for the log), waiting out the failures retrying mends; returns what the attempt that succeeded returned.
     *
     * @throws RuntimeException when the service stops, or the failure is one of the data ({@link PoisonFailure})
     */
    <T> T untilStored(Supplier<T> attempt, int events) {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean() || PoisonFailure.causedBy(e)) {
                    throw e;
                }
                outageRetries.increment();
                Log.errorf("%s (%s): %d listener events wait, tried again in %d s",
                        TransientDatabaseFailure.causedBy(e)
                                ? "PostgreSQL cannot be reached, or another instance changed the same findings"
                                : "The database refuses to store listener events",
                        rootMessage(e), events, backoff.nextSeconds());
                backoff.pause();
            }
        }
    }

    private List<FindingChange> isolate(JudgedBatch judged, List<Observation> part,
            List<ListenerRecord> values, RuntimeException failure) {
        if (part.size() == 1) {
            Observation poison = part.get(0);
            List<ListenerRecord> refused = new ArrayList<>();
            refused.add(values.get(poison.record()));
            refused.get(0).refuse("could not be stored: " + rootMessage(failure));
            // Its host's later events of the batch that were settled on what it would have left did not settle.
            judged.inBatch().settledAfter(poison.hostId(), poison.record()).forEach(record -> {
                values.get(record).refuse("settled on an earlier event of its host in the batch, which could not be stored: "
                        + rootMessage(failure));
                refused.add(values.get(record));
            });
            // Kept before the rest of the batch is stored, which moves the stored position past them.
            untilStored(() -> {
                pending.remember(refused);
                return refused;
            }, refused.size());
            correlator.forget(poison.hostId());
            return List.of();
        }
        List<FindingChange> made = new ArrayList<>();
        int middle = part.size() / 2;
        for (List<Observation> half : List.of(part.subList(0, middle), part.subList(middle, part.size()))) {
            try {
                made.addAll(storeUntilStored(judged, half));
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean() || !PoisonFailure.causedBy(e)) {
                    throw e;
                }
                made.addAll(isolate(judged, half, values, e));
            }
        }
        return made;
    }

    private List<FindingChange> storeUntilStored(JudgedBatch judged, List<Observation> part) {
        return untilStored(() -> correlator.store(judged, part), part.size());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
