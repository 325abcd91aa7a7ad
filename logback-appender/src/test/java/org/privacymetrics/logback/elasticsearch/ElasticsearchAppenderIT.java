package org.privacymetrics.logback.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.logback.transport.Await;
import org.privacymetrics.logback.transport.CapturingAppender;
import org.privacymetrics.logback.transport.DropReason;
import org.privacymetrics.logback.transport.LogbackFixture;
import org.privacymetrics.logback.transport.TransportStats;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.NodeHttp;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;

import java.util.HashMap;
import java.util.Map;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

/** The Elasticsearch transport against one real node (security on, file-realm users), without our plugin. */
@ExtendWith(ElasticsearchNodeExtension.class)
class ElasticsearchAppenderIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LogbackFixture configure(ElasticsearchNode node, String password, String stopTimeout)
            throws Exception {
        return configure(node, password, stopTimeout, "metrics-events");
    }

    private static LogbackFixture configure(ElasticsearchNode node, String password, String stopTimeout, String index)
            throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("index", index);
        props.put("es.url", node.baseUrl());
        props.put("es.username", "metrics_writer");
        props.put("es.password", password);
        props.put("stopTimeout", stopTimeout);
        return new LogbackFixture(ElasticsearchAppenderIT.class, "ElasticsearchAppenderIT.xml", props);
    }

    @Test
    void eventsArriveInMetricsEventsWithTheirFieldsAsTopLevelFields(ElasticsearchNode node, NodeHttp es)
            throws Exception {
        try (LogbackFixture logback = configure(node, "writer-password", "30 seconds")) {
            ElasticsearchAppender appender = logback.appender("ES");
            assertThat(appender.isStarted()).as(logback.statusText()).isTrue();
            for (int i = 0; i < 20; i++) {
                logback.logger("org.example.sync.Usage").info("file_synced",
                        kv("metrics_id", String.format("%032x", i)), kv("metrics_epoch", "2026-11"),
                        kv("metrics_key_id", "a1b2c3d4"), kv("service", "sync"), kv("event", "file_synced"),
                        kv("event_id", "it-event-" + i), kv("device", i % 2 == 0 ? "mobile" : "desktop"));
            }
            Await.until("20 documents created", () -> appender.getStats().sent() == 20,
                    () -> appender.getStats() + "\n" + logback.statusText());
            TransportStats stats = appender.getStats();
            assertThat(stats.droppedTotal()).isZero();

            es.post("/metrics-events/_refresh", null).assertSuccess();
            JsonNode hits = JSON.readTree(es.get("/metrics-events/_search?size=1000").assertSuccess().body())
                    .path("hits").path("hits");
            Map<String, JsonNode> byEventId = new HashMap<>();
            for (JsonNode hit : hits) {
                String id = hit.path("_source").path("event_id").asText();
                if (id.startsWith("it-event-")) {
                    assertThat(hit.path("_id").asText()).as("documentIdField").isEqualTo(id);
                    assertThat(byEventId.put(id, hit.path("_source"))).as("one document per event").isNull();
                }
            }
            assertThat(byEventId).hasSize(20);
            int i = 0;
            for (CapturingAppender.Captured c : logback.<CapturingAppender>appender("FILE_EQUIVALENT").captured()) {
                JsonNode expected = JSON.readTree(c.json());
                JsonNode source = byEventId.get(expected.path("event_id").asText());
                // the stored document is the LogstashEncoder JSON, field for field
                assertThat(source).as("event %s", i++).isEqualTo(expected);
                assertThat(source.path("metrics_id").asText()).hasSize(32);
                assertThat(source.path("service").asText()).isEqualTo("sync");
            }
            appender.stop();
            String status = logback.statusText().lines()
                    .filter(l -> !l.contains("substituted for \"${es.password}\"")) // qos-ch/logback#986
                    .reduce("", (a, b) -> a + "\n" + b);
            assertThat(status).doesNotContain("writer-password");
        }
    }

    @Test
    void aRejectedPasswordKeepsEventsBufferedUntilStopCountsThem(ElasticsearchNode node) throws Exception {
        try (LogbackFixture logback = configure(node, "wrong-password", "300 milliseconds")) {
            ElasticsearchAppender appender = logback.appender("ES");
            assertThat(appender.isStarted()).as(logback.statusText()).isTrue();
            for (int i = 0; i < 3; i++) {
                logback.logger("org.example.sync.Usage").info("unauthorized-" + i);
            }
            Await.until("retried after 401", () -> appender.getStats().failedAttempts() >= 2,
                    () -> appender.getStats() + "\n" + logback.statusText());
            assertThat(appender.getStats().sent()).isZero();
            assertThat(appender.getStats().buffered()).isEqualTo(3);
            assertThat(logback.statusText()).contains("retrying with backoff").contains("401");
            appender.stop();
            assertThat(appender.getStats().dropped(DropReason.SHUTDOWN)).isEqualTo(3);
            String status = logback.statusText().lines()
                    .filter(l -> !l.contains("substituted for \"${es.password}\"")) // qos-ch/logback#986
                    .reduce("", (a, b) -> a + "\n" + b);
            assertThat(status).contains("3 buffered event(s) could not be delivered").doesNotContain("wrong-password");
        }
    }

    @Test
    void aRepeatedEventIdIsADuplicateAndAMappingErrorARejectionWithoutTheValue(ElasticsearchNode node, NodeHttp es)
            throws Exception {
        es.put("/metrics-events-typed", "{\"mappings\":{\"properties\":{\"count\":{\"type\":\"long\"}}}}")
                .assertSuccess();
        try (LogbackFixture logback = configure(node, "writer-password", "30 seconds", "metrics-events-typed")) {
            ElasticsearchAppender appender = logback.appender("ES");
            assertThat(appender.isStarted()).as(logback.statusText()).isTrue();
            org.slf4j.Logger log = logback.logger("org.example.sync.Usage");
            log.info("first", kv("event_id", "it-dup-1"), kv("count", 1));
            log.info("retried copy", kv("event_id", "it-dup-1"), kv("count", 1));
            log.info("bad", kv("event_id", "it-bad-1"), kv("count", "not-a-number-4711"));
            log.info("good", kv("event_id", "it-good-1"), kv("count", 2));
            Await.until("all four settled", () -> appender.getStats().buffered() == 0
                            && appender.getStats().sent() + appender.getStats().duplicates()
                            + appender.getStats().dropped(DropReason.REJECTED) == 4,
                    () -> appender.getStats() + "\n" + logback.statusText());
            TransportStats stats = appender.getStats();
            assertThat(stats.sent()).isEqualTo(2);
            assertThat(stats.duplicates()).isEqualTo(1);
            assertThat(stats.dropped(DropReason.REJECTED)).isEqualTo(1);
            assertThat(stats.rejectionReasons()).hasSize(1);
            String reason = stats.rejectionReasons().keySet().iterator().next();
            assertThat(reason).startsWith("400 [document_parsing_exception]").contains("[count]")
                    .doesNotContain("not-a-number-4711").doesNotContain("it-bad-1");
            assertThat(logback.statusText()).doesNotContain("not-a-number-4711");

            es.post("/metrics-events-typed/_refresh", null).assertSuccess();
            JsonNode first = JSON.readTree(es.get("/metrics-events-typed/_doc/it-dup-1").assertSuccess().body());
            assertThat(first.path("_source").path("message").asText()).as("not overwritten").isEqualTo("first");
            assertThat(JSON.readTree(es.get("/metrics-events-typed/_count").assertSuccess().body()).path("count")
                    .asLong()).isEqualTo(2);
        }
    }
}
