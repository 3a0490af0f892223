package io.portwatch.probe.network;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * UDP probes: each target gets one datagram (its payload by port, e.g. the ARMS status query) from a
 * connected socket. A reply means open, with its size; an ICMP port unreachable means closed; silence
 * until the timeout means open|filtered, as nmap reports it.
 */
final class UdpProbe {

    /** What a UDP target did. */
    enum State { OPEN, CLOSED, OPEN_FILTERED }

    /** The outcome of one target. */
    record Outcome(Target target, State state, int requestBytes, int responseBytes) {
    }

    private record Sent(Target target, int requestBytes) {
    }

    private final PacedSelector selector;

    UdpProbe(PacedSelector selector) {
        this.selector = selector;
    }

    /** Probes every target once with its payload; returns every outcome. */
    List<Outcome> probe(List<Target> targets, Function<Target, byte[]> payloads, Runnable progress, Deadline deadline) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        ByteBuffer reply = ByteBuffer.allocate(65536);
        selector.run(targets, new PacedSelector.Probe<>() {
            @Override
            public SelectionKey start(Target target, Selector on) throws IOException {
                byte[] payload = payloads.apply(target);
                DatagramChannel channel = DatagramChannel.open();
                try {
                    channel.configureBlocking(false);
                    channel.connect(target.socketAddress());
                    channel.write(ByteBuffer.wrap(payload));
                    return channel.register(on, SelectionKey.OP_READ, new Sent(target, payload.length));
                } catch (PortUnreachableException e) {
                    outcomes.add(new Outcome(target, State.CLOSED, payload.length, 0));
                } catch (IOException e) {
                    outcomes.add(new Outcome(target, State.OPEN_FILTERED, payload.length, 0));
                }
                channel.close();
                return null;
            }

            @Override
            public void ready(SelectionKey key) {
                Sent sent = (Sent) key.attachment();
                reply.clear();
                try {
                    int size = ((DatagramChannel) key.channel()).read(reply);
                    outcomes.add(new Outcome(sent.target(), State.OPEN, sent.requestBytes(), Math.max(0, size)));
                } catch (PortUnreachableException e) {
                    outcomes.add(new Outcome(sent.target(), State.CLOSED, sent.requestBytes(), 0));
                } catch (IOException e) {
                    outcomes.add(new Outcome(sent.target(), State.OPEN_FILTERED, sent.requestBytes(), 0));
                }
            }

            @Override
            public void expired(SelectionKey key) {
                Sent sent = (Sent) key.attachment();
                outcomes.add(new Outcome(sent.target(), State.OPEN_FILTERED, sent.requestBytes(), 0));
            }
        }, progress, deadline);
        return outcomes;
    }
}
