package org.privacymetrics.es.rollup;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.breaker.CircuitBreaker;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.indices.breaker.CircuitBreakerService;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.calendar.Rotation;
import org.privacymetrics.es.compat.EsAdapter;
import org.privacymetrics.es.rollup.ledger.BudgetLedger;
import org.privacymetrics.es.rollup.ledger.BudgetSummaries;
import org.privacymetrics.es.rollup.noise.NoiseSource;
import org.privacymetrics.es.rollup.noise.SecureNoiseSource;
import org.privacymetrics.es.rollup.onepass.BoundedRollupAggregationBuilder;
import org.privacymetrics.es.rollup.run.NodeIdentity;
import org.privacymetrics.es.rollup.run.RunLifecycle;
import org.privacymetrics.es.rollup.run.RunRecord;

/**
 * The rollup engine's node-level component, created once by the plugin in {@code createComponents} and injected into
 * the transport actions: settings, the clock, the noise source, the node's identity, its in-flight runs and the memory
 * accounting. It builds the per-request {@link RollupService}.
 */
public final class RollupServices {
    /** Largest limit an operator may set: beyond it the released numbers protect nobody. */
    public static final double MAX_EPSILON_PER_EPOCH = 64.0;
    /**
     * Dynamic: epsilon each epoch not yet charged may spend in total, across all jobs, {@code 0 < epsilon <= 64}. An
     * epoch keeps the limit in force when it was first charged (recorded in its ledger entry).
     */
    public static final Setting<Double> EPSILON_PER_EPOCH = new Setting<>("privacy_metrics.budget.epsilon_per_epoch", "1.0",
        RollupServices::parseLimit, Setting.Property.NodeScope, Setting.Property.Dynamic);
    /** Composite aggregation page size of the scan. */
    public static final Setting<Integer> PAGE_SIZE = Setting.intSetting("privacy_metrics.rollup.page_size", 5000, 10, 65_536,
        Setting.Property.NodeScope, Setting.Property.Dynamic);
    /** Runs one node executes at once; beyond, 429 before anything is charged. */
    public static final Setting<Integer> MAX_CONCURRENT_RUNS = Setting.intSetting("privacy_metrics.rollup.max_concurrent_runs", 2, 1, 64,
        Setting.Property.NodeScope);

