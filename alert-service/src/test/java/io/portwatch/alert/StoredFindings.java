package io.portwatch.alert;

import io.portwatch.alert.findings.FindingEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Findings as the database holds them now, read in a transaction of their own. */
public final class StoredFindings {

    private StoredFindings() {
    }

    /** The stored finding with this id; null when there is none. */
    public static FindingEntity stored(String findingId) {
        return QuarkusTransaction.requiringNew().call(() -> FindingEntity.findById(findingId));
    }
}
