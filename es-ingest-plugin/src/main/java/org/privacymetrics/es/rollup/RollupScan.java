package org.privacymetrics.es.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.search.ClosePointInTimeRequest;
import org.elasticsearch.action.search.OpenPointInTimeRequest;
import org.elasticsearch.action.search.OpenPointInTimeResponse;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.search.TransportClosePointInTimeAction;
import org.elasticsearch.action.search.TransportOpenPointInTimeAction;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.breaker.CircuitBreaker;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.core.Releasable;
import org.elasticsearch.core.Releasables;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeAggregation;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeAggregationBuilder;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeValuesSourceBuilder;
import org.elasticsearch.search.aggregations.bucket.composite.TermsValuesSourceBuilder;
import org.elasticsearch.search.builder.PointInTimeBuilder;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.tasks.CancellableTask;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.noise.NoiseSource;
import org.privacymetrics.es.rollup.onepass.BoundedRollupAggregationBuilder;
import org.privacymetrics.es.rollup.onepass.InternalBoundedRollup;

/**
 * Reads one window of the raw events for a job and computes its noised result: in one pass (the
 * {@code privacy_bounded_rollup} aggregation) when every raw index of the window is of the routed epoch layout, else by
 * paging a composite aggregation by user (daily indices of earlier releases). Reads run as the plugin (the client
 * given is an origin client) over the raw indices only. The memory a run holds (the per-key counters of the declared
 * domain and one composite page) is accounted on Elasticsearch's request circuit breaker for the run's duration, so an
 * oversized run fails cleanly instead of taking the node down.
 */
final class RollupScan {
    private static final String AGG = "by_user";
    private static final TimeValue PIT_KEEP_ALIVE = TimeValue.timeValueMinutes(5);
    /** Every raw index, hidden ones included; none may be missing from the snapshot without failing the run. */
    private static final IndicesOptions RAW_INDICES = IndicesOptions.fromOptions(true, true, true, false, true);

    private static final String ONE_PASS_AGG = "bounded";

    private final Client client;
    private final CircuitBreaker breaker;
    private final NoiseSource noise;
    private final int pageSize;
    private final Supplier<Iterable<IndexMetadata>> rawIndices;
    private final Supplier<RandomGenerator> subsetRandomness;

    /**
     * @param rawIndices       the cluster's current index metadata (the layout of each raw index decides the path)
     * @param subsetRandomness where each shard's contribution bounding draws its subsets (production: a fresh
     *                         SecureRandom per shard, never seeded)
     */
    RollupScan(Client client, CircuitBreaker breaker, NoiseSource noise, int pageSize, Supplier<Iterable<IndexMetadata>> rawIndices,
            Supplier<RandomGenerator> subsetRandomness) {
        this.client = client;
        this.breaker = breaker;
        this.noise = noise;
        this.pageSize = pageSize;
        this.rawIndices = rawIndices;
        this.subsetRandomness = subsetRandomness;
    }

    /**
     * Bytes a run of {@code job} holds at most: per declared key and measure its counters and its released row (a map of
     * the dimension values, value, scale and interval, held as the answer, in the run record and in the results bulk:
     * about 1 KiB together), plus one composite page (about 160 bytes and 48 per dimension per bucket). Deliberately
     * generous: six concurrent runs of a 100,000-key job once exhausted a 1 GB node.
     */
    static long estimateBytes(RollupJob job, int pageSize) {
        long rows = (long) job.domainSize() * job.measures().size();
        return rows * 1024 + (long) pageSize * (160 + 48L * job.dimensions().size());
    }

    /**
     * Every page reads the same point-in-time snapshot of the raw indices: late events or a shard missing from one page
     * cannot make pages disagree. Partial results are never used: a shard failure fails the run (after charging).
     */
    RollupResult compute(RollupJob job, LocalDate start, LocalDate end, CancellableTask task, RollupService.Progress progress) {
        WindowIndices window = WindowIndices.ofMetadata(rawIndices.get(), start, end);
        if (window.routed()) {
            return computeOnePass(job, start, end, task, progress, window.indices());
        }
        BytesReference pit = openSnapshot();
        try {
            return compute(job, start, end, task, progress, pit);
        } finally {
            if (pit != null) {
                client.execute(TransportClosePointInTimeAction.TYPE, new ClosePointInTimeRequest(pit), ActionListener.noop());
            }
        }
    }

