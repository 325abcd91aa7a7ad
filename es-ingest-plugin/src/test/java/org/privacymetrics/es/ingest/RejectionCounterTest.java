package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionCounterTest {

    @Test
    void errorsThatQuoteTheDocumentAreReplacedAndThePluginsOwnAreKept() {
        String pii = "jane.doe@example.org";
        Exception parse = new RuntimeException("[1:266] Invalid UTF-8 middle byte 0x28\n at [Source: (byte[])\"{\"event\":\"" + pii + "\"");
        assertThat(RejectionCounter.withoutContent(new RuntimeException("wrapped", parse))).contains("not valid JSON")
            .doesNotContain(pii);
        Exception immense = new IllegalArgumentException("Document contains at least one immense term in field=\"event\" ... prefix '[106, 97]'");
        assertThat(RejectionCounter.withoutContent(immense)).contains("too long").doesNotContain("106, 97");
        Exception preview = new IllegalArgumentException("failed to parse field [event] of type [keyword]. Preview of field's value: '" + pii + "'");
        assertThat(RejectionCounter.withoutContent(preview)).startsWith("failed to parse field [event] of type [keyword].")
            .doesNotContain(pii);
        assertThat(RejectionCounter.withoutContent(new IllegalArgumentException("field [uid] is not allowed"))).isNull();
    }

    @Test
    void rawNamesAreTheIntakeThePluginsAndEveryMetricsEventsName() {
        for (String raw : new String[] {"metrics-events", "metrics-events-2026.11.22", ".privacy-metrics-events-2026.11.22",
                "<.privacy-metrics-events-{now/d}>", "metrics-events-keep-forever"}) {
            assertThat(RejectionCounter.isRaw(raw)).as(raw).isTrue();
        }
        for (String other : new String[] {"logs", "privacy-rollups-x", ".privacy-metrics-rollups", "metrics"}) {
            assertThat(RejectionCounter.isRaw(other)).as(other).isFalse();
        }
    }
}
