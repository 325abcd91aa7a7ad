package org.privacymetrics.es.rollup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.core.Releasable;
import org.elasticsearch.tasks.CancellableTask;
import org.privacymetrics.es.calendar.Rotation;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.ledger.BudgetLedger;
import org.privacymetrics.es.rollup.ledger.PrivacyBudgetExhaustedException;
import org.privacymetrics.es.rollup.run.RunLifecycle;
import org.privacymetrics.es.rollup.run.RunRecord;
import org.privacymetrics.es.rollup.run.RunState;

/**
 * Runs one window of a job: claims the run, charges the calendar epochs, scans, draws noise once, writes the results,
 * each step a {@link RunState} transition made by {@link RunLifecycle}. A run interrupted at any point (a killed node,
 * an error) is resumed by the next request with its run_id, under its existing charge. Blocking; called from the
 * transport actions on the generic thread pool.
 */
public final class RollupService {
    /** How long a request waits for a run owned by another live node before answering 409. */
    private static final int WAIT_POLLS = 600;

    private final JobStore jobs;
    private final RunLifecycle runs;
    private final BudgetLedger ledger;
    private final RollupScan scan;
    private final ResultsWriter results;
    private final Rotation rotation;
    private final Clock clock;
    private final RollupServices.LocalRuns localRuns;
    private final RunPauses pauses;

    RollupService(JobStore jobs, RunLifecycle runs, BudgetLedger ledger, RollupScan scan, ResultsWriter results, Rotation rotation,
                  Clock clock, RollupServices.LocalRuns localRuns, RunPauses pauses) {
        this.jobs = jobs;
        this.runs = runs;
        this.ledger = ledger;
        this.scan = scan;
        this.results = results;
        this.rotation = rotation;
        this.clock = clock;
        this.localRuns = localRuns;
        this.pauses = pauses;
    }

    /** Progress of a run, shown in the task description. */
    public static class Progress {
        private final AtomicLong pages = new AtomicLong();
        private volatile String phase = "starting";
        private volatile Runnable afterPage;

        void phase(String phase) {
            this.phase = phase;
            onChange();
        }

        void page() {
            pages.incrementAndGet();
            onChange();
            Runnable hook = afterPage;
            if (hook != null) {
                hook.run();
            }
        }

        /** Called after each change; the transport action mirrors it into the task description. */
        protected void onChange() {}

        @Override
        public String toString() {
            return "phase [" + phase + "], pages [" + pages.get() + "]";
        }
    }

    /**
     * Runs (or resumes, or returns) one window of a job.
     *
     * @param body {@code window_start} and {@code run_id}, as validated by {@code RunJobRequest}
     * @throws IllegalArgumentException for bad input or a window that has not ended (400)
     * @throws PrivacyBudgetExhaustedException when an epoch's budget is exhausted (409)
     */
    public Map<String, Object> run(String name, Map<String, Object> body, CancellableTask task, Progress progress) {
        // The body's shape (fields, run_id) is checked by RunJobRequest.validate(); the window needs the stored job.
        RollupJob job = jobs.get(name);
        LocalDate start = job.window().parseStart("window_start", body.get("window_start"));
        LocalDate end = job.window().end(start);
        String runId = (String) body.get("run_id");
        if (Instant.now(clock).isBefore(Window.atStartOfDay(end))) {
            throw new IllegalArgumentException("window [" + start + ", " + end + ") of job [" + name + "] has not ended yet; run it after ["
                + end + "T00:00:00Z]");
        }
        String hash = job.definitionHash();
        for (int attempt = 0; ; attempt++) {
            RunRecord rec = runs.find(name, runId);
            String docId = RunRecord.docId(name, runId);
            if (rec == null) {
                if (!localRuns.own(docId)) {
                    waitFor(name, runId, "this node", attempt, task); // another request here is claiming it
                    continue;
                }
                // Charged from the calendar, before anything is read: every epoch the window overlaps pays the job's full
                // epsilon, whether the window holds a million events or none.
                List<String> epochs = rotation.epochsOverlapping(start, end);
                RunRecord claimed;
                try {
                    claimed = runs.claim(name, runId, start, epochs, job.epsilonPerRun().toBigDecimal().doubleValue(), hash);
                } catch (RuntimeException e) {
                    localRuns.disown(docId);
                    throw e;
                }
                if (claimed != null) {
                    return execute(job, claimed, true, task, progress);
                }
                localRuns.disown(docId);
                continue; // another node claimed it first: read what it did
            }
            if (!start.equals(rec.windowStart())) {
                throw new IllegalArgumentException("field [run_id] [" + runId + "] was already used for window_start [" + rec.windowStart()
                    + "] of job [" + name + "]; use a new run_id");
            }
            if (rec.state() == RunState.COMPLETED) {
                return rec.response();
            }
            if (rec.definitionHash() != null && !rec.definitionHash().equals(hash)) {
                throw new IllegalArgumentException("job [" + name + "] was redefined after run [" + runId + "] started; a run keeps the"
                    + " definition it was charged for: use a new run_id");
            }
            boolean active = rec.state() != RunState.FAILED_AFTER_SPENDING && localRuns.isRunning(rec);
            if (active || !localRuns.own(docId)) {
                // Its owner is alive and running it (or another request here is resuming it): wait, never run it twice.
                waitFor(name, runId, "node [" + rec.owner().nodeId() + "]", attempt, task);
                continue;
            }
            // Its owner left the cluster or restarted, or it failed after its charge: resume it under that charge.
            RunRecord mine;
            try {
                mine = runs.takeOver(rec);
            } catch (RuntimeException e) {
                localRuns.disown(docId);
                throw e;
            }
            if (mine != null) {
                return execute(job, mine, false, task, progress);
            }
            localRuns.disown(docId);
        }
    }

