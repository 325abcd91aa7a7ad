package org.privacymetrics.logback.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, bounded: the n-th consecutive retry waits a random time in
 * {@code [d/2, d]} where {@code d = min(max, initial * 2^(n-1))}. The lower half keeps retries from hammering a
 * receiver that just came back; the random upper half keeps many services from retrying in lock-step.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;

    public Backoff(long initialMillis, long maxMillis) {
        if (initialMillis < 1) {
            throw new IllegalArgumentException("initialBackoff [" + initialMillis + " ms] must be at least 1 ms");
        }
        if (maxMillis < initialMillis) {
            throw new IllegalArgumentException("maxBackoff [" + maxMillis + " ms] must not be less than initialBackoff ["
                    + initialMillis + " ms]");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    /** The upper bound of the wait before retry number {@code attempt} (1-based), before jitter. */
    public long ceilingMillis(int attempt) {
        int shift = Math.max(0, Math.min(attempt - 1, 62));
        // initial * 2^shift, saturating instead of overflowing
        long d = initialMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialMillis << shift;
        return Math.min(maxMillis, d);
    }

    /** The wait before retry number {@code attempt} (1-based), with jitter. */
    public long delayMillis(int attempt) {
        long d = ceilingMillis(attempt);
        long half = d / 2;
        return half + ThreadLocalRandom.current().nextLong(d - half + 1);
    }
}
