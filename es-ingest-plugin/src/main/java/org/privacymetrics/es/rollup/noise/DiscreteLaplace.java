package org.privacymetrics.es.rollup.noise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Immutable parameters of one discrete Laplace mechanism: an L1 sensitivity and an epsilon, from which follow the
 * exact rational scale {@code b = L1 / epsilon}, {@code noise_scale} (= b) and {@code ci95}.
 *
 * <p>Guarantee: adding {@code Z} with {@code P(Z = k) = (1-p)/(1+p) * p^|k|}, {@code p = exp(-1/b)}, to an integer
 * query whose value changes by at most L1 between neighbouring datasets is epsilon-differentially private, because
 * {@code P(Z = k) / P(Z = k + d) = p^(|k| - |k + d|) <= p^(-|d|) = exp(|d| / b) <= exp(L1 / b) = exp(epsilon)}.
 *
 * <p>Build with {@link #builder()}; everything is validated and derived once in {@link Builder#build()}.
 */
public final class DiscreteLaplace {
    private final long l1Sensitivity;
    private final Rational epsilon;
    private final Rational scale;
    private final long ci95;

    private DiscreteLaplace(long l1Sensitivity, Rational epsilon) {
        this.l1Sensitivity = l1Sensitivity;
        this.epsilon = epsilon;
        this.scale = Rational.of(l1Sensitivity, 1).divide(epsilon);
        this.ci95 = computeCi95(scale);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** L1 sensitivity of the query this noise protects. */
    public long l1Sensitivity() {
        return l1Sensitivity;
    }

    /** Epsilon as the exact rational used for sampling and accounting. */
    public Rational epsilon() {
        return epsilon;
    }

    /** The exact scale {@code b = L1 / epsilon}. */
    public Rational scale() {
        return scale;
    }

    /** {@code noise_scale} as reported: b as a double. */
    public double noiseScale() {
        return scale.doubleValue();
    }

    /** {@code p = exp(-1/b)}, the ratio of consecutive probabilities. */
    public double p() {
        return Math.exp(-1.0 / noiseScale());
    }

    /** Variance of the noise, {@code 2p / (1-p)^2} (twice the variance of a geometric variable counting failures). */
    public double variance() {
        double p = p();
        return 2 * p / ((1 - p) * (1 - p));
    }

    /** {@code P(Z = k) = (1-p)/(1+p) * p^|k|}, in double precision (for tests and documentation). */
    public double pmf(long k) {
        double p = p();
        return (1 - p) / (1 + p) * Math.pow(p, Math.abs((double) k));
    }

    /** The smallest integer {@code t >= 0} with {@code P(|Z| <= t) >= 0.95}, computed exactly. */
    public long ci95() {
        return ci95;
    }

    /** Draws one noise value from {@code source}. */
    public long sample(NoiseSource source) {
        return source.sample(this);
    }

    /**
     * ci95 from the closed form. P(|Z| <= t) = P(0) + 2 sum_{k=1..t} P(k)
     * = (1-p)/(1+p) * (1 + 2 p (1 - p^t)/(1 - p)) = 1 - 2 p^(t+1) / (1+p).
     * So P(|Z| <= t) >= 19/20 <=> 2 p^(t+1)/(1+p) <= 1/20 <=> g(t) = 40 p^(t+1) - 1 - p <= 0,
     * g decreasing in t. Solving g = 0 gives t + 1 = b (ln 40 - ln(1 + p)), which we use as a double estimate,
     * then settle the boundary with {@link #covers} in high precision. g(t) is never exactly 0 for a rational b
     * (with b = m/n and w = exp(-1/m), g = 0 would be a rational polynomial equation in w, but w is transcendental
     * by Lindemann-Weierstrass), so raising the precision always decides the sign.
     */
    static long computeCi95(Rational scale) {
        double b = scale.doubleValue();
        double p = Math.exp(-1.0 / b);
        double estimate = Math.ceil(b * (Math.log(40) - Math.log1p(p))) - 1;
        long t = (long) Math.max(0, estimate);
        while (t > 0 && covers(scale, t - 1)) {
            t--;
        }
        while (!covers(scale, t)) {
            t++;
        }
        return t;
    }

    /** Whether P(|Z| <= t) >= 0.95, i.e. g(t) = 40 exp(-(t+1)/b) - 1 - exp(-1/b) <= 0, decided rigorously. */
    static boolean covers(Rational scale, long t) {
        // 1/b = s / t_num as exact rationals; (t+1)/b likewise.
        Rational inverse = Rational.of(scale.denominator(), scale.numerator());
        Rational tailExponent = inverse.multiply(t + 1);
        for (int digits = 40; digits <= 5000; digits *= 2) {
            MathContext mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
            BigDecimal pTail = BigDecimal.ONE.divide(expPositive(tailExponent, digits + 10), mc);
            BigDecimal p = BigDecimal.ONE.divide(expPositive(inverse, digits + 10), mc);
            BigDecimal g = pTail.multiply(BigDecimal.valueOf(40)).subtract(BigDecimal.ONE).subtract(p);
            // Each exp has relative error <= 10^-(digits), the values are <= 40, so |error of g| < 10^-(digits-3).
            BigDecimal margin = BigDecimal.ONE.movePointLeft(digits - 3);
            if (g.abs().compareTo(margin) > 0) {
                return g.signum() < 0;
            }
        }
        throw new ArithmeticException("ci95 boundary not decided at 5000 digits for scale [" + scale + "]");
    }

    /**
     * exp(x) for rational x >= 0 with relative error below 10^-digits.
     * Range reduction exp(x) = exp(x / 2^k)^(2^k) with x / 2^k <= 1/2, Taylor series there (terms fall by >= 2x per
     * step, so the tail after a term below eps is below eps), then k squarings, each at most doubling the relative
     * error: guard digits k (> k * log10(2)) + 10 absorb that.
     */
    static BigDecimal expPositive(Rational x, int digits) {
        int k = 0;
        BigInteger num = x.numerator();
        BigInteger den = x.denominator();
        // x / 2^k <= 1/2  <=>  2 * num <= den * 2^k
        while (num.shiftLeft(1).compareTo(den.shiftLeft(k)) > 0) {
            k++;
        }
        int work = digits + k + 10;
        MathContext mc = new MathContext(work, RoundingMode.HALF_EVEN);
        BigDecimal r = new BigDecimal(num).divide(new BigDecimal(den.shiftLeft(k)), mc);
        BigDecimal eps = BigDecimal.ONE.movePointLeft(work + 2);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; ; n++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.compareTo(eps) < 0) {
                break;
            }
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, mc);
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscreteLaplace d && d.l1Sensitivity == l1Sensitivity && d.epsilon.equals(epsilon);
    }

    @Override
    public int hashCode() {
        return Objects.hash(l1Sensitivity, epsilon);
    }

    @Override
    public String toString() {
        return "DiscreteLaplace[l1=" + l1Sensitivity + ", epsilon=" + epsilon + ", b=" + scale + ", ci95=" + ci95 + "]";
    }

    /** Validating builder: both values are required. */
    public static final class Builder {
        private Long l1Sensitivity;
        private Rational epsilon;

        private Builder() {}

        /** The L1 sensitivity, at least 1. */
        public Builder l1Sensitivity(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("l1 sensitivity [" + value + "] must be at least 1");
            }
            this.l1Sensitivity = value;
            return this;
        }

        /** Epsilon as given in the API; converted with {@link Rational#fromDecimal(double)}. */
        public Builder epsilon(double value) {
            if (!Double.isFinite(value) || value <= 0) {
                throw new IllegalArgumentException("epsilon [" + value + "] must be a finite number greater than 0");
            }
            this.epsilon = Rational.fromDecimal(value);
            return this;
        }

        /** Epsilon as an exact rational. */
        public Builder epsilon(Rational value) {
            this.epsilon = Objects.requireNonNull(value, "epsilon");
            return this;
        }

        public DiscreteLaplace build() {
            if (l1Sensitivity == null) {
                throw new IllegalStateException("l1 sensitivity is required");
            }
            if (epsilon == null) {
                throw new IllegalStateException("epsilon is required");
            }
            return new DiscreteLaplace(l1Sensitivity, epsilon);
        }
    }
}
