package io.portwatch.probe.liveness;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When this probe's last scan (host or network, whichever finished last) finished and how long it took, for heartbeats. */
@ApplicationScoped
public class ScanActivity {

    /**
     * One finished scan.
     *
     * @param finishedAt when it finished
     * @param took       how long it ran
     */
    public record Finished(Instant finishedAt, Duration took) {
    }

    private volatile Finished last;

    /** Records a scan that finished now, having run this long. */
    public synchronized void finished(Duration took) {
        Instant now = Instant.now();
        if (last == null || !now.isBefore(last.finishedAt())) {
            last = new Finished(now, took);
        }
    }

    /** The last finished scan; empty before the first. */
    public Optional<Finished> last() {
        return Optional.ofNullable(last);
    }
}
