package io.portwatch.notifier.delivery;

import java.util.List;

/** An output's receiver: sends a batch of changes (up to the output's batch size) in one request. */
@FunctionalInterface
public interface Receiver {

    /**
     * Sends the changes.
     *
     * @throws DeliveryException when the receiver did not take them
     */
    void send(List<Change> batch) throws DeliveryException;
}
