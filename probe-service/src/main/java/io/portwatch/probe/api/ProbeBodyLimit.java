package io.portwatch.probe.api;

import io.portwatch.http.BodyLimit;
import io.portwatch.probe.config.ProbeConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** probe-service's body limit for the HTTP edge: {@code portwatch.probe.max-body-bytes} on every path. */
class ProbeBodyLimit {

    @Produces
    @Singleton
    BodyLimit bodyLimit(ProbeConfig config) {
        return path -> config.maxBodyBytes();
    }
}
