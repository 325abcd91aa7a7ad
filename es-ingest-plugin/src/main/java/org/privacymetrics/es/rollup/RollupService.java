package org.privacymetrics.es.rollup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.admin.indices.create.CreateIndexRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.engine.VersionConflictEngineException;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.aggregations.AggregationBuilders;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeAggregation;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeAggregationBuilder;
import org.elasticsearch.search.aggregations.bucket.composite.CompositeValuesSourceBuilder;
import org.elasticsearch.search.aggregations.bucket.composite.TermsValuesSourceBuilder;
import org.elasticsearch.search.aggregations.bucket.terms.Terms;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.tasks.CancellableTask;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.search.ClosePointInTimeRequest;
import org.elasticsearch.action.search.OpenPointInTimeRequest;
import org.elasticsearch.action.search.OpenPointInTimeResponse;
import org.elasticsearch.action.search.TransportClosePointInTimeAction;
import org.elasticsearch.action.search.TransportOpenPointInTimeAction;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.search.builder.PointInTimeBuilder;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.calendar.Rotation;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.ledger.BudgetLedger;
import org.privacymetrics.es.rollup.noise.NoiseSource;
import org.privacymetrics.es.rollup.noise.SecureNoiseSource;

/**
 * Stores jobs and runs them: epoch check, budget spend, the composite-aggregation scan, noise, result documents, the run
 * record. Blocking; called from the transport actions on the generic thread pool.
 */
