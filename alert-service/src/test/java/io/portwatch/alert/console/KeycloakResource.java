package io.portwatch.alert.console;

import io.portwatch.testing.FreePorts;
import io.portwatch.testing.LocalScripts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.awaitility.Awaitility.await;

/**
 * A real OIDC provider for the console's sign-in: Keycloak (the {@code keycloak-quarkus-dist} zip from Maven Central,
 * unpacked once into {@code .portwatch/keycloak}) in dev mode on 127.0.0.1, on this JVM's Java, with the realm of
 * {@code src/test/resources/keycloak/portwatch-realm.json} imported into a fresh database. alert-service gets a fixed
 * free port, because the realm allows redirects back to that origin only.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static final String VERSION = "26.5.6";
    static final String REALM = "portwatch";
    static final String ANALYST = "dana";
    static final String ANALYST_PASSWORD = "dana-test-password";
    static final String VIEWER = "vera";
    static final String VIEWER_PASSWORD = "vera-test-password";
    /** Dev mode's first start builds the server (83 s on this machine under load); later starts take 25-75 s. */
    static final Duration START_DEADLINE = Duration.ofMinutes(4);

    private Process keycloak;

    @Override
    public Map<String, String> start() {
        Path home = unpacked();
        int port = FreePorts.any();
        int consolePort = FreePorts.any();
        String secret = UUID.randomUUID().toString();
        String realm = "http://127.0.0.1:" + port + "/realms/" + REALM;
        try {
            deleteTree(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (InputStream in = KeycloakResource.class.getResourceAsStream("/keycloak/portwatch-realm.json")) {
                Files.copy(in, imports.resolve("portwatch-realm.json"));
            }
            Path log = Files.createDirectories(Path.of("target")).resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--hostname-strict=false", "--log-level=WARN")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_APPEND", "-Djava.net.preferIPv4Stack=true");
            // The realm file's placeholders: where the console lives (its redirect and logout URIs) and its secret.
            // The test's browser and REST Assured reach the console as localhost (its redirect URI names that host).
            builder.environment().put("PORTWATCH_CONSOLE_URL", "http://localhost:" + consolePort);
            builder.environment().put("PORTWATCH_CONSOLE_CLIENT_SECRET", secret);
            keycloak = builder.start();
            awaitRealm(realm, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.http.test-port", String.valueOf(consolePort),
                "portwatch.alert.console.oidc", "true",
                "quarkus.oidc.auth-server-url", realm,
                "quarkus.oidc.credentials.secret", secret,
                // Loopback HTTP: a Secure cookie would not come back.
                "quarkus.oidc.authentication.cookie-force-secure", "false",
                // The API verifies the provider's access tokens (this key location wins over JwtKeysResource's).
                "mp.jwt.verify.issuer", realm,
                "smallrye.jwt.verify.key.location", realm + "/protocol/openid-connect/certs");
    }

    private void awaitRealm(String realm, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realm + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            await("Keycloak's realm " + REALM).atMost(START_DEADLINE).pollInterval(Duration.ofMillis(500))
                    .failFast("Keycloak exited", () -> !keycloak.isAlive()).ignoreExceptions()
                    .until(() -> client.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("Keycloak did not serve its realm; its log: " + log.toAbsolutePath(), e);
        }
    }

    /** The distribution, unpacked once per checkout (the zip from the local Maven repository, fetched when missing). */
    private static Path unpacked() {
        Path parent = LocalScripts.root().resolve(".portwatch/keycloak");
        Path home = parent.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        Path repository = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path zip = repository.resolve("org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            LocalScripts.runFromRoot("mvnw", Map.of(), "-B", "-q", "dependency:get",
                    "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip", "-Dtransitive=false");
        }
        try {
            deleteTree(home);
            Files.createDirectories(parent);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = parent.resolve(entry.getName()).normalize();
                    if (!target.startsWith(parent)) {
                        throw new IllegalStateException("zip entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                scripts.filter(script -> script.toString().endsWith(".sh")).forEach(script -> script.toFile().setExecutable(true));
            }
            Files.createFile(home.resolve(".complete"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void stop() {
        if (keycloak == null) {
            return;
        }
        keycloak.descendants().forEach(ProcessHandle::destroy);
        keycloak.destroy();
        try {
            if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
                keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
                keycloak.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
