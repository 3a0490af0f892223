package io.portwatch.events.contract;

import io.portwatch.events.finding.FindingEvent;

import java.util.Optional;

/**
 * What a subscriber of the alert topics ({@code portwatch.alerts} and its routes) accepts beyond the JSON shape:
 * the ids and names a finding change needs (a fleet finding has no listener), every name at most
 * {@link ContractLimits#NAME} characters and free of control characters, and a version that is not negative.
 * Anyone who may write to an alert topic can write anything there, so every reader checks: the command line's
 * {@code alerts} and the console's live feed.
 */
public final class FindingEventContract {

    private FindingEventContract() {
    }

    /** Why the finding change breaks the contract; empty when it keeps it (a null event breaks it). */
    public static Optional<String> violation(FindingEvent event) {
        if (event == null) {
            return Optional.of("the value is JSON null, not a FindingEvent");
        }
        FieldCheck check = new FieldCheck()
                .requiredText("findingId", event.findingId(), ContractLimits.NAME)
                .requiredText("rule", event.rule(), ContractLimits.NAME)
                .required("severity", event.severity())
                .required("state", event.state())
                .required("host", event.host());
        if (event.host() != null) {
            check.requiredText("host.id", event.host().id(), ContractLimits.NAME)
                    .text("host.name", event.host().name(), ContractLimits.NAME);
        }
        check.text("zone", event.zone(), ContractLimits.NAME)
                .text("asset", event.asset(), ContractLimits.NAME);
        if (event.probe() != null) {
            check.text("probe.id", event.probe().id(), ContractLimits.NAME);
        }
        if (event.knowledge() != null) {
            check.text("knowledge.serviceName", event.knowledge().serviceName(), ContractLimits.NAME);
        }
        if (check.ok() && event.version() < 0) {
            check.fail("version " + event.version() + " is negative");
        }
        return check.violation();
    }
}
