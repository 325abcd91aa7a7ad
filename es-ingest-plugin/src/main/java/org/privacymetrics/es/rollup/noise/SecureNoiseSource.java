package org.privacymetrics.es.rollup.noise;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Exact discrete Laplace noise ({@link DiscreteLaplaceSampler}) from a {@link SecureRandom}. Thread-safe. */
public final class SecureNoiseSource implements NoiseSource {
    private final RandomGenerator random;

    /** Noise from a fresh, self-seeded {@link SecureRandom}. */
    public SecureNoiseSource() {
        this(new SecureRandom());
    }

    /** Noise from {@code random}; only statistical tests pass anything but a SecureRandom here. */
    public SecureNoiseSource(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public long sample(DiscreteLaplace mechanism) {
        return DiscreteLaplaceSampler.sample(mechanism.scale(), random);
    }
}
