package io.portwatch.simulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Many idle TCP listeners on ephemeral ports, for load tests of host inventory: bound and listening,
 * never accepting (the kernel's backlog takes the few connections a test makes).
 */
public final class BulkListeners implements SimulatedService {

    private final List<ServerSocketChannel> channels = new ArrayList<>();
    private final InetSocketAddress bind;

    public BulkListeners(InetSocketAddress bind, int count) {
        this.bind = bind;
        try {
            for (int i = 0; i < count; i++) {
                ServerSocketChannel channel = ServerSocketChannel.open();
                channels.add(channel);
                channel.bind(new InetSocketAddress(bind.getAddress(), 0), 8);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot open " + count + " listeners on " + bind.getAddress()
                    + " (raise the open-files limit, ulimit -n, for many)", e);
        }
    }

    /** The ports the listeners are bound to. */
    public List<Integer> ports() {
        return channels.stream().map(channel -> {
            try {
                return ((InetSocketAddress) channel.getLocalAddress()).getPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Override
    public String describe() {
        return channels.size() + " bulk listeners tcp " + bind.getAddress().getHostAddress() + ":<ephemeral>";
    }

    @Override
    public void close() {
        for (ServerSocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                System.err.println("bulk: " + e.getMessage());
            }
        }
    }
}
