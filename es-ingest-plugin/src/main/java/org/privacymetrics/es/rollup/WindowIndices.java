package org.privacymetrics.es.rollup;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.MappingMetadata;
import org.privacymetrics.es.Names;

/**
 * The raw indices a run's window reads, and whether the one-pass rollup may read them: only when every one of them is an
 * epoch index of the routed layout (its mapping {@code _meta.privacy_metrics} records the epoch and its first and last
 * day; every document in it is routed by its re-keyed {@code metrics_id} by the final pipeline, so all events of one
 * pseudonym lie in one shard). Any other raw index overlapping the window (a daily index of an earlier release, or one
 * without the plugin's record) sends the run down the composite path, which needs no such layout.
 *
 * @param indices the raw indices overlapping the window (the one-pass search reads these)
 * @param routed  true when every one of them is a routed epoch index
 */
record WindowIndices(List<String> indices, boolean routed) {
    // The keys of the mapping _meta the plugin records when it creates a raw index (see retention.RawIndexDays, which
    // writes them; features do not import each other).
    static final String META_KEY = "privacy_metrics";
    static final String META_EPOCH = "epoch";
    static final String META_FIRST_DAY = "first_day";
    static final String META_LAST_DAY = "last_day";
    static final String META_DAY = "day";

    /** The decision for the window {@code [start, end)} over {@code rawIndices} (every index named {@code .privacy-metrics-events-*}). */
    static WindowIndices ofMetadata(Iterable<IndexMetadata> indices, LocalDate start, LocalDate end) {
        List<RawIndex> raw = new ArrayList<>();
        for (IndexMetadata index : indices) {
            raw.add(new RawIndex(index.getIndex().getName(), recorded(index.mapping())));
        }
        return of(raw, start, end);
    }

    /** An index name and the plugin's {@code _meta} section recorded in its mapping (empty when none). */
    record RawIndex(String name, Map<?, ?> recorded) {}

    static WindowIndices of(List<RawIndex> indices, LocalDate start, LocalDate end) {
        List<String> overlapping = new ArrayList<>();
        boolean routed = true;
        for (RawIndex index : indices) {
            String name = index.name();
            if (name.startsWith(Names.RAW_INDEX_PREFIX) == false) {
                continue;
            }
            Map<?, ?> recorded = index.recorded();
            LocalDate first = day(recorded.get(META_FIRST_DAY));
            LocalDate last = day(recorded.get(META_LAST_DAY));
            boolean epochIndex = recorded.get(META_EPOCH) instanceof String && first != null && last != null && !last.isBefore(first);
            if (epochIndex == false) {
                LocalDate day = day(recorded.get(META_DAY));
                if (day != null && (day.isBefore(start) || !day.isBefore(end))) {
                    continue; // a daily index of an earlier release outside the window: not read
                }
                overlapping.add(name);
                routed = false; // a daily index in the window, or an index without the plugin's record: composite path
                continue;
            }
            if (first.isBefore(end) && !last.isBefore(start)) {
                overlapping.add(name);
            }
        }
        return new WindowIndices(List.copyOf(overlapping), routed);
    }

    private static Map<?, ?> recorded(MappingMetadata mapping) {
        if (mapping != null && mapping.sourceAsMap().get("_meta") instanceof Map<?, ?> meta && meta.get(META_KEY) instanceof Map<?, ?> section) {
            return section;
        }
        return Map.of();
    }

    private static LocalDate day(Object value) {
        if (value instanceof String s) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException notADay) {
                return null;
            }
        }
        return null;
    }
}
