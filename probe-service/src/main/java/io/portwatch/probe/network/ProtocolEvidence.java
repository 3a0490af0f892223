package io.portwatch.probe.network;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.Addresses;
import io.portwatch.events.listener.Evidence;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Evidence from an open TCP port, each probe within its deadline: on HTTP ports a plain-HTTP {@code GET /},
 * on TLS ports a TLS handshake (both on an admin port, so an HTTPS-only page is not taken for plain text),
 * a banner read elsewhere. Only {@code GET /}, a handshake and a connect are ever sent: no credentials,
 * nothing that changes the target. Every text the service sent is escaped and cut to the contract's length.
 */
final class ProtocolEvidence {

    private final PlainExchange plain;
    private final TlsHandshake handshake;
    private final Set<Integer> httpPorts;
    private final Set<Integer> tlsPorts;

    ProtocolEvidence(PlainExchange plain, TlsHandshake handshake, Set<Integer> httpPorts, Set<Integer> tlsPorts) {
        this.plain = plain;
        this.handshake = handshake;
        this.httpPorts = Set.copyOf(httpPorts);
        this.tlsPorts = Set.copyOf(tlsPorts);
    }

    /** The evidence of one open port, gathered before {@code deadline}. */
    Evidence of(Target target, Deadline deadline) {
        boolean http = httpPorts.contains(target.port());
        boolean tls = tlsPorts.contains(target.port());
        if (!http && !tls) {
            return banner(target, deadline);
        }
        TlsHandshake.Outcome shaken = tls ? handshake.handshake(target, deadline) : null;
        return http ? http(target, shaken, deadline) : tlsOnly(shaken);
    }

    /**
     * HTTP evidence: what a plain-HTTP GET got (status, Server, the authentication asked for, whether it was
     * refused as sent to a TLS port) and, when tried, what the TLS handshake showed.
     */
    private Evidence http(Target target, TlsHandshake.Outcome shaken, Deadline deadline) {
        String request = "GET / HTTP/1.0\r\nHost: " + host(target) + "\r\nUser-Agent: portwatch-probe\r\nConnection: close\r\n\r\n";
        byte[] requestBytes = request.getBytes(StandardCharsets.US_ASCII);
        PlainExchange.Received received = plain.exchange(target, requestBytes, HttpReply::complete, deadline);
        HttpReply reply = new HttpReply(received.text());
        Integer status = reply.status();
        boolean refused = reply.refusesPlainHttp();
        String auth = status == null || refused ? null : reply.header("WWW-Authenticate");
        if (auth == null && status != null && !refused && reply.asksForPasswordInForm()) {
            auth = "login form";
        }
        return new Evidence("http", requestBytes.length, received.bytes().length,
                received.bytes().length == 0 ? null : text(reply.firstLine()), shaken == null ? null : shaken.tls(), status,
                text(reply.header("Server")), text(auth), timedOut(received.timedOut() || shaken != null && shaken.timedOut()),
                shaken == null ? null : text(shaken.subject()), shaken == null ? null : shaken.notAfter(), refused ? Boolean.TRUE : null);
    }

    private static Evidence tlsOnly(TlsHandshake.Outcome shaken) {
        return new Evidence("tls", null, null, null, shaken.tls(), null, null, null, timedOut(shaken.timedOut()),
                text(shaken.subject()), shaken.notAfter(), null);
    }

    /** Banner evidence: what the service says first, if anything, before it goes quiet or the deadline passes. */
    private Evidence banner(Target target, Deadline deadline) {
        PlainExchange.Received received = plain.exchange(target, new byte[0], PlainExchange.Completion.NEVER, deadline);
        String banner = text(received.text().strip());
        boolean none = banner.isEmpty();
        return new Evidence(none ? "tcp-connect" : "tcp-banner", 0, received.bytes().length, none ? null : banner,
                null, null, null, null, timedOut(received.timedOut()), null, null, null);
    }

    /** Text from the service as the contract takes it: control characters escaped, cut to its length. */
    private static String text(String sent) {
        return ControlCharacters.escapeAndCut(sent, ContractLimits.EVIDENCE_TEXT);
    }

    /** True when the deadline cut the probe short, else null (the contract's "not cut short"). */
    private static Boolean timedOut(boolean cutShort) {
        return cutShort ? Boolean.TRUE : null;
    }

    private static String host(Target target) {
        String address = Addresses.canonical(target.address());
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
