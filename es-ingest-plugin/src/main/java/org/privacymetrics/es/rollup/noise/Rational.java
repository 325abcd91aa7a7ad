package org.privacymetrics.es.rollup.noise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact, strictly positive rational number {@code numerator / denominator} in lowest terms.
 *
 * <p>The noise mechanism never sees a floating-point epsilon: the API's double is turned into a rational once,
 * here, and everything downstream (sampling, budget accounting) is exact.
 */
public final class Rational implements Comparable<Rational> {
    private final BigInteger numerator;
    private final BigInteger denominator;

    private Rational(BigInteger numerator, BigInteger denominator) {
        BigInteger g = numerator.gcd(denominator);
        this.numerator = numerator.divide(g);
        this.denominator = denominator.divide(g);
    }

    /** {@code numerator / denominator}; both must be strictly positive. */
    public static Rational of(BigInteger numerator, BigInteger denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (numerator.signum() <= 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("rational [" + numerator + "/" + denominator + "] must be strictly positive");
        }
        return new Rational(numerator, denominator);
    }

    /** {@code numerator / denominator}; both must be strictly positive. */
    public static Rational of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /**
     * The rational an operator meant when writing {@code value} in JSON.
     *
     * <p>Why the decimal and not the binary value: {@link BigDecimal#valueOf(double)} goes through
     * {@link Double#toString(double)}, the shortest decimal that round-trips to the same double, so {@code 0.3} becomes
     * exactly {@code 3/10} and not {@code 5404319552844595/2^54}. The same decimal is what the ledger charges
     * (see {@link #toBigDecimal()}), so the epsilon used for the noise and the epsilon charged to the budget are the
     * same exact number; sums such as {@code 0.1 + 0.2} are then exactly {@code 3/10} in the ledger, with no binary
     * rounding that could let a run slip past (or be refused at) the limit. The two values differ from the binary
     * double by less than one ulp (about 1e-17 relative), far below any privacy-relevant precision.
     *
     * @throws IllegalArgumentException if {@code value} is not finite and strictly positive
     */
    public static Rational fromDecimal(double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("value [" + value + "] must be a finite number greater than 0");
        }
        BigDecimal d = BigDecimal.valueOf(value);
        // d = unscaled * 10^-scale; scale may be negative for large values (e.g. 1E+3).
        BigInteger unscaled = d.unscaledValue();
        int scale = d.scale();
        if (scale >= 0) {
            return of(unscaled, BigInteger.TEN.pow(scale));
        }
        return of(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    public BigInteger numerator() {
        return numerator;
    }

    public BigInteger denominator() {
        return denominator;
    }

    public Rational multiply(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational multiply(long factor) {
        return multiply(of(factor, 1));
    }

    public Rational divide(Rational other) {
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public Rational add(Rational other) {
        return new Rational(
            numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
            denominator.multiply(other.denominator)
        );
    }

    /** Exact decimal value when the denominator divides a power of ten, otherwise rounded to 34 digits. */
    public BigDecimal toBigDecimal() {
        try {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator));
        } catch (ArithmeticException nonTerminating) {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator), java.math.MathContext.DECIMAL128);
        }
    }

    public double doubleValue() {
        return toBigDecimal().doubleValue();
    }

    @Override
    public int compareTo(Rational o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return 31 * numerator.hashCode() + denominator.hashCode();
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
