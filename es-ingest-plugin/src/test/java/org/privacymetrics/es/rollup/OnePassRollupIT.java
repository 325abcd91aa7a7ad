package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The one-pass rollup on the shared real node, over an epoch index of three shards written through the intake: each
 * pseudonym is bounded in its shard, the shards' counts are summed, and the path taken is the aggregation's.
 *
 * <p>Epsilon is high so that the users counts are exact except with probability below 1e-7 (discrete Laplace of scale
 * 2/40 is non-zero with probability 2e^-20 per value); events and multi_service_users are checked within tail bounds.
 * Own epoch (2019-04), own job, own dimension values.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class OnePassRollupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = ".privacy-metrics-events-2019-04";

    private static JsonNode json(NodeHttp.Response r) throws Exception {
        return JSON.readTree(r.assertSuccess().body());
    }

    private static long aggregationUsage(NodeHttp http) throws Exception {
        JsonNode nodes = json(http.get("/_nodes/usage")).get("nodes");
        long n = 0;
        for (JsonNode node : nodes) {
            for (JsonNode count : node.at("/aggregations/privacy_bounded_rollup")) {
                n += count.asLong();
            }
        }
        return n;
    }

    @Test
    void eachPseudonymIsBoundedInItsShardAndShardsAreSummed(NodeHttp http) throws Exception {
        http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": 64,"
            + " \"privacy_metrics.events.number_of_shards\": 3}}").assertSuccess();
        try {
            List<RollupIT.Ev> events = new ArrayList<>();
            for (int u = 0; u < 60; u++) {
                for (int i = 0; i < 5; i++) {
                    events.add(new RollupIT.Ev(u, "2019-04-0" + (1 + i), "op-sync", "login", "mobile"));
                }
                if (u % 3 == 0) {
                    for (int i = 0; i < 3; i++) {
                        events.add(new RollupIT.Ev(u, "2019-04-1" + i, "op-hello", "call", "desktop"));
                    }
                }
            }
            // the heavy user: 10 events on each of the 8 keys
            for (String s : List.of("op-sync", "op-hello")) {
                for (String e : List.of("login", "call")) {
                    for (String d : List.of("mobile", "desktop")) {
                        for (int i = 0; i < 10; i++) {
                            events.add(new RollupIT.Ev(1000, "2019-04-20", s, e, d));
                        }
                    }
                }
            }
            events.add(new RollupIT.Ev(1, "2019-05-01", "op-sync", "login", "mobile")); // next window
            StringBuilder bulk = new StringBuilder();
            for (RollupIT.Ev e : events) {
                bulk.append("{\"create\": {\"_index\": \"metrics-events\"}}\n").append(RollupIT.eventJson(e, e.epoch())).append('\n');
            }
            // as clients write: through the intake, with the shipped writer role
            NodeHttp.Response written = http.withBasicAuth("pm-writer", "pm-writer-pw").bulk("/_bulk?refresh=true", bulk.toString());
            assertThat(written.assertSuccess().body()).contains("\"errors\":false");

            assertThat(json(http.get("/" + INDEX + "/_settings")).get(INDEX).at("/settings/index/number_of_shards").asText()).isEqualTo("3");
            int nonEmptyShards = 0;
            for (int shard = 0; shard < 3; shard++) {
                long c = json(http.get("/" + INDEX + "/_count?preference=_shards:" + shard)).get("count").asLong();
                nonEmptyShards += c > 0 ? 1 : 0;
            }
            assertThat(nonEmptyShards).as("the pseudonyms are spread over the shards").isEqualTo(3);

            http.put("/_privacy/rollup/job/it-one-pass", """
                {"window": "month",
                 "dimensions": {"service": ["op-sync", "op-hello"], "event": ["login", "call"], "device": ["mobile", "desktop"]},
                 "measures": {"users": {"epsilon": 40}, "events": {"epsilon": 20, "max_per_key": 2},
                              "multi_service_users": {"epsilon": 4}},
                 "max_keys_per_user": 2}""").assertSuccess();
            long usageBefore = aggregationUsage(http);
            JsonNode body = json(http.post("/_privacy/rollup/job/it-one-pass/_run",
                "{\"window_start\": \"2019-04-01\", \"run_id\": \"one-pass-1\"}"));
            assertThat(aggregationUsage(http)).as("the run took the one-pass path").isGreaterThan(usageBefore);

            Map<String, Long> users = new HashMap<>();
            long usersSum = 0;
            long eventsSum = 0;
            long multi = -1;
            for (JsonNode row : body.get("results")) {
                String measure = row.get("measure").asText();
                long value = row.get("value").asLong();
                if (measure.equals("users")) {
                    users.put(row.get("service").asText() + "/" + row.get("event").asText() + "/" + row.get("device").asText(), value);
                    usersSum += value;
                } else if (measure.equals("events")) {
                    eventsSum += value;
                } else {
                    multi = value;
                }
            }
            assertThat(body.get("results")).hasSize(8 * 2 + 1);
            // 60 + 20 regular users, and the heavy user on exactly max_keys_per_user = 2 keys (unbounded: 8)
            assertThat(usersSum).isEqualTo(60 + 20 + 2);
            assertThat(users.get("op-sync/login/mobile")).isBetween(60L, 61L);
            assertThat(users.get("op-hello/call/desktop")).isBetween(20L, 21L);
            // events capped at max_per_key = 2 per user and key: 60 * 2 + 20 * 2 + 2 * 2 = 164 (unbounded: 440);
            // scale 4/20 = 0.2 per value, |noise| <= 4 except with probability 2e^-25 each
            assertThat(Math.abs(eventsSum - 164)).isLessThanOrEqualTo(8 * 4);
            // users of both services: 20 regular + the heavy one (its services before the key subset); scale 1/4
            assertThat(Math.abs(multi - 21)).isLessThanOrEqualTo(7);
        } finally {
            http.put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.budget.epsilon_per_epoch\": null,"
                + " \"privacy_metrics.events.number_of_shards\": null}}").assertSuccess();
        }
    }
}
