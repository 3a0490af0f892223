package io.portwatch.alert.assets;

import io.portwatch.alert.database.SqlArrays;
import io.portwatch.events.listener.ListenerEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index (zone, address) → asset: which node claims each address in each zone ({@link AssetClaim}), kept in
 * {@code asset_address} and changed in the correlation's own transaction. An address claimed by one node joins
 * the network host {@code <address>@<zone>} to that node's asset; claimed by several it joins none (logged); a
 * network host without a claimant is an asset of its own. When a claim changes what an address joins, the
 * findings of that network host are re-attached in the same transaction (one UPDATE; no finding change is
 * published for it: the next change of the finding carries its asset).
 * <p>
 * What each node last claimed is kept in memory, so an event that repeats its node's claim costs nothing;
 * lookups for network hosts read the table once per batch, so claims stored by another instance count at once.
 */
@ApplicationScoped
public class AssetIndex {

    /**
     * What a node's event said, as it said it: an event that repeats it is not read again (parsing its addresses
     * costs more than comparing them).
     *
     * @param zone      the probe's zone
     * @param addresses {@code host.addresses} as sent
     */
    private record Said(String zone, List<String> addresses) {
    }

    private final EntityManager entityManager;
    /** What each node was last seen claiming (judged, maybe not yet stored: a failed batch forgets its hosts). */
    private final Map<String, Said> claimed = new ConcurrentHashMap<>();

