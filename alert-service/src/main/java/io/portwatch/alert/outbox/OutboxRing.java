package io.portwatch.alert.outbox;

import io.portwatch.alert.database.SqlArrays;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * The ring of {@code alert_outbox} partitions (V11, alert-service/DESIGN.md "The outbox ring"): a transaction's
 * outbox rows are one batch, written into the slot of the clock's current period; the broker's acknowledgement
 * deletes the batch's one row in {@code alert_outbox_batch}, never the outbox rows; and a slot none of whose
 * batches is pending any more is emptied at once by {@code TRUNCATE}. Safe with several instances and with any
 * instance's clock: a slot is truncated only under its exclusive lock, after reading again that no committed
 * batch of it is pending, so a row is either already acknowledged or written after the truncation.
 */
@ApplicationScoped
public class OutboxRing {

    /** The slot of rows without a batch (an older instance's, and parked ones): never truncated, deleted one by one. */
    public static final short KEPT = -1;
    /** The ring's partitions ({@code alert_outbox_0} ... {@code alert_outbox_7}, V11). */
    static final int SLOTS = 8;
    /** How long one slot takes the new batches; the current and the previous slot are never truncated. */
    static final Duration PERIOD = Duration.ofSeconds(2);
    /** PostgreSQL's lock_not_available: another transaction still uses the slot (a late writer, a sweep). */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** A batch of outbox rows staged by one transaction, and its slot. */
    public record Batch(long id, short slot) {
    }

    /** Opens a batch in the caller's transaction, in the slot of {@code now}; its rows are to carry its id and slot. */
    public static Batch open(Instant now) {
        short slot = slotAt(now);
        long[] id = new long[1];
        OutboxEntity.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO alert_outbox_batch (slot, created_at) VALUES (?, ?) RETURNING batch")) {
                insert.setShort(1, slot);
                insert.setTimestamp(2, Timestamp.from(now));
                try (ResultSet batch = insert.executeQuery()) {
                    batch.next();
                    id[0] = batch.getLong(1);
                }
            }
        });
        return new Batch(id[0], slot);
    }

    /** Records that the broker acknowledged every row of these batches: one statement, a row per batch. */
    public static void acknowledge(Collection<Long> batches) {
        if (!batches.isEmpty()) {
            execute("DELETE FROM alert_outbox_batch WHERE batch = ANY(?::text[]::bigint[])", batches);
        }
    }

    /**
     * Ends those of these batches that have no unsent row left (the sweeper deleted what it sent and moved what
     * it parked to the kept slot).
     */
    static void settle(Collection<Long> batches) {
        if (!batches.isEmpty()) {
            execute("DELETE FROM alert_outbox_batch b WHERE b.batch = ANY(?::text[]::bigint[]) AND NOT EXISTS"
                    + " (SELECT 1 FROM alert_outbox o WHERE o.slot = b.slot AND o.batch = b.batch)", batches);
        }
    }

    /** The slot the batches opened at this time go to. */
    static short slotAt(Instant time) {
        return (short) Math.floorMod(Math.floorDiv(time.getEpochSecond(), PERIOD.toSeconds()), SLOTS);
    }

    /** Every period, once the schema had time to be migrated at start. */
    @Scheduled(identity = "alert-outbox-reclaim", every = "2s", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reclaimAcknowledged() {
        reclaim(Instant.now());
    }

    /**
     * Truncates every slot but the current and the previous one (at {@code now}) that holds rows and no pending
     * batch; a slot still in use (locked) is left for the next time. Returns how many slots it truncated.
     */
    public int reclaim(Instant now) {
        Set<Short> recent = Set.of(slotAt(now), slotAt(now.minus(PERIOD)));
        int truncated = 0;
        for (short slot = 0; slot < SLOTS; slot++) {
            if (recent.contains(slot)) {
                continue;
            }
            short candidate = slot;
            try {
                if (QuarkusTransaction.requiringNew().call(() -> truncateIfAcknowledged(candidate))) {
                    truncated++;
                }
            } catch (RuntimeException e) {
                if (lockNotAvailable(e)) {
                    Log.debugf("Alert outbox slot %d still in use; truncated later", candidate);
                } else {
                    Log.warnf("Alert outbox slot %d not truncated (%s); tried again in %d s", candidate, e.getMessage(),
                            PERIOD.toSeconds());
                }
            }
        }
        return truncated;
    }

    private static boolean truncateIfAcknowledged(short slot) {
        String partition = "alert_outbox_" + slot;
        if (!holdsOnlyAcknowledged(partition, slot)) {
            return false;
        }
        // The lock waits for no writer: one that still holds the slot makes this fail, and the slot waits.
        run("LOCK TABLE " + partition + " IN ACCESS EXCLUSIVE MODE NOWAIT");
        // Read again under the lock: every writer of the slot has committed (with its batch) or writes after this.
        if (!holdsOnlyAcknowledged(partition, slot)) {
            return false;
        }
        // A row an instance of the version before parked where it lay is kept, with its reason.
        OutboxEntity.getEntityManager().createNativeQuery(
                "UPDATE alert_outbox SET slot = ?1 WHERE slot = ?2 AND parked_at IS NOT NULL")
                .setParameter(1, KEPT).setParameter(2, slot).executeUpdate();
        run("TRUNCATE " + partition);
        return true;
    }

    private static boolean holdsOnlyAcknowledged(String partition, short slot) {
        return (Boolean) OutboxEntity.getEntityManager().createNativeQuery("SELECT EXISTS (SELECT 1 FROM " + partition
                        + ") AND NOT EXISTS (SELECT 1 FROM alert_outbox_batch WHERE slot = ?1)")
                .setParameter(1, slot).getSingleResult();
    }

    private static void run(String sql) {
        OutboxEntity.getEntityManager().createNativeQuery(sql).executeUpdate();
    }

    private static void execute(String sql, Collection<Long> ids) {
        OutboxEntity.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                SqlArrays.bindText(connection, statement, 1, ids);
                statement.executeUpdate();
            }
        });
    }

    private static boolean lockNotAvailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
