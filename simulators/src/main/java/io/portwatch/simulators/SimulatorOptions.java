package io.portwatch.simulators;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to emulate and where, from the command line.
 *
 * @param bind         address every service binds to; loopback unless {@code allowNonLoopback}
 * @param services     which of arms, ard, webadmin, eppc to run
 * @param armsPort     ARMS status responder, udp
 * @param ardPort      ARD file service, tcp
 * @param webAdminPort AppleShare IP WebAdmin, tcp
 * @param eppcPort     Remote Apple Events, tcp and udp
 * @param extraPorts   more plain TCP services (e.g. for the tcp-sweep benchmark)
 * @param bulk         how many idle listeners on ephemeral ports (host-inventory load)
 */
public record SimulatorOptions(InetAddress bind, Set<String> services, int armsPort, int ardPort, int webAdminPort,
        int eppcPort, List<Integer> extraPorts, int bulk) {

    public static final Set<String> SERVICES = Set.of("arms", "ard", "webadmin", "eppc");
    static final String USAGE = """
            usage: simulators [options]
              --bind ADDRESS          address to bind (default 127.0.0.1; loopback only unless --allow-non-loopback)
              --services LIST         of arms,ard,webadmin,eppc (default all; "none" for none)
              --arms-port N           ARMS status responder, udp (default 3283)
              --ard-port N            ARD file service, tcp (default 3283)
              --webadmin-port N       AppleShare IP WebAdmin, plain HTTP asking for Basic credentials (default 311)
              --eppc-port N           Remote Apple Events, tcp and udp (default 3031)
              --extra-ports LIST      more plain TCP services, e.g. 8080,9000
              --bulk N                N idle TCP listeners on ephemeral ports (default 0)
            Ports below 1024 need root or CAP_NET_BIND_SERVICE; use other ports (and tell the probe) otherwise.
            Runs until stopped (Ctrl-C or SIGTERM).""";

    /** Parses the command line; throws IllegalArgumentException with the reason on bad input. */
    public static SimulatorOptions parse(String... args) {
        String bind = "127.0.0.1";
        boolean allowNonLoopback = false;
        Set<String> services = new LinkedHashSet<>(List.of("arms", "ard", "webadmin", "eppc"));
        int arms = 3283;
        int ard = 3283;
        int webAdmin = 311;
        int eppc = 3031;
        List<Integer> extra = new ArrayList<>();
        int bulk = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--allow-non-loopback")) {
                allowNonLoopback = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--bind" -> bind = value;
                case "--services" -> services = services(value);
                case "--arms-port" -> arms = port(option, value);
                case "--ard-port" -> ard = port(option, value);
                case "--webadmin-port" -> webAdmin = port(option, value);
                case "--eppc-port" -> eppc = port(option, value);
                case "--extra-ports" -> {
                    for (String port : value.split(",")) {
                        extra.add(port(option, port.trim()));
                    }
                }
                case "--bulk" -> bulk = count(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        InetAddress address = address(bind);
        if (!address.isLoopbackAddress() && !allowNonLoopback) {
            throw new IllegalArgumentException(bind + " is not a loopback address; add --allow-non-loopback to bind it anyway");
        }
        return new SimulatorOptions(address, Set.copyOf(services), arms, ard, webAdmin, eppc, List.copyOf(extra), bulk);
    }

    private static Set<String> services(String value) {
        Set<String> services = new LinkedHashSet<>();
        if (value.equals("none")) {
            return services;
        }
        for (String service : value.split(",")) {
            if (!SERVICES.contains(service.trim())) {
                throw new IllegalArgumentException("unknown service " + service + "; known: arms, ard, webadmin, eppc");
            }
            services.add(service.trim());
        }
        return services;
    }

    private static int port(String option, String value) {
        int port = count(option, value);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be a port from 1 to 65535, not " + value);
        }
        return port;
    }

    private static int count(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }

    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown bind address " + bind);
        }
    }
}
