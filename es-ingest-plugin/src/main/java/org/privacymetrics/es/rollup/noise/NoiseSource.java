package org.privacymetrics.es.rollup.noise;

/**
 * Where noise comes from. Production uses {@link SecureNoiseSource}; tests inject a deterministic source here
 * (never by seeding the production generator).
 */
@FunctionalInterface
public interface NoiseSource {
    /** One noise value for {@code mechanism}. */
    long sample(DiscreteLaplace mechanism);
}
