package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Benchmark of issue 13's contract on the real node (not part of the normal build: the class is disabled, and the shared
 * node not even started for it, unless {@code -Dhostile.bench=true}): the detector benchmark's hostile shapes
 * ({@link HostileShapes}, a copy of {@code DetectorBenchmark}'s) in the free-text field {@code event} of events sent by
 * the shipped writer role ({@code pm-writer}, {@code docs/roles.yml} as shipped, security on) to the intake
 * {@code metrics-events}, against plain English text of the same UTF-8 size, at 1 KiB, 8 KiB and 32,766 bytes (the
 * longest keyword Lucene indexes, so the longest value the mapping accepts). End to end: HTTP, authentication, JSON,
 * the routing and final pipelines (scrub with every detector, re-key, dedupe), indexing.
 * <ol>
 *   <li>Single-document ingest ({@code POST metrics-events/_doc}): per shape and size, {@code pairs} requests of each
 *   side, plain and shape alternating (the order flips every pair), so both sides come from the same minutes; the
 *   median request's wall time per KiB of the value, and its ratio to plain text.</li>
 *   <li>Bulk ({@code _bulk} of {@code bulk} documents carrying the same value, the detector's largest share): per shape
 *   and size, {@code rounds} bulks of each side, alternating; medians, ratio; next to it the ratio of the node's CPU
 *   time (all rounds), which the other processes of a shared machine disturb less.</li>
 *   <li>Latency of an ordinary small event (one every 100 ms) while {@code threads} clients stream bulks of 32 KiB
 *   documents: with every hostile shape in turn, with plain text, and with no stream; phases alternate; p50/p99.</li>
 * </ol>
 * Values that a detector finds are redacted; a document the node refuses is reported next to its shape's row (its time
 * then is not the cost of storing it). Plain text must always be stored.
 * <pre>
 * scripts/bench.sh hostile
 * mvn -B -ntp -o -pl es-ingest-plugin -am verify -Dit.test=HostileShapesBenchmarkIT -Dhostile.bench=true -Dtest=NONE \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false [-Dhostile.bench.pairs=15]
 *     [-Dhostile.bench.bulk=100 -Dhostile.bench.rounds=5] [-Dhostile.bench.sizes=1024,8192,32766]
 *     [-Dhostile.bench.shapes=ghp_,random] [-Dhostile.bench.threads=3 -Dhostile.bench.stream.seconds=20]
 * </pre>
 * Events are of a day of 2025-01 (the module's node keeps 36,500 days); they stay in the node's data directory, which
 * the next node start deletes.
 */
@EnabledIfSystemProperty(named = "hostile.bench", matches = "true", disabledReason = "benchmark: run with -Dhostile.bench=true")
@ExtendWith(ElasticsearchNodeExtension.class)
class HostileShapesBenchmarkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "HOSTILE-BENCH ";
    private static final double TARGET = 3.0;

    private final int pairs = Integer.getInteger("hostile.bench.pairs", 15);
    private final int bulkDocs = Integer.getInteger("hostile.bench.bulk", 100);
    private final int rounds = Integer.getInteger("hostile.bench.rounds", 5);
    private final int threads = Integer.getInteger("hostile.bench.threads", 3);
    private final int streamBulk = Integer.getInteger("hostile.bench.stream.bulk", 10);
    private final int streamSeconds = Integer.getInteger("hostile.bench.stream.seconds", 20);
    private final int streamRounds = Integer.getInteger("hostile.bench.stream.rounds", 2);
    private final int[] sizes = Arrays.stream(System.getProperty("hostile.bench.sizes", "1024,8192,32766").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();

    private NodeHttp writer;
    private long nodePid;
    /** Per shape: documents the node refused, by error type (never the value). */
    private final Map<String, Map<String, Integer>> refused = new ConcurrentHashMap<>();
    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    @Test
    void hostileShapesCostNoMoreThanThreeTimesPlainTextPerKib(NodeHttp http) throws Exception {
        nodePid = JSON.readTree(http.get("/_nodes/_local/process?filter_path=nodes.*.process.id").assertSuccess().body())
                .path("nodes").elements().next().path("process").path("id").asLong();
        writer = http.withBasicAuth("pm-writer", "pm-writer-pw").withTimeout(Duration.ofMinutes(5));
        HostileShapes.Shape plain = HostileShapes.SHAPES.get(0);
        List<HostileShapes.Shape> shapes = selectedShapes();
        String load = loadAverage();

        // Warm-up of every path and shape (JIT of every detector's paths, the epoch index's creation).
        for (int size : sizes) {
            for (HostileShapes.Shape shape : shapes) {
                String value = json(shape.ofUtf8Bytes(size));
                single(shape.name(), size, value);
                bulk(shape.name(), size, value, Math.min(bulkDocs, 20));
            }
        }
        refused.clear();

        RatioTable singles = new RatioTable("single-document ingest, median request", sizes);
        RatioTable bulks = new RatioTable("_bulk of " + bulkDocs + " documents, median bulk", sizes);
        for (HostileShapes.Shape shape : shapes) {
            for (int size : sizes) {
                String plainValue = json(plain.ofUtf8Bytes(size));
                String shapeValue = json(shape.ofUtf8Bytes(size));
                double kib = HostileShapes.utf8(shape.ofUtf8Bytes(size)) / 1024.0;
                double plainKib = HostileShapes.utf8(plain.ofUtf8Bytes(size)) / 1024.0;
                long[] p = new long[pairs];
                long[] s = new long[pairs];
                long[] cpu = new long[2]; // node CPU ms of all plain, all shape requests
                for (int i = 0; i < pairs; i++) {
                    for (int k = 0; k < 2; k++) {
                        long cpu0 = nodeCpuMillis();
                        if ((i + k) % 2 == 0) {
                            p[i] = single(plain.name(), size, plainValue);
                            cpu[0] += nodeCpuMillis() - cpu0;
                        } else {
                            s[i] = single(shape.name(), size, shapeValue);
                            cpu[1] += nodeCpuMillis() - cpu0;
                        }
                    }
                }
                singles.add(shape.name(), size, median(s) / 1e3 / kib, median(p) / 1e3 / plainKib, cpuRatio(cpu, kib, plainKib));
                long[] bp = new long[rounds];
                long[] bs = new long[rounds];
                cpu = new long[2];
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 2; k++) {
                        long cpu0 = nodeCpuMillis();
                        if ((r + k) % 2 == 0) {
                            bp[r] = bulk(plain.name(), size, plainValue, bulkDocs);
                            cpu[0] += nodeCpuMillis() - cpu0;
                        } else {
                            bs[r] = bulk(shape.name(), size, shapeValue, bulkDocs);
                            cpu[1] += nodeCpuMillis() - cpu0;
                        }
                    }
                }
                bulks.add(shape.name(), size, median(bs) / 1e3 / (kib * bulkDocs), median(bp) / 1e3 / (plainKib * bulkDocs),
                        cpuRatio(cpu, kib, plainKib));
            }
            System.out.println(PREFIX + "done " + shape.name());
        }
        assertThat(refused.get(plain.name())).as("plain text is always stored").isNull();

        Latency latency = latencies(shapes.subList(1, shapes.size()), plain);

        System.out.println(PREFIX + "=== hostile shapes on a real node: field [event] of events sent as pm-writer to metrics-events;"
                + " wall time per KiB of the value (shape, plain text of the same size measured alternately, ratio) ===");
        System.out.printf(Locale.ROOT, PREFIX + "pairs=%d bulk=%d rounds=%d sizes=%s load average at start %s, at end %s%n",
                pairs, bulkDocs, rounds, Arrays.toString(sizes), load, loadAverage());
        for (RatioTable table : List.of(singles, bulks)) {
            table.lines((shape, size) -> refused.getOrDefault(shape, Map.of()).keySet().stream().anyMatch(k -> k.startsWith(size + " bytes")))
                    .forEach(line -> System.out.println(PREFIX + line));
        }
        latency.print();
        refused.forEach((name, errors) -> System.out.println(PREFIX + "refused [" + name + "]: " + new TreeMap<>(errors)));
        new TreeMap<>(reasons).forEach((what, reason) -> System.out.println(PREFIX + "  first reason [" + what + "]: " + reason));
        verdict("hostile single-document (worst shape " + singles.worstName + ", wall time per KiB vs plain text)", singles.worst);
        verdict("hostile bulk (worst shape " + bulks.worstName + ", wall time per KiB vs plain text)", bulks.worst);
        verdict("hostile bulk node CPU (worst shape " + bulks.worstCpuName + ", node CPU per KiB vs plain text)", bulks.worstCpu);
        verdict("hostile latency (p99 of an ordinary event during a hostile vs a plain 32 KiB stream)", latency.ratio());
    }

    /** Node CPU per KiB of the shape's side over the plain side's; NaN when the clock did not tick on the plain side. */
    private static double cpuRatio(long[] cpu, double kib, double plainKib) {
        return cpu[0] <= 0 || cpu[1] < 0 ? Double.NaN : cpu[1] * plainKib / (cpu[0] * kib);
    }

    private static void verdict(String name, double ratio) {
        System.out.printf(Locale.ROOT, "%s: measured ratio %.2f (target <= %.0f) %s%n", name, ratio, TARGET, ratio <= TARGET ? "MET" : "NOT MET");
    }

    private List<HostileShapes.Shape> selectedShapes() {
        String filter = System.getProperty("hostile.bench.shapes", "").trim();
        List<HostileShapes.Shape> out = new ArrayList<>();
        out.add(HostileShapes.SHAPES.get(0));
        for (HostileShapes.Shape s : HostileShapes.SHAPES.subList(1, HostileShapes.SHAPES.size())) {
            if (filter.isEmpty() || Arrays.stream(filter.split(",")).anyMatch(f -> s.name().contains(f.trim()))) {
                out.add(s);
            }
        }
        return out;
    }

    // ---- requests ----

    /** One event whose {@code event} field is {@code jsonValue} (a JSON string literal); new ids every time. */
    private static String event(String jsonValue) {
        ThreadLocalRandom r = ThreadLocalRandom.current(); // test ids, not production randomness
        return "{\"@timestamp\":\"2025-01-15T10:15:30Z\",\"event_id\":\"" + UUID.randomUUID() + "\",\"service\":\"hostile-bench\","
                + "\"event\":" + jsonValue + ",\"metrics_id\":\"" + String.format(Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong())
                + "\",\"metrics_epoch\":\"2025-01\",\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\"}";
    }

    private static String json(String value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    private static String bulkBody(String jsonValue, int docs) {
        StringBuilder b = new StringBuilder(docs * (jsonValue.length() + 300));
        for (int i = 0; i < docs; i++) {
            b.append("{\"create\":{\"_index\":\"metrics-events\"}}\n").append(event(jsonValue)).append('\n');
        }
        return b.toString();
    }

    /** Sends one event alone; returns the request's wall nanoseconds (the body is built before the clock starts). */
    private long single(String shape, int size, String jsonValue) throws Exception {
        String body = event(jsonValue);
        long t0 = System.nanoTime();
        NodeHttp.Response r = writer.post("/metrics-events/_doc", body);
        long nanos = System.nanoTime() - t0;
        if (r.status() != 201) {
            JsonNode error = JSON.readTree(r.body()).path("error");
            countRefused(shape, size, r.status(), error.path("type").asText(), error.path("reason").asText());
        }
        return nanos;
    }

    /** Sends one bulk of {@code docs} events carrying the value; returns its wall nanoseconds. */
    private long bulk(String shape, int size, String jsonValue, int docs) throws Exception {
        String body = bulkBody(jsonValue, docs);
        long t0 = System.nanoTime();
        NodeHttp.Response r = writer.bulk("/_bulk", body).assertSuccess();
        long nanos = System.nanoTime() - t0;
        checkItems(shape, size, r);
        return nanos;
    }

    private void checkItems(String shape, int size, NodeHttp.Response r) throws Exception {
        if (r.body().startsWith("{\"errors\":false")) {
            return;
        }
        JsonNode tree = JSON.readTree(r.body());
        if (!tree.path("errors").asBoolean()) {
            return;
        }
        for (JsonNode item : tree.path("items")) {
            JsonNode result = item.elements().next();
            if (result.path("status").asInt() >= 300) {
                JsonNode error = result.path("error");
                countRefused(shape, size, result.path("status").asInt(), error.path("type").asText(), error.path("reason").asText());
            }
        }
    }

    /** Counts a refusal by shape, size and error; the first reason of each is kept (the node's message, cut short). */
    private void countRefused(String shape, int size, int status, String type, String reason) {
        String key = size + " bytes: " + status + " " + type;
        refused.computeIfAbsent(shape, k -> new ConcurrentHashMap<>()).merge(key, 1, Integer::sum);
        reasons.putIfAbsent(shape + " / " + key, reason.length() > 160 ? reason.substring(0, 160) + "..." : reason);
    }

    /**
     * CPU time the node's process (all its threads) has used so far, in milliseconds, from {@code /proc/<pid>/stat}
     * (10 ms ticks): {@code _nodes/stats} caches its process figures for a second, too long for one request. -1 when
     * unreadable (not Linux).
     */
    private long nodeCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + nodePid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(3) ... utime(14) stime(15), i.e. indices 11 and 12 here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
        } catch (Exception e) {
            return -1;
        }
    }

    /** USER_HZ of /proc's CPU times: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final long CLOCK_TICKS = 100;

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    // ---- latency of an ordinary event during a stream of 32 KiB documents ----

    private record Phase(String name, List<Long> latencies, long streamDocs, double seconds) {
    }

    private record Latency(List<Phase> phases) {
        List<Long> of(String name) {
            List<Long> all = new ArrayList<>();
            phases.stream().filter(p -> p.name().equals(name)).forEach(p -> all.addAll(p.latencies()));
            all.sort(null);
            return all;
        }

        double ratio() {
            return percentile(of("hostile"), 0.99) / percentile(of("plain"), 0.99);
        }

        void print() {
            System.out.println(PREFIX + "latency of an ordinary event (one every 100 ms) while clients stream bulks of 32 KiB documents:");
            System.out.printf(Locale.ROOT, PREFIX + "  %-18s %7s %9s %9s %9s %12s%n", "stream", "events", "p50 ms", "p99 ms", "max ms", "stream docs/s");
            for (String name : List.of("none", "plain", "hostile")) {
                List<Long> l = of(name);
                double docs = phases.stream().filter(p -> p.name().equals(name)).mapToLong(Phase::streamDocs).sum();
                double secs = phases.stream().filter(p -> p.name().equals(name)).mapToDouble(Phase::seconds).sum();
                System.out.printf(Locale.ROOT, PREFIX + "  %-18s %7d %9.1f %9.1f %9.1f %12.1f%n", name, l.size(), percentile(l, 0.5) / 1e6,
                        percentile(l, 0.99) / 1e6, l.isEmpty() ? Double.NaN : l.get(l.size() - 1) / 1e6, docs / secs);
            }
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private Latency latencies(List<HostileShapes.Shape> hostile, HostileShapes.Shape plain) throws Exception {
        int size = sizes[sizes.length - 1];
        List<String> hostileValues = new ArrayList<>();
        for (HostileShapes.Shape s : hostile) {
            hostileValues.add(json(s.ofUtf8Bytes(size)));
        }
        List<String> plainValues = List.of(json(plain.ofUtf8Bytes(size)));
        List<Phase> phases = new ArrayList<>();
        phases.add(phase("none", List.of()));
        for (int r = 0; r < streamRounds; r++) {
            if (r % 2 == 0) {
                phases.add(phase("plain", plainValues));
                phases.add(phase("hostile", hostileValues));
            } else {
                phases.add(phase("hostile", hostileValues));
                phases.add(phase("plain", plainValues));
            }
        }
        return new Latency(phases);
    }

    /** {@code threads} clients send bulks cycling through {@code values} while a probe times ordinary events. */
    private Phase phase(String name, List<String> values) throws Exception {
        int size = sizes[sizes.length - 1];
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong docs = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < (values.isEmpty() ? 0 : threads); t++) {
            int offset = t;
            Thread sender = new Thread(() -> {
                int next = offset;
                while (!stop.get()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < streamBulk; i++) {
                        b.append("{\"create\":{\"_index\":\"metrics-events\"}}\n").append(event(values.get(next++ % values.size()))).append('\n');
                    }
                    try {
                        checkItems(name + " stream", size, writer.bulk("/_bulk", b.toString()).assertSuccess());
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    docs.addAndGet(streamBulk);
                }
            }, "hostile-stream-" + t);
            sender.start();
            senders.add(sender);
        }
        Thread.sleep(values.isEmpty() ? 0 : 2_000); // the stream under way before the first probe
        List<Long> latencies = new ArrayList<>();
        long docs0 = docs.get();
        long t0 = System.nanoTime();
        long end = t0 + (values.isEmpty() ? streamSeconds / 2 : streamSeconds) * 1_000_000_000L;
        String ordinary = json("login");
        while (System.nanoTime() < end) {
            String body = event(ordinary);
            long s = System.nanoTime();
            NodeHttp.Response r = writer.post("/metrics-events/_doc", body);
            latencies.add(System.nanoTime() - s);
            assertThat(r.status()).as("an ordinary event is stored: %s", r).isEqualTo(201);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long streamed = docs.get() - docs0;
        stop.set(true);
        for (Thread t : senders) {
            t.join(Duration.ofMinutes(5));
        }
        assertThat(failure.get()).as("the stream's bulks were answered").isNull();
        latencies.sort(null);
        System.out.printf(Locale.ROOT, PREFIX + "phase %s: %d events, p50 %.1f ms, p99 %.1f ms, stream %.1f docs/s%n", name,
                latencies.size(), percentile(latencies, 0.5) / 1e6, percentile(latencies, 0.99) / 1e6, streamed / seconds);
        return new Phase(name, latencies, streamed, seconds);
    }
}
