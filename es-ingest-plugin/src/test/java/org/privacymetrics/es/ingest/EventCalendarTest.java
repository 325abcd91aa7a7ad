package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.elasticsearch.core.TimeValue;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.calendar.Rotation;

class EventCalendarTest {

    private final IngestStats stats = new IngestStats();

    static EventCalendar calendar(String now, Rotation rotation) {
        return new EventCalendar(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), rotation, () -> TimeValue.timeValueDays(40),
            () -> TimeValue.timeValueDays(1));
    }

    private static Map<String, Object> event(String timestamp, String epoch) {
        Map<String, Object> m = new HashMap<>();
        m.put("@timestamp", timestamp);
        if (epoch != null) {
            m.put("metrics_epoch", epoch);
        }
        return m;
    }

    @Test
    void acceptsTheEpochLabelOfTheEventsOwnDayUnderThePinnedRotation() {
        assertThat(calendar("2026-11-22T12:00:00Z", Rotation.MONTH).check(event("2026-11-20T10:00:00Z", "2026-11"), stats))
            .isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(calendar("2026-11-22T12:00:00Z", Rotation.WEEK).check(event("2026-11-20T10:00:00Z", "2026-W47"), stats))
            .isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(calendar("2026-11-22T12:00:00Z", Rotation.DAY).check(event("2026-11-20T23:30:00-02:00", "2026-11-21"), stats))
            .isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void refusesLabelsOfAnotherRotationAnotherPeriodOrNoneNamingTheFieldAndRule() {
        EventCalendar monthly = calendar("2026-11-22T12:00:00Z", Rotation.MONTH);
        for (String wrong : new String[] {"2026-10", "0000-00", "2026-W47", "2026-11-20", "2026-11 ", "2026-11\u0000"}) {
            assertThatThrownBy(() -> monthly.check(event("2026-11-20T10:00:00Z", wrong), stats))
                .hasMessageContaining("field [metrics_epoch] must be the [MONTH] label of the event's [@timestamp]");
        }
        assertThatThrownBy(() -> monthly.check(event("2026-11-20T10:00:00Z", null), stats)).hasMessage("field [metrics_epoch] is required");
        // a month boundary in another offset: the label follows the UTC day
        assertThatThrownBy(() -> monthly.check(event("2026-10-31T23:30:00-02:00", "2026-10"), stats))
            .hasMessageContaining("[metrics_epoch]");
        assertThat(stats.snapshot().get("rejections").toString()).contains("metrics_epoch_mismatch=7").contains("missing_metrics_epoch=1");
    }

    @Test
    void refusesDaysOutsideTheRetentionWindowAndTooFarAhead() {
        EventCalendar c = calendar("2026-11-22T12:00:00Z", Rotation.MONTH);
        // 40 days of retention: the index of 2026-10-13 ([10-13, 10-14)) expires at 2026-11-23T00:00Z, so it is still accepted
        assertThat(c.check(event("2026-10-13T00:00:00Z", "2026-10"), stats)).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThatThrownBy(() -> c.check(event("2026-10-12T23:59:59Z", "2026-10"), stats))
            .hasMessage("field [@timestamp] must not be older than [privacy_metrics.events.retention] [40d]");
        // max_future 1d: an instant up to a day ahead is accepted (tomorrow noon here), a later one of the same day is not
        assertThat(c.check(event("2026-11-23T12:00:00Z", "2026-11"), stats)).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThatThrownBy(() -> c.check(event("2026-11-23T23:00:00Z", "2026-11"), stats))
            .hasMessage("field [@timestamp] must not be more than [privacy_metrics.events.max_future] [1d] ahead");
        for (String far : new String[] {"2026-11-24T00:00:00Z", "3000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
                "-0001-06-01T00:00:00Z", "0"}) {
            assertThatThrownBy(() -> c.check(event(far, "2026-11"), stats)).as(far).hasMessageStartingWith("field [@timestamp] must");
        }
        assertThatThrownBy(() -> c.check(event("2777-03-03T24:00:00Z", "2777-03"), stats)).hasMessageStartingWith("field [@timestamp] must");
        assertThatThrownBy(() -> c.check(event("not a date", "2026-11"), stats))
            .hasMessage("field [@timestamp] must be an ISO-8601 date-time or epoch milliseconds");
    }

    private static EventCalendar calendar(Clock clock, TimeValue maxFuture) {
        return new EventCalendar(clock, Rotation.MONTH, () -> TimeValue.timeValueDays(40), () -> maxFuture);
    }

    @Test
    void maxFutureBoundsTheInstantNotOnlyItsDayInEverySpelling() {
        // Fourth attack review: by the day alone, an event of tomorrow 23:59 was accepted up to 2 x max_future ahead,
        // and with max_future 0 any time of today (a writer dating events late keeps them longer than retention allows).
        EventCalendar c = calendar("2026-11-22T12:00:00Z", Rotation.MONTH);
        for (String ahead : new String[] {"2026-11-23T12:00:00.001Z", "2026-11-23T23:59:59.999999999Z", "2026-11-23T13:00:01+01:00",
                "2026-11-24T00:30:00+12:00", "2026-11-23T11:00:01-01:00", "1795435201000", "2026-11-23T24:00:00Z", "2026-11-23t12:00:01z",
                "+002026-11-23T12:00:01Z"}) {
            assertThatThrownBy(() -> c.check(event(ahead, "2026-11"), stats)).as(ahead)
                .hasMessage("field [@timestamp] must not be more than [privacy_metrics.events.max_future] [1d] ahead");
        }
        for (String inTime : new String[] {"2026-11-23T12:00:00Z", "2026-11-23T12:00:00.000Z", "2026-11-23T13:00:00+01:00",
                "2026-11-24T00:00:00+12:00", "1795435200000", "2026-11-22T23:59:60Z"}) {
            assertThat(c.check(event(inTime, "2026-11"), stats)).as(inTime).isNotNull();
        }
        // max_future 0: nothing after the node's clock, whatever the day
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        EventCalendar none = calendar(Clock.fixed(now, ZoneOffset.UTC), TimeValue.ZERO);
        assertThat(none.check(event("2026-11-22T12:00:00Z", "2026-11"), stats)).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThatThrownBy(() -> none.check(event("2026-11-22T12:00:01Z", "2026-11"), stats))
            .hasMessageContaining("[privacy_metrics.events.max_future] [0ms] ahead");
        // across a month boundary: the last second of November accepts the next month's events up to a day ahead only
        EventCalendar lastSecond = calendar("2026-11-30T23:59:59Z", Rotation.MONTH);
        assertThat(lastSecond.check(event("2026-12-01T23:59:59Z", "2026-12"), stats)).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThatThrownBy(() -> lastSecond.check(event("2026-12-01T23:59:59.001Z", "2026-12"), stats))
            .hasMessageContaining("max_future");
    }

    @Test
    void theNodesClockMovedForwardOrBackMovesTheWindowWithIt() {
        // the rules follow the node's clock as it is at each event (an injected clock here): moved back a day, tomorrow's
        // noon is two days ahead and refused; moved forward, yesterday's first instant is still inside the retention
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        Map<String, Object> tomorrowNoon = event("2026-11-23T12:00:00Z", "2026-11");
        assertThat(calendar(Clock.fixed(now, ZoneOffset.UTC), TimeValue.timeValueDays(1)).check(tomorrowNoon, stats)).isNotNull();
        EventCalendar back = calendar(Clock.offset(Clock.fixed(now, ZoneOffset.UTC), java.time.Duration.ofDays(-1)), TimeValue.timeValueDays(1));
        assertThatThrownBy(() -> back.check(tomorrowNoon, stats)).hasMessageContaining("max_future");
        EventCalendar forward = calendar(Clock.offset(Clock.fixed(now, ZoneOffset.UTC), java.time.Duration.ofDays(39)), TimeValue.timeValueDays(1));
        assertThat(forward.check(event("2026-11-21T00:00:00Z", "2026-11"), stats)).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThatThrownBy(() -> forward.check(event("2026-11-20T23:59:59Z", "2026-11"), stats)).hasMessageContaining("retention");
    }

    @Test
    void extremeYearsAreRefusedAsOutsideTheWindowNotAsAnError() {
        EventCalendar c = calendar("2026-11-22T12:00:00Z", Rotation.MONTH);
        for (String ts : new String[] {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "9223372036854775807"}) {
            assertThatThrownBy(() -> c.check(event(ts, "2026-11"), stats)).as(ts).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field [@timestamp]");
        }
        for (String ts : new String[] {"-999999999-01-01T00:00:00Z", "-0001-06-01T00:00:00Z", "0000-01-01T00:00:00Z", "-9223372036854775807"}) {
            assertThatThrownBy(() -> c.check(event(ts, "2026-11"), stats)).as(ts).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field [@timestamp]");
        }
    }

    @Test
    void rawEventsAreStoredOnlyInTheIndexOfTheirEpochAndTheIndexNameIsNotEchoed() {
        EventCalendar monthly = calendar("2026-11-22T12:00:00Z", Rotation.MONTH);
        LocalDate day = LocalDate.of(2026, 10, 15);
        monthly.checkIndex(".privacy-metrics-events-2026-10", day, stats);
        for (String index : new String[] {"metrics-events-2099.01.01", "metrics-events-bob@example.net", ".privacy-metrics-events-2026.10.15",
                "metrics-events-2026-10", ".privacy-metrics-events-2026-10-restored", ".privacy-metrics-events-2026-11",
                ".privacy-metrics-events-2026-w42", ".privacy-metrics-events-keep-forever-2026-10", ".privacy-metrics-events-2026-10-15", null}) {
            assertThatThrownBy(() -> monthly.checkIndex(index, day, stats)).as(index)
                .hasMessage("raw events are stored only in the raw index of the epoch of their [@timestamp] [.privacy-metrics-events-2026-10];"
                    + " write to the intake index [metrics-events], which routes them");
        }
        calendar("2026-11-22T12:00:00Z", Rotation.WEEK).checkIndex(".privacy-metrics-events-2026-w42", day, stats);
        calendar("2026-11-22T12:00:00Z", Rotation.DAY).checkIndex(".privacy-metrics-events-2026-10-15", day, stats);
        assertThatThrownBy(() -> calendar("2026-11-22T12:00:00Z", Rotation.WEEK).checkIndex(".privacy-metrics-events-2026-10", day, stats))
            .hasMessageContaining("[.privacy-metrics-events-2026-w42]");
        assertThat(stats.snapshot().get("rejections").toString()).contains("index_epoch=11");
    }
}
