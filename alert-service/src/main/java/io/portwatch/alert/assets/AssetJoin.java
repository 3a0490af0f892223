package io.portwatch.alert.assets;

import io.portwatch.alert.findings.SeenHost;

import java.util.Map;

/**
 * The assets a batch's network hosts join, read once for the batch ({@link AssetIndex#join}).
 *
 * @param network the asset of each network host id among the batch's hosts
 */
public record AssetJoin(Map<String, String> network) {

    /** The host on the asset it joins: a network host's from the index, any other host's its own. */
    public SeenHost attach(SeenHost host) {
        String asset = network.get(host.id());
        return asset == null ? host : host.onAsset(asset);
    }
}
