package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.rollup.job.Measure;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.ledger.PrivacyBudgetExhaustedException;

class RollupSchedulerTest {
    static {
        // Elasticsearch exceptions need Elasticsearch's logging (ESTestCase does this for its subclasses)
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    private static RollupJob job(Window window, Duration delay, LocalDate start) {
        RollupJob.Builder b = RollupJob.builder("s").window(window).dimension("service", List.of("sync"))
            .measure(Measure.USERS, 0.1, 1).maxKeysPerUser(1).schedule(delay);
        if (start != null) {
            b.start(start);
        }
        return b.build();
    }

    @Test
    void startsWithTheLastWindowClosedWhenTheJobWasStored() {
        RollupJob daily = job(Window.DAY, Duration.ofHours(2), null);
        Instant stored = Instant.parse("2026-10-10T05:00:00Z");
        // At 05:00 with a 2h delay, the last closed day is 10-09 (closed at 10-10T02:00).
        assertThat(RollupScheduler.dueWindows(daily, stored, null, stored, 100)).containsExactly(LocalDate.of(2026, 10, 9));
        // At 01:00 on 10-12, 10-11 has not closed yet (02:00): 10-09 and 10-10 are due.
        assertThat(RollupScheduler.dueWindows(daily, stored, null, Instant.parse("2026-10-12T01:00:00Z"), 100))
            .containsExactly(LocalDate.of(2026, 10, 9), LocalDate.of(2026, 10, 10));
        // Windows done are never due again.
        assertThat(RollupScheduler.dueWindows(daily, stored, LocalDate.of(2026, 10, 10), Instant.parse("2026-10-12T02:00:00Z"), 100))
            .containsExactly(LocalDate.of(2026, 10, 11));
    }

    @Test
    void monthlyAndWeeklyWindowsAlignToCalendarBoundaries() {
        Instant stored = Instant.parse("2026-10-15T12:00:00Z");
        assertThat(RollupScheduler.dueWindows(job(Window.MONTH, Duration.ZERO, null), stored, null, Instant.parse("2026-11-01T00:00:00Z"), 100))
            .containsExactly(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));
        // 2026-10-15 is a Thursday; its week starts Monday 10-12, the last closed one Monday 10-05.
        assertThat(RollupScheduler.dueWindows(job(Window.WEEK, Duration.ZERO, null), stored, null, stored, 100))
            .containsExactly(LocalDate.of(2026, 10, 5));
    }

    /** A controllable clock: a daily job with a start 120 days back fills every window, oldest first, each once. */
    @Test
    void aBackfillOfMoreThan24WindowsFillsEveryWindowOnceAndKeepsUp() {
        LocalDate start = LocalDate.of(2026, 6, 1);
        RollupJob daily = job(Window.DAY, Duration.ZERO, start);
        Instant stored = Instant.parse("2026-09-29T10:00:00Z");
        List<LocalDate> ran = new ArrayList<>();
        ScheduleState state = ScheduleState.empty("s");
        Instant now = stored;
        for (int tick = 0; tick < 10; tick++) {
            state = RollupScheduler.advance(daily, stored, state, now, (j, w) -> ran.add(w), s -> { });
            now = now.plus(Duration.ofMinutes(1));
        }
        assertThat(ran).hasSize(120).doesNotHaveDuplicates().isSorted();
        assertThat(ran.get(0)).isEqualTo(start);
        assertThat(ran.get(119)).isEqualTo(LocalDate.of(2026, 9, 28));
        // the next day closes: exactly one more run
        state = RollupScheduler.advance(daily, stored, state, Instant.parse("2026-09-30T00:00:01Z"), (j, w) -> ran.add(w), s -> { });
        assertThat(ran).hasSize(121).last().isEqualTo(LocalDate.of(2026, 9, 29));
        assertThat(state.lastDone()).isEqualTo(LocalDate.of(2026, 9, 29));
    }

    @Test
    void aBudgetRefusalIsSkippedOnceAndOtherFailuresBackOff() {
        RollupJob daily = job(Window.DAY, Duration.ZERO, LocalDate.of(2026, 9, 1));
        Instant now = Instant.parse("2026-09-05T10:00:00Z");
        List<LocalDate> ran = new ArrayList<>();
        ScheduleState state = RollupScheduler.advance(daily, now, ScheduleState.empty("s"), now, (j, w) -> {
            ran.add(w);
            if (w.getDayOfMonth() == 2) {
                throw new PrivacyBudgetExhaustedException("exhausted");
            }
        }, s -> { });
        assertThat(ran).containsExactly(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 2), LocalDate.of(2026, 9, 3), LocalDate.of(2026, 9, 4));
        assertThat(state.skipped()).hasSize(1);
        assertThat(state.skipped().get(0)).containsEntry("window_start", "2026-09-02").containsEntry("reason", "budget_exhausted");
        assertThat(state.lastDone()).isEqualTo(LocalDate.of(2026, 9, 4));

