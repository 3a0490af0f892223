package io.portwatch.alert.api;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.http.BodyLimit;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** alert-service's body limit for the HTTP edge: {@code portwatch.alert.max-body-bytes} on every path. */
class AlertBodyLimit {

    @Produces
    @Singleton
    BodyLimit bodyLimit(AlertConfig config) {
        return path -> config.maxBodyBytes();
    }
}
