package org.privacymetrics.es.rollup.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statistical tests of the exact sampler against the closed-form distribution. Each trial draws fresh samples from an
 * unseeded {@link SecureRandom}; each test fails only if a majority of trials fail ({@link MajorityVote}), with the
 * per-trial false-failure probability bounded by an inequality that holds for every distribution (DKW, Hoeffding,
 * Chebyshev), so each test's false-failure probability is below 1e-7 (asserted in {@link #flakinessBudget()}).
 */
class DiscreteLaplaceSamplerStatisticalTest {
    private static final double TRIAL_ALPHA = 1e-3;
    private static final int MAJORITY = 3; // best 3 of 5: C(5,3) * 1e-9 = 1e-8

    private static final RandomGenerator RNG = new SecureRandom();

    @Test
    void flakinessBudget() {
        assertThat(MajorityVote.falseFailureBound(MAJORITY, TRIAL_ALPHA)).isLessThan(1e-7);
        assertThat(MajorityVote.falseFailureBound(VARIANCE_MAJORITY, VARIANCE_ALPHA)).isLessThan(1e-7);
    }

    @ParameterizedTest
    @CsvSource({"0,1", "1,2", "1,1", "3,1", "23,10", "7,3"})
    void bernoulliExpMinusHasProbabilityExpMinusGamma(long num, long den) {
        double expected = Math.exp(-(double) num / den);
        int n = 100_000;
        // Two-sided Hoeffding: P(|mean - p| >= d) <= 2 exp(-2 n d^2).
        double d = Math.sqrt(Math.log(2 / TRIAL_ALPHA) / (2.0 * n));
        boolean ok = MajorityVote.passes(MAJORITY, trial -> {
            int hits = 0;
            for (int i = 0; i < n; i++) {
                if (DiscreteLaplaceSampler.bernoulliExpMinus(
                        java.math.BigInteger.valueOf(num), java.math.BigInteger.valueOf(den), RNG)) {
                    hits++;
                }
            }
            return Math.abs((double) hits / n - expected) < d;
        });
        assertThat(ok).as("frequency of Bern(exp(-%d/%d)) within %.4f of %.4f", num, den, d, expected).isTrue();
    }

    /**
     * Empirical CDF against the exact CDF. Dvoretzky-Kiefer-Wolfowitz (Massart's constant):
     * P(sup_x |F_n(x) - F(x)| > d) <= 2 exp(-2 n d^2) for any distribution, so d = sqrt(ln(2/alpha) / 2n).
     */
    @ParameterizedTest
    @CsvSource({"1,1.0", "1,0.3", "4,0.5", "20,0.3", "1,2.5"})
    void empiricalDistributionMatchesExactPmf(long l1, double epsilon) {
        DiscreteLaplace mechanism = DiscreteLaplace.builder().l1Sensitivity(l1).epsilon(epsilon).build();
        int n = 50_000;
        double d = Math.sqrt(Math.log(2 / TRIAL_ALPHA) / (2.0 * n));
        boolean ok = MajorityVote.passes(MAJORITY, trial -> maxCdfDeviation(mechanism, mechanism, n) < d);
        assertThat(ok).as("empirical CDF of %s within %.4f of the exact CDF", mechanism, d).isTrue();
    }

    /** The same check has power: it rejects samples from a scale 25% larger (guards against a vacuous threshold). */
    @Test
    void cdfCheckDetectsAWrongScale() {
        DiscreteLaplace claimed = DiscreteLaplace.builder().l1Sensitivity(4).epsilon(0.5).build();
        DiscreteLaplace actual = DiscreteLaplace.builder().l1Sensitivity(5).epsilon(0.5).build();
        int n = 50_000;
        double d = Math.sqrt(Math.log(2 / TRIAL_ALPHA) / (2.0 * n));
        // The true sup distance is ~0.04 (at k = -8) > 4d, so a trial misses it only if the empirical CDF strays from the
        // actual one by > 0.03: probability <= 2 exp(-2 n 0.03^2) < 1e-30.
        boolean undetected = MajorityVote.passes(MAJORITY, trial -> maxCdfDeviation(claimed, actual, n) < d);
        assertThat(undetected).isFalse();
    }

