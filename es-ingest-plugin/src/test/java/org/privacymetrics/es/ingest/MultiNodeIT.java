package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.NodeHttp;

/**
 * What only a real cluster shows: three nodes, two with the module's re-key secret and one whose keystore holds
 * another. The odd node must refuse to ingest and to forget (instead of writing or looking up ids that never match),
 * while the others go on; and a duplicate {@code event_id} is a conflict whichever node receives it and whichever shard
 * a client asks for. Its own three nodes (under {@code target/es-cluster/}), since the module's shared node is a
 * single-node cluster; security is off here, it is covered by {@code SecurityRolesIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final String MODULE_SECRET = System.getProperty("privacy.es.keystore.privacy_metrics.rekey.secret");
    private static final String OTHER_SECRET = "another-rekey-secret-on-one-node-only-0042";

    private static ElasticsearchNode node0;
    private static ElasticsearchNode node1;
    private static ElasticsearchNode odd;

    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);

    @BeforeAll
    static void startCluster() {
        Path base = Path.of(System.getProperty("privacy.es.workdir", "target/es-node")).resolveSibling("es-cluster");
        // launched one after the other, awaited together: the three starts overlap
        node0 = node(base, 0, null).setting("cluster.initial_master_nodes", "[\"node-0\"]").startWithoutWaiting();
        String seed = "[\"127.0.0.1:" + node0.transportPort() + "\"]";
        node1 = node(base, 1, null).setting("discovery.seed_hosts", seed).startWithoutWaiting();
        odd = node(base, 2, OTHER_SECRET).setting("discovery.seed_hosts", seed).startWithoutWaiting();
        node0.awaitReady();
        node1.awaitReady();
        odd.awaitReady();
        node0.http().get("/_cluster/health?wait_for_nodes=3&wait_for_status=yellow&timeout=60s").assertSuccess();
        // The elected master installs templates and pipelines and records the key id right after it is elected.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (node0.http().get("/_index_template/metrics-events-intake").status() != 200
                || node0.http().get("/_ingest/pipeline/metrics-events-scrub").status() != 200
                || !node0.http().get("/_privacy/stats").body().matches("(?s).*\"cluster_rekey_key_id\":\"[0-9a-f]{8}\".*")) {
            assertThat(System.nanoTime()).as("setup and key id recorded within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static ElasticsearchNode.Builder node(Path base, int i, String secret) {
        ElasticsearchNode.Builder b = ElasticsearchNode.builder().fromProperties(System.getProperties())
                .workDir(base.resolve("node-" + i))
                .clusterName("privacy-metrics-cluster-it")
                .setting("node.name", "node-" + i)
                .setting("discovery.type", "multi-node")
                .setting("xpack.security.enabled", "false");
        if (secret != null) {
            b.keystore("privacy_metrics.rekey.secret", secret);
        }
        return b;
    }

    @AfterAll
    static void stopCluster() {
        for (ElasticsearchNode n : new ElasticsearchNode[] {odd, node1, node0}) {
            if (n != null) {
                n.stop();
            }
        }
    }

    private static String edgeId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String event(String metricsId, String eventId) {
        return event(day, metricsId, eventId);
    }

    private static String event(LocalDate day, String metricsId, String eventId) {
        return "{\"@timestamp\":\"" + day + "T09:00:00Z\",\"event_id\":\"" + eventId + "\",\"service\":\"cluster-it\",\"event\":\"login\","
                + "\"metrics_id\":\"" + metricsId + "\",\"metrics_epoch\":\"" + day.toString().substring(0, 7) + "\","
                + "\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"mobile\"}";
    }

    /** The section of node {@code name} in {@code GET _privacy/stats}, asked from {@code via}. */
    private static JsonNode stats(ElasticsearchNode via, String name) throws Exception {
        JsonNode all = JSON.readTree(via.http().get("/_privacy/stats").assertSuccess().body());
        for (JsonNode section : all.path("nodes")) {
            if (section.path("name").asText().equals(name)) {
                return section;
            }
        }
        throw new AssertionError("no section for [" + name + "] in " + all);
    }

    @Test
    @Order(1)
    void aNodeWithAnotherSecretRefusesToIngestAndToForgetWhileTheOthersGoOn() throws Exception {
        // Any node answers for all three.
        JsonNode fromOdd = JSON.readTree(odd.http().get("/_privacy/stats").assertSuccess().body());
        assertThat(fromOdd.path("_nodes").path("total").asInt()).isEqualTo(3);
        assertThat(fromOdd.path("_nodes").path("successful").asInt()).isEqualTo(3);
        assertThat(fromOdd.path("nodes").size()).isEqualTo(3);
        JsonNode good = stats(odd, "node-0");
        JsonNode bad = stats(node1, "node-2");
        String clusterKeyId = good.path("cluster_rekey_key_id").asText();
        assertThat(clusterKeyId).matches("[0-9a-f]{8}").isEqualTo(good.path("rekey_key_id").asText());
        assertThat(stats(node0, "node-1").path("rekey_key_id").asText()).isEqualTo(clusterKeyId);
        assertThat(bad.path("cluster_rekey_key_id").asText()).isEqualTo(clusterKeyId);
        assertThat(bad.path("rekey_key_id").asText()).matches("[0-9a-f]{8}").isNotEqualTo(clusterKeyId);

        String alice = edgeId();
        NodeHttp.Response refused = odd.http().post("/metrics-events/_doc?refresh=true", event(alice, UUID.randomUUID().toString()));
        assertThat(refused.status()).as(refused.toString()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).contains("refuses to ingest").contains("[" + clusterKeyId + "]")
                .doesNotContain(OTHER_SECRET).doesNotContain(MODULE_SECRET);
        assertThat(stats(node0, "node-2").path("ingest").path("rejections").path("rekey_key_mismatch").asLong()).isPositive();

        // The same kind of event through the other two nodes is stored.
        assertThat(node0.http().post("/metrics-events/_doc?refresh=true", event(alice, UUID.randomUUID().toString())).status()).isEqualTo(201);
        assertThat(node1.http().post("/metrics-events/_doc?refresh=true", event(alice, UUID.randomUUID().toString())).status()).isEqualTo(201);

        // Forget on the odd node would compute ids that match nothing and answer "deleted: 0": it refuses instead.
        String body = "{\"metrics_ids\":[\"" + alice + "\"]}";
        NodeHttp.Response forgetOdd = odd.http().post("/_privacy/forget", body);
        assertThat(forgetOdd.status()).as(forgetOdd.toString()).isEqualTo(503);
        assertThat(forgetOdd.body()).contains("[" + clusterKeyId + "]").doesNotContain(OTHER_SECRET).doesNotContain(MODULE_SECRET);
        NodeHttp.Response forget = node1.http().post("/_privacy/forget", body).assertSuccess();
        assertThat(JSON.readTree(forget.body()).path("deleted").asLong()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void aDuplicateEventIdIsAConflictWhicheverNodeAndShard() throws Exception {
        LocalDate otherDay = day.minusDays(1);
        // the raw index of the epoch (the nodes' rotation is MONTH)
        String index = ".privacy-metrics-events-" + otherDay.toString().substring(0, 7);
        String eventId = UUID.randomUUID().toString();
        String edge = edgeId();

        NodeHttp.Response first = node0.http().bulk("/_bulk?refresh=true",
                "{\"create\":{\"_index\":\"metrics-events\"}}\n" + event(otherDay, edge, eventId) + "\n");
        assertThat(JSON.readTree(first.body()).path("items").get(0).path("create").path("status").asInt()).as(first.body()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).path("items").get(0).path("create").path("_index").asText()).isEqualTo(index);
        // the plugin's raw index has a replica on another node: every node, primary or not, sees the first copy
        node0.http().get("/_cluster/health/" + index + "?wait_for_status=green&timeout=60s&expand_wildcards=all").assertSuccess();

        String again = event(otherDay, edge, eventId);
        String retries = "{\"index\":{\"_index\":\"metrics-events\",\"routing\":\"x\"}}\n" + again + "\n"
                + "{\"create\":{\"_index\":\"metrics-events\",\"routing\":\"y\"}}\n" + again + "\n"
                + "{\"index\":{\"_index\":\"metrics-events\"}}\n" + again + "\n";
        for (ElasticsearchNode n : new ElasticsearchNode[] {node1, node0}) {
            JsonNode items = JSON.readTree(n.http().bulk("/_bulk?refresh=true", retries).assertSuccess().body()).path("items");
            for (JsonNode item : items) {
                assertThat(item.elements().next().path("status").asInt()).as(item.toString()).isEqualTo(409);
            }
        }
        // naming the raw index directly is refused outright, on any node
        for (ElasticsearchNode n : new ElasticsearchNode[] {node1, odd}) {
            NodeHttp.Response direct = n.http().bulk("/_bulk?refresh=true", "{\"create\":{\"_index\":\"" + index + "\"}}\n" + again + "\n");
            assertThat(direct.status()).as(direct.toString()).isEqualTo(400);
        }
        JsonNode hits = JSON.readTree(node1.http().post("/" + index + ",metrics-events-*/_search?expand_wildcards=all",
                "{\"query\":{\"term\":{\"event_id\":\"" + eventId + "\"}}}").assertSuccess().body()).path("hits");
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
    }

    /**
     * A run whose node is killed ({@code kill -9}) in the middle of its scan, after its charge, is not stuck: its run_id,
     * retried on another node, is taken over (its owner left the cluster) and completes under the original charge, once.
     * Runs last: it kills node-1.
     */
    @Test
    @Order(3)
    void aRunWhoseNodeIsKilledIsResumedElsewhereUnderItsOriginalCharge() throws Exception {
        LocalDate d = LocalDate.now(ZoneOffset.UTC).minusDays(4);
        StringBuilder bulk = new StringBuilder();
        for (int u = 0; u < 3000; u++) {
            String id = edgeId();
            for (String e : List.of("a", "b", "c", "d", "e")) {
                bulk.append("{\"create\":{\"_index\":\"metrics-events\"}}\n").append(event(d, id, UUID.randomUUID().toString())
                    .replace("\"service\":\"cluster-it\",\"event\":\"login\"", "\"service\":\"fault-it\",\"event\":\"" + e + "\"")).append('\n');
            }
        }
        assertThat(node0.http().bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess().body()).contains("\"errors\":false");
        node0.http().put("/_privacy/rollup/job/fault-it", """
            {"window": "day", "dimensions": {"service": ["fault-it"], "event": ["a", "b", "c", "d", "e"]},
             "measures": {"users": {"epsilon": 0.25}}, "max_keys_per_user": 5}""").assertSuccess();
        // tiny pages: the scan takes long enough to be killed in the middle
        node0.http().put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": 10}}").assertSuccess();
        String run = "{\"window_start\": \"" + d + "\", \"run_id\": \"kill-a\"}";
        java.util.concurrent.CompletableFuture<NodeHttp.Response> onNode1 = java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
                try {
                    return node1.http().post("/_privacy/rollup/job/fault-it/_run", run);
                } catch (RuntimeException connectionLost) {
                    return null;
                }
            });
        String epoch = d.toString().substring(0, 7);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!node0.http().get("/_privacy/budget").assertSuccess().body().contains("\"run_id\":\"kill-a\",\"window_start\":\"" + d
                + "\",\"epsilon\":0.25,\"status\":\"charged\"")) {
            assertThat(System.nanoTime()).as("the run is charged and scanning on node-1").isLessThan(deadline);
            Thread.sleep(50);
        }
        node1.kill();
        node0.http().get("/_cluster/health?wait_for_nodes=2&timeout=60s").assertSuccess();
        node0.http().put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": null}}").assertSuccess();
        NodeHttp.Response lost = onNode1.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(lost == null || !lost.isSuccess()).as("node-1 died mid-run").isTrue();

        JsonNode resumed = JSON.readTree(node0.http().post("/_privacy/rollup/job/fault-it/_run", run).assertSuccess().body());
        assertThat(resumed.path("results").size()).isEqualTo(5);
        assertThat(resumed.path("epsilon_spent").asDouble()).isEqualTo(0.25);
        JsonNode again = JSON.readTree(node0.http().post("/_privacy/rollup/job/fault-it/_run", run).assertSuccess().body());
        assertThat(again).isEqualTo(resumed);
        JsonNode budget = JSON.readTree(node0.http().get("/_privacy/budget").assertSuccess().body());
        double spent = -1;
        for (JsonNode unit : budget.path("epochs")) {
            if (unit.path("epoch").asText().equals(epoch)) {
                spent = unit.path("epsilon_spent").asDouble();
            }
        }
        assertThat(spent).as("charged exactly once").isEqualTo(0.25);
    }
}
