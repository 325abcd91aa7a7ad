package org.privacymetrics.es.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.elasticsearch.core.TimeValue;
import org.junit.jupiter.api.Test;

class DailyIndicesTest {

    private static final TimeValue FORTY_DAYS = TimeValue.timeValueDays(40);

    @Test
    void dailyIndexExpiresWhenItsLastPossibleEventIsOlderThanTheRetention() {
        // metrics-events-2026.01.01 holds events until 2026-01-02T00:00Z; + 40 days = 2026-02-11T00:00Z
        List<String> indices = List.of("metrics-events-2026.01.01");
        assertThat(DailyIndices.expired(indices, Instant.parse("2026-02-10T23:59:59Z"), FORTY_DAYS)).isEmpty();
        assertThat(DailyIndices.expired(indices, Instant.parse("2026-02-11T00:00:00Z"), FORTY_DAYS)).containsExactly(indices.get(0));
    }

    @Test
    void onlyDailyEventIndicesAreConsidered() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        List<String> indices = List.of("metrics-events", "metrics-events-2020.01.01", "metrics-events-2020.01.01-restored",
            "privacy-rollups-2020.01.01", "metrics-events-2020.13.40", "metrics-events-2026.11.21", "metrics-events-2019.12.31");
        assertThat(DailyIndices.expired(indices, now, FORTY_DAYS))
            .containsExactly("metrics-events-2019.12.31", "metrics-events-2020.01.01");
    }

    @Test
    void shorterRetentionExpiresRecentDays() {
        Instant now = Instant.parse("2026-11-22T00:00:01Z");
        List<String> indices = List.of("metrics-events-2026.11.20", "metrics-events-2026.11.21", "metrics-events-2026.11.22");
        assertThat(DailyIndices.expired(indices, now, TimeValue.timeValueDays(1))).containsExactly("metrics-events-2026.11.20");
    }
}
