package io.portwatch.deploy;

import io.portwatch.testing.LocalScripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The topics of deploy/local/topics.conf, the local broker's list of the topics of ARCHITECTURE.md. */
final class TopicsConf {

    record Topic(String name, int partitions, Map<String, String> config) {
    }

    private TopicsConf() {
    }

    static List<Topic> read() {
        try {
            return Files.readAllLines(LocalScripts.root().resolve("deploy/local/topics.conf")).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .map(fields -> new Topic(fields[0], Integer.parseInt(fields[1]), fields.length < 3 ? Map.of()
                            : Arrays.stream(fields[2].split(",")).map(config -> config.split("=", 2))
                                    .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
