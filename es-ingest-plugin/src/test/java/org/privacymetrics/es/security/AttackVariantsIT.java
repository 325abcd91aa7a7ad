package org.privacymetrics.es.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Variants of issue 13's attacks that the issue did not spell out, found by an attack review and replayed on the
 * module's real node (security on, {@code docs/roles.yml} as shipped): the writer {@code pm-writer}, the admin
 * {@code pm-admin}, the viewer {@code pm-viewer} and the superuser as a careless operator. Every variant either is
 * refused or stores the event scrubbed, re-keyed and routed in the plugin's epoch index; none stores the test's
 * undetectable value ({@link #RAW_UID}) or a detectable one as sent, none creates an index outside the window.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class AttackVariantsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A raw uid: no detector recognises it, so it is only ever sent where the schema drops or refuses it. */
    private static final String RAW_UID = "attack2-raw-uid-7741";
    private static final String EMAIL = "attack2.victim@example.org";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String SERVICE = "attack2-it-" + UUID.randomUUID().toString().substring(0, 8);

    private static ElasticsearchNode node;
    private static NodeHttp superuser;
    private static NodeHttp writer;
    private static NodeHttp admin;
    private static NodeHttp viewer;

    @BeforeAll
    static void start(ElasticsearchNode n) {
        node = n;
        superuser = n.http();
        writer = n.httpAs("pm-writer", "pm-writer-pw");
        admin = n.httpAs("pm-admin", "pm-admin-pw");
        viewer = n.httpAs("pm-viewer", "pm-viewer-pw");
        // an ordinary event: the intake and the current epoch index exist
        NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(event(TODAY, UUID.randomUUID().toString())));
        assertThat(r.body()).as(r.toString()).contains("\"errors\":false");
    }

    // ---- index names ----

    @Test
    void aDateMathNameSpellingARawIndexAsLiteralTextIsRefused() throws Exception {
        Set<String> before = indices();
        // Elasticsearch resolves (and authorizes) the name before the write; the writer holds create_doc on the raw indices
        List<String> names = List.of("<{now/M{'.privacy-metrics-events-'yyyy-MM}}>", "<{now/d{'.privacy-metrics-events-'yyyy-MM}}>",
            "<{now/d{'.privacy-metrics-events-3000-01'}}>", "<{now/d{'metrics-events-keep-forever-'yyyy.MM.dd}}>");
        for (String name : names) {
            for (String params : List.of("", "?list_executed_pipelines=true", "?list_executed_pipelines=true&pipeline=metrics-events-scrub")) {
                String id = UUID.randomUUID().toString();
                Map<String, Object> doc = event(TODAY, id);
                doc.put("message", RAW_UID);
                NodeHttp.Response r = writer.bulk("/_bulk" + params + (params.isEmpty() ? "?" : "&") + "refresh=true",
                    create(name) + "\n" + json(doc));
                assertThat(r.isSuccess() && r.body().contains("\"errors\":false")).as(name + params + " " + r).isFalse();
                assertNotStored(id);
            }
        }
        assertThat(superuser.get("/.privacy-metrics-events-3000-01?expand_wildcards=all").status()).isEqualTo(404);
        Set<String> now = indices();
        now.removeAll(before);
        now.removeIf(i -> i.startsWith(".") && !i.startsWith(".privacy-metrics-events"));
        assertThat(now).as("new indices").isEmpty();
    }

    @Test
    void anAliasNamedLikeTheIntakeIsNeverWrittenThrough() throws Exception {
        // A careless superuser makes the intake's name an alias of an index of its own. The intake index itself never
        // holds an event (the route sends each one on), so Elasticsearch need not have created it; if it exists, the
        // careless superuser deletes it first.
        superuser.delete("/metrics-events");
        try {
            superuser.put("/attack2-archive", "{\"aliases\":{\"metrics-events\":{\"is_write_index\":true}}}").assertSuccess();
            String id = UUID.randomUUID().toString();
            Map<String, Object> doc = event(TODAY, id);
            doc.put("uid", RAW_UID);
            doc.put("event", "signup of " + EMAIL);
            NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(doc));
            assertThat(r.isSuccess() && r.body().contains("\"errors\":false")).as(r.toString()).isFalse();
            superuser.post("/attack2-archive/_refresh", null).assertSuccess();
            assertThat(JSON.readTree(superuser.get("/attack2-archive/_count").assertSuccess().body()).path("count").asLong())
                .as("events stored behind the alias").isZero();
        } finally {
            superuser.delete("/attack2-archive");
        }
        // without the alias, writes work again (the plugin's template applies to the intake name)
        String id = UUID.randomUUID().toString();
        NodeHttp.Response again = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(event(TODAY, id)));
        assertThat(again.body()).as(again.toString()).contains("\"errors\":false");
        assertThat(JSON.readTree(again.body()).path("items").path(0).path("create").path("_index").asText()).isEqualTo(epochIndex(TODAY));
    }

    // ---- managed pipelines ----

    @Test
    void anEditedRouteOrScrubPipelineStoresNothing() throws Exception {
        // A careless superuser (manage_pipeline) edits a managed pipeline in place: the index settings still name it, so
        // only its content tells. A pipeline-level on_failure lets an event the scrub refuses be stored as sent (e-mail,
        // edge id and all); a scrub without its step stores the e-mail; a route
        // without its step leaves events in the intake, which retention does not reach.
        String scrub = managed("metrics-events-scrub");
        String route = managed("metrics-events-route");
        List<String[]> edits = List.of(
            new String[] {"metrics-events-scrub", scrub.replaceFirst("\"processors\"",
                "\"on_failure\": [{\"privacy_custom_pipeline\": {\"pipeline\": \"attack3-none@custom\"}}], \"processors\"")},
            new String[] {"metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} },", "")},
            new String[] {"metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} }", "{ \"privacy_scrub\": {\"ignore_failure\": true} }")},
            new String[] {"metrics-events-route", route.replace("{ \"privacy_route\": {} }", "")});
        try {
            for (String[] edit : edits) {
                superuser.put("/_ingest/pipeline/" + edit[0], edit[1]).assertSuccess();
                String id = UUID.randomUUID().toString();
                Map<String, Object> doc = event(TODAY, id);
                doc.put("event", "signup of " + EMAIL);
                doc.put("metrics_key_id", "attack3!"); // mapped, so only the scrub refuses it
                NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(doc));
                assertThat(r.isSuccess() && r.body().contains("\"errors\":false")).as(edit[1] + " " + r).isFalse();
                assertThat(r.body()).contains("[" + edit[0] + "]").doesNotContain(RAW_UID).doesNotContain(EMAIL);
                String cleanId = UUID.randomUUID().toString();
                NodeHttp.Response clean = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(event(TODAY, cleanId)));
                assertThat(clean.isSuccess() && clean.body().contains("\"errors\":false")).as("even clean events wait: " + clean).isFalse();
                assertNotStored(id);
                assertNotStored(cleanId);
                NodeHttp.Response setup = admin.post("/_privacy/setup", null).assertSuccess();
                assertThat(setup.body()).contains("pipeline/" + edit[0]);
            }
            // the options operations.md documents for privacy_scrub stay the operator's to change
            superuser.put("/_ingest/pipeline/metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} }",
                "{ \"privacy_scrub\": {\"detectors\": {\"email\": \"fail\"}} }")).assertSuccess();
            NodeHttp.Response options = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n"
                + json(event(TODAY, UUID.randomUUID().toString())));
            assertThat(options.body()).as("scrub options changed: " + options).contains("\"errors\":false");
        } finally {
            superuser.post("/_privacy/setup", null).assertSuccess();
        }
        String id = UUID.randomUUID().toString();
        NodeHttp.Response again = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(event(TODAY, id)));
        assertThat(again.body()).as("setup restored them: " + again).contains("\"errors\":false");
    }

    @Test
    void anEditedIntakeTemplateNeverCreatesAnIntakeWithoutItsPipelines() throws Exception {
        // The intake index need not exist (a fresh cluster, or deleted by the careless superuser); the plugin's template,
        // edited in place, would create it without the route and the scrub, and the writer's first event would stay there
        // as sent.
        String template = managed("metrics-events-intake");
        String edited = template.replace("\"index.final_pipeline\": \"metrics-events-scrub\",", "")
            .replace(",\n      \"index.default_pipeline\": \"metrics-events-route\"", "");
        assertThat(edited).doesNotContain("pipeline\"");
        try {
            superuser.put("/_index_template/metrics-events-intake", edited).assertSuccess();
            superuser.delete("/metrics-events");
            // the shipped writer may not create the intake itself (the route sends each event on before any index is
            // created); the superuser's own shipper may
            for (NodeHttp who : List.of(writer, superuser)) {
                String id = UUID.randomUUID().toString();
                Map<String, Object> doc = event(TODAY, id);
                doc.put("event", "signup of " + EMAIL);
                NodeHttp.Response r = who.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(doc));
                assertThat(r.isSuccess() && r.body().contains("\"errors\":false")).as(r.toString()).isFalse();
                assertThat(r.body()).contains("[metrics-events-intake]").doesNotContain(EMAIL);
                assertNotStored(id);
                assertThat(superuser.get("/metrics-events").status()).as("no intake without its pipelines").isEqualTo(404);
            }
        } finally {
            superuser.delete("/metrics-events");
            superuser.post("/_privacy/setup", null).assertSuccess();
        }
        String id = UUID.randomUUID().toString();
        NodeHttp.Response again = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(event(TODAY, id)));
        assertThat(again.body()).as("setup restored it: " + again).contains("\"errors\":false");
    }

    private static String managed(String pipeline) {
        for (org.privacymetrics.es.setup.SetupResources.Resource r : org.privacymetrics.es.setup.SetupResources.load()) {
            if (r.name().equals(pipeline)) {
                return new String(r.json(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException(pipeline);
    }

    // ---- request parameters and bulk metadata ----

    @Test
    void requestParametersAndBulkMetadataNeitherSkipTheScrubNorChooseWhereAnEventLives() throws Exception {
        List<String> params = List.of("", "?pipeline=_none", "?pipeline=metrics-events-scrub", "?pipeline=metrics-events-route",
            "?pipeline=does-not-exist", "?routing=attack2", "?require_alias=false", "?list_executed_pipelines=true",
            "?pipeline=_none&list_executed_pipelines=true");
        List<String> metadata = List.of("", ",\"pipeline\":\"_none\"", ",\"routing\":\"attack2\"", ",\"_id\":\"" + RAW_UID + "\"",
            ",\"dynamic_templates\":{\"note\":\"keyword\"}", ",\"require_alias\":false", ",\"list_executed_pipelines\":true",
            ",\"pipeline\":\"metrics-events-scrub\"", ",\"version\":7,\"version_type\":\"external\"", ",\"if_seq_no\":0,\"if_primary_term\":1");
        List<String> ids = new ArrayList<>();
        for (String p : params) {
            for (String m : metadata) {
                for (String op : List.of("create", "index")) {
                    String id = UUID.randomUUID().toString();
                    Map<String, Object> doc = event(TODAY, id);
                    doc.put("note", RAW_UID);
                    doc.put("event", "signup of " + EMAIL);
                    String action = "{\"" + op + "\":{\"_index\":\"metrics-events\"" + m + "}}";
                    for (NodeHttp who : List.of(writer, superuser)) {
                        NodeHttp.Response r = who.bulk("/_bulk" + p + (p.isEmpty() ? "?" : "&") + "refresh=true", action + "\n" + json(doc));
                        assertThat(r.body()).as("responses never echo values").doesNotContain(EMAIL);
                        if (r.isSuccess()) {
                            JsonNode item = JSON.readTree(r.body()).path("items").path(0).path(op);
                            if (item.path("status").asInt() == 201) {
                                assertThat(item.path("_index").asText()).as(p + m + op).isEqualTo(epochIndex(TODAY));
                                ids.add(id);
                            }
                        }
                        doc.put("event_id", UUID.randomUUID().toString());
                        id = (String) doc.get("event_id");
                    }
                }
            }
        }
        assertThat(ids).as("ordinary writes still work").isNotEmpty();
        superuser.post("/.privacy-metrics-events-*/_refresh?expand_wildcards=all", null).assertSuccess();
        JsonNode hits = JSON.readTree(superuser.post("/" + epochIndex(TODAY) + "/_search?size=1000",
            "{\"query\":{\"term\":{\"service\":\"" + SERVICE + "\"}},\"seq_no_primary_term\":false}").assertSuccess().body()).path("hits").path("hits");
        int checked = 0;
        for (JsonNode hit : hits) {
            JsonNode source = hit.path("_source");
            assertThat(source.toString()).doesNotContain(RAW_UID).doesNotContain(EMAIL);
            assertThat(hit.path("_routing").asText()).as("routed by the stored id").isEqualTo(source.path("metrics_id").asText());
            assertThat(hit.path("_id").asText()).isEqualTo(source.path("event_id").asText());
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(ids.size());
        NodeHttp.Response intake = superuser.get("/metrics-events/_count");
        assertThat(intake.status() == 404 || JSON.readTree(intake.body()).path("count").asLong() == 0).as("nothing stays in the intake: " + intake)
            .isTrue();
    }

    // ---- timestamps ----

    @Test
    void theStoredTimestampIsTheInstantTheRouteParsedNotTheClientsDigits() throws Exception {
        // epoch milliseconds inside the window whose last ten digits are a phone number
        long now = System.currentTimeMillis();
        long millis = now / 10_000_000_000L * 10_000_000_000L + 4_155_550_134L;
        if (millis > now) {
            millis -= 10_000_000_000L; // about 116 days back: inside the module node's window
        }
        LocalDate day = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
        Map<Object, String> spellings = new LinkedHashMap<>();
        spellings.put(millis, null);
        spellings.put(Long.toString(millis), null);
        spellings.put(day + "T10:15:30.415555013Z", null);
        spellings.put(day + "T12:15:30.123+02:00", null);
        for (Object ts : spellings.keySet()) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> doc = event(day, id);
            doc.put("@timestamp", ts);
            NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(doc));
            assertThat(r.body()).as(ts + " " + r).contains("\"errors\":false");
            JsonNode source = JSON.readTree(superuser.get("/" + epochIndex(day) + "/_doc/" + id).assertSuccess().body()).path("_source");
            String stored = source.path("@timestamp").asText();
            assertThat(stored).as(String.valueOf(ts)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")
                .doesNotContain("4155550134").doesNotContain("415555013").startsWith(day.toString());
        }
    }

    // ---- echoes ----

    @Test
    void aForbiddenFieldInsideAFieldWhoseNameIsDataIsRefusedWithoutEchoingTheName() throws Exception {
        String name = "jane_doe_4155550123";
        Map<String, Object> doc = event(TODAY, UUID.randomUUID().toString());
        doc.put(name, Map.of("uid", RAW_UID));
        NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(doc));
        assertThat(r.body()).contains("\"errors\":true").contains("is not allowed").doesNotContain(name).doesNotContain(RAW_UID);
        assertThat(superuser.get("/_privacy/stats").assertSuccess().body()).doesNotContain(name);
    }

    // ---- cost ----

    /**
     * Fifth review: an unknown field whose shape, not its size, made the scrub's search for forbidden names costly
     * (objects nested under long names, each child copying the path above it). Four documents of 2.5 MB cost what the
     * same bytes cost in a flat shape, and are stored without the unknown field; an ordinary event written meanwhile
     * answers at once.
     */
    @Test
    void unknownFieldsShapedToCostMoreThanTheirSizeDoNotHoldAWriteThread() throws Exception {
        StringBuilder fields = new StringBuilder("{");
        for (int i = 0; i < 200_000; i++) {
            fields.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":0");
        }
        String bottom = fields.append('}').toString();
        String deep = bottom;
        for (int level = 0; level < 7; level++) {
            deep = "{\"" + Character.toString('a' + level).repeat(20_000) + "\":" + deep + "}";
        }
        // the same bytes, flat: the long names side by side, the 200,000 fields beside them
        StringBuilder flat = new StringBuilder(bottom.substring(0, bottom.length() - 1));
        for (int level = 0; level < 7; level++) {
            flat.append(",\"").append(Character.toString('a' + level).repeat(20_000)).append("\":0");
        }
        long flatMillis = writeUnknown(flat.append('}').toString(), null);
        long[] probeMillis = {-1};
        Thread probe = new Thread(() -> {
            try {
                Thread.sleep(300);
                long start = System.nanoTime();
                writer.bulk("/_bulk", create("metrics-events") + "\n" + json(event(TODAY, UUID.randomUUID().toString()))).assertSuccess();
                probeMillis[0] = (System.nanoTime() - start) / 1_000_000;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "attack5-probe");
        long deepMillis = writeUnknown(deep, probe);
        System.out.println("attack5: bulks of four 2.5 MB documents: deep " + deepMillis + " ms, flat " + flatMillis
            + " ms; an ordinary event during the deep one " + probeMillis[0] + " ms");
        assertThat(deepMillis).as("deep, against flat in %s ms", flatMillis).isLessThan(3 * flatMillis + 2_000);
        assertThat(probeMillis[0]).as("an ordinary event written meanwhile").isBetween(0L, 10_000L);
    }

    /** Writes four events carrying {@code unknown} as field {@code x}; all stored without it. @return the bulk's time */
    private static long writeUnknown(String unknown, Thread meanwhile) throws Exception {
        StringBuilder bulk = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            String doc = json(event(TODAY, id));
            bulk.append(create("metrics-events")).append('\n').append(doc, 0, doc.length() - 1).append(",\"x\":").append(unknown).append("}\n");
        }
        if (meanwhile != null) {
            meanwhile.start();
        }
        long start = System.nanoTime();
        NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", bulk.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (meanwhile != null) {
            meanwhile.join(120_000);
        }
        assertThat(r.body()).as(r.toString().substring(0, Math.min(500, r.toString().length()))).contains("\"errors\":false");
        for (String id : ids) {
            JsonNode source = JSON.readTree(superuser.get("/" + epochIndex(TODAY) + "/_doc/" + id).assertSuccess().body()).path("_source");
            assertThat(source.has("x")).isFalse();
        }
        return millis;
    }

    /**
     * Fifth review: with DEBUG logging on ingest and bulk (a careless superuser debugging a rejection), refused documents
     * leave none of the plugin's rejections' values in the node's logs: a forbidden field's value, a detector's finding,
     * a field whose name is data, a client {@code _id}, a value over the keyword limit, an invalid JSON document.
     */
    @Test
    void debugLoggingOfRefusedDocumentsHoldsNoValue() throws Exception {
        String[] loggers = {"org.elasticsearch.ingest", "org.elasticsearch.action.bulk", "org.elasticsearch.action.ingest",
            "org.elasticsearch.index.mapper"};
        StringBuilder on = new StringBuilder();
        StringBuilder off = new StringBuilder();
        for (String l : loggers) {
            on.append(on.length() == 0 ? "" : ",").append("\"logger.").append(l).append("\":\"DEBUG\"");
            off.append(off.length() == 0 ? "" : ",").append("\"logger.").append(l).append("\":null");
        }
        superuser.put("/_cluster/settings", "{\"persistent\":{" + on + "}}").assertSuccess();
        Map<String, String> pii = new LinkedHashMap<>();
        try {
            String uid = "attack5-debug-uid-" + UUID.randomUUID().toString().substring(0, 8);
            pii.put("forbidden field value", uid);
            Map<String, Object> forbidden = event(TODAY, UUID.randomUUID().toString());
            forbidden.put("uid", uid);
            String name = "attack5_name_" + UUID.randomUUID().toString().substring(0, 8);
            pii.put("name that is data", name);
            Map<String, Object> named = event(TODAY, UUID.randomUUID().toString());
            named.put(name, Map.of("user_id", "x"));
            String email = "attack5.debug." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            pii.put("e-mail in a value", email);
            Map<String, Object> detected = event(TODAY, UUID.randomUUID().toString());
            detected.put("event", email);
            detected.put("metrics_key_id", "not-hex!");
            String clientId = "attack5-client-id-" + UUID.randomUUID().toString().substring(0, 8);
            pii.put("client _id of a refused document", clientId);
            String longValue = "attack5-long-" + UUID.randomUUID().toString().substring(0, 8);
            pii.put("value over the keyword limit", longValue);
            Map<String, Object> tooLong = event(TODAY, UUID.randomUUID().toString());
            tooLong.put("service", longValue + "x".repeat(40_000));
            String inJson = "attack5-json-" + UUID.randomUUID().toString().substring(0, 8);
            pii.put("invalid JSON", inJson);
            String bulk = create("metrics-events") + "\n" + json(forbidden) + "\n"
                + create("metrics-events") + "\n" + json(named) + "\n"
                + create("metrics-events") + "\n" + json(detected) + "\n"
                + "{\"create\":{\"_index\":\"metrics-events\",\"_id\":\"" + clientId + "\"}}\n" + json(forbidden) + "\n"
                + create("metrics-events") + "\n" + json(tooLong) + "\n"
                + create("metrics-events") + "\n{\"@timestamp\":\"" + TODAY + "T10:00:00Z\",\"event\":\"" + inJson + "\",}\n";
            NodeHttp.Response r = writer.bulk("/_bulk", bulk);
            assertThat(r.body()).as(r.toString()).contains("\"errors\":true");
        } finally {
            superuser.put("/_cluster/settings", "{\"persistent\":{" + off + "}}").assertSuccess();
        }
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(node.logsDir(), node.consoleLog())) {
            if (Files.exists(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : pii.entrySet()) {
                if (text.contains(e.getValue())) {
                    found.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(f.getFileName().toString());
                    int at = text.indexOf(e.getValue());
                    System.out.println("attack5: [" + e.getKey() + "] in " + f + ": "
                        + text.substring(Math.max(0, text.lastIndexOf('\n', at) + 1), Math.min(text.length(), at + 200)).replace('\n', ' '));
                }
            }
        }
        assertThat(found).as("values of refused documents in the node's logs at DEBUG").isEmpty();
    }

    @Test
    void simulationsNeverRevealAStoredId() throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, Object> doc = event(TODAY, id);
        writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(doc)).assertSuccess();
        String stored = JSON.readTree(superuser.get("/" + epochIndex(TODAY) + "/_doc/" + id).assertSuccess().body())
            .path("_source").path("metrics_id").asText();
        assertThat(stored).hasSize(32).isNotEqualTo(doc.get("metrics_id"));
        Map<String, Object> again = new LinkedHashMap<>(doc);
        again.put("event_id", UUID.randomUUID().toString());
        String docs = "{\"docs\":[{\"_index\":\"metrics-events\",\"_source\":" + json(again) + "}]}";
        String rawDocs = "{\"docs\":[{\"_index\":\"" + epochIndex(TODAY) + "\",\"_source\":" + json(again) + "}]}";
        for (NodeHttp who : List.of(writer, admin, viewer)) {
            for (String[] call : new String[][] {{"/_ingest/_simulate", docs}, {"/_ingest/metrics-events/_simulate", docs},
                    {"/_ingest/_simulate?pipeline=metrics-events-scrub", rawDocs}, {"/_ingest/pipeline/metrics-events-scrub/_simulate", rawDocs},
                    {"/_ingest/pipeline/metrics-events-scrub/_simulate?verbose=true", rawDocs}, {"/_ingest/pipeline/_simulate",
                    "{\"pipeline\":{\"processors\":[{\"metrics_rekey\":{}}]}," + rawDocs.substring(1)}}) {
                NodeHttp.Response r = who.post(call[0], call[1]);
                assertThat(r.body()).as(who + " " + call[0] + " " + r.status()).doesNotContain(stored);
            }
        }
    }

    // ---- traces ----

    @Test
    void aWritersReceiptCountsNoOtherEventsOfItsShard() throws Exception {
        // A service operator (edge secret, writer role) sends an event with a person's edge id: it is routed to the shard
        // holding that person's events. Before, the answer's _seq_no counted every write to that shard, so two such
        // events told the writer how many events all services stored in between (another service's 5 here).
        String victim = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 16);
        List<JsonNode> receipts = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Map<String, Object> probe = event(TODAY, UUID.randomUUID().toString());
            probe.put("metrics_id", victim);
            receipts.add(JSON.readTree(writer.bulk("/_bulk", create("metrics-events") + "\n" + json(probe)).assertSuccess().body())
                .path("items").path(0).path("create"));
            Map<String, Object> single = event(TODAY, UUID.randomUUID().toString());
            single.put("metrics_id", victim);
            receipts.add(JSON.readTree(writer.put("/metrics-events/_create/" + single.get("event_id"), json(single)).assertSuccess().body()));
            NodeHttp.Response again = writer.post("/metrics-events/_doc", json(single));
            assertThat(again.status()).as(again.toString()).isEqualTo(409); // the same event again: no count in the refusal either
            assertThat(again.body()).doesNotContain("seq_no");
            StringBuilder others = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                Map<String, Object> other = event(TODAY, UUID.randomUUID().toString());
                other.put("metrics_id", victim);
                other.put("service", SERVICE + "-other"); // another service (the shipped writer role, as every service has)
                others.append(create("metrics-events")).append('\n').append(json(other)).append('\n');
            }
            assertThat(writer.bulk("/_bulk", others.toString()).assertSuccess().body()).contains("\"errors\":false");
        }
        for (JsonNode receipt : receipts) {
            assertThat(receipt.path("_index").asText()).as(receipt.toString()).isEqualTo(epochIndex(TODAY));
            assertThat(receipt.path("_seq_no").asLong(-1)).as(receipt.toString()).isEqualTo(-2);
            assertThat(receipt.path("_primary_term").asLong(-1)).as(receipt.toString()).isZero();
            assertThat(receipt.has("executed_pipelines")).as(receipt.toString()).isFalse();
        }
    }

    @Test
    void theViewerAndTheWriterFindNoTraceOfRawEventsInMetadataStatsOrExplanations() throws Exception {
        String id = UUID.randomUUID().toString();
        String marker = "trace" + UUID.randomUUID().toString().substring(0, 8); // a stored value no call below names
        Map<String, Object> doc = event(TODAY, id);
        doc.put("event", marker);
        writer.bulk("/_bulk?refresh=true", create("metrics-events") + "\n" + json(doc)).assertSuccess();
        String stored = JSON.readTree(superuser.get("/" + epochIndex(TODAY) + "/_doc/" + id).assertSuccess().body())
            .path("_source").path("metrics_id").asText();
        assertThat(stored).hasSize(32);
        String raw = epochIndex(TODAY);
        String q = "{\"query\":{\"term\":{\"service\":\"" + SERVICE + "\"}}}";
        List<String[]> calls = List.of(
            new String[] {"GET", "/_field_caps?fields=*&index=*&expand_wildcards=all"},
            new String[] {"GET", "/" + raw + "/_field_caps?fields=*"},
            new String[] {"GET", "/" + raw + "/_termvectors/" + id + "?fields=service"},
            new String[] {"POST", "/" + raw + "/_mtermvectors", "{\"ids\":[\"" + id + "\"]}"},
            new String[] {"GET", "/" + raw + "/_explain/" + id + "?q=service:" + SERVICE},
            new String[] {"GET", "/" + raw + "/_validate/query?explain=true&rewrite=true&q=service:" + SERVICE},
            new String[] {"GET", "/_validate/query?explain=true&expand_wildcards=all&q=service:" + SERVICE},
            new String[] {"GET", "/*/_search?expand_wildcards=all&q=" + SERVICE},
            new String[] {"POST", "/_msearch", "{\"index\":\"" + raw + "\"}\n" + q + "\n{\"index\":\"*\",\"expand_wildcards\":\"all\"}\n" + q + "\n"},
            new String[] {"POST", "/" + raw + "/_search/template", "{\"source\":" + json(q) + "}"},
            new String[] {"POST", "/_search/template?expand_wildcards=all", "{\"source\":" + json(q) + "}"},
            new String[] {"GET", "/_cat/indices?expand_wildcards=all"},
            new String[] {"GET", "/_cat/shards?expand_wildcards=all"},
            new String[] {"GET", "/_cat/segments"},
            new String[] {"GET", "/_cat/count/" + raw},
            new String[] {"GET", "/" + raw + "/_segments"},
            new String[] {"GET", "/" + raw + "/_stats"},
            new String[] {"GET", "/_stats?expand_wildcards=all&level=indices"},
            new String[] {"GET", "/_nodes/stats?level=indices"},
            new String[] {"GET", "/_tasks?detailed=true"},
            new String[] {"GET", "/_nodes/hot_threads"},
            new String[] {"GET", "/_resolve/index/*?expand_wildcards=all"},
            new String[] {"GET", "/_resolve/index/.privacy-metrics-events-*?expand_wildcards=all"},
            new String[] {"GET", "/" + raw + "/_mapping"},
            new String[] {"GET", "/" + raw + "/_settings"},
            new String[] {"GET", "/_mapping?expand_wildcards=all"},
            new String[] {"GET", "/_cluster/state/metadata?expand_wildcards=all"},
            new String[] {"POST", "/_sql?format=txt", "{\"query\":\"SELECT * FROM \\\"" + raw + "\\\"\"}"},
            new String[] {"POST", "/_query", "{\"query\":\"FROM " + raw + "\"}"},
            new String[] {"GET", "/_privacy/budget"},
            new String[] {"GET", "/_privacy/stats"},
            new String[] {"GET", "/_privacy/rollup/job/any"});
        for (NodeHttp who : List.of(viewer, writer)) {
            for (String[] call : calls) {
                NodeHttp.Response r = call[0].equals("GET") ? who.get(call[1]) : who.post(call[1], call[2]);
                // the event's _id and the raw index's name only where the caller named them itself (a per-item 403)
                boolean named = (call[1] + (call.length > 2 ? call[2] : "")).contains(raw) || (call[1] + (call.length > 2 ? call[2] : "")).contains(id);
                assertThat(r.body()).as(who + " " + call[0] + " " + call[1] + " " + r.status())
                    .doesNotContain(marker).doesNotContain(stored).doesNotContain((String) doc.get("metrics_id"));
                if (!named) {
                    assertThat(r.body()).as(who + " " + call[1]).doesNotContain(id);
                }
                if (r.status() == 200 && !named) {
                    assertThat(r.body()).as(who + " " + call[1]).doesNotContain(".privacy-metrics-events-");
                }
            }
        }
    }

    // ---- helpers ----

    private static void assertNotStored(String eventId) throws IOException {
        superuser.post("/.privacy-metrics-events-*/_refresh?expand_wildcards=all", null);
        JsonNode count = JSON.readTree(superuser.post("/.privacy-metrics-events-*,metrics-events*/_count?expand_wildcards=all&ignore_unavailable=true",
            "{\"query\":{\"bool\":{\"should\":[{\"ids\":{\"values\":[\"" + eventId + "\"]}},{\"term\":{\"event_id\":\"" + eventId
                + "\"}}]}}}").assertSuccess().body()); // by event_id too: a pipeline that skipped event_dedupe keeps a random _id
        assertThat(count.path("count").asLong()).as("stored copies of " + eventId).isZero();
    }

    static Map<String, Object> event(LocalDate day, String eventId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", day + "T10:15:30Z");
        m.put("event_id", eventId);
        m.put("service", SERVICE);
        m.put("event", "login");
        byte[] b = new byte[16];
        new Random(eventId.hashCode()).nextBytes(b);
        m.put("metrics_id", HexFormat.of().formatHex(b));
        m.put("metrics_epoch", day.toString().substring(0, 7));
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

    private static String create(String index) {
        return "{\"create\":{\"_index\":" + json(index) + "}}";
    }

    private static String epochIndex(LocalDate day) {
        return ".privacy-metrics-events-" + day.toString().substring(0, 7);
    }

    private static Set<String> indices() {
        String body = superuser.get("/_cat/indices?h=index&expand_wildcards=all").assertSuccess().body().trim();
        return body.isEmpty() ? new HashSet<>() : new HashSet<>(List.of(body.split("\\s+")));
    }
}
