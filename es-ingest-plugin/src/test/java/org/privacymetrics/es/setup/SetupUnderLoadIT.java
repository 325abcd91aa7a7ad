package org.privacymetrics.es.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Setup is a barrier, on a loaded machine: a brand-new cluster (fresh data directory) starts while busy threads saturate
 * every core; as soon as it answers, events are written through the intake as the writer role, {@code POST _privacy/setup}
 * is called, and more events are written right after it answers. Every write is stored (a write that arrives before
 * the templates exist waits for them): no 503 "not set up yet". Three cluster starts (one node, restarted on an emptied
 * data directory), to keep the cost low.
 */
class SetupUnderLoadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STARTS = 3;
    private static ElasticsearchNode node;

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    /** The module's node configuration, except that start() must not wait for the templates: we write at once. */
    private static ElasticsearchNode.Builder builder() {
        Properties props = new Properties();
        for (String k : System.getProperties().stringPropertyNames()) {
            if (!k.equals("privacy.es.await")) {
                props.setProperty(k, System.getProperty(k));
            }
        }
        Path base = Path.of(System.getProperty("privacy.es.workdir", "target/es-node")).resolveSibling("es-setup-load");
        return ElasticsearchNode.builder().fromProperties(props).workDir(base).clusterName("privacy-metrics-setup-load-it")
            .startTimeout(java.time.Duration.ofMinutes(10)); // saturated cores: a start takes minutes
    }

    private static String bulk(int n, String tag) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"create\": {\"_index\": \"metrics-events\"}}\n").append(String.format(
                "{\"@timestamp\": \"%sT10:00:00Z\", \"event_id\": \"%s\", \"service\": \"%s\", \"event\": \"login\","
                    + " \"metrics_id\": \"%032x\", \"metrics_epoch\": \"%s\", \"metrics_key_id\": \"0badc0de\", \"device\": \"mobile\"}",
                day, UUID.randomUUID(), tag, i, day.toString().substring(0, 7))).append('\n');
        }
        return b.toString();
    }

    /** Every item of a bulk answer was stored (201); otherwise the failing item, with its reason. */
    private static void assertAllStored(String what, NodeHttp.Response r) throws IOException {
        assertThat(r.status()).as(what + ": " + r).isEqualTo(200);
        for (JsonNode item : JSON.readTree(r.body()).path("items")) {
            JsonNode create = item.path("create");
            assertThat(create.path("status").asInt()).as(what + ": " + create).isEqualTo(201);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writesRightAfterAStartUnderCpuLoadAreStoredOrWaitNever503() throws Exception {
        for (int round = 0; round < STARTS; round++) {
            AtomicBoolean burning = new AtomicBoolean(true);
            List<Thread> burners = new ArrayList<>();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (burning.get()) {
                        x += System.nanoTime() % 7;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }, "cpu-burner-" + i);
                t.setDaemon(true);
                t.start();
                burners.add(t);
            }
            try {
                if (round == 0) {
                    node = builder().build().start();
                } else {
                    node.stopKeepingData();
                    deleteTree(node.dataDir()); // a brand-new cluster: no templates, no pipelines
                    node.restart();
                }
                NodeHttp writer = node.httpAs("pm-writer", "pm-writer-pw");
                String tag = "setup-load-" + round;
                // Sent at once, concurrently with setup: it must wait for the templates, not fail.
                CompletableFuture<NodeHttp.Response> early = CompletableFuture.supplyAsync(
                    () -> writer.bulk("/_bulk?refresh=true", bulk(20, tag)));
                node.http().post("/_privacy/setup", null).assertSuccess();
                assertAllStored("round " + round + ", right after setup answered", writer.bulk("/_bulk?refresh=true", bulk(20, tag)));
                assertAllStored("round " + round + ", sent before setup answered", early.get(3, TimeUnit.MINUTES));
                JsonNode count = JSON.readTree(node.http().get("/.privacy-metrics-events-*/_count?expand_wildcards=all&q=service:" + tag)
                    .assertSuccess().body());
                assertThat(count.path("count").asInt()).as("round " + round).isEqualTo(40);
            } finally {
                burning.set(false);
                for (Thread t : burners) {
                    t.join();
                }
            }
        }
    }
}
