package org.privacymetrics.es.rollup.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscreteLaplaceTest {

    @Test
    void scaleIsSensitivityOverEpsilonExactly() {
        DiscreteLaplace m = DiscreteLaplace.builder().l1Sensitivity(4).epsilon(0.3).build();
        assertThat(m.scale()).isEqualTo(Rational.of(40, 3));
        assertThat(m.noiseScale()).isEqualTo(40.0 / 3);
        assertThat(DiscreteLaplace.builder().l1Sensitivity(4).epsilon(0.5).build().noiseScale()).isEqualTo(8.0);
    }

    @Test
    void epsilonBecomesTheDecimalTheOperatorWrote() {
        assertThat(Rational.fromDecimal(0.3)).isEqualTo(Rational.of(3, 10));
        assertThat(Rational.fromDecimal(0.1).add(Rational.fromDecimal(0.2))).isEqualTo(Rational.of(3, 10));
        assertThat(Rational.fromDecimal(1e3)).isEqualTo(Rational.of(1000, 1));
        assertThat(Rational.fromDecimal(1.25e-5)).isEqualTo(Rational.of(1, 80_000));
    }

    @Test
    void builderRejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> DiscreteLaplace.builder().l1Sensitivity(0)).hasMessageContaining("l1 sensitivity [0]");
        assertThatThrownBy(() -> DiscreteLaplace.builder().epsilon(-1.0)).hasMessageContaining("epsilon [-1.0]");
        assertThatThrownBy(() -> DiscreteLaplace.builder().epsilon(Double.NaN)).hasMessageContaining("epsilon [NaN]");
        assertThatThrownBy(() -> DiscreteLaplace.builder().l1Sensitivity(1).build()).hasMessageContaining("epsilon is required");
    }

    @Test
    void ci95ByHand() {
        // b = 1: p = e^-1; P(|Z| <= 2) = 1 - 2e^-3/(1+e^-1) = 0.9272; P(|Z| <= 3) = 1 - 2e^-4/(1+e^-1) = 0.9732.
        assertThat(DiscreteLaplace.builder().l1Sensitivity(1).epsilon(1.0).build().ci95()).isEqualTo(3);
        // b = 8 (the users measure, L1 4, epsilon 0.5): t + 1 >= 8 (ln 40 - ln(1 + e^-1/8)) = 24.45 -> t = 24.
        assertThat(DiscreteLaplace.builder().l1Sensitivity(4).epsilon(0.5).build().ci95()).isEqualTo(24);
        // Tiny scale: P(Z = 0) = (1-p)/(1+p) >= 0.95 once p <= 1/39, i.e. b <= 1/ln 39 = 0.27.
        assertThat(DiscreteLaplace.builder().l1Sensitivity(1).epsilon(4.0).build().ci95()).isEqualTo(0);
        assertThat(DiscreteLaplace.builder().l1Sensitivity(1).epsilon(3.0).build().ci95()).isEqualTo(1);
    }

    /** The defining property, checked with an independent 60-digit evaluation of the closed form. */
    @ParameterizedTest
    @CsvSource({"1,1.0", "1,0.3", "4,0.5", "20,0.3", "1,0.001", "7,0.77", "100,0.01", "1,10.0", "3,0.123456"})
    void ci95IsTheSmallestIntegerWithCoverageAtLeast95Percent(long l1, double epsilon) {
        DiscreteLaplace m = DiscreteLaplace.builder().l1Sensitivity(l1).epsilon(epsilon).build();
        long t = m.ci95();
        assertThat(coverage(m, t)).isGreaterThanOrEqualTo(new BigDecimal("0.95"));
        if (t > 0) {
            assertThat(coverage(m, t - 1)).isLessThan(new BigDecimal("0.95"));
        }
    }

    /** 1 - 2 p^(t+1) / (1+p) at 60 digits, with p^(t+1) computed by repeated multiplication (not via exp((t+1)/b)). */
    private static BigDecimal coverage(DiscreteLaplace m, long t) {
        MathContext mc = new MathContext(60);
        Rational inverse = Rational.of(m.scale().denominator(), m.scale().numerator());
        BigDecimal p = BigDecimal.ONE.divide(DiscreteLaplace.expPositive(inverse, 80), mc);
        BigDecimal pow = p.pow((int) t + 1, mc);
        return BigDecimal.ONE.subtract(pow.multiply(BigDecimal.TWO).divide(BigDecimal.ONE.add(p), mc));
    }

    @Test
    void expIsAccurate() {
        assertThat(DiscreteLaplace.expPositive(Rational.of(1, 1), 30).round(new MathContext(25)))
            .isEqualTo(new BigDecimal("2.718281828459045235360287"));
        assertThat(DiscreteLaplace.expPositive(Rational.of(7, 2), 30).round(new MathContext(20)))
            .isEqualTo(new BigDecimal("33.115451958692313751"));
    }

    @Test
    void varianceAndPmfFollowTheClosedForm() {
        DiscreteLaplace m = DiscreteLaplace.builder().l1Sensitivity(1).epsilon(1.0).build();
        double p = Math.exp(-1);
        assertThat(m.variance()).isCloseTo(2 * p / ((1 - p) * (1 - p)), org.assertj.core.data.Offset.offset(1e-12));
        double total = 0;
        for (int k = -200; k <= 200; k++) {
            total += m.pmf(k);
        }
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }
}
