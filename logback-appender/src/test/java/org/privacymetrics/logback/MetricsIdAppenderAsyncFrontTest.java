package org.privacymetrics.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 5 of issue 14: an asynchronous appender in front of MetricsIdAppender is reported at start. */
class MetricsIdAppenderAsyncFrontTest {

    @Test
    void anAsyncAppenderInFrontIsReportedNamingBothAppenders(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, MetricsIdAppenderTest.SECRET);
        try (LogbackFixture fx = new LogbackFixture(MetricsIdAppenderAsyncFrontTest.class, "MetricsIdAppenderAsyncFrontTest.xml", dir,
                Map.of("SECRET_FILE", secret.toString()))) {
            // Right after configuration, before any event.
            List<String> warnings = fx.context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() == Status.WARN).map(Status::getMessage).toList();
            assertThat(warnings).filteredOn(m -> m.contains("MetricsIdAppender [METRICS] is referenced by the asynchronous appender [ASYNC]"))
                    .hasSize(1).first().asString().contains("attach MetricsIdAppender directly to the logger");
        }
    }

    @Test
    void noWarningWhenAttachedDirectly(@TempDir Path dir) throws Exception {
        try (LogbackFixture fx = new LogbackFixture(MetricsIdAppenderTest.class, "MetricsIdAppenderTest.xml", dir,
                Map.of("METRICS_SECRET", MetricsIdAppenderTest.SECRET))) {
            fx.logAt(MetricsIdAppenderTest.AT, "login", null, null, "uid", MetricsIdAppenderTest.UID);
            assertThat(fx.statuses()).doesNotContain("asynchronous appender");
            // The default LogstashEncoder downstream lost its context provider: reported once, as information.
            assertThat(fx.statuses()).contains("MetricsIdAppender [METRICS]: the encoder of [JSON] no longer writes context properties");
        }
    }
}
