package io.portwatch.alert.fleet;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingStore;
import io.portwatch.alert.findings.Page;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.http.BadInputException;
import io.portwatch.http.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.exception.ConstraintViolationException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Enrols probes, shows and revokes them (docs/fleet.md, "Enrolment"). The enrol secret is checked first, so a caller
 * without it learns nothing about the fleet; then the request, then that the node is not already claimed in its
 * mode and zone (the database's unique index decides a race between instances).
 */
@ApplicationScoped
public class Enrolments {

    static final String ALGORITHM = "hmac-sha256";
    private static final int ID_BYTES = 16;

    private final FleetSecrets secrets;
    private final ProbeDirectory directory;
    private final FindingStore changes;
    private final List<Cidr> allowedScopes;
    private final SecureRandom random = new SecureRandom();

    public Enrolments(FleetSecrets secrets, ProbeDirectory directory, FindingStore changes, AlertConfig config) {
        this.secrets = secrets;
        this.directory = directory;
        this.changes = changes;
        this.allowedScopes = config.fleet().networkScopes().stream()
                .map(scope -> Cidr.parse(scope.strip()).orElseThrow(() -> new IllegalArgumentException(
                        "portwatch.alert.fleet.network-scopes holds " + scope + ", which is not a CIDR")))
                .toList();
    }

    /**
     * Enrols a probe.
     *
     * @throws ProblemException 401 for a wrong enrol secret, 422 for a node, zone or scope it may not have, 409 when
     *                          the node is already enrolled in that mode and zone; 503 while a secret is missing
     * @throws BadInputException when there is no body
     */
    public Enrolment enrol(EnrolmentRequest request) {
        if (request == null) {
            throw new BadInputException("an enrolment needs a JSON body");
        }
        if (!secrets.enrolSecretMatches(request.enrolSecret())) {
            throw new ProblemException(401, "Unauthorized", "the enrol secret is not valid");
        }
        if (!secrets.fleetSecretPresent()) {
            throw new FleetUnavailableException("probe keys cannot be derived on this service (no fleet secret)");
        }
        List<String> scopes = validated(request);
        String probeId = "p-" + HexFormat.of().formatHex(randomBytes());
        ProbeEntity row = new ProbeEntity();
        row.probeId = probeId;
        row.node = request.node();
        row.mode = request.mode();
        row.zone = request.zone();
        row.scopes = new ArrayList<>(scopes);
        row.status = ProbeStatus.ACTIVE;
        row.enrolledAt = Instant.now();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (ProbeEntity.enrolled(row.node, row.mode, row.zone)) {
                    throw alreadyEnrolled(request);
                }
                row.persistAndFlush();
            });
        } catch (RuntimeException e) {
            throw causedBy(e, ConstraintViolationException.class) ? alreadyEnrolled(request) : e;
        }
        directory.reload();
        Log.infof("Probe %s enrolled: node %s, %s, zone %s, scopes %s", probeId, row.node, row.mode, row.zone, scopes);
        return new Enrolment(probeId, Base64.getEncoder().encodeToString(secrets.keyOf(probeId)), ALGORITHM, row.node, row.mode,
                row.zone, scopes);
    }

    /** A page of enrolled probes by node, zone, mode and enrolment time, each as it is now. */
    public Page<ProbeView> page(int pageNumber, int pageSize) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = ProbeEntity.<ProbeEntity>findAll(Sort.by("node", "zone", "mode", "enrolledAt"));
            long total = query.count();
            Instant now = Instant.now();
            List<ProbeView> items = query.page(pageNumber, pageSize).list().stream().map(row -> ProbeView.of(row, now)).toList();
            return new Page<>(items, pageNumber, pageSize, total, (int) ((total + pageSize - 1) / pageSize));
        });
    }

    /** The enrolled probe with this id as it is now; empty when there is none. */
    public Optional<ProbeView> find(String probeId) {
        return QuarkusTransaction.requiringNew().call(() -> ProbeEntity.<ProbeEntity>findByIdOptional(probeId)
                .map(row -> ProbeView.of(row, Instant.now())));
    }

    /** Revokes a probe (again: no change); its records are refused from now on. Empty when there is none. */
    public Optional<ProbeView> revoke(String probeId, String who) {
        Instant now = Instant.now();
        List<ProbeView> revoked = new ArrayList<>();
        changes.apply(() -> {
            revoked.clear(); // a retried transaction starts over
            ProbeEntity row = ProbeEntity.findById(probeId, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                return List.of();
            }
            List<FindingChange> made = List.of();
            if (row.status != ProbeStatus.REVOKED) {
                row.status = ProbeStatus.REVOKED;
                row.revokedAt = now;
                made = FleetFindings.revoked(probeId, now);
                Log.infof("Probe %s (node %s) revoked by %s", probeId, row.node, who);
            }
            revoked.add(ProbeView.of(row, now));
            return made;
        });
        directory.reload();
        return revoked.stream().findFirst();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private List<String> validated(EnrolmentRequest request) {
        name("node", request.node());
        if (!HostIds.validNode(request.node())) {
            throw unprocessable("node " + request.node() + " is not a node's host id: it holds / or @");
        }
        name("zone", request.zone());
        if (!HostIds.validNode(request.zone())) {
            throw unprocessable("zone " + request.zone() + " holds / or @");
        }
        if (request.mode() == null) {
            throw unprocessable("mode is HOST or NETWORK");
        }
        List<String> asked = request.scopes() == null ? List.of() : request.scopes();
        if (request.mode() == ProbeMode.HOST && !asked.isEmpty()) {
            throw unprocessable("a host-mode probe has no scopes: it speaks for its node");
        }
        if (request.mode() == ProbeMode.NETWORK && asked.isEmpty()) {
            throw unprocessable("a network-mode probe needs the CIDRs it will scan");
        }
        if (asked.size() > ContractLimits.ADDRESSES) {
            throw unprocessable("scopes holds " + asked.size() + " CIDRs, more than " + ContractLimits.ADDRESSES);
        }
        List<String> scopes = new ArrayList<>();
        for (String scope : asked) {
            Cidr cidr = Cidr.parse(scope).orElseThrow(() -> unprocessable("scope " + escaped(scope) + " is not a CIDR"));
            if (allowedScopes.stream().noneMatch(allowed -> allowed.encloses(cidr))) {
                throw unprocessable("scope " + cidr + " lies outside the networks probes may enrol for " + allowedScopes);
            }
            scopes.add(cidr.toString());
        }
        return scopes;
    }

    private static void name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw unprocessable(field + " is required");
        }
        if (value.length() > ContractLimits.NAME || ControlCharacters.present(value)) {
            throw unprocessable(field + " is longer than " + ContractLimits.NAME + " characters or holds a control character");
        }
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", ControlCharacters.escapeAndCut(detail, ContractLimits.EVIDENCE_TEXT));
    }

    private static ProblemException alreadyEnrolled(EnrolmentRequest request) {
        return new ProblemException(409, "Conflict", "node " + request.node() + " is already enrolled as a " + request.mode()
                + " probe of zone " + request.zone() + "; a fleet-admin revokes it before it enrols again");
    }

    private static String escaped(String text) {
        return ControlCharacters.escapeAndCut(text, ContractLimits.ADDRESS);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }
}
