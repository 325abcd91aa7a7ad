package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.rollup.job.Measure;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;

class RollupSchedulerTest {
    private static RollupJob job(Window window, Duration delay) {
        return RollupJob.builder("s").source("metrics-events-*").window(window).dimension("service", List.of("sync"))
            .measure(Measure.USERS, 0.1, 1).maxKeysPerUser(1).schedule(delay).build();
    }

    @Test
    void startsWithTheLastWindowClosedWhenTheJobWasStored() {
        RollupJob daily = job(Window.DAY, Duration.ofHours(2));
        Instant stored = Instant.parse("2026-10-10T05:00:00Z");
        // At 05:00 with a 2h delay, the last closed day is 10-09 (closed at 10-10T02:00).
        assertThat(RollupScheduler.dueWindows(daily, stored, stored)).containsExactly(LocalDate.of(2026, 10, 9));
        // At 01:00 on 10-12, 10-11 has not closed yet (02:00): 10-09 and 10-10 are due.
        assertThat(RollupScheduler.dueWindows(daily, stored, Instant.parse("2026-10-12T01:00:00Z")))
            .containsExactly(LocalDate.of(2026, 10, 9), LocalDate.of(2026, 10, 10));
        assertThat(RollupScheduler.dueWindows(daily, stored, Instant.parse("2026-10-12T02:00:00Z")))
            .containsExactly(LocalDate.of(2026, 10, 9), LocalDate.of(2026, 10, 10), LocalDate.of(2026, 10, 11));
    }

    @Test
    void monthlyAndWeeklyWindowsAlignToCalendarBoundaries() {
        Instant stored = Instant.parse("2026-10-15T12:00:00Z");
        assertThat(RollupScheduler.dueWindows(job(Window.MONTH, Duration.ZERO), stored, Instant.parse("2026-11-01T00:00:00Z")))
            .containsExactly(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));
        // 2026-10-15 is a Thursday; its week starts Monday 10-12, the last closed one Monday 10-05.
        assertThat(RollupScheduler.dueWindows(job(Window.WEEK, Duration.ZERO), stored, stored))
            .containsExactly(LocalDate.of(2026, 10, 5));
    }
}
