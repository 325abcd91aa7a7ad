package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Benchmark (not part of the normal build: runs only with {@code -Drollup.bench=true}): the noised rollup run (one pass:
 * the {@code privacy_bounded_rollup} aggregation over the routed epoch index) against the paged composite aggregation
 * over the same grouping (metrics_id, service, event, device; page 5000, paged to the end over REST; no bounding, noise or
 * ledger) over the same index, interleaved, in the same run on the same node, at growing sizes.
 *
 * <p>Events are written as clients write them: through the intake {@code metrics-events} as the shipped writer role
 * (full pipeline: route, scrub, re-key, dedupe, routing by the re-keyed id), in the past epoch 2025-03 (the test node keeps
 * 36500 days), by parallel bulks without {@code ?refresh} (the last bulk refreshes). Sizes are cumulative: each size
 * adds new users to the same epoch index, 10 events per user.
 *
 * <pre>
 * mvn -o -pl es-ingest-plugin verify -Dit.test=RollupBenchmarkIT -Drollup.bench=true -Dprivacy.es.heap=1g \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Drollup.bench.sizes=2000000:200000,5000000:500000,8000000:800000]
 *     [-Drollup.bench.rounds=2 -Drollup.bench.threads=3 -Drollup.bench.shards=2]
 * </pre>
 * It prints {@code ROLLUP-BENCH} lines: per size both sides' times, the ratio of the best times, peak sampled heap;
 * then the one-pass growth from the first to the last size.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class RollupBenchmarkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SERVICES = {"sync", "hello", "readinglist"};
    private static final String[] EVENTS = {"signup", "login", "call", "save_item"};
    private static final String[] DEVICES = {"mobile", "tablet", "desktop", "bot", "unknown"};
    private static final String EPOCH = "2025-03";
    private static final String INDEX = ".privacy-metrics-events-2025-03";
    private static final int PAGE = 5000;
    private static final int BULK = 5000;

    private static JsonNode json(NodeHttp.Response r) throws Exception {
        return JSON.readTree(r.assertSuccess().body());
    }

    record Size(long events, int users) {}

    static List<Size> sizes() {
        List<Size> out = new ArrayList<>();
        for (String s : System.getProperty("rollup.bench.sizes", "2000000:200000,5000000:500000,8000000:800000").split(",")) {
            String[] p = s.trim().split(":");
            out.add(new Size(Long.parseLong(p[0]), Integer.parseInt(p[1])));
        }
        return out;
    }

    @Test
    void onePassVersusPagedComposite(NodeHttp http) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("rollup.bench"), "benchmark: run with -Drollup.bench=true");
        List<Size> sizes = sizes();
        int rounds = Integer.getInteger("rollup.bench.rounds", 2);
        int threads = Integer.getInteger("rollup.bench.threads", 3);
        int shards = Integer.getInteger("rollup.bench.shards", 2);
        NodeHttp writer = http.withBasicAuth("pm-writer", "pm-writer-pw").withTimeout(Duration.ofMinutes(10));
        NodeHttp admin = http.withBasicAuth("pm-admin", "pm-admin-pw").withTimeout(Duration.ofMinutes(30));

        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": 64,"
            + " \"privacy_metrics.events.number_of_shards\": " + shards + "}}").assertSuccess();
        http.put("/_privacy/rollup/job/bench", """
            {"window": "month",
             "dimensions": {"service": ["sync", "hello", "readinglist"], "event": ["signup", "login", "call", "save_item"],
                            "device": ["mobile", "tablet", "desktop", "bot", "unknown"]},
             "measures": {"users": {"epsilon": 0.5}, "events": {"epsilon": 0.3, "max_per_key": 5},
                          "multi_service_users": {"epsilon": 0.2}},
             "max_keys_per_user": 4}""").assertSuccess();

        SplittableRandom rnd = new SplittableRandom(42);
        long loadedEvents = 0;
        int loadedUsers = 0;
        List<double[]> summary = new ArrayList<>();
        try {
            for (Size size : sizes) {
                long added = size.events() - loadedEvents;
                long t0 = System.nanoTime();
                load(writer, rnd, loadedUsers, size.users(), size.events() - loadedEvents, threads);
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                loadedEvents = size.events();
                loadedUsers = size.users();
                long count = json(admin.get("/" + INDEX + "/_count")).get("count").asLong();
                assertThat(count).isEqualTo(size.events());
                int segments = json(admin.get("/" + INDEX + "/_stats/segments")).at("/_all/primaries/segments/count").asInt();
                System.out.printf(Locale.ROOT, "ROLLUP-BENCH load events=%d users=%d shards=%d segments=%d load_seconds=%.1f (%.0f events/s)%n",
                    size.events(), size.users(), shards, segments, loadSeconds, added / loadSeconds);

                List<Double> composite = new ArrayList<>();
                List<Double> onePass = new ArrayList<>();
                long[] compositeHeap = new long[1];
                long[] onePassHeap = new long[1];
                for (int round = 0; round < rounds; round++) {
                    compositeHeap[0] = Math.max(compositeHeap[0], sampleHeapDuring(http, () -> {
                        long start = System.nanoTime();
                        pagedComposite(admin);
                        composite.add((System.nanoTime() - start) / 1e9);
                    }));
                    String runId = "bench-" + size.events() + "-" + round;
                    onePassHeap[0] = Math.max(onePassHeap[0], sampleHeapDuring(http, () -> {
                        long start = System.nanoTime();
                        JsonNode res = json(admin.post("/_privacy/rollup/job/bench/_run",
                            "{\"window_start\": \"" + EPOCH + "-01\", \"run_id\": \"" + runId + "\"}"));
                        onePass.add((System.nanoTime() - start) / 1e9);
                        assertThat(res.get("results")).hasSize(121);
                    }));
                }
                double bestComposite = composite.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double bestOnePass = onePass.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                summary.add(new double[] {size.events(), bestOnePass, bestComposite});
                JsonNode jvm = json(http.get("/_nodes/_local/stats/jvm")).get("nodes").elements().next().path("jvm");
                System.out.printf(Locale.ROOT, "ROLLUP-BENCH events=%d users=%d composite_seconds=%s one_pass_seconds=%s%n",
                    size.events(), size.users(), composite, onePass);
                System.out.printf(Locale.ROOT, "ROLLUP-BENCH events=%d best composite=%.2fs best one_pass=%.2fs ratio=%.3f%n",
                    size.events(), bestComposite, bestOnePass, bestOnePass / bestComposite);
                System.out.printf(Locale.ROOT, "ROLLUP-BENCH events=%d heap max=%dMB sampled peak used: composite=%dMB one_pass=%dMB%n",
                    size.events(), jvm.at("/mem/heap_max_in_bytes").asLong() >> 20, compositeHeap[0] >> 20, onePassHeap[0] >> 20);
            }
            double[] first = summary.get(0);
            double[] last = summary.get(summary.size() - 1);
            System.out.printf(Locale.ROOT, "ROLLUP-BENCH growth events x%.2f: one_pass time x%.2f (linear x%.2f; target <= x%.2f),"
                    + " composite time x%.2f%n", last[0] / first[0], last[1] / first[1], last[0] / first[0], 1.2 * last[0] / first[0],
                last[2] / first[2]);
        } finally {
            http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": null,"
                + " \"privacy_metrics.events.number_of_shards\": null}}").assertSuccess();
        }
    }

    /**
     * Adds users {@code [fromUser, toUser)} with {@code events} events in total (each user 1-5 favourite keys of the
     * 60-key domain, its events spread over them and over the days of the epoch), in bulks of 5000 sent by
     * {@code threads} threads; the last bulk refreshes.
     */
    private static void load(NodeHttp writer, SplittableRandom rnd, int fromUser, int toUser, long events, int threads) throws Exception {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(threads * 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> senders = new ArrayList<>();
        String poison = "";
        for (int t = 0; t < threads; t++) {
            senders.add(pool.submit(() -> {
                while (true) {
                    String body = queue.take();
                    if (body.isEmpty()) {
                        return null;
                    }
                    send(writer, "/_bulk?filter_path=errors,items.*.error", body);
                }
            }));
        }
        try {
            StringBuilder bulk = new StringBuilder();
            int inBulk = 0;
            long written = 0;
            int users = toUser - fromUser;
            long perUser = events / users;
            for (int u = fromUser; u < toUser; u++) {
                int keys = 1 + rnd.nextInt(5);
                String[][] fav = new String[keys][];
                for (int k = 0; k < keys; k++) {
                    fav[k] = new String[] {SERVICES[rnd.nextInt(3)], EVENTS[rnd.nextInt(4)], DEVICES[rnd.nextInt(5)]};
                }
                long n = u == toUser - 1 ? events - written : perUser;
                for (long e = 0; e < n; e++) {
                    String[] key = fav[rnd.nextInt(keys)];
                    bulk.append("{\"create\":{\"_index\":\"metrics-events\"}}\n{\"@timestamp\":\"").append(EPOCH).append('-')
                        .append(String.format(Locale.ROOT, "%02d", 1 + rnd.nextInt(28))).append("T10:00:00Z\",\"event_id\":\"")
                        .append(new UUID(rnd.nextLong(), rnd.nextLong())).append("\",\"service\":\"").append(key[0])
                        .append("\",\"event\":\"").append(key[1]).append("\",\"device\":\"").append(key[2])
                        .append("\",\"metrics_id\":\"").append(String.format(Locale.ROOT, "%032x", u))
                        .append("\",\"metrics_epoch\":\"").append(EPOCH).append("\",\"metrics_key_id\":\"0badc0de\"}\n");
                    written++;
                    if (++inBulk == BULK && written < events) {
                        queue.put(bulk.toString());
                        bulk.setLength(0);
                        inBulk = 0;
                    }
                }
            }
            for (int t = 0; t < threads; t++) {
                queue.put(poison);
            }
            for (Future<?> f : senders) {
                f.get();
            }
            // the last bulk (1 to 5000 events), with a refresh of every shard the bulk touches (all of them: ids are spread over the shards)
            send(writer, "/_bulk?refresh=true&filter_path=errors,items.*.error", bulk.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void send(NodeHttp writer, String path, String body) throws Exception {
        NodeHttp.Response r = writer.bulk(path, body);
        JsonNode j = json(r);
        assertThat(j.get("errors").asBoolean()).as(r.body().length() > 2000 ? r.body().substring(0, 2000) : r.body()).isFalse();
    }

    /** The composite (metrics_id, service, event, device) over the window, paged to the end; no bounding, no noise. */
    private static void pagedComposite(NodeHttp admin) throws Exception {
        String after = null;
        long buckets = 0;
        while (true) {
            String body = "{\"size\": 0, \"track_total_hits\": false, \"query\": {\"bool\": {\"filter\": ["
                + "{\"range\": {\"@timestamp\": {\"gte\": \"" + EPOCH + "-01\", \"lt\": \"2025-04-01\"}}}]}},"
                + "\"aggs\": {\"c\": {\"composite\": {\"size\": " + PAGE + ", "
                + (after == null ? "" : "\"after\": " + after + ", ")
                + "\"sources\": [{\"u\": {\"terms\": {\"field\": \"metrics_id\"}}}, {\"d0\": {\"terms\": {\"field\": \"service\"}}},"
                + "{\"d1\": {\"terms\": {\"field\": \"event\"}}}, {\"d2\": {\"terms\": {\"field\": \"device\"}}}]}}}}";
            JsonNode r = json(admin.post("/" + INDEX + "/_search?request_cache=false", body));
            JsonNode c = r.at("/aggregations/c");
            int n = c.get("buckets").size();
            buckets += n;
            if (n == 0 || c.get("after_key") == null) {
                break;
            }
            after = c.get("after_key").toString();
        }
        assertThat(buckets).isGreaterThan(0);
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs body while sampling the node's heap_used every 100 ms; returns the largest sample. */
    private static long sampleHeapDuring(NodeHttp http, Body body) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong max = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                try {
                    JsonNode jvm = json(http.get("/_nodes/_local/stats/jvm")).get("nodes").elements().next().path("jvm");
                    max.accumulateAndGet(jvm.at("/mem/heap_used_in_bytes").asLong(), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            body.run();
        } finally {
            done.set(true);
            sampler.join();
        }
        return max.get();
    }
}
