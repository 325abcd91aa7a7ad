package org.privacymetrics.logback.transport;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for the DNS name {@code localhost} only (not {@code 127.0.0.1}), made with the
 * JDK's keytool, plus a trust store holding just that certificate.
 */
public final class TestCertificates {
    public static final String TRUST_PASSWORD = "trust-store-pass";
    private static final String STORE_PASSWORD = "server-store-pass";

    private final Path trustStore;
    private final SSLContext serverContext;

    private TestCertificates(Path trustStore, SSLContext serverContext) {
        this.trustStore = trustStore;
        this.serverContext = serverContext;
    }

    public static TestCertificates create(Path dir) throws Exception {
        Path server = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        Path trust = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", server.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "server", "-rfc", "-file", pem.toString(), "-keystore", server.toString(),
                "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "test-ca", "-file", pem.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", TRUST_PASSWORD);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return new TestCertificates(trust, ctx);
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** PKCS12 trust store with the server certificate, password {@link #TRUST_PASSWORD}. */
    public Path trustStore() {
        return trustStore;
    }

    /** TLS context with the server's key, for test servers. */
    public SSLContext serverContext() {
        return serverContext;
    }
}
