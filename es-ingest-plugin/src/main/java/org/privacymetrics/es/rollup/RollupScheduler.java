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
import org.elasticsearch.ExceptionsHelper;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.threadpool.Scheduler;
import org.elasticsearch.threadpool.ThreadPool;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.ledger.PrivacyBudgetExhaustedException;

/**
 * Runs scheduled jobs ({@code "schedule": true}) on the elected master. Per job it keeps the last window done
 * ({@link ScheduleState}) and runs the windows after it that have closed (end + delay in the past), oldest first, with
 * the deterministic run_id {@code scheduled-<window_start>}: from {@code "start"} when the job has one (backfill), else
 * from the last window closed when the job was stored. At most {@link #MAX_WINDOWS_PER_JOB_PER_TICK} windows per job per
 * tick, so any backlog is caught up without starving other jobs, and windows done are never run again. A window refused
 * for budget is marked skipped and logged once; other failures back off exponentially. A master change or restart
 * resumes from the stored state; a run_id is idempotent, so nothing runs or is charged twice.
 */
public final class RollupScheduler {
    /** How often the master looks for closed windows. */
    public static final Setting<TimeValue> INTERVAL = Setting.timeSetting("privacy_metrics.rollup.schedule_interval",
        TimeValue.timeValueMinutes(1), TimeValue.timeValueSeconds(1), Setting.Property.NodeScope, Setting.Property.Dynamic);
    /** Most windows of one job a tick runs. */
    static final int MAX_WINDOWS_PER_JOB_PER_TICK = 24;
    private static final Logger LOGGER = LogManager.getLogger(RollupScheduler.class);

    /** Runs one window; the transport action in production, a fake in unit tests. */
    interface WindowRunner {
        void run(RollupJob job, LocalDate windowStart);
    }

    private final ClusterService clusterService;
    private final ThreadPool threadPool;
    private final SystemIndex systemIndex;
    private final JobStore jobs;
    private final Clock clock;
    private final WindowRunner runner;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile Scheduler.Cancellable scheduled;

    /**
     * The node's scheduler; {@code runner} runs one window (the feature passes the run transport action, so the
     * scheduler does not depend on the actions that depend on it).
     */
    RollupScheduler(Client client, ClusterService clusterService, Clock clock, WindowRunner runner) {
        this(clusterService, client.threadPool(), new SystemIndex(client), clock, runner);
        TimeValue interval = INTERVAL.get(clusterService.getSettings());
        clusterService.getClusterSettings().addSettingsUpdateConsumer(INTERVAL, this::schedule);
        schedule(interval);
    }

    /** The deterministic run_id of a scheduled window: a retry (or another master) of the same window is the same run. */
    static String runId(LocalDate windowStart) {
        return "scheduled-" + windowStart;
    }

