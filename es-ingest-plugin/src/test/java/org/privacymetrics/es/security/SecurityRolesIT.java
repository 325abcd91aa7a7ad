package org.privacymetrics.es.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The roles of {@code docs/roles.yml} on a node with {@code xpack.security.enabled=true} (file-realm users set up by
 * the module's Failsafe configuration), and Elasticsearch's built-in roles, tried as an attacker would: raw events are
 * out of reach of everyone but the plugin's admin, and only the plugin decides where they are written.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class SecurityRolesIT {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final String ROLLUPS = "privacy-rollups-security-it";
    private static final String SERVICE = "security-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    /** The raw index of the epoch of {@code day} (the node's rotation is MONTH). */
    private static final String RAW = ".privacy-metrics-events-" + day.toString().substring(0, 7);
    /**
     * Built-in roles that read ordinary indices (Kibana users, monitoring) and a role granted "*" (file-realm users
     * {@code builtin-<role>} of the module's Failsafe configuration; the distribution cannot create native ones).
     */
    private static final List<String> BUILT_IN = List.of("viewer", "editor", "kibana_admin", "monitoring_user", "pm_star_reader");

    private static NodeHttp superuser;
    private static NodeHttp viewer;
    private static NodeHttp writer;
    private static NodeHttp admin;
    private static String storedEventId;

    @BeforeAll
    static void indices(ElasticsearchNode node) {
        superuser = node.http();
        viewer = node.httpAs("pm-viewer", "pm-viewer-pw");
        writer = node.httpAs("pm-writer", "pm-writer-pw");
        admin = node.httpAs("pm-admin", "pm-admin-pw");
        superuser.put("/" + ROLLUPS, "{\"mappings\":{\"properties\":{\"value\":{\"type\":\"long\"}}}}").assertSuccess();
        superuser.post("/" + ROLLUPS + "/_doc?refresh=true", "{\"value\": 42}").assertSuccess();
        storedEventId = UUID.randomUUID().toString();
        NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", "{\"create\":{\"_index\":\"metrics-events\"}}\n" + event(storedEventId) + "\n")
            .assertSuccess();
        assertThat(r.body()).contains("\"errors\":false").contains("\"_index\":\"" + RAW + "\"");
    }

    @AfterAll
    static void cleanUp() {
        superuser.delete("/" + ROLLUPS);
    }

    private static String event(String eventId) {
        return "{\"@timestamp\":\"" + day + "T10:00:00Z\",\"event_id\":\"" + eventId + "\",\"service\":\"" + SERVICE + "\","
            + "\"event\":\"login\",\"metrics_id\":\"0123456789abcdef0123456789abcdef\",\"metrics_epoch\":\"" + day.toString().substring(0, 7)
            + "\",\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\",\"level\":\"INFO\"}";
    }

    @Test
    void securityIsOnAndAnonymousRequestsAreRejected() {
        assertThat(viewer.withoutAuth().get("/_cluster/health").status()).isEqualTo(401);
    }

    @Test
    void theWriterSendsToTheIntakeAndTheEventLandsScrubbedInItsHiddenDailyIndex() {
        NodeHttp.Response stored = admin.get("/" + RAW + "/_doc/" + storedEventId).assertSuccess();
        assertThat(stored.body()).contains("\"service\":\"" + SERVICE + "\"").doesNotContain("\"level\"")
            .doesNotContain("0123456789abcdef0123456789abcdef");
        String settings = superuser.get("/" + RAW + "/_settings?expand_wildcards=all").assertSuccess().body();
        assertThat(settings).contains("\"hidden\":\"true\"").contains("\"final_pipeline\":\"metrics-events-scrub\"");
        assertThat(superuser.get("/_cat/indices/metrics-events-*?h=index&expand_wildcards=all").body().trim())
            .as("no raw event lands in a non-hidden metrics-events-* index").isEmpty();
    }

    @Test
    void builtInRolesAndRolesGrantedStarFindNoRawEventAnywhere() {
        for (String role : BUILT_IN) {
            NodeHttp user = superuser.withBasicAuth("builtin-" + role, "builtin-pw-" + role);
            for (String path : List.of("/_search?expand_wildcards=all&q=service:" + SERVICE,
                    "/*/_search?expand_wildcards=all&q=service:" + SERVICE,
                    "/.*/_search?expand_wildcards=all&q=service:" + SERVICE,
                    "/_all/_search?expand_wildcards=all&q=service:" + SERVICE,
                    "/.privacy-metrics-events-*/_search?expand_wildcards=all&q=service:" + SERVICE,
                    "/" + RAW + "/_search?q=service:" + SERVICE,
                    "/" + RAW + "/_doc/" + storedEventId,
                    "/_mget?ids=" + storedEventId,
                    "/*/_count?expand_wildcards=all&q=service:" + SERVICE)) {
                NodeHttp.Response r = user.get(path);
                assertThat(r.status()).as(role + " " + path + ": " + r.body()).isIn(200, 400, 403, 404);
                assertThat(r.body()).as(role + " " + path).doesNotContain(SERVICE).doesNotContain(storedEventId);
                if (r.status() == 200 && path.contains("_count")) {
                    assertThat(r.body()).as(role + " " + path).contains("\"count\":0");
                }
            }
        }
    }

    @Test
    void theWriterCannotNameARawIndexUpdateOrDelete() {
        String id = UUID.randomUUID().toString();
        for (String index : List.of(RAW, ".privacy-metrics-events-" + DAY.format(day), "metrics-events-" + DAY.format(day),
                "metrics-events-keep-forever-" + DAY.format(day), "<.privacy-metrics-events-{now/d}>")) {
            NodeHttp.Response bulk = writer.bulk("/_bulk", "{\"create\":{\"_index\":\"" + index + "\"}}\n" + event(id) + "\n");
            assertThat(bulk.status()).as(index + ": " + bulk.body()).isIn(400, 403);
            assertThat(bulk.body()).doesNotContain("0123456789abcdef0123456789abcdef");
        }
        assertThat(writer.put("/" + RAW + "/_create/" + id, event(id)).status()).isIn(400, 403);
        assertThat(writer.post("/" + RAW + "/_update/" + storedEventId, "{\"doc\":{\"event\":\"x\"}}").status()).isIn(400, 403);
        assertThat(writer.bulk("/_bulk", "{\"update\":{\"_index\":\"" + RAW + "\",\"_id\":\"" + storedEventId + "\"}}\n{\"doc\":{\"event\":\"x\"}}\n")
            .status()).isIn(400, 403);
        assertThat(writer.delete("/" + RAW + "/_doc/" + storedEventId).status()).isIn(400, 403);
        assertThat(writer.get("/" + RAW + "/_search").status()).isEqualTo(403);
        assertThat(writer.get("/" + ROLLUPS + "/_search").status()).isEqualTo(403);
        assertThat(admin.get("/" + RAW + "/_doc/" + storedEventId).body()).contains("\"event\":\"login\"");
    }

    @Test
    void evenTheSuperuserCannotUpdateRawEventsOrWriteThemOutsideTheIntake() {
        NodeHttp.Response bulkUpdate = superuser.bulk("/_bulk", "{\"update\":{\"_index\":\"" + RAW + "\",\"_id\":\"" + storedEventId
            + "\"}}\n{\"doc\":{\"event\":\"jane@example.org\"}}\n");
        assertThat(bulkUpdate.status()).as(bulkUpdate.body()).isIn(400, 403);
        assertThat(superuser.post("/" + RAW + "/_update/" + storedEventId, "{\"doc\":{\"event\":\"x\"}}").status()).isIn(400, 403);
        String id = UUID.randomUUID().toString();
        assertThat(superuser.put("/" + RAW + "/_create/" + id, event(id)).status()).isIn(400, 403);
        assertThat(superuser.post("/" + RAW + "/_update_by_query", "{}").status()).isIn(400, 404);
        assertThat(admin.get("/" + RAW + "/_doc/" + storedEventId).body()).contains("\"event\":\"login\"");
    }

    @Test
    void theAdminReadsRawEventsButWritesNeitherThemNorRollupsNorPipelines() {
        assertThat(admin.get("/" + RAW + "/_search?q=service:" + SERVICE).assertSuccess().body()).contains(storedEventId);
        assertThat(admin.post("/" + ROLLUPS + "/_doc", "{\"value\": 1}").status()).isEqualTo(403);
        assertThat(admin.put("/privacy-rollups-planted", null).status()).isEqualTo(403);
        assertThat(admin.delete("/" + ROLLUPS).status()).isEqualTo(403);
        assertThat(admin.put("/_ingest/pipeline/metrics-events-scrub", "{\"processors\":[]}").status()).isEqualTo(403);
        assertThat(admin.put("/" + RAW + "/_settings", "{\"index.final_pipeline\":\"_none\"}").status()).isEqualTo(403);
        assertThat(admin.delete("/" + RAW + "/_doc/" + storedEventId).status()).isIn(400, 403);
        assertThat(admin.post("/_privacy/setup", null).assertSuccess().body()).contains("\"acknowledged\":true");
    }

    @Test
    void viewerReadsRollupsButNotRawEvents() {
        assertThat(viewer.get("/" + ROLLUPS + "/_search").assertSuccess().body()).contains("\"_source\":{\"value\": 42}");
        assertThat(viewer.get("/" + RAW + "/_search").status()).isEqualTo(403);
        assertThat(viewer.get("/" + RAW + "/_doc/any").status()).isEqualTo(403);
        assertThat(viewer.get("/_search?expand_wildcards=all&q=service:" + SERVICE).body()).doesNotContain(storedEventId);
    }

    @Test
    void viewerCannotRunAdministrativeActions() {
        assertThat(viewer.post("/_privacy/setup", null).status()).isEqualTo(403);
        assertThat(viewer.post("/_privacy/forget", "{\"metrics_ids\":[\"0123456789abcdef0123456789abcdef\"]}").status()).isEqualTo(403);
        assertThat(viewer.post("/" + ROLLUPS + "/_doc", "{\"value\": 1}").status()).isEqualTo(403);
    }

    @Test
    void writerCannotRunAdministrativeActions() {
        assertThat(writer.post("/_privacy/setup", null).status()).isEqualTo(403);
        assertThat(writer.post("/_privacy/forget", "{\"metrics_ids\":[\"0123456789abcdef0123456789abcdef\"]}").status()).isEqualTo(403);
    }

    @Test
    void statsNeedTheMonitorAction() {
        assertThat(viewer.get("/_privacy/stats").status()).isEqualTo(403);
        assertThat(writer.get("/_privacy/stats").status()).isEqualTo(403);
        assertThat(admin.get("/_privacy/stats").assertSuccess().body()).contains("\"successful\":1").contains("\"failed\":0");
    }
}
