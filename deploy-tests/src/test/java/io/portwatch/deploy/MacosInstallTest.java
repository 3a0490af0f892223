package io.portwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portwatch.deploy.ScriptRun.Result;
import io.portwatch.testing.LocalScripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/macos on this Linux machine (docs/macos.md): the launchd plist read by a real plist parser (python3's
 * plistlib), install.sh and uninstall.sh run into a temporary root with {@code --no-launchctl}, and install.sh's
 * Java check against a missing, a foreign and an old runtime. launchd itself and a real Mac are not tested here.
 */
class MacosInstallTest {

    private static final Path MACOS = LocalScripts.root().resolve("deploy/macos");
    private static final String LABEL = "io.portwatch.probe";
    private static final String STATE = "Library/Application Support/Portwatch";
    private static final String INSTALLED_STATE = "/" + STATE;
    private static final String PLIST = "Library/LaunchDaemons/" + LABEL + ".plist";
    private static final String LOGS = "/Library/Logs/Portwatch/";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private Path root;
    private Path app;

    @BeforeEach
    void probeBuild() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        app = temp.resolve("quarkus-app");
        Files.createDirectories(app.resolve("lib/main"));
        Files.writeString(app.resolve("quarkus-run.jar"), "the probe");
        Files.writeString(app.resolve("lib/main/io.portwatch.probe-service.jar"), "its classes");
    }

    @Test
    void thePlistRunsTheProbeAsARootDaemonThatLaunchdKeepsAlive() {
        JsonNode plist = plist(MACOS.resolve(LABEL + ".plist"));

        assertThat(plist.path("Label").asText()).isEqualTo(LABEL);
        assertThat(texts(plist.path("ProgramArguments"))).containsExactly("@JAVA@", "-Xmx256m",
                "-Dquarkus.config.locations=@PORTWATCH_URI@/probe.properties", "-jar", "@PORTWATCH@/probe/quarkus-run.jar");
        assertThat(plist.path("UserName").asText()).isEqualTo("root");
        assertThat(plist.path("KeepAlive").asBoolean()).isTrue();
        assertThat(plist.path("RunAtLoad").asBoolean()).isTrue();
        assertThat(plist.path("StandardOutPath").asText()).startsWith(LOGS);
        assertThat(plist.path("StandardErrorPath").asText()).startsWith(LOGS);
    }

    @Test
    void installWritesTheProbeTheConfigAndTheDaemonAndUninstallRemovesThem() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();

        Result install = run("install.sh", Map.of(), "--app", app.toString(), "--java", java, "--root", root.toString(), "--no-launchctl");

        assertThat(install.exit()).as(install.output()).isZero();
        Path state = root.resolve(STATE);
        assertThat(Files.readString(state.resolve("probe/quarkus-run.jar"))).isEqualTo("the probe");
        assertThat(state.resolve("probe/lib/main/io.portwatch.probe-service.jar")).exists();
        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(mode(state.resolve("probe.properties"))).isEqualTo("rw-------");
        assertThat(mode(root.resolve(PLIST))).isEqualTo("rw-r--r--");
        assertThat(root.resolve("Library/Logs/Portwatch")).isDirectory();
        // The installed plist: this machine's Java and the installed paths (not the temporary root: launchd sees /).
        JsonNode plist = plist(root.resolve(PLIST));
        assertThat(texts(plist.path("ProgramArguments"))).containsExactly(java, "-Xmx256m",
                "-Dquarkus.config.locations=file:///Library/Application%20Support/Portwatch/probe.properties",
                "-jar", INSTALLED_STATE + "/probe/quarkus-run.jar");
        assertThat(plist.path("WorkingDirectory").asText()).isEqualTo(INSTALLED_STATE);
        // The template's placeholders are left to the operator: the daemon is not started, and it says why.
        assertThat(install.output()).contains("still has <placeholders>").doesNotContain("loaded " + LABEL);

        // Again, with an operator's config: kept as it is; the probe replaced.
        Files.writeString(state.resolve("probe.properties"), "portwatch.probe.zone=office\n");
        Files.writeString(app.resolve("quarkus-run.jar"), "the next probe");
        Result again = run("install.sh", Map.of(), "--app", app.toString(), "--java", java, "--root", root.toString(), "--no-launchctl");

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("keeping").contains("--no-launchctl: the daemon is not loaded")
                .contains("enrol-secret is missing");
        assertThat(Files.readString(state.resolve("probe.properties"))).isEqualTo("portwatch.probe.zone=office\n");
        assertThat(mode(state.resolve("probe.properties"))).isEqualTo("rw-------");
        assertThat(Files.readString(state.resolve("probe/quarkus-run.jar"))).isEqualTo("the next probe");

        // Uninstall without a terminal: the daemon and the probe go, the state and the logs stay, and it says so.
        Result uninstall = run("uninstall.sh", Map.of(), "--root", root.toString(), "--no-launchctl");

        assertThat(uninstall.exit()).as(uninstall.output()).isZero();
        assertThat(root.resolve(PLIST)).doesNotExist();
        assertThat(state.resolve("probe")).doesNotExist();
        assertThat(state.resolve("probe.properties")).exists();
        assertThat(uninstall.output()).contains("kept").contains("--purge");

        Result purge = run("uninstall.sh", Map.of(), "--purge", "--root", root.toString(), "--no-launchctl");

        assertThat(purge.exit()).as(purge.output()).isZero();
        assertThat(state).doesNotExist();
        assertThat(root.resolve("Library/Logs/Portwatch")).doesNotExist();
        assertThat(purge.output()).contains("revoke");
        // Nothing left: a third run is no error.
        assertThat(run("uninstall.sh", Map.of(), "--purge", "--root", root.toString(), "--no-launchctl").exit()).isZero();
    }

    @Test
    void withoutAJavaRuntimeInstallSaysSoAndInstallsNothing() throws IOException {
        // A PATH with the tools the script uses and no java; no JAVA_HOME.
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String tool : List.of("sh", "sed", "head", "mkdir", "chmod", "chown", "cp", "rm", "mv", "id", "dirname", "grep", "cat")) {
            Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + which(tool) + " \"$@\"\n");
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwx------"));
        }

        Result install = run("install.sh", Map.of("PATH", bin.toString()), "--app", app.toString(), "--root", root.toString(),
                "--no-launchctl");

        assertThat(install.exit()).isNotZero();
        assertThat(install.output()).contains("no Java runtime found: the probe needs Java 17 or newer");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aRuntimeThatIsNotJavaOrTooOldIsRefused() throws IOException {
        Path old = script("java8", "echo '    java.specification.version = 1.8' >&2");
        Path eleven = script("java11", "echo '    java.specification.version = 11' >&2");
        Path notJava = script("not-java", "echo 'No Java runtime present, requesting install.' >&2; exit 1");

        assertThat(refusal(old)).contains("is Java 1.8: the probe needs Java 17 or newer");
        assertThat(refusal(eleven)).contains("is Java 11: the probe needs Java 17 or newer");
        assertThat(refusal(notJava)).contains("is not a usable Java runtime");
        assertThat(refusal(temp.resolve("absent/java"))).contains("is not an executable Java runtime");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void theConfigTemplateIsForAProbeOutsideTheClusterOverKafkaTls() throws IOException {
        String template = Files.readString(MACOS.resolve("probe.properties.template"));
        Properties config = new Properties();
        config.load(new StringReader(template));

        assertThat(ServiceConfig.unknownKeys("probe-service", template)).as("keys probe-service does not read").isEmpty();
        assertThat(config.getProperty("portwatch.probe.host-mode.backend")).isEqualTo("lsof");
        assertThat(config.getProperty("kafka.security.protocol")).isEqualTo("SSL");
        assertThat(config.getProperty("kafka.bootstrap.servers")).endsWith(":" + KubernetesManifestsTest.EXTERNAL_PORT);
        assertThat(config.getProperty("portwatch.probe.enrolment.url")).startsWith("https://");
        assertThat(config.getProperty("quarkus.http.host")).isEqualTo("127.0.0.1");
        assertThat(config.getProperty("quarkus.management.host")).isEqualTo("127.0.0.1");
        // Every file it names lies in the state directory install.sh keeps at mode 700.
        assertThat(config.stringPropertyNames()).filteredOn(key -> config.getProperty(key).contains("/Library"))
                .allSatisfy(key -> assertThat(config.getProperty(key)).contains(INSTALLED_STATE + "/"))
                .hasSize(5);
    }

    private String refusal(Path java) {
        Result install = run("install.sh", Map.of(), "--app", app.toString(), "--java", java.toString(), "--root", root.toString(),
                "--no-launchctl");
        assertThat(install.exit()).as(install.output()).isNotZero();
        return install.output();
    }

    private Path script(String name, String body) throws IOException {
        Path script = temp.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The plist as JSON, read by python3's plistlib (data and dates are not used in it). */
    private JsonNode plist(Path file) {
        Result parsed = command(List.of("python3", "-c",
                "import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))", file.toString()), Map.of());
        assertThat(parsed.exit()).as("plistlib reading " + file + ": " + parsed.output()).isZero();
        try {
            return JSON.readTree(parsed.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result run(String script, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", MACOS.resolve(script).toString()));
        command.addAll(List.of(arguments));
        return command(command, environment);
    }

    private Result command(List<String> command, Map<String, String> environment) {
        return ScriptRun.run(command, inherited -> {
            inherited.remove("JAVA_HOME");
            inherited.putAll(environment);
        }, temp, DEADLINE);
    }

    private static Path which(String tool) {
        for (String directory : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not installed");
    }

    private static String mode(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return PosixFilePermissions.toString(permissions);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