    private static double maxCdfDeviation(DiscreteLaplace claimed, DiscreteLaplace actual, int n) {
        int range = (int) Math.max(200, 60 * claimed.noiseScale());
        int[] counts = new int[2 * range + 1];
        int below = 0;
        for (int i = 0; i < n; i++) {
            long x = DiscreteLaplaceSampler.sample(actual.scale(), RNG);
            if (x < -range) {
                below++;
            } else if (x <= range) {
                counts[(int) x + range]++;
            }
        }
        double p = claimed.p();
        double max = 0;
        long cumulative = below;
        for (int k = -range; k <= range; k++) {
            cumulative += counts[k + range];
            double exact = k >= 0 ? 1 - Math.pow(p, k + 1) / (1 + p) : Math.pow(p, -k) / (1 + p);
            max = Math.max(max, Math.abs((double) cumulative / n - exact));
        }
        // Outside [-range, range] both CDFs are within p^range of 0 or 1 (negligible) and F_n is flat.
        return max;
    }

    private static final double VARIANCE_ALPHA = 0.05;
    private static final int VARIANCE_MAJORITY = 10; // C(19, 10) * 0.05^10 = 9e-9

    /**
     * Variance against 2p/(1-p)^2. The mean is exactly 0 (symmetry), so V = mean(X^2) is unbiased for the variance,
     * with Var(V) = (mu4 - sigma^4) / n. Chebyshev: P(|V - sigma^2| >= k sd(V)) <= 1/k^2 = alpha per trial.
     */
    @ParameterizedTest
    @CsvSource({"1,1.0", "1,0.3", "4,0.5"})
    void varianceMatchesClosedForm(long l1, double epsilon) {
        DiscreteLaplace mechanism = DiscreteLaplace.builder().l1Sensitivity(l1).epsilon(epsilon).build();
        double sigma2 = mechanism.variance();
        double mu4 = 0;
        for (long k = -100_000; k <= 100_000; k++) {
            double pk = mechanism.pmf(k);
            mu4 += pk * Math.pow(k, 4);
        }
        int n = 40_000;
        double tolerance = Math.sqrt(1 / VARIANCE_ALPHA) * Math.sqrt((mu4 - sigma2 * sigma2) / n);
        boolean ok = MajorityVote.passes(VARIANCE_MAJORITY, trial -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                long x = mechanism.sample(new SecureNoiseSource(RNG));
                sum += (double) x * x;
            }
            return Math.abs(sum / n - sigma2) < tolerance;
        });
        assertThat(ok).as("mean of X^2 within %.3f of 2p/(1-p)^2 = %.3f", tolerance, sigma2).isTrue();
    }

    /**
     * ci95 coverage: the empirical frequency of |X| <= ci95 is within the Hoeffding bound of the exact probability,
     * which is >= 0.95, and the frequency of |X| <= ci95 - 1 is within it of a value < 0.95.
     */
    @ParameterizedTest
    @CsvSource({"1,1.0", "4,0.5", "20,0.3", "1,3.0"})
    void ci95Covers95Percent(long l1, double epsilon) {
        DiscreteLaplace mechanism = DiscreteLaplace.builder().l1Sensitivity(l1).epsilon(epsilon).build();
        long t = mechanism.ci95();
        int n = 50_000;
        double d = Math.sqrt(Math.log(4 / TRIAL_ALPHA) / (2.0 * n)); // two events, two-sided
        boolean ok = MajorityVote.passes(MAJORITY, trial -> {
            int within = 0;
            int withinBelow = 0;
            for (int i = 0; i < n; i++) {
                long x = Math.abs(mechanism.sample(new SecureNoiseSource(RNG)));
                if (x <= t) {
                    within++;
                }
                if (x <= t - 1) {
                    withinBelow++;
                }
            }
            return (double) within / n >= 0.95 - d && (t == 0 || (double) withinBelow / n < 0.95 + d);
        });
        assertThat(ok).as("coverage of ci95 = %d for %s", t, mechanism).isTrue();
    }
}
