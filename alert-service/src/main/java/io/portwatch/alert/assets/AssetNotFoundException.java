package io.portwatch.alert.assets;

/** No asset has this id; answered 404. */
public class AssetNotFoundException extends RuntimeException {

    public AssetNotFoundException(String assetId) {
        super("no asset has the id '" + assetId + "'");
    }
}
