package io.portwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.deploy.RenderedOverlay.Workload;
import io.portwatch.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each overlay of deploy/kubernetes, rendered by kubectl kustomize: every object valid against its schema
 * (unknown fields rejected), every pod locked down, every topic and service with its KafkaTopic and
 * KafkaUser, and only the permissions the code uses.
 */
class KubernetesManifestsTest {

    /** The probe DaemonSet's only additions: to map the node's sockets to processes through /proc. */
    private static final Set<String> PROBE_HOST_CAPABILITIES = Set.of("SYS_PTRACE", "DAC_READ_SEARCH");
    private static final String PROBE_DAEMONSET = "probe-service";
    /** probe-service's packaged jar serves health and metrics on its management interface (port name). */
    private static final String PROBE_IMAGE = "portwatch/probe-service";
    /** The prefix of every alert route's topic ({@code portwatch.alerts.<route>}). */
    private static final String ROUTES = Topics.ALERTS + ".";
    /** The topic notifier-service parks what it could not deliver on, and the prefix of its consumer groups. */
    private static final String UNDELIVERABLE = Topics.ALERTS + ".undeliverable";
    private static final String NOTIFIER_GROUPS = "portwatch-notifier-";
    /** Kafka's listener for host probes outside the cluster (deploy/macos's probe.properties.template). */
    private static final String EXTERNAL_LISTENER = "external";
    static final int EXTERNAL_PORT = 9094;

