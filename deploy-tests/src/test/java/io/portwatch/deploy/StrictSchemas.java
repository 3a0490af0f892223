package io.portwatch.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an object against its schema, rejecting every field the schema does not have: built-in kinds
 * against the fabric8 Kubernetes model, ServiceMonitor, PodMonitor and PrometheusRule against fabric8's monitoring
 * model (unknown fields land in a model's {@code additionalProperties}, which must stay empty everywhere), and
 * Strimzi's kinds ({@code kafka.strimzi.io/v1}, Strimzi 1.0.0) and CloudNativePG's {@code Cluster} and
 * {@code ScheduledBackup} against their CRDs' OpenAPI schemas kept in deploy/kubernetes/schemas, with
 * {@code additionalProperties: false} wherever the CRD does not preserve unknown fields (as the API server would
 * prune them).
 */
final class StrictSchemas {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);
    private static final Map<String, String> CRD_SCHEMAS = Map.of(
            "kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io_kafkas.yaml",
            "kafka.strimzi.io/v1/KafkaNodePool", "kafka.strimzi.io_kafkanodepools.yaml",
            "kafka.strimzi.io/v1/KafkaTopic", "kafka.strimzi.io_kafkatopics.yaml",
            "kafka.strimzi.io/v1/KafkaUser", "kafka.strimzi.io_kafkausers.yaml",
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io_clusters.yaml",
            "postgresql.cnpg.io/v1/ScheduledBackup", "postgresql.cnpg.io_scheduledbackups.yaml");

    private final KubernetesSerialization kubernetes = new KubernetesSerialization();
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Each CRD schema read once, by apiVersion/kind. */
    private final Map<String, JsonSchema> crdSchemas = new HashMap<>();

    /** What is wrong with the object; empty when it is valid. */
    List<String> violations(ObjectNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        try {
            if (CRD_SCHEMAS.containsKey(type)) {
                return crdSchemas.computeIfAbsent(type, key -> crdSchema(CRD_SCHEMAS.get(key), object.path("apiVersion").asText()))
                        .validate(object).stream()
                        .map(ValidationMessage::getMessage)
                        .toList();
            }
            Object model = MODELS.containsKey(type) ? mapper.treeToValue(object, MODELS.get(type))
                    : kubernetes.unmarshal(object.toString(), KubernetesResource.class);
            if (model instanceof GenericKubernetesResource) {
                return List.of("no schema known for " + type);
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(model, "", unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            return unknown;
        } catch (IOException | IllegalArgumentException e) {
            return List.of(type + " does not match its model: " + e.getMessage());
        }
    }

    /** Walks the model's JSON properties: any field the model did not know sits in an {@code additionalProperties} map. */
    private void unknownFields(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        String packageName = value.getClass().getPackageName();
        if (!packageName.startsWith("io.fabric8.")) {
            return;
        }
        BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(value.getClass()));
        AnnotatedMember anyGetter = bean.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
            unknown.add((path.isEmpty() ? "." : path) + ": unknown field(s) " + extra.keySet());
        }
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.hasGetter() && !property.getGetter().equals(anyGetter)) {
                unknownFields(property.getGetter().getValue(value), path + "." + property.getName(), unknown, seen);
            }
        }
    }

    private static JsonSchema crdSchema(String file, String apiVersion) {
        try {
            JsonNode crd = new YAMLMapper().readTree(RenderedOverlay.KUBERNETES.resolve(Path.of("schemas", file)).toFile());
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            for (JsonNode served : crd.at("/spec/versions")) {
                if (served.path("name").asText().equals(version)) {
                    JsonNode schema = served.at("/schema/openAPIV3Schema").deepCopy();
                    closeObjects(schema);
                    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
                }
            }
            throw new IllegalStateException(file + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object schema with properties and no preserve-unknown-fields rejects other properties. */
    private static void closeObjects(JsonNode schema) {
        if (schema instanceof ObjectNode node && node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        for (Iterator<JsonNode> children = schema.elements(); children.hasNext(); ) {
            closeObjects(children.next());
        }
    }
}
