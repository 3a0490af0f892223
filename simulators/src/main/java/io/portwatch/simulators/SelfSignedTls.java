package io.portwatch.simulators;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server TLS context with a self-signed certificate made at start by the JDK's own {@code keytool}, so the
 * simulators need no library and no key on disk: the key store lives in a temporary directory only while
 * it is read.
 */
final class SelfSignedTls {

    /** The certificate's subject. */
    static final String SUBJECT = "CN=portwatch-https-admin,O=Portwatch simulators";
    private static final int VALIDITY_DAYS = 30;
    private static final long KEYTOOL_SECONDS = 60;
    private static final char[] PASSWORD = "simulators".toCharArray();

    private SelfSignedTls() {
    }

    /** A TLS context presenting a fresh self-signed certificate for {@link #SUBJECT}. */
    static SSLContext create() {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("simulators-tls");
            Path store = directory.resolve("admin.p12");
            Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "admin", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", SUBJECT,
                    "-validity", String.valueOf(VALIDITY_DAYS), "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            if (!keytool.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                throw new IllegalStateException("keytool could not make a certificate: "
                        + new String(keytool.getInputStream().readAllBytes()).strip());
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a self-signed certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a self-signed certificate", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            System.err.println("https-admin: cannot delete " + directory + ": " + e.getMessage());
        }
    }
}
