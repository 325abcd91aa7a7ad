package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which path a run takes: one pass only when every raw index overlapping the window is a routed epoch index. */
class WindowIndicesTest {
    private static WindowIndices.RawIndex index(String name, Map<?, ?> meta) {
        return new WindowIndices.RawIndex(name, meta == null ? Map.of() : meta);
    }

    private static WindowIndices.RawIndex epoch(String label, String first, String last) {
        return index(".privacy-metrics-events-" + label, Map.of("epoch", label, "rotation", "MONTH", "first_day", first, "last_day", last));
    }

    private static WindowIndices.RawIndex daily(String day) {
        return index(".privacy-metrics-events-" + day.replace('-', '.'), Map.of("day", day));
    }

    private static final LocalDate NOV = LocalDate.parse("2026-11-01");
    private static final LocalDate DEC = LocalDate.parse("2026-12-01");

    @Test
    void epochIndicesOfTheWindowOnlyAreReadInOnePass() {
        WindowIndices w = WindowIndices.of(List.of(epoch("2026-10", "2026-10-01", "2026-10-31"), epoch("2026-11", "2026-11-01", "2026-11-30"),
            epoch("2026-12", "2026-12-01", "2026-12-31"), index("metrics-events-2026.11.02", Map.of("day", "2026-11-02"))), NOV, DEC);
        assertThat(w.routed()).isTrue();
        assertThat(w.indices()).containsExactly(".privacy-metrics-events-2026-11");
    }

    @Test
    void aWeekWindowOverTwoEpochIndicesReadsBoth() {
        WindowIndices w = WindowIndices.of(List.of(epoch("2026-11", "2026-11-01", "2026-11-30"), epoch("2026-12", "2026-12-01", "2026-12-31")),
            LocalDate.parse("2026-11-28"), LocalDate.parse("2026-12-05"));
        assertThat(w.routed()).isTrue();
        assertThat(w.indices()).hasSize(2);
    }

    @Test
    void aDailyIndexOfAnEarlierReleaseInTheWindowMeansTheCompositePath() {
        WindowIndices w = WindowIndices.of(List.of(epoch("2026-11", "2026-11-01", "2026-11-30"), daily("2026-11-03")), NOV, DEC);
        assertThat(w.routed()).isFalse();
        WindowIndices outside = WindowIndices.of(List.of(epoch("2026-11", "2026-11-01", "2026-11-30"), daily("2026-10-31")), NOV, DEC);
        assertThat(outside.routed()).isTrue();
        assertThat(outside.indices()).containsExactly(".privacy-metrics-events-2026-11");
    }

    @Test
    void aRawIndexWithoutThePluginsRecordIsNeverTrustedToBeRouted() {
        assertThat(WindowIndices.of(List.of(epoch("2026-11", "2026-11-01", "2026-11-30"), index(".privacy-metrics-events-x", null)), NOV, DEC)
            .routed()).isFalse();
        // an epoch record with no valid days is no epoch index either
        assertThat(WindowIndices.of(List.of(index(".privacy-metrics-events-2026-11",
            Map.of("epoch", "2026-11", "first_day", "2026-11-30", "last_day", "2026-11-01"))), NOV, DEC).routed()).isFalse();
    }

    @Test
    void noRawIndexAtAllIsAnEmptyOnePass() {
        WindowIndices w = WindowIndices.of(List.of(), NOV, DEC);
        assertThat(w.routed()).isTrue();
        assertThat(w.indices()).isEmpty();
    }
}
