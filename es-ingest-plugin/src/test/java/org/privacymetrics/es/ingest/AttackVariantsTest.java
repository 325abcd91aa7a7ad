package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Variants of issue 13's attacks on the scrub that the issue did not spell out (found by the attack review): what a
 * client may spell freely must not reach storage as it was spelled.
 */
class AttackVariantsTest {

    private final IngestStats stats = new IngestStats();

    @BeforeAll
    static void esLogging() {
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    private IngestDocument scrubbed(Map<String, Object> source) {
        IngestDocument doc = new IngestDocument(".privacy-metrics-events-2026-10", "1", 1, null, VersionType.INTERNAL, source);
        return new PrivacyScrubProcessor.Factory(stats).create(Map.of(), "t", null, new HashMap<>()).execute(doc);
    }

    /** 2026-10-15 plus a time whose epoch milliseconds end in the phone number 4155550134. */
    private static final long PHONE_MILLIS = 1_760_000_000_000L / 10_000_000_000L * 10_000_000_000L + 4_155_550_134L;

    @Test
    void theStoredTimestampIsTheParsedInstantNotTheClientsSpelling() {
        assertThat(Instant.ofEpochMilli(PHONE_MILLIS).toString()).startsWith("2025-");
        Map<String, String> spelled = Map.of(
            "2026-10-15T08:30:00.415555013Z", "2026-10-15T08:30:00.415Z", // nanoseconds: digits the date type drops anyway
            "2026-10-15T10:30:00+02:00", "2026-10-15T08:30:00.000Z",
            "2026-10-15T08:30:00.4Z", "2026-10-15T08:30:00.400Z",
            "1792053000000", "2026-10-15T08:30:00.000Z");
        for (Map.Entry<String, String> e : spelled.entrySet()) {
            Map<String, Object> src = TestEvents.valid();
            src.put("@timestamp", e.getKey());
            assertThat(scrubbed(src).getSource().get("@timestamp")).as(e.getKey()).isEqualTo(e.getValue());
        }
        // epoch milliseconds as a JSON number whose last ten digits are a phone number: stored as the date, not the digits
        Map<String, Object> src = TestEvents.valid();
        src.put("@timestamp", PHONE_MILLIS);
        assertThat(String.valueOf(scrubbed(src).getSource().get("@timestamp"))).doesNotContain("4155550134");
        // what the appender writes is stored as it is
        for (String canonical : List.of("2026-10-15T08:30:00Z", "2026-10-15T08:30:00.123Z")) {
            Map<String, Object> same = TestEvents.valid();
            same.put("@timestamp", canonical);
            assertThat(scrubbed(same).getSource().get("@timestamp")).isSameAs(canonical);
        }
    }

    @Test
    void aForbiddenFieldInsideAnUnknownOneIsNamedWithoutTheClientsNames() {
        Map<String, Object> src = TestEvents.valid();
        src.put("jane_doe_4155550123", Map.of("uid", "x"));
        assertThatThrownBy(() -> scrubbed(src)).hasMessageContaining("field [[unnamed].uid] is not allowed")
            .message().doesNotContain("jane").doesNotContain("4155550123");
        Map<String, Object> dotted = TestEvents.valid();
        dotted.put("mdc.jane_doe.email", "x");
        assertThatThrownBy(() -> scrubbed(dotted)).hasMessageContaining("field [mdc.[unnamed].email] is not allowed")
            .message().doesNotContain("jane");
    }

    @Test
    void theRekeyRefusesToRunInsideASimulation() throws Exception {
        Simulations simulations = new Simulations();
        org.elasticsearch.common.util.concurrent.ThreadContext tc =
            new org.elasticsearch.common.util.concurrent.ThreadContext(org.elasticsearch.common.settings.Settings.EMPTY);
        simulations.setThreadContext(tc);
        Rekeyer rekeyer = new Rekeyer("test-only-rekey-secret-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MetricsRekeyProcessor rekey = new MetricsRekeyProcessor(null, null, () -> rekeyer, () -> null, () -> null, () -> null, stats,
            simulations::active);
        java.util.concurrent.atomic.AtomicReference<Throwable> inside = new java.util.concurrent.atomic.AtomicReference<>();
        for (String action : List.of("indices:data/write/simulate/bulk", "indices:data/read/simulate/bulk",
                "cluster:admin/ingest/pipeline/simulate")) {
            inside.set(null);
            simulations.apply(null, action, new org.elasticsearch.action.bulk.BulkRequest(), org.elasticsearch.action.ActionListener.noop(),
                (task, a, request, listener) -> {
                    try {
                        rekey.execute(new IngestDocument(".privacy-metrics-events-2026-10", "1", 1, null, VersionType.INTERNAL, TestEvents.valid()));
                    } catch (RuntimeException e) {
                        inside.set(e);
                    }
                });
            assertThat(inside.get()).as(action).hasMessageContaining("does not run in simulations");
            assertThat(simulations.active()).as("the mark ends with the simulation").isFalse();
        }
        // an ordinary bulk is not marked: the re-key goes on to its usual checks
        simulations.apply(null, "indices:data/write/bulk", new org.elasticsearch.action.bulk.BulkRequest(),
            org.elasticsearch.action.ActionListener.noop(), (task, a, request, listener) -> assertThat(simulations.active()).isFalse());
    }

    @Test
    void aValueLongerThanAKeywordHoldsFailsBeforeAnyIndexExists() {
        for (String value : List.of("a".repeat(32_767), "é".repeat(16_384), "\uD83D\uDE00".repeat(8_192), "a".repeat(16_383) + "@" + "a".repeat(16_383))) {
            Map<String, Object> src = TestEvents.valid();
            src.put("event", value);
            assertThatThrownBy(() -> scrubbed(src)).as(value.length() + " chars").hasMessageContaining("field [event] is longer than [32766] bytes");
        }
        assertThat(stats.snapshot().get("rejections").toString()).contains("value_too_long=4");
        Map<String, Object> longest = TestEvents.valid();
        longest.put("event", "é".repeat(16_383));
        assertThat(scrubbed(longest).getSource().get("event")).isEqualTo("é".repeat(16_383));
    }

    /**
     * Found by the node benchmark: a value dense with findings ({@code a@a@a…}, 8 KiB and more) grows with every
     * {@code [redacted:email]} past what a keyword holds, and was refused by the mapper after the scrub, once the
     * event's index existed. Such a value is now over the work budget (WorkBudget) and redacted whole, unread; one that
     * still grows past a keyword once redacted is refused by the scrub, counted, before any index
     * ({@code RedactionGrowthTest}).
     */
    @Test
    void aValueThatRedactionWouldGrowPastAKeywordIsRedactedWholeUnread() {
        Map<String, Object> src = TestEvents.valid();
        src.put("event", "a@a.de ".repeat(4_000)); // 28,000 bytes; each 6-byte address would become 16 bytes
        assertThat(scrubbed(src).getSource().get("event")).isEqualTo("[redacted:dense]");
        assertThat(stats.snapshot().get("redactions").toString()).contains("dense=1");
        Map<String, Object> fits = TestEvents.valid();
        fits.put("event", "a@a.de ".repeat(140)); // under 1,024 characters: read, and each address redacted
        assertThat((String) scrubbed(fits).getSource().get("event")).startsWith("[redacted:email] [redacted:email]").doesNotContain("a@a.de");
    }
    /**
     * Found by the fifth attack review: the scrub looks for forbidden names inside unknown fields, and built each field's
     * dotted path as it went, so every child of a deep object copied the whole path of long names above it, and every
     * element of a list read its long name again. Half a megabyte of such a document cost seconds of a write thread;
     * the same bytes in a flat shape cost milliseconds. Both shapes must cost what their size costs.
     */
    @Test
    void unknownFieldsCostTheirSizeWhateverTheirShape() {
        String longName = "n".repeat(40_000);
        Map<String, Object> deepest = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            deepest.put("c" + i, 0);
        }
        Map<String, Object> deep = deepest;
        for (int level = 0; level < 7; level++) {
            deep = Map.of(longName + level, deep);
        }
        List<Object> elements = java.util.Collections.nCopies(50_000, 0);
        Map<String, Object> flat = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            flat.put("c" + i, 0);
        }
        flat.put("n", "n".repeat(280_000));
        long deepNanos = Long.MAX_VALUE;
        long listNanos = Long.MAX_VALUE;
        long flatNanos = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            deepNanos = Math.min(deepNanos, scrubTime(longName, deep));
            listNanos = Math.min(listNanos, scrubTime(longName, elements));
            flatNanos = Math.min(flatNanos, scrubTime("flat", flat));
        }
        // a linear walk of 0.8 MB takes a few milliseconds; the floor leaves room for a loaded machine (before the fix, the
        // nested shape copied 14 GB of paths)
        long bound = Math.max(20 * flatNanos, 300_000_000L);
        assertThat(deepNanos).as("50,000 fields under seven 40,000-character names, flat in %s ns", flatNanos).isLessThan(bound);
        assertThat(listNanos).as("50,000 list elements under a 40,000-character name, flat in %s ns", flatNanos).isLessThan(bound);
        // what the walk is for still holds at the deepest level it reads (a list is a level)
        Map<String, Object> hidden = Map.of("uid", "x");
        for (int level = 0; level < 3; level++) {
            hidden = Map.of("jane" + level, List.of(hidden));
        }
        Map<String, Object> src = TestEvents.valid();
        src.put("mdc", hidden);
        assertThatThrownBy(() -> scrubbed(src)).hasMessageContaining("field [mdc.[unnamed].uid] is not allowed")
            .message().doesNotContain("jane");
    }

    private long scrubTime(String field, Object value) {
        Map<String, Object> src = TestEvents.valid();
        src.put(field, value);
        long start = System.nanoTime();
        Map<String, Object> stored = scrubbed(src).getSource();
        long nanos = System.nanoTime() - start;
        assertThat(stored).doesNotContainKey(field);
        return nanos;
    }
}
