package org.privacymetrics.es.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticsearch.core.TimeValue;

/** The raw daily event indices {@code metrics-events-YYYY.MM.DD} and when they expire. */
public final class DailyIndices {

    /** Names of the raw daily indices. */
    public static final Pattern DAILY_INDEX = Pattern.compile("metrics-events-(\\d{4})\\.(\\d{2})\\.(\\d{2})");

    private DailyIndices() {
    }

    /**
     * @param indices index names in the cluster
     * @param now the current time
     * @param retention how long events are kept
     * @return the daily event indices whose newest possible event is older than {@code now - retention}, sorted
     */
    public static List<String> expired(Collection<String> indices, Instant now, TimeValue retention) {
        Instant cutoff = now.minusMillis(retention.millis());
        List<String> out = new ArrayList<>();
        for (String name : indices) {
            Matcher m = DAILY_INDEX.matcher(name);
            if (!m.matches()) {
                continue;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3));
            } catch (DateTimeParseException notADate) {
                continue; // e.g. metrics-events-2026.13.45: not ours to judge
            }
            Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!dayEnd.isAfter(cutoff)) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * @param indices index names in the cluster
     * @return the daily event indices among them, sorted
     */
    public static List<String> daily(Collection<String> indices) {
        return indices.stream().filter(n -> DAILY_INDEX.matcher(n).matches()).sorted().toList();
    }
}
