package io.portwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portwatch.testing.LocalScripts;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An overlay of deploy/kubernetes as {@code kubectl kustomize} renders it, as JSON trees, one per object.
 *
 * @param name    the overlay's directory name ({@code dev}, {@code production})
 * @param objects every object it renders, in order
 */
record RenderedOverlay(String name, List<ObjectNode> objects) {

    static final Path KUBERNETES = LocalScripts.root().resolve("deploy/kubernetes");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final long DEADLINE_SECONDS = 60;

    static RenderedOverlay render(String overlay) {
        Path directory = KUBERNETES.resolve("overlays").resolve(overlay);
        Process kubectl;
        Path rendered;
        Path errors;
        try {
            // Both outputs to files: kubectl never blocks on a full pipe, and the deadline holds.
            rendered = Files.createTempFile("kustomize-" + overlay, ".yaml");
            errors = Files.createTempFile("kustomize-" + overlay, ".err");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try {
                kubectl = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                        .redirectOutput(rendered.toFile()).redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("kubectl (with Kustomize) is needed to render deploy/kubernetes and is not on the PATH: "
                        + "install kubectl 1.14 or newer", e);
            }
            if (!kubectl.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in " + DEADLINE_SECONDS + " s");
            }
            if (kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + Files.readString(errors));
            }
            List<ObjectNode> objects = YAML.readValues(YAML.createParser(rendered.toFile()), ObjectNode.class).readAll();
            return new RenderedOverlay(overlay, objects);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read what kubectl kustomize rendered for " + overlay, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + overlay, e);
        } finally {
            rendered.toFile().delete();
            errors.toFile().delete();
        }
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
    }

    /** The pod templates of the Deployments and DaemonSets, by workload name. */
    List<Workload> workloads() {
        return objects.stream()
                .filter(object -> List.of("Deployment", "DaemonSet", "StatefulSet").contains(object.path("kind").asText()))
                .map(object -> new Workload(object.path("kind").asText(), object.at("/metadata/namespace").asText(), name(object),
                        object.at("/spec/template/spec")))
                .toList();
    }

    /** The one workload of this kind and name. */
    Workload workload(String kind, String name) {
        return workloads().stream().filter(workload -> workload.kind().equals(kind) && workload.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " is not rendered"));
    }

    /** The {@code application.properties} of the ConfigMap {@code name}, as properties. */
    Properties applicationProperties(String configMap) {
        String text = ofKind("ConfigMap").stream().filter(object -> name(object).equals(configMap)).findFirst()
                .orElseThrow(() -> new AssertionError("ConfigMap " + configMap + " is not rendered"))
                .at("/data/application.properties").asText();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }

    /** A workload's pod spec. */
    record Workload(String kind, String namespace, String name, JsonNode pod) {

        /** The value of the first container's environment variable {@code name} (its {@code value}), or null. */
        JsonNode env(String name) {
            for (JsonNode variable : pod.at("/containers/0/env")) {
                if (variable.path("name").asText().equals(name)) {
                    return variable;
                }
            }
            return null;
        }

        /** The first container's volume mount of the volume {@code volume}, or a missing node. */
        JsonNode mount(String volume) {
            for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
                if (mount.path("name").asText().equals(volume)) {
                    return mount;
                }
            }
            return MissingNode.getInstance();
        }

        /** The pod's volume {@code volume}, or a missing node. */
        JsonNode volume(String volume) {
            for (JsonNode candidate : pod.path("volumes")) {
                if (candidate.path("name").asText().equals(volume)) {
                    return candidate;
                }
            }
            return MissingNode.getInstance();
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
