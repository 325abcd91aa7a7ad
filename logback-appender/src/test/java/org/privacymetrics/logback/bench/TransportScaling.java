package org.privacymetrics.logback.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link TransportScalingBenchmark} with 1, 2, 4 and 8 threads, then again in the reverse order (so machine load
 * that drifts during the run falls on every thread count alike), and prints the throughput per thread count (mean of
 * the two runs) and its ratio to one thread, and the events per CPU-second of the benchmark process (its ratio between
 * 1 and 8 threads shows whether threads cost each other CPU: contention on a lock would).
 *
 * <pre>
 *   java -cp ... org.privacymetrics.logback.bench.TransportScaling [iterations] [seconds per iteration] [extra JMH jvm args...]
 * </pre>
 */
public final class TransportScaling {

    private TransportScaling() {
    }

    public static void main(String[] args) throws RunnerException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String[] jvmArgs = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[0];
        int[] order = {1, 2, 4, 8, 8, 4, 2, 1};
        Map<Integer, List<Double>> opsPerSecond = new LinkedHashMap<>();
        Map<Integer, List<Double>> perCpuSecond = new LinkedHashMap<>();
        for (int threads : order) {
            Path cpuOut;
            try {
                cpuOut = Files.createTempFile("edge-scaling-cpu", ".txt");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String[] forkArgs = java.util.Arrays.copyOf(jvmArgs, jvmArgs.length + 1);
            forkArgs[jvmArgs.length] = "-D" + TransportScalingBenchmark.CPU_OUT_PROPERTY + "=" + cpuOut;
            ChainedOptionsBuilder o = new OptionsBuilder()
                    .include(TransportScalingBenchmark.class.getName() + ".logUsageEvent")
                    .threads(threads).forks(1)
                    .warmupIterations(iterations).warmupTime(TimeValue.seconds(seconds))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds));
            o = o.jvmArgsAppend(forkArgs);
            for (RunResult r : new Runner(o.build()).run()) {
                opsPerSecond.computeIfAbsent(threads, t -> new ArrayList<>()).add(r.getPrimaryResult().getScore());
            }
            try {
                for (String line : Files.readAllLines(cpuOut)) {
                    perCpuSecond.computeIfAbsent(threads, t -> new ArrayList<>()).add(Double.parseDouble(line.trim()));
                }
                Files.deleteIfExists(cpuOut);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.println("\nscaling through MetricsIdAppender into the Elasticsearch transport (spool off, acknowledging sink), "
                + Runtime.getRuntime().availableProcessors() + " processors:");
        double one = mean(opsPerSecond.get(1));
        double cpuOne = mean(perCpuSecond.get(1));
        for (Map.Entry<Integer, List<Double>> e : opsPerSecond.entrySet()) {
            double m = mean(e.getValue());
            double c = mean(perCpuSecond.get(e.getKey()));
            System.out.printf(Locale.ROOT, "  %d thread(s): %,10.0f events/s (runs %s), %.2f x one thread; %,10.0f events per CPU-second (%.2f x one thread)%n",
                    e.getKey(), m, format(e.getValue()), m / one, c, c / cpuOne);
        }
        double cpuEight = mean(perCpuSecond.get(8));
        double two = mean(opsPerSecond.get(2));
        double eight = mean(opsPerSecond.get(8));
        System.out.printf(Locale.ROOT, "edge scaling 2 threads vs 1: measured ratio %.2f (target ≥ 1.50 on 2 cores) %s%n", two / one,
                two / one >= 1.5 ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "edge scaling 8 threads vs 2: measured ratio %.2f (target ≥ 0.90: no collapse past the cores) %s%n",
                eight / two, eight / two >= 0.9 ? "MET" : "NOT MET");
        double cpuGrowth = cpuOne / cpuEight; // CPU time per event, 8 threads over 1 thread
        System.out.printf(Locale.ROOT, "edge CPU per event 8 threads vs 1: measured ratio %.2f (target ≤ 1.25: no lock contention) %s%n",
                cpuGrowth, cpuGrowth <= 1.25 ? "MET" : "NOT MET");
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String format(List<Double> v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(b.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%,.0f", d));
        }
        return b.toString();
    }
}
