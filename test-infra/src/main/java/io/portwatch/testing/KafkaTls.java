package io.portwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Certificates for a broker's TLS listener with client certificates, as the Kubernetes cluster's: a broker key store
 * for 127.0.0.1 and a client key store, each self-signed, made with the JDK's {@code keytool} for one test run; each
 * side trusts the other's certificate (PEM).
 *
 * @param brokerKeyStore the broker's PKCS12 key store
 * @param brokerCert     the broker's certificate, PEM: the client's trust store
 * @param clientKeyStore the client's PKCS12 key store
 * @param clientCert     the client's certificate, PEM: the broker's trust store for client certificates
 * @param password       the password of both key stores
 */
public record KafkaTls(Path brokerKeyStore, Path brokerCert, Path clientKeyStore, Path clientCert, String password) {

    /** Makes the key stores and certificates in a new directory under {@code parent}. */
    public static KafkaTls create(Path parent) {
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent, "kafka-tls-");
            String password = "pw-" + Long.toHexString(System.nanoTime());
            KafkaTls tls = new KafkaTls(directory.resolve("broker.p12"), directory.resolve("broker.pem"), directory.resolve("client.p12"),
                    directory.resolve("client.pem"), password);
            tls.keyPair(tls.brokerKeyStore, tls.brokerCert, "CN=127.0.0.1", "SAN=ip:127.0.0.1");
            tls.keyPair(tls.clientKeyStore, tls.clientCert, "CN=portwatch-cli", null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kafka.* client settings of a client that presents its certificate and trusts the broker's. */
    public Map<String, String> clientSettings() {
        return Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM", "ssl.truststore.location", brokerCert.toString(),
                "ssl.keystore.type", "PKCS12", "ssl.keystore.location", clientKeyStore.toString(), "ssl.keystore.password", password);
    }

    private void keyPair(Path keyStore, Path cert, String name, String extension) {
        keytool(extension == null
                ? List.of("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", name, "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password)
                : List.of("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", name, "-ext", extension,
                        "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password));
        keytool(List.of("-exportcert", "-rfc", "-alias", "key", "-keystore", keyStore.toString(), "-storepass", password,
                "-file", cert.toString()));
    }

    private static void keytool(List<String> arguments) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("the JDK's keytool is missing at " + keytool + "; the TLS tests need a full JDK");
        }
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(arguments);
        Commands.Result result = Commands.run(command.toArray(String[]::new));
        if (!result.ok()) {
            throw new IllegalStateException("keytool " + arguments.get(0) + " failed: " + String.join("\n", result.output()));
        }
    }
}
