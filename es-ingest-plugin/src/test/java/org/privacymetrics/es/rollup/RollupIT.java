package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The rollup API on the shared real node. Every test uses its own job, source index and metrics epoch label (the
 * ledger is keyed by epoch label), in 2024, so it neither sees nor spends the budget of another test or helper.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class RollupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NodeHttp http;

    @BeforeAll
    static void setUp(NodeHttp node) {
        http = node;
        http.put("/_index_template/rollup-it", """
            {"index_patterns": ["rollup-it-*"], "priority": 500,
             "template": {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
              "mappings": {"dynamic": "strict", "properties": {
                "@timestamp": {"type": "date"}, "event_id": {"type": "keyword"}, "service": {"type": "keyword"},
                "event": {"type": "keyword"}, "metrics_id": {"type": "keyword"}, "metrics_epoch": {"type": "keyword"},
                "metrics_key_id": {"type": "keyword"}, "device": {"type": "keyword"}}}}}
            """).assertSuccess();
    }

    @AfterAll
    static void resetBudget() {
        setLimit("null");
    }

    private static void setLimit(String value) {
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": " + value + "}}").assertSuccess();
    }

    record Ev(int user, String day, String service, String event, String device, String epoch) {}

    private static void index(String index, List<Ev> events) {
        StringBuilder bulk = new StringBuilder();
        for (Ev e : events) {
            bulk.append("{\"create\": {\"_index\": \"").append(index).append("\"}}\n");
            bulk.append(String.format("{\"@timestamp\": \"%sT12:00:00Z\", \"event_id\": \"%s\", \"service\": \"%s\", \"event\": \"%s\","
                    + " \"metrics_id\": \"%032x\", \"metrics_epoch\": \"%s\", \"metrics_key_id\": \"0badc0de\", \"device\": \"%s\"}%n",
                e.day, UUID.randomUUID(), e.service, e.event, e.user, e.epoch, e.device));
        }
        NodeHttp.Response r = http.bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess();
        assertThat(r.body()).contains("\"errors\":false");
    }

    private static JsonNode json(NodeHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private static void putJob(String name, String source, String window, String dimensions, String measures, int maxKeys) {
        http.put("/_privacy/rollup/job/" + name, String.format(
            "{\"source\": \"%s\", \"window\": \"%s\", \"dimensions\": %s, \"measures\": %s, \"max_keys_per_user\": %d}",
            source, window, dimensions, measures, maxKeys)).assertSuccess();
    }

    private static NodeHttp.Response run(String job, String windowStart, String runId) {
        return http.post("/_privacy/rollup/job/" + job + "/_run",
            "{\"window_start\": \"" + windowStart + "\", \"run_id\": \"" + runId + "\"}");
    }

    private static String key(JsonNode row) {
        return row.path("service").asText("") + "/" + row.path("event").asText("") + "/" + row.path("device").asText("") + "/"
            + row.get("measure").asText();
    }

    private static double spent(String epoch) {
        for (JsonNode unit : json(http.get("/_privacy/budget").assertSuccess()).get("epochs")) {
            if (unit.get("epoch").asText().equals(epoch)) {
                return unit.get("epsilon_spent").asDouble();
            }
        }
        return 0;
    }

    /**
     * Shape and values: every declared key present (also empty ones), undeclared values absent, each value within a
     * tail bound of the synthetic truth. Bound: P(|Z| > t) = 2 p^(t+1) / (1+p) <= 2 exp(-(t+1)/b); with
     * t + 1 >= b ln(2 * 25 / 1e-9) all 25 values are within t except with probability 1e-9.
     */
    @Test
    void declaredKeysArePresentUndeclaredAbsentAndValuesNearTheTruth() throws Exception {
        setLimit("100");
        List<Ev> events = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i <= u % 3; i++) {
                events.add(new Ev(u, "2024-01-10", "sync", "login", "mobile", "2024-01"));
            }
            if (u % 2 == 0) {
                events.add(new Ev(u, "2024-01-11", "hello", "call", "desktop", "2024-01"));
            }
            events.add(new Ev(u, "2024-01-12", "undeclared-service", "login", "mobile", "2024-01"));
            events.add(new Ev(u, "2024-01-12", "sync", "undeclared-event", "mobile", "2024-01"));
            events.add(new Ev(u, "2024-01-12", "sync", "login", "bot", "2024-01"));
        }
        events.add(new Ev(999, "2024-02-01", "sync", "login", "mobile", "2024-02")); // next window: not counted
        index("rollup-it-shape-2024.01", events);
        putJob("it-shape", "rollup-it-shape-*", "month",
            "{\"service\": [\"sync\", \"hello\", \"readinglist\"], \"event\": [\"login\", \"call\"], \"device\": [\"mobile\", \"desktop\"]}",
            "{\"users\": {\"epsilon\": 4}, \"events\": {\"epsilon\": 4, \"max_per_key\": 3}, \"multi_service_users\": {\"epsilon\": 2}}", 4);

        NodeHttp.Response r = run("it-shape", "2024-01-01", "shape-1");
        JsonNode body = json(r.assertSuccess());
        assertThat(body.get("job").asText()).isEqualTo("it-shape");
        assertThat(body.get("window_start").asText()).isEqualTo("2024-01-01");
        assertThat(body.get("window_end").asText()).isEqualTo("2024-02-01");
        assertThat(body.get("run_id").asText()).isEqualTo("shape-1");
        assertThat(body.get("epsilon_spent").asDouble()).isEqualTo(10.0);

        Map<String, Long> truth = new HashMap<>();
        for (String s : List.of("sync", "hello", "readinglist")) {
            for (String e : List.of("login", "call")) {
                for (String d : List.of("mobile", "desktop")) {
                    truth.put(s + "/" + e + "/" + d + "/users", 0L);
                    truth.put(s + "/" + e + "/" + d + "/events", 0L);
                }
            }
        }
        truth.put("sync/login/mobile/users", 30L);
        truth.put("sync/login/mobile/events", 60L); // 1, 2 or 3 events per user, capped at 3
        truth.put("hello/call/desktop/users", 15L);
        truth.put("hello/call/desktop/events", 15L);
        truth.put("///multi_service_users", 15L);
        Map<String, Double> scale = Map.of("users", 1.0, "events", 3.0, "multi_service_users", 0.5); // L1/eps: 4/4, 4*3/4, 1/2

        JsonNode results = body.get("results");
        assertThat(results).hasSize(25);
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode row : results) {
            byKey.put(key(row), row);
            assertThat(row.toString()).doesNotContain("undeclared", "bot");
        }
        assertThat(byKey.keySet()).isEqualTo(truth.keySet());
        for (Map.Entry<String, Long> t : truth.entrySet()) {
            JsonNode row = byKey.get(t.getKey());
            String measure = row.get("measure").asText();
            double b = scale.get(measure);
            assertThat(row.get("noise_scale").asDouble()).isEqualTo(b);
            long bound = (long) Math.ceil(b * Math.log(2 * 25 / 1e-9));
            assertThat(Math.abs(row.get("value").asLong() - t.getValue())).as(t.getKey()).isLessThanOrEqualTo(bound);
        }
        assertThat(byKey.get("sync/login/mobile/users").get("ci95").asLong()).isEqualTo(3);
        assertThat(byKey.get("///multi_service_users").has("service")).isFalse();

        // The same rows are stored, with the extra fields.
        JsonNode stored = json(http.get("/privacy-rollups-it-shape/_search?size=100&q=run_id:shape-1").assertSuccess());
        assertThat(stored.at("/hits/total/value").asInt()).isEqualTo(25);
        JsonNode doc = stored.at("/hits/hits/0/_source");
        for (String f : List.of("job", "window_start", "window", "epoch", "run_id", "epsilon", "generated_at", "measure", "value",
            "noise_scale", "ci95")) {
            assertThat(doc.has(f)).as(f).isTrue();
        }
        assertThat(doc.get("epoch").asText()).isEqualTo("2024-01");
        assertThat(doc.get("window").asText()).isEqualTo("month");
        assertThat(spent("2024-01")).isEqualTo(10.0);
    }

    /** One user touching 8 keys with 100 events each counts in exactly max_keys_per_user keys, max_per_key events each. */
    @Test
    void aSingleHeavyUserIsBounded() {
        setLimit("1000");
        List<Ev> events = new ArrayList<>();
        for (String s : List.of("a", "b", "c", "d")) {
            for (String e : List.of("x", "y")) {
                for (int i = 0; i < 100; i++) {
                    events.add(new Ev(7, "2024-02-05", s, e, "mobile", "2024-02"));
                }
            }
        }
        index("rollup-it-heavy-2024.02", events);
        // epsilon 200: b = 2/200 and 4/200, P(any noise != 0) < 1e-40, so values are the bounded counts.
        putJob("it-heavy", "rollup-it-heavy-*", "month", "{\"service\": [\"a\", \"b\", \"c\", \"d\"], \"event\": [\"x\", \"y\"]}",
            "{\"users\": {\"epsilon\": 200}, \"events\": {\"epsilon\": 200, \"max_per_key\": 2}}", 2);
        JsonNode body = json(run("it-heavy", "2024-02-01", "heavy-1").assertSuccess());
        long usersTotal = 0;
        long eventsTotal = 0;
        int touched = 0;
        for (JsonNode row : body.get("results")) {
            long v = row.get("value").asLong();
            assertThat(v).isBetween(0L, 2L);
            if (row.get("measure").asText().equals("users")) {
                usersTotal += v;
                touched += v > 0 ? 1 : 0;
            } else {
                eventsTotal += v;
            }
        }
        assertThat(usersTotal).isEqualTo(2);
        assertThat(touched).isEqualTo(2);
        assertThat(eventsTotal).isEqualTo(4);
    }

    /** 409 with the typed error, shared across job names and pattern spellings over the same epoch. */
    @Test
    void anExhaustedBudgetIsRefusedWith409() throws Exception {
        setLimit("1.0");
        index("rollup-it-budget-2024.03", List.of(new Ev(1, "2024-03-04", "sync", "login", "mobile", "2024-03")));
        putJob("it-budget", "rollup-it-budget-*", "month", "{\"service\": [\"sync\"]}", "{\"users\": {\"epsilon\": 0.6}}", 1);
        run("it-budget", "2024-03-01", "b1").assertSuccess();
        NodeHttp.Response refused = run("it-budget", "2024-03-01", "b2");
        assertThat(refused.status()).isEqualTo(409);
        JsonNode error = json(refused).get("error");
        assertThat(error.get("type").asText()).isEqualTo("privacy_budget_exhausted_exception");
        assertThat(error.get("reason").asText()).startsWith("PRIVACY_BUDGET_EXHAUSTED").contains("epoch [2024-03]", "remaining [0.4]");

        // Another name, another spelling of the pattern, another window size: same raw data, same budget.
        putJob("it-budget-other", "rollup-it-budget-2024*", "week", "{\"event\": [\"login\"]}", "{\"users\": {\"epsilon\": 0.5}}", 1);
        assertThat(run("it-budget-other", "2024-03-04", "o1").status()).isEqualTo(409);
        assertThat(spent("2024-03")).isEqualTo(0.6);
    }

    @Test
    void theSameRunIdReturnsTheStoredResultAndSpendsNothing() throws Exception {
        setLimit("1.0");
        index("rollup-it-retry-2024.04", List.of(new Ev(1, "2024-04-02", "sync", "login", "mobile", "2024-04")));
        putJob("it-retry", "rollup-it-retry-*", "month", "{\"service\": [\"sync\", \"hello\"]}", "{\"users\": {\"epsilon\": 0.6}}", 1);
        JsonNode first = json(run("it-retry", "2024-04-01", "same").assertSuccess());
        JsonNode again = json(run("it-retry", "2024-04-01", "same").assertSuccess());
        assertThat(again).isEqualTo(first);
        assertThat(spent("2024-04")).isEqualTo(0.6);
        assertThat(run("it-retry", "2024-04-01", "new-one").status()).isEqualTo(409);
    }

    /** Eight concurrent runs with different run_ids on one window: exactly the budget is spent. */
    @Test
    void concurrentRunsNeverOverspend() throws Exception {
        setLimit("1.0");
        index("rollup-it-conc-2024.05", List.of(new Ev(1, "2024-05-02", "sync", "login", "mobile", "2024-05"),
            new Ev(1, "2024-06-02", "sync", "login", "mobile", "2024-06")));
        putJob("it-conc", "rollup-it-conc-*", "month", "{\"service\": [\"sync\"]}", "{\"users\": {\"epsilon\": 0.25}}", 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<NodeHttp.Response>> distinct = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "c" + i;
                distinct.add(() -> run("it-conc", "2024-05-01", id));
            }
            int ok = 0;
            int conflict = 0;
            for (Future<NodeHttp.Response> f : pool.invokeAll(distinct)) {
                int status = f.get().status();
                ok += status == 200 ? 1 : 0;
                conflict += status == 409 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(4);
            assertThat(conflict).isEqualTo(4);
            assertThat(spent("2024-05")).isEqualTo(1.0);

            // Concurrent retries of ONE run_id: one computation, one spend, the same answer for all.
            List<Callable<NodeHttp.Response>> same = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                same.add(() -> run("it-conc", "2024-06-01", "one"));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<NodeHttp.Response> f : pool.invokeAll(same)) {
                bodies.add(json(f.get().assertSuccess()).toString());
            }
            assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
            assertThat(spent("2024-06")).isEqualTo(0.25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesOpenWindowsMultiEpochWindowsAndBadJobs() {
        setLimit("1.0");
        index("rollup-it-refuse-2024.07", List.of(new Ev(1, "2024-07-02", "sync", "login", "mobile", "2024-07"),
            new Ev(2, "2024-07-30", "sync", "login", "mobile", "2024-08")));
        putJob("it-refuse", "rollup-it-refuse-*", "month", "{\"service\": [\"sync\"]}", "{\"users\": {\"epsilon\": 0.5}}", 1);

        // Out-of-domain events with a third epoch label neither change the epochs counted nor the refusal.
        index("rollup-it-refuse-2024.07", List.of(new Ev(3, "2024-07-15", "undeclared", "login", "mobile", "2024-06")));
        NodeHttp.Response multi = run("it-refuse", "2024-07-01", "m1");
        assertThat(multi.status()).isEqualTo(400);
        assertThat(multi.body()).contains("[2] metrics epochs [2024-07, 2024-08]");
        assertThat(spent("2024-07")).isEqualTo(0.0);

        NodeHttp.Response open = run("it-refuse", "2999-01-01", "f1");
        assertThat(open.status()).isEqualTo(400);
        assertThat(open.body()).contains("has not ended yet");

        NodeHttp.Response misaligned = run("it-refuse", "2024-07-02", "f2");
        assertThat(misaligned.status()).isEqualTo(400);
        assertThat(misaligned.body()).contains("field [window_start]");

        NodeHttp.Response badJob = http.put("/_privacy/rollup/job/it-bad", """
            {"source": "rollup-it-refuse-*", "window": "month", "dimensions": {"service": ["sync"]},
             "measures": {"events": {"epsilon": 0.5}}, "max_keys_per_user": 1}""");
        assertThat(badJob.status()).isEqualTo(400);
        assertThat(badJob.body()).contains("field [measures.events.max_per_key]");

        assertThat(run("it-missing", "2024-07-01", "x").status()).isEqualTo(404);
    }

    /**
     * A run is a cancellable task visible in GET _tasks with its progress; cancelling it stops the scan, and because it
     * had already spent, the ledger keeps a record saying the run failed after spending.
     */
    @Test
    void aRunIsACancellableTaskAndAFailureAfterSpendingIsRecorded() throws Exception {
        setLimit("1.0");
        List<Ev> events = new ArrayList<>();
        for (int u = 0; u < 3000; u++) {
            for (String e : List.of("a", "b", "c", "d", "e")) {
                events.add(new Ev(u, "2024-09-03", "sync", e, "mobile", "2024-09"));
            }
        }
        for (int from = 0; from < events.size(); from += 5000) {
            index("rollup-it-task-2024.09", events.subList(from, Math.min(events.size(), from + 5000)));
        }
        putJob("it-task", "rollup-it-task-*", "month", "{\"event\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}",
            "{\"users\": {\"epsilon\": 0.5}}", 5);
        // Tiny pages make the scan slow enough to observe: 15000 buckets, 10 per page.
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": 10}}").assertSuccess();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<NodeHttp.Response> running = pool.submit(() -> run("it-task", "2024-09-01", "to-cancel"));
            String taskId = null;
            String description = null;
            for (int i = 0; i < 300 && taskId == null; i++) {
                JsonNode tasks = json(http.get("/_tasks?actions=cluster:admin/privacy_metrics/rollup/job/run&detailed=true").assertSuccess());
                for (JsonNode node : tasks.path("nodes")) {
                    for (var it = node.path("tasks").fields(); it.hasNext(); ) {
                        var t = it.next();
                        if (t.getValue().path("description").asText().contains("phase [scanning]")) {
                            taskId = t.getKey();
                            description = t.getValue().path("description").asText();
                            assertThat(t.getValue().path("cancellable").asBoolean()).isTrue();
                        }
                    }
                }
                Thread.sleep(20);
            }
            assertThat(taskId).as("run task visible in GET _tasks").isNotNull();
            assertThat(description).contains("rollup job [it-task]", "window_start [2024-09-01]", "phase [scanning]");
            http.post("/_tasks/" + taskId + "/_cancel", null).assertSuccess();
            NodeHttp.Response cancelled = running.get();
            assertThat(cancelled.isSuccess()).isFalse();
            assertThat(cancelled.body()).contains("cancelled"); // task_cancelled_exception, possibly as the cause of a search failure
        } finally {
            pool.shutdownNow();
            http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": null}}").assertSuccess();
        }
        assertThat(spent("2024-09")).isEqualTo(0.5);
        JsonNode budget = json(http.get("/_privacy/budget").assertSuccess());
        boolean recorded = false;
        for (JsonNode unit : budget.get("epochs")) {
            for (JsonNode r : unit.path("runs")) {
                if (r.path("run_id").asText().equals("to-cancel")) {
                    assertThat(r.get("status").asText()).isEqualTo("failed_after_spending");
                    assertThat(r.get("epsilon").asDouble()).isEqualTo(0.5);
                    recorded = true;
                }
            }
        }
        assertThat(recorded).isTrue();
        NodeHttp.Response retry = run("it-task", "2024-09-01", "to-cancel");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body()).contains("failed after spending");
    }

    /**
     * "schedule": true: the elected master runs the last closed window (yesterday, for a daily job without delay) with
     * the deterministic run_id scheduled-<window_start>; triggering the scheduler again runs nothing twice.
     */
    @Test
    void scheduledJobsRunEachClosedWindowOnce() throws Exception {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        if (now.getHour() == 23 && now.getMinute() >= 58) {
            Thread.sleep(java.time.Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)).toMillis() + 1000);
        }
        setLimit("1.0");
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        String epoch = "it-sched-" + yesterday;
        index("rollup-it-sched-" + yesterday.replace('-', '.'), List.of(new Ev(1, yesterday, "sync", "login", "mobile", epoch),
            new Ev(2, yesterday, "hello", "login", "mobile", epoch)));
        String job = """
            {"source": "rollup-it-sched-*", "window": "day", "dimensions": {"service": ["sync", "hello"]},
             "measures": {"users": {"epsilon": 0.5}}, "max_keys_per_user": 1, "schedule": true, "delay": "0ms"}""";
        http.put("/_privacy/rollup/job/it-sched", job).assertSuccess();
        String runId = "scheduled-" + yesterday;
        JsonNode run = null;
        for (int i = 0; i < 300 && run == null; i++) {
            for (JsonNode unit : json(http.get("/_privacy/budget").assertSuccess()).get("epochs")) {
                for (JsonNode r : unit.path("runs")) {
                    if (r.path("run_id").asText().equals(runId) && r.path("status").asText().equals("completed")) {
                        run = r;
                    }
                }
            }
            Thread.sleep(100);
        }
        assertThat(run).as("scheduled run of " + yesterday).isNotNull();
        assertThat(run.get("job").asText()).isEqualTo("it-sched");
        assertThat(spent(epoch)).isEqualTo(0.5);
        JsonNode stored = json(http.get("/privacy-rollups-it-sched/_search?size=10&q=run_id:" + runId).assertSuccess());
        assertThat(stored.at("/hits/total/value").asInt()).isEqualTo(2);

        // Storing the job again triggers the scheduler again: the window is not run (or paid for) twice.
        http.put("/_privacy/rollup/job/it-sched", job).assertSuccess();
        Thread.sleep(2000);
        assertThat(spent(epoch)).isEqualTo(0.5);
        // An explicit retry with the scheduler's run_id returns its stored result.
        assertThat(run("it-sched", yesterday, runId).status()).isEqualTo(200);
        assertThat(spent(epoch)).isEqualTo(0.5);
    }

    /**
     * Roles (docs/roles.yml): a viewer reads the budget and the rollups but cannot store or run jobs; an admin whose role
     * cannot read a job's source is refused before anything is spent (the source is read before the budget is touched).
     */
    @Test
    void rolesGuardJobsRunsAndTheBudget() {
        setLimit("1.0");
        index("rollup-it-roles-2024.11", List.of(new Ev(1, "2024-11-04", "sync", "login", "mobile", "2024-11")));
        putJob("it-roles", "rollup-it-roles-*", "month", "{\"service\": [\"sync\"]}", "{\"users\": {\"epsilon\": 0.5}}", 1);
        run("it-roles", "2024-11-01", "by-superuser").assertSuccess();

        NodeHttp viewer = http.withBasicAuth("pm-viewer", "pm-viewer-pw");
        assertThat(viewer.get("/_privacy/budget").status()).isEqualTo(200);
        assertThat(viewer.get("/privacy-rollups-it-roles/_search").status()).isEqualTo(200);
        assertThat(viewer.post("/_privacy/rollup/job/it-roles/_run", "{\"window_start\": \"2024-11-01\", \"run_id\": \"v\"}").status())
            .isEqualTo(403);
        assertThat(viewer.put("/_privacy/rollup/job/it-roles-v", "{}").status()).isEqualTo(403);

        NodeHttp admin = http.withBasicAuth("pm-admin", "pm-admin-pw");
        NodeHttp.Response refused = admin.post("/_privacy/rollup/job/it-roles/_run", "{\"window_start\": \"2024-11-01\", \"run_id\": \"a\"}");
        // Security drops unreadable indices from the pattern; the run refuses rather than releasing pure noise.
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("field [source] [rollup-it-roles-*]", "matches no index that the caller can read");
        assertThat(spent("2024-11")).isEqualTo(0.5);
        assertThat(admin.get("/_privacy/budget").status()).isEqualTo(200);
    }
}
