package org.privacymetrics.es.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
 * The elected master deletes raw events older than {@code privacy_metrics.events.retention}, by day: a raw epoch index
 * all of whose recorded days are expired is deleted whole; from one that also holds kept days, exactly the events of the
 * expired days are deleted (by {@code @timestamp}, to the millisecond at the day boundary); pre-migration
 * {@code metrics-events-YYYY.MM.DD} indices go by their name; the intake and other names are never touched. (The
 * module's node accepts events of any day of the last 100 years and its rotation is MONTH, so the test can write the old
 * days it needs through the intake.)
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class RetentionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final NodeHttp es = ElasticsearchNodeExtension.node().http();
    /** Clients write with the writer role (the superuser may not create raw system indices). */
    private final NodeHttp writer = ElasticsearchNodeExtension.node().httpAs("pm-writer", "pm-writer-pw");
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate twoDaysAgoDay = today.minusDays(2);
    private final String jan = ".privacy-metrics-events-2020-01";
    private final String feb = ".privacy-metrics-events-2020-02";
    private final String current = epochIndex(today);
    private final String legacyOld = "metrics-events-" + DAY.format(LocalDate.of(2020, 1, 1));
    private final String legacyTwoDaysAgo = "metrics-events-" + DAY.format(twoDaysAgoDay);
    private final String notDaily = "metrics-events-archive";
    private final String service = "retention-it-" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final List<String> edgeIds = new ArrayList<>();
    private boolean createdIntake;

    private static String epochIndex(LocalDate day) {
        return ".privacy-metrics-events-" + day.toString().substring(0, 7);
    }

    @Test
    void expiredDaysAreDeletedWholeIndicesWhenAllTheirDaysExpiredEventsOtherwiseLegacyIndicesByNameAndTheRetentionIsDynamic()
            throws Exception {
        String jan10 = write("2020-01-10T12:00:00Z");
        String jan14Last = write("2020-01-14T23:59:59.999Z");
        String jan15First = write("2020-01-15T00:00:00Z");
        String jan20 = write("2020-01-20T12:00:00Z");
        String feb05 = write("2020-02-05T12:00:00Z");
        String twoDaysAgo = write(twoDaysAgoDay + "T12:00:00Z");
        String now = write(today + "T00:00:00Z");
        // every event is searchable before retention changes: a count of 0 below means deleted, not not-yet-refreshed
        for (String written : new String[] {jan10, jan14Last, jan15First, jan20, feb05, twoDaysAgo, now}) {
            assertThat(count(written)).as("event %s stored and searchable", written).isEqualTo(1);
        }
        // the plugin recorded the epoch's days it parsed in each raw index it created
        JsonNode recorded = JSON.readTree(es.get("/" + jan + "/_mapping?expand_wildcards=all").assertSuccess().body())
            .path(jan).path("mappings").path("_meta").path("privacy_metrics");
        assertThat(recorded.path("first_day").asText()).isEqualTo("2020-01-01");
        assertThat(recorded.path("last_day").asText()).isEqualTo("2020-01-31");
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
        setting("privacy_metrics.events.retention_check_interval", "\"1s\"");

        // first kept day 2020-01-15: the days before it go, from an index that keeps its later days
        setting("privacy_metrics.events.retention", "\"" + daysUntilToday(LocalDate.of(2020, 1, 15)) + "d\"");
        awaitGone(jan10);
        awaitGone(jan14Last);
        awaitGone(legacyOld);
        // the check runs every second: later checks delete nothing more (idempotent), whatever they find
        Thread.sleep(3_000);
        for (String kept : new String[] {jan15First, jan20, feb05, twoDaysAgo, now}) {
            assertThat(count(kept)).as(kept).isEqualTo(1);
        }
        for (String index : new String[] {jan, feb, current, legacyTwoDaysAgo, notDaily, "metrics-events"}) {
            assertThat(exists(index)).as(index).isTrue();
        }

        // first kept day 2020-02-01: every day of January is expired, so its index goes whole
        setting("privacy_metrics.events.retention", "\"" + daysUntilToday(LocalDate.of(2020, 2, 1)) + "d\"");
        awaitIndexGone(jan);
        assertThat(count(feb05)).isEqualTo(1);
        assertThat(exists(feb)).isTrue();

        // 1 day: two days ago goes (its epoch's index too when today is in another epoch), today stays
        setting("privacy_metrics.events.retention", "\"1d\"");
        awaitIndexGone(feb);
        awaitGone(twoDaysAgo);
        awaitIndexGone(legacyTwoDaysAgo);
        if (!epochIndex(twoDaysAgoDay).equals(current)) {
            awaitIndexGone(epochIndex(twoDaysAgoDay));
        }
        assertThat(count(now)).isEqualTo(1);
        for (String index : new String[] {current, notDaily, "metrics-events"}) {
            assertThat(exists(index)).as(index).isTrue();
        }
    }

    /** Whole days from {@code day} to today: with that retention, {@code day} is the first kept day. */
    private long daysUntilToday(LocalDate day) {
        return ChronoUnit.DAYS.between(day, today);
    }

    /**
     * Writes one event through the intake as the writer, refreshing the raw shard it lands in (the test's superuser cannot
     * refresh the plugin's raw indices: a {@code _refresh} of them reaches no shard); returns its event id.
     */
    private String write(String timestamp) throws Exception {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        String edge = HexFormat.of().formatHex(b);
        edgeIds.add(edge);
        String eventId = UUID.randomUUID().toString();
        String event = "{\"@timestamp\":\"" + timestamp + "\",\"event_id\":\"" + eventId + "\",\"service\":\"" + service + "\","
            + "\"event\":\"login\",\"metrics_id\":\"" + edge + "\",\"metrics_epoch\":\"" + timestamp.substring(0, 7) + "\","
            + "\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\"}";
        NodeHttp.Response r = writer.post("/metrics-events/_doc?refresh=true", event);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).path("_index").asText()).isEqualTo(".privacy-metrics-events-" + timestamp.substring(0, 7));
        return eventId;
    }

    /**
     * How many raw events with {@code eventId} are searchable in any raw index: from a count every shard answered (a
     * count taken while retention deletes an index beside it can miss shards and read 0 for an event still stored; it is
     * taken again, for up to 10 s). Deletions become visible at the raw indices' periodic refresh (the superuser's own
     * refresh reaches no raw shard); callers wait for them.
     */
    private long count(String eventId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            NodeHttp.Response r = es.post("/.privacy-metrics-events-*/_count?expand_wildcards=all&ignore_unavailable=true",
                "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"event_id\":\"" + eventId + "\"}},{\"term\":{\"service\":\"" + service + "\"}}]}}}");
            JsonNode body = JSON.readTree(r.assertSuccess().body());
            JsonNode shards = body.path("_shards");
            boolean whole = shards.path("failed").asInt() == 0 && shards.path("successful").asInt() == shards.path("total").asInt();
            if (whole || Instant.now().isAfter(deadline)) {
                assertThat(whole).as("every shard answered the count of %s: %s", eventId, shards).isTrue();
                return body.path("count").asLong();
            }
            Thread.sleep(100);
        }
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

    private void awaitIndexGone(String index) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (exists(index) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(exists(index)).as("%s deleted by retention", index).isFalse();
    }

    private void awaitGone(String eventIdOrIndex) throws Exception {
        if (eventIdOrIndex.startsWith("metrics-events")) {
            awaitIndexGone(eventIdOrIndex);
            return;
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (count(eventIdOrIndex) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(count(eventIdOrIndex)).as("event %s deleted by retention", eventIdOrIndex).isZero();
    }
}
