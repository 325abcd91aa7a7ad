package org.privacymetrics.logback.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The edge comparison of issue 16 (target 3) with both sides of each ratio measured in the same run, interleaved: the
 * three paths of {@link AppenderBenchmark} (plain encoder, hand-written baseline, through the appender) take turns in
 * short slices, round after round, in one JVM and one thread, so load from other processes falls on all of them alike.
 * Per path it prints the median time per event over the rounds, as wall-clock time and as the thread's CPU time (which
 * leaves out the time the thread waited for a core: on a shared, overloaded machine that wait dominates the wall
 * clock), and the bytes allocated per event (the thread's own allocation counter); per ratio the median of the
 * per-round ratios and whether the target is met.
 *
 * <pre>
 *   java -cp ... org.privacymetrics.logback.bench.EdgeComparison [warm-up seconds] [rounds] [slice milliseconds]
 * </pre>
 * Defaults 20 s, 30 rounds, 200 ms (about 40 s in all). Exits 0 whatever the result: the caller reads the verdicts.
 */
public final class EdgeComparison {

    static final double TARGET_BASELINE = 1.15;
    static final double TARGET_PLAIN = 1.5;
    static final double TARGET_ALLOCATION = 2.0;

    private record Path(String name, Runnable op) {
    }

    private EdgeComparison() {
    }

    public static void main(String[] args) {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int sliceMillis = args.length > 2 ? Integer.parseInt(args[2]) : 200;

        AppenderBenchmark b = new AppenderBenchmark();
        b.setUp();
        // paths 0-2 are the target's; 3 and 4 (the encode of the emitted document alone, the HMAC alone) are its floor
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        List<Path> paths = List.of(
                new Path("plainLogstashEncoder", () -> bh.consume(b.plainLogstashEncoder())),
                new Path("handWrittenBaseline", () -> bh.consume(b.handWrittenBaseline())),
                new Path("throughMetricsIdAppender", () -> b.throughMetricsIdAppender(bh)),
                new Path("encodeBuiltEvent", () -> bh.consume(b.encodeBuiltEvent())),
                new Path("hmacMetricsId", () -> bh.consume(b.hmacMetricsId())));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (Path p : paths) {
                run(p.op, 50_000_000L);
            }
        }
        double[][] nsPerOp = new double[paths.size()][rounds];
        double[][] cpuNsPerOp = new double[paths.size()][rounds];
        long[] bytes = new long[paths.size()];
        long[] ops = new long[paths.size()];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < paths.size(); k++) {
                int i = (k + r) % paths.size(); // rotate the order so no path always runs first
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long n = run(paths.get(i).op, sliceMillis * 1_000_000L);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                long a1 = threads.getCurrentThreadAllocatedBytes();
                nsPerOp[i][r] = (double) (t1 - t0) / n;
                cpuNsPerOp[i][r] = (double) (c1 - c0) / n;
                bytes[i] += a1 - a0;
                ops[i] += n;
            }
        }
        b.tearDown();

        System.out.printf(Locale.ROOT, "edge comparison: %d rounds of %d ms per path after %d s warm-up, %d distinct users%n",
                rounds, sliceMillis, warmupSeconds, AppenderBenchmark.USERS);
        for (int i = 0; i < paths.size(); i++) {
            System.out.printf(Locale.ROOT,
                    "  %-26s wall %8.0f ns/event (median; quartiles %.0f..%.0f), thread CPU %8.0f ns/event (quartiles %.0f..%.0f), %6.0f B/event%n",
                    paths.get(i).name, median(nsPerOp[i]), quantile(nsPerOp[i], 0.25), quantile(nsPerOp[i], 0.75), median(cpuNsPerOp[i]),
                    quantile(cpuNsPerOp[i], 0.25), quantile(cpuNsPerOp[i], 0.75), (double) bytes[i] / ops[i]);
        }
        double allocation = ((double) bytes[2] / ops[2]) / ((double) bytes[0] / ops[0]);
        verdict("edge time vs hand-written baseline (wall)", medianRatio(nsPerOp[2], nsPerOp[1]), TARGET_BASELINE);
        verdict("edge time vs hand-written baseline (thread CPU)", medianRatio(cpuNsPerOp[2], cpuNsPerOp[1]), TARGET_BASELINE);
        verdict("edge time vs plain LogstashEncoder (wall)", medianRatio(nsPerOp[2], nsPerOp[0]), TARGET_PLAIN);
        verdict("edge time vs plain LogstashEncoder (thread CPU)", medianRatio(cpuNsPerOp[2], cpuNsPerOp[0]), TARGET_PLAIN);
        verdict("edge allocation vs plain LogstashEncoder", allocation, TARGET_ALLOCATION);
        // Not verdicts: what the target's ratios are made of, from the same rounds.
        double[] floor = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            floor[r] = cpuNsPerOp[3][r] + cpuNsPerOp[4][r];
        }
        System.out.printf(Locale.ROOT, "  hand-written baseline / plain encoder (thread CPU): %.2f%n", medianRatio(cpuNsPerOp[1], cpuNsPerOp[0]));
        System.out.printf(Locale.ROOT, "  floor of the document (encode of the built event + one HMAC) / plain encoder (thread CPU): %.2f%n",
                medianRatio(floor, cpuNsPerOp[0]));
        System.out.printf(Locale.ROOT, "  appender above that floor (thread CPU): %.0f ns/event; hand-written baseline above it: %.0f ns/event%n",
                median(cpuNsPerOp[2]) - median(floor), median(cpuNsPerOp[1]) - median(floor));
    }

    private static void verdict(String name, double ratio, double target) {
        System.out.printf(Locale.ROOT, "%s: measured ratio %.2f (target ≤ %.2f) %s%n", name, ratio, target, ratio <= target ? "MET" : "NOT MET");
    }

    /** The median over the rounds of {@code a[r] / b[r]}: both sides of each ratio come from the same round. */
    private static double medianRatio(double[] a, double[] b) {
        double[] q = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            q[r] = a[r] / b[r];
        }
        return median(q);
    }

    /** Runs {@code op} for about {@code nanos}; returns how many times it ran. */
    private static long run(Runnable op, long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        do {
            for (int i = 0; i < 256; i++) {
                op.run();
            }
            n += 256;
        } while (System.nanoTime() < end);
        return n;
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
