package org.privacymetrics.es.rollup;

import java.security.SecureRandom;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.noise.DiscreteLaplaceSampler;
import org.privacymetrics.es.rollup.noise.NoiseSource;
import org.privacymetrics.es.rollup.noise.Rational;
import org.privacymetrics.es.rollup.noise.SecureNoiseSource;

/**
 * The mechanism as shipped and two deliberately broken builds of it, for showing that the statistical audits can fail.
 * The breakage goes through test seams only: the package-private bounds of
 * {@link RollupComputation#RollupComputation(RollupJob, java.util.random.RandomGenerator, int, long)} and the
 * {@link NoiseSource} that {@link RollupComputation#finish(NoiseSource)} takes. All randomness is the real
 * {@link SecureRandom}, never seeded.
 */
enum Builds {
    /** What production runs: the job's bounds, exact noise at the job's scale. */
    SHIPPED,
    /** Contribution bounding disabled: every key of a user and every event counts; sensitivities still claimed. */
    UNBOUNDED,
    /** Noise at half the scale the job claims (b = L1 / (2 eps)), e.g. a sensitivity or epsilon computed wrongly. */
    HALVED_SCALE;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Rational HALF = Rational.of(1, 2);

    RollupComputation computation(RollupJob job) {
        return this == UNBOUNDED ? new RollupComputation(job, RANDOM, Integer.MAX_VALUE, Long.MAX_VALUE)
            : new RollupComputation(job, RANDOM);
    }

    NoiseSource noise() {
        if (this == HALVED_SCALE) {
            return mechanism -> DiscreteLaplaceSampler.sample(mechanism.scale().multiply(HALF), RANDOM);
        }
        return new SecureNoiseSource(RANDOM);
    }
}
