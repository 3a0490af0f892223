package io.portwatch.probe.network;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One scan's progress and outcome; updated by the scan thread, read by the API. */
final class Scan {

    /** Where a scan is. */
    enum State { QUEUED, RUNNING, DONE, FAILED }

    final String id;
    final ScanPlan plan;
    final String requestedBy;
    final Instant requestedAt = Instant.now();
    final AtomicLong probed = new AtomicLong();
    volatile State state = State.QUEUED;
    volatile Instant startedAt;
    volatile Instant finishedAt;
    volatile List<ScanResult> results = List.of();
    volatile String error;

    Scan(String id, ScanPlan plan, String requestedBy) {
        this.id = id;
        this.plan = plan;
        this.requestedBy = requestedBy;
    }

    /** The API's view; without the results for lists. */
    ScanView view(boolean withResults) {
        return new ScanView(id, state.name(), requestedBy, plan.networks().stream().map(Cidr::toString).toList(),
                plan.transports().stream().map(transport -> transport.wireName()).sorted().toList(), plan.ports().length,
                plan.size(), probed.get(), requestedAt, startedAt, finishedAt, withResults ? results : List.of(), error);
    }
}
