package io.portwatch.registry.api;

import io.portwatch.http.BodyLimit;
import io.portwatch.registry.config.RegistryConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registry's body limits for the HTTP edge: {@code max-csv-body-bytes} for the IANA import, {@code max-json-body-bytes} elsewhere. */
class RegistryBodyLimit {

    @Produces
    @Singleton
    BodyLimit bodyLimit(RegistryConfig config) {
        return path -> path.endsWith("/iana-import") ? config.maxCsvBodyBytes() : config.maxJsonBodyBytes();
    }
}
