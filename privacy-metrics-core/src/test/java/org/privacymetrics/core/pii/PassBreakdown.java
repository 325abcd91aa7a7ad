package org.privacymetrics.core.pii;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link DetectorBenchmark}'s shapes, each pass of {@link PiiScanner#scan} timed alone (ns per character, thread CPU
 * time, median of 7 batches after a warm-up), at 1 to 32 KiB, and the whole scan: where a shape's time goes, and whether
 * a pass's cost per character grows with the size. Passes: {@code prep} (the copy, {@link Fold} and {@link Decode}, as
 * {@link #prepare} repeats them from {@code PiiScanner.find}), {@code census}, {@code token}, {@code email}, {@code ip},
 * {@code digits} (the four digit detectors in one {@link DigitScanner} pass), each on the prepared text.
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
        void run(String input, char[] folded);
    }

    public static void main(String[] args) {
        boolean rotate = java.util.Arrays.asList(args).contains("rotate");
        args = java.util.Arrays.stream(args).filter(a -> !a.equals("rotate")).toArray(String[]::new);
        int[] sizes = rotate ? new int[] {1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072}
                : new int[] {1024, 2048, 4096, 8192, 16384, 32768};
        String[] names = {"prep", "census", "token", "email", "ip", "digits", "scan"};
        Pass[] passes = {
            (in, f) -> sink += prepare(in).length,
            (in, f) -> sink += PiiCensus.of(f).hashCode(),
            (in, f) -> { Findings o = new Findings(); TokenDetector.scan(f, o); sink += o.count(); },
            (in, f) -> { Findings o = new Findings(); EmailDetector.scan(f, o); sink += o.count(); },
            (in, f) -> { Findings o = new Findings(); IpDetector.scan(f, o); sink += o.count(); },
            (in, f) -> { Findings o = new Findings(); DigitScanner.scan(new Text(f), true, true, true, true, o); sink += o.count(); },
            (in, f) -> sink += PiiScanner.scan(in).size(),
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
                for (int k = 0; k < pool; k++) {
                    in[k] = all.substring(k * size, (k + 1) * size);
                    f[k] = prepare(in[k]);
                }
                System.out.printf(Locale.ROOT, "%8d", size);
                for (Pass p : passes) {
                    System.out.printf(Locale.ROOT, " %7.2f", time(p, in, f) / size);
                }
                System.out.println();
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    /** The text as the detectors read it: {@code PiiScanner.find}'s first steps (keep the two alike). */
    static char[] prepare(String str) {
        char[] chars = str.toCharArray();
        boolean escapes = Fold.mayHaveEscapes(str);
        Fold.Folded folded = null;
        if (Fold.hasNonAscii(chars)) {
            folded = Fold.apply(chars);
            if (escapes) {
                folded = Decode.apply(folded);
            }
        } else if (escapes) {
            folded = Decode.apply(new Fold.Folded(chars, null, null));
        }
        return folded == null ? chars : folded.s();
    }

    /** Median over 7 rounds of CPU ns per run, each round ~40 ms. */
    static double time(Pass p, String[] in, char[][] f) {
        long end = System.nanoTime() + 150_000_000L;
        int x = 0;
        while (System.nanoTime() < end) {
            p.run(in[x % in.length], f[x % in.length]);
            x++;
        }
        int batch = Math.max(in.length, 400_000 / in[0].length());
        double[] r = new double[7];
        for (int k = 0; k < r.length; k++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                p.run(in[i % in.length], f[i % in.length]);
            }
            r[k] = (CPU.getCurrentThreadCpuTime() - t0) / (double) batch;
        }
        java.util.Arrays.sort(r);
        return r[r.length / 2];
    }
}
