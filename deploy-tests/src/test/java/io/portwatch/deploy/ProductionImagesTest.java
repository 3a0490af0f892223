package io.portwatch.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production overlay takes every Portwatch image by digest (its {@code images} component, written by
 * {@code deploy/images/build.sh pin}), never by a tag that could move.
 */
class ProductionImagesTest {

    /** {@code [registry/path/]portwatch/<name>@sha256:<64 hex>}. */
    private static final Pattern PINNED = Pattern.compile("(?:[a-z0-9.:-]+/)*portwatch/[a-z-]+@sha256:[0-9a-f]{64}");

    @Test
    void everyPortwatchImageIsPinnedByDigest() {
        List<String> images = new ArrayList<>();
        for (RenderedOverlay.Workload workload : RenderedOverlay.render("production").workloads()) {
            workload.pod().path("containers").forEach(container -> images.add(container.path("image").asText()));
            workload.pod().path("initContainers").forEach(container -> images.add(container.path("image").asText()));
        }
        List<String> portwatch = images.stream().filter(image -> image.contains("portwatch/")).toList();

        assertThat(portwatch).allSatisfy(image -> assertThat(image).as("pinned by digest").matches(PINNED));
        for (String service : List.of("registry-service", "alert-service", "probe-service", "notifier-service")) {
            assertThat(portwatch).as(service).anyMatch(image -> image.contains("portwatch/" + service + "@sha256:"));
        }
    }
}