    static Stream<RenderedOverlay> overlays() {
        return Stream.of("dev", "production").map(RenderedOverlay::render);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectIsValidAgainstItsSchema(RenderedOverlay overlay) {
        StrictSchemas schemas = new StrictSchemas();
        Map<String, List<String>> violations = overlay.objects().stream()
                .collect(Collectors.toMap(object -> object.path("apiVersion").asText() + " " + object.path("kind").asText() + " "
                                + object.at("/metadata/namespace").asText() + "/" + RenderedOverlay.name(object),
                        schemas::violations, (a, b) -> { List<String> both = new ArrayList<>(a); both.addAll(b); return both; },
                        java.util.LinkedHashMap::new));
        violations.values().removeIf(List::isEmpty);

        assertThat(overlay.objects()).hasSizeGreaterThan(30);
        assertThat(violations).as("objects that do not match their schema").isEmpty();
    }

    /** The vendored Strimzi 1.0.0 CRDs refuse what Strimzi's v1 API removed, and an object of the old API has no schema. */
    @Test
    void strimziObjectsAreCheckedAgainstStrimzi1() {
        StrictSchemas schemas = new StrictSchemas();
        ObjectNode kafka = RenderedOverlay.render("production").ofKind("Kafka").get(0);
        assertThat(schemas.violations(kafka)).isEmpty();

        ObjectNode zookeeper = kafka.deepCopy();
        ((ObjectNode) zookeeper.path("spec")).putObject("zookeeper").put("replicas", 3);
        ObjectNode replicas = kafka.deepCopy();
        ((ObjectNode) replicas.at("/spec/kafka")).put("replicas", 3);
        ObjectNode beta = kafka.deepCopy().put("apiVersion", "kafka.strimzi.io/v1beta2");

        assertThat(schemas.violations(zookeeper)).anySatisfy(violation -> assertThat(violation).contains("zookeeper"));
        assertThat(schemas.violations(replicas)).anySatisfy(violation -> assertThat(violation).contains("replicas"));
        assertThat(schemas.violations(beta)).containsExactly("no schema known for kafka.strimzi.io/v1beta2/Kafka");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyPodIsLockedDown(RenderedOverlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            JsonNode pod = workload.pod();
            boolean probeHost = workload.kind().equals("DaemonSet") && workload.name().equals(PROBE_DAEMONSET);
            check(problems, workload, "automountServiceAccountToken: false", pod.path("automountServiceAccountToken").isBoolean()
                    && !pod.path("automountServiceAccountToken").asBoolean());
            check(problems, workload, "no host namespaces", probeHost || !(pod.path("hostNetwork").asBoolean()
                    || pod.path("hostPID").asBoolean() || pod.path("hostIPC").asBoolean()));
            for (JsonNode container : containers(pod)) {
                String where = workload + " container " + container.path("name").asText();
                JsonNode security = container.path("securityContext");
                check(problems, where, "not privileged", !security.path("privileged").asBoolean(false));
                check(problems, where, "allowPrivilegeEscalation: false", security.path("allowPrivilegeEscalation").isBoolean()
                        && !security.path("allowPrivilegeEscalation").asBoolean());
                check(problems, where, "readOnlyRootFilesystem", security.path("readOnlyRootFilesystem").asBoolean(false));
                check(problems, where, "drops ALL capabilities", texts(security.at("/capabilities/drop")).contains("ALL"));
                check(problems, where, "adds only what it must", probeHost
                        ? texts(security.at("/capabilities/add")).equals(PROBE_HOST_CAPABILITIES)
                        : texts(security.at("/capabilities/add")).isEmpty());
                check(problems, where, "seccomp RuntimeDefault", "RuntimeDefault".equals(
                        either(security, pod.path("securityContext"), "/seccompProfile/type")));
                check(problems, where, "runAsNonRoot", probeHost
                        || "true".equals(either(security, pod.path("securityContext"), "/runAsNonRoot")));
                for (String resource : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/cpu", "/resources/limits/memory")) {
                    check(problems, where, resource, !container.at(resource).isMissingNode());
                }
                String healthPort = container.path("image").asText().startsWith(PROBE_IMAGE) ? "management" : "http";
                for (Map.Entry<String, String> probe : Map.of("startupProbe", "/q/health/started",
                        "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live").entrySet()) {
                    check(problems, where, probe.getKey() + " on " + probe.getValue(),
                            probe.getValue().equals(container.path(probe.getKey()).at("/httpGet/path").asText()));
                    check(problems, where, probe.getKey() + " on port " + healthPort,
                            healthPort.equals(container.path(probe.getKey()).at("/httpGet/port").asText()));
                }
            }
        }
        for (ObjectNode account : overlay.ofKind("ServiceAccount")) {
            check(problems, "ServiceAccount " + RenderedOverlay.name(account), "automountServiceAccountToken: false",
                    account.path("automountServiceAccountToken").isBoolean() && !account.path("automountServiceAccountToken").asBoolean());
        }

        assertThat(overlay.workloads()).extracting(Workload::toString)
                .contains("Deployment registry-service", "Deployment alert-service", "DaemonSet probe-service", "Deployment probe-network",
                        "Deployment notifier-service");
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theHostProbeReadsTheNodesProcReadOnly(RenderedOverlay overlay) {
        Workload probe = overlay.workload("DaemonSet", PROBE_DAEMONSET);
        JsonNode container = probe.pod().at("/containers/0");
        Map<String, String> hostPaths = new java.util.HashMap<>();
        probe.pod().path("volumes").forEach(volume -> {
            if (volume.has("hostPath")) {
                hostPaths.put(volume.path("name").asText(), volume.at("/hostPath/path").asText());
            }
        });
        String config = overlay.ofKind("ConfigMap").stream()
                .filter(configMap -> RenderedOverlay.name(configMap).equals(PROBE_DAEMONSET + "-config"))
                .findFirst().orElseThrow().at("/data/application.properties").asText();

        assertThat(probe.pod().path("hostPID").asBoolean()).isTrue();
        assertThat(probe.pod().path("hostNetwork").asBoolean()).isTrue();
        assertThat(hostPaths).containsEntry("proc", "/proc");
        assertThat(container.path("volumeMounts").findValuesAsText("name")).as("the node's /proc is mounted").contains("proc");
        assertThat(probe.pod().path("containers")).hasSize(1);
        assertThat(probe.pod().path("initContainers")).isEmpty();
        // Every host path read-only but the node's enrolled identity (FleetDeploymentTest).
        assertThat(hostPaths).containsEntry(FleetDeploymentTest.STATE_VOLUME, FleetDeploymentTest.STATE_DIRECTORY);
        container.path("volumeMounts").forEach(mount -> {
            if (hostPaths.containsKey(mount.path("name").asText()) && !mount.path("name").asText().equals(FleetDeploymentTest.STATE_VOLUME)) {
                assertThat(mount.path("readOnly").asBoolean()).as("hostPath " + mount.path("name").asText() + " read-only").isTrue();
            }
            if (mount.path("name").asText().equals("proc")) {
                assertThat(config).contains("portwatch.probe.host-mode.proc-root=" + mount.path("mountPath").asText());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void alertServiceRunsTheThroughputCollectorWithHalfItsHeapYoung(RenderedOverlay overlay) {
        JsonNode alert = overlay.workloads().stream()
                .filter(workload -> workload.kind().equals("Deployment") && workload.name().equals("alert-service"))
                .findFirst().orElseThrow().pod().at("/containers/0");
        List<String> appended = new ArrayList<>();
        alert.path("env").forEach(variable -> {
            if (variable.path("name").asText().equals("JAVA_OPTS_APPEND")) {
                appended.add(variable.path("value").asText());
            }
        });

        assertThat(appended).as("JAVA_OPTS_APPEND of alert-service").containsExactly("-XX:+UseParallelGC -XX:NewRatio=1");
    }

    /**
     * Production serves the console through an Ingress: its host reaches alert-service's /console and API, the
     * registry's host its API; alert-service tells browsers that registry URL and registry-service allows the console's
     * origin (CORS), and a NetworkPolicy lets the ingress controller reach registry-service.
     */
    @Test
    void productionServesTheConsoleAndTheRegistryThroughOneIngress() {
        RenderedOverlay production = RenderedOverlay.render("production");
        ObjectNode ingress = production.ofKind("Ingress").stream().filter(object -> RenderedOverlay.name(object).equals("portwatch-console"))
                .findFirst().orElseThrow(() -> new AssertionError("Ingress portwatch-console is not rendered"));
        Map<String, String> backendByHostPath = new TreeMap<>();
        for (JsonNode rule : ingress.at("/spec/rules")) {
            for (JsonNode path : rule.at("/http/paths")) {
                backendByHostPath.put(rule.path("host").asText() + path.path("path").asText(), path.at("/backend/service/name").asText());
            }
        }
        String alertUrl = "https://" + hostServing(backendByHostPath, "alert-service", "/console");
        String registryUrl = "https://" + hostServing(backendByHostPath, "registry-service", "/api/v1");
        assertThat(backendByHostPath).containsEntry(hostServing(backendByHostPath, "alert-service", "/console") + "/api/v1", "alert-service");
        assertThat(production.workload("Deployment", "alert-service").env("PORTWATCH_ALERT_CONSOLE_REGISTRY_URL").path("value").asText())
                .isEqualTo(registryUrl);
        assertThat(production.workload("Deployment", "registry-service").env("PORTWATCH_REGISTRY_CONSOLE_ORIGINS").path("value").asText())
                .isEqualTo(alertUrl);
        assertThat(production.ofKind("NetworkPolicy")).anySatisfy(policy -> {
            assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("registry-service");
            assertThat(policy.at("/spec/ingress/0/from/0/namespaceSelector").isObject()).isTrue();
            assertThat(policy.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
        });
    }

    /**
     * Production's brokers serve their JMX metrics through Strimzi's JMX exporter, with rules from a ConfigMap that
     * is rendered with the key the Kafka names, and a PodMonitor scrapes the port Strimzi opens for them.
     */
    @Test
    void productionKafkaExportsItsMetricsAndIsScraped() {
        RenderedOverlay production = RenderedOverlay.render("production");
        JsonNode metrics = production.ofKind("Kafka").get(0).at("/spec/kafka/metricsConfig");
        assertThat(metrics.path("type").asText()).isEqualTo("jmxPrometheusExporter");
        JsonNode reference = metrics.at("/valueFrom/configMapKeyRef");
        ObjectNode configMap = production.ofKind("ConfigMap").stream()
                .filter(object -> RenderedOverlay.name(object).equals(reference.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("the Kafka's metrics ConfigMap " + reference + " is not rendered"));
        assertThat(configMap.at("/data").path(reference.path("key").asText()).asText()).contains("rules:", "kafka.server<type=ReplicaManager");
        assertThat(production.ofKind("PodMonitor")).anySatisfy(monitor -> {
            assertThat(monitor.at("/spec/selector/matchLabels/strimzi.io~1kind").asText()).isEqualTo("Kafka");
            assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("tcp-prometheus");
        });
    }

    private static String hostServing(Map<String, String> backendByHostPath, String service, String path) {
        return backendByHostPath.entrySet().stream().filter(entry -> entry.getValue().equals(service) && entry.getKey().endsWith(path))
                .map(entry -> entry.getKey().substring(0, entry.getKey().length() - path.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no Ingress path " + path + " reaches " + service));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theNamespaceDeniesEveryFlowItDoesNotAllow(RenderedOverlay overlay) {
        assertThat(overlay.ofKind("NetworkPolicy"))
                .as("a default deny: every pod, ingress and egress, no rule")
                .anySatisfy(policy -> {
                    assertThat(policy.at("/spec/podSelector").isEmpty()).isTrue();
                    assertThat(texts(policy.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
                    assertThat(policy.at("/spec/ingress").isMissingNode() && policy.at("/spec/egress").isMissingNode()).isTrue();
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyTopicHasItsKafkaTopic(RenderedOverlay overlay) {
        Map<String, JsonNode> topics = overlay.ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                topic -> topic.at("/spec/topicName").asText(RenderedOverlay.name(topic)), Function.identity()));

        for (TopicsConf.Topic topic : TopicsConf.read()) {
            assertThat(topics).as("KafkaTopic of " + topic.name()).containsKey(topic.name());
            JsonNode spec = topics.get(topic.name()).path("spec");
            assertThat(spec.path("partitions").asInt()).as(topic.name() + " partitions").isEqualTo(topic.partitions());
            assertThat(spec.at("/config/cleanup.policy").asText("delete")).as(topic.name() + " cleanup.policy")
                    .isEqualTo(topic.config().getOrDefault("cleanup.policy", "delete"));
            for (String checked : List.of("message.timestamp.type", "max.message.bytes")) {
                assertThat(spec.at("/config/" + checked).asText(null)).as(topic.name() + " " + checked)
                        .isEqualTo(topic.config().get(checked));
            }
        }
        assertThat(topics).containsKeys(Topics.PORT_KNOWLEDGE, Topics.PORT_KNOWLEDGE_DLQ, Topics.LISTENERS, Topics.LISTENERS_DLQ, Topics.ALERTS,
                Topics.alertRoute("paging"), Topics.PROBE_HEARTBEATS, Topics.PROBE_HEARTBEATS_DLQ);
        assertThat(TopicsConf.read()).extracting(TopicsConf.Topic::name).contains(Topics.PROBE_HEARTBEATS, Topics.PROBE_HEARTBEATS_DLQ);
        // Only the latest heartbeat of a probe matters: a day, not the listener topic's week.
        assertThat(topics.get(Topics.PROBE_HEARTBEATS).at("/spec/config/retention.ms").asLong()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(topics.get(Topics.PROBE_HEARTBEATS).at("/spec/config/cleanup.policy").asText()).isEqualTo("delete");
        assertThat(topics.get(Topics.PORT_KNOWLEDGE).at("/spec/config/cleanup.policy").asText()).isEqualTo("compact");
        int replicas = overlay.name().equals("production") ? 3 : 1;
        assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(replicas));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceHasAKafkaUserWithTheAclsItsCodeUsesAndNoMore(RenderedOverlay overlay) {
        Map<String, Set<String>> acls = overlay.ofKind("KafkaUser").stream().collect(Collectors.toMap(RenderedOverlay::name, user -> {
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("tls");
            Set<String> granted = new TreeSet<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                // Only allow rules (deny rules grant nothing, but none are expected), from any host.
                assertThat(acl.path("type").asText("allow")).as("ACL type").isEqualTo("allow");
                Set<String> operations = texts(acl.path("operations"));
                if (acl.has("operation")) {
                    operations.add(acl.path("operation").asText()); // the deprecated singular form counts too
                }
                for (String operation : operations) {
                    granted.add(acl.at("/resource/type").asText() + ":" + acl.at("/resource/name").asText() + ":"
                            + acl.at("/resource/patternType").asText("literal") + ":" + operation);
                }
            }
            return granted;
        }));

        Set<String> probeWrites = Set.of(
                "topic:" + Topics.LISTENERS + ":literal:Write", "topic:" + Topics.LISTENERS + ":literal:Describe",
                "topic:" + Topics.PROBE_HEARTBEATS + ":literal:Write", "topic:" + Topics.PROBE_HEARTBEATS + ":literal:Describe");
        assertThat(acls).isEqualTo(Map.of(
                "probe-service", probeWrites,
                // Host probes outside the cluster (deploy/macos): the same writes, under a certificate of their own.
                "probe-external", probeWrites,
                "alert-service", Set.of(
                        "topic:" + Topics.LISTENERS + ":literal:Read", "topic:" + Topics.LISTENERS + ":literal:Describe",
                        "group:alert-service:literal:Read",
                        "topic:" + Topics.PORT_KNOWLEDGE + ":literal:Read", "topic:" + Topics.PORT_KNOWLEDGE + ":literal:Describe",
                        "topic:" + Topics.ALERTS + ":literal:Write", "topic:" + Topics.ALERTS + ":literal:Read",
                        "topic:" + Topics.ALERTS + ":literal:Describe",
                        "topic:" + ROUTES + ":prefix:Write", "topic:" + ROUTES + ":prefix:Read",
                        "topic:" + ROUTES + ":prefix:Describe",
                        "topic:" + Topics.LISTENERS_DLQ + ":literal:Write", "topic:" + Topics.LISTENERS_DLQ + ":literal:Describe",
                        "topic:" + Topics.PORT_KNOWLEDGE_DLQ + ":literal:Write", "topic:" + Topics.PORT_KNOWLEDGE_DLQ + ":literal:Describe",
                        "topic:" + Topics.PROBE_HEARTBEATS + ":literal:Read", "topic:" + Topics.PROBE_HEARTBEATS + ":literal:Describe",
                        "topic:" + Topics.PROBE_HEARTBEATS_DLQ + ":literal:Write",
                        "topic:" + Topics.PROBE_HEARTBEATS_DLQ + ":literal:Describe"),
                // People running `portwatch alerts --follow`: reads of the alert topics, no group, no write.
                "portwatch-analyst", Set.of(
                        "topic:" + Topics.ALERTS + ":literal:Read", "topic:" + Topics.ALERTS + ":literal:Describe",
                        "topic:" + ROUTES + ":prefix:Read", "topic:" + ROUTES + ":prefix:Describe"),
                "registry-service", Set.of(
                        "topic:" + Topics.PORT_KNOWLEDGE + ":literal:Write", "topic:" + Topics.PORT_KNOWLEDGE + ":literal:Read",
                        "topic:" + Topics.PORT_KNOWLEDGE + ":literal:Describe"),
                "notifier-service", Set.of(
                        "topic:" + Topics.ALERTS + ":literal:Read", "topic:" + Topics.ALERTS + ":literal:Describe",
                        "topic:" + ROUTES + ":prefix:Read", "topic:" + ROUTES + ":prefix:Describe",
                        "group:" + NOTIFIER_GROUPS + ":prefix:Read",
                        "topic:" + UNDELIVERABLE + ":literal:Write", "topic:" + UNDELIVERABLE + ":literal:Describe")));
        // Each output's consumer group is covered by the notifier's group prefix.
        for (String output : List.of("alertmanager", "webhook", "ocsf", "slack")) {
            assertThat(ServiceConfig.property("notifier-service", "mp.messaging.incoming." + output + ".group.id")).startsWith(NOTIFIER_GROUPS);
        }
        assertThat(ServiceConfig.consumerGroup("alert-service")).isEqualTo("alert-service");
        // Heartbeats are read in the same group (the one group ACL covers both streams).
        assertThat(ServiceConfig.property("alert-service", "mp.messaging.incoming.probe-heartbeats.group.id")).isIn(null, "alert-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void probesOutsideTheClusterReachKafkaOnlyThroughAnExternalTlsListenerWithClientCertificates(RenderedOverlay overlay) {
        ObjectNode kafka = overlay.ofKind("Kafka").get(0);
        Map<String, JsonNode> listeners = new TreeMap<>();
        kafka.at("/spec/kafka/listeners").forEach(listener -> listeners.put(listener.path("name").asText(), listener));

        assertThat(listeners).containsOnlyKeys("tls", EXTERNAL_LISTENER);
        assertThat(listeners.values()).allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as("tls of " + listener).isTrue();
            assertThat(listener.at("/authentication/type").asText()).as("authentication of " + listener).isEqualTo("tls");
        });
        JsonNode external = listeners.get(EXTERNAL_LISTENER);
        assertThat(external.path("port").asInt()).isEqualTo(EXTERNAL_PORT);
        assertThat(external.path("type").asText()).isEqualTo(overlay.name().equals("production") ? "loadbalancer" : "nodeport");
        // The Kafka pods take the external port from any source (the Macs are outside the cluster), and no other new one.
        assertThat(overlay.ofKind("NetworkPolicy")).filteredOn(policy -> RenderedOverlay.name(policy).equals("allow-kafka")).singleElement()
                .satisfies(policy -> assertThat(policy.at("/spec/ingress")).anySatisfy(rule -> {
                    assertThat(rule.has("from")).as("a rule for any source").isFalse();
                    assertThat(rule.at("/ports/0/port").asInt()).isEqualTo(EXTERNAL_PORT);
                    assertThat(rule.path("ports")).hasSize(1);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyConfigMapKeyIsOneTheServiceReads(RenderedOverlay overlay) {
        List<ObjectNode> configMaps = overlay.ofKind("ConfigMap").stream()
                .filter(configMap -> configMap.at("/data/application.properties").isTextual())
                .toList();

        assertThat(configMaps).extracting(RenderedOverlay::name)
                .contains("registry-service-config", "alert-service-config", "probe-service-config", "probe-network-config",
                        "notifier-service-config");
        for (ObjectNode configMap : configMaps) {
            String service = RenderedOverlay.name(configMap).startsWith("probe") ? "probe-service"
                    : RenderedOverlay.name(configMap).replace("-config", "");
            assertThat(ServiceConfig.unknownKeys(service, configMap.at("/data/application.properties").asText()))
                    .as("keys of " + RenderedOverlay.name(configMap) + " that " + service + " does not read").isEmpty();
        }
    }

    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> containers = new ArrayList<>();
        pod.path("containers").forEach(containers::add);
        pod.path("initContainers").forEach(containers::add);
        return containers;
    }

    /** The container's setting, or the pod's when the container has none. */
    private static String either(JsonNode container, JsonNode pod, String pointer) {
        return container.at(pointer).isMissingNode() ? pod.at(pointer).asText() : container.at(pointer).asText();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static void check(List<String> problems, Object where, String what, boolean ok) {
        if (!ok) {
            problems.add(where + ": " + what);
        }
    }
}
