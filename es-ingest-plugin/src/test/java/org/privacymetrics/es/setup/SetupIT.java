package org.privacymetrics.es.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/** Templates and pipelines are installed when the cluster starts and by {@code POST _privacy/setup}, idempotently. */
@ExtendWith(ElasticsearchNodeExtension.class)
class SetupIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void automaticSetupInstallsTheDailyTemplateAndTheScrubPipeline(NodeHttp es) throws Exception {
        // auto setup runs asynchronously once the node is elected master
        NodeHttp.Response template = awaitStatus(es, "/_index_template/metrics-events-daily", 200);
        JsonNode t = JSON.readTree(template.body()).path("index_templates").path(0).path("index_template");
        assertThat(t.path("index_patterns").toString()).isEqualTo("[\".privacy-metrics-events-*\",\"metrics-events-*\"]");
        assertThat(t.path("template").path("settings").path("index").path("final_pipeline").asText()).isEqualTo("metrics-events-scrub");
        assertThat(t.path("template").path("mappings").path("dynamic").asText()).isEqualTo("strict");
        awaitStatus(es, "/_ingest/pipeline/metrics-events-scrub", 200);
    }

    @Test
    void setupIsIdempotentAndRestoresADeletedTemplate(NodeHttp es) throws Exception {
        awaitStatus(es, "/_index_template/metrics-events-daily", 200);
        JsonNode first = JSON.readTree(es.post("/_privacy/setup", null).assertSuccess().body());
        assertThat(first.path("acknowledged").asBoolean()).isTrue();
        assertThat(first.path("pipelines").toString()).contains("\"metrics-events-scrub\"");
        assertThat(first.path("index_templates").toString()).contains("\"metrics-events-daily\"");
        String before = es.get("/_index_template/metrics-events-daily").assertSuccess().body();

        JsonNode second = JSON.readTree(es.post("/_privacy/setup", null).assertSuccess().body());
        assertThat(second.path("updated").toString()).isEqualTo("[]");
        assertThat(second.path("index_templates")).isEqualTo(first.path("index_templates"));
        assertThat(es.get("/_index_template/metrics-events-daily").body()).isEqualTo(before);

        es.delete("/_index_template/metrics-events-daily").assertSuccess();
        assertThat(es.get("/_index_template/metrics-events-daily").status()).isEqualTo(404);
        // Meanwhile raw event writes are refused (they would create an index without the final pipeline) ...
        String event = "{\"@timestamp\":\"2001-02-04T10:00:00Z\",\"event_id\":\"6f1c1c7e-2d1a-4c55-9a7e-0c1b2a3d4e5f\","
                + "\"service\":\"setup-it\",\"event\":\"login\",\"uid\":\"raw-uid-setup-it\"}";
        NodeHttp writer = ElasticsearchNodeExtension.node().httpAs("pm-writer", "pm-writer-pw");
        NodeHttp.Response refused = writer.post("/metrics-events/_doc", event);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.body()).contains("index template [metrics-events-daily] is missing").doesNotContain("raw-uid-setup-it");
        NodeHttp.Response bulk = writer.bulk("/_bulk", "{\"create\":{\"_index\":\"metrics-events\"}}\n" + event + "\n");
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(503);
        // (a write naming a raw index is refused whether or not the plugin is set up: by the write guard, or first by
        // security where the role lacks the privilege)
        for (String index : new String[] {"metrics-events-2001.02.04", ".privacy-metrics-events-2001.02.04", ".privacy-metrics-events-2001-04"}) {
            NodeHttp.Response direct = es.post("/" + index + "/_doc", event);
            assertThat(direct.status()).as(direct.toString()).isIn(400, 403);
            direct = writer.post("/" + index + "/_doc", event);
            assertThat(direct.status()).as(direct.toString()).isIn(400, 403);
            assertThat(direct.body()).doesNotContain("raw-uid-setup-it");
            assertThat(es.get("/" + index + "?expand_wildcards=all").status()).isEqualTo(404);
        }
        // ... and other indices are not affected.
        es.post("/setup-it-unrelated/_doc?refresh=true", "{\"x\":1}").assertSuccess();
        es.delete("/setup-it-unrelated").assertSuccess();
        JsonNode third = JSON.readTree(es.post("/_privacy/setup", null).assertSuccess().body());
        assertThat(third.path("updated").toString()).isEqualTo("[\"index-template/metrics-events-daily\"]");
        assertThat(withoutDates(es.get("/_index_template/metrics-events-daily").assertSuccess().body())).isEqualTo(withoutDates(before));
    }

    @Test
    void setupRestoresAnEditedScrubPipelineAndNeverTouchesTheCustomOne(NodeHttp es) throws Exception {
        awaitStatus(es, "/_ingest/pipeline/metrics-events-scrub", 200);
        es.post("/_privacy/setup", null).assertSuccess();
        String managed = es.get("/_ingest/pipeline/metrics-events-scrub").assertSuccess().body();
        assertThat(managed).contains("\"privacy_custom_pipeline\"", "\"metrics-events@custom\"");
        String custom = "{\"description\": \"site rules\", \"processors\": []}";
        es.put("/_ingest/pipeline/metrics-events@custom", custom).assertSuccess();
        try {
            String customBefore = es.get("/_ingest/pipeline/metrics-events@custom").assertSuccess().body();
            // a careless admin "simplifies" the managed pipeline: no custom step, no scrub
            es.put("/_ingest/pipeline/metrics-events-scrub", "{\"version\": 3, \"processors\": [{\"metrics_rekey\": {}},"
                + " {\"event_dedupe\": {}}]}").assertSuccess();
            JsonNode restored = JSON.readTree(es.post("/_privacy/setup", null).assertSuccess().body());
            assertThat(restored.path("updated").toString()).isEqualTo("[\"pipeline/metrics-events-scrub\"]");
            assertThat(withoutDates(es.get("/_ingest/pipeline/metrics-events-scrub").assertSuccess().body()))
                .isEqualTo(withoutDates(managed));
            assertThat(es.get("/_ingest/pipeline/metrics-events@custom").assertSuccess().body()).isEqualTo(customBefore);
            assertThat(JSON.readTree(es.post("/_privacy/setup", null).assertSuccess().body()).path("updated").toString()).isEqualTo("[]");
        } finally {
            es.delete("/_ingest/pipeline/metrics-events@custom").assertSuccess();
        }
    }

    @Test
    void aRawIndexIsCreatedByThePluginHiddenWithTheFinalPipelineStrictMappingsAndItsEpochsDays(NodeHttp es) throws Exception {
        awaitStatus(es, "/_index_template/metrics-events-daily", 200);
        String index = ".privacy-metrics-events-2001-02";
        String edge = "5e7a0c1d2b3f405162738495a6b7c8d9";
        String event = "{\"@timestamp\":\"2001-02-03T10:00:00Z\",\"event_id\":\"" + java.util.UUID.randomUUID() + "\","
            + "\"service\":\"setup-it\",\"event\":\"login\",\"metrics_id\":\"" + edge + "\",\"metrics_epoch\":\"2001-02\","
            + "\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\"}";
        try {
            NodeHttp.Response written = ElasticsearchNodeExtension.node().httpAs("pm-writer", "pm-writer-pw").post("/metrics-events/_doc", event);
            assertThat(written.status()).as(written.toString()).isEqualTo(201);
            assertThat(JSON.readTree(written.body()).path("_index").asText()).isEqualTo(index);
            JsonNode settings = JSON.readTree(es.get("/" + index + "/_settings?expand_wildcards=all").assertSuccess().body())
                .path(index).path("settings").path("index");
            assertThat(settings.path("final_pipeline").asText()).isEqualTo("metrics-events-scrub");
            assertThat(settings.path("hidden").asText()).isEqualTo("true");
            assertThat(settings.path("number_of_shards").asText()).isEqualTo("1");
            JsonNode mappings = JSON.readTree(es.get("/" + index + "/_mapping?expand_wildcards=all").assertSuccess().body())
                .path(index).path("mappings");
            assertThat(mappings.path("dynamic").asText()).isEqualTo("strict");
            JsonNode recorded = mappings.path("_meta").path("privacy_metrics");
            assertThat(recorded.path("epoch").asText()).isEqualTo("2001-02");
            assertThat(recorded.path("rotation").asText()).isEqualTo("MONTH");
            assertThat(recorded.path("first_day").asText()).isEqualTo("2001-02-01");
            assertThat(recorded.path("last_day").asText()).isEqualTo("2001-02-28");
            JsonNode props = mappings.path("properties");
            assertThat(props.path("@timestamp").path("type").asText()).isEqualTo("date");
            for (String keyword : new String[] {"event_id", "service", "event", "metrics_id", "metrics_epoch", "metrics_key_id", "device"}) {
                assertThat(props.path(keyword).path("type").asText()).as(keyword).isEqualTo("keyword");
            }
        } finally {
            es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + edge + "\"]}");
        }
    }

    private static String withoutDates(String json) {
        return json.replaceAll("\"(created|modified)_date_millis\":\\d+", "");
    }

    static NodeHttp.Response awaitStatus(NodeHttp es, String path, int status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        NodeHttp.Response r = es.get(path);
        while (r.status() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            r = es.get(path);
        }
        assertThat(r.status()).as("GET %s -> %s", path, r).isEqualTo(status);
        return r;
    }
}
