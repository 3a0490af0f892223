package io.portwatch.events.contract;

/**
 * The lengths and counts the event contract allows, the same for the producers that cut or refuse and the
 * consumers that check. Lengths are in UTF-16 characters, after control characters are escaped.
 */
public final class ContractLimits {

    /** Ids, names, zones, users: the {@code varchar(255)} columns they are stored in. */
    public static final int NAME = 255;
    /** An address as text: the longest IPv6 form with a zone index. */
    public static final int ADDRESS = 64;
    /** An executable path: Linux's PATH_MAX. */
    public static final int PATH = 4_096;
    /** Text a scanned service sent (banner, HTTP header, certificate subject). */
    public static final int EVIDENCE_TEXT = 1_024;
    /** A host's addresses. */
    public static final int ADDRESSES = 256;
    /** The processes that share one socket. */
    public static final int SHARED_OWNERS = 64;
    /** Listeners in one event, unless a consumer is configured otherwise. */
    public static final int DEFAULT_LISTENERS = 10_000;
    /** One text of port knowledge (description, remediation, a threat, a reference): also the curated layer's limit. */
    public static final int KNOWLEDGE_TEXT = 4_000;
    /** Items in one list of port knowledge (aliases, threats, references, related ports): also the curated layer's. */
    public static final int KNOWLEDGE_ITEMS = 50;

    private ContractLimits() {
    }
}
