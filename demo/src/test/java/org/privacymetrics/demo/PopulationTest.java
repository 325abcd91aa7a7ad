package org.privacymetrics.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PopulationTest {

    private static final List<YearMonth> MONTHS = List.of(YearMonth.of(2026, 9), YearMonth.of(2026, 10));

    @Test
    void bookkeepingMatchesTheEventsItGenerated() {
        Population p = Population.generate(3_000, MONTHS, 7);
        for (YearMonth m : MONTHS) {
            Map<String, Set<String>> perService = new HashMap<>();
            Set<String> signups = new HashSet<>();
            Set<String> mobileLogins = new HashSet<>();
            Map<String, Set<String>> servicesOfUser = new HashMap<>();
            for (Population.Event e : p.events(m)) {
                assertThat(YearMonth.from(e.timestamp().atZone(java.time.ZoneOffset.UTC))).isEqualTo(m);
                perService.computeIfAbsent(e.service(), k -> new HashSet<>()).add(e.uid());
                servicesOfUser.computeIfAbsent(e.uid(), k -> new HashSet<>()).add(e.service());
                if (e.event().equals("signup")) signups.add(e.uid());
                if (e.event().equals("login") && (e.userAgent().contains("iPhone") || e.userAgent().contains("Android"))) {
                    mobileLogins.add(e.uid());
                }
            }
            Population.Truth t = p.truth(m);
            assertThat(t.signups()).isEqualTo(signups.size());
            assertThat(t.mobileLoginUsers()).isEqualTo(mobileLogins.size());
            assertThat(t.multiServiceUsers()).isEqualTo((int) servicesOfUser.values().stream().filter(s -> s.size() >= 2).count());
            for (String s : Population.SERVICES) {
                assertThat(t.usersPerService().get(s)).as(s).isEqualTo(perService.getOrDefault(s, Set.of()).size());
            }
            assertThat(t.events()).isEqualTo(p.events(m).size());
        }
    }

    @Test
    void sharesAreRealistic() {
        Population p = Population.generate(10_000, MONTHS, 11);
        Population.Truth t = p.truth(MONTHS.get(1));
        int active = t.usersPerService().get("sync");
        assertThat(active).isBetween(8_000, 9_500);
        assertThat(t.multiServiceUsers()).isBetween(active / 4, active * 2 / 3);
        assertThat(t.mobileLoginUsers()).isBetween(active / 4, active / 2);
        assertThat(t.signups()).isBetween(500, 1_200);
    }
}
