package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Benchmark (not part of the normal build: runs only with {@code -Drollup.bench=true}): a noised rollup over 5M events of
 * 500k users against the plain composite aggregation over the same grouping (metrics_id + dimensions, same page size),
 * without bounding, noise or ledger, in the same run on the same node. Prints the figures for docs/benchmarks.md.
 *
 * <pre>
 * mvn -o -pl es-test-node,es-ingest-plugin verify -Dit.test=RollupBenchmarkIT -Drollup.bench=true \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Drollup.bench.users=500000 -Drollup.bench.events=5000000]
 * </pre>
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class RollupBenchmarkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SERVICES = {"sync", "hello", "readinglist"};
    private static final String[] EVENTS = {"signup", "login", "call", "save_item"};
    private static final String[] DEVICES = {"mobile", "tablet", "desktop", "bot", "unknown"};
    private static final String INDEX = "bench-rollup-events-2024.10.01";
    private static final int PAGE = 5000;

    private static JsonNode json(NodeHttp.Response r) throws Exception {
        return JSON.readTree(r.assertSuccess().body());
    }

    @Test
    void rollupVersusPlainComposite(NodeHttp http) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("rollup.bench"), "benchmark: run with -Drollup.bench=true");
        int users = Integer.getInteger("rollup.bench.users", 500_000);
        long events = Long.getLong("rollup.bench.events", 5_000_000L);

        http.put("/_index_template/bench-rollup", """
            {"index_patterns": ["bench-rollup-*"], "priority": 500,
             "template": {"settings": {"number_of_shards": 2, "number_of_replicas": 0, "refresh_interval": "-1"},
              "mappings": {"dynamic": "strict", "properties": {
                "@timestamp": {"type": "date"}, "service": {"type": "keyword"}, "event": {"type": "keyword"},
                "device": {"type": "keyword"}, "metrics_id": {"type": "keyword"}, "metrics_epoch": {"type": "keyword"}}}}}
            """).assertSuccess();
        http.delete("/" + INDEX);
        long t0 = System.nanoTime();
        // Each user has 1-5 favourite keys and spreads its events over them; 2% are heavy (10x events).
        SplittableRandom rnd = new SplittableRandom(42);
        long indexed = 0;
        StringBuilder bulk = new StringBuilder();
        int inBulk = 0;
        long perUser = events / users;
        for (int u = 0; u < users; u++) {
            int keys = 1 + rnd.nextInt(5);
            String[][] fav = new String[keys][];
            for (int k = 0; k < keys; k++) {
                fav[k] = new String[] {SERVICES[rnd.nextInt(3)], EVENTS[rnd.nextInt(4)], DEVICES[rnd.nextInt(5)]};
            }
            long n = u == users - 1 ? events - indexed : perUser;
            for (long e = 0; e < n; e++) {
                String[] key = fav[rnd.nextInt(keys)];
                bulk.append("{\"create\":{}}\n{\"@timestamp\":\"2024-10-").append(String.format("%02d", 1 + rnd.nextInt(28)))
                    .append("T10:00:00Z\",\"service\":\"").append(key[0]).append("\",\"event\":\"").append(key[1])
                    .append("\",\"device\":\"").append(key[2]).append("\",\"metrics_id\":\"").append(String.format("%032x", u))
                    .append("\",\"metrics_epoch\":\"2024-10\"}\n");
                indexed++;
                if (++inBulk == 10_000) {
                    send(http, bulk);
                    bulk.setLength(0);
                    inBulk = 0;
                }
            }
        }
        if (inBulk > 0) {
            send(http, bulk);
        }
        http.post("/" + INDEX + "/_refresh", null).assertSuccess();
        http.post("/" + INDEX + "/_forcemerge?max_num_segments=1", null).assertSuccess();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long count = json(http.get("/" + INDEX + "/_count")).get("count").asLong();
        assertThat(count).isEqualTo(events);

        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": 1000}}").assertSuccess();
        http.put("/_privacy/rollup/job/bench", """
            {"source": "bench-rollup-*", "window": "month",
             "dimensions": {"service": ["sync", "hello", "readinglist"], "event": ["signup", "login", "call", "save_item"],
                            "device": ["mobile", "tablet", "desktop", "bot", "unknown"]},
             "measures": {"users": {"epsilon": 0.5}, "events": {"epsilon": 0.3, "max_per_key": 5},
                          "multi_service_users": {"epsilon": 0.2}},
             "max_keys_per_user": 4}""").assertSuccess();

        List<Double> plain = new ArrayList<>();
        List<Double> plainTook = new ArrayList<>();
        List<Double> rollup = new ArrayList<>();
        long[] plainHeap = new long[1];
        long[] rollupHeap = new long[1];
        for (int round = 0; round < 2; round++) {
            plainHeap[0] = Math.max(plainHeap[0], sampleHeapDuring(http, () -> {
                long start = System.nanoTime();
                double took = plainComposite(http);
                plain.add((System.nanoTime() - start) / 1e9);
                plainTook.add(took);
            }));
            int r = round;
            rollupHeap[0] = Math.max(rollupHeap[0], sampleHeapDuring(http, () -> {
                long start = System.nanoTime();
                JsonNode res = json(http.withTimeout(java.time.Duration.ofMinutes(30)).post("/_privacy/rollup/job/bench/_run",
                    "{\"window_start\": \"2024-10-01\", \"run_id\": \"bench-" + r + "-" + System.currentTimeMillis() + "\"}"));
                rollup.add((System.nanoTime() - start) / 1e9);
                assertThat(res.get("results")).hasSize(121);
            }));
        }
        double bestPlain = plain.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bestRollup = rollup.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bestTook = plainTook.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        JsonNode jvm = json(http.get("/_nodes/_local/stats/jvm")).get("nodes").elements().next().path("jvm");
        System.out.printf("ROLLUP-BENCH events=%d users=%d load_seconds=%.1f%n", events, users, loadSeconds);
        System.out.printf("ROLLUP-BENCH plain_composite_seconds=%s (server took sum %s) rollup_seconds=%s%n", plain, plainTook, rollup);
        System.out.printf("ROLLUP-BENCH best plain=%.2fs best rollup=%.2fs ratio=%.2f (vs server-side took %.2fs: %.2f)%n",
            bestPlain, bestRollup, bestRollup / bestPlain, bestTook, bestRollup / bestTook);
        System.out.printf("ROLLUP-BENCH node heap max=%dMB sampled peak used: plain=%dMB rollup=%dMB; old-gen peak=%dMB%n",
            jvm.at("/mem/heap_max_in_bytes").asLong() >> 20, plainHeap[0] >> 20, rollupHeap[0] >> 20,
            jvm.at("/mem/pools/old/peak_used_in_bytes").asLong() >> 20);
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": null}}").assertSuccess();
        http.delete("/" + INDEX);
    }

    private static void send(NodeHttp http, StringBuilder bulk) throws Exception {
        NodeHttp.Response r = http.withTimeout(java.time.Duration.ofMinutes(5)).bulk("/" + INDEX + "/_bulk?filter_path=errors", bulk.toString());
        assertThat(json(r).get("errors").asBoolean()).as(r.body()).isFalse();
    }

    /** The same composite (metrics_id, service, event, device) paged to the end, no bounding/noise. Returns summed took. */
    private static double plainComposite(NodeHttp http) throws Exception {
        String after = null;
        double took = 0;
        long buckets = 0;
        while (true) {
            String body = "{\"size\": 0, \"track_total_hits\": false, \"query\": {\"bool\": {\"filter\": ["
                + "{\"range\": {\"@timestamp\": {\"gte\": \"2024-10-01\", \"lt\": \"2024-11-01\"}}}]}},"
                + "\"aggs\": {\"c\": {\"composite\": {\"size\": " + PAGE + ", "
                + (after == null ? "" : "\"after\": " + after + ", ")
                + "\"sources\": [{\"u\": {\"terms\": {\"field\": \"metrics_id\"}}}, {\"d0\": {\"terms\": {\"field\": \"service\"}}},"
                + "{\"d1\": {\"terms\": {\"field\": \"event\"}}}, {\"d2\": {\"terms\": {\"field\": \"device\"}}}]}}}}";
            JsonNode r = json(http.withTimeout(java.time.Duration.ofMinutes(5)).post("/bench-rollup-*/_search", body));
            took += r.get("took").asDouble() / 1000;
            JsonNode c = r.at("/aggregations/c");
            int n = c.get("buckets").size();
            buckets += n;
            if (n == 0 || c.get("after_key") == null) {
                break;
            }
            after = c.get("after_key").toString();
        }
        assertThat(buckets).isGreaterThan(0);
        return took;
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
