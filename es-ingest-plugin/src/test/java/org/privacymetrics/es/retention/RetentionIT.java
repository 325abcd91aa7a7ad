package org.privacymetrics.es.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
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
 * The elected master deletes raw event indices older than {@code privacy_metrics.events.retention}: the plugin's hidden
 * raw indices by the day it recorded when it created them, pre-migration {@code metrics-events-YYYY.MM.DD} indices by
 * their name; the intake and other names are never touched. (The module's node accepts events of any day of the last
 * 100 years, so the test can write the old days it needs through the intake.)
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class RetentionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final NodeHttp es = ElasticsearchNodeExtension.node().http();
    /** Clients write with the writer role (the superuser may not create raw system indices). */
    private final NodeHttp writer = ElasticsearchNodeExtension.node().httpAs("pm-writer", "pm-writer-pw");
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate oldDay = LocalDate.of(2020, 1, 1);
    private final LocalDate twoDaysAgoDay = today.minusDays(2);
    private final String old = ".privacy-metrics-events-" + DAY.format(oldDay);
    private final String twoDaysAgo = ".privacy-metrics-events-" + DAY.format(twoDaysAgoDay);
    private final String current = ".privacy-metrics-events-" + DAY.format(today);
    private final String legacyOld = "metrics-events-" + DAY.format(oldDay);
    private final String legacyTwoDaysAgo = "metrics-events-" + DAY.format(twoDaysAgoDay);
    private final String notDaily = "metrics-events-archive";
    private final List<String> edgeIds = new ArrayList<>();
    private boolean createdIntake;

    @Test
    void expiredRawIndicesAreDeletedByTheirRecordedDayLegacyOnesByNameAndTheRetentionIsDynamic() throws Exception {
        for (LocalDate day : new LocalDate[] {oldDay, twoDaysAgoDay, today}) {
            write(day);
        }
        // the plugin recorded the day it parsed in each raw index it created
        for (String index : new String[] {old, twoDaysAgo, current}) {
            JsonNode mapping = JSON.readTree(es.get("/" + index + "/_mapping?expand_wildcards=all").assertSuccess().body());
            String day = index.substring(index.length() - 10).replace('.', '-');
            assertThat(mapping.path(index).path("mappings").path("_meta").path("privacy_metrics").path("day").asText())
                .as(index).isEqualTo(day);
        }
        // indices of an earlier release (they were created by name; the write guard now refuses writes into them)
        for (String index : new String[] {legacyOld, legacyTwoDaysAgo, notDaily}) {
            if (!exists(index)) {
                es.put("/" + index, null).assertSuccess();
            }
        }
        // The intake normally never exists (routed events are created in their raw index only); should it exist (created
        // by hand, or by an earlier release), retention must leave it alone.
        if (!exists("metrics-events")) {
            es.put("/metrics-events", null).assertSuccess();
            createdIntake = true;
        }
        setting("privacy_metrics.events.retention", "\"40d\"");
        setting("privacy_metrics.events.retention_check_interval", "\"1s\"");

        awaitGone(old);
        awaitGone(legacyOld);
        // 40 days keep recent days; other indices and the intake are never touched
        for (String index : new String[] {twoDaysAgo, current, legacyTwoDaysAgo, notDaily, "metrics-events"}) {
            assertThat(exists(index)).as(index).isTrue();
        }

        setting("privacy_metrics.events.retention", "\"1d\"");
        awaitGone(twoDaysAgo);
        awaitGone(legacyTwoDaysAgo);
        for (String index : new String[] {current, notDaily, "metrics-events"}) {
            assertThat(exists(index)).as(index).isTrue();
        }
    }

    private void write(LocalDate day) throws Exception {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        String edge = HexFormat.of().formatHex(b);
        edgeIds.add(edge);
        String event = "{\"@timestamp\":\"" + day + "T12:00:00Z\",\"event_id\":\"" + UUID.randomUUID() + "\",\"service\":\"retention-it\","
            + "\"event\":\"login\",\"metrics_id\":\"" + edge + "\",\"metrics_epoch\":\"" + day.toString().substring(0, 7) + "\","
            + "\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\"}";
        NodeHttp.Response r = writer.post("/metrics-events/_doc", event);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).path("_index").asText()).isEqualTo(".privacy-metrics-events-" + DAY.format(day));
    }

    @AfterEach
    void reset() {
        setting("privacy_metrics.events.retention_check_interval", "null");
        setting("privacy_metrics.events.retention", "null");
        for (String index : new String[] {legacyOld, legacyTwoDaysAgo, notDaily}) {
            es.delete("/" + index);
        }
        if (createdIntake) {
            es.delete("/metrics-events");
        }
        if (!edgeIds.isEmpty()) {
            es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + String.join("\",\"", edgeIds) + "\"]}").assertSuccess();
        }
    }

    private void setting(String key, String jsonValue) {
        es.put("/_cluster/settings", "{\"persistent\":{\"" + key + "\":" + jsonValue + "}}").assertSuccess();
    }

    private boolean exists(String index) {
        return es.request("HEAD", "/" + index + "?expand_wildcards=all", null).status() == 200;
    }

    private void awaitGone(String index) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (exists(index) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(exists(index)).as("%s deleted by retention", index).isFalse();
    }
}
