package org.privacymetrics.es.forget;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.admin.cluster.state.ClusterStateRequest;
import org.elasticsearch.action.admin.cluster.state.ClusterStateResponse;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.broadcast.BroadcastResponse;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.client.internal.ParentTaskAssigningClient;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.logging.LogManager;
import org.elasticsearch.logging.Logger;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeAggregation;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeAggregationBuilder;
import org.elasticsearch.search.aggregations.bucket.composite.TermsValuesSourceBuilder;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.tasks.TaskCancelledException;
import org.elasticsearch.tasks.TaskId;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.common.PagedDeletion;
import org.privacymetrics.es.compat.EsAdapter;

/**
 * Deletes users' raw events: the edge metrics ids are re-keyed exactly as the ingest pipeline re-keys them, for every
 * {@code metrics_epoch} label that exists in the raw indices, and every document with one of the stored ids under that
 * label is deleted from every raw index (current {@link Names#RAW_INDEX_PATTERN} and legacy
 * {@link Names#LEGACY_RAW_INDEX_PATTERN}), on all shards and nodes.
 *
 * <p>One pass: refresh, find the labels (composite aggregation), split the (id × label) pairs into queries below
 * {@code index.max_terms_count} ({@link ForgetBatches}), count the matches exactly; if any, open a point in time and
 * page through each query's matches ({@code _shard_doc} order), deleting them by {@code _id} in bulk. Passes repeat
 * until a count finds nothing (events that arrived meanwhile), at most {@link #MAX_ROUNDS} times. Any shard failure,
 * closed raw index or failed deletion fails the request: the answer is never a partial count reported as complete. The
 * integ-test distribution has no delete-by-query (reindex module), and this does not rely on it.
 */
public final class ForgetService {

    /** The keystore setting the re-key function derives its key from (registered by the ingest side). */
    public static final String REKEY_SECRET_SETTING = org.privacymetrics.es.common.SharedSettings.REKEY_SECRET_KEY;

    static final String ID_FIELD = "metrics_id";
    static final String EPOCH_FIELD = "metrics_epoch";

    /** Raw event indices searched: current and pre-migration names. */
    static final String[] RAW_INDICES = {Names.RAW_INDEX_PATTERN, Names.LEGACY_RAW_INDEX_PATTERN};
    /** Missing patterns are fine; hidden (system) indices included; closed ones are looked for separately. */
    static final IndicesOptions SEARCH_OPTIONS = IndicesOptions.LENIENT_EXPAND_OPEN_HIDDEN;

    /** Most stored ids in one query, whatever {@code index.max_terms_count} allows (bounds the query's size). */
    static final int MAX_TERMS_PER_QUERY = 20_000;
    /** Most epoch labels in one query. */
    static final int MAX_LABELS_PER_QUERY = 256;
    static final int MAX_ROUNDS = 3;
    private static final int LABEL_PAGE = 1_000;
    private static final TimeValue TIMEOUT = TimeValue.timeValueMinutes(5);

    private static final Logger LOG = LogManager.getLogger(ForgetService.class);

    private final Client client;
    private final BiFunction<String, String, String> rekey;

    /**
     * @param client node client; searches and deletions run with the plugin's origin ({@link Names#ORIGIN}): the caller
     *     was authorised for {@code cluster:admin/privacy_metrics/forget}
     * @param rekey (edge metrics id, metrics_epoch) to stored metrics id, exactly as the {@code metrics_rekey} processor
     *     computes it on this node; it throws when this node cannot re-key (inconsistent secret). Null when this node
     *     has no re-key secret: then every forget request is refused, since the stored ids cannot be computed.
     */
    public ForgetService(Client client, BiFunction<String, String, String> rekey) {
        this.client = new OriginSettingClient(client, Names.ORIGIN);
        this.rekey = rekey;
    }

    /** Runs without a registered task (tests). */
    Map<String, Object> forget(List<String> edgeIds) {
        return forget(edgeIds, new ForgetTask(-1, "transport", ForgetAction.TYPE.name(), "", TaskId.EMPTY_TASK_ID, Map.of()), null);
    }

