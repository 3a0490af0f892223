package io.portwatch.probe.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.time.Duration;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A TCP connect sweep (what {@code nmap -sT} does): a port is open when the handshake completes (the connection is
 * then reset at once), closed when refused, filtered when the connect times out. The targets are dealt to one loop
 * per core; the loops share the scan's rate limiter, so the scan's pace is the configured one whatever the number
 * of loops.
 * <p>
 * With a {@link LoopbackConnect} timeout, a loop first connects to its loopback targets one at a time with a blocking
 * socket, which the connect call decides (see there); the first of them to time out sends the loop's remaining
 * loopback targets to the selector, so a filtered loopback address costs one timeout, not one a port. Every other
 * target goes through the loop's non-blocking selector. With {@code finishAtOnce}, a non-blocking connect is asked
 * for its outcome right after it is made (a peer on this machine behind another address answers within the call),
 * sparing a decided port the selector's registration, wait and deregistration; a connect still under way is left
 * to the selector. The outcome is the same on every path.
 */
final class TcpConnectSweep {

    private static final long LONGEST_WATCHDOG_TICK_NANOS = 250_000_000L;
    private static final long SHORTEST_WATCHDOG_TICK_NANOS = 10_000_000L;

    private final IntFunction<PacedSelector> selectors;
    private final int loops;
    private final boolean finishAtOnce;
    private final RateLimiter limiter;
    private final Duration loopbackTimeout;
    private final ScheduledExecutorService watchdog;

    /**
     * A sweep through the selectors only.
     *
     * @param selectors    makes the selector loop for one of {@code loops} shares of the targets
     * @param finishAtOnce whether a connect's outcome is asked for at once, before the selector waits for it
     */
    TcpConnectSweep(IntFunction<PacedSelector> selectors, int loops, boolean finishAtOnce) {
        this(selectors, loops, finishAtOnce, null, null, null);
    }

    /**
     * A sweep that decides loopback targets in the connect call.
     *
     * @param limiter         the scan's rate limiter (the one the selectors take their permits from)
     * @param loopbackTimeout how long a blocking loopback connect may take before the port counts as filtered
     * @param watchdog        runs the check that closes a loopback connect past its timeout (on the JDK's path: the
     *                        libc path's sockets time out by themselves)
     */
    TcpConnectSweep(IntFunction<PacedSelector> selectors, int loops, boolean finishAtOnce, RateLimiter limiter, Duration loopbackTimeout,
                    ScheduledExecutorService watchdog) {
        this.selectors = selectors;
        this.loops = loops;
        this.finishAtOnce = finishAtOnce;
        this.limiter = limiter;
        this.loopbackTimeout = loopbackTimeout;
        this.watchdog = watchdog;
    }

    /** Connects to every target once; returns the open ones, in target order. */
    List<Target> sweep(List<Target> targets, Runnable progress, Deadline deadline) throws IOException {
        List<Target> open = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> shares = new ArrayList<>();
        List<LoopbackConnect> loopback = new ArrayList<>();
        for (int loop = 0; loop < loops; loop++) {
            List<Target> share = share(targets, loop);
            PacedSelector selector = selectors.apply(loop);
            LoopbackConnect connects = loopbackTimeout == null ? null : new LoopbackConnect(loopbackTimeout);
            if (connects != null && !connects.cutsItself()) {
                loopback.add(connects);
            }
            shares.add(CompletableFuture.runAsync(() -> {
                List<Target> rest = connects == null ? share : connectLoopback(connects, share, open, progress, deadline);
                if (!rest.isEmpty()) {
                    connectAll(selector, rest, open, progress, deadline);
                }
            }, command -> {
                Thread thread = new Thread(command, "tcp-sweep");
                thread.setDaemon(true);
                thread.start();
            }));
        }
        ScheduledFuture<?> cuts = loopback.isEmpty() ? null : watch(loopback);
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
        } finally {
            if (cuts != null) {
                cuts.cancel(false);
            }
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

    /** Checks the loops' loopback connects a few times per connect timeout, and cuts those past it. */
    private ScheduledFuture<?> watch(List<LoopbackConnect> loopback) {
        long tick = Math.max(SHORTEST_WATCHDOG_TICK_NANOS, Math.min(LONGEST_WATCHDOG_TICK_NANOS, loopbackTimeout.toNanos() / 4));
        return watchdog.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            loopback.forEach(connects -> connects.cutIfOverdue(now));
        }, tick, tick, TimeUnit.NANOSECONDS);
    }

    /**
     * Connects to the share's loopback targets in the call, one at a time, each after a permit of the rate limiter;
     * returns the targets left for the selector: those off loopback, and every loopback one after the first that
     * timed out.
     *
     * @throws ScanStoppedException when the deadline passes (checked before every connect, and while waiting for a permit)
     */
    private List<Target> connectLoopback(LoopbackConnect connects, List<Target> share, List<Target> open, Runnable progress, Deadline deadline) {
        List<Target> rest = new ArrayList<>();
        boolean timedOut = false;
        for (Target target : share) {
            if (timedOut || !LoopbackConnect.decidedInTheCall(target.address())) {
                rest.add(target);
                continue;
            }
            limiter.acquire(deadline);
            try {
                switch (connects.connect(target)) {
                    case OPEN -> open.add(target);
                    case CLOSED -> { }
                    case TIMED_OUT -> timedOut = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // no socket could be made: the scan fails, as on the selector's path
            }
            progress.run();
        }
        return rest;
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
