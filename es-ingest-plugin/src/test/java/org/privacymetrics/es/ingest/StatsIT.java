package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/** {@code GET _privacy/stats} counts a dropped field whose name is data, and never shows that name. */
@ExtendWith(ElasticsearchNodeExtension.class)
class StatsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeHttp es = ElasticsearchNodeExtension.node().http();
    private final NodeHttp writer = ElasticsearchNodeExtension.node().httpAs("pm-writer", "pm-writer-pw");
    private final String edge = UUID.randomUUID().toString().replace("-", "");
    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(19);

    private long unknownFields() throws Exception {
        JsonNode stats = JSON.readTree(es.get("/_privacy/stats").assertSuccess().body());
        long sum = 0;
        for (JsonNode node : stats.path("nodes")) {
            sum += node.path("ingest").path("dropped_fields").path("unknown_field").asLong();
        }
        return sum;
    }

    @Test
    void aFieldNameThatIsDataIsCountedButNeverShown() throws Exception {
        long before = unknownFields();
        String doc = "{\"@timestamp\":\"" + day + "T12:00:00Z\",\"event_id\":\"" + UUID.randomUUID() + "\",\"service\":\"stats-it-"
            + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"event\":\"login\",\"metrics_id\":\"" + edge
            + "\",\"metrics_epoch\":\"2026-11\",\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\","
            + "\"jane_doe_4155550123\":\"x\",\"logger_name\":\"usage\"}";
        writer.post("/metrics-events/_doc?refresh=true", doc).assertSuccess();

        NodeHttp.Response stats = es.get("/_privacy/stats").assertSuccess();
        assertThat(stats.body()).doesNotContain("jane").doesNotContain("4155550123");
        assertThat(unknownFields()).isEqualTo(before + 1);
        assertThat(stats.body()).contains("\"logger_name\"");
    }

    @AfterEach
    void cleanUp() {
        es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + edge + "\"]}");
    }
}
