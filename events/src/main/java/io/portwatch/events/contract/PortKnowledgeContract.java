package io.portwatch.events.contract;

import io.portwatch.events.knowledge.PortKnowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a consumer of {@code portwatch.port-knowledge} accepts beyond the JSON shape: the key is the entry's
 * {@code transport/port}, every text and list within the curated layer's limits ({@link ContractLimits}) and
 * free of control characters, a non-negative version, and {@code updatedAt} no later than {@code futureSkew}
 * after the record's broker timestamp (older is fine: the topic is compacted and keeps old entries).
 *
 * @param futureSkew how far the registry's clock may run ahead of the broker's
 */
public record PortKnowledgeContract(Duration futureSkew) {

    /** Why the entry, read from a record with this key and broker timestamp, breaks the contract; empty when it keeps it. */
    public Optional<String> violation(String key, PortKnowledge knowledge, Instant brokerTime) {
        FieldCheck check = new FieldCheck()
                .required("transport", knowledge.transport())
                .required("range", knowledge.range())
                .required("status", knowledge.status())
                .required("risk", knowledge.risk());
        if (check.ok() && (knowledge.port() < 0 || knowledge.port() > 65_535)) {
            check.fail("port " + knowledge.port() + " is outside 0-65535");
        }
        if (check.ok() && !knowledge.key().toString().equals(key)) {
            check.fail("the record key is not " + knowledge.key());
        }
        check.text("serviceName", knowledge.serviceName(), ContractLimits.NAME)
                .text("description", knowledge.description(), ContractLimits.KNOWLEDGE_TEXT)
                .text("remediation", knowledge.remediation(), ContractLimits.KNOWLEDGE_TEXT)
                .texts("aliases", knowledge.aliases(), ContractLimits.KNOWLEDGE_ITEMS, ContractLimits.NAME)
                .texts("threats", knowledge.threats(), ContractLimits.KNOWLEDGE_ITEMS, ContractLimits.KNOWLEDGE_TEXT)
                .texts("expectedProcesses", knowledge.expectedProcesses(), ContractLimits.KNOWLEDGE_ITEMS, ContractLimits.NAME)
                .texts("expectedExecutables", knowledge.expectedExecutables(), ContractLimits.KNOWLEDGE_ITEMS, ContractLimits.PATH)
                .texts("references", knowledge.references(), ContractLimits.KNOWLEDGE_ITEMS, ContractLimits.KNOWLEDGE_TEXT)
                .count("relatedPorts", knowledge.relatedPorts(), ContractLimits.KNOWLEDGE_ITEMS)
                .within("updatedAt", knowledge.updatedAt(), brokerTime, futureSkew, null);
        if (check.ok() && knowledge.relatedPorts().stream().anyMatch(port -> port == null || port < 0 || port > 65_535)) {
            check.fail("relatedPorts holds a port outside 0-65535");
        }
        Double factor = knowledge.amplificationFactor();
        if (check.ok() && factor != null && !(factor >= 0 && factor <= 100_000)) {
            check.fail("amplificationFactor " + factor + " is outside 0-100000");
        }
        if (check.ok() && knowledge.version() < 0) {
            check.fail("version " + knowledge.version() + " is negative");
        }
        return check.violation();
    }
}
