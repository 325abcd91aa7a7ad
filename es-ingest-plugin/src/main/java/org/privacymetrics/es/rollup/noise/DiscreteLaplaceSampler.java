package org.privacymetrics.es.rollup.noise;

import java.math.BigInteger;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exact sampler of the discrete Laplace distribution, after Canonne, Kamath and Steinke, "The Discrete Gaussian for
 * Differential Privacy" (NeurIPS 2020), Algorithms 1 and 2.
 *
 * <p>Every step uses integer arithmetic and uniform integers only: there is no floating-point value anywhere between the
 * random bits and the returned integer, so the output distribution is exactly
 * {@code P(k) = (1-p)/(1+p) * p^|k|} with {@code p = exp(-1/b)} for the rational scale {@code b}. This avoids the
 * attacks on floating-point Laplace noise described by Mironov (CCS 2012), where the set of reachable doubles leaks the
 * true value.
 *
 * <p>Stateless and thread-safe; the randomness comes from the caller's generator ({@code SecureRandom} in production).
 */
public final class DiscreteLaplaceSampler {
    private static final BigInteger TWO = BigInteger.TWO;

    private DiscreteLaplaceSampler() {}

    /** A uniform integer in {@code [0, bound)}, without modulo bias. */
    static BigInteger uniform(BigInteger bound, RandomGenerator rng) {
        if (bound.signum() <= 0) {
            throw new IllegalArgumentException("bound [" + bound + "] must be positive");
        }
        if (bound.bitLength() <= 62) {
            // RandomGenerator.nextLong(bound) is specified to be uniform (it rejects, it does not reduce modulo).
            return BigInteger.valueOf(rng.nextLong(bound.longValue()));
        }
        int bits = bound.bitLength();
        byte[] buf = new byte[(bits + 7) / 8 + 1];
        while (true) {
            rng.nextBytes(buf);
            buf[0] = 0; // keep it non-negative
            BigInteger candidate = new BigInteger(buf);
            // Keep exactly `bits` low bits: candidate is then uniform on [0, 2^bits), and 2^bits < 2 * bound,
            // so each rejection round succeeds with probability > 1/2.
            candidate = candidate.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            if (candidate.compareTo(bound) < 0) {
                return candidate;
            }
        }
    }

    /** Bernoulli({@code num/den}) for {@code 0 <= num <= den}: P(U < num) with U uniform on {@code [0, den)}. */
    static boolean bernoulli(BigInteger num, BigInteger den, RandomGenerator rng) {
        return uniform(den, rng).compareTo(num) < 0;
    }

    /**
     * Bernoulli({@code exp(-num/den)}) for {@code num >= 0}, exactly (CKS 2020, Algorithm 1).
     *
     * <p>For {@code gamma = num/den} in [0,1]: draw A_1 ~ Bern(gamma/1), A_2 ~ Bern(gamma/2), ... until the first
     * A_K = 0. Then P(K > k) = gamma^k / k!, so P(K odd) = sum_{k>=0} (P(K > 2k) - P(K > 2k+1))
     * = sum_j (-gamma)^j / j! = exp(-gamma). For gamma > 1 write gamma = floor(gamma) + frac: exp(-gamma) is the
     * product of floor(gamma) independent Bern(exp(-1)) and one Bern(exp(-frac)), so all must be 1.
     */
    static boolean bernoulliExpMinus(BigInteger num, BigInteger den, RandomGenerator rng) {
        if (num.signum() < 0 || den.signum() <= 0) {
            throw new IllegalArgumentException("exp(-" + num + "/" + den + ") needs num >= 0 and den > 0");
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        for (BigInteger i = BigInteger.ZERO; i.compareTo(qr[0]) < 0; i = i.add(BigInteger.ONE)) {
            if (!bernoulliExpMinusAtMostOne(BigInteger.ONE, BigInteger.ONE, rng)) {
                return false;
            }
        }
        return bernoulliExpMinusAtMostOne(qr[1], den, rng);
    }

    /** Algorithm 1 core, for {@code 0 <= num/den <= 1}. */
    private static boolean bernoulliExpMinusAtMostOne(BigInteger num, BigInteger den, RandomGenerator rng) {
        // K counts trials; Bern(gamma / K) = Bern(num / (den * K)).
        BigInteger k = BigInteger.ONE;
        while (bernoulli(num, den.multiply(k), rng)) {
            k = k.add(BigInteger.ONE);
        }
        return k.testBit(0); // K odd <=> success, probability exp(-gamma)
    }

    /**
     * One sample of the discrete Laplace distribution with scale {@code b = t/s}, i.e. P(k) proportional to
     * exp(-|k| * s / t) (CKS 2020, Algorithm 2).
     *
     * <p>Derivation: with U uniform on [0, t) accepted with probability exp(-U/t), and V ~ Geometric counting
     * Bern(exp(-1)) successes (P(V = v) = (1-e^-1) e^-v), X = U + t*V has P(X = x) proportional to exp(-x/t),
     * a geometric distribution with parameter 1 - exp(-1/t). Then Y = floor(X/s) is geometric with parameter
     * 1 - exp(-s/t): P(Y >= y) = P(X >= s*y) proportional to exp(-s*y/t). A random sign B gives +/-Y; rejecting
     * (B = negative, Y = 0) stops zero from being counted twice, so P(Z = z) is proportional to exp(-|z| s/t) for all
     * integers z, which is the discrete Laplace distribution with p = exp(-s/t) = exp(-1/b).
     */
    public static long sample(Rational scale, RandomGenerator rng) {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(rng, "rng");
        BigInteger t = scale.numerator();
        BigInteger s = scale.denominator();
        while (true) {
            BigInteger u = uniform(t, rng);
            if (!bernoulliExpMinus(u, t, rng)) {
                continue;
            }
            BigInteger v = BigInteger.ZERO;
            while (bernoulliExpMinus(BigInteger.ONE, BigInteger.ONE, rng)) {
                v = v.add(BigInteger.ONE);
            }
            BigInteger x = u.add(t.multiply(v));
            BigInteger y = x.divide(s);
            boolean negative = rng.nextBoolean();
            if (negative && y.signum() == 0) {
                continue;
            }
            // |Y| beyond a long would need ~ 2^63 * b standard deviations: probability far below 2^-1000.
            long magnitude = y.longValueExact();
            return negative ? -magnitude : magnitude;
        }
    }
}
