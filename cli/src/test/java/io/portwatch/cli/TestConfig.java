package io.portwatch.cli;

import java.util.Optional;

/**
 * The CLI's configuration pointing at loopback test servers.
 *
 * @param url              the base URL of every service
 * @param bootstrapServers the test broker
 * @param token            the bearer token, if any
 */
record TestConfig(String url, String bootstrapServers, Optional<String> token) implements CliConfig {

    /** With the test token. */
    TestConfig(String url, String bootstrapServers) {
        this(url, bootstrapServers, Optional.of("test-token"));
    }

    /** The same services, without a token. */
    TestConfig withoutToken() {
        return new TestConfig(url, bootstrapServers, Optional.empty());
    }

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
}
