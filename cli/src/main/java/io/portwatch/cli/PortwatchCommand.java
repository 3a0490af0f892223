package io.portwatch.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code portwatch}: the commands. */
@TopCommand
@Command(name = "portwatch", mixinStandardHelpOptions = true, version = "portwatch 0.1.0",
        description = "Look up ports, list findings, assets and probes, follow alerts and start scans of a running Portwatch.",
        subcommands = {LookupCommand.class, FindingsCommand.class, SuppressionsCommand.class, AssetsCommand.class, ProbesCommand.class,
                AlertsCommand.class, ScanCommand.class, CompletionCommand.class},
        footer = {"", "Exit codes: 0 done, 1 nothing found, 2 bad usage, 3 a service or the broker unreachable or refusing, 4 timed out.",
                "Services: PORTWATCH_REGISTRY_URL, PORTWATCH_ALERT_URL, PORTWATCH_PROBE_URL, PORTWATCH_BOOTSTRAP_SERVERS; Kafka client "
                        + "settings (TLS) as the services take them: kafka.* properties or KAFKA_* variables.",
                "PORTWATCH_TOKEN: a bearer token, sent with every request when set (reads need a viewer token where anonymous reads are off)."})
public class PortwatchCommand {
}
