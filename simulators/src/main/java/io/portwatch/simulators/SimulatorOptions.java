package io.portwatch.simulators;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to emulate and where, from the command line.
 *
 * @param bind            address every service binds to; loopback unless {@code allowNonLoopback}
 * @param services        which of arms, ard, webadmin, eppc and the hostile hostile-http, tarpit, https-admin to run
 * @param armsPort        ARMS status responder, udp
 * @param ardPort         ARD file service, tcp
 * @param webAdminPort    AppleShare IP WebAdmin, tcp
 * @param eppcPort        Remote Apple Events, tcp and udp
 * @param extraPorts      more plain TCP services (e.g. for the tcp-sweep benchmark)
 * @param bulk            how many idle listeners on ephemeral ports (host-inventory load)
 * @param hostileHttpPort the admin page with control characters in its headers, tcp
 * @param tarpitPort      the one-byte-per-second tarpit, tcp
 * @param tarpitLifetime  how long the tarpit keeps one connection
 * @param httpsAdminPort  the HTTPS-only admin page, tcp
 */
public record SimulatorOptions(InetAddress bind, Set<String> services, int armsPort, int ardPort, int webAdminPort,
        int eppcPort, List<Integer> extraPorts, int bulk, int hostileHttpPort, int tarpitPort, Duration tarpitLifetime,
        int httpsAdminPort) {

    /** The seed services, run unless {@code --services} says otherwise. */
    public static final Set<String> SEED_SERVICES = Set.of("arms", "ard", "webadmin", "eppc");
    /** Hostile services, for tests of hardening: run only when named in {@code --services}. */
    public static final Set<String> HOSTILE_SERVICES = Set.of("hostile-http", "tarpit", "https-admin");
    static final String USAGE = """
            usage: simulators [options]
              --bind ADDRESS          address to bind (default 127.0.0.1; loopback only unless --allow-non-loopback)
              --services LIST         of arms,ard,webadmin,eppc (default: these four; "none" for none) and the
                                      hostile hostile-http,tarpit,https-admin (off unless listed)
              --arms-port N           ARMS status responder, udp (default 3283)
              --ard-port N            ARD file service, tcp (default 3283)
              --webadmin-port N       AppleShare IP WebAdmin, plain HTTP asking for Basic credentials (default 311)
              --eppc-port N           Remote Apple Events, tcp and udp (default 3031)
              --extra-ports LIST      more plain TCP services, e.g. 8080,9000
              --bulk N                N idle TCP listeners on ephemeral ports (default 0)
              --hostile-http-port N   hostile-http: a 311-style page answering "HTTP/1.0 401 X" with NUL, ESC and BEL
                                      in its Server header and "WWW-Authenticate: Basic" (default 8311)
              --tarpit-port N         tarpit: sends one byte per second on every connection (default 2311)
              --tarpit-lifetime S     seconds the tarpit keeps one connection before closing it (default 300)
              --https-admin-port N    https-admin: HTTPS only (self-signed certificate made by keytool at start),
                                      401 Basic over TLS, nginx's 400 "The plain HTTP request was sent to
                                      HTTPS port" to plain HTTP (default 8443)
            Ports below 1024 need root or CAP_NET_BIND_SERVICE; use other ports (and tell the probe) otherwise.
            Runs until stopped (Ctrl-C or SIGTERM).""";

    /** Parses the command line; throws IllegalArgumentException with the reason on bad input. */
    public static SimulatorOptions parse(String... args) {
        String bind = "127.0.0.1";
        boolean allowNonLoopback = false;
        Set<String> services = new LinkedHashSet<>(SEED_SERVICES);
        int arms = 3283;
        int ard = 3283;
        int webAdmin = 311;
        int eppc = 3031;
        List<Integer> extra = new ArrayList<>();
        int bulk = 0;
        int hostileHttp = 8311;
        int tarpit = 2311;
        int tarpitLifetime = 300;
        int httpsAdmin = 8443;
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
                case "--hostile-http-port" -> hostileHttp = port(option, value);
                case "--tarpit-port" -> tarpit = port(option, value);
                case "--tarpit-lifetime" -> tarpitLifetime = positive(option, value);
                case "--https-admin-port" -> httpsAdmin = port(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        InetAddress address = address(bind);
        if (!address.isLoopbackAddress() && !allowNonLoopback) {
            throw new IllegalArgumentException(bind + " is not a loopback address; add --allow-non-loopback to bind it anyway");
        }
        return new SimulatorOptions(address, Set.copyOf(services), arms, ard, webAdmin, eppc, List.copyOf(extra), bulk, hostileHttp,
                tarpit, Duration.ofSeconds(tarpitLifetime), httpsAdmin);
    }

    private static Set<String> services(String value) {
        Set<String> services = new LinkedHashSet<>();
        if (value.equals("none")) {
            return services;
        }
        for (String service : value.split(",")) {
            if (!SEED_SERVICES.contains(service.trim()) && !HOSTILE_SERVICES.contains(service.trim())) {
                throw new IllegalArgumentException("unknown service " + service
                        + "; known: arms, ard, webadmin, eppc, hostile-http, tarpit, https-admin");
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

    private static int positive(String option, String value) {
        int number = count(option, value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return number;
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
