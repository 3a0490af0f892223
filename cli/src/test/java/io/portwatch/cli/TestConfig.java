package io.portwatch.cli;

import java.util.Optional;

/**
 * The CLI's configuration pointing at loopback test servers.
 *
 * @param url              the base URL of every service
 * @param bootstrapServers the test broker
 */
record TestConfig(String url, String bootstrapServers) implements CliConfig {

    @Override
    public String registryUrl() {
        return url;
    }

    @Override
    public String alertUrl() {
        return url;
    }

    @Override
    public String probeUrl() {
        return url;
    }

    @Override
    public Optional<String> token() {
        return Optional.of("test-token");
    }
}
