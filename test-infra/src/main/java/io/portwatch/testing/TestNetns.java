package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces that tests create with {@code ip netns} (root, iproute2), with loopback up, and the
 * python3 processes they run inside them. Nothing is sent anywhere: probe-service reads /proc.
 */
public final class TestNetns {

    private TestNetns() {
    }

    /** {@code ip netns add NAME}, then loopback up inside it. */
    public static void add(String name) {
        Commands.require("ip", "netns", "add", name);
        Commands.require("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
    }

    /**
     * Links the namespace to the test's own one with a veth pair ({@code <name>-h} here, {@code <name>-n} in it),
     * addressed {@code hostSide} and {@code namespaceSide} (CIDR form, e.g. {@code 10.203.0.1/30}): the namespace
     * becomes a host the test can reach, and traffic to it never leaves the machine. The pair goes with the
     * namespace. {@code name} is at most 13 characters (interface names hold 15).
     */
    public static void link(String name, String hostSide, String namespaceSide) {
        if (name.length() > 13) {
            throw new IllegalArgumentException("a linked namespace's name is at most 13 characters: " + name);
        }
        String here = name + "-h";
        String there = name + "-n";
        Commands.require("ip", "link", "add", here, "type", "veth", "peer", "name", there, "netns", name);
        Commands.require("ip", "addr", "add", hostSide, "dev", here);
        Commands.require("ip", "link", "set", here, "up");
        Commands.require("ip", "netns", "exec", name, "ip", "addr", "add", namespaceSide, "dev", there);
        Commands.require("ip", "netns", "exec", name, "ip", "link", "set", there, "up");
    }

    public static void delete(String name) {
        Commands.require("ip", "netns", "del", name);
    }

    /** Starts {@code /usr/bin/python3 SCRIPT ARGS} inside the namespace (stderr to the test's). */
    public static Process startPython(String name, Path script, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "/usr/bin/python3", script.toAbsolutePath().toString()));
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + script + " in " + name, e);
        }
    }
}
