package org.privacymetrics.es.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.elasticsearch.core.TimeValue;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.retention.DailyIndices.IndexInfo;

class DailyIndicesTest {

    private static final TimeValue FORTY_DAYS = TimeValue.timeValueDays(40);
    private static final long CREATED_2026_11_20 = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();

    @Test
    void dailyIndexExpiresWhenItsLastPossibleEventIsOlderThanTheRetention() {
        // a raw index of 2026-01-01 holds events until 2026-01-02T00:00Z; + 40 days = 2026-02-11T00:00Z
        for (IndexInfo index : List.of(new IndexInfo(".privacy-metrics-events-2026.01.01", "2026-01-01", CREATED_2026_11_20),
                IndexInfo.of("metrics-events-2026.01.01"))) {
            assertThat(DailyIndices.expired(List.of(index), Instant.parse("2026-02-10T23:59:59Z"), FORTY_DAYS)).isEmpty();
            assertThat(DailyIndices.expired(List.of(index), Instant.parse("2026-02-11T00:00:00Z"), FORTY_DAYS)).containsExactly(index.name());
        }
    }

    @Test
    void pluginRawIndicesGoByTheRecordedDayWhateverTheirName() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        List<IndexInfo> indices = List.of(
            // recorded day wins over a name that claims a later day, or none
            new IndexInfo(".privacy-metrics-events-2099.01.01", "2020-01-01", CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-keep-forever", "2020-01-02", CREATED_2026_11_20),
            // recorded recent day keeps an index whose name claims an old day
            new IndexInfo(".privacy-metrics-events-2000.01.01", "2026-11-21", CREATED_2026_11_20),
            // no record: the name's day
            new IndexInfo(".privacy-metrics-events-2020.01.03", null, CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-2026.11.21", null, CREATED_2026_11_20),
            // neither: the creation date
            new IndexInfo(".privacy-metrics-events-restored", null, Instant.parse("2020-01-04T00:00:00Z").toEpochMilli()),
            new IndexInfo(".privacy-metrics-events-2020.13.45", "not a day", CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-0000-2020.01.05", null, Instant.parse("2020-01-05T00:00:00Z").toEpochMilli()));
        assertThat(DailyIndices.expired(indices, now, FORTY_DAYS)).containsExactly(".privacy-metrics-events-0000-2020.01.05",
            ".privacy-metrics-events-2020.01.03", ".privacy-metrics-events-2099.01.01", ".privacy-metrics-events-keep-forever",
            ".privacy-metrics-events-restored");
        // the last-but-one has an unreadable record and a name that is no day: its creation day (2026-11-20) is recent
        assertThat(DailyIndices.day(indices.get(6))).isEqualTo(LocalDate.parse("2026-11-20"));
    }

    @Test
    void legacyDailyIndicesGoByTheirNameAndTheIntakeAndOtherNamesAreNeverTouched() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        List<String> indices = List.of("metrics-events", "metrics-events-2020.01.01", "metrics-events-2020.01.01-restored",
            "privacy-rollups-2020.01.01", "metrics-events-2020.13.40", "metrics-events-2026.11.21", "metrics-events-2019.12.31",
            ".privacy-metrics-rollups", "logs-2020.01.01");
        // even with an old creation date and a (forged) record, the intake is never deleted
        List<IndexInfo> infos = new java.util.ArrayList<>(indices.stream().map(IndexInfo::of).toList());
        infos.add(new IndexInfo("metrics-events", "2000-01-01", 0L));
        assertThat(DailyIndices.expired(infos, now, FORTY_DAYS)).containsExactly("metrics-events-2019.12.31", "metrics-events-2020.01.01");
    }

    @Test
    void shorterRetentionExpiresRecentDays() {
        Instant now = Instant.parse("2026-11-22T00:00:01Z");
        List<String> indices = List.of("metrics-events-2026.11.20", "metrics-events-2026.11.21", "metrics-events-2026.11.22",
            ".privacy-metrics-events-2026.11.20", ".privacy-metrics-events-2026.11.21");
        assertThat(DailyIndices.expiredNames(indices, now, TimeValue.timeValueDays(1)))
            .containsExactly(".privacy-metrics-events-2026.11.20", "metrics-events-2026.11.20");
    }

    @Test
    void theRecordIsWhatTheCreationWrites() {
        assertThat(DailyIndices.meta(LocalDate.parse("2026-11-03")).toString()).isEqualTo("{privacy_metrics={day=2026-11-03}}");
        assertThat(DailyIndices.rawNameDay(".privacy-metrics-events-2026.11.03")).isEqualTo(LocalDate.parse("2026-11-03"));
        assertThat(DailyIndices.rawNameDay(".privacy-metrics-events-2026.02.30")).isNull();
        assertThat(DailyIndices.rawNameDay(".privacy-metrics-events-x-2026.11.03")).isNull();
        assertThat(DailyIndices.rawNameDay("metrics-events-2026.11.03")).isNull();
    }
}
