package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.calendar.Rotation;

/**
 * The caches and hand-written paths that keep ingest cheap (issue 16) must never change a result: each is compared with
 * the plain computation it replaces, on inputs chosen to hit the cache's edges.
 */
class IngestFastPathsTest {

    @BeforeAll
    static void esLogging() {
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    @Test
    void epochLabelCheckAgreesWithItsRegularExpression() {
        String alphabet = "0123456789-W-W0w:\u0661";
        SplittableRandom rnd = new SplittableRandom(16);
        int accepted = 0;
        for (int i = 0; i < 300_000; i++) {
            StringBuilder sb = new StringBuilder();
            // mostly the lengths that matter (7, 8, 10), built around a valid prefix half of the time
            if (rnd.nextBoolean()) {
                sb.append(String.format("%04d-", rnd.nextInt(10_000)));
            }
            int len = rnd.nextInt(8);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String v = sb.toString();
            boolean expected = PrivacyScrubProcessor.EPOCH.matcher(v).matches();
            assertThat(PrivacyScrubProcessor.isEpochLabel(v)).as(v).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the random strings include valid labels").isGreaterThan(1000);
        for (String ok : new String[] {"2026-11", "2026-W47", "2026-11-20"}) {
            assertThat(PrivacyScrubProcessor.isEpochLabel(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"2026-1", "2026-W4", "2026-11-2", "2026-w47", "2026-11-20x", "٢٠٢٦-11", "2026_11", ""}) {
            assertThat(PrivacyScrubProcessor.isEpochLabel(bad)).as(bad).isFalse();
        }
    }

    @Test
    void rekeyingMatchesTheSpecForEveryEpochOrderAndInput() throws Exception {
        byte[] secret = "test-only-rekey-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Rekeyer rekeyer = new Rekeyer(secret);
        SplittableRandom rnd = new SplittableRandom(5);
        String[] epochs = {"2026-10", "2026-11", "2026-W47", "2026-11-20"};
        for (int i = 0; i < 2_000; i++) {
            // alternate epochs irregularly (the per-thread "last epoch" shortcut) and include ids that are not ASCII
            String epoch = epochs[rnd.nextInt(rnd.nextInt(4) == 0 ? epochs.length : 2)];
            String id = switch (rnd.nextInt(4)) {
                case 0 -> "é" + Long.toHexString(rnd.nextLong());
                case 1 -> "\uD83D\uDE00" + rnd.nextInt(); // a surrogate pair: one '?' in US-ASCII
                case 2 -> "x".repeat(rnd.nextInt(80)); // longer than an id, and empty
                default -> String.format("%016x%016x", rnd.nextLong(), rnd.nextLong());
            };
            assertThat(rekeyer.rekey(id, epoch)).as(id + " " + epoch).isEqualTo(reference(secret, id, epoch));
        }
        // more epochs than a thread keeps Macs for, twice over: evicted epochs are derived again, identically
        for (int round = 0; round < 2; round++) {
            for (int e = 0; e < 150; e++) {
                String epoch = String.format("%04d-%02d", 1900 + e / 12, 1 + e % 12);
                assertThat(rekeyer.rekey("aff5f76fbe7a03ef1d8632fa1a6c0ff6", epoch)).isEqualTo(reference(secret, "aff5f76fbe7a03ef1d8632fa1a6c0ff6", epoch));
            }
        }
    }

    /** The spec of Rekeyer's javadoc, computed without any of its shortcuts. */
    private static String reference(byte[] secret, String id, String epoch) throws Exception {
        byte[] k2 = Hkdf.sha256(secret, "rekey/v1".getBytes(StandardCharsets.US_ASCII), epoch.getBytes(StandardCharsets.US_ASCII), 32);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k2, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.US_ASCII)), 0, 16);
    }

