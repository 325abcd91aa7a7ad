package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A guard against quadratic detectors, not a benchmark (that is {@link DetectorBenchmark}): each worst shape of 1 MiB
 * must be scanned within a bound that linear code meets a hundred times over and quadratic code misses by hours.
 */
class LinearTimeTest {

    @Test
    void worstShapesOfOneMebibyteAreScannedInLinearTime() {
        for (DetectorBenchmark.Shape shape : DetectorBenchmark.SHAPES) {
            String v = shape.make(1 << 20);
            PiiScanner.scan(v); // warm-up
            long t0 = System.nanoTime();
            PiiScanner.scan(v);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as(shape.name()).isLessThan(5_000);
        }
    }
}
