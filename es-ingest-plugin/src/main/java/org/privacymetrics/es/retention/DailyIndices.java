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

/**
 * The raw event indices retention manages and the day each one holds:
 * <ul>
 *   <li>every plugin raw index {@code .privacy-metrics-events-*}, whatever its name, by the day the plugin parsed and
 *       recorded when it created the index (mapping {@code _meta} {@value #META_KEY}.{@value #META_DAY}); an index
 *       without that record (should not exist) by the day in its name, and one whose name holds no day either by the
 *       UTC day it was created;</li>
 *   <li>every pre-migration daily index {@code metrics-events-YYYY.MM.DD} (releases before raw events moved to system
 *       indices) by the day in its name.</li>
 * </ul>
 * The intake {@code metrics-events} and every other name are never touched.
 */
public final class DailyIndices {

    /** Key of the plugin's section in a raw index's mapping {@code _meta}. */
    public static final String META_KEY = "privacy_metrics";
    /** Key of the recorded day ({@code YYYY-MM-DD}, UTC) in that section. */
    public static final String META_DAY = "day";

    /** Names of pre-migration daily indices. */
    public static final Pattern LEGACY_DAILY_INDEX = Pattern.compile("metrics-events-(\\d{4})\\.(\\d{2})\\.(\\d{2})");

    /** Names of the plugin's raw daily indices as the route names them. */
    public static final Pattern RAW_DAILY_INDEX = Pattern.compile(Pattern.quote(Names.RAW_INDEX_PREFIX) + "(\\d{4})\\.(\\d{2})\\.(\\d{2})");

    private DailyIndices() {
    }

    /**
     * What retention knows of one index.
     *
     * @param name index name
     * @param recordedDay the day recorded by the plugin at creation ({@code YYYY-MM-DD}), or null
     * @param creationDateMillis {@code index.creation_date}
     */
    public record IndexInfo(String name, String recordedDay, long creationDateMillis) {
        public static IndexInfo of(String name) {
            return new IndexInfo(name, null, 0L);
        }
    }

    /** Reads name, recorded day and creation date from an index's metadata. */
    public static IndexInfo info(IndexMetadata meta) {
        String name = meta.getIndex().getName();
        String day = null;
        if (name.startsWith(Names.RAW_INDEX_PREFIX)) {
            day = recordedDay(meta.mapping());
        }
        return new IndexInfo(name, day, meta.getCreationDate());
    }

    @SuppressWarnings("unchecked")
    static String recordedDay(MappingMetadata mapping) {
        if (mapping == null) {
            return null;
        }
        Object meta = mapping.sourceAsMap().get("_meta");
        if (meta instanceof Map<?, ?> m && m.get(META_KEY) instanceof Map<?, ?> section && section.get(META_DAY) instanceof String d) {
            return d;
        }
        return null;
    }

    /** The mapping {@code _meta} the plugin records in a raw index it creates for {@code day}. */
    public static Map<String, Object> meta(LocalDate day) {
        return Map.of(META_KEY, Map.of(META_DAY, day.toString()));
    }

    /** The day of a plugin raw index name {@code .privacy-metrics-events-YYYY.MM.DD}, or null when it is none. */
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

    /**
     * The UTC day whose events {@code index} holds as retention judges it, or null when retention does not manage the
     * index (the intake, other names, a legacy-looking name that is no valid day).
     */
    public static LocalDate day(IndexInfo index) {
        String name = index.name();
        if (name.startsWith(Names.RAW_INDEX_PREFIX)) {
            if (index.recordedDay() != null) {
                try {
                    return LocalDate.parse(index.recordedDay());
                } catch (DateTimeParseException notADay) {
                    // fall back to the name
                }
            }
            LocalDate fromName = rawNameDay(name);
            if (fromName != null) {
                return fromName;
            }
            return Instant.ofEpochMilli(index.creationDateMillis()).atZone(ZoneOffset.UTC).toLocalDate();
        }
        return nameDay(LEGACY_DAILY_INDEX, name);
    }

    /**
     * @param indices the indices in the cluster
     * @param now the current time
     * @param retention how long events are kept
     * @return the raw event indices whose newest possible event is older than {@code now - retention}, sorted
     */
    public static List<String> expired(Collection<IndexInfo> indices, Instant now, TimeValue retention) {
        Instant cutoff = now.minusMillis(retention.millis());
        List<String> out = new ArrayList<>();
        for (IndexInfo index : indices) {
            LocalDate day = day(index);
            if (day == null) {
                continue;
            }
            Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!dayEnd.isAfter(cutoff)) {
                out.add(index.name());
            }
        }
        out.sort(null);
        return out;
    }

    /** Same, for bare names (no recorded day, creation date 0). */
    public static List<String> expiredNames(Collection<String> names, Instant now, TimeValue retention) {
        return expired(names.stream().map(IndexInfo::of).toList(), now, retention);
    }

    /**
     * @param indices index names in the cluster
     * @return the raw event indices among them (plugin and pre-migration daily names), sorted
     */
    public static List<String> daily(Collection<String> indices) {
        return indices.stream().filter(n -> n.startsWith(Names.RAW_INDEX_PREFIX) || LEGACY_DAILY_INDEX.matcher(n).matches()).sorted().toList();
    }
}
