package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.rollup.job.Measure;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.noise.MajorityVote;
import org.privacymetrics.es.rollup.noise.NoiseSource;

/**
 * Distinguishing test on neighbouring datasets, end to end through bounding, sensitivity and the exact sampler, with a
 * decision procedure that has power: the same procedure ({@link #consistentWithEpsilon}) accepts the shipped mechanism
 * and rejects a build without contribution bounding and a build with half the noise scale ({@link Builds}).
 *
 * <p>D has 20 users (10 in sync/login, 10 in hello/login); D' adds one heavy user with 5 events in each of the 4
 * declared keys. Measure {@code users}, epsilon 1, {@code max_keys_per_user} 2: L1 = 2, b = 2, p = e^(-1/2). Statistic
 * T = min over the 4 keys of (released value - true count on D), a post-processing of the release. For t >= 1,
 * P[T >= t] on D is q_t^4 with q_t = P[Z >= t] = p^t / (1 + p); on D' the heavy user adds 1 to exactly 2 keys, so it is
 * q_(t-1)^2 q_t^2, and the ratio is (q_(t-1) / q_t)^2 = p^-2 = e^epsilon exactly: the event is tight. Without bounding
 * the user adds 1 to all 4 keys (ratio e^(2 epsilon)); with half the scale p = e^-1 and the ratio is again
 * e^(2 epsilon). So a sound auditor sees eps_lb <= 1 on the shipped build and, with enough releases, eps_lb > 1 on
 * both broken ones (expected eps_lb about 1.7 and 1.5 at 20,000 evaluation releases).
 *
 * <p>Decision: {@link EpsilonAuditor} at alpha = 1e-3 (a false rejection of an epsilon-DP mechanism has probability
 * <= 1e-3 per trial, whatever the mechanism's distribution), best 3 of 5 trials on fresh releases: false failure
 * <= C(5,3) 1e-9 = 1e-8. All randomness is an unseeded SecureRandom.
 */
class NeighbouringDatasetsStatisticalTest {
    private static final double EPSILON = 1.0;
    private static final double ALPHA = 1e-3;
    private static final int MAJORITY = 3;
    private static final int RUNS = 40_000;
    private static final List<String> SERVICES = List.of("sync", "hello");
    private static final List<String> EVENTS = List.of("login", "call");

    static final RollupJob JOB = RollupJob.builder("neighbours")
            .source("metrics-events-*")
            .window(Window.DAY)
            .dimension("service", SERVICES)
            .dimension("event", EVENTS)
            .measure(Measure.USERS, EPSILON, 1)
            .maxKeysPerUser(2)
            .build();

    /** The true (bounded) users counts of D per key. */
    private static long truthOnD(Map<String, String> key) {
        return key.get("event").equals("login") ? 10 : 0;
    }

    /** One release of the rollup on D or D' by {@code build}, reduced to the statistic T. */
    static long release(Builds build, boolean withHeavyUser) {
        RollupComputation c = build.computation(JOB);
        for (int u = 0; u < 20; u++) {
            c.addUserEvents(List.of(Map.of("service", SERVICES.get(u % 2), "event", "login")));
        }
        if (withHeavyUser) {
            List<Map<String, String>> heavy = new ArrayList<>();
            for (String s : SERVICES) {
                for (String e : EVENTS) {
                    for (int i = 0; i < 5; i++) {
                        heavy.add(Map.of("service", s, "event", e));
                    }
                }
            }
            c.addUserEvents(heavy);
        }
        NoiseSource noise = build.noise();
        long min = Long.MAX_VALUE;
        for (RollupResult.Row row : c.finish(noise).rows()) {
            min = Math.min(min, row.value() - truthOnD(row.key()));
        }
        return min;
    }

    /**
     * The decision procedure shared by all tests here: whether {@code build}'s releases on D and D' are consistent with
     * epsilon-DP, i.e. the auditor's lower bound stays <= epsilon in a majority of trials.
     */
    static boolean consistentWithEpsilon(Builds build, int runs, double epsilon) {
        return MajorityVote.passes(MAJORITY, trial -> {
            long[] base = new long[runs];
            long[] neighbour = new long[runs];
            for (int r = 0; r < runs; r++) {
                base[r] = release(build, false);
                neighbour[r] = release(build, true);
            }
            EpsilonAuditor.Result result = EpsilonAuditor.audit(base, neighbour, ALPHA);
            System.out.printf("neighbouring datasets, %s build, trial %d: %s%n", build, trial, result);
            return result.lowerBound() <= epsilon;
        });
    }

    @Test
    void flakinessBudget() {
        assertThat(MajorityVote.falseFailureBound(MAJORITY, ALPHA)).isLessThan(1e-7);
    }

    @Test
    void theShippedMechanismStaysWithinEpsilon() {
        assertThat(consistentWithEpsilon(Builds.SHIPPED, RUNS, EPSILON))
            .as("empirical epsilon lower bound <= %s on neighbouring datasets", EPSILON).isTrue();
    }

    @Test
    void theSameProcedureRejectsABuildWithoutContributionBounding() {
        assertThat(consistentWithEpsilon(Builds.UNBOUNDED, RUNS, EPSILON)).as("unbounded build detected").isFalse();
    }

    @Test
    void theSameProcedureRejectsABuildWithHalfTheNoiseScale() {
        assertThat(consistentWithEpsilon(Builds.HALVED_SCALE, RUNS, EPSILON)).as("halved-scale build detected").isFalse();
    }
}
