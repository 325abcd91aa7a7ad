package org.privacymetrics.es.retention;

import java.time.Instant;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.ExceptionsHelper;
import org.elasticsearch.action.DocWriteResponse;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.search.ClosePointInTimeRequest;
import org.elasticsearch.action.search.OpenPointInTimeRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.search.TransportClosePointInTimeAction;
import org.elasticsearch.action.search.TransportOpenPointInTimeAction;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.broadcast.BroadcastResponse;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.document.DocumentField;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.PointInTimeBuilder;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortBuilders;
import org.privacymetrics.es.common.OwnRequests;

/**
 * Deletes the events of the expired days from one raw epoch index that also holds kept days: every document whose
 * {@code @timestamp} is before the first kept day. Refresh, count; if any, page through them in a point in time
 * ({@code _shard_doc} order) and delete them by {@code _id} and {@code _routing} in bulk, as the plugin (the write guard
 * refuses everyone else's deletes of raw events). The reindex module's delete-by-query is not in every distribution
 * (the integ-test one lacks it), so this does not rely on it.
 *
 * <p>It keeps no state: a purge cut short (crash, restart, master change, a failed shard) leaves documents the range
 * still matches, and the next retention check deletes them. Ingest refuses events of expired days, so once a purge
 * found nothing, nothing new matches.
 */
final class ExpiredEventsPurge {

    private static final int PAGE = 2_000;
    private static final TimeValue TIMEOUT = TimeValue.timeValueMinutes(5);
    private static final TimeValue PIT_KEEP_ALIVE = TimeValue.timeValueMinutes(5);
    private static final IndicesOptions OPTIONS = IndicesOptions.LENIENT_EXPAND_OPEN_HIDDEN;

    private final Client client;

    /** @param client runs with the plugin's origin */
    ExpiredEventsPurge(Client client) {
        this.client = client;
    }

    /** The events an index holds from before {@code firstKept} (start of that UTC day), as a query. */
    static QueryBuilder expiredEvents(Instant firstKept) {
        return QueryBuilders.constantScoreQuery(QueryBuilders.rangeQuery("@timestamp").lt(firstKept.toEpochMilli()).format("epoch_millis"));
    }

    /**
     * Blocking; call on a generic-pool thread.
     *
     * @return how many documents this call deleted (those already gone, e.g. deleted by forget meanwhile, not counted)
     * @throws ElasticsearchStatusException when a shard or a deletion failed: what was deleted stays deleted, the rest
     *     is deleted by the next check
     */
    long purge(String index, Instant firstKept) {
        QueryBuilder query = expiredEvents(firstKept);
        BroadcastResponse refreshed = client.admin().indices().refresh(new RefreshRequest(index).indicesOptions(OPTIONS)).actionGet(TIMEOUT);
        if (refreshed.getFailedShards() > 0) {
            throw failure("could not refresh [" + refreshed.getFailedShards() + "] shards of", index);
        }
        if (count(index, query) == 0) {
            return 0;
        }
        var opened = client.execute(TransportOpenPointInTimeAction.TYPE,
            new OpenPointInTimeRequest(index).indicesOptions(OPTIONS).keepAlive(PIT_KEEP_ALIVE)).actionGet(TIMEOUT);
        BytesReference pit = opened.getPointInTimeId();
        try {
            if (opened.getFailedShards() > 0) {
                throw failure("could not open [" + opened.getFailedShards() + "] shards of", index);
            }
            long deleted = 0;
            Object[] after = null;
            while (true) {
                SearchSourceBuilder source = new SearchSourceBuilder().query(query).size(PAGE).fetchSource(false).trackTotalHits(false)
                    .pointInTimeBuilder(new PointInTimeBuilder(pit).setKeepAlive(PIT_KEEP_ALIVE)).sort(SortBuilders.pitTiebreaker());
                if (after != null) {
                    source.searchAfter(after);
                }
                BulkRequest bulk = new BulkRequest();
                SearchResponse r = search(new SearchRequest().source(source), index);
                try {
                    SearchHit[] hits = r.getHits().getHits();
                    for (SearchHit hit : hits) {
                        DocumentField routing = hit.field("_routing");
                        bulk.add(new DeleteRequest(hit.getIndex(), hit.getId()).routing(routing == null ? null : routing.getValue().toString()));
                    }
                    after = hits.length == 0 ? null : hits[hits.length - 1].getSortValues();
                } finally {
                    r.decRef();
                }
                if (bulk.numberOfActions() == 0) {
                    return deleted;
                }
                deleted += delete(bulk, index);
                if (bulk.numberOfActions() < PAGE) {
                    return deleted;
                }
            }
        } finally {
            client.execute(TransportClosePointInTimeAction.TYPE, new ClosePointInTimeRequest(pit)).actionGet(TIMEOUT);
        }
    }

    private long count(String index, QueryBuilder query) {
        SearchResponse r = search(new SearchRequest(index).indicesOptions(OPTIONS)
            .source(new SearchSourceBuilder().size(0).trackTotalHits(true).query(query)), index);
        try {
            return r.getHits().getTotalHits().value();
        } finally {
            r.decRef();
        }
    }

    private long delete(BulkRequest bulk, String index) {
        BulkResponse result;
        try {
            result = client.bulk(OwnRequests.mark(bulk)).actionGet(TIMEOUT);
        } finally {
            OwnRequests.release(bulk);
        }
        long deleted = 0;
        int failures = 0;
        String first = null;
        for (BulkItemResponse item : result.getItems()) {
            if (item.isFailed()) {
                failures++;
                if (first == null) {
                    first = ExceptionsHelper.unwrapCause(item.getFailure().getCause()).getClass().getSimpleName();
                }
            } else if (item.getResponse().getResult() == DocWriteResponse.Result.DELETED) {
                deleted++;
            }
        }
        if (failures > 0) {
            throw failure("deleted [" + deleted + "] expired events, then [" + failures + "] deletions failed (first: " + first + ") in", index);
        }
        return deleted;
    }

    private SearchResponse search(SearchRequest request, String index) {
        request.allowPartialSearchResults(false);
        SearchResponse r = client.search(request).actionGet(TIMEOUT);
        if (r.getFailedShards() > 0 || r.isTimedOut()) {
            int failed = r.getFailedShards();
            r.decRef();
            throw failure("could not search [" + failed + "] shards of", index);
        }
        return r;
    }

    private static ElasticsearchStatusException failure(String what, String index) {
        return new ElasticsearchStatusException("privacy-metrics retention " + what + " raw index [" + index
            + "]; the next check deletes what is left", RestStatus.SERVICE_UNAVAILABLE);
    }
}
