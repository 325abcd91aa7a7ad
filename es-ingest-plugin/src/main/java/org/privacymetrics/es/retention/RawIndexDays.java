package org.privacymetrics.es.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.MappingMetadata;
import org.elasticsearch.core.TimeValue;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.calendar.Rotation;

/**
 * The raw event indices retention manages and the UTC days each one holds ({@link DayRange}):
 * <ul>
 *   <li>every plugin raw index {@code .privacy-metrics-events-*}, whatever its name, by the days the plugin parsed and
 *       recorded when it created the index (mapping {@code _meta} {@value #META_KEY}: {@value #META_FIRST_DAY} and
 *       {@value #META_LAST_DAY} for an epoch index, {@value #META_DAY} for a daily index of an earlier release); an index
 *       without that record (should not exist) by its name (an epoch label of any rotation, or a day
 *       {@code YYYY.MM.DD}), and one whose name holds neither by the UTC day it was created;</li>
 *   <li>every pre-migration daily index {@code metrics-events-YYYY.MM.DD} (releases before raw events moved to system
 *       indices) by the day in its name.</li>
 * </ul>
 * The intake {@code metrics-events} and every other name are never touched.
 *
 * <p>Events of day D expire once D+1 + retention &lt;= now, i.e. every day before the first kept day
 * {@code date(now - retention)} ({@link #firstKeptDay}): an index all of whose days are before it is deleted whole; an
 * index that holds some of them too ({@link #partiallyExpired}) keeps its later days, and the events of the expired
 * ones are deleted from it by {@code @timestamp}.
 */
public final class RawIndexDays {

    /** Key of the plugin's section in a raw index's mapping {@code _meta}. */
    public static final String META_KEY = "privacy_metrics";
    /** Key of the epoch label in that section. */
    public static final String META_EPOCH = "epoch";
    /** Key of the rotation the epoch label is of. */
    public static final String META_ROTATION = "rotation";
    /** Key of the first day ({@code YYYY-MM-DD}, UTC) an epoch index holds. */
    public static final String META_FIRST_DAY = "first_day";
    /** Key of the last day ({@code YYYY-MM-DD}, UTC) an epoch index holds. */
    public static final String META_LAST_DAY = "last_day";
    /** Key of the one day a daily index of an earlier release holds. */
    public static final String META_DAY = "day";

    /** Names of pre-migration daily indices. */
    public static final Pattern LEGACY_DAILY_INDEX = Pattern.compile("metrics-events-(\\d{4})\\.(\\d{2})\\.(\\d{2})");

    /** Names of the plugin's raw daily indices of earlier releases, {@code .privacy-metrics-events-YYYY.MM.DD}. */
    public static final Pattern RAW_DAILY_INDEX = Pattern.compile(Pattern.quote(Names.RAW_INDEX_PREFIX) + "(\\d{4})\\.(\\d{2})\\.(\\d{2})");

    private RawIndexDays() {
    }

    /** The UTC days {@code [first, last]} an index holds events of. */
    public record DayRange(LocalDate first, LocalDate last) {
        public DayRange {
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("last day [" + last + "] before first day [" + first + "]");
            }
        }

