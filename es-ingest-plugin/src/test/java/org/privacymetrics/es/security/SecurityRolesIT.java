package org.privacymetrics.es.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The roles of {@code docs/roles.yml} on a node with {@code xpack.security.enabled=true} (file-realm users set up by
 * the module's Failsafe configuration).
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class SecurityRolesIT {

    private static final String RAW = "metrics-events-2001.01.01";
    private static final String ROLLUPS = "privacy-rollups-security-it";

    private static NodeHttp superuser;
    private static NodeHttp viewer;
    private static NodeHttp writer;
    private static NodeHttp admin;

    @BeforeAll
    static void indices(ElasticsearchNode node) {
        superuser = node.http();
        viewer = node.httpAs("pm-viewer", "pm-viewer-pw");
        writer = node.httpAs("pm-writer", "pm-writer-pw");
        admin = node.httpAs("pm-admin", "pm-admin-pw");
        superuser.put("/" + RAW, null).assertSuccess();
        superuser.put("/" + ROLLUPS, "{\"mappings\":{\"properties\":{\"value\":{\"type\":\"long\"}}}}").assertSuccess();
        superuser.post("/" + ROLLUPS + "/_doc?refresh=true", "{\"value\": 42}").assertSuccess();
    }

    @AfterAll
    static void cleanUp() {
        superuser.delete("/" + RAW);
        superuser.delete("/" + ROLLUPS);
    }

    @Test
    void securityIsOnAndAnonymousRequestsAreRejected() {
        assertThat(viewer.withoutAuth().get("/_cluster/health").status()).isEqualTo(401);
    }

    @Test
    void viewerReadsRollupsButNotRawEvents() {
        assertThat(viewer.get("/" + ROLLUPS + "/_search").assertSuccess().body()).contains("\"_source\":{\"value\": 42}");
        assertThat(viewer.get("/" + RAW + "/_search").status()).isEqualTo(403);
        assertThat(viewer.get("/" + RAW + "/_doc/any").status()).isEqualTo(403);
    }

    @Test
    void viewerCannotRunAdministrativeActions() {
        assertThat(viewer.post("/_privacy/setup", null).status()).isEqualTo(403);
        assertThat(viewer.post("/_privacy/forget", "{\"metrics_ids\":[\"0123456789abcdef0123456789abcdef\"]}").status()).isEqualTo(403);
        assertThat(viewer.post("/" + ROLLUPS + "/_doc", "{\"value\": 1}").status()).isEqualTo(403);
    }

    @Test
    void writerCannotReadAnything() {
        assertThat(writer.get("/" + RAW + "/_search").status()).isEqualTo(403);
        assertThat(writer.get("/" + ROLLUPS + "/_search").status()).isEqualTo(403);
        assertThat(writer.post("/_privacy/setup", null).status()).isEqualTo(403);
        assertThat(writer.post("/_privacy/forget", "{\"metrics_ids\":[\"0123456789abcdef0123456789abcdef\"]}").status()).isEqualTo(403);
    }

    @Test
    void writerCreatesEventsButCannotOverwriteOrDeleteThem() {
        String eventId = java.util.UUID.randomUUID().toString();
        String event = "{\"@timestamp\":\"2001-01-01T10:00:00Z\",\"event_id\":\"" + eventId + "\",\"service\":\"sync\","
            + "\"event\":\"login\",\"metrics_id\":\"0123456789abcdef0123456789abcdef\",\"metrics_epoch\":\"2001-01\","
            + "\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\"}";
        assertThat(writer.put("/" + RAW + "/_create/" + eventId, event).status()).isEqualTo(201);
        assertThat(writer.put("/" + RAW + "/_doc/" + eventId, event).status()).isEqualTo(403);
        assertThat(writer.delete("/" + RAW + "/_doc/" + eventId).status()).isEqualTo(403);
    }

    @Test
    void writerSendsToTheIntakeNameAndTheEventLandsScrubbedInItsDailyIndex() {
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2);
        String eventId = java.util.UUID.randomUUID().toString();
        String event = "{\"@timestamp\":\"" + day + "T10:00:00Z\",\"event_id\":\"" + eventId + "\",\"service\":\"security-it\","
            + "\"event\":\"login\",\"metrics_id\":\"0123456789abcdef0123456789abcdef\",\"metrics_epoch\":\"" + day.toString().substring(0, 7)
            + "\",\"metrics_key_id\":\"0a1b2c3d\",\"device\":\"desktop\",\"level\":\"INFO\"}";
        NodeHttp.Response r = writer.bulk("/_bulk?refresh=true", "{\"create\":{\"_index\":\"metrics-events\"}}\n" + event + "\n").assertSuccess();
        assertThat(r.body()).contains("\"errors\":false").contains("\"status\":201");
        String daily = "metrics-events-" + day.format(java.time.format.DateTimeFormatter.ofPattern("yyyy.MM.dd"));
        String stored = superuser.get("/" + daily + "/_doc/" + eventId).assertSuccess().body();
        assertThat(stored).contains("\"service\":\"security-it\"").doesNotContain("\"level\"").doesNotContain("0123456789abcdef0123456789abcdef");
        superuser.delete("/" + daily + "/_doc/" + eventId + "?refresh=true");
    }

    @Test
    void adminRunsSetup() {
        assertThat(admin.post("/_privacy/setup", null).assertSuccess().body()).contains("\"acknowledged\":true");
    }

    @Test
    void statsNeedTheMonitorAction() {
        assertThat(viewer.get("/_privacy/stats").status()).isEqualTo(403);
        assertThat(writer.get("/_privacy/stats").status()).isEqualTo(403);
        assertThat(admin.get("/_privacy/stats").assertSuccess().body()).contains("\"successful\":1").contains("\"failed\":0");
    }
}
