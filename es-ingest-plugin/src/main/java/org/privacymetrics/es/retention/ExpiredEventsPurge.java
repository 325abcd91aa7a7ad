package org.privacymetrics.es.retention;

import java.time.Instant;
import java.util.List;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.broadcast.BroadcastResponse;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.rest.RestStatus;
import org.privacymetrics.es.common.PagedDeletion;

/**
 * Deletes the events of the expired days from one raw epoch index that also holds kept days: every document whose
 * {@code @timestamp} is before the first kept day. Refresh, count; if any, page through them in a point in time
 * ({@code _shard_doc} order) and delete them by {@code _id} and {@code _routing} in bulk, as the plugin
 * ({@link PagedDeletion}, shared with forget).
 *
 * <p>It keeps no state: a purge cut short (crash, restart, master change, a failed shard) leaves documents the range
 * still matches, and the next retention check deletes them. Ingest refuses events of expired days, so once a purge
 * found nothing, nothing new matches.
 */
final class ExpiredEventsPurge {

    private static final TimeValue TIMEOUT = TimeValue.timeValueMinutes(5);
    private static final IndicesOptions OPTIONS = IndicesOptions.LENIENT_EXPAND_OPEN_HIDDEN;
    private static final PagedDeletion.Pages NO_PROGRESS = new PagedDeletion.Pages() {
        @Override
        public void beforePage(int query) {
        }

        @Override
        public void deleted(int query, long deletedSoFar) {
        }
    };

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
            throw failure("could not refresh [" + refreshed.getFailedShards() + "] shards", index);
        }
        PagedDeletion deletion = new PagedDeletion(client, OPTIONS, TIMEOUT, what -> failure(what, index));
        if (deletion.count(query, index) == 0) {
            return 0;
        }
        return deletion.deleteAll(List.of(query), NO_PROGRESS, index);
    }

    private static ElasticsearchStatusException failure(String what, String index) {
        return new ElasticsearchStatusException("privacy-metrics retention " + what + " of raw index [" + index
            + "]; the next check deletes what is left", RestStatus.SERVICE_UNAVAILABLE);
    }
}
