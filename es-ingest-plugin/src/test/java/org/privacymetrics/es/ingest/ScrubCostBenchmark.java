package org.privacymetrics.es.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.privacymetrics.core.pii.PiiScanner;

/**
 * Where {@link HostileShapesBenchmarkIT}'s bulk figures exceed the detector benchmark's: CPU time per KiB of one
 * {@code privacy_scrub} run (default configuration: every detector, redact) on an event whose {@code event} carries a
 * shape, next to one {@link PiiScanner#scan} of the same value (what the detector benchmark times), both against plain
 * text of the same size, in this thread's CPU time (medians of 7 batches, shape and plain alternating). Also prints the
 * length the scrub leaves: a value redaction grows past 32,766 bytes is refused by the mapper after the scrub.
 * <pre>
 * mvn -B -ntp -q -o -pl es-ingest-plugin -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * java -cp es-ingest-plugin/target/test-classes:es-ingest-plugin/target/classes:$(cat es-ingest-plugin/target/bench-classpath.txt) \
 *     org.privacymetrics.es.ingest.ScrubCostBenchmark [bytes, default 32766]
 * </pre>
 */
public final class ScrubCostBenchmark {

    private static long sink;
    private static final String REFUSED = "(refused)";

    private ScrubCostBenchmark() {
    }

    public static void main(String[] args) {
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
        int bytes = args.length > 0 ? Integer.parseInt(args[0]) : PrivacyScrubProcessor.MAX_KEYWORD_BYTES;
        PrivacyScrubProcessor scrub = new PrivacyScrubProcessor.Factory(new IngestStats()).create(Map.of(), "bench", null, new HashMap<>());
        List<HostileShapes.Shape> shapes = HostileShapes.SHAPES;
        String plain = shapes.get(0).ofUtf8Bytes(bytes);
        // warm-up over every shape, both paths
        for (int w = 0; w < 3; w++) {
            for (HostileShapes.Shape s : shapes) {
                String v = s.ofUtf8Bytes(bytes);
                sink += PiiScanner.scan(v).size() + scrubbed(scrub, v).length();
            }
        }
        System.out.printf(Locale.ROOT, "%-28s %9s %6s %9s %6s %10s %9s%n", "shape @ " + bytes + " bytes", "scan us/K", "x", "scrub us/K",
                "x", "scrub/scan", "stored");
        for (HostileShapes.Shape s : shapes) {
            String v = s.ofUtf8Bytes(bytes);
            double kib = HostileShapes.utf8(v) / 1024.0;
            double plainKib = HostileShapes.utf8(plain) / 1024.0;
            double[] scan = alternate(() -> PiiScanner.scan(v).size(), () -> PiiScanner.scan(plain).size());
            double[] scrubbed = alternate(() -> scrubbed(scrub, v).length(), () -> scrubbed(scrub, plain).length());
            String after = scrubbed(scrub, v);
            System.out.printf(Locale.ROOT, "%-28s %9.1f %6.2f %9.1f %6.2f %10.2f %9s%n", s.name(), scan[0] / 1e3 / kib,
                    (scan[0] / kib) / (scan[1] / plainKib), scrubbed[0] / 1e3 / kib, (scrubbed[0] / kib) / (scrubbed[1] / plainKib),
                    scrubbed[0] / scan[0], after == REFUSED ? "refused" : String.valueOf(HostileShapes.utf8(after)));
        }
        System.out.println("x = per KiB against plain text; stored = UTF-8 bytes of the value after the scrub (refused: over a keyword once redacted)");
    }

    /** The value of {@code event} after one scrub of an event carrying {@code value}. */
    private static String scrubbed(PrivacyScrubProcessor scrub, String value) {
        Map<String, Object> source = TestEvents.valid();
        source.put("event", value);
        IngestDocument doc = new IngestDocument(".privacy-metrics-events-2026-10", "1", 1, null, VersionType.INTERNAL, source);
        try {
            return String.valueOf(scrub.execute(doc).getSource().get("event"));
        } catch (IllegalArgumentException refused) {
            return REFUSED; // value_too_long once redacted: the scrub's work up to the refusal is what is timed
        }
    }

    /** Median CPU nanoseconds per call of {@code shape} and of {@code plain}, in alternating batches. */
    private static double[] alternate(Supplier<Integer> shape, Supplier<Integer> plain) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] a = new double[7];
        double[] b = new double[7];
        int batch = 10;
        for (int r = 0; r < 7; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                sink += shape.get();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                sink += plain.get();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            a[r] = (t1 - t0) / (double) batch;
            b[r] = (t2 - t1) / (double) batch;
        }
        Arrays.sort(a);
        Arrays.sort(b);
        return new double[] {a[3], b[3]};
    }
}
