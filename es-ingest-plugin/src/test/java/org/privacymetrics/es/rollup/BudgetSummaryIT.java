package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Analysts see how much privacy budget is left: every charge is mirrored into {@code privacy-rollups-_budget}, readable
 * with the shipped viewer role, matching the ledger ({@code GET _privacy/budget}) and holding no data. Uses its own
 * months (2018) so it spends no other test's budget.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class BudgetSummaryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "privacy-rollups-_budget";
    private static NodeHttp admin;
    private static NodeHttp viewer;

    @BeforeAll
    static void setUp(ElasticsearchNode node) {
        admin = node.http();
        viewer = node.httpAs("pm-viewer", "pm-viewer-pw");
        StringBuilder bulk = new StringBuilder();
        for (int u = 1; u <= 30; u++) {
            RollupIT.Ev e = new RollupIT.Ev(9_000 + u, "2018-07-1" + (u % 10), "budget-svc", "login", "mobile");
            bulk.append("{\"create\": {\"_index\": \"metrics-events\"}}\n").append(RollupIT.eventJson(e, e.epoch())).append('\n');
        }
        // through the intake, with the shipped writer role, as services write
        NodeHttp.Response r = admin.withBasicAuth("pm-writer", "pm-writer-pw").bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess();
        assertThat(r.body()).contains("\"errors\":false");
        admin.put("/_privacy/rollup/job/budget-view", "{\"window\": \"month\", \"dimensions\": {\"service\": [\"budget-svc\"]},"
            + " \"measures\": {\"users\": {\"epsilon\": 0.25}}, \"max_keys_per_user\": 1}").assertSuccess();
    }

    private static JsonNode json(NodeHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private static JsonNode ledgerEntry(String epoch) {
        for (JsonNode e : json(admin.get("/_privacy/budget").assertSuccess()).get("epochs")) {
            if (epoch.equals(e.get("epoch").asText())) {
                return e;
            }
        }
        throw new AssertionError("no ledger entry for " + epoch);
    }

    private static void run(String runId) {
        admin.post("/_privacy/rollup/job/budget-view/_run", "{\"window_start\": \"2018-07-01\", \"run_id\": \"" + runId + "\"}")
            .assertSuccess();
    }

    @Test
    void viewerSeesEachEpochsRemainingBudgetAsTheLedgerDoes() {
        run("budget-view-1");
        JsonNode first = json(viewer.get("/" + INDEX + "/_doc/2018-07").assertSuccess()).get("_source");
        assertThat(first.get("epsilon_spent").asDouble()).isEqualTo(0.25);
        assertThat(first.get("runs").asInt()).isEqualTo(1);

        run("budget-view-2");
        run("budget-view-2"); // a retry of a completed run is not charged again, and the summary says so
        JsonNode ledger = ledgerEntry("2018-07");
        JsonNode summary = json(viewer.get("/" + INDEX + "/_doc/2018-07").assertSuccess()).get("_source");
        assertThat(summary.get("epsilon_spent").asDouble()).isEqualTo(0.5).isEqualTo(ledger.get("epsilon_spent").asDouble());
        assertThat(summary.get("epsilon_limit").asDouble()).isEqualTo(ledger.get("epsilon_limit").asDouble());
        assertThat(summary.get("epsilon_remaining").asDouble()).isEqualTo(ledger.get("epsilon_remaining").asDouble());
        assertThat(summary.get("runs").asInt()).isEqualTo(2);
        assertThat(summary.get("rotation").asText()).isEqualTo("MONTH");
        // a summary, never data: only these fields
        List<String> fields = new ArrayList<>();
        summary.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("epoch", "rotation", "epsilon_limit", "epsilon_spent", "epsilon_remaining",
            "exhausted", "runs", "updated_at");

        // the viewer reads it with a search too, as a dashboard panel does
        JsonNode hits = json(viewer.post("/" + INDEX + "/_search", "{\"query\": {\"term\": {\"epoch\": \"2018-07\"}}}").assertSuccess());
        assertThat(hits.at("/hits/total/value").asInt()).isEqualTo(1);
    }

    @Test
    void noShippedRoleMayWriteTheSummaries() {
        NodeHttp writer = admin.withBasicAuth("pm-writer", "pm-writer-pw");
        NodeHttp operator = admin.withBasicAuth("pm-admin", "pm-admin-pw");
        for (NodeHttp who : List.of(viewer, writer, operator)) {
            assertThat(who.put("/" + INDEX + "/_doc/2018-07?version=999999&version_type=external",
                "{\"epoch\": \"2018-07\", \"epsilon_spent\": 0}").status()).isEqualTo(403);
        }
    }
}
