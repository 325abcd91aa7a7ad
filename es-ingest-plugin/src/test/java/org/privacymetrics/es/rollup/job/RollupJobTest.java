package org.privacymetrics.es.rollup.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupJobTest {
    static Map<String, Object> issueExample() {
        Map<String, Object> body = new HashMap<>();
        body.put("source", "metrics-events-*");
        body.put("window", "month");
        body.put("dimensions", Map.of(
            "service", List.of("sync", "hello", "readinglist"),
            "event", List.of("signup", "login", "call", "save_item"),
            "device", List.of("mobile", "tablet", "desktop", "bot", "unknown")));
        body.put("measures", Map.of(
            "users", Map.of("epsilon", 0.5),
            "events", Map.of("epsilon", 0.3, "max_per_key", 5),
            "multi_service_users", Map.of("epsilon", 0.2)));
        body.put("max_keys_per_user", 4);
        return body;
    }

    @Test
    void parsesTheIssueExample() {
        RollupJob job = RollupJob.parse("usage", issueExample());
        assertThat(job.domainSize()).isEqualTo(60);
        assertThat(job.window()).isEqualTo(Window.MONTH);
        assertThat(job.measures().get(Measure.EVENTS).mechanism().l1Sensitivity()).isEqualTo(20);
        assertThat(RollupJob.parse("usage", job.toMap())).isEqualTo(job);
    }

    private static void rejects(String field, Object value, String message) {
        Map<String, Object> body = issueExample();
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        assertThatThrownBy(() -> RollupJob.parse("usage", body)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void sourceIsOptionalAndBothSpellingsMeanTheRawEvents() {
        for (Object source : new Object[] {null, "metrics-events", "metrics-events-*"}) {
            Map<String, Object> body = issueExample();
            if (source == null) {
                body.remove("source");
            } else {
                body.put("source", source);
            }
            assertThat(RollupJob.parse("usage", body).source()).as(String.valueOf(source)).isEqualTo("metrics-events");
        }
    }

    @Test
    void rejectsBadBodiesNamingTheField() {
        for (Object source : new Object[] {"", ".privacy-metrics-rollups", ".privacy-metrics-events-*", "metrics-events-*,.security*",
                "remote:metrics-events-*", "metrics-events*", "copy-of-metrics-events", "*", 42, List.of("metrics-events")}) {
            rejects("source", source, "field [source] is optional and may only be [metrics-events] or [metrics-events-*]");
        }
        rejects("window", "year", "field [window] must be one of [month, week, day]");
        rejects("dimensions", Map.of(), "field [dimensions]");
        rejects("dimensions", Map.of("metrics_id", List.of("x")), "field [dimensions.metrics_id] is not allowed");
        rejects("dimensions", Map.of("service", List.of()), "field [dimensions.service]");
        rejects("dimensions", Map.of("service", List.of("a", "a")), "must not repeat");
        rejects("measures", Map.of("clicks", Map.of("epsilon", 1)), "field [measures.clicks] is not allowed");
        rejects("measures", Map.of("users", Map.of("epsilon", -1)), "field [measures.users.epsilon]");
        rejects("measures", Map.of("users", Map.of()), "field [measures.users.epsilon]");
        rejects("measures", Map.of("users", Map.of("epsilon", 1001)), "field [measures.users.epsilon] must be a number greater than 0 and at most [1000]");
        rejects("measures", Map.of("users", Map.of("epsilon", 1e-12)), "gives a noise scale above [1e9]");
        rejects("measures", Map.of("events", Map.of("epsilon", 1)), "field [measures.events.max_per_key]");
        rejects("measures", Map.of("users", Map.of("epsilon", 1, "max_per_key", 2)), "field [measures.users.max_per_key] is not allowed");
        rejects("max_keys_per_user", 0, "field [max_keys_per_user]");
        rejects("max_keys_per_user", null, "field [max_keys_per_user]");
        rejects("max_keys_per_user", 1.5, "field [max_keys_per_user]");
        rejects("extra", 1, "field [extra] is not allowed");
        rejects("delay", "2h", "field [delay] is only allowed with [schedule: true]");
        rejects("schedule", "yes", "field [schedule] must be a boolean");
    }

    @Test
    void scheduleWithDelay() {
        Map<String, Object> body = issueExample();
        body.put("schedule", true);
        body.put("delay", "2h");
        RollupJob job = RollupJob.parse("usage", body);
        assertThat(job.schedule()).isTrue();
        assertThat(job.delay()).isEqualTo(Duration.ofHours(2));
        body.put("delay", "2 hours");
        assertThatThrownBy(() -> RollupJob.parse("usage", body)).hasMessageContaining("field [delay]");
    }

    @Test
    void windowsAlignToUtcCalendarBoundaries() {
        assertThat(Window.MONTH.parseStart("window_start", "2026-10-01")).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(Window.MONTH.end(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThatThrownBy(() -> Window.MONTH.parseStart("window_start", "2026-10-02")).hasMessageContaining("first day of a month");
        assertThatThrownBy(() -> Window.WEEK.parseStart("window_start", "2026-10-01")).hasMessageContaining("Monday");
        assertThat(Window.WEEK.end(Window.WEEK.parseStart("window_start", "2026-09-28"))).isEqualTo(LocalDate.of(2026, 10, 5));
        assertThatThrownBy(() -> Window.DAY.parseStart("window_start", "yesterday")).hasMessageContaining("field [window_start]");
    }

    @Test
    void rejectsBadJobNames() {
        assertThatThrownBy(() -> RollupJob.parse("Bad Name", issueExample())).hasMessageContaining("job name [Bad Name]");
    }
}
