package org.privacymetrics.es.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import org.elasticsearch.core.TimeValue;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.calendar.Rotation;

/**
 * The calendar rules every raw event must meet, checked by the route (before any index is chosen, so a refused event
 * never creates one) and again by the final pipeline (which no client can skip):
 * <ul>
 *   <li>its {@code @timestamp} day is inside the retention window, and the instant at most {@code max_future} ahead of
 *       the node's clock: an event of a day retention would already have deleted, or one far in the future, would
 *       create an index (or events) that outlive retention or flood the cluster with indices;</li>
 *   <li>its {@code metrics_epoch} is the label of that day under the cluster's pinned rotation: the edge does not decide
 *       the privacy unit, and no label in the data can make a rollup of its epoch fail or be charged elsewhere.</li>
 * </ul>
 * Errors name the field and the rule, never the value.
 */
final class EventCalendar {

    private final Clock clock;
    private final Rotation rotation;
    private final Supplier<TimeValue> retention;
    private final Supplier<TimeValue> maxFuture;
    /**
     * What {@link #check} needs of a day besides the clock, computed once per day instead of once per event (the epoch
     * label alone, a {@code String.format}, was a tenth of the ingest pipeline's cost): a small table indexed by the
     * epoch day. Entries are immutable, so a racy read sees either a whole entry or none; a slot holding another day is
     * recomputed. Bounded by its size, whatever days the events name.
     */
    private final DayFacts[] days = new DayFacts[64];

    /** The epoch label, its raw index and the UTC bounds of one day. */
    private record DayFacts(LocalDate day, String label, String rawIndex, Instant start, Instant end) {
    }

    EventCalendar(Clock clock, Rotation rotation, Supplier<TimeValue> retention, Supplier<TimeValue> maxFuture) {
        this.clock = clock;
        this.rotation = rotation;
        this.retention = retention;
        this.maxFuture = maxFuture;
    }

    Rotation rotation() {
        return rotation;
    }

    /** The raw index of the epoch of {@code day}: the only index an event of that day is stored in. */
    String rawIndex(LocalDate day) {
        // route and re-key name it for every event: from the day's facts (as check has them), not formatted again
        int year = day.getYear();
        return year >= 1 && year <= 9999 ? facts(day).rawIndex() : Names.rawIndex(rotation.label(day));
    }

    /**
     * Raw events are stored only in the raw index of their own epoch: retention deletes by the days an index records, and
     * one-pass rollups need a user's events of an epoch together. The name itself is never echoed (a client could have put
     * anything in it).
     *
     * @throws IllegalArgumentException when {@code index} is not {@link #rawIndex} of {@code day}; counted in {@code stats}
     */
    void checkIndex(String index, LocalDate day, IngestStats stats) {
        String expected = rawIndex(day);
        if (!expected.equals(index)) {
            stats.rejection("index_epoch");
            throw new IllegalArgumentException("raw events are stored only in the raw index of the epoch of their [@timestamp] ["
                + expected + "]; write to the intake index [" + Names.INTAKE_INDEX + "], which routes them");
        }
    }

    /**
     * Checks {@code @timestamp} and {@code metrics_epoch} of {@code source}.
     *
     * @return the UTC day of the event
     * @throws IllegalArgumentException naming the field and the rule; the rejection is counted in {@code stats}
     */
    LocalDate check(Map<String, Object> source, IngestStats stats) {
        Object ts = source.get("@timestamp");
        if (ts == null) {
            stats.rejection("missing_timestamp");
            throw new IllegalArgumentException("field [@timestamp] is required");
        }
        LocalDate day;
        try {
            day = Timestamps.utcDate(String.valueOf(ts));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            stats.rejection("timestamp_format");
            throw new IllegalArgumentException("field [@timestamp] must be an ISO-8601 date-time or epoch milliseconds");
        }
        Instant now = clock.instant();
        // Days outside years 1-9999 are outside any window, and arithmetic on the extremes of LocalDate overflows: refuse
        // them here as what they are (a 500 would not say which field is wrong).
        if (day.getYear() > 9999) {
            stats.rejection("timestamp_in_future");
            throw new IllegalArgumentException("field [@timestamp] must not be more than [privacy_metrics.events.max_future] ["
                + maxFuture.get().getStringRep() + "] ahead");
        }
        if (day.getYear() < 1) {
            stats.rejection("timestamp_too_old");
            throw new IllegalArgumentException("field [@timestamp] must not be older than [privacy_metrics.events.retention] ["
                + retention.get().getStringRep() + "]");
        }
        // Events of day D are deleted once D+1 + retention <= now (RetentionService, by index or by day inside an epoch
        // index): an event of such a day is refused rather than stored where it is already due for deletion.
        DayFacts facts = facts(day);
        Instant dayEnd = facts.end();
        if (!dayEnd.plusMillis(retention.get().millis()).isAfter(now)) {
            stats.rejection("timestamp_too_old");
            throw new IllegalArgumentException("field [@timestamp] must not be older than [privacy_metrics.events.retention] ["
                + retention.get().getStringRep() + "]");
        }
        // The instant itself, not only its day, may be at most max_future ahead: by the day alone, an event of tomorrow
        // 23:59 was accepted up to 2 x max_future ahead (and with max_future 0, any time today). Only a day that ends
        // beyond the limit (tomorrow's, as a rule) needs the instant parsed; today's events keep the fast path.
        Instant latest = now.plusMillis(maxFuture.get().millis());
        if (facts.start().isAfter(latest) || facts.end().isAfter(latest) && Timestamps.instant(String.valueOf(ts)).isAfter(latest)) {
            stats.rejection("timestamp_in_future");
            throw new IllegalArgumentException("field [@timestamp] must not be more than [privacy_metrics.events.max_future] ["
                + maxFuture.get().getStringRep() + "] ahead");
        }
        Object epoch = source.get("metrics_epoch");
        if (epoch == null) {
            stats.rejection("missing_metrics_epoch");
            throw new IllegalArgumentException("field [metrics_epoch] is required");
        }
        if (!facts.label().equals(epoch)) {
            stats.rejection("metrics_epoch_mismatch");
            throw new IllegalArgumentException("field [metrics_epoch] must be the [" + rotation.name()
                + "] label of the event's [@timestamp] (the cluster's [privacy_metrics.rotation]); configure the services' <rotation> to ["
                + rotation.name() + "]");
        }
        return day;
    }

    /** The facts of {@code day} (years 1-9999 only: the caller refused the others). */
    private DayFacts facts(LocalDate day) {
        int slot = (int) Math.floorMod(day.toEpochDay(), (long) days.length);
        DayFacts f = days[slot];
        if (f == null || !f.day().equals(day)) {
            String label = rotation.label(day);
            f = new DayFacts(day, label, Names.rawIndex(label), day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            days[slot] = f;
        }
        return f;
    }
}