    /**
     * Accounts what a run of {@code job} holds ({@link #estimateBytes}) on the request circuit breaker, from before its
     * scan until its results are written (the released rows exist three times over: the answer, the run record and the
     * results bulk); release it when the run ends.
     *
     * @throws org.elasticsearch.common.breaker.CircuitBreakingException when the node cannot hold it now
     */
    Releasable reserve(RollupJob job) {
        long bytes = estimateBytes(job, pageSize);
        breaker.addEstimateBytesAndMaybeBreak(bytes, "privacy_metrics rollup [" + job.name() + "]");
        return Releasables.releaseOnce(() -> breaker.addWithoutBreaking(-bytes));
    }

    /** Opens the snapshot, or null when no raw index exists yet (the run then reads nothing, with the same answer shape). */
    private BytesReference openSnapshot() {
        OpenPointInTimeRequest open = new OpenPointInTimeRequest(Names.RAW_INDEX_PATTERN).keepAlive(PIT_KEEP_ALIVE)
            .indicesOptions(RAW_INDICES).allowPartialSearchResults(false);
        OpenPointInTimeResponse opened = client.execute(TransportOpenPointInTimeAction.TYPE, open).actionGet();
        try {
            if (opened.getFailedShards() > 0) {
                throw new IllegalStateException("the snapshot of the raw events is incomplete: [" + opened.getFailedShards()
                    + "] shards failed; nothing is released from partial data");
            }
            return opened.getTotalShards() == 0 ? null : opened.getPointInTimeId();
        } finally {
            opened.decRef();
        }
    }

    private static BoolQueryBuilder windowQuery(LocalDate start, LocalDate end) {
        return QueryBuilders.boolQuery().filter(QueryBuilders.rangeQuery("@timestamp")
            .gte(Window.atStartOfDay(start).toEpochMilli()).lt(Window.atStartOfDay(end).toEpochMilli()).format("epoch_millis"));
    }

    /** The events a run reads: those of the window whose dimension values are all declared. */
    private static BoolQueryBuilder domainQuery(RollupJob job, LocalDate start, LocalDate end) {
        BoolQueryBuilder query = windowQuery(start, end);
        job.dimensions().forEach((field, values) -> query.filter(QueryBuilders.termsQuery(field, values)));
        return query;
    }

    /**
     * The one-pass scan, when every raw index of the window keeps each pseudonym's events in one shard: one search whose
     * {@code privacy_bounded_rollup} aggregation bounds each user in its shard and returns per-key partial counts, summed
     * by the coordinating node (memory: the declared domain, whatever the number of users). Each event of the window is
     * read once. A shard failure fails the run: nothing is released from partial data.
     */
    private RollupResult computeOnePass(RollupJob job, LocalDate start, LocalDate end, CancellableTask task,
            RollupService.Progress progress, List<String> indices) {
        RollupComputation computation = new RollupComputation(job);
        task.ensureNotCancelled();
        if (indices.isEmpty() == false) {
            SearchRequest req = new SearchRequest(indices.toArray(String[]::new)).indicesOptions(RAW_INDICES)
                .allowPartialSearchResults(false).requestCache(false)
                .source(new SearchSourceBuilder().size(0).trackTotalHits(false).query(domainQuery(job, start, end))
                    .aggregation(BoundedRollupAggregationBuilder.forJob(ONE_PASS_AGG, job, RollupComputation.boundsOf(job), subsetRandomness)));
            SearchResponse resp = client.search(req).actionGet();
            try {
                if (resp.getFailedShards() > 0 || resp.isTimedOut() || Boolean.TRUE.equals(resp.isTerminatedEarly())) {
                    throw new IllegalStateException("reading the raw events failed on [" + resp.getFailedShards() + "] of ["
                        + resp.getTotalShards() + "] shards; nothing is released from partial data");
                }
                InternalBoundedRollup bounded = resp.getAggregations() == null ? null : resp.getAggregations().get(ONE_PASS_AGG);
                if (bounded == null) {
                    throw new IllegalStateException("the one-pass rollup returned no result; nothing is released");
                }
                computation.addBounded(bounded.users(), bounded.events(), bounded.multiServiceUsers(), bounded.usersSeen(),
                    bounded.usersBounded());
                progress.page();
            } finally {
                resp.decRef();
            }
        }
        task.ensureNotCancelled();
        return computation.finish(noise);
    }

