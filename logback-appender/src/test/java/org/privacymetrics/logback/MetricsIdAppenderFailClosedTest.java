package org.privacymetrics.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With a bad configuration the appender reports why (never the secret) and forwards nothing. */
class MetricsIdAppenderFailClosedTest {

    static final String GOOD = MetricsIdAppenderTest.SECRET;
    static final String SHORT = Base64.getEncoder().encodeToString("only-twenty-bytes!!!".getBytes());
    static final String REPETITIVE = Base64.getEncoder().encodeToString("abcdabcdabcdabcdabcdabcdabcdabcdabcd".getBytes());

    static Stream<Arguments> misconfigurations() {
        return Stream.of(
                Arguments.of("sync", "", "MONTH", "<secret> rejected: secret is missing"),
                Arguments.of("sync", SHORT, "MONTH", "<secret> rejected: secret decodes to 20 bytes; at least 32 are required"),
                Arguments.of("sync", "%%%not-base64%%%" + GOOD, "MONTH", "<secret> rejected: secret is not valid base64"),
                Arguments.of("sync", REPETITIVE, "MONTH", "<secret> rejected: secret is not plausibly random"),
                Arguments.of("sync", "METRICS_SECRET_OF_THE_SYNC_SERVICE_IS_UNDEFINED", "MONTH",
                        "<secret> rejected: secret contains Logback's undefined-variable marker _IS_UNDEFINED"),
                Arguments.of("sync", GOOD, "YEAR", "<rotation> unknown rotation [YEAR]; use MONTH, WEEK or DAY"),
                Arguments.of("", GOOD, "MONTH", "<service> is required"));
    }

    @ParameterizedTest
    @MethodSource("misconfigurations")
    void reportsAndForwardsNothing(String service, String secret, String rotation, String expectedError, @TempDir Path dir) throws Exception {
        try (LogbackFixture fx = new LogbackFixture(MetricsIdAppenderFailClosedTest.class, "MetricsIdAppenderFailClosedTest.xml", dir,
                Map.of("SERVICE", service, "METRICS_SECRET", secret, "ROTATION", rotation))) {
            assertThat(fx.errors()).extracting(Status::getMessage).anyMatch(m -> m.contains(expectedError));
            assertThat(fx.metricsAppender().isStarted()).isFalse();

            fx.logAt(Instant.now(), "login", null, null, "uid", MetricsIdAppenderTest.UID);
            assertThat(fx.output()).isEmpty();
            if (!secret.isEmpty()) {
                assertThat(fx.statuses()).doesNotContain(secret).doesNotContain(GOOD);
            }
        }
    }

    /** {@code <secret>${VAR}</secret>} with VAR unset: Logback substitutes VAR_IS_UNDEFINED, which must not become a key. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"UNSET_LONG_VARIABLE_NAME_XYZ", "METRICS_SECRET_OF_THE_SYNC_SERVICE"})
    void anUndefinedVariableKeepsTheAppenderStopped(String variable, @TempDir Path dir) throws Exception {
        String xml = new String(MetricsIdAppenderFailClosedTest.class.getResourceAsStream("MetricsIdAppenderFailClosedTest.xml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("${METRICS_SECRET}", "${" + variable + "}");
        java.nio.file.Files.writeString(dir.resolve("logback.xml"), xml);
        try (LogbackFixture fx = LogbackFixture.fromFile(dir.resolve("logback.xml"), dir, Map.of("SERVICE", "sync", "ROTATION", "MONTH"))) {
            assertThat(fx.errors()).extracting(Status::getMessage)
                    .anyMatch(m -> m.contains("MetricsIdAppender [METRICS]: <secret> rejected: secret contains Logback's undefined-variable marker"))
                    .noneMatch(m -> m.contains(variable));
            assertThat(fx.metricsAppender().isStarted()).isFalse();
            fx.logAt(Instant.now(), "login", null, null, "uid", MetricsIdAppenderTest.UID);
            assertThat(fx.output()).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void anEmptyValueSetKeepsTheAppenderStoppedAndStartNeverThrows() {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        MetricsIdAppender a = new MetricsIdAppender();
        a.setContext(context);
        a.setName("METRICS");
        a.setService("sync");
        a.setSecret(GOOD);
        a.addAllowedKey("plan= | ");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> downstream = new ch.qos.logback.core.read.ListAppender<>();
        downstream.start();
        a.addAppender(downstream);
        a.start();
        a.start();
        assertThat(a.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList()).filteredOn(s -> s.getLevel() == Status.ERROR).extracting(Status::getMessage)
                .contains("MetricsIdAppender [METRICS]: <allowedKey> [plan] declares an empty value set; list values as plan=a|b|c or drop the '='");
        a.stop();
        a.stop();
    }
}
