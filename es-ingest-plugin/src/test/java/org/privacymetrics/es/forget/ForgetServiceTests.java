package org.privacymetrics.es.forget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.action.bulk.BulkRequestBuilder;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.tasks.TaskCancelHelper;
import org.elasticsearch.tasks.TaskCancelledException;
import org.elasticsearch.tasks.TaskId;
import org.elasticsearch.test.ESSingleNodeTestCase;

/**
 * The deletion half of forget on an in-JVM node, with the re-key function replaced by a visible mapping (the real one
 * needs the keystore secret; its end-to-end test is {@code ForgetIT}).
 */
public class ForgetServiceTests extends ESSingleNodeTestCase {

    private static final List<String> LABELS = List.of("2026-10", "2026-11", "2026-W47", "2026-11-22", "2026-12");

    private static String stored(String edgeId, String label) {
        return (label + ":" + edgeId).toUpperCase(Locale.ROOT); // a stand-in re-key: per label, distinguishable from the edge id
    }

    private static String edge(int i) {
        return String.format(Locale.ROOT, "%032x", i);
    }

    private void createRawIndex(String name, int shards, int maxTermsCount) {
        Settings.Builder settings = Settings.builder().put(indexSettings(shards, 0).build()).put("index.max_terms_count", maxTermsCount);
        if (name.startsWith(".")) {
            settings.put("index.hidden", true);
        }
        client().admin().indices().prepareCreate(name).setSettings(settings)
            .setMapping("metrics_id", "type=keyword", "metrics_epoch", "type=keyword").get();
    }

    public void testDeletesEveryPairAcrossLabelsIndicesShardsAndPagesBelowTheTermsLimit() throws Exception {
        // a current (hidden) and a legacy raw index; the legacy one allows only 40 terms per query, while the request
        // needs 60 ids x 5 labels = 300 (id, label) pairs
        createRawIndex(".privacy-metrics-events-2026.11.01", 3, 65_536);
        createRawIndex("metrics-events-2026.11.02", 2, 40);
        List<String> indices = List.of(".privacy-metrics-events-2026.11.01", "metrics-events-2026.11.02");
        List<String> victims = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            victims.add(edge(i));
        }
        BulkRequestBuilder bulk = client().prepareBulk().setRefreshPolicy(WriteRequest.RefreshPolicy.NONE);
        long expected = 0;
        // 2,500 victim events (more than one search page of 2,000), 1,000 of others, every label
        for (int i = 0; i < 3_500; i++) {
            String label = LABELS.get(i % LABELS.size());
            boolean victim = i < 2_500;
            String id = victim ? edge(i % 60) : edge(1_000 + i % 7);
            expected += victim ? 1 : 0;
            bulk.add(new IndexRequest(indices.get(i % 2)).source(Map.of("metrics_id", stored(id, label), "metrics_epoch", label)));
        }
        // the same edge id under a label it was not re-keyed for stays: stored ids are per label
        bulk.add(new IndexRequest(indices.get(0)).source(Map.of("metrics_id", stored(edge(0), "2026-10"), "metrics_epoch", "2026-12")));
        BulkResponse r = bulk.get();
        assertFalse(r.buildFailureMessage(), r.hasFailures());
        // not refreshed: forget refreshes first

