package org.privacymetrics.es.forget;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elasticsearch.action.bulk.BulkRequestBuilder;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.test.ESSingleNodeTestCase;

/**
 * The deletion half of forget on an in-JVM node, with the re-key function replaced by a visible mapping (the real one
 * needs the keystore secret; its end-to-end test is {@code ForgetIT}).
 */
public class ForgetServiceTests extends ESSingleNodeTestCase {

    private static String stored(String edgeId) {
        return edgeId.toUpperCase(Locale.ROOT); // a stand-in re-key: distinguishable from the edge id
    }

    public void testDeletesEveryStoredIdInEveryDailyIndexAcrossShardsAndPages() throws Exception {
        String alice = "a".repeat(32);
        String bob = "b".repeat(32);
        List<String> indices = List.of("metrics-events-2026.11.01", "metrics-events-2026.11.02");
        for (String index : indices) {
            client().admin().indices().prepareCreate(index).setSettings(indexSettings(3, 0))
                .setMapping("metrics_id", "type=keyword", "metrics_epoch", "type=keyword").get();
        }
        // more than one search page (1000) of alice's events, spread over both indices and all shards
        BulkRequestBuilder bulk = client().prepareBulk().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
        for (int i = 0; i < 2400; i++) {
            bulk.add(new IndexRequest(indices.get(i % 2)).source(Map.of("metrics_id", stored(i % 3 == 0 ? bob : alice), "metrics_epoch", "2026-11")));
        }
        BulkResponse r = bulk.get();
        assertFalse(r.buildFailureMessage(), r.hasFailures());

        ForgetService service = new ForgetService(client(), (id, epoch) -> "2026-11".equals(epoch) ? stored(id) : "none-" + epoch);
        assertEquals(Map.of("deleted", 1600L), service.forget(List.of(alice)));
        assertEquals(0, count(stored(alice)));
        assertEquals(800, count(stored(bob)));
        assertEquals(Map.of("deleted", 0L), service.forget(List.of(alice)));
    }

    public void testRefusesWithoutARekeyFunction() {
        ForgetService service = new ForgetService(client(), null);
        Exception e = expectThrows(Exception.class, () -> service.forget(List.of("c".repeat(32))));
        assertTrue(e.getMessage(), e.getMessage().contains("no [privacy_metrics.rekey.secret] in its keystore"));
    }

    private long count(String storedId) {
        var response = client().prepareSearch("metrics-events-*").setSize(0).setTrackTotalHits(true)
            .setQuery(QueryBuilders.termQuery("metrics_id", storedId)).get();
        try {
            return response.getHits().getTotalHits().value();
        } finally {
            response.decRef();
        }
    }
}
