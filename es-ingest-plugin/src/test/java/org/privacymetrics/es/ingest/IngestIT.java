package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The ingest side on a real node, installed as an operator installs it: what clients send to {@code metrics-events} is
 * routed to the hidden raw index of its epoch {@code .privacy-metrics-events-YYYY-MM} (routed by its re-keyed metrics id), checked against the schema, scrubbed,
 * re-keyed and de-duplicated; writes naming a raw index directly are refused; and
 * nothing identifying from the input can be found in the node's data directory or logs afterwards.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final String SECRET = System.getProperty("privacy.es.keystore.privacy_metrics.rekey.secret");

    /** Every identifying value this class sends; none may be stored or logged. */
    private static final Set<String> SENSITIVE = ConcurrentHashMap.newKeySet();
    /** Values that must be stored: proof that the search of the data directory can find what is there. */
    private static final Set<String> STORED = ConcurrentHashMap.newKeySet();

    private final ElasticsearchNode node = ElasticsearchNodeExtension.node();
    private final NodeHttp es = node.http();
    /** Clients write with the writer role as shipped (the superuser may not create or write raw system indices). */
    private final NodeHttp writer = node.httpAs("pm-writer", "pm-writer-pw");
    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    /** The raw index of the epoch of {@code day} (the node's rotation is MONTH). */
    private final String epochIndex = ".privacy-metrics-events-" + day.toString().substring(0, 7);
    /** Every raw index a search must cover: the plugin's hidden system indices and pre-migration names. */
    private static final String RAW = "/.privacy-metrics-events-*,metrics-events-*";
    private final String epoch = day.toString().substring(0, 7);
    private final String service = "ingest-it-" + ThreadLocalRandom.current().nextInt(1_000_000);

    private static String edgeId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        SENSITIVE.add(id);
        return id;
    }

    private Map<String, Object> event(String metricsId, String eventId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", day + "T10:15:30Z");
        m.put("event_id", eventId);
        m.put("service", service);
        m.put("event", "login");
        m.put("metrics_id", metricsId);
        m.put("metrics_epoch", epoch);
        m.put("metrics_key_id", "0a1b2c3d");
        m.put("device", "mobile");
        return m;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The documented derivation, written independently of the plugin (JDK HMAC only): K2 = HKDF-SHA256(secret,
     * salt "rekey/v1", info = epoch, 32 bytes) is T(1) of the expand step; stored id = first 16 bytes of
     * HMAC-SHA256(K2, edge id), hex.
     */
    static String expectedStoredId(String secret, String epoch, String edgeId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("rekey/v1".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] prk = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(epoch.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 1);
        byte[] k2 = mac.doFinal();
        mac.init(new SecretKeySpec(k2, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(edgeId.getBytes(StandardCharsets.US_ASCII)), 0, 16);
    }

    @Test
    @Order(1)
    void intakeRoutesToTheEpochIndexAndStoresOnlyTheScrubbedReKeyedEvent() throws Exception {
        String edge = edgeId();
        String eventId = UUID.randomUUID().toString();
        SENSITIVE.add("jane.doe@example.org");
        SENSITIVE.add("198.51.100.23");
        Map<String, Object> doc = event(edge, eventId);
        doc.put("event", "signup by jane.doe@example.org from 198.51.100.23");
        doc.put("level", "INFO");
        doc.put("thread_name", "main");

        NodeHttp.Response r = writer.post("/metrics-events/_doc?refresh=true", json(doc));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode written = JSON.readTree(r.body());
        assertThat(written.path("_index").asText()).isEqualTo(epochIndex);
        assertThat(written.path("_id").asText()).isEqualTo(eventId);

        JsonNode source = JSON.readTree(es.get("/" + epochIndex + "/_doc/" + eventId).assertSuccess().body()).path("_source");
        String stored = expectedStoredId(SECRET, epoch, edge);
        STORED.add(stored);
        assertThat(source.path("metrics_id").asText()).isEqualTo(stored);
        assertThat(source.path("event").asText()).isEqualTo("signup by [redacted:email] from [redacted:ip]");
        List<String> fields = new ArrayList<>();
        source.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("@timestamp", "event_id", "service", "event", "metrics_id", "metrics_epoch",
            "metrics_key_id", "device");

        NodeHttp.Response statsResponse = es.get("/_privacy/stats").assertSuccess();
        assertThat(statsResponse.body()).doesNotContain(SECRET).doesNotContain("jane.doe");
        JsonNode nodeStats = JSON.readTree(statsResponse.body()).path("nodes").elements().next();
        assertThat(nodeStats.path("rekey_key_id").asText()).matches("[0-9a-f]{8}").isEqualTo(nodeStats.path("cluster_rekey_key_id").asText());
        JsonNode ingest = nodeStats.path("ingest");
        assertThat(ingest.path("dropped_fields").path("level").asLong()).isPositive();
        assertThat(ingest.path("dropped_fields").path("thread_name").asLong()).isPositive();
        assertThat(ingest.path("redactions").path("email").asLong()).isPositive();
        assertThat(ingest.path("redactions").path("ip").asLong()).isPositive();
    }

    @Test
    @Order(2)
    void forbiddenFieldsAndBadValuesRejectTheDocumentNamingTheFieldButNotTheValue() throws Exception {
        SENSITIVE.add("alice-raw-uid-4711");
        SENSITIVE.add("alice.smith@example.com");
        SENSITIVE.add("203.0.113.99");
        Object[][] cases = {
            {"uid", "alice-raw-uid-4711", "field [uid] is not allowed"},
            {"email", "alice.smith@example.com", "field [email] is not allowed"},
            {"ip", "203.0.113.99", "field [ip] is not allowed"},
            {"user_agent", "Mozilla/5.0 (iPhone)", "field [user_agent] is not allowed"},
            {"metrics_id", "alice-raw-uid-4711", "field [metrics_id] must be 32 lowercase hex characters"},
            {"event_id", "alice.smith@example.com", "field [event_id] must be a UUID"},
            {"device", "smart-fridge", "field [device] must be one of"},
            {"@timestamp", "last tuesday", "field [@timestamp] must be"},
        };
        StringBuilder bulk = new StringBuilder();
        for (Object[] c : cases) {
            Map<String, Object> doc = event(edgeId(), UUID.randomUUID().toString());
            doc.put((String) c[0], c[1]);
            bulk.append("{\"create\":{\"_index\":\"metrics-events\"}}\n").append(json(doc)).append('\n');
        }
        String goodId = UUID.randomUUID().toString();
        bulk.append("{\"create\":{\"_index\":\"metrics-events\"}}\n").append(json(event(edgeId(), goodId))).append('\n');

        NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess();
        assertThat(r.body()).doesNotContain("alice-raw-uid-4711").doesNotContain("alice.smith").doesNotContain("203.0.113.99");
        JsonNode items = JSON.readTree(r.body()).path("items");
        for (int i = 0; i < cases.length; i++) {
            JsonNode item = items.get(i).path("create");
            assertThat(item.path("status").asInt()).as("%s: %s", cases[i][0], item).isEqualTo(400);
            assertThat(item.path("error").path("reason").asText()).as(item.toString()).contains((String) cases[i][2]);
        }
        assertThat(items.get(cases.length).path("create").path("status").asInt()).isEqualTo(201);
        assertThat(items.get(cases.length).path("create").path("_id").asText()).isEqualTo(goodId);

        JsonNode rejections = JSON.readTree(es.get("/_privacy/stats").assertSuccess().body()).path("nodes").elements().next()
            .path("ingest").path("rejections");
        assertThat(rejections.toString()).contains("forbidden_field", "metrics_id_format", "event_id_format", "device_value");
    }

    @Test
    @Order(3)
    void aClientCannotBypassTheFinalPipeline() throws Exception {
        // Skipping the intake's routing pipeline still runs the final pipeline: a forbidden field is refused, and a valid
        // event is not stored in the intake itself (only the raw index of its day holds events).
        SENSITIVE.add("bypass-raw-uid-0815");
        Map<String, Object> forbidden = event(edgeId(), UUID.randomUUID().toString());
        forbidden.put("uid", "bypass-raw-uid-0815");
        NodeHttp.Response r = writer.post("/metrics-events/_doc?pipeline=_none&refresh=true", json(forbidden));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("field [uid] is not allowed").doesNotContain("bypass-raw-uid-0815");
        r = writer.post("/metrics-events/_doc?pipeline=_none&refresh=true", json(event(edgeId(), UUID.randomUUID().toString())));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("raw events are stored only in the raw index of the epoch of their [@timestamp]");

        // Writes naming a raw index directly are refused, whatever the pipeline parameter, even for the superuser; the
        // raw index of the day, another day's index, a legacy daily name and a name that is no day (retention would never
        // delete it) alike, and a refused index is never created: its name is not stored anywhere.
        SENSITIVE.add("bob.jones@example.net");
        String eventId = UUID.randomUUID().toString();
        for (String index : new String[] {epochIndex, ".privacy-metrics-events-2099-01", ".privacy-metrics-events-2099.01.01",
                ".privacy-metrics-events-" + DAY.format(day), "metrics-events-2099.01.01",
                "metrics-events-" + DAY.format(day), "metrics-events-bob.jones@example.net"}) {
            for (NodeHttp who : List.of(writer, es)) {
                for (String query : new String[] {"", "?pipeline=_none", "?pipeline=metrics-events-scrub"}) {
                    r = who.post("/" + index + "/_doc" + query, json(event(edgeId(), eventId)));
                    // the write guard refuses (400) wherever security (403: no privilege on the name) has not already
                    assertThat(r.status()).as(index + query + " -> " + r).isIn(400, 403);
                    if (r.status() == 400) {
                        // the guard never echoes the name (security's own 403 names the index the caller sent)
                        assertThat(r.body()).contains("may only be written to the intake index [metrics-events]").doesNotContain("bob.jones");
                    }
                }
            }
            if (!index.equals(epochIndex)) {
                assertThat(es.get("/" + index + "?expand_wildcards=all").status()).as(index).isEqualTo(404);
            }
        }
        // the writer names the raw index of the day (it has create_doc there, for routed events): the write guard refuses
        r = writer.post("/" + epochIndex + "/_doc", json(event(edgeId(), eventId)));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("may only be written to the intake index [metrics-events]");
        es.post(RAW + "/_refresh?expand_wildcards=all", null).assertSuccess();
        assertThat(JSON.readTree(es.post(RAW + "/_search?expand_wildcards=all", "{\"query\":{\"term\":{\"event_id\":\"" + eventId + "\"}}}")
            .assertSuccess().body()).path("hits").path("total").path("value").asInt()).isZero();
    }

    @Test
    @Order(4)
    void aSecondEventWithTheSameIdIsAConflictForCreateAndIndexWhateverTheRoutingAndDayOfItsEpoch() throws Exception {
        LocalDate otherDay = day.minusDays(1);
        // another day of the same epoch (month): a copy sent with another timestamp still meets the first in its shard
        LocalDate sameEpochDay = otherDay.getDayOfMonth() > 1 ? otherDay.minusDays(1) : otherDay.plusDays(1);
        String raw = ".privacy-metrics-events-" + otherDay.toString().substring(0, 7);
        String eventId = UUID.randomUUID().toString();
        String edge = edgeId();
        Map<String, Object> first = event(edge, eventId);
        first.put("@timestamp", otherDay + "T08:00:00Z");
        first.put("metrics_epoch", otherDay.toString().substring(0, 7));
        Map<String, Object> retry = new LinkedHashMap<>(first);
        retry.put("event", "logout");
        retry.put("@timestamp", sameEpochDay + "T09:00:00Z");
        // client-chosen routing and ids could otherwise place a second copy elsewhere
        String[] actions = {
            "{\"create\":{\"_index\":\"metrics-events\",\"routing\":\"a\"}}",
            "{\"index\":{\"_index\":\"metrics-events\",\"routing\":\"b\"}}",
            "{\"create\":{\"_index\":\"metrics-events\",\"routing\":\"c\"}}",
            "{\"index\":{\"_index\":\"metrics-events\"}}",
            "{\"create\":{\"_index\":\"metrics-events\",\"_id\":\"chosen-by-client\"}}",
        };
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < actions.length; i++) {
            bulk.append(actions[i]).append('\n').append(json(i == 0 ? first : retry)).append('\n');
        }
        JsonNode items = JSON.readTree(writer.bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess().body()).path("items");
        JsonNode firstItem = items.get(0).elements().next();
        assertThat(firstItem.path("status").asInt()).as(items.get(0).toString()).isEqualTo(201);
        assertThat(firstItem.path("_index").asText()).isEqualTo(raw);
        for (int i = 1; i < actions.length; i++) {
            JsonNode item = items.get(i).elements().next();
            // a create is a conflict; an index (overwrite) is not even allowed to the writer role (create_doc only)
            if (actions[i].startsWith("{\"create\"")) {
                assertThat(item.path("status").asInt()).as(actions[i] + " -> " + item).isEqualTo(409);
            } else {
                assertThat(item.path("status").asInt()).as(actions[i] + " -> " + item).isIn(403, 409);
            }
            assertThat(item.path("_id").asText()).isEqualTo(eventId);
        }
        // Naming the raw index directly is refused outright (400), so it cannot add a copy either.
        String direct = "{\"index\":{\"_index\":\"" + raw + "\",\"routing\":\"x\"}}\n" + json(retry) + "\n";
        NodeHttp.Response refused = writer.bulk("/_bulk?refresh=true", direct);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        JsonNode hits = JSON.readTree(es.post(RAW + "/_search?expand_wildcards=all",
            "{\"query\":{\"term\":{\"event_id\":\"" + eventId + "\"}}}").assertSuccess().body()).path("hits");
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
        assertThat(hits.path("hits").get(0).path("_source").path("event").asText()).isEqualTo("login");
        // stored with the routing the final pipeline set (its re-keyed metrics id), not the client's "a"
        assertThat(hits.path("hits").get(0).path("_routing").asText()).isEqualTo(expectedStoredId(SECRET, (String) first.get("metrics_epoch"), edge));
    }

    @Test
    @Order(5)
    void aNodeWhoseKeyIdDiffersFromTheClustersRefusesToIngest() throws Exception {
        String setting = "privacy_metrics.rekey.cluster_key_id";
        JsonNode settings = JSON.readTree(es.get("/_cluster/settings?flat_settings=true").assertSuccess().body());
        String recorded = settings.path("persistent").path(setting).asText();
        assertThat(recorded).matches("[0-9a-f]{8}");
        try {
            // What a node with another keystore secret sees: the cluster recorded a key id that is not its own.
            es.put("/_cluster/settings", "{\"persistent\":{\"" + setting + "\":\"00000000\"}}").assertSuccess();
            NodeHttp.Response r = writer.post("/metrics-events/_doc", json(event(edgeId(), UUID.randomUUID().toString())));
            assertThat(r.status()).as(r.toString()).isGreaterThanOrEqualTo(400);
            assertThat(r.body()).contains("key id [" + recorded + "] but the cluster's is [00000000]").contains("refuses to ingest")
                .doesNotContain(SECRET);
        } finally {
            es.put("/_cluster/settings", "{\"persistent\":{\"" + setting + "\":\"" + recorded + "\"}}").assertSuccess();
        }
        assertThat(writer.post("/metrics-events/_doc", json(event(edgeId(), UUID.randomUUID().toString()))).status()).isEqualTo(201);
    }

    /**
     * With several primary shards (operators raise {@code privacy_metrics.events.number_of_shards}), every event of one
     * user of one epoch lies in one shard, the one its re-keyed metrics id routes to, whatever routing the writer asked
     * for; a copy of an event on another day of the epoch is still a conflict; forget finds them on every shard.
     */
    @Test
    @Order(6)
    void eachUsersEventsOfAnEpochLieInOneShardWhateverRoutingTheWriterChose() throws Exception {
        // an epoch no other test writes, so its index is created now, with the shard count set now
        LocalDate start = LocalDate.of(2021, 3, 1);
        String label = "2021-03";
        String index = ".privacy-metrics-events-" + label;
        int shards = 4;
        int users = 16;
        int perUser = 5;
        es.put("/_cluster/settings", "{\"persistent\":{\"privacy_metrics.events.number_of_shards\":" + shards + "}}").assertSuccess();
        List<String> edges = new ArrayList<>();
        try {
            StringBuilder bulk = new StringBuilder();
            List<String> firstIds = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String edge = edgeId();
                edges.add(edge);
                for (int e = 0; e < perUser; e++) {
                    Map<String, Object> ev = event(edge, UUID.randomUUID().toString());
                    ev.put("@timestamp", start.plusDays((u + 6L * e) % 27) + "T10:00:00Z");
                    ev.put("metrics_epoch", label);
                    if (e == 0) {
                        firstIds.add((String) ev.get("event_id"));
                    }
                    // a writer trying to place each event on a shard of its choice, the edge id included
                    String routing = switch (e) {
                        case 0 -> "";
                        case 1 -> ",\"routing\":\"" + edge + "\"";
                        default -> ",\"routing\":\"shard-" + e + "-" + u + "\"";
                    };
                    bulk.append("{\"create\":{\"_index\":\"metrics-events\"").append(routing).append("}}\n").append(json(ev)).append('\n');
                }
            }
            JsonNode result = JSON.readTree(writer.bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess().body());
            assertThat(result.path("errors").asBoolean()).as(result.toString()).isFalse();
            JsonNode settings = JSON.readTree(es.get("/" + index + "/_settings?expand_wildcards=all&flat_settings=true").assertSuccess().body());
            assertThat(settings.path(index).path("settings").path("index.number_of_shards").asText()).isEqualTo(String.valueOf(shards));

            Map<String, Set<Integer>> shardsOfUser = new java.util.HashMap<>();
            int found = 0;
            for (int shard = 0; shard < shards; shard++) {
                JsonNode hits = JSON.readTree(es.post("/" + index + "/_search?expand_wildcards=all&preference=_shards:" + shard,
                    "{\"size\":1000,\"query\":{\"term\":{\"service\":\"" + service + "\"}}}").assertSuccess().body()).path("hits").path("hits");
                for (JsonNode hit : hits) {
                    String stored = hit.path("_source").path("metrics_id").asText();
                    assertThat(hit.path("_routing").asText()).as("routing of %s", hit.path("_id")).isEqualTo(stored);
                    shardsOfUser.computeIfAbsent(stored, k -> new java.util.HashSet<>()).add(shard);
                    found++;
                }
            }
            assertThat(found).isEqualTo(users * perUser);
            assertThat(shardsOfUser).hasSize(users);
            for (int u = 0; u < users; u++) {
                String stored = expectedStoredId(SECRET, label, edges.get(u));
                assertThat(shardsOfUser.get(stored)).as("shards holding user %s", u).hasSize(1);
            }
            // the users spread over the shards (16 users all in one of 4 shards: probability 4^-15)
            assertThat(shardsOfUser.values().stream().flatMap(Set::stream).distinct().count()).isGreaterThan(1);

            // a copy of each user's first event, sent on another day of the epoch with another routing, is a conflict
            StringBuilder copies = new StringBuilder();
            for (int u = 0; u < users; u++) {
                Map<String, Object> copy = event(edges.get(u), firstIds.get(u));
                copy.put("@timestamp", start.plusDays(27) + "T10:00:00Z");
                copy.put("metrics_epoch", label);
                copies.append("{\"create\":{\"_index\":\"metrics-events\",\"routing\":\"elsewhere-").append(u).append("\"}}\n")
                    .append(json(copy)).append('\n');
            }
            JsonNode copyItems = JSON.readTree(writer.bulk("/_bulk?refresh=true", copies.toString()).assertSuccess().body()).path("items");
            for (JsonNode item : copyItems) {
                assertThat(item.path("create").path("status").asInt()).as(item.toString()).isEqualTo(409);
            }
            assertThat(JSON.readTree(es.post("/" + index + "/_count?expand_wildcards=all", "{\"query\":{\"term\":{\"service\":\"" + service
                + "\"}}}").assertSuccess().body()).path("count").asInt()).isEqualTo(users * perUser);

            // forget deletes every event of these users from every shard, exactly
            JsonNode forgot = JSON.readTree(es.post("/_privacy/forget", "{\"metrics_ids\":[\"" + String.join("\",\"", edges) + "\"]}")
                .assertSuccess().body());
            assertThat(forgot.path("deleted").asLong()).isEqualTo((long) users * perUser);
            assertThat(JSON.readTree(es.post("/" + index + "/_count?expand_wildcards=all", "{\"query\":{\"term\":{\"service\":\"" + service
                + "\"}}}").assertSuccess().body()).path("count").asInt()).isZero();
        } finally {
            es.put("/_cluster/settings", "{\"persistent\":{\"privacy_metrics.events.number_of_shards\":null}}").assertSuccess();
        }
    }

    @Test
    @Order(7)
    void rawEventsAreIndexedOnTheWritePoolNotTheOneThreadSystemWritePool() throws Exception {
        // The raw indices are system indices, which Elasticsearch indexes on system_write (half the processors) unless
        // their descriptor names other pools; ours names write, get and search. Every bulk below reaches one raw shard.
        int bulks = 20;
        JsonNode before = threadPools();
        for (int b = 0; b < bulks; b++) {
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                bulk.append("{\"create\":{\"_index\":\"metrics-events\"}}\n")
                    .append(json(event(edgeId(), UUID.randomUUID().toString()))).append('\n');
            }
            JsonNode items = JSON.readTree(writer.bulk("/_bulk", bulk.toString()).assertSuccess().body()).path("items");
            items.forEach(item -> assertThat(item.path("create").path("_index").asText()).isEqualTo(epochIndex));
        }
        JsonNode after = threadPools();
        long systemWrites = completed(after, "system_write") - completed(before, "system_write");
        long writes = completed(after, "write") - completed(before, "write");
        // at least one task per bulk (each bulk runs two; the stats may not yet count the last completions: 39 of 40 seen)
        assertThat(writes).as("tasks on write").isGreaterThanOrEqualTo((long) bulks);
        assertThat(systemWrites).as("tasks on system_write (background writes of other system indices only)").isLessThan(bulks / 4);
        // the indices stay restricted whatever their pools: the writer may not read them
        assertThat(writer.get("/" + epochIndex + "/_search").status()).isEqualTo(403);
    }

    private JsonNode threadPools() throws IOException {
        return JSON.readTree(es.get("/_nodes/_local/stats/thread_pool").assertSuccess().body()).path("nodes").elements().next()
            .path("thread_pool");
    }

    private static long completed(JsonNode pools, String name) {
        assertThat(pools.has(name)).as(name).isTrue();
        return pools.path(name).path("completed").asLong();
    }

    @Test
    @Order(99)
    void nothingIdentifyingFromTheInputIsInTheDataDirectoryOrLogs() throws Exception {
        assertThat(SENSITIVE).hasSizeGreaterThan(10);
        assertThat(STORED).isNotEmpty();
        es.post(RAW + "/_flush?force=true&wait_if_ongoing=true&expand_wildcards=all", "").assertSuccess();

        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Path dir : List.of(node.dataDir(), node.logsDir())) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    try {
                        contents.put(f.toString(), Files.readAllBytes(f));
                    } catch (IOException e) {
                        // a file deleted between listing and reading (merges, rollover) cannot hold anything
                    }
                }
            }
        }
        assertThat(contents).isNotEmpty();
        for (String stored : STORED) {
            assertThat(contents.values().stream().anyMatch(b -> contains(b, stored)))
                .as("the search must find a value that is stored [%s]", stored).isTrue();
        }
        for (String value : SENSITIVE) {
            List<String> found = contents.entrySet().stream().filter(e -> contains(e.getValue(), value)).map(Map.Entry::getKey).toList();
            assertThat(found).as("files holding an identifying input value").isEmpty();
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
