package org.privacymetrics.logback.fluentd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.privacymetrics.logback.transport.Await;
import org.privacymetrics.logback.transport.DropReason;
import org.privacymetrics.logback.transport.LogbackFixture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Forward over TLS: a trusted certificate for the host works; one for another host name is refused. */
class FluentdAppenderTlsTest {
    private static final String STORE_PASSWORD = "server-store-pass";
    private static final String TRUST_PASSWORD = "trust-store-pass";

    @TempDir
    static Path dir;
    private static SSLContext serverTls;

    private ForwardTestServer server;
    private LogbackFixture logback;

    /** A self-signed certificate for the DNS name localhost only, made with the JDK's keytool. */
    @BeforeAll
    static void certificates() throws Exception {
        keytool("-genkeypair", "-alias", "fluentd", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", dir.resolve("server.p12").toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "fluentd", "-rfc", "-file", dir.resolve("server.pem").toString(),
                "-keystore", dir.resolve("server.p12").toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "fluentd-ca", "-file", dir.resolve("server.pem").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("trust.p12").toString(), "-storepass", TRUST_PASSWORD);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (logback != null) {
            logback.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private FluentdAppender configure(String host, String stopTimeout) throws Exception {
        logback = new LogbackFixture(getClass(), "FluentdAppenderTlsTest.xml", Map.of("fluentd.host", host,
                "fluentd.port", Integer.toString(server.port()), "trustStore", dir.resolve("trust.p12").toString(),
                "trustStorePassword", TRUST_PASSWORD, "stopTimeout", stopTimeout));
        FluentdAppender appender = logback.appender("FLUENTD_TLS");
        assertThat(appender.isStarted()).as(logback.statusText()).isTrue();
        return appender;
    }

    @Test
    void eventsTravelOverTlsToATrustedServer() throws Exception {
        server = new ForwardTestServer(0).withTls(serverTls).start();
        FluentdAppender appender = configure("localhost", "20 seconds");
        for (int i = 0; i < 3; i++) {
            logback.logger("org.example.sync.Usage").info("tls-" + i);
        }
        Await.until("acknowledged", () -> appender.getStats().sent() == 3, () -> appender.getStats().toString());
        assertThat(server.entries()).extracting(e -> e.record().get("message"))
                .containsExactly("tls-0", "tls-1", "tls-2");
        assertThat(server.acksSent()).isNotEmpty();
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        server = new ForwardTestServer(0).withTls(serverTls).start();
        // the certificate names localhost, not 127.0.0.1: same server, but the name check must fail
        FluentdAppender appender = configure("127.0.0.1", "300 milliseconds");
        logback.logger("org.example.sync.Usage").info("must-not-arrive");
        Await.until("refused twice", () -> appender.getStats().failedAttempts() >= 2,
                () -> appender.getStats().toString());
        assertThat(appender.getStats().sent()).isZero();
        assertThat(server.entries()).isEmpty();
        appender.stop();
        assertThat(appender.getStats().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
        String ours = logback.statusText().lines()
                .filter(l -> !l.contains("substituted for \"${trustStorePassword}\"")) // qos-ch/logback#986
                .reduce("", (a, b) -> a + "\n" + b);
        assertThat(ours).contains("retrying with backoff").contains("No subject alternative names matching IP address 127.0.0.1").doesNotContain(TRUST_PASSWORD);
    }
}
