package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.privacymetrics.logback.elasticsearch.ElasticsearchAppender;
import org.privacymetrics.logback.fluentd.FluentdAppender;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared {@code <ssl>} component of both transports: on by default for host names, and a trust store that cannot
 * be used stops the appender with an error naming the setting, never the password.
 */
class TlsConfigurationTest {
    private static final String WRONG_PASSWORD = "wrong-Pa55word-xyz";

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private final List<LoggerContext> contexts = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        certificates = TestCertificates.create(dir);
    }

    @AfterEach
    void stop() {
        contexts.forEach(LoggerContext::stop);
    }

    private LoggerContext configure(String transport, String ssl) throws Exception {
        String target = transport.equals("fluentd")
                ? "<appender name=\"T\" class=\"" + FluentdAppender.class.getName() + "\"><destination>localhost:24224</destination>"
                : "<appender name=\"T\" class=\"" + ElasticsearchAppender.class.getName() + "\"><url>https://localhost:9200</url>";
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        contexts.add(context);
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(context);
        c.doConfigure(new ByteArrayInputStream(("<configuration>" + target + "<jmx>false</jmx>" + ssl
                + "</appender><root level=\"INFO\"><appender-ref ref=\"T\"/></root></configuration>")
                .getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    private static AsyncTransportAppender appender(LoggerContext c) {
        return (AsyncTransportAppender) c.getLogger("ROOT").getAppender("T");
    }

    private static String errors(LoggerContext c) {
        return c.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == Status.ERROR)
                .map(Status::getMessage).collect(Collectors.joining("\n"));
    }

    private static String all(LoggerContext c) {
        return c.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage).collect(Collectors.joining("\n"));
    }

    private static String trustStore(String password) {
        return "<ssl><trustStore><location>" + certificates.trustStore().toUri() + "</location><password>" + password
                + "</password><type>PKCS12</type></trustStore></ssl>";
    }

    @ParameterizedTest
    @ValueSource(strings = {"fluentd", "elasticsearch"})
    void aUsableTrustStoreStartsTheTransportWithTheHostNameCheckOn(String transport) throws Exception {
        LoggerContext c = configure(transport, trustStore(TestCertificates.TRUST_PASSWORD));
        assertThat(appender(c).isStarted()).as(all(c)).isTrue();
        assertThat(all(c)).contains("tls [trust store " + certificates.trustStore().toUri())
                .doesNotContain("NOT verified").doesNotContain(TestCertificates.TRUST_PASSWORD);
        assertThat(new TlsConfiguration().isHostnameVerification()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fluentd", "elasticsearch"})
    void aWrongTrustStorePasswordIsAnErrorNamingTheSettingNotThePassword(String transport) throws Exception {
        LoggerContext c = configure(transport, trustStore(WRONG_PASSWORD));
        assertThat(appender(c).isStarted()).isFalse();
        assertThat(errors(c)).contains("field [ssl.trustStore] location [" + certificates.trustStore().toUri()
                + "] type [PKCS12]").contains("[password] (not shown)").contains("the appender stays stopped");
        assertThat(all(c)).doesNotContain(WRONG_PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fluentd", "elasticsearch"})
    void aMissingTrustStoreFileOrLocationIsAnError(String transport) throws Exception {
        LoggerContext missingFile = configure(transport, "<ssl><trustStore><location>file:" + dir.resolve("none.p12")
                + "</location><password>" + WRONG_PASSWORD + "</password></trustStore></ssl>");
        assertThat(appender(missingFile).isStarted()).isFalse();
        assertThat(errors(missingFile)).contains("field [ssl.trustStore] location [file:" + dir.resolve("none.p12"));
        assertThat(all(missingFile)).doesNotContain(WRONG_PASSWORD);

        LoggerContext noLocation = configure(transport, "<ssl><trustStore><password>x</password></trustStore></ssl>");
        assertThat(appender(noLocation).isStarted()).isFalse();
        assertThat(errors(noLocation)).contains("field [ssl.trustStore.location] is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fluentd", "elasticsearch"})
    void theDeprecatedTrustStoreSettingsAreCheckedLikeBefore(String transport) throws Exception {
        LoggerContext c = configure(transport, (transport.equals("fluentd") ? "<tls>true</tls>" : "")
                + "<trustStore>" + dir.resolve("none.p12") + "</trustStore><trustStorePassword>" + WRONG_PASSWORD
                + "</trustStorePassword>");
        assertThat(appender(c).isStarted()).isFalse();
        assertThat(errors(c)).contains("field [trustStore] must name a readable file");
        assertThat(all(c)).doesNotContain(WRONG_PASSWORD);

        LoggerContext wrong = configure(transport, (transport.equals("fluentd") ? "<tls>true</tls>" : "")
                + "<trustStore>" + certificates.trustStore() + "</trustStore><trustStorePassword>" + WRONG_PASSWORD
                + "</trustStorePassword>");
        assertThat(appender(wrong).isStarted()).isFalse();
        assertThat(errors(wrong)).contains("field [ssl.trustStore]");
        assertThat(all(wrong)).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void aFluentdTrustStoreWithoutTlsIsRefusedAsBefore() throws Exception {
        LoggerContext c = configure("fluentd", "<trustStore>" + certificates.trustStore() + "</trustStore>");
        assertThat(appender(c).isStarted()).isFalse();
        assertThat(errors(c)).contains("field [trustStore] needs TLS");
    }

    @Test
    void bothTheNewAndTheDeprecatedTrustStoreAreRefused() throws Exception {
        LoggerContext c = configure("elasticsearch", trustStore(TestCertificates.TRUST_PASSWORD)
                + "<trustStore>" + certificates.trustStore() + "</trustStore>");
        assertThat(appender(c).isStarted()).isFalse();
        assertThat(errors(c)).contains("set [ssl.trustStore] only: [trustStore] is its deprecated alias");
    }
}
