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
 * The rollup API on the shared real node. Events are written as clients write them, through the intake
 * {@code metrics-events}; every test uses its own job, its own dimension values (prefixed per test) and its own
 * calendar months in 2024 (the ledger is keyed by the epochs of the pinned MONTH rotation), so it neither sees nor spends
 * the data or budget of another test.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class RollupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NodeHttp http;

    @BeforeAll
    static void setUp(NodeHttp node) {
        http = node;
    }

    @AfterAll
    static void resetBudget() {
        setLimit("null");
    }

    private static void setLimit(String value) {
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": " + value + "}}").assertSuccess();
    }

    record Ev(int user, String day, String service, String event, String device) {
        String epoch() {
            return day.substring(0, 7);
        }
    }

    static String eventJson(Ev e, String epoch) {
        return String.format("{\"@timestamp\": \"%sT12:00:00Z\", \"event_id\": \"%s\", \"service\": \"%s\", \"event\": \"%s\","
                + " \"metrics_id\": \"%032x\", \"metrics_epoch\": \"%s\", \"metrics_key_id\": \"0badc0de\", \"device\": \"%s\"}",
            e.day, UUID.randomUUID(), e.service, e.event, e.user, epoch, e.device);
    }

    /**
     * Writes events through the intake as clients do, with the shipped writer role (raw indices are restricted: not even
     * the superuser may write them); all must be accepted.
     */
    static void index(List<Ev> events) {
        StringBuilder bulk = new StringBuilder();
        for (Ev e : events) {
            bulk.append("{\"create\": {\"_index\": \"metrics-events\"}}\n").append(eventJson(e, e.epoch())).append('\n');
        }
        NodeHttp.Response r = writer().bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess();
        assertThat(r.body()).contains("\"errors\":false");
        http.post("/.privacy-metrics-events-*/_refresh?expand_wildcards=all", null);
    }

    private static NodeHttp writer() {
        return http.withBasicAuth("pm-writer", "pm-writer-pw");
    }

    private static JsonNode json(NodeHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private static void putJob(String name, String window, String dimensions, String measures, int maxKeys) {
        http.put("/_privacy/rollup/job/" + name, String.format(
            "{\"window\": \"%s\", \"dimensions\": %s, \"measures\": %s, \"max_keys_per_user\": %d}",
            window, dimensions, measures, maxKeys)).assertSuccess();
    }

    private static NodeHttp.Response run(String job, String windowStart, String runId) {
        return http.post("/_privacy/rollup/job/" + job + "/_run",
            "{\"window_start\": \"" + windowStart + "\", \"run_id\": \"" + runId + "\"}");
    }

    private static String key(JsonNode row) {
        return row.path("service").asText("") + "/" + row.path("event").asText("") + "/" + row.path("device").asText("") + "/"
            + row.get("measure").asText();
    }

    private static JsonNode budgetOf(String epoch) {
        for (JsonNode unit : json(http.get("/_privacy/budget").assertSuccess()).get("epochs")) {
            if (unit.get("epoch").asText().equals(epoch)) {
                return unit;
            }
        }
        return null;
    }

    private static double spent(String epoch) {
        JsonNode unit = budgetOf(epoch);
        return unit == null ? 0 : unit.get("epsilon_spent").asDouble();
    }

    /**
     * Shape and values: every declared key present (also empty ones), undeclared values absent, each value within a
     * tail bound of the synthetic truth. Bound: P(|Z| > t) = 2 p^(t+1) / (1+p) <= 2 exp(-(t+1)/b); with
     * t + 1 >= b ln(2 * 25 / 1e-9) all 25 values are within t except with probability 1e-9.
     */
    @Test
    void declaredKeysArePresentUndeclaredAbsentAndValuesNearTheTruth() throws Exception {
        setLimit("64");
        List<Ev> events = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i <= u % 3; i++) {
                events.add(new Ev(u, "2022-01-10", "rit-sync", "login", "mobile"));
            }
            if (u % 2 == 0) {
                events.add(new Ev(u, "2022-01-11", "rit-hello", "call", "desktop"));
            }
            events.add(new Ev(u, "2022-01-12", "rit-undeclared-service", "login", "mobile"));
            events.add(new Ev(u, "2022-01-12", "rit-sync", "undeclared-event", "mobile"));
            events.add(new Ev(u, "2022-01-12", "rit-sync", "login", "bot"));
        }
        events.add(new Ev(999, "2022-02-01", "rit-sync", "login", "mobile")); // next window: not counted
        index(events);
        putJob("it-shape", "month",
            "{\"service\": [\"rit-sync\", \"rit-hello\", \"rit-readinglist\"], \"event\": [\"login\", \"call\"], \"device\": [\"mobile\", \"desktop\"]}",
            "{\"users\": {\"epsilon\": 4}, \"events\": {\"epsilon\": 4, \"max_per_key\": 3}, \"multi_service_users\": {\"epsilon\": 2}}", 4);

        NodeHttp.Response r = run("it-shape", "2022-01-01", "shape-1");
        JsonNode body = json(r.assertSuccess());
        assertThat(body.get("job").asText()).isEqualTo("it-shape");
        assertThat(body.get("window_start").asText()).isEqualTo("2022-01-01");
        assertThat(body.get("window_end").asText()).isEqualTo("2022-02-01");
        assertThat(body.get("run_id").asText()).isEqualTo("shape-1");
        assertThat(body.get("epsilon_spent").asDouble()).isEqualTo(10.0);
        assertThat(body.get("epochs").toString()).isEqualTo("[\"2022-01\"]");

        Map<String, Long> truth = new HashMap<>();
        for (String s : List.of("rit-sync", "rit-hello", "rit-readinglist")) {
            for (String e : List.of("login", "call")) {
                for (String d : List.of("mobile", "desktop")) {
                    truth.put(s + "/" + e + "/" + d + "/users", 0L);
                    truth.put(s + "/" + e + "/" + d + "/events", 0L);
                }
            }
        }
        truth.put("rit-sync/login/mobile/users", 30L);
        truth.put("rit-sync/login/mobile/events", 60L); // 1, 2 or 3 events per user, capped at 3
        truth.put("rit-hello/call/desktop/users", 15L);
        truth.put("rit-hello/call/desktop/events", 15L);
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
        assertThat(byKey.get("rit-sync/login/mobile/users").get("ci95").asLong()).isEqualTo(3);
        assertThat(byKey.get("///multi_service_users").has("service")).isFalse();

        // The same rows are stored, with the extra fields.
        JsonNode stored = json(http.get("/privacy-rollups-it-shape/_search?size=100&q=run_id:shape-1").assertSuccess());
        assertThat(stored.at("/hits/total/value").asInt()).isEqualTo(25);
        JsonNode doc = stored.at("/hits/hits/0/_source");
        for (String f : List.of("job", "window_start", "window", "epochs", "run_id", "epsilon", "generated_at", "measure", "value",
            "noise_scale", "ci95")) {
            assertThat(doc.has(f)).as(f).isTrue();
        }
        assertThat(doc.has("epoch")).isFalse();
        assertThat(doc.get("epochs").toString()).isEqualTo("[\"2022-01\"]");
        assertThat(doc.get("window").asText()).isEqualTo("month");
        assertThat(spent("2022-01")).isEqualTo(10.0);
    }

    /** One user touching 8 keys with 100 events each counts in exactly max_keys_per_user keys, max_per_key events each. */
    @Test
    void aSingleHeavyUserIsBounded() {
        setLimit("64");
        List<Ev> events = new ArrayList<>();
        for (String s : List.of("rit-a", "rit-b", "rit-c", "rit-d")) {
            for (String e : List.of("x", "y")) {
                for (int i = 0; i < 100; i++) {
                    events.add(new Ev(7, "2022-02-05", s, e, "mobile"));
                }
            }
        }
        index(events);
        // max_keys_per_user 1: L1 sensitivity 1 (users) and 2 (events); epsilon 30 and 34: b = 1/30 and 1/17, so
        // P(noise != 0) = 2p/(1+p) with p = e^(-1/b) is below 1e-6 per key: values are the bounded counts.
        putJob("it-heavy", "month", "{\"service\": [\"rit-a\", \"rit-b\", \"rit-c\", \"rit-d\"], \"event\": [\"x\", \"y\"]}",
            "{\"users\": {\"epsilon\": 30}, \"events\": {\"epsilon\": 34, \"max_per_key\": 2}}", 1);
        JsonNode body = json(run("it-heavy", "2022-02-01", "heavy-1").assertSuccess());
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
        assertThat(usersTotal).isEqualTo(1);
        assertThat(touched).isEqualTo(1);
        assertThat(eventsTotal).isEqualTo(2);
    }

    /** 409 with the typed error, shared across job names, source spellings and window sizes over the same epoch. */
    @Test
    void anExhaustedBudgetIsRefusedWith409() throws Exception {
        setLimit("1.0");
        index(List.of(new Ev(1, "2022-03-04", "rit-budget", "login", "mobile")));
        http.put("/_privacy/rollup/job/it-budget", """
            {"source": "metrics-events-*", "window": "month", "dimensions": {"service": ["rit-budget"]},
             "measures": {"users": {"epsilon": 0.6}}, "max_keys_per_user": 1}""").assertSuccess();
        run("it-budget", "2022-03-01", "b1").assertSuccess();
        NodeHttp.Response refused = run("it-budget", "2022-03-01", "b2");
        assertThat(refused.status()).isEqualTo(409);
        JsonNode error = json(refused).get("error");
        assertThat(error.get("type").asText()).isEqualTo("privacy_budget_exhausted_exception");
        assertThat(error.get("reason").asText()).startsWith("PRIVACY_BUDGET_EXHAUSTED").contains("epoch [2022-03]", "remaining [0.4]");

        // Another name, the other spelling of the source, another window size: the same people, the same budget.
        http.put("/_privacy/rollup/job/it-budget-other", """
            {"source": "metrics-events", "window": "week", "dimensions": {"event": ["login"]},
             "measures": {"users": {"epsilon": 0.5}}, "max_keys_per_user": 1}""").assertSuccess();
        assertThat(run("it-budget-other", "2022-03-07", "o1").status()).isEqualTo(409);
        assertThat(spent("2022-03")).isEqualTo(0.6);
    }

    /**
     * A job reads the plugin's raw events and nothing else: a copy of the raw events (or any index with metrics ids and
     * timestamps) cannot be aggregated through the plugin, whatever the spelling.
     */
    @Test
    void noOtherIndexCanBeAggregated() {
        http.put("/rollup-it-copy", """
            {"mappings": {"properties": {"@timestamp": {"type": "date"}, "metrics_id": {"type": "keyword"},
             "service": {"type": "keyword"}}}}""").assertSuccess();
        http.post("/rollup-it-copy/_doc?refresh=true", "{\"@timestamp\": \"2022-04-02T10:00:00Z\", \"metrics_id\": \"00\", \"service\": \"sync\"}")
            .assertSuccess();
        for (String source : List.of("rollup-it-copy", "rollup-it-*", "*", "metrics-events*", "metrics-events-*,rollup-it-copy",
                ".privacy-metrics-events-*", ".privacy-metrics-rollups", "_all", "metrics-events-2022.04.02", "remote:metrics-events", "")) {
            NodeHttp.Response r = http.put("/_privacy/rollup/job/it-copy", """
                {"source": "%s", "window": "month", "dimensions": {"service": ["sync"]},
                 "measures": {"users": {"epsilon": 0.5}}, "max_keys_per_user": 1}""".formatted(source));
            assertThat(r.status()).as(source).isEqualTo(400);
            assertThat(r.body()).as(source).contains("field [source]");
        }
        assertThat(run("it-copy", "2022-04-01", "x").status()).isEqualTo(404);
        assertThat(spent("2022-04")).isEqualTo(0.0);
        http.delete("/rollup-it-copy");
    }

    /**
     * Whether a run is charged, and the shape of its answer, never depend on the data: a window without events costs the
     * job's epsilon on its epoch like a full one, and both answers carry the same keys and fields.
     */
    @Test
    void anEmptyWindowIsChargedLikeAFullOneAndAnswersWithTheSameShape() {
        setLimit("1.0");
        index(List.of(new Ev(1, "2022-05-03", "rit-empty", "login", "mobile")));
        putJob("it-empty", "day", "{\"service\": [\"rit-empty\"], \"device\": [\"mobile\", \"desktop\"]}", "{\"users\": {\"epsilon\": 0.3}}", 2);
        JsonNode full = json(run("it-empty", "2022-05-03", "full").assertSuccess());
        JsonNode empty = json(run("it-empty", "2022-05-04", "empty").assertSuccess());
        assertThat(spent("2022-05")).isEqualTo(0.6);
        for (JsonNode body : List.of(full, empty)) {
            assertThat(body.get("epsilon_spent").asDouble()).isEqualTo(0.3);
            assertThat(body.get("epochs").toString()).isEqualTo("[\"2022-05\"]");
        }
        assertThat(fieldNames(empty)).isEqualTo(fieldNames(full));
        assertThat(empty.get("results")).hasSameSizeAs(full.get("results"));
        for (int i = 0; i < full.get("results").size(); i++) {
            assertThat(fieldNames(empty.get("results").get(i))).isEqualTo(fieldNames(full.get("results").get(i)));
        }
        // a day in a month that holds no event at all is charged the same
        assertThat(json(run("it-empty", "2022-06-15", "nothing").assertSuccess()).get("epsilon_spent").asDouble()).isEqualTo(0.3);
        assertThat(spent("2022-06")).isEqualTo(0.3);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * The limit in force when an epoch is first charged binds it for good: raising the setting does not reopen an
     * exhausted epoch, while a fresh epoch gets the new limit; the setting is bounded.
     */
    @Test
    void aLimitBindsFromItsFirstUse() {
        setLimit("1.0");
        index(List.of(new Ev(1, "2022-07-04", "rit-limit", "login", "mobile"), new Ev(1, "2022-08-04", "rit-limit", "login", "mobile")));
        putJob("it-limit", "month", "{\"service\": [\"rit-limit\"]}", "{\"users\": {\"epsilon\": 1.0}}", 1);
        run("it-limit", "2022-07-01", "l1").assertSuccess();
        assertThat(run("it-limit", "2022-07-01", "l2").status()).isEqualTo(409);
        setLimit("4.0");
        NodeHttp.Response still = run("it-limit", "2022-07-01", "l3");
        assertThat(still.status()).isEqualTo(409);
        assertThat(still.body()).contains("epoch [2022-07] spent [1] of its limit [1]");
        for (int i = 0; i < 4; i++) {
            run("it-limit", "2022-08-01", "fresh-" + i).assertSuccess();
        }
        assertThat(run("it-limit", "2022-08-01", "fresh-4").status()).isEqualTo(409);
        assertThat(budgetOf("2022-07").get("epsilon_limit").asDouble()).isEqualTo(1.0);
        assertThat(budgetOf("2022-07").get("exhausted").asBoolean()).isTrue();
        assertThat(budgetOf("2022-08").get("epsilon_limit").asDouble()).isEqualTo(4.0);
        JsonNode budget = json(http.get("/_privacy/budget").assertSuccess());
        assertThat(budget.get("epsilon_per_epoch").asDouble()).isEqualTo(4.0);
        assertThat(budget.get("rotation").asText()).isEqualTo("MONTH");
        for (String bad : List.of("0", "-1", "64.5", "1e9", "\"NaN\"", "\"abc\"")) {
            NodeHttp.Response r = http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": " + bad + "}}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body()).contains("privacy_metrics.budget.epsilon_per_epoch");
        }
        setLimit("1.0");
    }

    /**
     * The edge does not choose the privacy unit: a label that is not the MONTH label of the event's own day is refused at
     * ingest (named and counted), so no event can make a month's rollup fail.
     */
    @Test
    void labelsOfTheWrongFormOrMonthAreRefusedAtIngestAndNeverBreakARollup() {
        setLimit("1.0");
        Ev e = new Ev(1, "2022-09-05", "rit-label", "login", "mobile");
        StringBuilder bulk = new StringBuilder();
        List<String> wrong = List.of("0000-00", "2022-10", "2022-W36", "2022-09-05", "2022-08");
        for (String label : wrong) {
            bulk.append("{\"create\": {\"_index\": \"metrics-events\"}}\n").append(eventJson(e, label)).append('\n');
        }
        JsonNode r = json(writer().bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess());
        assertThat(r.get("errors").asBoolean()).isTrue();
        for (JsonNode item : r.get("items")) {
            assertThat(item.at("/create/status").asInt()).isEqualTo(400);
            assertThat(item.at("/create/error/reason").asText()).contains("field [metrics_epoch] must be the [MONTH] label");
        }
        assertThat(http.get("/_privacy/stats").assertSuccess().body()).contains("metrics_epoch_mismatch");
        index(List.of(e));
        setLimit("64");
        putJob("it-label", "month", "{\"service\": [\"rit-label\"]}", "{\"users\": {\"epsilon\": 60}}", 1);
        JsonNode body = json(run("it-label", "2022-09-01", "label-1").assertSuccess());
        assertThat(body.get("results").get(0).get("value").asLong()).isEqualTo(1);
        setLimit("1.0");
    }

    @Test
    void theSameRunIdReturnsTheStoredResultAndSpendsNothing() throws Exception {
        setLimit("1.0");
        index(List.of(new Ev(1, "2022-10-02", "rit-retry", "login", "mobile")));
        putJob("it-retry", "month", "{\"service\": [\"rit-retry\", \"rit-retry2\"]}", "{\"users\": {\"epsilon\": 0.6}}", 1);
        JsonNode first = json(run("it-retry", "2022-10-01", "same").assertSuccess());
        JsonNode again = json(run("it-retry", "2022-10-01", "same").assertSuccess());
        assertThat(again).isEqualTo(first);
        assertThat(spent("2022-10")).isEqualTo(0.6);
        assertThat(run("it-retry", "2022-10-01", "new-one").status()).isEqualTo(409);
    }

    /**
     * 24 concurrent runs with different run_ids on one window (more than the node executes at once, so they also queue
     * for a run slot): exactly the budget is spent, exactly as many succeed as it allows.
     */
    @Test
    void concurrentRunsNeverOverspend() throws Exception {
        setLimit("1.0");
        index(List.of(new Ev(1, "2022-11-02", "rit-conc", "login", "mobile"), new Ev(1, "2022-12-02", "rit-conc", "login", "mobile")));
        putJob("it-conc", "month", "{\"service\": [\"rit-conc\"]}", "{\"users\": {\"epsilon\": 0.25}}", 1);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Callable<NodeHttp.Response>> distinct = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String id = "c" + i;
                distinct.add(() -> run("it-conc", "2022-11-01", id));
            }
            int ok = 0;
            int conflict = 0;
            for (Future<NodeHttp.Response> f : pool.invokeAll(distinct)) {
                int status = f.get().status();
                ok += status == 200 ? 1 : 0;
                conflict += status == 409 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(4);
            assertThat(conflict).isEqualTo(20);
            assertThat(spent("2022-11")).isEqualTo(1.0);

            // Concurrent retries of ONE run_id: one computation, one spend, the same answer for all.
            List<Callable<NodeHttp.Response>> same = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                same.add(() -> run("it-conc", "2022-12-01", "one"));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<NodeHttp.Response> f : pool.invokeAll(same)) {
                bodies.add(json(f.get().assertSuccess()).toString());
            }
            assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
            assertThat(spent("2022-12")).isEqualTo(0.25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesOpenWindowsAndBadJobs() {
        setLimit("1.0");
        putJob("it-refuse", "month", "{\"service\": [\"rit-refuse\"]}", "{\"users\": {\"epsilon\": 0.5}}", 1);
        NodeHttp.Response open = run("it-refuse", "2999-01-01", "f1");
        assertThat(open.status()).isEqualTo(400);
        assertThat(open.body()).contains("has not ended yet");

        NodeHttp.Response misaligned = run("it-refuse", "2021-07-02", "f2");
        assertThat(misaligned.status()).isEqualTo(400);
        assertThat(misaligned.body()).contains("field [window_start]");
        assertThat(spent("2021-07")).isEqualTo(0.0);

        NodeHttp.Response badJob = http.put("/_privacy/rollup/job/it-bad", """
            {"window": "month", "dimensions": {"service": ["sync"]},
             "measures": {"events": {"epsilon": 0.5}}, "max_keys_per_user": 1}""");
        assertThat(badJob.status()).isEqualTo(400);
        assertThat(badJob.body()).contains("field [measures.events.max_per_key]");

        assertThat(run("it-missing", "2021-07-01", "x").status()).isEqualTo(404);

        // Shape errors are refused before any work, naming the field and the rule, never the value sent.
        NodeHttp.Response secretRunId = run("it-refuse", "2021-07-01", "token=s3cr3t/value");
        assertThat(secretRunId.status()).isEqualTo(400);
        assertThat(secretRunId.body()).contains("action_request_validation_exception", "field [run_id]").doesNotContain("s3cr3t");
        NodeHttp.Response noBody = http.post("/_privacy/rollup/job/it-refuse/_run", null);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.body()).contains("request body with [window_start] and [run_id] is required");
        NodeHttp.Response badName = http.put("/_privacy/rollup/job/Alice.Example", "{\"window\": \"month\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("[name] must be 1-100 characters").doesNotContain("Alice");
        assertThat(http.get("/_privacy/rollup/job/Alice.Example").body()).contains("[name] must be").doesNotContain("Alice");
        assertThat(spent("2021-07")).isEqualTo(0.0);
    }

    /**
     * Fifth attack review: every job's first run creates {@code privacy-rollups-<job>}, which outlives the job, so jobs
     * stored under ever new names filled the cluster's shard limit. New names stop at
     * {@code privacy_metrics.rollup.max_jobs}; replacing a stored job does not count.
     */
    @Test
    void newJobNamesStopAtTheLimitSoResultsIndicesCannotFillTheCluster() {
        String body = "{\"window\": \"month\", \"dimensions\": {\"service\": [\"rit-cap\"]}, \"measures\": {\"users\": {\"epsilon\": 0.1}},"
            + " \"max_keys_per_user\": 1}";
        http.put("/_privacy/rollup/job/it-cap", body).assertSuccess();
        for (String bad : List.of("0", "1001")) {
            assertThat(http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.max_jobs\": " + bad + "}}").status())
                .as(bad).isEqualTo(400);
        }
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.max_jobs\": 1}}").assertSuccess();
        try {
            http.put("/_privacy/rollup/job/it-cap", body).assertSuccess();
            NodeHttp.Response refused = http.put("/_privacy/rollup/job/it-cap-new", body);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("[privacy_metrics.rollup.max_jobs]").doesNotContain("it-cap-new");
            assertThat(http.get("/_privacy/rollup/job/it-cap-new").status()).isEqualTo(404);
        } finally {
            http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.max_jobs\": null}}").assertSuccess();
        }
        http.put("/_privacy/rollup/job/it-cap-new", body).assertSuccess();
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
                events.add(new Ev(u, "2021-09-03", "rit-task", e, "mobile"));
            }
        }
        for (int from = 0; from < events.size(); from += 5000) {
            index(events.subList(from, Math.min(events.size(), from + 5000)));
        }
        putJob("it-task", "month", "{\"service\": [\"rit-task\"], \"event\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}",
            "{\"users\": {\"epsilon\": 0.5}}", 5);
        // Tiny pages make the scan slow enough to observe: 15000 buckets, 10 per page.
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": 10}}").assertSuccess();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<NodeHttp.Response> running = pool.submit(() -> run("it-task", "2021-09-01", "to-cancel"));
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
            assertThat(description).contains("rollup job [it-task]", "window_start [2021-09-01]", "phase [scanning]");
            http.post("/_tasks/" + taskId + "/_cancel", null).assertSuccess();
            NodeHttp.Response cancelled = running.get();
            assertThat(cancelled.isSuccess()).isFalse();
            assertThat(cancelled.body()).contains("cancelled"); // task_cancelled_exception, possibly as the cause of a search failure
        } finally {
            pool.shutdownNow();
            http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.rollup.page_size\": null}}").assertSuccess();
        }
        assertThat(spent("2021-09")).isEqualTo(0.5);
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
        // A run keeps the definition it was charged for: after a redefinition its run_id is refused ...
        putJob("it-task", "month", "{\"service\": [\"rit-task\"], \"event\": [\"a\", \"b\"]}", "{\"users\": {\"epsilon\": 0.5}}", 5);
        NodeHttp.Response redefined = run("it-task", "2021-09-01", "to-cancel");
        assertThat(redefined.status()).isEqualTo(400);
        assertThat(redefined.body()).contains("was redefined after run [to-cancel] started");
        putJob("it-task", "month", "{\"service\": [\"rit-task\"], \"event\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}",
            "{\"users\": {\"epsilon\": 0.5}}", 5);
        // ... and with its own definition, nothing having been released, retrying resumes it under its existing charge.
        JsonNode retried = json(run("it-task", "2021-09-01", "to-cancel").assertSuccess());
        assertThat(retried.get("results")).hasSize(5);
        assertThat(spent("2021-09")).isEqualTo(0.5);
        assertThat(json(run("it-task", "2021-09-01", "to-cancel").assertSuccess())).as("then the stored answer").isEqualTo(retried);
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
        String epoch = yesterday.substring(0, 7); // charged on the MONTH epoch the day lies in
        index(List.of(new Ev(1, yesterday, "rit-sched-a", "login", "mobile"), new Ev(2, yesterday, "rit-sched-b", "login", "mobile")));
        String job = """
            {"window": "day", "dimensions": {"service": ["rit-sched-a", "rit-sched-b"]},
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

        // GET shows the definition and the schedule state; DELETE removes the job, results and ledger stay.
        JsonNode described = json(http.get("/_privacy/rollup/job/it-sched").assertSuccess());
        assertThat(described.at("/definition/window").asText()).isEqualTo("day");
        assertThat(described.at("/schedule/last_window_done").asText()).isEqualTo(yesterday);
        assertThat(described.at("/schedule/next_window_start").asText()).isEqualTo(java.time.LocalDate.parse(yesterday).plusDays(1).toString());
        http.delete("/_privacy/rollup/job/it-sched").assertSuccess();
        assertThat(http.get("/_privacy/rollup/job/it-sched").status()).isEqualTo(404);
        assertThat(json(http.get("/privacy-rollups-it-sched/_search?size=10&q=run_id:" + runId).assertSuccess()).at("/hits/total/value").asInt())
            .isEqualTo(2);
        assertThat(spent(epoch)).isEqualTo(0.5);
    }

    /**
     * Roles (docs/roles.yml): a viewer reads the budget and the rollups but cannot store or run jobs; an admin runs a job
     * although it can write no raw index: runs read as the plugin, restricted to the raw events, and the plugin writes
     * the results (no shipped role may).
     */
    @Test
    void rolesGuardJobsRunsAndTheBudget() {
        setLimit("1.0");
        index(List.of(new Ev(1, "2021-11-04", "rit-roles", "login", "mobile")));
        putJob("it-roles", "month", "{\"service\": [\"rit-roles\"]}", "{\"users\": {\"epsilon\": 0.5}}", 1);

        NodeHttp viewer = http.withBasicAuth("pm-viewer", "pm-viewer-pw");
        assertThat(viewer.post("/_privacy/rollup/job/it-roles/_run", "{\"window_start\": \"2021-11-01\", \"run_id\": \"v\"}").status())
            .isEqualTo(403);
        assertThat(viewer.put("/_privacy/rollup/job/it-roles-v", "{}").status()).isEqualTo(403);

        NodeHttp admin = http.withBasicAuth("pm-admin", "pm-admin-pw");
        JsonNode ran = json(admin.post("/_privacy/rollup/job/it-roles/_run", "{\"window_start\": \"2021-11-01\", \"run_id\": \"a\"}")
            .assertSuccess());
        assertThat(ran.get("epsilon_spent").asDouble()).isEqualTo(0.5);
        assertThat(spent("2021-11")).isEqualTo(0.5);
        assertThat(viewer.get("/_privacy/budget").status()).isEqualTo(200);
        assertThat(viewer.get("/privacy-rollups-it-roles/_search").assertSuccess().body()).contains("\"run_id\":\"a\"");
        assertThat(admin.post("/privacy-rollups-it-roles/_doc", "{\"value\": 1}").status()).isEqualTo(403);
        assertThat(admin.put("/_privacy/rollup/job/it-roles-other", """
            {"source": "privacy-rollups-*", "window": "month", "dimensions": {"service": ["x"]},
             "measures": {"users": {"epsilon": 0.5}}, "max_keys_per_user": 1}""").status()).isEqualTo(400);
    }
}
