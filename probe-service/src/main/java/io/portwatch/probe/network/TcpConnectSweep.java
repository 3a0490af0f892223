package io.portwatch.probe.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;

/**
 * A TCP connect sweep (what {@code nmap -sT} does) with non-blocking sockets: a port is open when the
 * handshake completes (the connection is then reset at once), closed when refused, filtered when the
 * connect times out. The targets are dealt to one selector loop per core; the loops share the scan's
 * rate limiter, so the scan's pace is the configured one whatever the number of loops.
 * <p>
 * With {@code finishAtOnce}, a connect is asked for its outcome right after it is made: a handshake with a
 * peer on this machine is over when the connect call returns (the kernel runs both ends in the call), so such
 * a port is decided without the selector's registration, wait and deregistration (3 system calls fewer, and no
 * key). A connect still under way is left to the selector, as without it; the outcome is the same either way.
 */
final class TcpConnectSweep {

    private final IntFunction<PacedSelector> selectors;
    private final int loops;
    private final boolean finishAtOnce;

    /**
     * @param selectors    makes the selector loop for one of {@code loops} shares of the targets
     * @param finishAtOnce whether a connect's outcome is asked for at once, before the selector waits for it
     */
    TcpConnectSweep(IntFunction<PacedSelector> selectors, int loops, boolean finishAtOnce) {
        this.selectors = selectors;
        this.loops = loops;
        this.finishAtOnce = finishAtOnce;
    }

    /** Connects to every target once; returns the open ones, in target order. */
    List<Target> sweep(List<Target> targets, Runnable progress, Deadline deadline) throws IOException {
        List<Target> open = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> shares = new ArrayList<>();
        for (int loop = 0; loop < loops; loop++) {
            List<Target> share = share(targets, loop);
            PacedSelector selector = selectors.apply(loop);
            shares.add(CompletableFuture.runAsync(() -> connectAll(selector, share, open, progress, deadline), command -> {
                Thread thread = new Thread(command, "tcp-sweep");
                thread.setDaemon(true);
                thread.start();
            }));
        }
        try {
            CompletableFuture.allOf(shares.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof ScanStoppedException stopped) {
                throw stopped;
            }
            throw e;
        }
        Set<Target> found = new HashSet<>(open);
        return targets.stream().filter(found::contains).toList();
    }

    private List<Target> share(List<Target> targets, int loop) {
        List<Target> share = new ArrayList<>(targets.size() / loops + 1);
        for (int i = loop; i < targets.size(); i += loops) {
            share.add(targets.get(i));
        }
        return share;
    }

    private void connectAll(PacedSelector selector, List<Target> targets, List<Target> open, Runnable progress, Deadline deadline) {
        try {
            selector.run(targets, new PacedSelector.Probe<>() {
                @Override
                public SelectionKey start(Target target, Selector on) throws IOException {
                    // IPv4 targets get an IPv4 socket: a dual-stack one costs a setsockopt and the kernel's mapped-address path.
                    SocketChannel channel = SocketChannel.open(target.address() instanceof Inet6Address
                            ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                    try {
                        channel.configureBlocking(false);
                        if (!channel.connect(target.socketAddress()) && !(finishAtOnce && channel.finishConnect())) {
                            return channel.register(on, SelectionKey.OP_CONNECT, target);
                        }
                        opened(channel, target, open);
                    } catch (IOException refused) {
                        // Closed: nothing listens there.
                    }
                    channel.close();
                    return null;
                }

                @Override
                public void ready(SelectionKey key) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (channel.finishConnect()) {
                            opened(channel, (Target) key.attachment(), open);
                        }
                    } catch (IOException refused) {
                        // Closed: nothing listens there.
                    }
                }

                @Override
                public void expired(SelectionKey key) {
                    // Filtered: no answer in time.
                }
            }, progress, deadline);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records an open port and makes the close a reset (SO_LINGER 0), so the service sees no half-done session and
     * no TIME_WAIT is left. A socket that connected to itself (the kernel picked the target port as its source port,
     * which happens on loopback in the ephemeral range) found no listener, and is not counted.
     */
    private static void opened(SocketChannel channel, Target target, List<Target> open) throws IOException {
        if (!channel.getLocalAddress().equals(channel.getRemoteAddress())) {
            open.add(target);
        }
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    }
}
