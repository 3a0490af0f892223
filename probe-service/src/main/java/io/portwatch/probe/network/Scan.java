package io.portwatch.probe.network;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scan's progress and outcome; updated by the scan thread, read by the API. Its state moves QUEUED,
 * RUNNING, then one of DONE, FAILED or CANCELLED, once: a cancelled scan stays cancelled.
 */
final class Scan {

    /** Where a scan is. */
    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    final String id;
    final ScanPlan plan;
    final String requestedBy;
    final Instant requestedAt = Instant.now();
    final AtomicLong probed = new AtomicLong();
    private volatile State state = State.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile List<ScanResult> results = List.of();
    private volatile String error;
    private volatile Future<?> work;

    Scan(String id, ScanPlan plan, String requestedBy) {
        this.id = id;
        this.plan = plan;
        this.requestedBy = requestedBy;
    }

    /** Where it is now. */
    State state() {
        return state;
    }

    /** When it started running, or null. */
    Instant startedAt() {
        return startedAt;
    }

    /** Whether it was cancelled. */
    boolean cancelled() {
        return state == State.CANCELLED;
    }

    /** The queued work that runs it, so a cancel can withdraw or interrupt it. */
    void runsAs(Future<?> work) {
        this.work = work;
    }

    /** Starts running; false when it was cancelled while queued. */
    synchronized boolean start() {
        if (state != State.QUEUED) {
            return false;
        }
        startedAt = Instant.now();
        state = State.RUNNING;
        return true;
    }

    /** Finishes with results, running {@code apply} first; false (nothing applied) when it was cancelled meanwhile. */
    synchronized boolean done(List<ScanResult> found, Runnable apply) {
        if (state != State.RUNNING) {
            return false;
        }
        apply.run();
        results = found;
        finish(State.DONE);
        return true;
    }

    /** Fails with the reason; false when it was cancelled meanwhile. */
    synchronized boolean failed(String reason) {
        if (state != State.RUNNING) {
            return false;
        }
        error = reason;
        finish(State.FAILED);
        return true;
    }

    /** Cancels it if it has not finished: a queued scan never runs, a running one stops; false when it had finished. */
    synchronized boolean cancel() {
        if (state == State.DONE || state == State.FAILED) {
            return false;
        }
        if (state != State.CANCELLED) {
            finish(State.CANCELLED);
            Future<?> running = work;
            if (running != null) {
                running.cancel(true);
            }
        }
        return true;
    }

    /** The API's view; without the results for lists. */
    ScanView view(boolean withResults) {
        return new ScanView(id, state.name(), requestedBy, plan.networks().stream().map(Cidr::toString).toList(),
                plan.transports().stream().map(transport -> transport.wireName()).sorted().toList(), plan.ports().length,
                plan.size(), probed.get(), requestedAt, startedAt, finishedAt, withResults ? results : List.of(), error);
    }

    private void finish(State end) {
        finishedAt = Instant.now();
        state = end;
    }
}
