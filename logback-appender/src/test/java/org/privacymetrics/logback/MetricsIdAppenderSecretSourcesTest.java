package org.privacymetrics.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsIdAppenderSecretSourcesTest {

    @Test
    void secretFromFileGivesTheSpecIdsAndNeverAppearsInAnyStatus(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("metrics-secret");
        Files.writeString(secret, MetricsIdAppenderTest.SECRET + "\n");
        try (LogbackFixture fx = new LogbackFixture(MetricsIdAppenderSecretSourcesTest.class, "MetricsIdAppenderSecretSourcesTest.xml", dir,
                Map.of("SECRET_FILE", secret.toString()))) {
            assertThat(fx.errors()).isEmpty();
            fx.logAt(MetricsIdAppenderTest.AT, "login", null, null, "uid", MetricsIdAppenderTest.UID);
            assertThat(fx.lines().get(0)).containsEntry("metrics_id", MetricsIdAppenderTest.METRICS_ID);
            // All statuses, Logback's substitution records included.
            assertThat(fx.context.getStatusManager().getCopyOfStatusList()).extracting(Status::toString)
                    .noneMatch(s -> s.contains(MetricsIdAppenderTest.SECRET));
        }
    }

    @Test
    void missingFileFailsClosedNamingTheSettingNotTheContent(@TempDir Path dir) throws Exception {
        try (LogbackFixture fx = new LogbackFixture(MetricsIdAppenderSecretSourcesTest.class, "MetricsIdAppenderSecretSourcesTest.xml", dir,
                Map.of("SECRET_FILE", dir.resolve("absent").toString()))) {
            assertThat(fx.errors()).extracting(Status::getMessage).anyMatch(m -> m.contains("<secretFile>") && m.contains("cannot be read"));
            assertThat(fx.metricsAppender().isStarted()).isFalse();
        }
    }
}
