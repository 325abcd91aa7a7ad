package org.privacymetrics.core.pii;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link DetectorBenchmark}'s shapes, each pass of {@link PiiScanner#scan} timed alone (ns per character, thread CPU
 * time, median of 7 batches after a warm-up), at 1 to 32 KiB, and the whole scan: where a shape's time goes, and whether
 * a pass's cost per character grows with the size. Passes: {@code prep} (the copy, {@link Fold} and {@link Decode}, as
 * {@link #prepare}: {@code PiiScanner.Reading}), {@code census}, {@code token}, {@code email}, {@code ip},
 * {@code ip.lab} (IPv4 after an address word, {@link IpDetector#labeled}), {@code digits} (the four digit detectors in
 * one {@link DigitScanner} pass), {@code labels} (numbers after a label, {@link LabeledNumbers}), each on the prepared
 * text, whether or not the census would run it; {@code 2nd.of}
 * (building the second reading, {@link SecondReading#of}, from the prepared first reading) and {@code 2nd.scan} (the
 * detectors on its windows, {@code PiiScanner.secondFindings}), zero for a value without a second reading.
 * <p>
 * By default the same input each time, as {@link DetectorBenchmark} times it. {@code rotate}: 16 different inputs of
 * each size (slices of one longer one; sizes up to 128 KiB), in turn: a branch predictor learns the branches of one
 * random input of a few KiB scanned again and again, so that a shape of random characters looks cheaper per KiB at
 * 1 KiB than at 32 KiB when it is not.
 * <pre>
 * mvn -B -ntp -q -pl privacy-metrics-core -Pbench test-compile exec:exec -Dbench.args="passes [rotate] [shape-prefix…]"
 * </pre>
 */
public final class PassBreakdown {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static long sink;

    private PassBreakdown() {
    }

    interface Pass {
        void run(String input, char[] folded, Prepared prepared);
    }

    /** An input's first reading ({@code PiiScanner.Reading}) and its second reading ({@link SecondReading}, or null). */
    record Prepared(PiiScanner.Reading reading, SecondReading second) {
        static Prepared of(String str) {
            char[] chars = str.toCharArray();
            PiiScanner.Reading r = PiiScanner.Reading.of(str, chars);
            return new Prepared(r, r.fold() == null ? null : SecondReading.of(r.fold(), r.folded(), ALL));
        }
    }

    private static final java.util.Set<PiiKind> ALL = java.util.EnumSet.allOf(PiiKind.class);

    public static void main(String[] args) {
        boolean rotate = java.util.Arrays.asList(args).contains("rotate");
        args = java.util.Arrays.stream(args).filter(a -> !a.equals("rotate")).toArray(String[]::new);
        int[] sizes = rotate ? new int[] {1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072}
                : new int[] {1024, 2048, 4096, 8192, 16384, 32768};
        String[] names = {"prep", "census", "token", "email", "ip", "ip.lab", "digits", "labels", "2nd.of", "2nd.scan",
            "scan"};
        Pass[] passes = {
            (in, f, p) -> sink += prepare(in).length,
            (in, f, p) -> sink += PiiCensus.of(f).hashCode(),
            (in, f, p) -> { Findings o = new Findings(); TokenDetector.scan(f, o); sink += o.count(); },
            (in, f, p) -> { Findings o = new Findings(); EmailDetector.scan(f, o); sink += o.count(); },
            (in, f, p) -> { Findings o = new Findings(); IpDetector.scan(f, true, true, o); sink += o.count(); },
            (in, f, p) -> { Findings o = new Findings(); IpDetector.labeled(f, o); sink += o.count(); },
            (in, f, p) -> { Findings o = new Findings(); DigitScanner.scan(new Text(f), true, true, true, true, o); sink += o.count(); },
            (in, f, p) -> { Findings o = new Findings(); LabeledNumbers.scan(f, true, true, true, o); sink += o.count(); },
            // the second reading (SecondReading): building it from the first reading, and scanning its windows
            (in, f, p) -> {
                PiiScanner.Reading r = p.reading();
                SecondReading s = r.fold() == null ? null : SecondReading.of(r.fold(), r.folded(), ALL);
                sink += s == null ? 0 : s.chars().length;
            },
            (in, f, p) -> sink += p.second() == null ? 0 : PiiScanner.secondFindings(p.second()).count(),
            (in, f, p) -> sink += PiiScanner.scan(in).size(),
        };
        for (DetectorBenchmark.Shape shape : DetectorBenchmark.SHAPES) {
            boolean wanted = args.length == 0 || shape.name().startsWith("plain");
            for (String a : args) {
                wanted |= shape.name().startsWith(a);
            }
            if (!wanted) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%s (ns/char)%n%8s", shape.name(), "size");
            for (String n : names) {
                System.out.printf(Locale.ROOT, " %7s", n);
            }
            System.out.println();
            for (int size : sizes) {
                // rotate: 16 different inputs of the size (slices of one long one), so that the branch predictor cannot
                // learn one input's branches by heart (it does, for a random input of a few KiB repeated).
                int pool = rotate ? 16 : 1;
                String all = shape.make(size * pool);
                String[] in = new String[pool];
                char[][] f = new char[pool][];
                Prepared[] pr = new Prepared[pool];
                for (int k = 0; k < pool; k++) {
                    in[k] = all.substring(k * size, (k + 1) * size);
                    f[k] = prepare(in[k]);
                    pr[k] = Prepared.of(in[k]);
                }
                System.out.printf(Locale.ROOT, "%8d", size);
                for (Pass p : passes) {
                    System.out.printf(Locale.ROOT, " %7.2f", time(p, in, f, pr) / size);
                }
                System.out.println();
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    /** The text as the detectors read it (the first reading of {@code PiiScanner.find}). */
    static char[] prepare(String str) {
        char[] chars = str.toCharArray();
        return PiiScanner.Reading.of(str, chars).text(chars);
    }

    /** Median over 7 rounds of CPU ns per run, each round ~40 ms. */
    static double time(Pass p, String[] in, char[][] f, Prepared[] pr) {
        long end = System.nanoTime() + 150_000_000L;
        int x = 0;
        while (System.nanoTime() < end) {
            p.run(in[x % in.length], f[x % in.length], pr[x % in.length]);
            x++;
        }
        int batch = Math.max(in.length, 400_000 / in[0].length());
        double[] r = new double[7];
        for (int k = 0; k < r.length; k++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                p.run(in[i % in.length], f[i % in.length], pr[i % in.length]);
            }
            r[k] = (CPU.getCurrentThreadCpuTime() - t0) / (double) batch;
        }
        java.util.Arrays.sort(r);
        return r[r.length / 2];
    }
}
