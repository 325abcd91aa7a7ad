package org.privacymetrics.es.rollup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.threadpool.Scheduler;
import org.elasticsearch.threadpool.ThreadPool;
import org.privacymetrics.es.rollup.action.RollupActions;
import org.privacymetrics.es.rollup.action.RollupRequest;
import org.privacymetrics.es.rollup.job.RollupJob;

/**
 * Runs scheduled jobs ({@code "schedule": true}) on the elected master: every window that has closed (end + delay in the
 * past) since the last window closed when the job was stored, once, with the deterministic run_id
 * {@code scheduled-<window_start>}. Because a run_id is idempotent (a completed run returns its stored result and spends
 * nothing, a concurrent one is waited for), a restart or a master change never runs a window twice.
 */
public final class RollupScheduler {
    /** How often the master looks for closed windows. */
    public static final Setting<TimeValue> INTERVAL = Setting.timeSetting("privacy_metrics.rollup.schedule_interval",
        TimeValue.timeValueMinutes(1), TimeValue.timeValueSeconds(1), Setting.Property.NodeScope, Setting.Property.Dynamic);
    /** Most windows one tick runs, so a long backlog is caught up gradually. */
    static final int MAX_WINDOWS_PER_TICK = 24;
    private static final Logger LOGGER = LogManager.getLogger(RollupScheduler.class);

    private final Client client;
    private final ClusterService clusterService;
    private final ThreadPool threadPool;
    private final SystemIndex systemIndex;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile Scheduler.Cancellable scheduled;

    public RollupScheduler(Client client, ClusterService clusterService) {
        this.client = client;
        this.clusterService = clusterService;
        this.threadPool = client.threadPool();
        this.systemIndex = new SystemIndex(client);
        TimeValue interval = INTERVAL.get(clusterService.getSettings());
        clusterService.getClusterSettings().addSettingsUpdateConsumer(INTERVAL, this::schedule);
        schedule(interval);
    }

    private synchronized void schedule(TimeValue interval) {
        if (scheduled != null) {
            scheduled.cancel();
        }
        scheduled = threadPool.scheduleWithFixedDelay(this::tick, interval, threadPool.generic());
    }

    /** Looks for due windows now (also called after a scheduled job is stored), on the generic pool. */
    public void tickSoon() {
        threadPool.generic().execute(this::tick);
    }

    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!clusterService.state().nodes().isLocalNodeElectedMaster()) {
                return;
            }
            int budget = MAX_WINDOWS_PER_TICK;
            for (Map.Entry<RollupJob, Instant> e : scheduledJobs().entrySet()) {
                for (LocalDate start : dueWindows(e.getKey(), e.getValue(), Instant.now(clock))) {
                    if (budget-- <= 0) {
                        return;
                    }
                    runOne(e.getKey(), start);
                }
            }
        } catch (Exception | AssertionError e) {
            LOGGER.warn("rollup scheduler tick failed: {}", e.getMessage());
        } finally {
            ticking.set(false);
        }
    }

    /**
     * Windows to run: from the last window closed (end + delay) when the job was stored, through the last one closed
     * now, oldest first.
     */
    static List<LocalDate> dueWindows(RollupJob job, Instant storedAt, Instant now) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate first = job.window().previous(job.window().startOf(storedAt.minus(job.delay())));
        for (LocalDate w = first; !closedAt(job, w).isAfter(now); w = job.window().end(w)) {
            out.add(w);
        }
        return out;
    }

    private static Instant closedAt(RollupJob job, LocalDate start) {
        return org.privacymetrics.es.rollup.job.Window.atStartOfDay(job.window().end(start)).plus(job.delay());
    }

    @SuppressWarnings("unchecked")
    private Map<RollupJob, Instant> scheduledJobs() {
        Map<RollupJob, Instant> jobs = new LinkedHashMap<>();
        SearchResponse resp = systemIndex.search(new SearchRequest(SystemIndex.NAME).source(new SearchSourceBuilder().size(1000)
            .query(QueryBuilders.boolQuery().filter(QueryBuilders.termQuery("type", "job")).filter(QueryBuilders.termQuery("schedule", true)))));
        if (resp == null) {
            return jobs;
        }
        try {
            for (SearchHit hit : resp.getHits().getHits()) {
                Map<String, Object> src = hit.getSourceAsMap();
                try {
                    RollupJob job = RollupJob.parse((String) src.get("job"), (Map<String, Object>) src.get("definition"));
                    jobs.put(job, Instant.parse((String) src.get("created_at")));
                } catch (RuntimeException bad) {
                    LOGGER.warn("skipping stored rollup job [{}]: {}", src.get("job"), bad.getMessage());
                }
            }
        } finally {
            resp.decRef();
        }
        return jobs;
    }

    private void runOne(RollupJob job, LocalDate start) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window_start", start.toString());
        body.put("run_id", "scheduled-" + start);
        // Runs with the plugin's origin (no user), through the transport action, so the run is a task like any other.
        try {
            new OriginSettingClient(client, SystemIndex.ORIGIN).execute(RollupActions.RUN_JOB, new RollupRequest(job.name(), body)).actionGet();
        } catch (Exception e) {
            LOGGER.warn("scheduled run of rollup job [{}] window_start [{}] failed: {}", job.name(), start, e.getMessage());
        }
    }

    public void close() {
        Scheduler.Cancellable s = scheduled;
        if (s != null) {
            s.cancel();
        }
    }
}