    RollupScheduler(ClusterService clusterService, ThreadPool threadPool, SystemIndex systemIndex, Clock clock, WindowRunner runner) {
        this.clusterService = clusterService;
        this.threadPool = threadPool;
        this.systemIndex = systemIndex;
        this.jobs = new JobStore(systemIndex, clock);
        this.clock = clock;
        this.runner = runner;
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
            var state = clusterService.state();
            if (state == null || !state.nodes().isLocalNodeElectedMaster()) {
                return; // not started yet (no cluster state), or not the master
            }
            for (Map.Entry<String, Map<String, Object>> e : jobs.scheduled().entrySet()) {
                tickJob(e.getKey(), e.getValue());
            }
        } catch (Exception | AssertionError e) {
            LOGGER.warn("rollup scheduler tick failed: {}", e.getMessage());
        } finally {
            ticking.set(false);
        }
    }

    @SuppressWarnings("unchecked")
    private void tickJob(String name, Map<String, Object> stored) {
        RollupJob job;
        try {
            job = RollupJob.parse(name, (Map<String, Object>) stored.get("definition"));
        } catch (RuntimeException bad) {
            LOGGER.warn("skipping stored rollup job [{}]: {}", name, bad.getMessage());
            return;
        }
        Instant storedAt = Instant.parse((String) stored.get("created_at"));
        advance(job, storedAt, load(name), Instant.now(clock), runner, this::save);
    }

    /**
     * One tick of one job: runs its due windows oldest first (at most {@link #MAX_WINDOWS_PER_JOB_PER_TICK}), saving the
     * state after each; a budget refusal marks the window skipped and moves on; another failure stops the job's tick
     * and backs off.
     *
     * @return the state after the tick
     */
    static ScheduleState advance(RollupJob job, Instant storedAt, ScheduleState state, Instant now, WindowRunner runner,
                                 java.util.function.Consumer<ScheduleState> save) {
        if (state.waiting(now)) {
            return state;
        }
        for (LocalDate window : dueWindows(job, storedAt, state.lastDone(), now, MAX_WINDOWS_PER_JOB_PER_TICK)) {
            try {
                runner.run(job, window);
                state = state.completed(window);
            } catch (Exception e) {
                if (ExceptionsHelper.unwrapCause(e) instanceof PrivacyBudgetExhaustedException) {
                    LOGGER.warn("scheduled run of rollup job [{}] window_start [{}] skipped: the privacy budget is exhausted", job.name(),
                        window);
                    state = state.skippedForBudget(window);
                } else {
                    state = state.failed(now, String.valueOf(e.getMessage()));
                    LOGGER.warn("scheduled run of rollup job [{}] window_start [{}] failed ({} in a row), next try after [{}]: {}",
                        job.name(), window, state.failures(), state.retryAfter(), e.getMessage());
                    save.accept(state);
                    return state;
                }
            }
            save.accept(state);
        }
        return state;
    }

    /**
     * Windows to run, oldest first, at most {@code limit}: after {@code lastDone} if set, else from the job's
     * {@code start}, else from the last window closed (end + delay) when the job was stored; through the last one closed
     * now.
     */
    static List<LocalDate> dueWindows(RollupJob job, Instant storedAt, LocalDate lastDone, Instant now, int limit) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate first;
        if (lastDone != null) {
            first = job.window().end(lastDone);
        } else if (job.start() != null) {
            first = job.start();
        } else {
            first = job.window().previous(job.window().startOf(storedAt.minus(job.delay())));
        }
        for (LocalDate w = first; out.size() < limit && !closedAt(job, w).isAfter(now); w = job.window().end(w)) {
            out.add(w);
        }
        return out;
    }

    private static Instant closedAt(RollupJob job, LocalDate start) {
        return Window.atStartOfDay(job.window().end(start)).plus(job.delay());
    }

    ScheduleState load(String job) {
        GetResponse get = systemIndex.get(ScheduleState.docId(job));
        return ScheduleState.fromSource(job, get.isExists() ? get.getSourceAsMap() : null);
    }

    private void save(ScheduleState state) {
        systemIndex.write(new IndexRequest(SystemIndex.NAME).id(ScheduleState.docId(state.job())).source(state.toSource())
            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
    }

    /** {@code GET _privacy/rollup/job/{name}}: the definition and, for a scheduled job, its schedule state. */
    public Map<String, Object> describeJob(String name) {
        RollupJob job = jobs.get(name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", name);
        out.put("definition", job.toMap());
        out.put("definition_hash", job.definitionHash());
        if (job.schedule()) {
            out.put("schedule", describe(job, jobs.storedAt(name)));
        }
        return out;
    }

    private Map<String, Object> describe(RollupJob job, Instant storedAt) {
        ScheduleState state = load(job.name());
        Map<String, Object> m = new LinkedHashMap<>(state.toSource());
        m.remove("type");
        m.remove("job");
        List<LocalDate> next = dueWindows(job, storedAt, state.lastDone(), Instant.MAX, 1);
        if (!next.isEmpty()) {
            m.put("next_window_start", next.get(0).toString());
            m.put("next_due", closedAt(job, next.get(0)).toString());
        }
        return m;
    }

    public void close() {
        Scheduler.Cancellable s = scheduled;
        if (s != null) {
            s.cancel();
        }
    }
}
