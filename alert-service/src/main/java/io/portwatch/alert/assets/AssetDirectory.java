package io.portwatch.alert.assets;

import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads assets for the API: every asset id a finding carries or a node's address claim names, with what is known
 * of it. A page costs four queries, whatever its size.
 */
@ApplicationScoped
public class AssetDirectory {

    /** Every asset id: those of findings and those of nodes that claim addresses. */
    private static final String IDS = "(select asset as id from finding where asset is not null"
            + " union select asset_id from asset_address) ids";

    private final EntityManager entityManager;

    public AssetDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * One page of assets, by id.
     *
     * @param page 0-based
     * @param size at least 1
     */
    @Transactional
    public AssetPage list(int page, int size) {
        long total = ((Number) entityManager.createNativeQuery("select count(*) from " + IDS).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<String> ids = entityManager.createNativeQuery("select id from " + IDS + " order by id")
                .setFirstResult(Math.multiplyExact(page, size))
                .setMaxResults(size)
                .getResultList();
        return new AssetPage(describe(ids), total);
    }

    /** @throws AssetNotFoundException when no finding and no node claim names this asset */
    @Transactional
    public Asset get(String id) {
        List<Asset> found = describe(List.of(id));
        if (found.get(0).hostIds().isEmpty()) {
            throw new AssetNotFoundException(id);
        }
        return found.get(0);
    }

    /**
     * A page of assets and how many there are in all.
     *
     * @param items the page's assets
     * @param total assets in all
     */
    public record AssetPage(List<Asset> items, long total) {
    }

    private List<Asset> describe(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, TreeSet<String>> names = new HashMap<>();
        Map<String, TreeSet<String>> hostIds = new HashMap<>();
        for (Object[] row : rows("select asset, host_id, host ->> 'name' from finding where asset in (:ids)"
                + " group by asset, host_id, host ->> 'name'", ids)) {
            hostIds.computeIfAbsent((String) row[0], id -> new TreeSet<>()).add((String) row[1]);
            if (row[2] != null) {
                names.computeIfAbsent((String) row[0], id -> new TreeSet<>()).add((String) row[2]);
            }
        }
        Map<String, List<Asset.Address>> addresses = new HashMap<>();
        for (Object[] row : rows("select distinct a.asset_id, a.address, a.zone, (select count(distinct o.asset_id) from asset_address o"
                + " where o.zone = a.zone and o.address = a.address) from asset_address a where a.asset_id in (:ids)"
                + " order by a.zone, a.address", ids)) {
            String asset = (String) row[0];
            addresses.computeIfAbsent(asset, id -> new ArrayList<>())
                    .add(new Asset.Address((String) row[1], (String) row[2], ((Number) row[3]).longValue() > 1));
            hostIds.computeIfAbsent(asset, id -> new TreeSet<>()).add(asset);
        }
        Map<String, Map<Severity, Long>> open = new HashMap<>();
        for (Object[] row : rows("select asset, severity, count(*) from finding where asset in (:ids)"
                + " and state not in ('" + FindingState.RESOLVED + "', '" + FindingState.SUPPRESSED + "') group by asset, severity", ids)) {
            open.computeIfAbsent((String) row[0], id -> new HashMap<>()).put(Severity.valueOf((String) row[1]), ((Number) row[2]).longValue());
        }
        return ids.stream().map(id -> new Asset(id, List.copyOf(names.getOrDefault(id, new TreeSet<>())),
                List.copyOf(hostIds.getOrDefault(id, new TreeSet<>())), List.copyOf(addresses.getOrDefault(id, List.of())),
                bySeverity(open.getOrDefault(id, Map.of())))).toList();
    }

    private static Map<Severity, Long> bySeverity(Map<Severity, Long> counts) {
        Map<Severity, Long> ordered = new LinkedHashMap<>();
        Severity[] severities = Severity.values();
        for (int i = severities.length - 1; i >= 0; i--) {
            ordered.put(severities[i], counts.getOrDefault(severities[i], 0L));
        }
        return ordered;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, List<String> ids) {
        return entityManager.createNativeQuery(sql).setParameter("ids", ids).getResultList();
    }
}
