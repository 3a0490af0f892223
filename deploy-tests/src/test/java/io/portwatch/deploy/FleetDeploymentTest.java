package io.portwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.deploy.RenderedOverlay.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trusted fleet as each overlay deploys it (docs/fleet.md, issue 21): per-node enrolment of the host probes,
 * the probe DaemonSet alone in a "privileged" namespace and everything else "restricted", off the control plane,
 * every service checking its own token audience, signed events required, reads closed, passwords only as files,
 * and the probe's API on loopback with health on its management port.
 */
class FleetDeploymentTest {

    static final String STATE_VOLUME = "state";
    static final String STATE_DIRECTORY = "/var/lib/portwatch-probe";
    private static final String NAMESPACE = "portwatch";
    private static final String PROBES_NAMESPACE = "portwatch-probes";
    private static final String PROBE_DAEMONSET = "probe-service";
    private static final String MANAGEMENT_PORT = "9083";
    private static final String ENROL_SECRET = "portwatch-fleet-enrol";
    private static final Map<String, String> AUDIENCES = Map.of(
            "registry-service-config", "portwatch-registry",
            "alert-service-config", "portwatch-alert",
            "probe-service-config", "portwatch-probe",
            "probe-network-config", "portwatch-probe");

    static Stream<RenderedOverlay> overlays() {
        return KubernetesManifestsTest.overlays();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eachHostProbeEnrolsAsItsOwnNode(RenderedOverlay overlay) {
        Workload probe = overlay.workload("DaemonSet", PROBE_DAEMONSET);
        Properties config = overlay.applicationProperties("probe-service-config");
        JsonNode nodeName = probe.env("NODE_NAME");

        assertThat(nodeName).as("NODE_NAME").isNotNull();
        assertThat(nodeName.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("spec.nodeName");
        assertThat(config.getProperty("portwatch.probe.host.id")).isEqualTo("${NODE_NAME}");
        // The enrol secret: a file of a mounted Secret.
        assertThat(Path.of(config.getProperty("portwatch.probe.enrolment.secret-file")).getParent().toString())
                .isEqualTo(probe.mount("fleet-enrol").path("mountPath").asText());
        assertThat(probe.volume("fleet-enrol").at("/secret/secretName").asText()).isEqualTo(ENROL_SECRET);
        assertThat(probe.mount("fleet-enrol").path("readOnly").asBoolean()).isTrue();
        // The identity it yields: on the node, so a new pod of the same node reuses it.
        assertThat(probe.volume(STATE_VOLUME).at("/hostPath/path").asText()).isEqualTo(STATE_DIRECTORY);
        assertThat(probe.mount(STATE_VOLUME).path("mountPath").asText()).isEqualTo(STATE_DIRECTORY);
        assertThat(Path.of(config.getProperty("portwatch.probe.enrolment.state-file")).getParent().toString()).isEqualTo(STATE_DIRECTORY);
        // alert-service, across namespaces, on its Service's port.
        assertThat(config.getProperty("portwatch.probe.enrolment.url")).isEqualTo("http://alert-service." + NAMESPACE + ".svc:8080");
        assertThat(service(overlay, NAMESPACE, "alert-service").at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(config.getProperty("kafka.bootstrap.servers")).startsWith("portwatch-kafka-bootstrap." + NAMESPACE + ".svc:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theNetworkProbeKeepsItsIdentityOnAVolumeOfItsOwn(RenderedOverlay overlay) {
        Workload probe = overlay.workload("Deployment", "probe-network");
        Properties config = overlay.applicationProperties("probe-network-config");

        assertThat(probe.volume(STATE_VOLUME).at("/persistentVolumeClaim/claimName").asText()).isEqualTo("probe-network-state");
        assertThat(Path.of(config.getProperty("portwatch.probe.enrolment.state-file")).getParent().toString())
                .isEqualTo(probe.mount(STATE_VOLUME).path("mountPath").asText());
        assertThat(probe.volume("fleet-enrol").at("/secret/secretName").asText()).isEqualTo(ENROL_SECRET);
        assertThat(config.getProperty("portwatch.probe.enrolment.url")).isEqualTo("http://alert-service:8080");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theProbeDaemonSetAloneIsPrivilegedAndEverythingElseRestricted(RenderedOverlay overlay) {
        Map<String, ObjectNode> namespaces = overlay.ofKind("Namespace").stream()
                .collect(Collectors.toMap(RenderedOverlay::name, namespace -> namespace));
        Map<String, List<String>> workloadsByNamespace = overlay.workloads().stream()
                .collect(Collectors.groupingBy(Workload::namespace, Collectors.mapping(Workload::toString, Collectors.toList())));

        assertThat(namespaces).containsOnlyKeys(NAMESPACE, PROBES_NAMESPACE);
        assertThat(namespaces.get(NAMESPACE).at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText()).isEqualTo("restricted");
        assertThat(namespaces.get(PROBES_NAMESPACE).at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText()).isEqualTo("privileged");
        assertThat(workloadsByNamespace.get(PROBES_NAMESPACE)).containsExactly("DaemonSet " + PROBE_DAEMONSET);
        assertThat(workloadsByNamespace.get(NAMESPACE)).contains("Deployment registry-service", "Deployment alert-service", "Deployment probe-network");
        assertThat(overlay.objects()).allSatisfy(object -> {
            if (!object.path("kind").asText().equals("Namespace")) {
                assertThat(object.at("/metadata/namespace").asText()).as(object.path("kind").asText() + " " + RenderedOverlay.name(object))
                        .isIn(NAMESPACE, PROBES_NAMESPACE);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyPodOfTheRestrictedNamespacePassesTheRestrictedLevel(RenderedOverlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            if (!workload.namespace().equals(NAMESPACE)) {
                continue;
            }
            JsonNode pod = workload.pod();
            if (pod.path("hostNetwork").asBoolean() || pod.path("hostPID").asBoolean() || pod.path("hostIPC").asBoolean()) {
                problems.add(workload + ": host namespaces");
            }
            pod.path("volumes").forEach(volume -> {
                if (volume.has("hostPath")) {
                    problems.add(workload + ": hostPath " + volume.path("name").asText());
                }
            });
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                String where = workload + " " + container.path("name").asText();
                if (!"true".equals(either(security, pod.path("securityContext"), "/runAsNonRoot"))) {
                    problems.add(where + ": runAsNonRoot");
                }
                if (!"RuntimeDefault".equals(either(security, pod.path("securityContext"), "/seccompProfile/type"))) {
                    problems.add(where + ": seccomp RuntimeDefault");
                }
                if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
                    problems.add(where + ": allowPrivilegeEscalation false");
                }
                List<String> dropped = new ArrayList<>();
                security.at("/capabilities/drop").forEach(capability -> dropped.add(capability.asText()));
                if (!dropped.contains("ALL") || security.at("/capabilities/add").size() > 0) {
                    problems.add(where + ": capabilities drop ALL, add none");
                }
                if (container.path("ports").findValues("hostPort").size() > 0) {
                    problems.add(where + ": hostPort");
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theHostProbeAvoidsControlPlaneNodes(RenderedOverlay overlay) {
        JsonNode terms = overlay.workload("DaemonSet", PROBE_DAEMONSET).pod()
                .at("/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms");

        assertThat(terms).isNotEmpty();
        // Every term (they are ORed) must keep control-plane nodes out.
        assertThat(terms).allSatisfy(term -> assertThat(term.path("matchExpressions")).anySatisfy(expression -> {
            assertThat(expression.path("key").asText()).isEqualTo("node-role.kubernetes.io/control-plane");
            assertThat(expression.path("operator").asText()).isEqualTo("DoesNotExist");
        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceTakesOnlyTokensForItself(RenderedOverlay overlay) {
        AUDIENCES.forEach((configMap, audience) -> assertThat(overlay.applicationProperties(configMap).getProperty("mp.jwt.verify.audiences"))
                .as(configMap + " mp.jwt.verify.audiences")
                .isEqualTo(audience));
        // The lifetime cap is each service's own (application.properties), not left to the deployment.
        for (String service : List.of("registry-service", "alert-service", "probe-service")) {
            assertThat(ServiceConfig.property(service, "smallrye.jwt.time-to-live")).as(service).isEqualTo("3600");
            assertThat(ServiceConfig.property(service, "mp.jwt.verify.audiences")).as(service).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void alertServiceAdmitsOnlySignedRecordsAndReadsNeedTokens(RenderedOverlay overlay) {
        Properties alert = overlay.applicationProperties("alert-service-config");
        Workload alertService = overlay.workload("Deployment", "alert-service");

        assertThat(alert.getProperty("portwatch.alert.require-signed-events")).isEqualTo("true");
        assertThat(alert.getProperty("portwatch.alert.reads-require-token")).isEqualTo("true");
        assertThat(overlay.applicationProperties("probe-service-config").getProperty("portwatch.probe.reads-require-token")).isEqualTo("true");
        assertThat(overlay.applicationProperties("probe-network-config").getProperty("portwatch.probe.reads-require-token")).isEqualTo("true");
        // Port knowledge is public.
        assertThat(overlay.applicationProperties("registry-service-config").getProperty("portwatch.registry.reads-require-token")).isEqualTo("false");
        // The fleet and enrol secrets as files of mounted Secrets.
        for (Map.Entry<String, String> secret : Map.of("portwatch.alert.fleet.secret-file", "portwatch-fleet",
                "portwatch.alert.fleet.enrol-secret-file", ENROL_SECRET).entrySet()) {
            String directory = Path.of(alert.getProperty(secret.getKey())).getParent().toString();
            JsonNode mount = alertService.pod().at("/containers/0/volumeMounts").findParents("mountPath").stream()
                    .filter(candidate -> candidate.path("mountPath").asText().equals(directory)).findFirst().orElseThrow();
            assertThat(alertService.volume(mount.path("name").asText()).at("/secret/secretName").asText()).as(secret.getKey())
                    .isEqualTo(secret.getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void noPasswordComesFromAnEnvironmentVariable(RenderedOverlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            for (JsonNode container : workload.pod().path("containers")) {
                for (JsonNode variable : container.path("env")) {
                    String reference = variable.at("/valueFrom/secretKeyRef/key").asText("");
                    if (variable.path("name").asText().toLowerCase().contains("password") || reference.toLowerCase().contains("password")
                            || reference.equals("pgpass")) {
                        problems.add(workload + " env " + variable.path("name").asText());
                    }
                }
            }
        }
        for (ObjectNode configMap : overlay.ofKind("ConfigMap")) {
            String properties = configMap.at("/data/application.properties").asText();
            if (properties.matches("(?s).*\\$\\{[^}]*PASSWORD[^}]*}.*")) {
                problems.add("ConfigMap " + RenderedOverlay.name(configMap) + " expands a password variable");
            }
        }

        assertThat(problems).isEmpty();
        for (String service : List.of("registry-service", "alert-service")) {
            Workload workload = overlay.workload("Deployment", service);
            Properties config = overlay.applicationProperties(service + "-config");
            // The database password: a pgpass file from the operator's Secret, nothing in the configuration.
            assertThat(config.getProperty("quarkus.datasource.password")).as(service).isEmpty();
            String pgpass = workload.env("PGPASSFILE").path("value").asText();
            assertThat(pgpass).startsWith(workload.mount("db-pgpass").path("mountPath").asText() + "/");
            assertThat(workload.volume("db-pgpass").at("/secret/items/0/key").asText()).isEqualTo("pgpass");
        }
        for (String configMap : AUDIENCES.keySet()) {
            // Kafka's keystore password: read by the client from the mounted file.
            assertThat(overlay.applicationProperties(configMap).getProperty("kafka.ssl.keystore.password"))
                    .as(configMap).matches("\\$\\$\\{secrets:/etc/portwatch/kafka/user:user\\.password}");
            assertThat(overlay.applicationProperties(configMap).getProperty("kafka.ssl.truststore.password")).as(configMap).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theHostProbesApiListensOnLoopbackAndItsHealthOnTheManagementPort(RenderedOverlay overlay) {
        Workload probe = overlay.workload("DaemonSet", PROBE_DAEMONSET);
        Properties config = overlay.applicationProperties("probe-service-config");
        JsonNode container = probe.pod().at("/containers/0");

        assertThat(probe.env("QUARKUS_HTTP_HOST").path("value").asText()).isEqualTo("127.0.0.1");
        assertThat(config.getProperty("quarkus.http.host", "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(config.getProperty("quarkus.management.port")).isEqualTo(MANAGEMENT_PORT);
        assertThat(config.getProperty("quarkus.management.host")).isEqualTo("0.0.0.0");
        // The management interface is on in the packaged service (a build-time property).
        assertThat(ServiceConfig.property("probe-service", "%prod.quarkus.management.enabled")).isEqualTo("true");
        assertThat(container.path("ports")).hasSize(1);
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("management");
        assertThat(container.at("/ports/0/containerPort").asText()).isEqualTo(MANAGEMENT_PORT);
        for (String check : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.path(check).at("/httpGet/port").asText()).as(check).isEqualTo("management");
        }
        assertThat(service(overlay, PROBES_NAMESPACE, PROBE_DAEMONSET).at("/spec/ports/0/name").asText()).isEqualTo("management");
        assertThat(overlay.ofKind("ServiceMonitor")).anySatisfy(monitor -> {
            assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("probe-service");
            assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("management");
            assertThat(monitor.at("/spec/namespaceSelector/matchNames").toString()).contains(PROBES_NAMESPACE);
        });
    }

    private static JsonNode service(RenderedOverlay overlay, String namespace, String name) {
        return overlay.ofKind("Service").stream()
                .filter(service -> RenderedOverlay.name(service).equals(name) && service.at("/metadata/namespace").asText().equals(namespace))
                .findFirst().orElseThrow(() -> new AssertionError("Service " + namespace + "/" + name + " is not rendered"));
    }

    /** The container's setting, or the pod's when the container has none. */
    private static String either(JsonNode container, JsonNode pod, String pointer) {
        return container.at(pointer).isMissingNode() ? pod.at(pointer).asText() : container.at(pointer).asText();
    }
}
