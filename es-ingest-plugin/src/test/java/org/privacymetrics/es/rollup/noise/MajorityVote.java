package org.privacymetrics.es.rollup.noise;

import java.util.function.IntPredicate;

/**
 * Bounded flakiness for statistical tests: a check whose single trial fails falsely with probability at most alpha is
 * repeated on independent samples, and the test fails only if a majority of {@code 2m-1} trials fail. The false-failure
 * probability is then at most {@code C(2m-1, m) * alpha^m} (at least m of the trials must fail falsely, and a union
 * bound over which m).
 */
public final class MajorityVote {
    private MajorityVote() {}

    /**
     * Runs up to {@code 2m-1} trials, stopping as soon as m pass or m fail.
     *
     * @return whether a majority passed
     */
    public static boolean passes(int m, IntPredicate trial) {
        int passed = 0;
        int failed = 0;
        for (int i = 0; passed < m && failed < m; i++) {
            if (trial.test(i)) {
                passed++;
            } else {
                failed++;
            }
        }
        return passed >= m;
    }

    /** Upper bound on the false-failure probability of {@link #passes} given a per-trial false-failure alpha. */
    public static double falseFailureBound(int m, double alpha) {
        double binom = 1;
        int n = 2 * m - 1;
        for (int i = 0; i < m; i++) {
            binom = binom * (n - i) / (i + 1);
        }
        return binom * Math.pow(alpha, m);
    }
}