        ForgetService service = new ForgetService(client(), ForgetServiceTests::stored);
        ForgetTask task = new ForgetTask(1, "transport", ForgetAction.TYPE.name(), "", TaskId.EMPTY_TASK_ID, Map.of());
        assertEquals(Map.of("deleted", expected), service.forget(victims, task, null));
        assertEquals("done", task.status().phase());
        assertEquals(LABELS.size(), task.status().labels());
        assertEquals(expected, task.status().deleted());
        assertEquals(1_001, countAll());
        assertEquals(Map.of("deleted", 0L), service.forget(victims));
    }

    public void testNoRawIndexMeansNothingToDelete() {
        assertEquals(Map.of("deleted", 0L), new ForgetService(client(), ForgetServiceTests::stored).forget(List.of(edge(1))));
    }

    public void testAClosedRawIndexFailsInsteadOfBeingSkipped() {
        createRawIndex(".privacy-metrics-events-2026.11.03", 1, 65_536);
        client().admin().indices().prepareClose(".privacy-metrics-events-2026.11.03").get();
        ElasticsearchStatusException e = expectThrows(ElasticsearchStatusException.class,
            () -> new ForgetService(client(), ForgetServiceTests::stored).forget(List.of(edge(1))));
        assertTrue(e.getMessage(), e.getMessage().contains("raw index [.privacy-metrics-events-2026.11.03] is closed"));
    }

    public void testACancelledTaskStops() {
        createRawIndex(".privacy-metrics-events-2026.11.04", 1, 65_536);
        client().prepareIndex(".privacy-metrics-events-2026.11.04").setSource(Map.of("metrics_id", stored(edge(1), "2026-11"),
            "metrics_epoch", "2026-11")).setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE).get();
        ForgetTask task = new ForgetTask(2, "transport", ForgetAction.TYPE.name(), "", TaskId.EMPTY_TASK_ID, Map.of());
        TaskCancelHelper.cancel(task, "test");
        expectThrows(TaskCancelledException.class, () -> new ForgetService(client(), ForgetServiceTests::stored)
            .forget(List.of(edge(1)), task, null));
        assertEquals(1, countAll());
    }

    public void testStoredIdsCopiedFromRawEventsAreRefusedInsteadOfDeletingNothing() {
        // Fourth attack review: a careless admin copies metrics_id values from raw events (the stored, re-keyed ids)
        // into a forget request; as edge ids they matched nothing and {"deleted": 0} read as "no events of this user".
        createRawIndex(".privacy-metrics-events-2026-11", 1, 65_536);
        String storedLikeHex = "ab".repeat(16); // stored ids are 32 lowercase hex characters, as edge ids are
        client().prepareIndex(".privacy-metrics-events-2026-11").setSource(Map.of("metrics_id", storedLikeHex, "metrics_epoch", "2026-11"))
            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE).get();
        ForgetService service = new ForgetService(client(), ForgetServiceTests::stored);
        ElasticsearchStatusException e = expectThrows(ElasticsearchStatusException.class,
            () -> service.forget(List.of(edge(5), storedLikeHex)));
        assertEquals(RestStatus.BAD_REQUEST, e.status());
        assertTrue(e.getMessage(), e.getMessage().contains("field [metrics_ids] holds stored ids of [1] raw events, not edge ids"));
        assertFalse(e.getMessage(), e.getMessage().contains(storedLikeHex));
        assertEquals(1, countAll());
        // edge ids alone go on as before
        assertEquals(Map.of("deleted", 0L), service.forget(List.of(edge(5))));
    }

    public void testRefusesWithoutARekeyFunction() {
        ForgetService service = new ForgetService(client(), null);
        Exception e = expectThrows(Exception.class, () -> service.forget(List.of("c".repeat(32))));
        assertTrue(e.getMessage(), e.getMessage().contains("no [privacy_metrics.rekey.secret] in its keystore"));
    }

    private long countAll() {
        client().admin().indices().prepareRefresh(ForgetService.RAW_INDICES).setIndicesOptions(IndicesOptions.LENIENT_EXPAND_OPEN_HIDDEN).get();
        var response = client().prepareSearch(ForgetService.RAW_INDICES).setIndicesOptions(IndicesOptions.LENIENT_EXPAND_OPEN_HIDDEN)
            .setSize(0).setTrackTotalHits(true).setQuery(QueryBuilders.matchAllQuery()).get();
        try {
            return response.getHits().getTotalHits().value();
        } finally {
            response.decRef();
        }
    }
}