    @Test
    void calendarGivesEachDayItsOwnLabelAndBoundsWhateverTheOrderOfDays() {
        // Days 64 apart share a slot of the per-day table: alternate them, across month and week boundaries, and compare
        // every verdict with a calendar that sees each day for the first time.
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
        for (Rotation rotation : Rotation.values()) {
            EventCalendar shared = new EventCalendar(clock, rotation, () -> TimeValue.timeValueDays(400), () -> TimeValue.timeValueDays(1));
            SplittableRandom rnd = new SplittableRandom(11);
            int accepted = 0;
            for (int i = 0; i < 3_000; i++) {
                LocalDate day = LocalDate.of(2026, 11, 23).minusDays(rnd.nextInt(7) * 64L + rnd.nextInt(3) - 1);
                // the right label half of the time, else the label of a neighbouring day (often the same epoch)
                String label = rotation.label(rnd.nextBoolean() ? day : day.plusDays(rnd.nextInt(3) - 1));
                Map<String, Object> event = new HashMap<>(Map.of("@timestamp", day + "T" + (rnd.nextBoolean() ? "00:00:00Z" : "23:59:59.999Z"),
                    "metrics_epoch", label));
                EventCalendar fresh = new EventCalendar(clock, rotation, () -> TimeValue.timeValueDays(400), () -> TimeValue.timeValueDays(1));
                String expected = outcome(fresh, event);
                assertThat(outcome(shared, event)).as(rotation + " " + event).isEqualTo(expected);
                // the raw index named from the day's facts is the one formatted from the label, and the index check
                // accepts exactly that name
                String plainIndex = org.privacymetrics.es.Names.rawIndex(rotation.label(day));
                assertThat(shared.rawIndex(day)).as(rotation + " " + day).isEqualTo(plainIndex);
                shared.checkIndex(plainIndex, day, new IngestStats());
                String neighbour = org.privacymetrics.es.Names.rawIndex(rotation.label(day.plusDays(rnd.nextInt(3) - 1)));
                if (!neighbour.equals(plainIndex)) {
                    assertThatThrownBy(() -> shared.checkIndex(neighbour, day, new IngestStats()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(plainIndex);
                }
                accepted += expected.startsWith("day ") ? 1 : 0;
            }
            assertThat(accepted).as("both outcomes occur").isBetween(300, 2_980);
        }
    }

    private static String outcome(EventCalendar c, Map<String, Object> event) {
        try {
            return "day " + c.check(event, new IngestStats());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void theScrubGivesTheSameResultForARepeatedValueAsForANewOne() {
        // One processor sees a stream of events whose values repeat (the clean-value set is used), a fresh processor per
        // event does not: documents, failures and counters must be identical.
        IngestStats sharedStats = new IngestStats();
        IngestStats freshStats = new IngestStats();
        Map<String, Object> config = Map.of("allowed_fields", List.of("plan", "note"), "detectors", Map.of("ip", "drop", "iban", "fail"));
        PrivacyScrubProcessor shared = new PrivacyScrubProcessor.Factory(sharedStats).create(Map.of(), "t", null, new HashMap<>(config));
        String[] values = {"login", "sync", "readinglist", "a@b.example", "bob@example.org", "10.0.0.1", "4111111111111111",
            "DE89 3704 0044 0532 0130 00", "call +49 30 1234567", "Bearer abcdef0123456789abcdef", "premium", "x".repeat(70),
            "y".repeat(70) + " a@b.example", "12345678", "12", "1f85f13b"};
        SplittableRandom rnd = new SplittableRandom(3);
        int redacted = 0;
        for (int i = 0; i < 3_000; i++) {
            Map<String, Object> source = new HashMap<>();
            source.put("@timestamp", "2026-10-15T08:30:00Z");
            source.put("event_id", "7d444840-9dc0-11d1-b245-5ffdce74fad2");
            source.put("metrics_id", "aff5f76fbe7a03ef1d8632fa1a6c0ff6");
            source.put("metrics_epoch", "2026-10");
            source.put("device", "mobile");
            source.put("service", values[rnd.nextInt(values.length)]);
            source.put("event", values[rnd.nextInt(values.length)]);
            source.put("plan", rnd.nextBoolean() ? values[rnd.nextInt(values.length)] : (Object) (long) rnd.nextInt(20));
            if (rnd.nextInt(4) == 0) {
                source.put("note", values[rnd.nextInt(values.length)]);
            }
            PrivacyScrubProcessor fresh = new PrivacyScrubProcessor.Factory(freshStats).create(Map.of(), "t", null, new HashMap<>(config));
            String viaShared = result(shared, new HashMap<>(source));
            assertThat(viaShared).isEqualTo(result(fresh, new HashMap<>(source)));
            redacted += viaShared.contains("[redacted:") ? 1 : 0;
        }
        assertThat(sharedStats.snapshot()).isEqualTo(freshStats.snapshot());
        assertThat(redacted).as("some values are redacted").isGreaterThan(500);
        assertThat(sharedStats.snapshot().get("rejections").toString()).contains("detector_iban");
        assertThat(sharedStats.snapshot().get("dropped_fields").toString()).contains("service=");
    }

    private static String result(PrivacyScrubProcessor p, Map<String, Object> source) {
        try {
            IngestDocument d = p.execute(new IngestDocument(".privacy-metrics-events-2026.10.15", "1", 1, null, VersionType.INTERNAL, source));
            return new java.util.TreeMap<>(d.getSource()).toString();
        } catch (IllegalArgumentException e) {
            return "rejected: " + e.getMessage();
        }
    }

    @Test
    void theCleanValueSetIsBoundedAndKeepsNoLongValues() {
        CleanValues clean = new CleanValues();
        String longValue = "z".repeat(CleanValues.MAX_LENGTH + 1);
        clean.add(longValue);
        assertThat(clean.contains(longValue)).isFalse();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < CleanValues.MAX_SIZE * 3; i++) {
            String v = "v" + i;
            clean.add(v);
            added.add(v);
            assertThat(clean.size()).isLessThanOrEqualTo(CleanValues.MAX_SIZE);
        }
        assertThat(clean.contains(added.get(added.size() - 1))).isTrue();
        assertThat(clean.contains("never added")).isFalse();
    }

    @Test
    void aValueWithAFindingIsNeverTreatedAsClean() {
        IngestStats stats = new IngestStats();
        PrivacyScrubProcessor p = new PrivacyScrubProcessor.Factory(stats).create(Map.of(), "t", null,
            new HashMap<>(Map.of("detectors", Map.of("email", "fail"))));
        for (int i = 0; i < 3; i++) {
            Map<String, Object> source = new HashMap<>(Map.of("@timestamp", "2026-10-15T08:30:00Z", "event_id",
                "7d444840-9dc0-11d1-b245-5ffdce74fad2", "metrics_id", "aff5f76fbe7a03ef1d8632fa1a6c0ff6", "metrics_epoch", "2026-10",
                "event", "login by a@b.example"));
            assertThatThrownBy(() -> p.execute(new IngestDocument(".privacy-metrics-events-2026.10.15", "1", 1, null, VersionType.INTERNAL, source)))
                .hasMessage("field [event] contains personal data [email]; the document is rejected");
        }
        assertThat(stats.snapshot().get("rejections").toString()).contains("detector_email=3");
    }
}
