package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The elected master dies ({@code kill -9}) while it executes a scheduled window: the node elected next takes the
 * window over and finishes it, then the windows after it; every window is charged once and its result exists once.
 * Two data nodes that can both be master, and a small voting-only node so that two of three votes remain after the
 * kill (with only two master-eligible nodes Elasticsearch keeps one of them in the voting configuration, and the
 * cluster cannot elect a master once that one is gone). Security is off (a multi-node cluster with security needs
 * transport TLS; roles are covered on the module's node). The window is held mid-scan on the master with the test-only
 * setting {@code privacy_metrics.rollup.test.pause_at}, so the kill lands inside the run, deterministically.
 */
class ScheduleFailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ElasticsearchNode first;
    private static ElasticsearchNode second;
    private static ElasticsearchNode tiebreaker;

    @AfterAll
    static void stopCluster() {
        for (ElasticsearchNode n : new ElasticsearchNode[] {tiebreaker, second, first}) {
            if (n != null) {
                n.stop();
            }
        }
    }

    private static ElasticsearchNode.Builder node(Path base, String name, String heldRun) {
        return ElasticsearchNode.builder().fromProperties(System.getProperties())
            .workDir(base.resolve(name))
            .clusterName("privacy-metrics-failover-it")
            .setting("node.name", name)
            .setting("discovery.type", "multi-node")
            .setting("xpack.security.enabled", "false")
            .setting("privacy_metrics.rollup.schedule_interval", "1s")
            .setting("privacy_metrics.rollup.test.pause_at", "[\"mid_scan:" + heldRun + "\"]");
    }

    private static JsonNode json(NodeHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private static void await(String what, Duration max, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + max).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String event(int user, LocalDate day) {
        return String.format("{\"@timestamp\": \"%sT12:00:00Z\", \"event_id\": \"%s\", \"service\": \"failover\", \"event\": \"login\","
                + " \"metrics_id\": \"%032x\", \"metrics_epoch\": \"%s\", \"metrics_key_id\": \"0badc0de\", \"device\": \"mobile\"}",
            day, UUID.randomUUID(), user, day.toString().substring(0, 7));
    }

    @Test
    void theNextMasterFinishesTheWindowTheKilledMasterWasRunning() throws Exception {
        if (LocalTime.now(ZoneOffset.UTC).isAfter(LocalTime.of(23, 50))) {
            Thread.sleep(Duration.ofMinutes(11).toMillis()); // keep the windows fixed for the whole test
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<LocalDate> windows = List.of(today.minusDays(3), today.minusDays(2), today.minusDays(1));
        LocalDate held = windows.get(1);
        String heldRun = "scheduled-" + held;

        Path base = Path.of(System.getProperty("privacy.es.workdir", "target/es-node")).resolveSibling("es-failover");
        // launched one after the other, awaited together: the three starts overlap
        first = node(base, "node-0", heldRun).setting("cluster.initial_master_nodes", "[\"node-0\"]").startWithoutWaiting();
        String seed = "[\"127.0.0.1:" + first.transportPort() + "\"]";
        second = node(base, "node-1", heldRun).setting("discovery.seed_hosts", seed).startWithoutWaiting();
        tiebreaker = node(base, "node-2", heldRun).setting("discovery.seed_hosts", seed).setting("node.roles", "[master, voting_only]")
            .heap("256m").startWithoutWaiting();
        first.awaitReady();
        second.awaitReady();
        tiebreaker.awaitReady();
        NodeHttp a = first.http();
        NodeHttp b = second.http();
        a.get("/_cluster/health?wait_for_nodes=3&timeout=120s").assertSuccess();
        assertThat(a.get("/_cat/master?h=node").assertSuccess().body().trim()).isEqualTo("node-0");

        StringBuilder bulk = new StringBuilder();
        for (LocalDate d : windows) {
            for (int u = 0; u < 40; u++) {
                bulk.append("{\"create\": {\"_index\": \"metrics-events\"}}\n").append(event(u, d)).append('\n');
            }
        }
        assertThat(a.bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess().body()).contains("\"errors\":false");
        // 40 users per window, 10 buckets per page: the held window is really mid-scan
        a.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": 10}}").assertSuccess();
        a.put("/_privacy/rollup/job/failover", String.format("""
            {"window": "day", "dimensions": {"service": ["failover"]}, "measures": {"users": {"epsilon": 0.1}},
             "max_keys_per_user": 1, "schedule": true, "delay": "0ms", "start": "%s"}""", windows.get(0))).assertSuccess();

        await("the master holds " + heldRun + " mid-scan", Duration.ofMinutes(3), () -> {
            JsonNode tasks = json(a.get("/_tasks?actions=cluster:admin/privacy_metrics/rollup/job/run&detailed=true").assertSuccess());
            for (JsonNode n : tasks.path("nodes")) {
                for (JsonNode t : n.path("tasks")) {
                    if (t.path("description").asText().contains("window_start [" + held + "]")
                        && t.path("description").asText().contains("held at [mid_scan]")) {
                        assertThat(n.path("name").asText()).as("run by the master").isEqualTo("node-0");
                        return true;
                    }
                }
            }
            return false;
        });
        assertThat(json(a.get("/_privacy/rollup/job/failover").assertSuccess()).at("/schedule/last_window_done").asText())
            .isEqualTo(windows.get(0).toString());
        // every copy the next master needs is on node-1 before the kill
        a.get("/_cluster/health?wait_for_status=green&timeout=120s&expand_wildcards=all").assertSuccess();

        first.kill();
        await("node-1 elected", Duration.ofMinutes(2), () -> {
            try {
                return b.get("/_cat/master?h=node").body().trim().equals("node-1");
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        await("node-1 finishes every window", Duration.ofMinutes(5), () -> {
            NodeHttp.Response r = b.get("/_privacy/rollup/job/failover");
            return r.isSuccess() && json(r).at("/schedule/last_window_done").asText().equals(windows.get(2).toString());
        });

        b.post("/privacy-rollups-failover/_refresh", null);
        JsonNode rows = json(b.post("/privacy-rollups-failover/_search", """
            {"size": 10, "aggs": {"w": {"terms": {"field": "window_start", "size": 10}}}}""").assertSuccess());
        assertThat(rows.at("/hits/total/value").asInt()).as("one row per window").isEqualTo(3);
        assertThat(rows.at("/aggregations/w/buckets").size()).isEqualTo(3);
        Map<String, Integer> perEpoch = new TreeMap<>();
        for (LocalDate d : windows) {
            perEpoch.merge(d.toString().substring(0, 7), 1, Integer::sum);
        }
        JsonNode budget = json(b.get("/_privacy/budget").assertSuccess());
        int runs = 0;
        for (JsonNode unit : budget.path("epochs")) {
            Integer n = perEpoch.get(unit.path("epoch").asText());
            if (n == null) {
                continue;
            }
            assertThat(unit.path("epsilon_spent").asDouble()).as("epoch " + unit.path("epoch").asText() + " charged once per window")
                .isCloseTo(0.1 * n, org.assertj.core.data.Offset.offset(1e-9));
            for (JsonNode r : unit.path("runs")) {
                assertThat(r.path("status").asText()).isEqualTo("completed");
                runs++;
            }
        }
        assertThat(runs).as("one run record per window").isEqualTo(3);
        assertThat(json(b.get("/_privacy/rollup/job/failover").assertSuccess()).at("/schedule/failures").asInt()).isZero();
    }
}