        // another failure: stops, backs off 1, 2, 4 ... minutes, and retries the same window
        RollupJob other = job(Window.DAY, Duration.ZERO, LocalDate.of(2026, 9, 1));
        Set<Instant> attempts = new HashSet<>();
        ScheduleState s = ScheduleState.empty("o");
        Instant t = now;
        for (int minute = 0; minute < 8; minute++) {
            Instant at = t.plus(Duration.ofMinutes(minute));
            s = RollupScheduler.advance(other, now, s, at, (j, w) -> {
                attempts.add(at);
                throw new IllegalStateException("node busy");
            }, x -> { });
        }
        // attempts at minutes 0, 1, 3, 7 (back-off 1, 2, 4)
        assertThat(attempts).containsExactlyInAnyOrder(t, t.plus(Duration.ofMinutes(1)), t.plus(Duration.ofMinutes(3)), t.plus(Duration.ofMinutes(7)));
        assertThat(s.lastDone()).isNull();
        assertThat(s.failures()).isEqualTo(4);
        assertThat(ScheduleState.backoff(100)).isEqualTo(Duration.ofMinutes(60));
    }

    /** A master dying in the middle of a window: the run never returned and the state was never saved. */
    private static final class MasterDied extends Error {
        MasterDied() {
            super("kill -9", null, false, false);
        }
    }

    /**
     * Master failover with a controllable clock: master A runs a backlog of 40 daily windows (more than one tick's 24),
     * completes some, then dies inside window 30 (after the run claimed and charged it, before it returned). Master B
     * loads the state A saved and goes on from the window after the last one completed: window 30 is run again with the
     * same run_id (idempotent: charged once, in the fake below as in the ledger), every window completes exactly once,
     * and windows A completed are never run again.
     */
    @Test
    void anotherMasterResumesFromTheSavedStateAndRerunsOnlyTheInterruptedWindow() {
        LocalDate start = LocalDate.of(2026, 8, 1);
        RollupJob daily = job(Window.DAY, Duration.ZERO, start);
        Instant stored = Instant.parse("2026-09-10T08:00:00Z");
        LocalDate dies = start.plusDays(29);
        // the cluster's view: the saved schedule state, and per run_id its charges and completion
        ScheduleState[] saved = {ScheduleState.empty("s")};
        java.util.Map<String, Integer> charges = new java.util.HashMap<>();
        Set<String> completed = new HashSet<>();
        List<String> attempts = new ArrayList<>();
        boolean[] aAlive = {true};
        RollupScheduler.WindowRunner idempotentRun = (j, w) -> {
            String runId = RollupScheduler.runId(w);
            attempts.add(runId);
            if (completed.contains(runId)) {
                return; // the stored answer
            }
            charges.merge(runId, 1, (a, b) -> a); // one charge per run_id, whoever runs it
            if (aAlive[0] && w.equals(dies)) {
                aAlive[0] = false;
                throw new MasterDied();
            }
            completed.add(runId);
        };
        Instant now = stored;
        boolean died = false;
        for (int tick = 0; tick < 5 && !died; tick++) {
            try {
                RollupScheduler.advance(daily, stored, saved[0], now, idempotentRun, s -> saved[0] = s);
            } catch (MasterDied e) {
                died = true;
            }
            now = now.plusSeconds(60);
        }
        assertThat(died).isTrue();
        assertThat(saved[0].lastDone()).as("A saved up to the window before the one it died in").isEqualTo(dies.minusDays(1));

        // B, elected later, loads what A saved; its clock is ahead (a new day closed meanwhile)
        Instant bNow = Instant.parse("2026-09-11T00:00:05Z");
        for (int tick = 0; tick < 3; tick++) {
            RollupScheduler.advance(daily, stored, saved[0], bNow, idempotentRun, s -> saved[0] = s);
            bNow = bNow.plusSeconds(60);
        }
        List<String> expected = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(LocalDate.of(2026, 9, 10)); d = d.plusDays(1)) {
            expected.add(RollupScheduler.runId(d));
        }
        assertThat(expected).hasSize(41);
        assertThat(completed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(charges.values()).as("one charge per window").allMatch(c -> c == 1);
        assertThat(charges).hasSize(41);
        assertThat(attempts).as("only the interrupted window ran twice").hasSize(42)
            .filteredOn(r -> r.equals(RollupScheduler.runId(dies))).hasSize(2);
        assertThat(saved[0].lastDone()).isEqualTo(LocalDate.of(2026, 9, 10));
    }
}
