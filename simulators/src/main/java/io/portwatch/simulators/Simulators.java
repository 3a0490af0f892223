package io.portwatch.simulators;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulated legacy services of the seed pages, on loopback: an ARMS responder on 3283/udp, ARD's
 * file service on 3283/tcp, AppleShare IP WebAdmin on 311/tcp and eppc on 3031/tcp+udp, plus optional
 * plain and bulk listeners and, when asked for, hostile services (control characters in HTTP headers, a
 * tarpit, an HTTPS-only admin page). Used by tests, benchmarks and the demo.
 */
public final class Simulators implements AutoCloseable {

    private final List<SimulatedService> services;

    private Simulators(List<SimulatedService> services) {
        this.services = services;
    }

    /** Starts every service the options ask for; closes the started ones if one cannot bind. */
    public static Simulators start(SimulatorOptions options) {
        List<SimulatedService> started = new ArrayList<>();
        try {
            if (options.services().contains("arms")) {
                started.add(new ArmsResponder(at(options, options.armsPort())));
            }
            if (options.services().contains("ard")) {
                started.add(new TcpService("ard", at(options, options.ardPort()), null));
            }
            if (options.services().contains("webadmin")) {
                started.add(new WebAdmin(at(options, options.webAdminPort())));
            }
            if (options.services().contains("eppc")) {
                started.add(new TcpService("eppc", at(options, options.eppcPort()), null));
                started.add(new SilentUdpService("eppc", at(options, options.eppcPort())));
            }
            if (options.services().contains("hostile-http")) {
                started.add(new HostileHttp(at(options, options.hostileHttpPort())));
            }
            if (options.services().contains("tarpit")) {
                started.add(new Tarpit(at(options, options.tarpitPort()), options.tarpitLifetime()));
            }
            if (options.services().contains("https-admin")) {
                started.add(new HttpsOnlyAdmin(at(options, options.httpsAdminPort())));
            }
            options.extraPorts().forEach(port -> started.add(new TcpService("tcp-" + port, at(options, port), null)));
            if (options.bulk() > 0) {
                started.add(new BulkListeners(at(options, 0), options.bulk()));
            }
            return new Simulators(List.copyOf(started));
        } catch (RuntimeException e) {
            started.forEach(SimulatedService::close);
            throw e;
        }
    }

    /** The running services. */
    public List<SimulatedService> services() {
        return services;
    }

    @Override
    public void close() {
        services.forEach(SimulatedService::close);
    }

    private static InetSocketAddress at(SimulatorOptions options, int port) {
        return new InetSocketAddress(options.bind(), port);
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        Simulators simulators;
        try {
            simulators = start(SimulatorOptions.parse(args));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("simulators: " + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
            System.err.println(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulators::close, "simulators-stop"));
        simulators.services().forEach(service -> System.out.println("simulators: " + service.describe()));
        System.out.println("simulators: ready");
        System.out.flush();
        Thread.currentThread().join();
    }
}
