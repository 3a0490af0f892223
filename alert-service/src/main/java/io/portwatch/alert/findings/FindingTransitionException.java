package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingState;

/** An analyst asked for a move the finding's state does not allow; answered 409. */
public class FindingTransitionException extends RuntimeException {

    public FindingTransitionException(String findingId, FindingState from, FindingState to) {
        super("finding " + findingId + " is " + from + " and cannot become " + to);
    }
}