        static DayRange of(LocalDate day) {
            return new DayRange(day, day);
        }
    }

    /**
     * What retention knows of one index.
     *
     * @param name index name
     * @param recorded the plugin's {@code _meta} section recorded at creation (strings only), or an empty map
     * @param creationDateMillis {@code index.creation_date}
     */
    public record IndexInfo(String name, Map<String, String> recorded, long creationDateMillis) {
        public IndexInfo {
            recorded = Map.copyOf(recorded);
        }

        public static IndexInfo of(String name) {
            return new IndexInfo(name, Map.of(), 0L);
        }
    }

    /** Reads name, recorded days and creation date from an index's metadata. */
    public static IndexInfo info(IndexMetadata meta) {
        String name = meta.getIndex().getName();
        Map<String, String> recorded = Map.of();
        if (name.startsWith(Names.RAW_INDEX_PREFIX)) {
            recorded = recorded(meta.mapping());
        }
        return new IndexInfo(name, recorded, meta.getCreationDate());
    }

    static Map<String, String> recorded(MappingMetadata mapping) {
        if (mapping == null) {
            return Map.of();
        }
        Object meta = mapping.sourceAsMap().get("_meta");
        if (meta instanceof Map<?, ?> m && m.get(META_KEY) instanceof Map<?, ?> section) {
            Map<String, String> out = new java.util.HashMap<>();
            section.forEach((k, v) -> {
                if (k instanceof String key && v instanceof String value) {
                    out.put(key, value);
                }
            });
            return out;
        }
        return Map.of();
    }

    /** The mapping {@code _meta} the plugin records in the raw index it creates for one epoch of {@code rotation}. */
    public static Map<String, Object> meta(Rotation rotation, LocalDate epochStart) {
        return Map.of(META_KEY, Map.of(META_EPOCH, rotation.label(epochStart), META_ROTATION, rotation.name(),
            META_FIRST_DAY, epochStart.toString(), META_LAST_DAY, rotation.epochEnd(epochStart).toString()));
    }

    /**
     * The first day of the epoch of a plugin raw index name {@code .privacy-metrics-events-<label of rotation>}, or null
     * when the name is no raw index of that rotation's form.
     */
    public static LocalDate rawNameEpochStart(String name, Rotation rotation) {
        if (name == null || !name.startsWith(Names.RAW_INDEX_PREFIX)) {
            return null;
        }
        LocalDate start = rotation.parseLabel(name.substring(Names.RAW_INDEX_PREFIX.length()));
        // only the lower-case name the route writes (index names cannot hold upper case anyway)
        return start != null && Names.rawIndex(rotation.label(start)).equals(name) ? start : null;
    }

    /** The day of a plugin raw daily index name of an earlier release {@code .privacy-metrics-events-YYYY.MM.DD}, or null. */
    public static LocalDate rawNameDay(String name) {
        return nameDay(RAW_DAILY_INDEX, name);
    }

    private static LocalDate nameDay(Pattern pattern, String name) {
        Matcher m = pattern.matcher(name);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3));
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static LocalDate parseDay(String day) {
        if (day == null) {
            return null;
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    /**
     * The UTC days whose events {@code index} holds as retention judges them, or null when retention does not manage the
     * index (the intake, other names, a legacy-looking name that is no valid day).
     */
    public static DayRange days(IndexInfo index) {
        String name = index.name();
        if (name.startsWith(Names.RAW_INDEX_PREFIX)) {
            LocalDate first = parseDay(index.recorded().get(META_FIRST_DAY));
            LocalDate last = parseDay(index.recorded().get(META_LAST_DAY));
            if (first != null && last != null && !last.isBefore(first)) {
                return new DayRange(first, last);
            }
            LocalDate day = parseDay(index.recorded().get(META_DAY));
            if (day != null) {
                return DayRange.of(day);
            }
            day = rawNameDay(name);
            if (day != null) {
                return DayRange.of(day);
            }
            Rotation rotation = Rotation.ofLabel(name.substring(Names.RAW_INDEX_PREFIX.length()));
            if (rotation != null) {
                LocalDate start = rotation.parseLabel(name.substring(Names.RAW_INDEX_PREFIX.length()));
                return new DayRange(start, rotation.epochEnd(start));
            }
            return DayRange.of(Instant.ofEpochMilli(index.creationDateMillis()).atZone(ZoneOffset.UTC).toLocalDate());
        }
        LocalDate legacy = nameDay(LEGACY_DAILY_INDEX, name);
        return legacy == null ? null : DayRange.of(legacy);
    }

    /**
     * The time retention judges by: the master's clock, but never before the creation of the newest raw index the plugin
     * created (recorded days; {@code index.creation_date} is stamped by the master that created it). A master whose clock
     * was moved back (a restored VM, a bad time server, another master with a slower clock) would otherwise keep every
     * day's events for as long as its clock is behind; this bound is kept in the cluster state, so it survives restarts
     * and master changes. A clock that was ahead when an index was created keeps retention that far ahead until real
     * time passes that creation: events are then deleted early, never late.
     */
    public static Instant retentionNow(Instant clock, Collection<IndexInfo> indices) {
        long newest = Long.MIN_VALUE;
        for (IndexInfo index : indices) {
            if (index.name().startsWith(Names.RAW_INDEX_PREFIX) && (index.recorded().containsKey(META_FIRST_DAY) || index.recorded().containsKey(META_DAY))) {
                newest = Math.max(newest, index.creationDateMillis());
            }
        }
        return newest > clock.toEpochMilli() ? Instant.ofEpochMilli(newest) : clock;
    }

    /** The first day whose events are kept at {@code now}: every earlier day's events are expired. */
    public static LocalDate firstKeptDay(Instant now, TimeValue retention) {
        return now.minusMillis(retention.millis()).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * @param indices the indices in the cluster
     * @param now the current time
     * @param retention how long events are kept
     * @return the raw event indices all of whose days are expired (deleted whole), sorted
     */
    public static List<String> expired(Collection<IndexInfo> indices, Instant now, TimeValue retention) {
        LocalDate firstKept = firstKeptDay(now, retention);
        List<String> out = new ArrayList<>();
        for (IndexInfo index : indices) {
            DayRange days = days(index);
            if (days != null && days.last().isBefore(firstKept)) {
                out.add(index.name());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * @return the raw event indices that hold expired days and kept days: the events of their expired days (those with
     *     {@code @timestamp} before {@link #firstKeptDay}) are deleted from them, sorted
     */
    public static List<String> partiallyExpired(Collection<IndexInfo> indices, Instant now, TimeValue retention) {
        LocalDate firstKept = firstKeptDay(now, retention);
        List<String> out = new ArrayList<>();
        for (IndexInfo index : indices) {
            DayRange days = days(index);
            if (days != null && days.first().isBefore(firstKept) && !days.last().isBefore(firstKept)) {
                out.add(index.name());
            }
        }
        out.sort(null);
        return out;
    }

    /** Same as {@link #expired}, for bare names (no record, creation date 0). */
    public static List<String> expiredNames(Collection<String> names, Instant now, TimeValue retention) {
        return expired(names.stream().map(IndexInfo::of).toList(), now, retention);
    }

    /**
     * @param indices index names in the cluster
     * @return the raw event indices among them (plugin and pre-migration daily names), sorted
     */
    public static List<String> managed(Collection<String> indices) {
        return indices.stream().filter(n -> n.startsWith(Names.RAW_INDEX_PREFIX) || LEGACY_DAILY_INDEX.matcher(n).matches()).sorted().toList();
    }
}