    /**
     * Blocking; call on a generic-pool thread.
     *
     * @param edgeIds validated edge metrics ids
     * @param task this request's task: its status shows progress, and cancelling it stops between pages
     * @param taskId the task's id on this node, parent of the searches and deletions; null for none
     * @return {@code {"deleted": N}}, the exact number of raw events this request deleted
     */
    public Map<String, Object> forget(List<String> edgeIds, ForgetTask task, TaskId taskId) {
        if (rekey == null) {
            throw new ElasticsearchStatusException("this node cannot re-key metrics ids: no [" + REKEY_SECRET_SETTING
                + "] in its keystore, so it cannot find the stored ids to delete", RestStatus.SERVICE_UNAVAILABLE);
        }
        Client c = taskId == null ? client : new ParentTaskAssigningClient(client, taskId);
        long started = System.nanoTime();
        long deleted = 0;
        int labels = 0;
        int round = 1;
        for (;; round++) {
            ForgetTask.Status status = new ForgetTask.Status("refreshing", round, 0, 0, 0, deleted);
            task.status(status);
            int maxTerms = checkIndicesAndMaxTerms(c);
            refresh(c);
            checkCancelled(task);
            if (round == 1) {
                refuseStoredIds(c, edgeIds, maxTerms);
            }
            task.status(status.withPhase("finding_labels"));
            List<String> found = labels(c, task);
            labels = Math.max(labels, found.size()); // a later pass sees only what is left
            List<ForgetBatches.Batch> batches = ForgetBatches.plan(found, edgeIds, rekey, maxTerms, MAX_LABELS_PER_QUERY);
            status = new ForgetTask.Status("counting", round, found.size(), batches.size(), 0, deleted);
            task.status(status);
            long matching = 0;
            for (ForgetBatches.Batch batch : batches) {
                checkCancelled(task);
                matching += count(c, batch.query());
            }
            if (matching == 0) {
                break;
            }
            if (round > MAX_ROUNDS) {
                throw new ElasticsearchStatusException("forget deleted [" + deleted + "] raw events in [" + MAX_ROUNDS
                    + "] passes, but [" + matching + "] matching events are still there (still being written?); repeat the request",
                    RestStatus.CONFLICT);
            }
            deleted += deleteMatches(c, task, batches, status.withPhase("deleting"));
        }
        task.status(new ForgetTask.Status("done", round, labels, 0, 0, deleted));
        // counts only: the ids themselves are never logged
        LOG.info("privacy-metrics forget: {} edge ids, {} epoch labels, {} raw events deleted in {} ms", edgeIds.size(), labels, deleted,
            (System.nanoTime() - started) / 1_000_000);
        return Map.of("deleted", deleted);
    }

    /**
     * Refuses ids copied from raw events (stored, re-keyed ids) instead of the edge ids services compute: as edge ids they
     * match nothing, and {@code {"deleted": 0}} would read as "this user has no events" while they all stay. One count
     * per request (the ids as stored ids, in queries below {@code maxTerms}); the error names how many events, never ids.
     */
    private static void refuseStoredIds(Client c, List<String> edgeIds, int maxTerms) {
        long events = 0;
        for (int from = 0; from < edgeIds.size(); from += maxTerms) {
            events += count(c, QueryBuilders.constantScoreQuery(
                QueryBuilders.termsQuery(ID_FIELD, edgeIds.subList(from, Math.min(edgeIds.size(), from + maxTerms)))));
        }
        if (events > 0) {
            throw new ElasticsearchStatusException("field [metrics_ids] holds stored ids of [" + events + "] raw events, not edge ids:"
                + " forget takes the ids services compute from the user's uid for each epoch (the appender's range helper) and"
                + " re-keys them itself; nothing was deleted", RestStatus.BAD_REQUEST);
        }
    }

    /**
     * Fails on a closed raw index (its events could not be deleted, and a search would skip it silently).
     *
     * @return the number of stored ids one query may hold: below every raw index's {@code index.max_terms_count}
     */
    static int maxTermsPerQuery(Iterable<IndexMetadata> rawIndices) {
        int max = MAX_TERMS_PER_QUERY;
        for (IndexMetadata index : rawIndices) {
            if (index.getState() == IndexMetadata.State.CLOSE) {
                throw new ElasticsearchStatusException("raw index [" + index.getIndex().getName() + "] is closed, so its events cannot be "
                    + "deleted; open or delete it, then repeat the request", RestStatus.CONFLICT);
            }
            max = Math.min(max, IndexSettings.MAX_TERMS_COUNT_SETTING.get(index.getSettings()));
        }
        return Math.max(1, max);
    }

