package org.privacymetrics.es.forget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * {@code POST _privacy/forget} re-keys the edge ids as the pipeline does and deletes those users' raw events from every
 * raw index, whatever epoch labels exist; other users' events stay. Events are written through the intake
 * {@code metrics-events} and counted over every raw index name ({@code metrics-events-*} and
 * {@code .privacy-metrics-events-*}), so the test does not depend on where the pipeline routes them. (The module's node
 * has the re-key secret in its keystore; the refusal of a node without one is tested in-JVM by {@code ForgetServiceTests}.)
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class ForgetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final String RAW = "/metrics-events-*,.privacy-metrics-events-*";

    private final NodeHttp es = ElasticsearchNodeExtension.node().http().withTimeout(Duration.ofMinutes(3));
    /** Events are written as clients write them: by the writer role (the superuser may not create raw system indices). */
    private final NodeHttp writer = ElasticsearchNodeExtension.node().httpAs("pm-writer", "pm-writer-pw").withTimeout(Duration.ofMinutes(3));
    // Closed months (the node accepts any day of the last century; counts are restricted to this test's service). An
    // event's metrics_epoch must be the label of its own day under the cluster's rotation (MONTH here), so each label
    // is a month and its events lie on days of that month.
    private final YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    /** Every day this test wrote to, for the clean-up. */
    private final Set<LocalDate> days = new LinkedHashSet<>();
    private final String service = "forget-it-" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final Set<String> leftOver = new LinkedHashSet<>();

    private static String edgeId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The label of {@code month} and its days this test writes to. */
    private static String label(YearMonth month) {
        return month.toString();
    }

    private static List<LocalDate> daysOf(YearMonth month) {
        return List.of(month.atDay(11), month.atDay(20));
    }

    /** One event for the intake; {@code event} tags who it belongs to, so counts can tell victims from bystanders. */
    private String event(LocalDate day, String metricsId, String label, String tag) {
        days.add(day);
        return "{\"create\":{\"_index\":\"metrics-events\"}}\n"
            + "{\"@timestamp\":\"" + day + "T12:00:00Z\",\"event_id\":\"" + UUID.randomUUID() + "\",\"service\":\"" + service + "\",\"event\":\""
            + tag + "\",\"metrics_id\":\"" + metricsId + "\",\"metrics_epoch\":\"" + label + "\",\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\"}\n";
    }

    private void write(String ndjson) throws Exception {
        JsonNode indexed = JSON.readTree(writer.bulk("/_bulk?refresh=true", ndjson).assertSuccess().body());
        if (indexed.path("errors").asBoolean()) {
            assertThat(indexed.path("items").findValues("error").stream().map(JsonNode::toString).distinct().limit(3)
                .collect(Collectors.joining("; "))).as("bulk errors").isEmpty();
        }
    }

    @Test
    void forgetDeletesOneUsersEventsInEveryDailyIndex() throws Exception {
        String aliceEarlier = edgeId();
        String aliceLater = edgeId();
        String bob = edgeId();
        leftOver.add(bob);
        StringBuilder bulk = new StringBuilder();
        YearMonth earlier = lastMonth.minusMonths(1);
        // alice's ids of two epochs, each on two days of its month (two daily indices each); bob on two of those days
        for (LocalDate day : daysOf(earlier)) {
            bulk.append(event(day, aliceEarlier, label(earlier), "alice"));
        }
        for (LocalDate day : daysOf(lastMonth)) {
            bulk.append(event(day, aliceLater, label(lastMonth), "alice"));
        }
        bulk.append(event(daysOf(earlier).get(0), bob, label(earlier), "bob")).append(event(daysOf(lastMonth).get(1), bob, label(lastMonth), "bob"));
        write(bulk.toString());
        assertThat(count(null)).isEqualTo(6);

        // a careless admin copies bob's stored (re-keyed) id from a raw event: refused, not {"deleted": 0}
        String bobStored = JSON.readTree(es.post(RAW + "/_search?expand_wildcards=all", "{\"size\":1,\"query\":{\"bool\":{\"filter\":["
            + "{\"term\":{\"service\":\"" + service + "\"}},{\"term\":{\"event\":\"bob\"}}]}}}").assertSuccess().body())
            .path("hits").path("hits").path(0).path("_source").path("metrics_id").asText();
        NodeHttp.Response copied = es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + bobStored + "\"]}");
        assertThat(copied.status()).as(copied.toString()).isEqualTo(400);
        assertThat(copied.body()).contains("holds stored ids of [1] raw events, not edge ids").doesNotContain(bobStored);
        assertThat(count("bob")).isEqualTo(2);

        NodeHttp.Response r = es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + aliceEarlier + "\",\"" + aliceLater + "\"]}").assertSuccess();
        assertThat(JSON.readTree(r.body()).path("deleted").asLong()).as(r.toString()).isEqualTo(4);
        assertThat(count("alice")).isZero();
        assertThat(count("bob")).isEqualTo(2);

        r = es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + aliceEarlier + "\"]}").assertSuccess();
        assertThat(JSON.readTree(r.body()).path("deleted").asLong()).isZero();
    }

    /**
     * Events written a moment before forget, not yet refreshed (the writer sends without {@code ?refresh}, as the
     * appender does), are deleted too, and counted: forget refreshes the raw indices itself before it looks. Forget runs
     * at once after each write, ten times (a refresh interval is one second).
     */
    @Test
    void forgetDeletesEventsWrittenAMomentBeforeItNotYetRefreshed() throws Exception {
        for (int round = 0; round < 10; round++) {
            String carol = edgeId();
            StringBuilder bulk = new StringBuilder();
            for (LocalDate day : daysOf(lastMonth)) {
                bulk.append(event(day, carol, label(lastMonth), "carol"));
            }
            JsonNode indexed = JSON.readTree(writer.bulk("/_bulk", bulk.toString()).assertSuccess().body());
            assertThat(indexed.path("errors").asBoolean()).as(indexed.toString()).isFalse();
            NodeHttp.Response r = es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + carol + "\"]}").assertSuccess();
            assertThat(JSON.readTree(r.body()).path("deleted").asLong()).as("round %d: %s", round, r).isEqualTo(2);
        }
        Thread.sleep(2_000); // past the periodic refresh: anything forget missed would be searchable now
        assertThat(count("carol")).isZero();
    }

    /**
     * The documented maximum: 10,000 ids, with 14 epoch labels present (140,000 (id, label) pairs, twice the default
     * {@code index.max_terms_count}), run as a task ({@code wait_for_completion=false}, then {@code GET _tasks/<id>}).
     */
    @Test
    void forgetsTenThousandIdsAcrossManyEpochLabelsExactly() throws Exception {
        // 14 labels: the 14 closed months before this one, each with its own days
        List<YearMonth> months = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int m = 0; m < 14; m++) {
            months.add(lastMonth.minusMonths(m));
            labels.add(label(lastMonth.minusMonths(m)));
        }
        List<String> victims = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            victims.add(edgeId());
        }
        List<String> bystanders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bystanders.add(edgeId());
        }
        leftOver.addAll(bystanders);
        StringBuilder bulk = new StringBuilder();
        long victimEvents = 0;
        // one victim with events under every label and on every day
        for (YearMonth month : months) {
            for (LocalDate day : daysOf(month)) {
                bulk.append(event(day, victims.get(0), label(month), "victim"));
                victimEvents++;
            }
        }
        // 1,200 further victim events spread over ids, labels and days (ids from the whole request, first and last included)
        for (int i = 0; i < 1_200; i++) {
            String id = victims.get(i == 1 ? victims.size() - 1 : (i * 37) % victims.size());
            YearMonth month = months.get(i % months.size());
            bulk.append(event(daysOf(month).get((i / months.size()) % 2), id, label(month), "victim"));
            victimEvents++;
        }
        // 600 bystander events under the same labels and days
        for (int i = 0; i < 600; i++) {
            YearMonth month = months.get((i * 5) % months.size());
            bulk.append(event(daysOf(month).get(i % 2), bystanders.get(i % bystanders.size()), label(month), "bystander"));
        }
        write(bulk.toString());
        assertThat(count("victim")).isEqualTo(victimEvents);
        assertThat(count("bystander")).isEqualTo(600);

        String body = victims.stream().collect(Collectors.joining("\",\"", "{\"metrics_ids\":[\"", "\"]}"));
        long started = System.nanoTime();
        NodeHttp.Response r = es.post("/_privacy/forget?wait_for_completion=false", body).assertSuccess();
        String taskId = JSON.readTree(r.body()).path("task").asText();
        assertThat(taskId).as(r.toString()).matches("[^:]+:\\d+");
        JsonNode task = awaitTask(taskId);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(task.path("completed").asBoolean()).as(task.toString()).isTrue();
        assertThat(task.path("error").isMissingNode()).as(task.toString()).isTrue();
        assertThat(task.path("response").path("deleted").asLong()).as(task.toString()).isEqualTo(victimEvents);
        assertThat(task.path("task").path("action").asText()).isEqualTo("cluster:admin/privacy_metrics/forget");
        assertThat(task.path("task").path("status").path("phase").asText()).as(task.toString()).isEqualTo("done");
        assertThat(task.path("task").path("status").path("labels").asInt()).isGreaterThanOrEqualTo(labels.size());
        System.out.printf("forget of 10000 ids over %d+ labels: %d events deleted in %d ms%n", labels.size(), victimEvents, millis);

        assertThat(count("victim")).isZero();
        assertThat(count("bystander")).isEqualTo(600);
        // repeating it finds nothing, and waiting for completion answers the same shape
        r = es.post("/_privacy/forget", body).assertSuccess();
        assertThat(JSON.readTree(r.body()).path("deleted").asLong()).as(r.toString()).isZero();
    }

    /**
     * Waits for the task's end: each wait is bounded by Elasticsearch at 150 s and answers 429 {@code timeout_exception}
     * while the task still runs (a loaded 2-core CI machine once needed more than one wait); four waits are a generous
     * liveness bound, not a timing test.
     */
    private JsonNode awaitTask(String taskId) throws Exception {
        NodeHttp.Response r = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            r = es.get("/_tasks/" + taskId + "?wait_for_completion=true&timeout=150s");
            if (r.status() != 429 || !r.body().contains("timeout_exception")) {
                break;
            }
        }
        return JSON.readTree(r.assertSuccess().body());
    }

    @Test
    void badInputIsRejectedWithTheFieldAndRuleButNotTheValue() throws Exception {
        for (String path : List.of("/_privacy/forget", "/_privacy/forget?wait_for_completion=false")) {
            NodeHttp.Response r = es.post(path, "{\"metrics_ids\":[\"bob@example.com\"]}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("field [metrics_ids] entry [0] must be 32 lowercase hex characters").doesNotContain("bob@example.com");
        }
        NodeHttp.Response r = es.post("/_privacy/forget", "{\"uid\":\"bob\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("field [uid] is not allowed");
    }

    /** Events of this test's service, all or those tagged {@code tag}, in every raw index. */
    private long count(String tag) throws Exception {
        String query = tag == null ? "{\"term\":{\"service\":\"" + service + "\"}}"
            : "{\"bool\":{\"filter\":[{\"term\":{\"service\":\"" + service + "\"}},{\"term\":{\"event\":\"" + tag + "\"}}]}}";
        JsonNode c = JSON.readTree(es.post(RAW + "/_count?expand_wildcards=all&ignore_unavailable=true", "{\"query\":" + query + "}")
            .assertSuccess().body());
        return c.path("count").asLong();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (!leftOver.isEmpty()) {
            es.post("/_privacy/forget", leftOver.stream().collect(Collectors.joining("\",\"", "{\"metrics_ids\":[\"", "\"]}"))).assertSuccess();
            assertThat(count(null)).isZero();
        }
        // only if nothing else lives there
        for (LocalDate day : days) {
            for (String index : List.of("metrics-events-" + DAY.format(day), ".privacy-metrics-events-" + day.toString().substring(0, 7))) {
                NodeHttp.Response c = es.get("/" + index + "/_count?expand_wildcards=all");
                if (c.status() == 200 && c.body().contains("\"count\":0,")) {
                    es.delete("/" + index);
                }
            }
        }
    }
}
