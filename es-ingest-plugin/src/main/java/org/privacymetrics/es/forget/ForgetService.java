package org.privacymetrics.es.forget;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.logging.LogManager;
import org.elasticsearch.logging.Logger;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.privacymetrics.es.setup.SetupService;

/**
 * Deletes one user's raw events: the edge metrics ids are re-keyed exactly as the ingest pipeline re-keys them, then
 * every document with one of the stored ids is deleted from every live raw index ({@code metrics-events-*}), on all
 * shards and nodes. The integ-test distribution has no delete-by-query (reindex module), so this pages through a
 * search and deletes by {@code _id} in bulk until nothing matches.
 */
public final class ForgetService {

    /** Raw event indices searched. */
    public static final String RAW_INDICES = "metrics-events-*";

    /** The keystore setting the re-key function derives its key from (registered by the ingest side). */
    public static final String REKEY_SECRET_SETTING = "privacy_metrics.rekey.secret";

    private static final Logger LOG = LogManager.getLogger(ForgetService.class);
    private static final int PAGE = 1000;
    private static final TimeValue TIMEOUT = TimeValue.timeValueMinutes(2);

    private final Client client;
    private final java.util.function.BiFunction<String, String, String> rekey;

    /**
     * @param client node client; searches and deletions run with the plugin's origin (the caller was authorised
     *     for {@code cluster:admin/privacy_metrics/forget})
     * @param rekey (edge metrics id, metrics_epoch) to stored metrics id, exactly as the {@code metrics_rekey} processor computes it on
     *     this node; it throws when this node cannot re-key (inconsistent secret). Null when this node has no re-key
     *     secret: then every forget request is refused, since the stored ids cannot be computed.
     */
    public ForgetService(Client client, java.util.function.BiFunction<String, String, String> rekey) {
        this.client = new OriginSettingClient(client, SetupService.ORIGIN);
        this.rekey = rekey;
    }

    /**
     * Blocking; call on a generic-pool thread.
     *
     * @param edgeIds validated edge metrics ids
     * @return {@code {"deleted": N}}
     */
    public Map<String, Object> forget(List<String> edgeIds) {
        if (rekey == null) {
            throw new ElasticsearchStatusException("this node cannot re-key metrics ids: no [" + REKEY_SECRET_SETTING
                + "] in its keystore, so it cannot find the stored ids to delete", RestStatus.SERVICE_UNAVAILABLE);
        }
        // The re-key depends on the epoch, and a service sends edge ids without theirs: try every epoch present in
        // the live raw indices (a handful: one per month by default).
        Set<String> stored = new LinkedHashSet<>();
        for (String epoch : liveEpochs()) {
            for (String id : edgeIds) {
                stored.add(rekey.apply(id, epoch));
            }
        }
        if (stored.isEmpty()) {
            return Map.of("deleted", 0L);
        }
        long deleted = deleteStored(new ArrayList<>(stored));
        // counts only: the ids themselves are never logged
        LOG.info("privacy-metrics forget: {} ids, {} raw events deleted", stored.size(), deleted);
        return Map.of("deleted", deleted);
    }

    /** The distinct {@code metrics_epoch} values of the live raw indices. */
    List<String> liveEpochs() {
        SearchRequest search = new SearchRequest(RAW_INDICES).indicesOptions(IndicesOptions.lenientExpandOpen())
            .source(new SearchSourceBuilder().size(0).trackTotalHits(false).aggregation(
                org.elasticsearch.search.aggregations.AggregationBuilders.terms("epochs").field("metrics_epoch").size(10_000)));
        SearchResponse response = client.search(search).actionGet(TIMEOUT);
        try {
            List<String> out = new ArrayList<>();
            if (response.getAggregations() == null) {
                return out;
            }
            org.elasticsearch.search.aggregations.bucket.terms.Terms terms = response.getAggregations().get("epochs");
            if (terms != null) {
                for (org.elasticsearch.search.aggregations.bucket.terms.Terms.Bucket b : terms.getBuckets()) {
                    out.add(b.getKeyAsString());
                }
            }
            return out;
        } finally {
            response.decRef();
        }
    }

    /** Deletes every raw event whose stored {@code metrics_id} is in {@code storedIds}; returns how many. */
    long deleteStored(List<String> storedIds) {
        long deleted = 0;
        int idleRounds = 0;
        while (true) {
            SearchRequest search = new SearchRequest(RAW_INDICES).indicesOptions(IndicesOptions.lenientExpandOpen())
                .source(new SearchSourceBuilder().query(QueryBuilders.termsQuery("metrics_id", storedIds)).size(PAGE)
                    .fetchSource(false).trackTotalHits(false));
            BulkRequest bulk = new BulkRequest().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
            SearchResponse response = client.search(search).actionGet(TIMEOUT);
            try {
                for (SearchHit hit : response.getHits().getHits()) {
                    bulk.add(new DeleteRequest(hit.getIndex(), hit.getId()).routing(hit.field("_routing") == null ? null
                        : hit.field("_routing").getValue().toString()));
                }
            } finally {
                response.decRef();
            }
            if (bulk.numberOfActions() == 0) {
                return deleted;
            }
            BulkResponse result = client.bulk(bulk).actionGet(TIMEOUT);
            long round = 0;
            int failures = 0;
            String firstFailure = null;
            for (BulkItemResponse item : result.getItems()) {
                if (item.isFailed()) {
                    failures++;
                    if (firstFailure == null) {
                        firstFailure = item.getFailure().getCause().getClass().getSimpleName() + " in index [" + item.getIndex() + "]";
                    }
                } else if (item.getResponse().getResult() == org.elasticsearch.action.DocWriteResponse.Result.DELETED) {
                    round++;
                }
            }
            deleted += round;
            if (failures > 0) {
                throw new IllegalStateException("forget deleted " + deleted + " raw events, then " + failures
                    + " deletions failed (first: " + firstFailure + "); the request can be repeated");
            }
            // A concurrent forget may have deleted them first (not_found); a search that keeps finding documents the
            // deletes miss must not loop forever.
            idleRounds = round == 0 ? idleRounds + 1 : 0;
            if (idleRounds >= 3) {
                throw new IllegalStateException("forget found matching raw events it could not delete; the request can be repeated");
            }
        }
    }
}