    public AssetIndex(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The claim an event makes, if its node did not say the same before; remembered from now on. A claim that says
     * the same in other words (a loopback address more) is stored again, changing nothing.
     */
    public Optional<AssetClaim> newClaim(ListenerEvent event) {
        if (!AssetClaim.claims(event)) {
            return Optional.empty();
        }
        Said said = new Said(event.probe().zone(), event.host().addresses());
        // Looked up first: what a node says again leaves the entry as it was (a put would replace it with the new copy,
        // which then outlives young collections while the old one goes).
        if (said.equals(claimed.get(event.host().id()))) {
            return Optional.empty();
        }
        claimed.put(event.host().id(), said);
        return AssetClaim.of(event);
    }

    /** Forgets what these hosts claimed: their next claims are stored again (a no-op when unchanged). */
    public void forget(Collection<String> hostIds) {
        hostIds.forEach(claimed::remove);
    }

    /** Forgets every claim held in memory (another instance may have stored claims of these nodes meanwhile). */
    public void forgetAll() {
        claimed.clear();
    }

    /**
     * Stores claims (the last of each host counts), and re-attaches the findings of every network host whose
     * address they make join another asset. Runs in the caller's transaction, before it reads any finding.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(Collection<AssetClaim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        Map<String, AssetClaim> byHost = new LinkedHashMap<>();
        claims.forEach(claim -> byHost.put(claim.host(), claim));
        Map<String, Set<NetworkAddress>> before = new HashMap<>();
        rows("select host_id, zone, address from asset_address where host_id = any(?::text[])", byHost.keySet()).forEach(row ->
                before.computeIfAbsent(row[0], host -> new HashSet<>()).add(new NetworkAddress(row[1], row[2])));
        List<String[]> removed = new ArrayList<>();
        List<String[]> added = new ArrayList<>();
        Set<NetworkAddress> changed = new HashSet<>();
        byHost.forEach((host, claim) -> {
            Set<NetworkAddress> was = before.getOrDefault(host, Set.of());
            Set<NetworkAddress> now = new HashSet<>();
            claim.addresses().forEach(address -> now.add(new NetworkAddress(claim.zone(), address)));
            was.stream().filter(address -> !now.contains(address)).forEach(address -> {
                removed.add(new String[] {host, address.zone(), address.address()});
                changed.add(address);
            });
            now.stream().filter(address -> !was.contains(address)).forEach(address -> {
                added.add(new String[] {claim.node(), host, address.zone(), address.address()});
                changed.add(address);
            });
        });
        if (changed.isEmpty()) {
            return;
        }
        execute("delete from asset_address where host_id = ? and zone = ? and address = ?", removed);
        execute("insert into asset_address (asset_id, host_id, zone, address) values (?, ?, ?, ?) on conflict do nothing", added);
        Map<NetworkAddress, Set<String>> claimants = claimants(changed);
        reattach(changed, claimants);
        logAmbiguous(added, claimants);
    }

    /**
     * The assets the network hosts among these host ids join now: the node that alone claims the address in its
     * zone, else the host itself. One query for the whole collection; none when it holds no network host.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AssetJoin join(Collection<String> hostIds) {
        Map<String, NetworkAddress> network = new HashMap<>();
        hostIds.forEach(hostId -> NetworkAddress.of(hostId).ifPresent(address -> network.put(hostId, address)));
        if (network.isEmpty()) {
            return new AssetJoin(Map.of());
        }
        Map<NetworkAddress, Set<String>> claimants = claimants(network.values());
        Map<String, String> joined = new HashMap<>();
        network.forEach((hostId, address) -> joined.put(hostId, assetOf(address, claimants)));
        return new AssetJoin(joined);
    }

    private static String assetOf(NetworkAddress address, Map<NetworkAddress, Set<String>> claimants) {
        Set<String> of = claimants.getOrDefault(address, Set.of());
        return of.size() == 1 ? of.iterator().next() : address.hostId();
    }

    /** Who claims each of these addresses in its zone. */
    private Map<NetworkAddress, Set<String>> claimants(Collection<NetworkAddress> addresses) {
        Set<String> wanted = new TreeSet<>();
        addresses.forEach(address -> wanted.add(address.address()));
        Set<NetworkAddress> asked = Set.copyOf(addresses);
        Map<NetworkAddress, Set<String>> claimants = new HashMap<>();
        rows("select asset_id, zone, address from asset_address where address = any(?::text[])", wanted).forEach(row -> {
            NetworkAddress address = new NetworkAddress(row[1], row[2]);
            if (asked.contains(address)) {
                claimants.computeIfAbsent(address, key -> new TreeSet<>()).add(row[0]);
            }
        });
        return claimants;
    }

    /** One line per store for the addresses its claims made ambiguous (a node claiming hundreds must not flood the log). */
    private static void logAmbiguous(List<String[]> added, Map<NetworkAddress, Set<String>> claimants) {
        List<String> ambiguous = new ArrayList<>();
        added.forEach(row -> {
            Set<String> of = claimants.get(new NetworkAddress(row[2], row[3]));
            if (of != null && of.size() > 1) {
                ambiguous.add(row[3] + "@" + row[2] + " (" + of.size() + " assets, " + row[0] + " the latest)");
            }
        });
        if (!ambiguous.isEmpty()) {
            Log.warnf("%d addresses claimed by more than one asset now join none, e.g. %s", ambiguous.size(), ambiguous.get(0));
        }
    }

    /** Points the findings of these addresses' network hosts at the assets they join now, in one statement. */
    private void reattach(Set<NetworkAddress> changed, Map<NetworkAddress, Set<String>> claimants) {
        List<NetworkAddress> addresses = List.copyOf(changed);
        String[] hostIds = addresses.stream().map(NetworkAddress::hostId).toArray(String[]::new);
        String[] assets = addresses.stream().map(address -> assetOf(address, claimants)).toArray(String[]::new);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update finding f set asset = v.asset"
                    + " from unnest(?::text[], ?::text[]) as v(host_id, asset)"
                    + " where f.host_id = v.host_id and f.asset is distinct from v.asset")) {
                Array hosts = connection.createArrayOf("text", hostIds);
                Array joined = connection.createArrayOf("text", assets);
                update.setArray(1, hosts);
                update.setArray(2, joined);
                int rows = update.executeUpdate();
                if (rows > 0) {
                    Log.infof("Re-attached %d findings of %d addresses to the assets they join", rows, addresses.size());
                }
            }
        });
    }

    /** Runs one statement per row, as a JDBC batch (one round trip). */
    private void execute(String sql, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (String[] row : rows) {
                    for (int column = 0; column < row.length; column++) {
                        statement.setString(column + 1, row[column]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /** The three text columns of each row a query with one array parameter ({@code = any(?::text[])}) returns. */
    private List<String[]> rows(String sql, Collection<String> values) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                SqlArrays.bindText(connection, query, 1, values);
                List<String[]> rows = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new String[] {result.getString(1), result.getString(2), result.getString(3)});
                    }
                }
                return rows;
            }
        });
    }
}
