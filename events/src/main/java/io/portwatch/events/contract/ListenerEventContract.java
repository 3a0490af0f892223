package io.portwatch.events.contract;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ProcessInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a consumer of {@code portwatch.listeners} accepts beyond the JSON shape (which the records' constructors
 * check): every text within {@link ContractLimits} and free of control characters, at most
 * {@code maxListeners} listeners, addresses in canonical form ({@link io.portwatch.events.listener.Addresses}),
 * and {@code observedAt} no later than {@code futureSkew} after the record's
 * broker timestamp and no earlier than {@code maxAge} before it. The record key must be the host id.
 *
 * @param maxListeners largest number of listeners in one event
 * @param futureSkew   how far a probe's clock may run ahead of the broker's
 * @param maxAge       how long an event may have waited (a probe buffers events while Kafka is away)
 */
public record ListenerEventContract(int maxListeners, Duration futureSkew, Duration maxAge) {

    /** @throws IllegalArgumentException when a limit is not positive */
    public ListenerEventContract {
        if (maxListeners < 1 || futureSkew == null || futureSkew.isNegative() || maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("the listener contract needs a positive listener limit and non-negative time windows");
        }
    }

    /** Why the event, read from a record with this key and broker timestamp, breaks the contract; empty when it keeps it. */
    public Optional<String> violation(String key, ListenerEvent event, Instant brokerTime) {
        FieldCheck check = new FieldCheck()
                .requiredText("eventId", event.eventId(), ContractLimits.NAME)
                .requiredText("probe.id", event.probe().id(), ContractLimits.NAME)
                .text("probe.zone", event.probe().zone(), ContractLimits.NAME)
                .required("probe.mode", event.probe().mode())
                .text("probe.backend", event.probe().backend(), ContractLimits.NAME)
                .within("observedAt", event.observedAt(), brokerTime, futureSkew, maxAge);
        host(check, event.host());
        if (check.ok() && !event.host().id().equals(key)) {
            check.fail("the record key is not the host id " + event.host().id());
        }
        check.count("listeners", event.listeners(), maxListeners);
        List<Listener> listeners = event.listeners();
        for (int i = 0; i < listeners.size() && check.ok(); i++) {
            Listener listener = listeners.get(i);
            check.item("listeners", i, item -> listener(item, listener));
        }
        return check.violation();
    }

    /** Why an {@code observedAt} read from a record with this broker timestamp lies outside the window; empty when within. */
    public Optional<String> timeViolation(Instant observedAt, Instant brokerTime) {
        return new FieldCheck().within("observedAt", observedAt, brokerTime, futureSkew, maxAge).violation();
    }

    private static void host(FieldCheck check, HostInfo host) {
        check.requiredText("host.id", host.id(), ContractLimits.NAME)
                .text("host.name", host.name(), ContractLimits.NAME)
                .text("host.node", host.node(), ContractLimits.NAME)
                .count("host.addresses", host.addresses(), ContractLimits.ADDRESSES);
        for (int i = 0; i < host.addresses().size() && check.ok(); i++) {
            String address = host.addresses().get(i);
            check.item("host.addresses", i, item -> item.address("", address));
        }
    }

    /** A listener's fields, named relative to it (".address"): the caller names the listener. */
    private static void listener(FieldCheck check, Listener listener) {
        check.address(".address", listener.address());
        if (listener.process() != null) {
            check.nested(".process", nested -> process(nested, listener.process()));
        }
        check.count(".sharedWith", listener.sharedWith(), ContractLimits.SHARED_OWNERS);
        for (int i = 0; i < listener.sharedWith().size() && check.ok(); i++) {
            ProcessInfo owner = listener.sharedWith().get(i);
            check.item(".sharedWith", i, item -> process(item, owner));
        }
        Evidence evidence = listener.evidence();
        if (evidence != null) {
            check.text(".evidence.kind", evidence.kind(), ContractLimits.NAME)
                    .text(".evidence.banner", evidence.banner(), ContractLimits.EVIDENCE_TEXT)
                    .text(".evidence.httpServer", evidence.httpServer(), ContractLimits.EVIDENCE_TEXT)
                    .text(".evidence.httpAuth", evidence.httpAuth(), ContractLimits.EVIDENCE_TEXT)
                    .text(".evidence.tlsSubject", evidence.tlsSubject(), ContractLimits.EVIDENCE_TEXT);
        }
        if (listener.netns() != null) {
            check.text(".netns.name", listener.netns().name(), ContractLimits.NAME);
        }
        ContainerInfo container = listener.container();
        if (container != null) {
            check.text(".container.id", container.id(), ContractLimits.NAME)
                    .text(".container.runtime", container.runtime(), ContractLimits.NAME)
                    .text(".container.name", container.name(), ContractLimits.NAME);
            if (container.pod() != null) {
                check.text(".container.pod.uid", container.pod().uid(), ContractLimits.NAME)
                        .text(".container.pod.namespace", container.pod().namespace(), ContractLimits.NAME)
                        .text(".container.pod.name", container.pod().name(), ContractLimits.NAME);
            }
        }
    }

    /** A process's fields, named relative to it (".name"). */
    private static void process(FieldCheck check, ProcessInfo process) {
        if (process != null) {
            check.text(".name", process.name(), ContractLimits.NAME)
                    .text(".exe", process.exe(), ContractLimits.PATH)
                    .text(".user", process.user(), ContractLimits.NAME);
        }
    }
}
