package org.privacymetrics.es.rollup.run;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one owner of run-record transitions ({@link RunState}). Every write is a compare-and-set on the record, so two
 * nodes (or two requests) can never both own a run: the loser of a race sees {@code null} and re-reads. Ownership is a
 * node identity (node id + ephemeral id), never a timeout: a run whose owner left the cluster or restarted is taken over
 * by whoever retries its run_id.
 */
public final class RunLifecycle {

    private final RunStore store;
    private final Clock clock;
    private final Supplier<NodeIdentity> self;

    public RunLifecycle(RunStore store, Clock clock, Supplier<NodeIdentity> self) {
        this.store = store;
        this.clock = clock;
        this.self = self;
    }

    /** @return the run's record, or null when the run_id was never claimed (or released) */
    public RunRecord find(String job, String runId) {
        RunStore.Versioned v = store.get(RunRecord.docId(job, runId));
        return v == null ? null : RunRecord.fromSource(v.source(), v.seqNo(), v.primaryTerm());
    }

    /** (none) → CLAIMED by this node; @return null when another request claimed it first */
    public RunRecord claim(String job, String runId, LocalDate windowStart, List<String> epochs, double epsilon, String definitionHash) {
        String now = Instant.now(clock).toString();
        RunRecord fresh = new RunRecord(job, runId, windowStart, RunState.CLAIMED, self.get(), epochs, epsilon, definitionHash, null, null,
            now, -1, -1);
        RunStore.Versioned v = store.create(fresh.docId(), fresh.toSource(now));
        return v == null ? null : withVersion(fresh, v);
    }

    /**
     * Takes over a run whose owner is gone (same state, this node as owner), or resumes a failed one: that moves it back
     * to {@code CHARGED} (no answer stored yet) or {@code RESULTS_COMPUTED} (answer stored) in the same write, so that
     * whoever reads it next sees a run in progress, owned by this node.
     *
     * @return the record now owned by this node, or null when someone else changed it first
     */
    public RunRecord takeOver(RunRecord stale) {
        if (stale.state() == RunState.COMPLETED) {
            throw new IllegalStateException("run [" + stale.runId() + "] is completed; nothing to take over");
        }
        RunState next = stale.state();
        if (next == RunState.FAILED_AFTER_SPENDING) {
            next = stale.response() == null ? RunState.CHARGED : RunState.RESULTS_COMPUTED;
        }
        return write(stale.with(next, self.get(), stale.response(), null), stale);
    }

    /**
     * Moves a run this node owns to {@code next}.
     *
     * @throws IllegalStateException when the transition is not allowed, this node does not own the run, or the record
     *                               changed underneath (the run was taken over)
     */
    public RunRecord moveTo(RunRecord current, RunState next, Map<String, Object> response, String error) {
        if (!current.state().canMoveTo(next)) {
            throw new IllegalStateException("run [" + current.runId() + "] cannot go from [" + current.state().apiName() + "] to ["
                + next.apiName() + "]");
        }
        if (!current.owner().equals(self.get())) {
            throw new IllegalStateException("run [" + current.runId() + "] is owned by node [" + current.owner().nodeId() + "]");
        }
        Map<String, Object> keptResponse = response != null ? response : current.response();
        RunRecord moved = write(current.with(next, current.owner(), keptResponse, error), current);
        if (moved == null) {
            throw new IllegalStateException("run [" + current.runId() + "] was taken over by another node");
        }
        return moved;
    }

    /** CLAIMED → (none): the charge was refused, nothing was charged or released; the run_id may be used again. */
    public boolean release(RunRecord claimed) {
        if (claimed.state() != RunState.CLAIMED) {
            throw new IllegalStateException("only a claimed run can be released, run [" + claimed.runId() + "] is ["
                + claimed.state().apiName() + "]");
        }
        return store.delete(claimed.docId(), claimed.seqNo(), claimed.primaryTerm());
    }

    private RunRecord write(RunRecord next, RunRecord readAt) {
        RunStore.Versioned v = store.replace(next.docId(), next.toSource(Instant.now(clock).toString()), readAt.seqNo(), readAt.primaryTerm());
        return v == null ? null : withVersion(next, v);
    }

    private static RunRecord withVersion(RunRecord r, RunStore.Versioned v) {
        return new RunRecord(r.job(), r.runId(), r.windowStart(), r.state(), r.owner(), r.epochs(), r.epsilon(), r.definitionHash(),
            r.response(), r.error(), r.createdAt(), v.seqNo(), v.primaryTerm());
    }
}
