package org.privacymetrics.es.rollup.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunLifecycleTest {

    /** Compare-and-set in memory, with sequence numbers like the system index. */
    static final class MemoryStore implements RunStore {
        final Map<String, Versioned> docs = new HashMap<>();
        private long seq;

        @Override
        public synchronized Versioned get(String id) {
            return docs.get(id);
        }

        @Override
        public synchronized Versioned create(String id, Map<String, Object> source) {
            if (docs.containsKey(id)) {
                return null;
            }
            Versioned v = new Versioned(source, ++seq, 1);
            docs.put(id, v);
            return v;
        }

        @Override
        public synchronized Versioned replace(String id, Map<String, Object> source, long seqNo, long primaryTerm) {
            Versioned cur = docs.get(id);
            if (cur == null || cur.seqNo() != seqNo) {
                return null;
            }
            Versioned v = new Versioned(source, ++seq, 1);
            docs.put(id, v);
            return v;
        }

        @Override
        public synchronized boolean delete(String id, long seqNo, long primaryTerm) {
            Versioned cur = docs.get(id);
            if (cur == null || cur.seqNo() != seqNo) {
                return false;
            }
            docs.remove(id);
            return true;
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final AtomicReference<NodeIdentity> self = new AtomicReference<>(new NodeIdentity("node-a", "eph-1"));
    private final RunLifecycle lifecycle = new RunLifecycle(store, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), self::get);

    private RunRecord claim() {
        return lifecycle.claim("job", "r1", LocalDate.of(2026, 11, 1), List.of("2026-11"), 0.5, "hash");
    }

    @Test
    void everyAllowedTransitionAndNoOther() {
        for (RunState from : RunState.values()) {
            for (RunState to : RunState.values()) {
                boolean allowed = switch (from) {
                    case CLAIMED -> to == RunState.CHARGED || to == RunState.FAILED_AFTER_SPENDING;
                    case CHARGED -> to == RunState.RESULTS_COMPUTED || to == RunState.FAILED_AFTER_SPENDING;
                    case RESULTS_COMPUTED -> to == RunState.COMPLETED || to == RunState.FAILED_AFTER_SPENDING;
                    case COMPLETED -> false;
                    case FAILED_AFTER_SPENDING -> to == RunState.CHARGED || to == RunState.RESULTS_COMPUTED;
                };
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
            }
        }
        assertThat(RunState.parse("checking")).isEqualTo(RunState.CLAIMED);
        assertThat(RunState.parse("spent")).isEqualTo(RunState.CHARGED);
        assertThat(RunState.parse("failed_after_spending")).isEqualTo(RunState.FAILED_AFTER_SPENDING);
    }

    @Test
    void theHappyPathIsStoredStepByStepAndTheAnswerOnce() {
        RunRecord r = claim();
        assertThat(r.state()).isEqualTo(RunState.CLAIMED);
        assertThat(claim()).as("a second claim of the same run_id loses").isNull();
        r = lifecycle.moveTo(r, RunState.CHARGED, null, null);
        r = lifecycle.moveTo(r, RunState.RESULTS_COMPUTED, Map.of("value", 7), null);
        r = lifecycle.moveTo(r, RunState.COMPLETED, null, null);
        RunRecord stored = lifecycle.find("job", "r1");
        assertThat(stored.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stored.response()).isEqualTo(Map.of("value", 7));
        assertThat(stored.owner()).isEqualTo(new NodeIdentity("node-a", "eph-1"));
        RunRecord done = r;
        assertThatThrownBy(() -> lifecycle.moveTo(done, RunState.CHARGED, null, null)).hasMessageContaining("cannot go from [completed]");
        assertThatThrownBy(() -> lifecycle.takeOver(done)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunOfADeadOwnerIsTakenOverOnceAndTheOldOwnerCanNoLongerMoveIt() {
        RunRecord byA = lifecycle.moveTo(claim(), RunState.CHARGED, null, null);
        // node a restarts: new ephemeral id
        self.set(new NodeIdentity("node-a", "eph-2"));
        RunRecord stale = lifecycle.find("job", "r1");
        RunRecord mine = lifecycle.takeOver(stale);
        assertThat(mine.owner()).isEqualTo(new NodeIdentity("node-a", "eph-2"));
        assertThat(mine.state()).isEqualTo(RunState.CHARGED);
        assertThat(lifecycle.takeOver(stale)).as("a second taker with the stale read loses").isNull();
        assertThatThrownBy(() -> lifecycle.moveTo(byA, RunState.RESULTS_COMPUTED, Map.of(), null)).isInstanceOf(IllegalStateException.class);
        RunRecord computed = lifecycle.moveTo(mine, RunState.RESULTS_COMPUTED, Map.of("value", 1), null);
        assertThat(computed.response()).isEqualTo(Map.of("value", 1));
    }

    @Test
    void aFailedRunKeepsItsAnswerAndResumesUnderItsCharge() {
        RunRecord r = lifecycle.moveTo(lifecycle.moveTo(claim(), RunState.CHARGED, null, null), RunState.RESULTS_COMPUTED, Map.of("v", 3), null);
        r = lifecycle.moveTo(r, RunState.FAILED_AFTER_SPENDING, null, "bulk failed");
        assertThat(r.response()).isEqualTo(Map.of("v", 3));
        assertThat(r.error()).isEqualTo("bulk failed");
        RunRecord again = lifecycle.takeOver(lifecycle.find("job", "r1"));
        assertThat(again.state()).as("resumed in the same write, so nobody else resumes it too").isEqualTo(RunState.RESULTS_COMPUTED);
        assertThat(again.response()).as("the stored answer, never drawn again").isEqualTo(Map.of("v", 3));
        assertThat(again.error()).isNull();
        assertThat(lifecycle.moveTo(again, RunState.COMPLETED, null, null).state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void aFailedRunWithoutAnAnswerResumesCharged() {
        RunRecord r = lifecycle.moveTo(lifecycle.moveTo(claim(), RunState.CHARGED, null, null), RunState.FAILED_AFTER_SPENDING, null, "shard failed");
        RunRecord stale = lifecycle.find("job", "r1");
        RunRecord resumed = lifecycle.takeOver(stale);
        assertThat(resumed.state()).isEqualTo(RunState.CHARGED);
        assertThat(resumed.response()).isNull();
        assertThat(lifecycle.takeOver(stale)).as("only one resumes it").isNull();
    }

    @Test
    void onlyAClaimedRunIsReleased() {
        RunRecord r = claim();
        assertThat(lifecycle.release(r)).isTrue();
        assertThat(lifecycle.find("job", "r1")).isNull();
        RunRecord charged = lifecycle.moveTo(claim(), RunState.CHARGED, null, null);
        assertThatThrownBy(() -> lifecycle.release(charged)).hasMessageContaining("only a claimed run can be released");
    }

    @Test
    void anotherLiveNodesRunCannotBeMovedByThisNode() {
        RunRecord byA = claim();
        self.set(new NodeIdentity("node-b", "eph-9"));
        assertThatThrownBy(() -> lifecycle.moveTo(byA, RunState.CHARGED, null, null)).hasMessageContaining("owned by node [node-a]");
    }
}
