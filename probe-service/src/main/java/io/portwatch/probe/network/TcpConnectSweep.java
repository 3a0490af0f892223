package io.portwatch.probe.network;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP connect sweep (what {@code nmap -sT} does) with non-blocking sockets: a port is open when the
 * handshake completes (the connection is then reset at once), closed when refused, filtered when the
 * connect times out.
 */
final class TcpConnectSweep {

    private final PacedSelector selector;

    TcpConnectSweep(PacedSelector selector) {
        this.selector = selector;
    }

    /** Connects to every target once; returns the open ones. */
    List<Target> sweep(List<Target> targets, Runnable progress) throws IOException {
        List<Target> open = new ArrayList<>();
        selector.run(targets, new PacedSelector.Probe<>() {
            @Override
            public SelectionKey start(Target target, Selector on) throws IOException {
                SocketChannel channel = SocketChannel.open();
                try {
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    if (!channel.connect(target.socketAddress())) {
                        return channel.register(on, SelectionKey.OP_CONNECT, target);
                    }
                    open.add(target);
                } catch (IOException refused) {
                    // Closed: nothing listens there.
                }
                channel.close();
                return null;
            }

            @Override
            public void ready(SelectionKey key) {
                try {
                    if (((SocketChannel) key.channel()).finishConnect()) {
                        open.add((Target) key.attachment());
                    }
                } catch (IOException refused) {
                    // Closed: nothing listens there.
                }
            }

            @Override
            public void expired(SelectionKey key) {
                // Filtered: no answer in time.
            }
        }, progress);
        return open;
    }
}