    private static int checkIndicesAndMaxTerms(Client c) {
        ClusterStateRequest request = new ClusterStateRequest(TIMEOUT).clear().metadata(true).indices(RAW_INDICES)
            .indicesOptions(IndicesOptions.LENIENT_EXPAND_OPEN_CLOSED_HIDDEN);
        ClusterStateResponse response = c.admin().cluster().state(request).actionGet(TIMEOUT);
        return maxTermsPerQuery(EsAdapter.CURRENT.project(response.getState()).indices().values());
    }

    private static void refresh(Client c) {
        BroadcastResponse r = c.admin().indices().refresh(new RefreshRequest(RAW_INDICES).indicesOptions(SEARCH_OPTIONS)).actionGet(TIMEOUT);
        if (r.getFailedShards() > 0) {
            throw new ElasticsearchStatusException("forget could not refresh [" + r.getFailedShards() + "] shards of the raw indices; "
                + "nothing was deleted by this step, repeat the request when the cluster is healthy", RestStatus.SERVICE_UNAVAILABLE);
        }
    }

    /** Every distinct {@code metrics_epoch} of the raw indices, paged with a composite aggregation (no size limit). */
    private static List<String> labels(Client c, ForgetTask task) {
        TreeSet<String> out = new TreeSet<>();
        Map<String, Object> after = null;
        while (true) {
            checkCancelled(task);
            CompositeAggregationBuilder agg = new CompositeAggregationBuilder("labels",
                List.of(new TermsValuesSourceBuilder("label").field(EPOCH_FIELD))).size(LABEL_PAGE);
            if (after != null) {
                agg.aggregateAfter(after);
            }
            SearchResponse r = search(c, new SearchRequest(RAW_INDICES).indicesOptions(SEARCH_OPTIONS)
                .source(new SearchSourceBuilder().size(0).trackTotalHits(false).aggregation(agg)));
            try {
                CompositeAggregation labels = r.getAggregations() == null ? null : r.getAggregations().get("labels");
                if (labels == null || labels.getBuckets().isEmpty()) {
                    return List.copyOf(out);
                }
                labels.getBuckets().forEach(b -> out.add(String.valueOf(b.getKey().get("label"))));
                after = labels.afterKey();
                if (after == null || labels.getBuckets().size() < LABEL_PAGE) {
                    return List.copyOf(out);
                }
            } finally {
                r.decRef();
            }
        }
    }

    /** Deletions, counts and searches over the raw indices, failing the request on any shard or deletion failure. */
    private static PagedDeletion deletion(Client c) {
        return new PagedDeletion(c, SEARCH_OPTIONS, TIMEOUT, what -> new ElasticsearchStatusException("forget " + what
            + " of the raw indices; repeat the request when the cluster is healthy", RestStatus.SERVICE_UNAVAILABLE));
    }

    private static long count(Client c, QueryBuilder query) {
        return deletion(c).count(query, RAW_INDICES);
    }

    private static SearchResponse search(Client c, SearchRequest request) {
        return deletion(c).search(request);
    }

    /** Pages through each batch's matches in one point in time and deletes them; returns how many were deleted. */
    private static long deleteMatches(Client c, ForgetTask task, List<ForgetBatches.Batch> batches, ForgetTask.Status status) {
        PagedDeletion.Pages pages = new PagedDeletion.Pages() {
            @Override
            public void beforePage(int query) {
                checkCancelled(task);
            }

            @Override
            public void deleted(int query, long deletedSoFar) {
                task.status(new ForgetTask.Status(status.phase(), status.round(), status.labels(), status.batches(), query,
                    status.deleted() + deletedSoFar));
            }
        };
        task.status(new ForgetTask.Status(status.phase(), status.round(), status.labels(), status.batches(), 0, status.deleted()));
        return deletion(c).deleteAll(batches.stream().map(ForgetBatches.Batch::query).toList(), pages, RAW_INDICES);
    }

    private static void checkCancelled(ForgetTask task) {
        if (task.isCancelled()) {
            throw new TaskCancelledException("forget cancelled: " + task.getReasonCancelled() + " (events already deleted stay deleted)");
        }
    }
}
