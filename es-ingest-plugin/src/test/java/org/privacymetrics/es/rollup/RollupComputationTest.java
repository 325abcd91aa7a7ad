package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.rollup.job.Measure;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.noise.NoiseSource;

/** Counting and bounding with the zero-noise seam: values are the bounded true counts. */
class RollupComputationTest {
    static final NoiseSource ZERO = mechanism -> 0;

    static RollupJob job(int maxKeys, int maxPerKey) {
        return RollupJob.builder("t")
            .source("metrics-events-*")
            .window(Window.MONTH)
            .dimension("service", List.of("sync", "hello"))
            .dimension("event", List.of("login", "call"))
            .measure(Measure.USERS, 0.5, 1)
            .measure(Measure.EVENTS, 0.3, maxPerKey)
            .measure(Measure.MULTI_SERVICE_USERS, 0.2, 1)
            .maxKeysPerUser(maxKeys)
            .build();
    }

    static Map<String, String> ev(String service, String event) {
        return Map.of("service", service, "event", event);
    }

    static Map<String, Long> values(RollupResult r, Measure m) {
        return r.rows().stream().filter(row -> row.measure() == m)
            .collect(Collectors.toMap(row -> String.join("/", row.key().values()), RollupResult.Row::value));
    }

    @Test
    void everyDeclaredKeyIsPresentAndUndeclaredKeysAreIgnored() {
        RollupComputation c = new RollupComputation(job(4, 5));
        c.addUserEvents(List.of(ev("sync", "login"), ev("sync", "login"), ev("nope", "login"), ev("sync", "other")));
        RollupResult r = c.finish(ZERO);
        assertThat(values(r, Measure.USERS)).containsExactlyInAnyOrderEntriesOf(
            Map.of("sync/login", 1L, "sync/call", 0L, "hello/login", 0L, "hello/call", 0L));
        assertThat(values(r, Measure.EVENTS)).containsEntry("sync/login", 2L).containsEntry("hello/call", 0L).hasSize(4);
        assertThat(values(r, Measure.MULTI_SERVICE_USERS)).containsExactly(Map.entry("", 0L));
        assertThat(r.rows()).hasSize(9);
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.key().values()).doesNotContain("nope", "other"));
    }

    @Test
    void eventsAreCappedPerUserAndKey() {
        RollupComputation c = new RollupComputation(job(4, 3));
        List<Map<String, String>> heavy = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            heavy.add(ev("hello", "call"));
        }
        c.addUserEvents(heavy);
        c.addUserEvents(List.of(ev("hello", "call"), ev("hello", "call")));
        RollupResult r = c.finish(ZERO);
        assertThat(values(r, Measure.EVENTS)).containsEntry("hello/call", 5L);
        assertThat(values(r, Measure.USERS)).containsEntry("hello/call", 2L);
    }

    @Test
    void aUserTouchingTooManyKeysContributesToARandomSubsetOfMaxKeys() {
        int users = 4000;
        RollupComputation c = new RollupComputation(job(2, 1), new SecureRandom());
        for (int u = 0; u < users; u++) {
            c.addUserEvents(List.of(ev("sync", "login"), ev("sync", "call"), ev("hello", "login"), ev("hello", "call")));
        }
        RollupResult r = c.finish(ZERO);
        Map<String, Long> v = values(r, Measure.USERS);
        assertThat(v.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2L * users);
        // Each key is chosen with probability 1/2: mean 2000, sd ~32. Not id or declaration order: every key gets
        // a share (a first-k choice would give 4000, 4000, 0, 0). 1500 is 15 sd away: P(false failure) < 1e-40.
        assertThat(v.values()).allSatisfy(n -> assertThat(n).isBetween(1500L, 2500L));
        assertThat(c.usersBounded()).isEqualTo(users);
    }

    @Test
    void multiServiceUsersCountsUsersInTwoDeclaredServices() {
        RollupComputation c = new RollupComputation(job(4, 5));
        c.addUserEvents(List.of(ev("sync", "login"), ev("hello", "call")));
        c.addUserEvents(List.of(ev("sync", "login"), ev("sync", "call")));
        c.addUserEvents(List.of(ev("sync", "login"), ev("other", "call")));
        assertThat(values(c.finish(ZERO), Measure.MULTI_SERVICE_USERS)).containsExactly(Map.entry("", 1L));
    }

    @Test
    void sensitivitiesNoiseScaleAndCi95FollowTheJob() {
        RollupJob job = RollupJob.parse("j", Map.of(
            "source", "metrics-events-*", "window", "month",
            "dimensions", Map.of("service", List.of("sync")),
            "measures", Map.of("users", Map.of("epsilon", 0.5), "events", Map.of("epsilon", 0.3, "max_per_key", 5),
                "multi_service_users", Map.of("epsilon", 0.2)),
            "max_keys_per_user", 4));
        RollupResult r = new RollupComputation(job).finish(ZERO);
        Map<Measure, RollupResult.Row> byMeasure = r.rows().stream().collect(Collectors.toMap(RollupResult.Row::measure, x -> x));
        assertThat(byMeasure.get(Measure.USERS).noiseScale()).isEqualTo(8.0);     // 4 / 0.5
        assertThat(byMeasure.get(Measure.USERS).ci95()).isEqualTo(24);
        assertThat(byMeasure.get(Measure.EVENTS).noiseScale()).isEqualTo(20 / 0.3); // 4 * 5 / 0.3
        assertThat(byMeasure.get(Measure.MULTI_SERVICE_USERS).noiseScale()).isEqualTo(5.0); // 1 / 0.2
        assertThat(job.epsilonPerRun().toBigDecimal()).isEqualByComparingTo("1.0");
    }

    @Test
    void resultIsComputedOnce() {
        RollupComputation c = new RollupComputation(job(4, 5));
        c.addUserEvents(List.of(ev("sync", "login")));
        int[] draws = {0};
        NoiseSource counting = m -> ++draws[0];
        RollupResult first = c.finish(counting);
        assertThat(c.finish(counting)).isSameAs(first);
        assertThat(draws[0]).isEqualTo(9);
        assertThatThrownBy(() -> c.addUserEvents(List.of())).isInstanceOf(IllegalStateException.class);
    }

    /**
     * The test seam behind the broken build of the statistical audits: bounds passed to the package-private constructor
     * replace the job's in counting only; the noise scales still follow the job.
     */
    @Test
    void theBoundsSeamReplacesTheJobsBoundsInCountingOnly() {
        List<Map<String, String>> heavy = new ArrayList<>();
        for (String s : List.of("sync", "hello")) {
            for (String e : List.of("login", "call")) {
                for (int i = 0; i < 7; i++) {
                    heavy.add(ev(s, e));
                }
            }
        }
        RollupJob job = job(1, 2);
        RollupComputation bounded = new RollupComputation(job, new SecureRandom());
        bounded.addUserEvents(heavy);
        RollupComputation unbounded = new RollupComputation(job, new SecureRandom(), Integer.MAX_VALUE, Long.MAX_VALUE);
        unbounded.addUserEvents(heavy);
        RollupResult b = bounded.finish(ZERO);
        RollupResult u = unbounded.finish(ZERO);
        assertThat(values(b, Measure.USERS).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(values(b, Measure.EVENTS).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(values(u, Measure.USERS).values()).containsOnly(1L);
        assertThat(values(u, Measure.EVENTS).values()).containsOnly(7L);
        assertThat(u.rows().stream().map(RollupResult.Row::noiseScale).toList())
            .isEqualTo(b.rows().stream().map(RollupResult.Row::noiseScale).toList());
        assertThatThrownBy(() -> new RollupComputation(job, new SecureRandom(), 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