    /**
     * The scan: a composite aggregation keyed first by metrics_id, then by the dimensions (and service), paged with
     * after_key. Buckets come sorted by metrics_id, so one user's buckets are contiguous; we hold one user at a time and
     * one page, so memory does not grow with the number of users. Only in-domain events are matched (terms filters).
     */
    private RollupResult compute(RollupJob job, LocalDate start, LocalDate end, CancellableTask task, RollupService.Progress progress, BytesReference pit) {
        RollupComputation computation = new RollupComputation(job);
        BoolQueryBuilder query = domainQuery(job, start, end);
        List<CompositeValuesSourceBuilder<?>> sources = new ArrayList<>();
        sources.add(new TermsValuesSourceBuilder("u").field("metrics_id"));
        List<String> dims = new ArrayList<>(job.dimensions().keySet());
        for (int d = 0; d < dims.size(); d++) {
            sources.add(new TermsValuesSourceBuilder("d" + d).field(dims.get(d)));
        }
        boolean serviceIsDimension = job.dimensions().containsKey("service");
        if (!serviceIsDimension) {
            sources.add(new TermsValuesSourceBuilder("s").field("service").missingBucket(true));
        }
        Map<String, Object> after = null;
        String currentUser = null;
        Map<List<String>, Long> perKey = new HashMap<>();
        Set<String> services = new HashSet<>();
        while (true) {
            task.ensureNotCancelled();
            CompositeAggregationBuilder agg = new CompositeAggregationBuilder(AGG, sources).size(pageSize);
            if (after != null) {
                agg.aggregateAfter(after);
            }
            if (pit == null) {
                break;
            }
            SearchRequest req = new SearchRequest().allowPartialSearchResults(false).source(new SearchSourceBuilder().size(0)
                .trackTotalHits(false).query(query).aggregation(agg)
                .pointInTimeBuilder(new PointInTimeBuilder(pit).setKeepAlive(PIT_KEEP_ALIVE)));
            SearchResponse resp = client.search(req).actionGet();
            try {
                if (resp.getFailedShards() > 0 || resp.isTimedOut() || Boolean.TRUE.equals(resp.isTerminatedEarly())) {
                    throw new IllegalStateException("reading the raw events failed on [" + resp.getFailedShards() + "] of ["
                        + resp.getTotalShards() + "] shards; nothing is released from partial data");
                }
                CompositeAggregation composite = resp.getAggregations() == null ? null : resp.getAggregations().get(AGG);
                if (composite == null || composite.getBuckets().isEmpty()) {
                    break;
                }
                for (CompositeAggregation.Bucket bucket : composite.getBuckets()) {
                    Map<String, Object> key = bucket.getKey();
                    String user = String.valueOf(key.get("u"));
                    if (!user.equals(currentUser)) {
                        if (currentUser != null) {
                            computation.addUser(perKey, services);
                        }
                        currentUser = user;
                        perKey = new HashMap<>();
                        services = new HashSet<>();
                    }
                    List<String> k = new ArrayList<>(dims.size());
                    for (int d = 0; d < dims.size(); d++) {
                        k.add(String.valueOf(key.get("d" + d)));
                    }
                    perKey.merge(k, bucket.getDocCount(), Long::sum);
                    Object service = serviceIsDimension ? key.get("d" + dims.indexOf("service")) : key.get("s");
                    if (service != null) {
                        services.add(String.valueOf(service));
                    }
                }
                after = composite.afterKey();
                progress.page();
                if (after == null) {
                    break;
                }
            } finally {
                resp.decRef();
            }
        }
        if (currentUser != null) {
            computation.addUser(perKey, services);
        }
        task.ensureNotCancelled();
        return computation.finish(noise);
    }

}
