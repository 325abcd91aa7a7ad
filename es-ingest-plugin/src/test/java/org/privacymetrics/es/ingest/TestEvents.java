package org.privacymetrics.es.ingest;

import java.util.HashMap;
import java.util.Map;

/** Raw events for the ingest unit tests. */
final class TestEvents {
    private TestEvents() {
    }

    /** A valid raw event of epoch 2026-10 as the appender sends it (a new, mutable map each call). */
    static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("@timestamp", "2026-10-15T08:30:00Z");
        m.put("event_id", "7d444840-9dc0-11d1-b245-5ffdce74fad2");
        m.put("service", "sync");
        m.put("event", "login");
        m.put("metrics_id", "aff5f76fbe7a03ef1d8632fa1a6c0ff6");
        m.put("metrics_epoch", "2026-10");
        m.put("metrics_key_id", "1f85f13b");
        m.put("device", "mobile");
        return m;
    }
}
