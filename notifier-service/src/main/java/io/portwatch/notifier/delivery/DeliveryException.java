package io.portwatch.notifier.delivery;

/** A delivery that failed; {@link #permanent()} ones (the receiver refused the request itself) are not retried. */
public class DeliveryException extends Exception {

    private final boolean permanent;

    public DeliveryException(String reason, boolean permanent) {
        super(reason);
        this.permanent = permanent;
    }

    public DeliveryException(String reason, Throwable cause) {
        super(reason, cause);
        this.permanent = false;
    }

    /** Whether retrying can't help (a 4xx other than 408 and 429). */
    public boolean permanent() {
        return permanent;
    }
}
