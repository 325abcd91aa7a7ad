package org.privacymetrics.es.common;

import java.util.List;
import java.util.function.Function;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.ExceptionsHelper;
import org.elasticsearch.action.DocWriteResponse;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.search.ClosePointInTimeRequest;
import org.elasticsearch.action.search.OpenPointInTimeRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.search.ShardSearchFailure;
import org.elasticsearch.action.search.TransportClosePointInTimeAction;
import org.elasticsearch.action.search.TransportOpenPointInTimeAction;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.document.DocumentField;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.PointInTimeBuilder;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortBuilders;
import org.privacymetrics.es.compat.EsAdapter;

/**
 * Deletes every raw event some queries match, the way retention's purge of expired days and forget both do it: one
 * point in time over the indices, each query's matches paged in {@code _shard_doc} order, deleted by {@code _id} and
 * {@code _routing} in bulk as the plugin's own requests ({@link OwnRequests}: the write guard refuses everyone else's
 * deletes of raw events). The reindex module's delete-by-query is not in every distribution, so this does not rely on it.
 *
 * <p>Never partial in silence: a shard that does not answer, a search that timed out or any failed deletion throws, with
 * the message the caller's {@code failure} function builds around what happened (the caller says what to do next).
 * Blocking; call on a generic-pool thread.
 */
public final class PagedDeletion {

    /** Called between pages: may throw to stop (cancellation); told how many this call deleted so far. */
    public interface Pages {
        void beforePage(int query);

        void deleted(int query, long deletedSoFar);
    }

    private static final int PAGE = 2_000;
    private static final TimeValue PIT_KEEP_ALIVE = TimeValue.timeValueMinutes(5);

    private final Client client;
    private final IndicesOptions options;
    private final TimeValue timeout;
    private final Function<String, ElasticsearchStatusException> failure;

    /**
     * @param client runs with the plugin's origin
     * @param failure turns what went wrong ("could not search [2] shards (first: …)") into the exception the caller throws
     */
    public PagedDeletion(Client client, IndicesOptions options, TimeValue timeout, Function<String, ElasticsearchStatusException> failure) {
        this.client = client;
        this.options = options;
        this.timeout = timeout;
        this.failure = failure;
    }

    /** How many documents of {@code indices} match {@code query}, exactly; every shard must answer. */
    public long count(QueryBuilder query, String... indices) {
        SearchResponse r = search(new SearchRequest(indices).indicesOptions(options)
            .source(new SearchSourceBuilder().size(0).trackTotalHits(true).query(query)));
        try {
            return EsAdapter.CURRENT.totalHits(r.getHits().getTotalHits());
        } finally {
            r.decRef();
        }
    }

    /** A search whose every shard answered in time, or the caller's exception. The caller must decRef the response. */
    public SearchResponse search(SearchRequest request) {
        request.allowPartialSearchResults(false);
        SearchResponse r = client.search(request).actionGet(timeout);
        if (r.getFailedShards() > 0 || r.isTimedOut()) {
            ShardSearchFailure[] failures = r.getShardFailures();
            String first = failures.length == 0 ? "timed out" : ExceptionsHelper.unwrapCause(failures[0].getCause()).getClass().getSimpleName();
            int failed = r.getFailedShards();
            r.decRef();
            throw failure.apply("could not search [" + failed + "] shards (first: " + first + ")");
        }
        return r;
    }

    /**
     * Deletes every match of each query, in order, in one point in time over {@code indices}.
     *
     * @return how many documents this call deleted (those already gone, e.g. deleted concurrently, are not counted)
     */
    public long deleteAll(List<QueryBuilder> queries, Pages pages, String... indices) {
        var opened = client.execute(TransportOpenPointInTimeAction.TYPE,
            new OpenPointInTimeRequest(indices).indicesOptions(options).keepAlive(PIT_KEEP_ALIVE)).actionGet(timeout);
        BytesReference pit = opened.getPointInTimeId();
        try {
            if (opened.getFailedShards() > 0) {
                throw failure.apply("could not open [" + opened.getFailedShards() + "] shards");
            }
            long deleted = 0;
            for (int q = 0; q < queries.size(); q++) {
                deleted = deleteMatches(pit, queries.get(q), q, deleted, pages);
            }
            return deleted;
        } finally {
            client.execute(TransportClosePointInTimeAction.TYPE, new ClosePointInTimeRequest(pit)).actionGet(timeout);
        }
    }

    private long deleteMatches(BytesReference pit, QueryBuilder query, int q, long deleted, Pages pages) {
        Object[] after = null;
        while (true) {
            pages.beforePage(q);
            SearchSourceBuilder source = new SearchSourceBuilder().query(query).size(PAGE).fetchSource(false).trackTotalHits(false)
                .pointInTimeBuilder(new PointInTimeBuilder(pit).setKeepAlive(PIT_KEEP_ALIVE)).sort(SortBuilders.pitTiebreaker());
            if (after != null) {
                source.searchAfter(after);
            }
            BulkRequest bulk = new BulkRequest();
            SearchResponse r = search(new SearchRequest().source(source));
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
            deleted += bulkDelete(bulk, deleted);
            pages.deleted(q, deleted);
            if (bulk.numberOfActions() < PAGE) {
                return deleted;
            }
        }
    }

    /** @return deletions that deleted a document */
    private long bulkDelete(BulkRequest bulk, long deletedBefore) {
        BulkResponse result;
        try {
            result = client.bulk(OwnRequests.mark(bulk)).actionGet(timeout);
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
                    first = ExceptionsHelper.unwrapCause(item.getFailure().getCause()).getClass().getSimpleName() + " in index ["
                        + item.getIndex() + "]";
                }
            } else if (item.getResponse().getResult() == DocWriteResponse.Result.DELETED) {
                deleted++;
            }
        }
        if (failures > 0) {
            throw failure.apply("deleted [" + (deletedBefore + deleted) + "] raw events, then [" + failures + "] deletions failed (first: "
                + first + ")");
        }
        return deleted;
    }
}
