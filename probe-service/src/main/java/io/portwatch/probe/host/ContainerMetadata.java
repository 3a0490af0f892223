package io.portwatch.probe.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.PodInfo;
import io.portwatch.probe.config.ProbeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names containers and their pods from the container runtime's own files on the node, read-only and off
 * by default ({@code portwatch.probe.host-mode.container-metadata.*}): Docker's
 * {@code containers/<id>/config.v2.json} (its name and labels) and the OCI bundle {@code config.json} that
 * containerd and CRI-O write for each container (the kubelet's pod annotations). Each container is read
 * once and remembered while scans still see it.
 */
@ApplicationScoped
public class ContainerMetadata {

    private static final String ID = "{id}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The name and pod a runtime's file gives a container; any part may be missing. */
    record Names(String name, String podUid, String podNamespace, String podName) {
    }

    private final boolean enabled;
    private final List<String> files;
    private final Map<String, Optional<Names>> known = new HashMap<>();
    private final Set<String> describedSinceSweep = new HashSet<>();

    @Inject
    public ContainerMetadata(ProbeConfig config) {
        this(config.hostMode().containerMetadata().enabled(), config.hostMode().containerMetadata().files());
    }

    ContainerMetadata(boolean enabled, List<String> files) {
        this.enabled = enabled;
        this.files = files;
    }

    /** The container with its name and pod filled in from the runtime's files, where they say; unchanged when off. */
    public synchronized ContainerInfo describe(ContainerInfo container) {
        if (!enabled || container == null) {
            return container;
        }
        describedSinceSweep.add(container.id());
        Optional<Names> names = known.computeIfAbsent(container.id(), this::read);
        if (names.isEmpty()) {
            return container;
        }
        Names found = names.get();
        PodInfo pod = container.pod();
        String podUid = pod != null ? pod.uid() : found.podUid();
        if (podUid != null) {
            pod = new PodInfo(podUid, found.podNamespace(), found.podName());
        }
        return new ContainerInfo(container.id(), container.runtime(), found.name(), pod);
    }

    /** After a scan: forgets the containers it did not describe, so the memory is as large as the node's containers. */
    public synchronized void sweep() {
        known.keySet().retainAll(describedSinceSweep);
        describedSinceSweep.clear();
    }

    private Optional<Names> read(String id) {
        for (String pattern : files) {
            Path file = Path.of(pattern.replace(ID, id));
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(names(JSON.readTree(file.toFile())));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Docker's config.v2.json ({@code Name}, {@code Config.Labels}) or an OCI config.json ({@code annotations}). */
    static Names names(JsonNode config) {
        JsonNode labels = config.has("annotations") ? config.path("annotations") : config.path("Config").path("Labels");
        String dockerName = text(config.path("Name"));
        String name = dockerName != null ? dockerName.replaceFirst("^/", "")
                : first(labels, "io.kubernetes.cri.container-name", "io.kubernetes.container.name");
        return new Names(name,
                first(labels, "io.kubernetes.cri.sandbox-uid", "io.kubernetes.pod.uid"),
                first(labels, "io.kubernetes.cri.sandbox-namespace", "io.kubernetes.pod.namespace"),
                first(labels, "io.kubernetes.cri.sandbox-name", "io.kubernetes.pod.name"));
    }

    private static String first(JsonNode labels, String... keys) {
        for (String key : keys) {
            String value = text(labels.path(key));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A name as the runtime's file gives it, which whoever started the container chose: escaped and cut to the contract. */
    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? ControlCharacters.escapeAndCut(node.asText(), ContractLimits.NAME) : null;
    }
}