    private static void waitFor(String job, String runId, String where, int attempt, CancellableTask task) {
        if (attempt > WAIT_POLLS) {
            throw new ElasticsearchStatusException("run [" + runId + "] of job [" + job + "] is still in progress on " + where,
                RestStatus.CONFLICT);
        }
        task.ensureNotCancelled();
        sleep(100);
    }

    /**
     * Drives a run this node owns (claimed or taken over, and marked as owned here) from its current state to COMPLETED
     * (or FAILED_AFTER_SPENDING); releases the local mark at the end.
     */
    private Map<String, Object> execute(RollupJob job, RunRecord rec, boolean first, CancellableTask task, Progress progress) {
        String docId = rec.docId();
        try {
            return executeOwned(job, rec, first, task, progress);
        } finally {
            localRuns.disown(docId);
        }
    }

    /** @param first whether this request claimed the run (a test-only pause holds only first executions, see {@link RunPauses}) */
    private Map<String, Object> executeOwned(RollupJob job, RunRecord rec, boolean first, CancellableTask task, Progress progress) {
        String runRef = job.name() + "/" + rec.runId();
        if (!localRuns.acquirePermit()) {
            if (rec.state() == RunState.CLAIMED) {
                runs.release(rec); // nothing charged by this request (a charge of an earlier owner stays, idempotent on retry)
            }
            throw new ElasticsearchStatusException("too many concurrent rollup runs on this node (setting ["
                + RollupServices.MAX_CONCURRENT_RUNS.getKey() + "] = [" + localRuns.limit() + "]); nothing was charged for run ["
                + rec.runId() + "], retry later", RestStatus.TOO_MANY_REQUESTS);
        }
        try {
            // The run's memory is reserved before its charge: a node that cannot hold it now refuses before anything is
            // charged (or, for a run charged earlier, records the failure under that charge).
            Releasable memory;
            try {
                memory = scan.reserve(job);
            } catch (RuntimeException noRoom) {
                if (rec.state() == RunState.CLAIMED) {
                    // Nothing read, nothing released: take back any charge an earlier owner made, free the run_id.
                    ledger.refund(rec.epochs(), runRef);
                    runs.release(rec);
                } else {
                    try {
                        runs.moveTo(rec, RunState.FAILED_AFTER_SPENDING, null, String.valueOf(noRoom.getMessage()));
                    } catch (RuntimeException e) {
                        noRoom.addSuppressed(e);
                    }
                }
                throw noRoom;
            }
            try (memory) {
                if (rec.state() == RunState.CLAIMED) {
                    // Idempotent per run: an epoch that already holds this run's charge (made by an owner that died) is not
                    // charged again.
                    pauses.maybeHold(RunPauses.Point.BEFORE_CHARGE, rec.runId(), first, task, progress);
                    try {
                        task.ensureNotCancelled();
                        progress.phase("spending budget");
                        ledger.spend(rec.epochs(), BigDecimal.valueOf(rec.epsilon()), runRef);
                    } catch (RuntimeException refused) {
                        // Nothing read, nothing released: take back any charge an earlier owner made, free the run_id.
                        ledger.refund(rec.epochs(), runRef);
                        runs.release(rec);
                        throw refused;
                    }
                    pauses.maybeHold(RunPauses.Point.AFTER_CHARGE, rec.runId(), first, task, progress);
                }
                try {
                    if (rec.response() == null) {
                        // Nothing released yet: scan and draw noise under the charge (again, if an earlier attempt died).
                        if (rec.state() != RunState.CHARGED) {
                            rec = runs.moveTo(rec, RunState.CHARGED, null, null);
                        }
                        progress.phase("scanning");
                        if (first && pauses.holds(RunPauses.Point.MID_SCAN, rec.runId())) {
                            String runId = rec.runId();
                            progress.afterPage = () -> pauses.maybeHold(RunPauses.Point.MID_SCAN, runId, true, task, progress);
                        }
                        LocalDate start = rec.windowStart();
                        RollupResult result = scan.compute(job, start, job.window().end(start), task, progress);
                        rec = runs.moveTo(rec, RunState.RESULTS_COMPUTED, response(job, rec, result), null);
                    } else if (rec.state() == RunState.FAILED_AFTER_SPENDING) {
                        rec = runs.moveTo(rec, RunState.RESULTS_COMPUTED, null, null);
                    }
                    progress.phase("writing results");
                    results.write(job, rec.response(), Instant.now(clock).toString());
                    pauses.maybeHold(RunPauses.Point.RESULTS_WRITTEN, rec.runId(), first, task, progress);
                    rec = runs.moveTo(rec, RunState.COMPLETED, null, null);
                    progress.phase("done");
                    return rec.response();
                } catch (RuntimeException afterCharge) {
                    try {
                        runs.moveTo(rec, RunState.FAILED_AFTER_SPENDING, null, String.valueOf(afterCharge.getMessage()));
                    } catch (RuntimeException e) {
                        afterCharge.addSuppressed(e);
                    }
                    throw afterCharge;
                }
            }
        } finally {
            localRuns.releasePermit();
        }
    }

    /** The answer, computed once per charge: stored in the run record before anything is written or returned. */
    private static Map<String, Object> response(RollupJob job, RunRecord rec, RollupResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RollupResult.Row row : result.rows()) {
            Map<String, Object> r = row.toMap();
            r.put("epochs", rec.epochs());
            rows.add(r);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("job", job.name());
        response.put("window_start", rec.windowStart().toString());
        response.put("window_end", job.window().end(rec.windowStart()).toString());
        response.put("run_id", rec.runId());
        response.put("epsilon_spent", rec.epsilon());
        response.put("epochs", rec.epochs());
        response.put("results", rows);
        return response;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