    private static Double parseLimit(String value) {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting [privacy_metrics.budget.epsilon_per_epoch] must be a number, got [" + value + "]");
        }
        if (!(v > 0.0 && v <= MAX_EPSILON_PER_EPOCH)) {
            throw new IllegalArgumentException("setting [privacy_metrics.budget.epsilon_per_epoch] must be > 0 and <= ["
                + MAX_EPSILON_PER_EPOCH + "], got [" + value + "]");
        }
        return v;
    }

    private final Client client;
    private final ClusterService clusterService;
    private final Rotation rotation;
    private final Clock clock;
    private final NoiseSource noise;
    private final CircuitBreaker breaker;
    private final LocalRuns localRuns;
    private final RunPauses pauses;
    private volatile double epsilonPerEpoch;
    private volatile int pageSize;
    private volatile int maxJobs;

    public RollupServices(Client client, ClusterService clusterService, BigArrays bigArrays) {
        this(client, clusterService, bigArrays.breakerService(), Clock.systemUTC(), new SecureNoiseSource());
    }

    RollupServices(Client client, ClusterService clusterService, CircuitBreakerService breakers, Clock clock, NoiseSource noise) {
        this.client = client;
        this.clusterService = clusterService;
        this.clock = clock;
        this.noise = noise;
        this.breaker = breakers.getBreaker(CircuitBreaker.REQUEST);
        this.rotation = Rotation.SETTING.get(clusterService.getSettings());
        this.pauses = RunPauses.of(clusterService.getSettings());
        this.localRuns = new LocalRuns(MAX_CONCURRENT_RUNS.get(clusterService.getSettings()), clusterService);
        this.epsilonPerEpoch = EPSILON_PER_EPOCH.get(clusterService.getSettings());
        this.pageSize = PAGE_SIZE.get(clusterService.getSettings());
        clusterService.getClusterSettings().addSettingsUpdateConsumer(EPSILON_PER_EPOCH, v -> this.epsilonPerEpoch = v);
        clusterService.getClusterSettings().addSettingsUpdateConsumer(PAGE_SIZE, v -> this.pageSize = v);
        this.maxJobs = JobQuota.MAX_JOBS.get(clusterService.getSettings());
        clusterService.getClusterSettings().addSettingsUpdateConsumer(JobQuota.MAX_JOBS, v -> this.maxJobs = v);
    }

    /** The limit as the decimal an operator wrote (see {@link org.privacymetrics.es.rollup.noise.Rational#fromDecimal}). */
    public BigDecimal epsilonPerEpoch() {
        return BigDecimal.valueOf(epsilonPerEpoch);
    }

    public Clock clock() {
        return clock;
    }

    private SystemIndex systemIndex() {
        return new SystemIndex(client);
    }

    public JobStore jobs() {
        return new JobStore(systemIndex(), clock);
    }

    /**
     * Validates and stores a job. A job whose declared domain cannot fit in the request circuit breaker is refused here,
     * with the limit named, rather than failing after its first charge.
     */
    public Map<String, Object> putJob(String name, Map<String, Object> body) {
        long needed = RollupScan.estimateBytes(org.privacymetrics.es.rollup.job.RollupJob.parse(name, body), pageSize);
        if (needed > breaker.getLimit()) {
            throw new IllegalArgumentException("the declared domain of job [" + name + "] needs about [" + needed + "] bytes per run,"
                + " more than the request circuit breaker limit [" + breaker.getLimit() + "] ([indices.breaker.request.limit]);"
                + " declare fewer dimension values");
        }
        JobStore jobs = jobs();
        if (!jobs.exists(name)) {
            ElasticsearchStatusException full = JobQuota.refusal(name, jobs.names(maxJobs),
                EsAdapter.CURRENT.project(clusterService.state()).indices().keySet(), maxJobs);
            if (full != null) {
                throw full;
            }
        }
        return jobs.put(name, body);
    }

    public Map<String, Object> budget() {
        return new BudgetLedger(systemIndex(), this::epsilonPerEpoch, rotation, clock).describe();
    }

    /** A service whose reads and result writes go through {@code requestClient} (e.g. assigning a parent task), as the plugin. */
    public RollupService service(Client requestClient) {
        Client asPlugin = new OriginSettingClient(requestClient, Names.ORIGIN);
        SystemIndex system = systemIndex();
        RunLifecycle lifecycle = new RunLifecycle(new SystemIndexRunStore(system), clock, () -> NodeIdentity.of(clusterService.localNode()));
        return new RollupService(jobs(), lifecycle, new BudgetLedger(system, this::epsilonPerEpoch, rotation, clock,
            new BudgetSummaries(new OriginSettingClient(client, Names.ORIGIN))),
            new RollupScan(asPlugin, breaker, noise, pageSize, () -> EsAdapter.CURRENT.project(clusterService.state()).indices().values(),
                BoundedRollupAggregationBuilder.secureRandomness()),
            new ResultsWriter(asPlugin), rotation, clock, localRuns, pauses);
    }

    /** The runs this node executes now, bounded by {@link #MAX_CONCURRENT_RUNS}. */
    static final class LocalRuns {
        static final long PERMIT_WAIT_SECONDS = 30;
        private final Semaphore permits;
        private final int limit;
        private final ClusterService clusterService;
        private final Set<String> running = ConcurrentHashMap.newKeySet();

        LocalRuns(int limit, ClusterService clusterService) {
            this.limit = limit;
            this.permits = new Semaphore(limit);
            this.clusterService = clusterService;
        }

        int limit() {
            return limit;
        }

        /**
         * Marks a run as handled by a request on this node, before its record is claimed or taken over, so that another
         * request here sees it as running and waits instead of taking it over.
         *
         * @return false when another request on this node already handles it
         */
        boolean own(String docId) {
            return running.add(docId);
        }

        void disown(String docId) {
            running.remove(docId);
        }

        /** Waits up to {@link #PERMIT_WAIT_SECONDS} for an execution slot: short bursts queue, a saturated node answers 429. */
        boolean acquirePermit() {
            try {
                return permits.tryAcquire(PERMIT_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void releasePermit() {
            permits.release();
        }

        /**
         * Whether the run's owner is alive and executing it: this node answers from its own in-flight set (a run it owns
         * but no longer executes was interrupted); another owner counts as executing while that exact node incarnation
         * (node id + ephemeral id) is in the cluster.
         */
        boolean isRunning(RunRecord rec) {
            NodeIdentity self = NodeIdentity.of(clusterService.localNode());
            if (rec.owner().equals(self)) {
                return running.contains(rec.docId());
            }
            return rec.owner().isIn(clusterService.state().nodes());
        }
    }
}
