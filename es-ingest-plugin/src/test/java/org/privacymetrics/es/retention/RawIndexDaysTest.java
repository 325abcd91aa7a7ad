package org.privacymetrics.es.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.elasticsearch.core.TimeValue;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.calendar.Rotation;
import org.privacymetrics.es.retention.RawIndexDays.DayRange;
import org.privacymetrics.es.retention.RawIndexDays.IndexInfo;

class RawIndexDaysTest {

    private static final TimeValue FORTY_DAYS = TimeValue.timeValueDays(40);
    private static final long CREATED_2026_11_20 = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();

    private static Map<String, String> day(String d) {
        return Map.of("day", d);
    }

    private static Map<String, String> epoch(String first, String last) {
        return Map.of("first_day", first, "last_day", last);
    }

    private static Map<String, String> record(Rotation r, String epochStart) {
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) RawIndexDays.meta(r, LocalDate.parse(epochStart)).get("privacy_metrics");
        return Map.of("first_day", (String) section.get("first_day"), "last_day", (String) section.get("last_day"));
    }

    @Test
    void dailyIndexExpiresWhenItsLastPossibleEventIsOlderThanTheRetention() {
        // a raw index of 2026-01-01 holds events until 2026-01-02T00:00Z; + 40 days = 2026-02-11T00:00Z
        for (IndexInfo index : List.of(new IndexInfo(".privacy-metrics-events-2026.01.01", day("2026-01-01"), CREATED_2026_11_20),
                IndexInfo.of("metrics-events-2026.01.01"))) {
            assertThat(RawIndexDays.expired(List.of(index), Instant.parse("2026-02-10T23:59:59Z"), FORTY_DAYS)).isEmpty();
            assertThat(RawIndexDays.expired(List.of(index), Instant.parse("2026-02-11T00:00:00Z"), FORTY_DAYS)).containsExactly(index.name());
        }
    }

    @Test
    void aMasterWhoseClockWasMovedBackStillDeletesByTheTimeTheNewestRawIndexWasCreated() {
        // Fourth attack review: retention judged by the master's clock alone; moved back (a restored VM, a bad time
        // server, a new master with a slow clock) it kept every day's events for as long as the clock was behind.
        Instant created = Instant.parse("2026-03-13T06:00:00Z"); // the master that created the March index had the right time
        List<IndexInfo> indices = List.of(
            new IndexInfo(".privacy-metrics-events-2026-01", record(Rotation.MONTH, "2026-01-01"), CREATED_2026_11_20 - 400L * 86_400_000L),
            new IndexInfo(".privacy-metrics-events-2026-03", record(Rotation.MONTH, "2026-03-01"), created.toEpochMilli()),
            // not created by the plugin (no recorded days), or a legacy name: their creation date proves nothing
            new IndexInfo(".privacy-metrics-events-restored", Map.of(), Instant.parse("2099-01-01T00:00:00Z").toEpochMilli()),
            new IndexInfo("metrics-events-2026.03.20", Map.of(), Instant.parse("2099-01-01T00:00:00Z").toEpochMilli()));
        Instant movedBack = Instant.parse("2026-01-15T00:00:00Z");
        Instant now = RawIndexDays.retentionNow(movedBack, indices);
        assertThat(now).isEqualTo(created);
        // by the moved-back clock January would be kept whole; by the index's creation its last day has expired
        assertThat(RawIndexDays.expired(indices, movedBack, FORTY_DAYS)).isEmpty();
        assertThat(RawIndexDays.expired(indices, now, FORTY_DAYS)).contains(".privacy-metrics-events-2026-01");
        // a clock at or ahead of the newest creation is used as it is
        Instant later = Instant.parse("2026-03-20T00:00:00Z");
        assertThat(RawIndexDays.retentionNow(later, indices)).isEqualTo(later);
        assertThat(RawIndexDays.retentionNow(created, indices)).isEqualTo(created);
        assertThat(RawIndexDays.retentionNow(movedBack, List.of())).isEqualTo(movedBack);
    }

    @Test
    void anEpochIndexIsPurgedDayByDayThenDeletedWhenItsLastDayExpires() {
        List<IndexInfo> month = List.of(new IndexInfo(".privacy-metrics-events-2026-01", record(Rotation.MONTH, "2026-01-01"), CREATED_2026_11_20));
        // day D expires at D+1 + 40 days: 2026-01-01 at 2026-02-11T00:00Z
        Instant before = Instant.parse("2026-02-10T23:59:59Z");
        assertThat(RawIndexDays.expired(month, before, FORTY_DAYS)).isEmpty();
        assertThat(RawIndexDays.partiallyExpired(month, before, FORTY_DAYS)).isEmpty();
        Instant firstDayGone = Instant.parse("2026-02-11T00:00:00Z");
        assertThat(RawIndexDays.expired(month, firstDayGone, FORTY_DAYS)).isEmpty();
        assertThat(RawIndexDays.partiallyExpired(month, firstDayGone, FORTY_DAYS)).containsExactly(".privacy-metrics-events-2026-01");
        // exactly the events before the first kept day are purged: 2026-01-02 and later stay
        assertThat(RawIndexDays.firstKeptDay(firstDayGone, FORTY_DAYS)).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(RawIndexDays.firstKeptDay(before, FORTY_DAYS)).isEqualTo(LocalDate.of(2026, 1, 1));
        // the last day 2026-01-31 expires at 2026-03-13T00:00Z: then the whole index goes, and it is no longer purged
        Instant lastDayKept = Instant.parse("2026-03-12T23:59:59Z");
        assertThat(RawIndexDays.expired(month, lastDayKept, FORTY_DAYS)).isEmpty();
        assertThat(RawIndexDays.partiallyExpired(month, lastDayKept, FORTY_DAYS)).containsExactly(".privacy-metrics-events-2026-01");
        Instant lastDayGone = Instant.parse("2026-03-13T00:00:00Z");
        assertThat(RawIndexDays.expired(month, lastDayGone, FORTY_DAYS)).containsExactly(".privacy-metrics-events-2026-01");
        assertThat(RawIndexDays.partiallyExpired(month, lastDayGone, FORTY_DAYS)).isEmpty();
    }

    @Test
    void theRecordedDaysOfEachRotationAreItsEpochs() {
        assertThat(RawIndexDays.meta(Rotation.MONTH, LocalDate.parse("2026-02-01")).toString())
            .contains("first_day=2026-02-01", "last_day=2026-02-28", "epoch=2026-02", "rotation=MONTH").startsWith("{privacy_metrics={");
        assertThat(RawIndexDays.days(new IndexInfo(".privacy-metrics-events-2026-w48", record(Rotation.WEEK, "2026-11-23"), 0L)))
            .isEqualTo(new DayRange(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29")));
        assertThat(RawIndexDays.days(new IndexInfo(".privacy-metrics-events-2026-11-30", record(Rotation.DAY, "2026-11-30"), 0L)))
            .isEqualTo(new DayRange(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-11-30")));
        // the names the route writes parse back to their epoch under the node's rotation, and only those
        assertThat(RawIndexDays.rawNameEpochStart(".privacy-metrics-events-2026-11", Rotation.MONTH)).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(RawIndexDays.rawNameEpochStart(".privacy-metrics-events-2026-w48", Rotation.WEEK)).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(RawIndexDays.rawNameEpochStart(".privacy-metrics-events-2026-11-30", Rotation.DAY)).isEqualTo(LocalDate.parse("2026-11-30"));
        for (String other : new String[] {".privacy-metrics-events-2026-W48", ".privacy-metrics-events-2026-w48", ".privacy-metrics-events-2026.11.30",
                ".privacy-metrics-events-2026-13", ".privacy-metrics-events-keep-forever", "metrics-events-2026-11", ".privacy-metrics-events-2026-11-x"}) {
            assertThat(RawIndexDays.rawNameEpochStart(other, Rotation.MONTH)).as(other).isNull();
        }
    }

    @Test
    void pluginRawIndicesGoByTheRecordedDaysWhateverTheirName() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        List<IndexInfo> indices = List.of(
            // recorded days win over a name that claims later days, or none
            new IndexInfo(".privacy-metrics-events-2099-01", epoch("2020-01-01", "2020-01-31"), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-2099.01.01", day("2020-01-01"), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-keep-forever", day("2020-01-02"), CREATED_2026_11_20),
            // recorded recent days keep an index whose name claims an old epoch or day
            new IndexInfo(".privacy-metrics-events-2000-01", epoch("2026-11-01", "2026-11-30"), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-2000.01.01", day("2026-11-21"), CREATED_2026_11_20),
            // no record: the name's day or epoch (any rotation's label form)
            new IndexInfo(".privacy-metrics-events-2020.01.03", Map.of(), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-2026.11.21", Map.of(), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-2020-02", Map.of(), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-2020-w10", Map.of(), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-2026-11", Map.of(), CREATED_2026_11_20),
            // neither: the creation date
            new IndexInfo(".privacy-metrics-events-restored", Map.of(), Instant.parse("2020-01-04T00:00:00Z").toEpochMilli()),
            new IndexInfo(".privacy-metrics-events-2020.13.45", day("not a day"), CREATED_2026_11_20),
            new IndexInfo(".privacy-metrics-events-0000-2020.01.05", Map.of(), Instant.parse("2020-01-05T00:00:00Z").toEpochMilli()),
            // a record whose days are upside down is no record
            new IndexInfo(".privacy-metrics-events-2020-03", epoch("2026-12-01", "2026-11-01"), CREATED_2026_11_20));
        assertThat(RawIndexDays.expired(indices, now, FORTY_DAYS)).containsExactly(".privacy-metrics-events-0000-2020.01.05",
            ".privacy-metrics-events-2020-02", ".privacy-metrics-events-2020-03", ".privacy-metrics-events-2020-w10",
            ".privacy-metrics-events-2020.01.03", ".privacy-metrics-events-2099-01", ".privacy-metrics-events-2099.01.01",
            ".privacy-metrics-events-keep-forever", ".privacy-metrics-events-restored");
        // an unreadable record and a name that is no day: the creation day (2026-11-20) is recent
        assertThat(RawIndexDays.days(indices.get(11))).isEqualTo(new DayRange(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20")));
        // first kept day 2026-10-13: the current month's indices hold no expired day, so nothing is purged from them
        assertThat(RawIndexDays.partiallyExpired(indices, now, FORTY_DAYS)).isEmpty();
        assertThat(RawIndexDays.partiallyExpired(List.of(new IndexInfo(".privacy-metrics-events-2026-10", Map.of(), 0L)), now, FORTY_DAYS))
            .containsExactly(".privacy-metrics-events-2026-10");
    }

    @Test
    void legacyDailyIndicesGoByTheirNameAndTheIntakeAndOtherNamesAreNeverTouched() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        List<String> indices = List.of("metrics-events", "metrics-events-2020.01.01", "metrics-events-2020.01.01-restored",
            "privacy-rollups-2020.01.01", "metrics-events-2020.13.40", "metrics-events-2026.11.21", "metrics-events-2019.12.31",
            ".privacy-metrics-rollups", "logs-2020.01.01", "metrics-events-2020-01");
        // even with an old creation date and a (forged) record, the intake is never deleted
        List<IndexInfo> infos = new java.util.ArrayList<>(indices.stream().map(IndexInfo::of).toList());
        infos.add(new IndexInfo("metrics-events", epoch("2000-01-01", "2000-01-31"), 0L));
        assertThat(RawIndexDays.expired(infos, now, FORTY_DAYS)).containsExactly("metrics-events-2019.12.31", "metrics-events-2020.01.01");
        assertThat(RawIndexDays.partiallyExpired(infos, now, FORTY_DAYS)).isEmpty();
        assertThat(RawIndexDays.managed(indices)).containsExactly("metrics-events-2019.12.31", "metrics-events-2020.01.01", "metrics-events-2020.13.40",
            "metrics-events-2026.11.21");
    }

    @Test
    void shorterRetentionExpiresRecentDays() {
        Instant now = Instant.parse("2026-11-22T00:00:01Z");
        List<String> indices = List.of("metrics-events-2026.11.20", "metrics-events-2026.11.21", "metrics-events-2026.11.22",
            ".privacy-metrics-events-2026.11.20", ".privacy-metrics-events-2026.11.21", ".privacy-metrics-events-2026-11");
        assertThat(RawIndexDays.expiredNames(indices, now, TimeValue.timeValueDays(1)))
            .containsExactly(".privacy-metrics-events-2026.11.20", "metrics-events-2026.11.20");
        assertThat(RawIndexDays.partiallyExpired(indices.stream().map(IndexInfo::of).toList(), now, TimeValue.timeValueDays(1)))
            .containsExactly(".privacy-metrics-events-2026-11");
    }

    @Test
    void oldDailyNamesStillParse() {
        assertThat(RawIndexDays.rawNameDay(".privacy-metrics-events-2026.11.03")).isEqualTo(LocalDate.parse("2026-11-03"));
        assertThat(RawIndexDays.rawNameDay(".privacy-metrics-events-2026.02.30")).isNull();
        assertThat(RawIndexDays.rawNameDay(".privacy-metrics-events-x-2026.11.03")).isNull();
        assertThat(RawIndexDays.rawNameDay("metrics-events-2026.11.03")).isNull();
    }
}
