package io.portwatch.events.finding;

import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;

/**
 * The part of the port knowledge a finding was judged on.
 *
 * @param serviceName IANA service name
 * @param status      service status
 * @param risk        risk of the service
 */
public record KnowledgeSummary(String serviceName, ServiceStatus status, Risk risk) {

    /** The summary of a knowledge entry. */
    public static KnowledgeSummary of(PortKnowledge knowledge) {
        return new KnowledgeSummary(knowledge.serviceName(), knowledge.status(), knowledge.risk());
    }
}