public final class RollupService {
    public static final String RESULTS_PREFIX = Names.ROLLUP_RESULTS_PREFIX;
    private static final TimeValue PIT_KEEP_ALIVE = TimeValue.timeValueMinutes(5);
    /** Every raw index, hidden ones included; none may be missing from the snapshot without failing the run. */
    private static final IndicesOptions RAW_INDICES = IndicesOptions.fromOptions(true, true, true, false, true);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,200}");
    private static final String AGG = "by_user";

    private final Client client;
    private final SystemIndex systemIndex;
    private final BudgetLedger ledger;
    private final Rotation rotation;
    private final NoiseSource noise;
    private final Clock clock;
    private final int pageSize;

    /**
     * @param requestClient client for the run's reads and result writes (e.g. assigning the parent task); they run as the
     *                      plugin itself ({@link Names#ORIGIN}), never as the caller: a run reads the raw events and
     *                      nothing else, whoever asks
     */
    public RollupService(Client requestClient, Client systemClient, java.util.function.Supplier<BigDecimal> epsilonPerEpoch,
                         Rotation rotation, int pageSize) {
        this.client = new OriginSettingClient(Objects.requireNonNull(requestClient), Names.ORIGIN);
        this.systemIndex = new SystemIndex(systemClient);
        this.clock = Clock.systemUTC();
        this.rotation = rotation;
        this.ledger = new BudgetLedger(systemIndex, epsilonPerEpoch, rotation, clock);
        this.noise = new SecureNoiseSource();
        this.pageSize = pageSize;
    }

    /** Validates and stores a job (replacing one of the same name). */
    public Map<String, Object> putJob(String name, Map<String, Object> body) {
        RollupJob job = RollupJob.parse(name, body);
        systemIndex.ensureExists();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "job");
        doc.put("job", name);
        doc.put("definition", job.toMap());
        doc.put("schedule", job.schedule());
        doc.put("created_at", Instant.now(clock).toString());
        systemIndex.write(new IndexRequest(SystemIndex.NAME).id("job:" + name).source(doc)
            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acknowledged", true);
        out.put("job", name);
        out.put("epsilon_per_run", job.epsilonPerRun().toBigDecimal().doubleValue());
        return out;
    }

    @SuppressWarnings("unchecked")
    public RollupJob getJob(String name) {
        systemIndex.ensureExists();
        GetResponse get = systemIndex.get("job:" + name);
        if (!get.isExists()) {
            throw new ResourceNotFoundException("rollup job [" + name + "] does not exist");
        }
        return RollupJob.parse(name, (Map<String, Object>) get.getSourceAsMap().get("definition"));
    }

    public Map<String, Object> budget() {
        return ledger.describe();
    }

    /** Progress of a run, shown in the task description. */
    public static class Progress {
        private final AtomicLong pages = new AtomicLong();
        private volatile String phase = "starting";

        void phase(String phase) {
            this.phase = phase;
            onChange();
        }

        void page() {
            pages.incrementAndGet();
            onChange();
        }

        /** Called after each change; the transport action mirrors it into the task description. */
        protected void onChange() {}

        @Override
        public String toString() {
            return "phase [" + phase + "], pages [" + pages.get() + "]";
        }
    }

    /**
     * Runs one window of a job.
     *
     * @throws IllegalArgumentException for bad input or a window that is still open or spans several epochs (400)
     * @throws org.privacymetrics.es.rollup.ledger.PrivacyBudgetExhaustedException when the budget is exhausted (409)
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(String name, Map<String, Object> body, CancellableTask task, Progress progress) {
        if (body == null) {
            throw new IllegalArgumentException("request body with [window_start] and [run_id] is required");
        }
        for (String k : body.keySet()) {
            if (!k.equals("window_start") && !k.equals("run_id")) {
                throw new IllegalArgumentException("field [" + k + "] is not allowed");
            }
        }
        RollupJob job = getJob(name);
        LocalDate start = job.window().parseStart("window_start", body.get("window_start"));
        LocalDate end = job.window().end(start);
        Object runIdValue = body.get("run_id");
        if (!(runIdValue instanceof String runId) || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("field [run_id] is required and must be 1-200 characters of [A-Za-z0-9._:-]");
        }
        if (Instant.now(clock).isBefore(Window.atStartOfDay(end))) {
            throw new IllegalArgumentException("window [" + start + ", " + end + ") of job [" + name + "] has not ended yet; run it after ["
                + end + "T00:00:00Z]");
        }
        String runDoc = "run:" + name + ":" + runId;
        for (int attempt = 0; ; attempt++) {
            GetResponse existing = systemIndex.get(runDoc);
            if (existing.isExists()) {
                Map<String, Object> stored = existing.getSourceAsMap();
                if (!start.toString().equals(stored.get("window_start"))) {
                    throw new IllegalArgumentException("field [run_id] [" + runId + "] was already used for window_start ["
                        + stored.get("window_start") + "] of job [" + name + "]; use a new run_id");
                }
                String status = (String) stored.get("status");
                if ("completed".equals(status)) {
                    return (Map<String, Object>) stored.get("response");
                }
                if ("failed_after_spending".equals(status)) {
                    throw new ElasticsearchStatusException("run [" + runId + "] of job [" + name + "] failed after spending epsilon ["
                        + stored.get("epsilon") + "]: " + stored.get("error") + "; a retry would spend again, use a new run_id", RestStatus.CONFLICT);
                }
                if ("checking".equals(status) && Instant.parse((String) stored.get("created_at"))
                    .isBefore(Instant.now(clock).minus(java.time.Duration.ofMinutes(10)))) {
                    // Abandoned before spending (the epoch check and the spend take seconds; the node must have
                    // stopped): nothing was spent, so the run_id may start again.
                    systemIndex.delete(runDoc);
                    continue;
                }
                // Another request is running this run_id: wait for it (bounded), never run it twice.
                if (attempt > 600) {
                    throw new ElasticsearchStatusException("run [" + runId + "] of job [" + name + "] is still in progress", RestStatus.CONFLICT);
                }
                task.ensureNotCancelled();
                sleep(100);
                continue;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("type", "run");
            record.put("job", name);
            record.put("run_id", runId);
            record.put("window_start", start.toString());
            record.put("status", "checking");
            record.put("created_at", Instant.now(clock).toString());
            try {
                systemIndex.write(new IndexRequest(SystemIndex.NAME).id(runDoc).source(record).opType(DocWriteRequest.OpType.CREATE)
                    .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
                return runOwned(job, start, end, runId, runDoc, record, task, progress);
            } catch (VersionConflictEngineException raced) {
                // a concurrent request with the same run_id won: loop and wait for its result
            }
        }
    }

    private Map<String, Object> runOwned(RollupJob job, LocalDate start, LocalDate end, String runId, String runDoc,
                                         Map<String, Object> record, CancellableTask task, Progress progress) {
        BigDecimal epsilon = job.epsilonPerRun().toBigDecimal();
        // Charged from the calendar, before anything is read: every epoch the window overlaps pays the job's full
        // epsilon, whether the window holds a million events or none (whether it is charged must not reveal whether
        // anyone was active).
        List<String> epochs = rotation.epochsOverlapping(start, end);
        try {
            task.ensureNotCancelled();
            progress.phase("spending budget");
            ledger.spend(epochs, epsilon, job.name() + "/" + runId);
        } catch (RuntimeException beforeSpending) {
            // Nothing spent: forget the run so the same run_id can be retried.
            systemIndex.delete(runDoc);
            throw beforeSpending;
        }
        record.put("status", "spent");
        record.put("epochs", epochs);
        record.put("epsilon", epsilon.doubleValue());
        writeRecord(runDoc, record);
        try {
            progress.phase("scanning");
            RollupResult result = compute(job, start, end, task, progress);
            progress.phase("writing results");
            String generatedAt = Instant.now(clock).toString();
            List<Map<String, Object>> rows = new ArrayList<>();
            BulkRequest bulk = new BulkRequest().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
            int i = 0;
            for (RollupResult.Row row : result.rows()) {
                Map<String, Object> r = row.toMap();
                r.put("epochs", epochs);
                rows.add(r);
                Map<String, Object> doc = new LinkedHashMap<>(r);
                doc.put("job", job.name());
                doc.put("window_start", start.toString());
                doc.put("window", job.window().apiName());
                doc.put("run_id", runId);
                doc.put("epsilon", job.measures().get(row.measure()).epsilonValue());
                doc.put("generated_at", generatedAt);
                bulk.add(new IndexRequest(RESULTS_PREFIX + job.name()).id(runId + ":" + i++).source(doc));
            }
            ensureResultsIndex(RESULTS_PREFIX + job.name(), job);
            BulkResponse bulkResponse = client.bulk(bulk).actionGet();
            if (bulkResponse.hasFailures()) {
                throw new IllegalStateException("writing results to [" + RESULTS_PREFIX + job.name() + "] failed: "
                    + bulkResponse.buildFailureMessage());
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("job", job.name());
            response.put("window_start", start.toString());
            response.put("window_end", end.toString());
            response.put("run_id", runId);
            response.put("epsilon_spent", epsilon.doubleValue());
            response.put("epochs", epochs);
            response.put("results", rows);
            record.put("status", "completed");
            record.put("response", response);
            record.put("updated_at", Instant.now(clock).toString());
            writeRecord(runDoc, record);
            progress.phase("done");
            return response;
        } catch (RuntimeException afterSpending) {
            record.put("status", "failed_after_spending");
            record.put("error", String.valueOf(afterSpending.getMessage()));
            record.put("updated_at", Instant.now(clock).toString());
            try {
                writeRecord(runDoc, record);
            } catch (RuntimeException e) {
                afterSpending.addSuppressed(e);
            }
            throw afterSpending;
        }
    }

    private void writeRecord(String runDoc, Map<String, Object> record) {
        systemIndex.write(new IndexRequest(SystemIndex.NAME).id(runDoc).source(record).setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
     * The scan: a composite aggregation keyed first by metrics_id, then by the dimensions (and service), paged with
     * after_key. Buckets come sorted by metrics_id, so one user's buckets are contiguous; we hold one user at a time and
     * one page, so memory does not grow with the number of users. Only in-domain events are matched (terms filters).
     *
     * <p>Every page reads the same point-in-time snapshot of the raw indices: late events or a shard missing from one
     * page cannot make pages disagree. Partial results are never used: a shard failure fails the run (after charging).
     */
    RollupResult compute(RollupJob job, LocalDate start, LocalDate end, CancellableTask task, Progress progress) {
        BytesReference pit = openSnapshot();
        try {
            return compute(job, start, end, task, progress, pit);
        } finally {
            if (pit != null) {
                client.execute(TransportClosePointInTimeAction.TYPE, new ClosePointInTimeRequest(pit), ActionListener.noop());
            }
        }
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

    private RollupResult compute(RollupJob job, LocalDate start, LocalDate end, CancellableTask task, Progress progress, BytesReference pit) {
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

    private void ensureResultsIndex(String index, RollupJob job) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String d : job.dimensions().keySet()) {
            properties.put(d, Map.of("type", "keyword"));
        }
        for (String f : List.of("measure", "job", "window", "epochs", "run_id")) {
            properties.put(f, Map.of("type", "keyword"));
        }
        properties.put("value", Map.of("type", "long"));
        properties.put("ci95", Map.of("type", "long"));
        properties.put("noise_scale", Map.of("type", "double"));
        properties.put("epsilon", Map.of("type", "double"));
        properties.put("window_start", Map.of("type", "date", "format", "strict_date_optional_time"));
        properties.put("generated_at", Map.of("type", "date"));
        try {
            client.admin().indices().create(new CreateIndexRequest(index)
                .settings(Settings.builder().put("index.number_of_shards", 1).put("index.auto_expand_replicas", "0-1"))
                .mapping(Map.of("properties", properties))).actionGet();
        } catch (ResourceAlreadyExistsException exists) {
            // created by an earlier run
        }
    }

}
