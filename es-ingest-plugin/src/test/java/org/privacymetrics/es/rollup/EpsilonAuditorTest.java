package org.privacymetrics.es.rollup;

import org.apache.commons.math3.special.Gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The auditor's arithmetic against closed forms; its statistical behaviour is exercised by its users. */
class EpsilonAuditorTest {

    @Test
    void clopperPearsonMatchesClosedForms() {
        // k = 0: upper bound solves (1 - p)^n = a; k = n: lower bound solves p^n = a.
        for (int n : new int[] {1, 10, 64, 1000, 20_000}) {
            for (double a : new double[] {0.025, 1e-3, 5e-4}) {
                assertThat(EpsilonAuditor.clopperPearsonUpper(0, n, a)).isCloseTo(1 - Math.pow(a, 1.0 / n), within(1e-12));
                assertThat(EpsilonAuditor.clopperPearsonLower(n, n, a)).isCloseTo(Math.pow(a, 1.0 / n), within(1e-12));
                assertThat(EpsilonAuditor.clopperPearsonLower(0, n, a)).isZero();
                assertThat(EpsilonAuditor.clopperPearsonUpper(n, n, a)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void clopperPearsonBoundsSolveTheBinomialTailEquations() {
        int[][] cases = {{3, 10}, {17, 64}, {406, 20_000}, {12_000, 20_000}, {1, 128}};
        for (int[] c : cases) {
            int k = c[0];
            int n = c[1];
            double a = 0.025;
            double lower = EpsilonAuditor.clopperPearsonLower(k, n, a);
            double upper = EpsilonAuditor.clopperPearsonUpper(k, n, a);
            assertThat(lower).isLessThan((double) k / n);
            assertThat(upper).isGreaterThan((double) k / n);
            assertThat(binomialTailAtLeast(k, n, lower)).isCloseTo(a, within(1e-9));
            assertThat(1 - binomialTailAtLeast(k + 1, n, upper)).isCloseTo(a, within(1e-9));
        }
    }

    /** P[Bin(n, p) >= k], summed directly in log space. */
    private static double binomialTailAtLeast(int k, int n, double p) {
        double sum = 0;
        for (int i = k; i <= n; i++) {
            double log = Gamma.logGamma(n + 1) - Gamma.logGamma(i + 1) - Gamma.logGamma(n - i + 1)
                + i * Math.log(p) + (n - i) * Math.log1p(-p);
            sum += Math.exp(log);
        }
        return sum;
    }

    @Test
    void theEventIsChosenOnTheFirstHalfAndCountedOnTheSecond() {
        // First halves separate D (0) from D' (10) completely; second halves are identically distributed.
        long[] base = {0, 0, 0, 0, 0, 0, 10, 10};
        long[] neighbour = {10, 10, 10, 10, 0, 0, 10, 10};
        EpsilonAuditor.Result r = EpsilonAuditor.audit(base, neighbour, 0.05);
        EpsilonAuditor.Event e = r.event();
        long separated = java.util.stream.LongStream.of(0, 10).filter(e::contains).count();
        assertThat(separated).as("%s separates the first halves", e).isEqualTo(1);
        assertThat(r.n1()).isEqualTo(4);
        assertThat(r.k1()).isEqualTo(2);
        assertThat(r.k0()).isEqualTo(2);
        assertThat(r.estimate()).isEqualTo(0.0);
        assertThat(r.lowerBound()).isLessThan(0);
        assertThat(r.upperBound()).isGreaterThan(0);
    }
}
