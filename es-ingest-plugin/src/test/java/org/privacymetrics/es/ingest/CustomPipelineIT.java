package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The operator's extension point {@code metrics-events@custom} on a real node with security on: it runs first in the
 * final pipeline, so whatever it adds is scrubbed, and what it may not do fails the event, counted. The integ-test
 * distribution has no {@code ingest-common}: the test pipelines use the processors the node has (security's
 * {@code set_security_user}, the plugin's own); the unit test covers the rest with stand-ins.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class CustomPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOM = "/_ingest/pipeline/metrics-events@custom";
    private static final String SECRET = System.getProperty("privacy.es.keystore.privacy_metrics.rekey.secret");
    private static final String RAW = "/.privacy-metrics-events-*";

    private final ElasticsearchNode node = ElasticsearchNodeExtension.node();
    private final NodeHttp es = node.http();
    private final NodeHttp writer = node.httpAs("pm-writer", "pm-writer-pw");
    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    private final String epoch = day.toString().substring(0, 7);
    private final String epochIndex = ".privacy-metrics-events-" + epoch;
    private final String service = "custom-it-" + ThreadLocalRandom.current().nextInt(1_000_000);

    @BeforeEach
    @AfterEach
    void noCustomPipeline() {
        NodeHttp.Response r = es.delete(CUSTOM);
        assertThat(r.status()).as(r.toString()).isIn(200, 404);
        es.post("/_privacy/setup", null).assertSuccess();
    }

    private static String edgeId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Map<String, Object> event(String metricsId, String eventId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", day + "T11:00:00Z");
        m.put("event_id", eventId);
        m.put("service", service);
        m.put("event", "login");
        m.put("metrics_id", metricsId);
        m.put("metrics_epoch", epoch);
        return m;
    }

    private static String json(Object o) throws Exception {
        return JSON.writeValueAsString(o);
    }

    private void custom(String processors) {
        es.put(CUSTOM, "{\"description\": \"custom-it\", \"processors\": " + processors + "}").assertSuccess();
    }

    private JsonNode ingestStats() throws Exception {
        return JSON.readTree(es.get("/_privacy/stats").assertSuccess().body()).path("nodes").elements().next().path("ingest");
    }

    private long stored(String eventId) throws Exception {
        es.post(RAW + "/_refresh?expand_wildcards=all", null).assertSuccess();
        return JSON.readTree(es.post(RAW + "/_search?expand_wildcards=all", "{\"query\":{\"term\":{\"event_id\":\"" + eventId + "\"}}}")
            .assertSuccess().body()).path("hits").path("total").path("value").asLong();
    }

    /** Writes one event as {@code who}; asserts it was refused with 400 naming {@code reason}, counted, and not stored. */
    private void refused(NodeHttp who, Map<String, Object> doc, String reason, String rule, String... neverEchoed) throws Exception {
        JsonNode before = ingestStats();
        NodeHttp.Response r = who.post("/metrics-events/_doc?refresh=true", json(doc));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains(reason);
        for (String value : neverEchoed) {
            assertThat(r.body()).doesNotContain(value);
        }
        JsonNode after = ingestStats();
        assertThat(after.path("documents_rejected").asLong()).isEqualTo(before.path("documents_rejected").asLong() + 1);
        assertThat(after.path("rejections").path(rule).asLong()).isEqualTo(before.path("rejections").path(rule).asLong() + 1);
        assertThat(stored((String) doc.get("event_id"))).isZero();
    }

    @Test
    void withoutACustomPipelineEventsAreStoredAsBefore() throws Exception {
        assertThat(es.get(CUSTOM).status()).isEqualTo(404);
        String eventId = UUID.randomUUID().toString();
        NodeHttp.Response r = writer.post("/metrics-events/_doc?refresh=true", json(event(edgeId(), eventId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(stored(eventId)).isEqualTo(1);
    }

    @Test
    void whatTheCustomPipelineCopiesFromTheWritersIdentityIsNotStored() throws Exception {
        // set_security_user copies the authenticated writer's user name, roles and realm into the event. (The integ-test
        // node cannot store native users, which would carry an e-mail address: its security index needs analysis-common.)
        String user = "pm-writer";
        custom("[{\"set_security_user\": {\"field\": \"uid\", \"properties\": [\"username\"]}}]");
        refused(writer, event(edgeId(), UUID.randomUUID().toString()), "field [uid] is not allowed", "forbidden_field", user);
        custom("[{\"set_security_user\": {\"field\": \"sender.email\", \"properties\": [\"username\"]}}]");
        refused(writer, event(edgeId(), UUID.randomUUID().toString()), "field [sender.email] is not allowed", "forbidden_field", user);

        // an unknown field: dropped (counted) by the scrub after the custom pipeline
        custom("[{\"set_security_user\": {\"field\": \"sender\", \"properties\": [\"username\", \"roles\", \"realm\"]}}]");
        long unknownBefore = ingestStats().path("dropped_fields").path("unknown_field").asLong();
        String eventId = UUID.randomUUID().toString();
        NodeHttp.Response r = writer.post("/metrics-events/_doc?refresh=true", json(event(edgeId(), eventId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String source = es.get("/" + epochIndex + "/_doc/" + eventId).assertSuccess().body();
        assertThat(source).doesNotContain("sender").doesNotContain(user).doesNotContain("privacy_metrics_writer");
        assertThat(ingestStats().path("dropped_fields").path("unknown_field").asLong()).isEqualTo(unknownBefore + 1);

        // into an allowed field: not a keyword, refused
        custom("[{\"set_security_user\": {\"field\": \"service\", \"properties\": [\"username\"]}}]");
        refused(writer, event(edgeId(), UUID.randomUUID().toString()), "field [service] must be a single keyword value",
            "not_a_keyword", user);
    }

    @Test
    void theCustomPipelineCannotChangeWhoTheEventBelongsTo() throws Exception {
        // metrics_rekey re-keys metrics_id a first time: the stored id would no longer be the edge id's
        custom("[{\"metrics_rekey\": {}}]");
        refused(writer, event(edgeId(), UUID.randomUUID().toString()),
            "the pipeline [metrics-events@custom] changed field [metrics_id]", "custom_pipeline_changed_identity");
    }

    @Test
    void theCustomPipelineCannotSendTheEventElsewhere() throws Exception {
        // the only processor here that writes _index writes an object: the event fails, nothing is stored anywhere
        // (a string index name is the unit test's case: custom_pipeline_changed_index)
        custom("[{\"set_security_user\": {\"field\": \"_index\", \"properties\": [\"username\"]}}]");
        refused(writer, event(edgeId(), UUID.randomUUID().toString()),
            "the pipeline [metrics-events@custom] failed at processor [set_security_user]", "custom_pipeline_failed");
        assertThat(es.get("/_cat/indices/*pm-writer*?expand_wildcards=all").body()).doesNotContain("pm-writer");
    }

    @Test
    void routingAndIdTheCustomPipelineSetsAreReplacedByTheManagedSteps() throws Exception {
        // event_dedupe in the custom pipeline routes by the edge id (before the re-key): the managed step after it routes
        // by the re-keyed id, as for every other event
        custom("[{\"event_dedupe\": {}}]");
        String edge = edgeId();
        String eventId = UUID.randomUUID().toString();
        NodeHttp.Response r = writer.post("/metrics-events/_doc?refresh=true", json(event(edge, eventId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode doc = JSON.readTree(es.get("/" + epochIndex + "/_doc/" + eventId).assertSuccess().body());
        String rekeyed = IngestIT.expectedStoredId(SECRET, epoch, edge);
        assertThat(doc.path("_routing").asText()).isEqualTo(rekeyed);
        assertThat(doc.path("_source").path("metrics_id").asText()).isEqualTo(rekeyed);
        // and a second copy is still the conflict of the de-duplication
        r = writer.post("/metrics-events/_doc?refresh=true", json(event(edge, eventId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
    }

    @Test
    void aFailingCustomPipelineFailsTheEventNamingThePipeline() throws Exception {
        custom("[{\"privacy_scrub\": {\"tag\": \"site-rules\", \"forbidden_fields\": [\"service\"]}}]");
        refused(writer, event(edgeId(), UUID.randomUUID().toString()),
            "the pipeline [metrics-events@custom] failed at processor [privacy_scrub] tag [site-rules]", "custom_pipeline_failed",
            service);
    }

    @Test
    void aCustomPipelineCallingItselfIsACycleNotAStackOverflow() throws Exception {
        custom("[{\"privacy_custom_pipeline\": {\"pipeline\": \"metrics-events@custom\"}}]");
        refused(writer, event(edgeId(), UUID.randomUUID().toString()), "Cycle detected for pipeline: metrics-events@custom",
            "custom_pipeline_failed");
        // the node still ingests
        custom("[]");
        String eventId = UUID.randomUUID().toString();
        assertThat(writer.post("/metrics-events/_doc?refresh=true", json(event(edgeId(), eventId))).status()).isEqualTo(201);
        assertThat(stored(eventId)).isEqualTo(1);
    }

    @Test
    void setupLeavesTheCustomPipelineAlone() throws Exception {
        custom("[{\"set_security_user\": {\"field\": \"sender\", \"properties\": [\"username\"]}}]");
        String before = es.get(CUSTOM).assertSuccess().body();
        JsonNode setup = JSON.readTree(es.post("/_privacy/setup", null).assertSuccess().body());
        assertThat(setup.path("updated").toString()).isEqualTo("[]");
        assertThat(setup.path("pipelines").toString()).doesNotContain("@custom");
        assertThat(es.get(CUSTOM).assertSuccess().body()).isEqualTo(before);
    }
}
