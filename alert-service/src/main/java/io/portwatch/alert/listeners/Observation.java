package io.portwatch.alert.listeners;

import io.portwatch.alert.assets.AssetClaim;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.memo.NoChangeMemo;
import io.portwatch.alert.memo.Replaces;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.listener.ListenerEvent;

import java.util.List;
import java.util.Map;

/**
 * An event that may change findings (the batch's {@code record}-th, read at {@code position}, null when it was
 * not read from Kafka), with its ports judged as it came. An event with a new {@code claim} of its node's
 * addresses (null when it claims none) is always stored, unless its record was stored before (a batch consumed
 * again).
 */
record Observation(int record, ListenerEvent event, NoChangeMemo.Candidate candidate, AssetClaim claim,
        ListenerPosition position) {

    String hostId() {
        return candidate.hostId();
    }

    Map<PortKey, List<Judgement>> judged() {
        return candidate.judged();
    }

    /** Which of its host's listeners (and so of the host's findings) the event replaces. */
    Replaces replaces() {
        return candidate.replaces();
    }
}
