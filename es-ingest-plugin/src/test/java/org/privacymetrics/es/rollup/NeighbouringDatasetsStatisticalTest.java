package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.rollup.job.Measure;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.noise.DiscreteLaplace;
import org.privacymetrics.es.rollup.noise.MajorityVote;
import org.privacymetrics.es.rollup.noise.NoiseSource;
import org.privacymetrics.es.rollup.noise.SecureNoiseSource;

/**
 * Distinguishing test on neighbouring datasets, end to end through bounding, sensitivity and the exact sampler.
 *
 * <p>D has 20 users; D' adds one heavy user touching all 4 declared keys (max_keys_per_user 2, users epsilon 1). We
 * release the full rollup many times on each and look at a post-processing of it, the sum of all users values:
 * differential privacy bounds P(S(D) = o) / P(S(D') = o) by e^epsilon for every o, whatever the statistic.
 *
 * <p>Soundness of the threshold: outcomes are fixed in advance as those with exact probability >= 0.01 under both
 * datasets (computed by convolving the exact PMF, not from the samples). For such o, multiplicative Chernoff bounds
 * give P(p_hat >= (1+d) p) <= exp(-n p d^2 / 3) and P(p_hat <= (1-d) p) <= exp(-n p d^2 / 2); we pick d per outcome so
 * that the union over all outcomes, both datasets and both tails is below alpha = 1e-3 per trial. Under that event,
 * p_hat(o) <= (1+d) p(o) <= (1+d) e^eps p'(o) <= e^eps (1+d) / (1-d') p_hat'(o), which is what we check (both ways).
 * Best 3 of 5 trials: false failure <= 1e-8.
 */
class NeighbouringDatasetsStatisticalTest {
    private static final double EPSILON = 1.0;
    private static final double ALPHA = 1e-3;
    private static final int RUNS = 40_000;
    private static final int RANGE = 200;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final NoiseSource noise = new SecureNoiseSource(RANDOM);

    private static final RollupJob JOB = RollupJob.builder("neighbours")
            .source("metrics-events-*")
            .window(Window.DAY)
            .dimension("service", List.of("sync", "hello"))
            .dimension("event", List.of("login", "call"))
            .measure(Measure.USERS, EPSILON, 1)
            .maxKeysPerUser(2)
            .build();

    private long releaseSum(boolean withHeavyUser) {
        RollupComputation c = new RollupComputation(JOB, RANDOM);
        for (int u = 0; u < 20; u++) {
            c.addUserEvents(List.of(Map.of("service", u % 2 == 0 ? "sync" : "hello", "event", "login")));
        }
        if (withHeavyUser) {
            List<Map<String, String>> heavy = new ArrayList<>();
            for (String s : List.of("sync", "hello")) {
                for (String e : List.of("login", "call")) {
                    for (int i = 0; i < 5; i++) {
                        heavy.add(Map.of("service", s, "event", e));
                    }
                }
            }
            c.addUserEvents(heavy);
        }
        return c.finish(noise).rows().stream().mapToLong(RollupResult.Row::value).sum();
    }

    /** Exact PMF of the sum of four independent discrete Laplace(b) variables, shifted by {@code shift}, on [-RANGE, RANGE]. */
    private static double[] exactSumPmf(DiscreteLaplace m, int shift) {
        double[] single = new double[2 * RANGE + 1];
        for (int k = -RANGE; k <= RANGE; k++) {
            single[k + RANGE] = m.pmf(k);
        }
        double[] acc = single;
        for (int i = 1; i < 4; i++) {
            double[] next = new double[2 * RANGE + 1];
            for (int a = 0; a < acc.length; a++) {
                for (int b = 0; b < single.length; b++) {
                    int idx = a + b - RANGE;
                    if (idx >= 0 && idx < next.length) {
                        next[idx] += acc[a] * single[b];
                    }
                }
            }
            acc = next;
        }
        double[] shifted = new double[2 * RANGE + 1];
        for (int i = 0; i < acc.length; i++) {
            int j = i + shift;
            if (j >= 0 && j < shifted.length) {
                shifted[j] = acc[i];
            }
        }
        return shifted;
    }

    @Test
    void outputDistributionsOfNeighbouringDatasetsStayWithinEToTheEpsilon() {
        DiscreteLaplace users = JOB.measures().get(Measure.USERS).mechanism();
        // True sums: 20 on D; 22 on D' (the heavy user is bounded to exactly 2 keys). Index = value - 20 + RANGE.
        double[] p = exactSumPmf(users, 0);
        double[] q = exactSumPmf(users, 2);
        List<Integer> outcomes = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= 0.01 && q[i] >= 0.01) {
                outcomes.add(i);
            }
        }
        assertThat(outcomes).hasSizeGreaterThan(10);
        double logInvBeta = Math.log(4.0 * outcomes.size() / ALPHA);
        double bound = Math.exp(EPSILON);
        boolean ok = MajorityVote.passes(3, trial -> {
            int[] hd = new int[2 * RANGE + 1];
            int[] hn = new int[2 * RANGE + 1];
            for (int r = 0; r < RUNS; r++) {
                int a = (int) (releaseSum(false) - 20 + RANGE);
                int b = (int) (releaseSum(true) - 20 + RANGE);
                if (a >= 0 && a < hd.length) {
                    hd[a]++;
                }
                if (b >= 0 && b < hn.length) {
                    hn[b]++;
                }
            }
            for (int o : outcomes) {
                double dp = Math.sqrt(3 * logInvBeta / (RUNS * p[o]));
                double dq = Math.sqrt(3 * logInvBeta / (RUNS * q[o]));
                double pHat = (double) hd[o] / RUNS;
                double qHat = (double) hn[o] / RUNS;
                if (pHat > bound * qHat * (1 + dp) / (1 - dq) || qHat > bound * pHat * (1 + dq) / (1 - dp)) {
                    return false;
                }
            }
            return true;
        });
        assertThat(ok).as("P(S(D)=o)/P(S(D')=o) within e^%s on %d well-populated outcomes", EPSILON, outcomes.size()).isTrue();
    }
}
