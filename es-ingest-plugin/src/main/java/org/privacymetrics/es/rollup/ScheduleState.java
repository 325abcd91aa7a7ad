package org.privacymetrics.es.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler knows of one scheduled job ({@code schedule:<job>} in the system index): the last window it
 * finished (completed, or skipped because the budget was exhausted), the windows skipped, and the back-off after other
 * failures. Immutable; the scheduler stores a new one after each window.
 */
record ScheduleState(String job, LocalDate lastDone, List<Map<String, Object>> skipped, int failures, Instant retryAfter, String lastError) {

    /** Back-off after a failure that is not the budget: 1, 2, 4 ... minutes, at most an hour. */
    static Duration backoff(int failures) {
        long minutes = 1L << Math.min(Math.max(failures - 1, 0), 6);
        return Duration.ofMinutes(Math.min(minutes, 60));
    }

    static String docId(String job) {
        return "schedule:" + job;
    }

    static ScheduleState empty(String job) {
        return new ScheduleState(job, null, List.of(), 0, null, null);
    }

    ScheduleState completed(LocalDate window) {
        return new ScheduleState(job, window, skipped, 0, null, null);
    }

    ScheduleState skippedForBudget(LocalDate window) {
        List<Map<String, Object>> s = new ArrayList<>(skipped);
        s.add(Map.of("window_start", window.toString(), "reason", "budget_exhausted"));
        return new ScheduleState(job, window, List.copyOf(s), 0, null, null);
    }

    ScheduleState failed(Instant now, String error) {
        int f = failures + 1;
        return new ScheduleState(job, lastDone, skipped, f, now.plus(backoff(f)), error);
    }

    boolean waiting(Instant now) {
        return retryAfter != null && now.isBefore(retryAfter);
    }

    Map<String, Object> toSource() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "schedule");
        m.put("job", job);
        if (lastDone != null) {
            m.put("last_window_done", lastDone.toString());
        }
        m.put("skipped", skipped);
        m.put("failures", failures);
        if (retryAfter != null) {
            m.put("retry_after", retryAfter.toString());
        }
        if (lastError != null) {
            m.put("last_error", lastError);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static ScheduleState fromSource(String job, Map<String, Object> src) {
        if (src == null) {
            return empty(job);
        }
        Object last = src.get("last_window_done");
        Object retry = src.get("retry_after");
        Object failures = src.get("failures");
        return new ScheduleState(job, last == null ? null : LocalDate.parse((String) last),
            src.get("skipped") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of(),
            failures instanceof Number n ? n.intValue() : 0, retry == null ? null : Instant.parse((String) retry), (String) src.get("last_error"));
    }
}
