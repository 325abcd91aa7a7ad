package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.privacymetrics.core.pii.PiiKind;

/**
 * Found by {@link HostileShapesBenchmarkIT} (docs/benchmarks.md, "Hostile shapes on a real node"): a value within the
 * keyword limit as sent, which redaction makes longer than 32,766 bytes, leaves the scrub and is refused by the mapper,
 * after the route chose (and, in a new epoch, created) its index: {@code value_too_long} measures the value as sent.
 * The scrub now measures the redacted length and refuses such a value itself ({@code value_too_long}, counted): it
 * never passes on a value no keyword holds.
 */
class RedactionGrowthTest {

    @BeforeAll
    static void esLogging() {
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    /** Values of at most 32,766 UTF-8 bytes whose redacted form is longer (the benchmark's shapes that were refused). */
    static final List<String> GROWING = List.of(
            "a@b.cd ".repeat(4_600),                     // 32,200 bytes: every 6-byte address 16 bytes redacted
            "a.b@c.de ".repeat(3_640),                   // e-mails of 8 characters, each "[redacted:email]"
            "a%40b.cd ".repeat(3_600),
            "203.0.113.22 ".repeat(2_520));

    @Test
    void theValuesGrowPastAKeywordWhenRedacted() {
        // the premise of the open test below: each value is accepted as sent, and its redacted form is too long
        for (String value : GROWING) {
            assertThat(PrivacyScrubProcessor.utf8Length(value)).isLessThanOrEqualTo(PrivacyScrubProcessor.MAX_KEYWORD_BYTES);
            String redacted = value;
            for (String detector : PiiDetectors.PATTERNS.keySet()) {
                if (detector.equals(PiiKind.DENSE.label())) {
                    continue; // the families' growth; the work budget would redact the value whole
                }
                redacted = PiiDetectors.redact(detector, redacted);
            }
            assertThat(PrivacyScrubProcessor.utf8Length(redacted)).as(value.substring(0, 12) + "…")
                    .isGreaterThan(PrivacyScrubProcessor.MAX_KEYWORD_BYTES);
        }
    }

    @Test
    void theScrubNeverPassesOnAValueLongerThanAKeywordHolds() {
        PrivacyScrubProcessor scrub = new PrivacyScrubProcessor.Factory(new IngestStats()).create(Map.of(), "t", null, new HashMap<>());
        for (String value : GROWING) {
            Map<String, Object> src = TestEvents.valid();
            src.put("event", value);
            IngestDocument doc = new IngestDocument(".privacy-metrics-events-2026-10", "1", 1, null, VersionType.INTERNAL, src);
            try {
                Object stored = scrub.execute(doc).getSource().get("event");
                if (stored != null) {
                    assertThat(PrivacyScrubProcessor.utf8Length(String.valueOf(stored))).as(value.substring(0, 12) + "…")
                            .isLessThanOrEqualTo(PrivacyScrubProcessor.MAX_KEYWORD_BYTES);
                }
            } catch (IllegalArgumentException | ElasticsearchException refusedByTheScrub) {
                // refused (and counted) before any index exists, naming the field, not the value
                assertThat(refusedByTheScrub).hasMessageContaining("field [event] is longer than [32766] bytes once redacted")
                        .message().doesNotContain(value.substring(0, 8));
            }
        }
    }
}
