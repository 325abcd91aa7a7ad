package org.privacymetrics.es.forget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * {@code POST _privacy/forget} re-keys the edge ids as the pipeline does and deletes that user's raw events from every
 * daily index; other users' events stay. (The module's node has the re-key secret in its keystore; the refusal of a
 * node without one is tested in-JVM by {@code ForgetServiceTests}.)
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class ForgetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final NodeHttp es = ElasticsearchNodeExtension.node().http();
    // days inside the retention that other tests do not write to; counts are restricted to this test's service
    private final LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(11);
    private final LocalDate twoDaysAgo = yesterday.minusDays(1);
    private final List<String> indices = List.of("metrics-events-" + DAY.format(twoDaysAgo), "metrics-events-" + DAY.format(yesterday));
    private final List<String> bobEvents = new ArrayList<>();
    private final String service = "forget-it-" + ThreadLocalRandom.current().nextInt(1_000_000);

    private static String edgeId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String event(LocalDate day, String metricsId, String eventId) {
        return "{\"@timestamp\":\"" + day + "T12:00:00Z\",\"event_id\":\"" + eventId + "\",\"service\":\"" + service + "\",\"event\":\"login\","
            + "\"metrics_id\":\"" + metricsId + "\",\"metrics_epoch\":\"" + day.toString().substring(0, 7) + "\","
            + "\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\"}";
    }

    @Test
    void forgetDeletesOneUsersEventsInEveryDailyIndex() throws Exception {
        String aliceEarlier = edgeId();
        String aliceLater = edgeId();
        String bob = edgeId();
        StringBuilder bulk = new StringBuilder();
        for (LocalDate day : List.of(twoDaysAgo, yesterday)) {
            String index = "metrics-events-" + DAY.format(day);
            for (String id : List.of(aliceEarlier, aliceLater, bob)) {
                String eventId = UUID.randomUUID().toString();
                if (id.equals(bob)) {
                    bobEvents.add(index + "/_doc/" + eventId);
                }
                bulk.append("{\"create\":{\"_index\":\"").append(index).append("\"}}\n").append(event(day, id, eventId)).append('\n');
            }
        }
        JsonNode indexed = JSON.readTree(es.bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess().body());
        assertThat(indexed.path("errors").asBoolean()).as(indexed.toString()).isFalse();
        assertThat(count()).isEqualTo(6);

        NodeHttp.Response r = es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + aliceEarlier + "\",\"" + aliceLater + "\"]}").assertSuccess();
        assertThat(JSON.readTree(r.body()).path("deleted").asLong()).as(r.toString()).isEqualTo(4);
        assertThat(count()).isEqualTo(2);
        for (String doc : bobEvents) {
            assertThat(es.get("/" + doc).status()).as(doc).isEqualTo(200);
        }

        r = es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + aliceEarlier + "\"]}").assertSuccess();
        assertThat(JSON.readTree(r.body()).path("deleted").asLong()).isZero();
    }

    @Test
    void badInputIsRejectedWithTheFieldAndRuleButNotTheValue() throws Exception {
        NodeHttp.Response r = es.post("/_privacy/forget", "{\"metrics_ids\":[\"bob@example.com\"]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("field [metrics_ids] entry [0] must be 32 lowercase hex characters").doesNotContain("bob@example.com");
        r = es.post("/_privacy/forget", "{\"uid\":\"bob\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("field [uid] is not allowed");
    }

    private long count() throws Exception {
        JsonNode c = JSON.readTree(es.post("/metrics-events-*/_count", "{\"query\":{\"term\":{\"service\":\"" + service + "\"}}}")
            .assertSuccess().body());
        return c.path("count").asLong();
    }

    @AfterEach
    void cleanUp() {
        for (String doc : bobEvents) {
            es.delete("/" + doc + "?refresh=true");
        }
        // only if nothing else lives there
        for (String index : indices) {
            NodeHttp.Response c = es.get("/" + index + "/_count");
            if (c.status() == 200 && c.body().contains("\"count\":0,")) {
                es.delete("/" + index);
            }
        }
    }
}
