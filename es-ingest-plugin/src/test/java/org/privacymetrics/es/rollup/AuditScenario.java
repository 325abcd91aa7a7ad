package org.privacymetrics.es.rollup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.privacymetrics.es.rollup.job.RollupJob;

/**
 * The neighbouring datasets and the job of the end-to-end audit, shared by {@code EpsilonAuditIT} (released through the
 * real node's REST API) and {@link EpsilonAuditBrokenBuildsTest} (released by the same computation in-process, shipped or
 * deliberately broken), so both feed the same {@link EpsilonAuditor} with the same statistic.
 *
 * <p>Job: one declared key (service {@code audit}, event {@code login}), measure {@code events} with epsilon 0.5 and
 * {@code max_per_key} 2, {@code max_keys_per_user} 1: L1 = 2, b = 4, 0.5 spent per run. D: 40 users with 1 to 3 events
 * each in the key, some also outside the domain. D' = D plus one heavy user with {@value #HEAVY_EVENTS} events in the
 * key and as many outside the domain. The bounded count rises by exactly 2 from D to D', so the statistic T (the
 * released value) is shifted by 2 under discrete Laplace noise of scale 4: every threshold event {T >= t} with
 * t >= the D count + 2 has probability ratio exactly e^0.5, the job's epsilon. A build without contribution bounding
 * shifts T by {@value #HEAVY_EVENTS} (ratio up to e^7.5); a build with half the scale has ratio up to e^1.
 */
final class AuditScenario {
    static final String JOB_NAME = "it-privacy-audit";
    static final double EPSILON = 0.5;
    static final int HEAVY_EVENTS = 30;
    static final int USERS = 40;
    /**
     * Releases per dataset on the node: the month epochs of each dataset ({@code EpsilonAuditIT}) times the runs one epoch
     * allows at the test limit of 64 (64 / 0.5 = 128).
     */
    static final int EPOCHS_PER_DATASET = 1;
    static final int RUNS_PER_EPOCH = 128;
    static final int RUNS_PER_DATASET = EPOCHS_PER_DATASET * RUNS_PER_EPOCH;
    /** The bounded events count of D: users with 1, 2, 3 events count 1, 2, 2. */
    static final long TRUE_COUNT_D;

    static final String JOB_JSON = """
        {"source": "metrics-events-*", "window": "month",
         "dimensions": {"service": ["audit"], "event": ["login"]},
         "measures": {"events": {"epsilon": 0.5, "max_per_key": 2}},
         "max_keys_per_user": 1}""";

    static final RollupJob JOB;

    static {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = new ObjectMapper().readValue(JOB_JSON, Map.class);
            JOB = RollupJob.parse(JOB_NAME, body);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        long count = 0;
        for (int u = 0; u < USERS; u++) {
            count += Math.min(2, eventsOf(u));
        }
        TRUE_COUNT_D = count;
    }

    private AuditScenario() {
    }

    /** One event of a user: its service and event name (all events of a dataset share one day and epoch). */
    record Ev(int user, String service, String event) {}

    private static int eventsOf(int user) {
        return 1 + user % 3;
    }

    /** The events of D, or of D' = D plus the heavy user (user number {@value #USERS}). */
    static List<Ev> dataset(boolean withHeavyUser) {
        List<Ev> events = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < eventsOf(u); i++) {
                events.add(new Ev(u, "audit", "login"));
            }
            if (u % 4 == 0) {
                events.add(new Ev(u, "audit", "logout")); // outside the domain: ignored
            }
        }
        if (withHeavyUser) {
            for (int i = 0; i < HEAVY_EVENTS; i++) {
                events.add(new Ev(USERS, "audit", "login"));
                events.add(new Ev(USERS, "audit", "logout"));
            }
        }
        return events;
    }

    /** The statistic T of one release: the released value of the one declared key. */
    static long statistic(List<RollupResult.Row> rows) {
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows);
        }
        return rows.get(0).value();
    }

    /** One release on D or D' by {@code build}, in-process, through {@link RollupComputation} as the node feeds it. */
    static long release(Builds build, boolean withHeavyUser) {
        RollupComputation c = build.computation(JOB);
        List<Ev> events = dataset(withHeavyUser);
        List<Map<String, String>> user = new ArrayList<>();
        int current = events.get(0).user();
        for (Ev e : events) {
            if (e.user() != current) {
                c.addUserEvents(user);
                user = new ArrayList<>();
                current = e.user();
            }
            user.add(Map.of("service", e.service(), "event", e.event()));
        }
        c.addUserEvents(user);
        return statistic(c.finish(build.noise()).rows());
    }

    static long[] releases(Builds build, boolean withHeavyUser, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = release(build, withHeavyUser);
        }
        return out;
    }
}
