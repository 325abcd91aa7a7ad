package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET _privacy/stats} shows a dropped field's name only if it is one of the encoders' fixed names. */
class StatsFieldNamesTest {

    @Test
    void encoderFieldsAreNamedEverythingElseIsOneCounter() {
        IngestStats stats = new IngestStats();
        for (String harmless : new String[] {"@version", "message", "logger_name", "thread_name", "level", "level_value", "stack_trace",
            "tags", "caller_class_name", "caller_line_number"}) {
            stats.droppedUnknownField(harmless);
        }
        for (String data : new String[] {"jane_doe_4155550123", "jane@example.org", "uid_4711", "HOSTNAME", "mdc", "x".repeat(300),
            "Message", "message.extra"}) {
            stats.droppedUnknownField(data);
        }
        @SuppressWarnings("unchecked")
        Map<String, Long> dropped = (Map<String, Long>) stats.snapshot().get("dropped_fields");
        assertThat(dropped).containsEntry("unknown_field", 8L).containsEntry("logger_name", 1L).containsEntry("@version", 1L)
            .hasSize(11);
        assertThat(stats.snapshot().toString()).doesNotContain("jane").doesNotContain("4155550123").doesNotContain("4711")
            .doesNotContain("HOSTNAME");
    }

    @Test
    void theNamesShownAreAFixedSetSoTheResponseIsBounded() {
        IngestStats stats = new IngestStats();
        for (int i = 0; i < 10_000; i++) {
            stats.droppedUnknownField("field_" + i);
        }
        assertThat(stats.distinctDroppedNames()).isEqualTo(1);
        assertThat(ClientFieldNames.KNOWN_HARMLESS).allSatisfy(n -> assertThat(ClientFieldNames.counted(n)).isEqualTo(n));
    }
}
