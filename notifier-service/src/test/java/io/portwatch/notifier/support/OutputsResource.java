package io.portwatch.notifier.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the real receivers of the notifier's outputs for its {@code @QuarkusTest}s: an Alertmanager process and
 * three HTTP receivers (webhook, OCSF, Slack), and writes the secrets the outputs read from files.
 */
public class OutputsResource implements QuarkusTestResourceLifecycleManager {

    /** The HMAC key the webhook output signs with (a test key, in a file as in production). */
    public static final String HMAC_KEY = "test-hmac-key-0123456789";
    /** The bearer token the webhook output sends from its header file. */
    public static final String TOKEN = "test-token-abcdef";

    private Outputs outputs;

    @Override
    public Map<String, String> start() {
        outputs = new Outputs(AlertmanagerProcess.start(Path.of("target")), TestReceiver.start(), TestReceiver.start(),
                TestReceiver.start());
        try {
            Path secrets = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "secrets-");
            Map<String, String> config = new HashMap<>();
            config.put("portwatch.notifier.alertmanager.url", outputs.alertmanager().url().toString());
            config.put("portwatch.notifier.webhook.url", outputs.webhook().url().toString());
            config.put("portwatch.notifier.webhook.hmac-key-file", Files.writeString(secrets.resolve("hmac"), HMAC_KEY + "\n").toString());
            config.put("portwatch.notifier.webhook.header-files.Authorization",
                    Files.writeString(secrets.resolve("token"), "Bearer " + TOKEN).toString());
            config.put("portwatch.notifier.ocsf.url", outputs.ocsf().url().toString());
            config.put("portwatch.notifier.slack.url-file", Files.writeString(secrets.resolve("slack-url"), outputs.slack().url().toString()).toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(outputs, new TestInjector.MatchesType(Outputs.class));
    }

    @Override
    public void stop() {
        if (outputs != null) {
            outputs.close();
        }
    }
}
