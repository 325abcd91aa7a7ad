package org.privacymetrics.logback.fluentd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.privacymetrics.logback.transport.Await;
import org.privacymetrics.logback.transport.DropReason;
import org.privacymetrics.logback.transport.LogbackFixture;
import org.privacymetrics.logback.transport.TestCertificates;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Forward over TLS: a trusted certificate for the host works; one for another host name is refused. */
class FluentdAppenderTlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    private ForwardTestServer server;
    private LogbackFixture logback;

    @BeforeAll
    static void certificates() throws Exception {
        certificates = TestCertificates.create(dir);
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

    private FluentdAppender configure(String fixture, String host, String stopTimeout) throws Exception {
        return configure(fixture, host, stopTimeout, "true");
    }

    private FluentdAppender configure(String fixture, String host, String stopTimeout, String verify) throws Exception {
        logback = new LogbackFixture(getClass(), fixture, Map.of("fluentd.host", host,
                "fluentd.port", Integer.toString(server.port()), "trustStore", certificates.trustStore().toString(),
                "trustStoreUrl", certificates.trustStore().toUri().toString(),
                "trustStorePassword", TestCertificates.TRUST_PASSWORD, "stopTimeout", stopTimeout, "verify", verify));
        FluentdAppender appender = logback.appender("FLUENTD_TLS");
        assertThat(appender.isStarted()).as(logback.statusText()).isTrue();
        return appender;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FluentdAppenderTlsTest.xml", "FluentdAppenderTlsAliasTest.xml"})
    void eventsTravelOverTlsToATrustedServer(String fixture) throws Exception {
        server = new ForwardTestServer(0).withTls(certificates.serverContext()).start();
        FluentdAppender appender = configure(fixture, "localhost", "20 seconds");
        for (int i = 0; i < 3; i++) {
            logback.logger("org.example.sync.Usage").info("tls-" + i);
        }
        Await.until("acknowledged", () -> appender.getStats().sent() == 3, () -> appender.getStats().toString());
        assertThat(server.entries()).extracting(e -> e.record().get("message"))
                .containsExactly("tls-0", "tls-1", "tls-2");
        assertThat(server.acksSent()).isNotEmpty();
        List<String> deprecations = logback.statuses().stream().map(s -> s.getMessage())
                .filter(m -> m.contains("is deprecated")).toList();
        if (fixture.contains("Alias")) {
            for (String old : List.of("host", "port", "tls", "trustStore", "trustStorePassword", "connectTimeout",
                    "stopTimeout")) {
                assertThat(deprecations).filteredOn(m -> m.contains("<" + old + "> is deprecated; use ")).hasSize(1);
            }
        } else {
            assertThat(deprecations).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FluentdAppenderTlsTest.xml", "FluentdAppenderTlsAliasTest.xml"})
    void aCertificateForAnotherHostNameIsRefused(String fixture) throws Exception {
        server = new ForwardTestServer(0).withTls(certificates.serverContext()).start();
        // the certificate names localhost, not 127.0.0.1: same server, but the name check must fail
        FluentdAppender appender = configure(fixture, "127.0.0.1", "300 milliseconds");
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
        assertThat(ours).contains("retrying with backoff").contains("No subject alternative names matching IP address 127.0.0.1").doesNotContain(TestCertificates.TRUST_PASSWORD);
    }

    @Test
    void switchingTheHostNameCheckOffIsWhatLetsTheWrongNameThrough() throws Exception {
        server = new ForwardTestServer(0).withTls(certificates.serverContext()).start();
        FluentdAppender appender = configure("FluentdAppenderTlsTest.xml", "127.0.0.1", "20 seconds", "false");
        logback.logger("org.example.sync.Usage").info("unchecked-name");
        Await.until("acknowledged", () -> appender.getStats().sent() == 1, () -> appender.getStats().toString());
        assertThat(logback.statusText()).contains("host name NOT verified");
    }
}
