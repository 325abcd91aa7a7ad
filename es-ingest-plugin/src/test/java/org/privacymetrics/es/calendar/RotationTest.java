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
    void labelsParseBackToTheirEpochAndNothingElseParses() {
        assertThat(Rotation.MONTH.parseLabel("2026-11")).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(Rotation.MONTH.epochEnd(LocalDate.of(2026, 11, 17))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(Rotation.MONTH.epochEnd(LocalDate.of(2028, 2, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
        // index names are lower case: the week label parses in either case
        assertThat(Rotation.WEEK.parseLabel("2026-w53")).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(Rotation.WEEK.parseLabel("2026-W48")).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(Rotation.WEEK.epochEnd(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(Rotation.DAY.parseLabel("2026-11-30")).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(Rotation.DAY.epochEnd(LocalDate.of(2026, 11, 30))).isEqualTo(LocalDate.of(2026, 11, 30));
        for (LocalDate d = LocalDate.of(2024, 12, 20); d.isBefore(LocalDate.of(2027, 1, 10)); d = d.plusDays(1)) {
            for (Rotation r : Rotation.values()) {
                assertThat(r.parseLabel(r.label(d))).as("%s %s", r, d).isEqualTo(r.epochStart(d));
                assertThat(Rotation.ofLabel(r.label(d))).isEqualTo(r);
                assertThat(r.epochEnd(d)).isEqualTo(r.epochStart(d).plusDays(r.epochEnd(d).toEpochDay() - r.epochStart(d).toEpochDay()))
                    .isAfterOrEqualTo(d);
            }
        }
        for (String bad : new String[] {"2026-13", "2026-00", "2025-W53", "2026-W00", "2026-W54", "2026.11", "2026-11-31", "2026-1-01",
                "+2026-11", "2026-11-30x", "2026.11.30", "keep-forever", "", "2026-W4A", "-002-11"}) {
            assertThat(Rotation.ofLabel(bad)).as(bad).isNull();
        }
        assertThat(Rotation.MONTH.parseLabel("2026-W48")).isNull();
        assertThat(Rotation.WEEK.parseLabel("2026-11")).isNull();
        assertThat(Rotation.DAY.parseLabel("2026-11")).isNull();
    }

    @Test
    void parsingNamesTheSetting() {
        assertThat(Rotation.parse(" week ")).isEqualTo(Rotation.WEEK);
        assertThatThrownBy(() -> Rotation.parse("YEAR")).hasMessage("setting [privacy_metrics.rotation] must be one of [MONTH, WEEK, DAY], got [YEAR]");
    }
}
