package org.privacymetrics.es.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RotationTest {

    @Test
    void labelsMatchTheMetricsIdSpec() {
        LocalDate d = LocalDate.of(2027, 1, 1);
        assertThat(Rotation.MONTH.label(d)).isEqualTo("2027-01");
        assertThat(Rotation.WEEK.label(d)).isEqualTo("2026-W53"); // ISO week-based year
        assertThat(Rotation.DAY.label(d)).isEqualTo("2027-01-01");
    }

    @Test
    void aWindowIsChargedOnEveryEpochItOverlapsFromTheCalendarAlone() {
        LocalDate nov = LocalDate.of(2026, 11, 1);
        assertThat(Rotation.MONTH.epochsOverlapping(nov, nov.plusMonths(1))).containsExactly("2026-11");
        assertThat(Rotation.MONTH.epochsOverlapping(LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 23))).containsExactly("2026-11");
        // a month under weekly rotation: the five ISO weeks it touches
        assertThat(Rotation.WEEK.epochsOverlapping(nov, nov.plusMonths(1)))
            .containsExactly("2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49");
        assertThat(Rotation.DAY.epochsOverlapping(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 2)))
            .containsExactly("2026-11-30", "2026-12-01");
        // a week window across a month boundary under monthly rotation pays both months
        assertThat(Rotation.MONTH.epochsOverlapping(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 7))).containsExactly("2026-11", "2026-12");
        assertThatThrownBy(() -> Rotation.MONTH.epochsOverlapping(nov, nov)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsingNamesTheSetting() {
        assertThat(Rotation.parse(" week ")).isEqualTo(Rotation.WEEK);
        assertThatThrownBy(() -> Rotation.parse("YEAR")).hasMessage("setting [privacy_metrics.rotation] must be one of [MONTH, WEEK, DAY], got [YEAR]");
    }
}
