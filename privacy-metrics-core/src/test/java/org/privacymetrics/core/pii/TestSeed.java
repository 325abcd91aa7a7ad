package org.privacymetrics.core.pii;

import java.util.SplittableRandom;

/**
 * The seed of a randomised test: {@code -Dpii.seed=…} when given (to repeat a failure), else a fresh one; printed with
 * the command that repeats it. Only tests' own generators are seeded, never the engine's.
 */
final class TestSeed {

    private TestSeed() {
    }

    static long of(Class<?> test) {
        String fixed = System.getProperty("pii.seed");
        long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
        System.out.println(test.getSimpleName() + " seed: " + seed + " (repeat with -Dpii.seed=" + seed + ")");
        return seed;
    }
}
