package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Faults on a real node of its own (security on, the module's users and secret): runs killed with {@code kill -9} at
 * every point where a crash changes what is stored, then the same run_id retried after a restart; and a daily schedule
 * backfilling more than 100 windows. The kill points are hit deterministically with the test-only node setting
 * {@code privacy_metrics.rollup.test.pause_at} ({@link RunPauses}): the first execution of a named run is held at a
 * named point, visible in {@code GET _tasks}, until the node is killed. One node start and one restart for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "faults";
    /** run_id -> [point it is held at, its window (a day of its own month: its own budget epoch)] */
    private static final Map<String, String[]> HELD = new LinkedHashMap<>();

    static {
        HELD.put("kill-before-charge", new String[] {"before_charge", "2025-01-15"});
        HELD.put("kill-after-charge", new String[] {"after_charge", "2025-02-15"});
        HELD.put("kill-mid-scan", new String[] {"mid_scan", "2025-03-15"});
        HELD.put("kill-results-written", new String[] {"results_written", "2025-04-15"});
    }

    private static ElasticsearchNode node;
    private static NodeHttp http;

    @BeforeAll
    static void startNode() {
        StringBuilder pauses = new StringBuilder("[");
        HELD.forEach((runId, at) -> pauses.append(pauses.length() > 1 ? ", " : "").append('"').append(at[0]).append(':').append(runId)
            .append('"'));
        pauses.append(']');
        Path base = Path.of(System.getProperty("privacy.es.workdir", "target/es-node")).resolveSibling("es-faults");
        node = ElasticsearchNode.builder().fromProperties(System.getProperties()).workDir(base)
            .clusterName("privacy-metrics-faults-it")
            .setting("privacy_metrics.rollup.test.pause_at", pauses.toString())
            // the four held runs at once; the default (2) is what the large-run test elsewhere exercises
            .setting("privacy_metrics.rollup.max_concurrent_runs", "4")
            .setting("privacy_metrics.rollup.schedule_interval", "1s")
            .user("pm-careless", "pm-careless-pw", "pm_careless_admin")
            .start();
        http = node.http();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    private static JsonNode json(NodeHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private static String event(int user, LocalDate day, String service, String event) {
        return String.format("{\"@timestamp\": \"%sT12:00:00Z\", \"event_id\": \"%s\", \"service\": \"%s\", \"event\": \"%s\","
                + " \"metrics_id\": \"%032x\", \"metrics_epoch\": \"%s\", \"metrics_key_id\": \"0badc0de\", \"device\": \"mobile\"}",
            day, UUID.randomUUID(), service, event, user, day.toString().substring(0, 7));
    }

    /** Writes events through the intake with the shipped writer role, as clients do; all must be stored. */
    private static void write(List<String> events) {
        StringBuilder bulk = new StringBuilder();
        for (String e : events) {
            bulk.append("{\"create\": {\"_index\": \"metrics-events\"}}\n").append(e).append('\n');
        }
        NodeHttp.Response r = http.withBasicAuth("pm-writer", "pm-writer-pw").bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess();
        assertThat(r.body()).contains("\"errors\":false");
    }

    private static NodeHttp.Response run(String runId, String windowStart) {
        return http.post("/_privacy/rollup/job/" + JOB + "/_run", "{\"window_start\": \"" + windowStart + "\", \"run_id\": \"" + runId + "\"}");
    }

    /** The epoch's ledger entry in GET _privacy/budget, or null. */
    private static JsonNode epoch(String epoch) {
        for (JsonNode unit : json(http.get("/_privacy/budget").assertSuccess()).path("epochs")) {
            if (unit.path("epoch").asText().equals(epoch)) {
                return unit;
            }
        }
        return null;
    }

    private static double spent(String epoch) {
        JsonNode unit = epoch(epoch);
        return unit == null ? 0.0 : unit.path("epsilon_spent").asDouble();
    }

    /** The run's entries in the budget listing (one per run record and epoch). */
    private static List<JsonNode> runEntries(String epoch, String runId) {
        JsonNode unit = epoch(epoch);
        List<JsonNode> out = new java.util.ArrayList<>();
        if (unit != null) {
            for (JsonNode r : unit.path("runs")) {
                if (r.path("run_id").asText().equals(runId)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The run's status as GET _privacy/budget lists it under its epoch. */
    private static String status(String epoch, String runId) {
        List<JsonNode> entries = runEntries(epoch, runId);
        return entries.isEmpty() ? "(none)" : entries.get(0).path("status").asText();
    }

    private static JsonNode resultDocs(String runId) {
        http.post("/privacy-rollups-" + JOB + "/_refresh", null);
        return json(http.get("/privacy-rollups-" + JOB + "/_search?size=100&q=run_id:" + runId).assertSuccess()).path("hits");
    }

    /** Descriptions of the run tasks in flight, by window_start. */
    private static Map<String, String> runTasks() {
        Map<String, String> out = new HashMap<>();
        JsonNode tasks = json(http.get("/_tasks?actions=cluster:admin/privacy_metrics/rollup/job/run&detailed=true").assertSuccess());
        for (JsonNode n : tasks.path("nodes")) {
            for (JsonNode t : n.path("tasks")) {
                String d = t.path("description").asText();
                int i = d.indexOf("window_start [");
                if (i >= 0) {
                    out.put(d.substring(i + 14, i + 24), d);
                }
            }
        }
        return out;
    }

    private static void await(String what, Duration max, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + max).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** {@code .privacy-metrics-rollups} as the superuser sees it (reading a system index directly may warn), or null when absent. */
    private static JsonNode systemIndexMapping() {
        NodeHttp.Response r = http.get("/" + SystemIndex.NAME + "/_mapping");
        System.out.println("GET " + SystemIndex.NAME + "/_mapping -> " + r);
        return r.status() == 404 ? null : json(r.assertSuccess()).path(SystemIndex.NAME).path("mappings");
    }

    /**
     * The system index is Elasticsearch's to create and upgrade (managed descriptor): on a fresh node nothing exists
     * and reads answer as for "no jobs, nothing spent"; the first job put creates it with the plugin's settings and
     * mappings (searched fields typed, mappings version in {@code _meta}). Neither the superuser nor an operator can
     * pre-create it with mappings of their own, or delete it.
     */
    @Test
    @Order(0)
    void theSystemIndexIsCreatedByElasticsearchOnFirstWriteWithThePluginsMappings() {
        assertThat(systemIndexMapping()).as("a fresh node has no system index").isNull();
        assertThat(json(http.get("/_privacy/budget").assertSuccess()).path("epochs").size()).isZero();
        assertThat(http.get("/_privacy/rollup/job/" + JOB).status()).isEqualTo(404);
        assertThat(http.delete("/_privacy/rollup/job/" + JOB).status()).isEqualTo(404);

        NodeHttp.Response preCreate = http.put("/" + SystemIndex.NAME, """
            {"settings": {"index.hidden": true}, "mappings": {"dynamic": true, "properties": {"run_id": {"type": "text"}}}}""");
        System.out.println("superuser PUT " + SystemIndex.NAME + " -> " + preCreate);
        NodeHttp admin = http.withBasicAuth("pm-admin", "pm-admin-pw");
        NodeHttp.Response adminCreate = admin.put("/" + SystemIndex.NAME, "{\"mappings\": {\"properties\": {\"run_id\": {\"type\": \"text\"}}}}");
        System.out.println("admin PUT " + SystemIndex.NAME + " -> " + adminCreate);
        assertThat(adminCreate.status()).isEqualTo(403);

        http.put("/_privacy/rollup/job/first-use", """
            {"window": "day", "dimensions": {"service": ["faults"]}, "measures": {"users": {"epsilon": 0.25}}, "max_keys_per_user": 1}""")
            .assertSuccess();
        JsonNode mappings = systemIndexMapping();
        assertThat(mappings).isNotNull();
        assertThat(mappings.at("/properties/run_id/type").asText()).isEqualTo("keyword");
        assertThat(mappings.at("/properties/schedule/type").asText()).isEqualTo("boolean");
        assertThat(mappings.at("/_meta/managed_index_mappings_version").asInt()).isEqualTo(SystemIndex.MAPPINGS_VERSION);
        assertThat(mappings.path("dynamic").asText()).isEqualTo("false");
        JsonNode settings = json(http.get("/" + SystemIndex.NAME + "/_settings?flat_settings=true").assertSuccess())
            .path(SystemIndex.NAME).path("settings");
        assertThat(settings.path("index.number_of_shards").asText()).isEqualTo("1");
        assertThat(settings.path("index.auto_expand_replicas").asText()).isEqualTo("0-1");
        assertThat(settings.path("index.hidden").asText()).isEqualTo("true");

        assertThat(http.delete("/" + SystemIndex.NAME).status()).as("superuser").isEqualTo(403);
        assertThat(admin.delete("/" + SystemIndex.NAME).status()).isEqualTo(403);

        // A careless admin (test-only role: all privileges on it, restricted indices allowed) deletes it, jobs and the
        // ledger with it: the next write creates it again, managed, with the plugin's mappings.
        NodeHttp careless = http.withBasicAuth("pm-careless", "pm-careless-pw");
        careless.delete("/" + SystemIndex.NAME).assertSuccess();
        assertThat(systemIndexMapping()).isNull();
        assertThat(http.get("/_privacy/rollup/job/first-use").status()).isEqualTo(404);
        assertThat(json(http.get("/_privacy/budget").assertSuccess()).path("epochs").size()).isZero();
        http.put("/_privacy/rollup/job/first-use", """
            {"window": "day", "dimensions": {"service": ["faults"]}, "measures": {"users": {"epsilon": 0.25}}, "max_keys_per_user": 1}""")
            .assertSuccess();
        assertThat(systemIndexMapping().at("/properties/run_id/type").asText()).isEqualTo("keyword");
        assertThat(json(http.get("/_privacy/rollup/job/first-use").assertSuccess()).path("job").asText()).isEqualTo("first-use");
        http.delete("/_privacy/rollup/job/first-use").assertSuccess();
    }

    /**
     * Four runs of one job, each in its own budget epoch, are held at the four crash points (claimed before the charge;
     * charged in the ledger while the record still says claimed; charged and part-way through the scan; answer stored
     * and every result row written, record not completed). The node is killed with {@code kill -9} and restarted; each
     * run_id retried completes, charged exactly once, with its results stored once; a run whose noised answer was
     * already stored and written returns that same answer (noise is never drawn twice).
     */
    @Test
    @Order(1)
    void aRunKilledAtAnyPointCompletesOnRetryChargedOnce() throws Exception {
        List<String> events = new java.util.ArrayList<>();
        for (String[] at : HELD.values()) {
            LocalDate day = LocalDate.parse(at[1]);
            for (int u = 0; u < 60; u++) {
                events.add(event(u, day, "faults", "a"));
                events.add(event(u, day, "faults", "b"));
            }
        }
        write(events);
        http.put("/_privacy/rollup/job/" + JOB, """
            {"window": "day", "dimensions": {"service": ["faults"], "event": ["a", "b"]},
             "measures": {"users": {"epsilon": 0.25}}, "max_keys_per_user": 2}""").assertSuccess();
        // small pages: 120 (user, key) buckets per window take 12 pages, so "mid_scan" is really in the middle
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": 10}}").assertSuccess();

        NodeHttp patient = http.withTimeout(Duration.ofMinutes(10));
        List<CompletableFuture<NodeHttp.Response>> lost = new java.util.ArrayList<>();
        HELD.forEach((runId, at) -> lost.add(CompletableFuture.supplyAsync(() -> {
            try {
                return patient.post("/_privacy/rollup/job/" + JOB + "/_run", "{\"window_start\": \"" + at[1] + "\", \"run_id\": \"" + runId + "\"}");
            } catch (RuntimeException connectionLost) {
                return null;
            }
        })));
        await("every run held at its point", Duration.ofMinutes(3), () -> {
            Map<String, String> tasks = runTasks();
            return HELD.values().stream().allMatch(at -> tasks.getOrDefault(at[1], "").contains("held at [" + at[0] + "]"));
        });

        // What a crash at each point leaves behind.
        assertThat(epoch("2025-01")).as("nothing charged before the charge").isNull();
        assertThat(status("2025-02", "kill-after-charge")).isEqualTo("claimed");
        assertThat(spent("2025-02")).as("the ledger holds the charge").isEqualTo(0.25);
        assertThat(status("2025-03", "kill-mid-scan")).isEqualTo("charged");
        assertThat(runTasks().get("2025-03-15")).matches(".*pages \\[[1-9][0-9]*\\].*");
        assertThat(spent("2025-03")).isEqualTo(0.25);
        assertThat(status("2025-04", "kill-results-written")).isEqualTo("results_computed");
        assertThat(spent("2025-04")).isEqualTo(0.25);
        JsonNode writtenBeforeCrash = resultDocs("kill-results-written");
        assertThat(writtenBeforeCrash.path("total").path("value").asInt()).isEqualTo(2);
        Map<String, Long> valuesBeforeCrash = values(writtenBeforeCrash);

        node.killKeepingData();
        for (CompletableFuture<NodeHttp.Response> f : lost) {
            NodeHttp.Response r = f.get(60, TimeUnit.SECONDS);
            assertThat(r == null || !r.isSuccess()).as("the held request died with the node").isTrue();
        }
        node.restart();

        for (Map.Entry<String, String[]> e : HELD.entrySet()) {
            String runId = e.getKey();
            String window = e.getValue()[1];
            String epoch = window.substring(0, 7);
            JsonNode done = json(run(runId, window).assertSuccess());
            assertThat(done.path("results").size()).as(runId).isEqualTo(2);
            assertThat(done.path("epsilon_spent").asDouble()).isEqualTo(0.25);
            assertThat(json(run(runId, window).assertSuccess())).as(runId + ": a second retry returns the stored answer").isEqualTo(done);
            assertThat(spent(epoch)).as(runId + " charged exactly once").isEqualTo(0.25);
            List<JsonNode> entries = runEntries(epoch, runId);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).path("status").asText()).isEqualTo("completed");
            JsonNode docs = resultDocs(runId);
            assertThat(docs.path("total").path("value").asInt()).as(runId + ": results stored once").isEqualTo(2);
            Map<String, Long> answered = new HashMap<>();
            for (JsonNode row : done.path("results")) {
                answered.put(row.path("event").asText(), row.path("value").asLong());
            }
            assertThat(values(docs)).as(runId + ": stored results are the answer").isEqualTo(answered);
            if (runId.equals("kill-results-written")) {
                assertThat(answered).as("noise drawn once: the answer written before the crash").isEqualTo(valuesBeforeCrash);
            }
        }
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": null}}").assertSuccess();
    }

    private static Map<String, Long> values(JsonNode hits) {
        Map<String, Long> out = new HashMap<>();
        for (JsonNode h : hits.path("hits")) {
            out.put(h.path("_source").path("event").asText(), h.path("_source").path("value").asLong());
        }
        return out;
    }

    /**
     * A daily scheduled job with {@code "start"} 110 days back fills every window oldest first, each exactly once (one
     * run, one result row, one charge), and the schedule state shows the last window. Budget: a MONTH epoch holds at
     * most 31 daily windows, so 0.03 per window spends at most 0.93 of the default limit of 1.0 per epoch: nothing may
     * be skipped, and every epoch is charged exactly 0.03 per window it holds.
     */
    @Test
    @Order(2)
    void aDailyScheduleStartingMonthsBackFillsEveryWindowOnce() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (java.time.LocalTime.now(ZoneOffset.UTC).isAfter(java.time.LocalTime.of(23, 50))) {
            Thread.sleep(Duration.ofMinutes(11).toMillis()); // keep "yesterday" fixed for the whole test
            today = LocalDate.now(ZoneOffset.UTC);
        }
        LocalDate start = today.minusDays(110);
        LocalDate yesterday = today.minusDays(1);
        List<String> events = new java.util.ArrayList<>();
        for (LocalDate d = start; d.isBefore(today); d = d.plusDays(7)) {
            events.add(event(1, d, "backfill", "login"));
        }
        write(events);
        http.put("/_privacy/rollup/job/backfill", String.format("""
            {"window": "day", "dimensions": {"service": ["backfill"]}, "measures": {"users": {"epsilon": 0.03}},
             "max_keys_per_user": 1, "schedule": true, "delay": "0ms", "start": "%s"}""", start)).assertSuccess();

        await("the schedule reaches " + yesterday, Duration.ofMinutes(8), () -> yesterday.toString().equals(
            json(http.get("/_privacy/rollup/job/backfill").assertSuccess()).at("/schedule/last_window_done").asText()));

        JsonNode schedule = json(http.get("/_privacy/rollup/job/backfill").assertSuccess()).path("schedule");
        assertThat(schedule.path("skipped")).as("nothing skipped for budget").isEmpty();
        assertThat(schedule.path("failures").asInt()).isZero();
        assertThat(schedule.path("next_window_start").asText()).isEqualTo(today.toString());

        http.post("/privacy-rollups-backfill/_refresh", null);
        JsonNode rows = json(http.post("/privacy-rollups-backfill/_search", """
            {"size": 0, "aggs": {"w": {"terms": {"field": "window_start", "size": 500, "min_doc_count": 1}},
                                  "r": {"cardinality": {"field": "run_id"}}}}""").assertSuccess());
        assertThat(rows.at("/hits/total/value").asInt()).as("one row per window").isEqualTo(110);
        assertThat(rows.at("/aggregations/w/buckets").size()).as("every window").isEqualTo(110);
        for (JsonNode b : rows.at("/aggregations/w/buckets")) {
            assertThat(b.path("doc_count").asInt()).as("window " + b.path("key_as_string").asText() + " once").isEqualTo(1);
        }
        assertThat(rows.at("/aggregations/r/value").asInt()).isEqualTo(110);

        Map<String, Integer> windowsPerEpoch = new java.util.TreeMap<>();
        for (LocalDate d = start; !d.isAfter(yesterday); d = d.plusDays(1)) {
            windowsPerEpoch.merge(d.toString().substring(0, 7), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : windowsPerEpoch.entrySet()) {
            JsonNode unit = epoch(e.getKey());
            assertThat(unit).as("epoch " + e.getKey()).isNotNull();
            long scheduledRuns = 0;
            for (JsonNode r : unit.path("runs")) {
                if (r.path("job").asText().equals("backfill")) {
                    assertThat(r.path("status").asText()).isEqualTo("completed");
                    scheduledRuns++;
                }
            }
            assertThat(scheduledRuns).as("runs in " + e.getKey()).isEqualTo(e.getValue().longValue());
            assertThat(unit.path("epsilon_spent").asDouble()).as("spent in " + e.getKey())
                .isCloseTo(0.03 * e.getValue(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(unit.path("epsilon_spent").asDouble()).isLessThanOrEqualTo(unit.path("epsilon_limit").asDouble());
        }

        // Later ticks (every second) run nothing again.
        String ledgerBefore = http.get("/_privacy/budget").assertSuccess().body();
        Thread.sleep(3000);
        assertThat(http.get("/_privacy/budget").assertSuccess().body()).isEqualTo(ledgerBefore);
        http.delete("/_privacy/rollup/job/backfill").assertSuccess();
    }

    /**
     * Six concurrent runs of a job with the largest domain allowed (100,000 keys, 2 measures: 200,000 released rows each)
     * on this 512 MB node: each run either completes, or is refused with 429 before anything is charged (no run record,
     * no charge), or fails cleanly after its charge (circuit breaker: recorded failed_after_spending, charged). The
     * ledger holds exactly the charges of the runs that got past the charge; afterwards the node is up and answers an
     * ordinary write and search, and its log holds no OutOfMemoryError.
     */
    @Test
    @Order(3)
    void sixConcurrentLargeRunsLeaveTheNodeHealthy() throws Exception {
        LocalDate day = LocalDate.parse("2025-06-10");
        List<String> services = new java.util.ArrayList<>();
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            services.add("\"large-s" + i + "\"");
        }
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            names.add("\"e" + i + "\"");
        }
        List<String> data = new java.util.ArrayList<>();
        for (int u = 0; u < 200; u++) {
            data.add(event(u, day, "large-s" + (u % 100), "e" + (u % 1000)));
        }
        write(data);
        http.put("/_privacy/rollup/job/large", "{\"window\": \"day\", \"dimensions\": {\"service\": " + services + ", \"event\": "
            + names + "}, \"measures\": {\"users\": {\"epsilon\": 0.1}, \"events\": {\"epsilon\": 0.05, \"max_per_key\": 1}},"
            + " \"max_keys_per_user\": 1}").assertSuccess();

        NodeHttp patient = http.withTimeout(Duration.ofMinutes(15));
        List<CompletableFuture<NodeHttp.Response>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = "{\"window_start\": \"" + day + "\", \"run_id\": \"large-" + i + "\"}";
            runs.add(CompletableFuture.supplyAsync(() -> patient.post("/_privacy/rollup/job/large/_run", body)));
        }
        int completed = 0;
        int refused = 0;
        int failedAfterSpending = 0;
        for (int i = 0; i < 6; i++) {
            NodeHttp.Response r = runs.get(i).get(20, TimeUnit.MINUTES);
            String runId = "large-" + i;
            List<JsonNode> record = runEntries("2025-06", runId);
            if (r.status() == 200) {
                assertThat(json(r).path("results").size()).isEqualTo(200_000);
                assertThat(record).hasSize(1);
                assertThat(record.get(0).path("status").asText()).isEqualTo("completed");
                completed++;
            } else if (record.isEmpty()) {
                // refused before anything was charged: no free slot, or no room for its memory now
                assertThat(r.status()).as(r.toString()).isEqualTo(429);
                assertThat(r.body()).containsAnyOf("too many concurrent rollup runs", "circuit_breaking_exception");
                refused++;
            } else {
                assertThat(record).as(runId + " answered " + r.status() + ": " + r.body().substring(0, Math.min(500, r.body().length())))
                    .hasSize(1);
                assertThat(record.get(0).path("status").asText()).isEqualTo("failed_after_spending");
                assertThat(record.get(0).path("error").asText()).isNotBlank();
                failedAfterSpending++;
            }
        }
        assertThat(completed + refused + failedAfterSpending).isEqualTo(6);
        assertThat(spent("2025-06")).as("charged exactly the runs that got past the charge")
            .isCloseTo(0.15 * (completed + failedAfterSpending), org.assertj.core.data.Offset.offset(1e-9));
        System.out.printf("six large runs: %d completed, %d refused (429), %d failed after spending%n", completed, refused,
            failedAfterSpending);

        assertThat(node.isRunning()).isTrue();
        String id = UUID.randomUUID().toString();
        write(List.of(event(7, LocalDate.now(ZoneOffset.UTC).minusDays(1), "after-large", "login").replaceFirst(
            "\"event_id\": \"[^\"]+\"", "\"event_id\": \"" + id + "\"")));
        JsonNode found = json(http.post("/.privacy-metrics-events-*/_search?expand_wildcards=all",
            "{\"query\": {\"ids\": {\"values\": [\"" + id + "\"]}}}").assertSuccess());
        assertThat(found.at("/hits/total/value").asInt()).isEqualTo(1);
        String log = java.nio.file.Files.readString(node.logFile()) + java.nio.file.Files.readString(node.consoleLog());
        assertThat(log).doesNotContain("java.lang.OutOfMemoryError"); // (the JVM options name -XX:+...OnOutOfMemoryError)
    }

    /**
     * {@code POST _features/_reset} (cluster privilege {@code manage}: the superuser) would delete a managed system index
     * as the internal user (the descriptor's origin), the budget ledger included: the plugin refuses it, and every
     * epoch's spending stays.
     */
    @Test
    @Order(99)
    void aFeatureStateResetCannotDeleteTheLedger() {
        assertThat(http.withBasicAuth("pm-admin", "pm-admin-pw").post("/_features/_reset", null).status()).isEqualTo(403);
        JsonNode before = json(http.get("/_privacy/budget").assertSuccess()).path("epochs");
        assertThat(before.size()).as("the runs above charged epochs").isPositive();
        NodeHttp.Response reset = http.post("/_features/_reset", null);
        JsonNode ours = null;
        for (JsonNode feature : json(reset).path("features")) {
            if (feature.path("feature_name").asText().equals("privacy_metrics")) {
                ours = feature;
            }
        }
        assertThat(ours).as(reset.toString()).isNotNull();
        assertThat(ours.path("status").asText()).isEqualTo("FAILURE");
        assertThat(ours.toString()).contains("cannot be reset");
        assertThat(json(http.get("/_privacy/budget").assertSuccess()).path("epochs")).isEqualTo(before);
        assertThat(systemIndexMapping()).isNotNull();
    }
}
