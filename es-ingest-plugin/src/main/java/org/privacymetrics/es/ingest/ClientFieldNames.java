package org.privacymetrics.es.ingest;

import java.util.Set;

/**
 * Which names of dropped unknown fields {@code GET _privacy/stats} may show. A field name is client input and can itself
 * be data ({@code jane_doe_4155550123}), so only the fixed names that logging encoders add on their own are shown;
 * every other name is counted under {@link #UNKNOWN_FIELD}. The list is logstash-logback-encoder's default field names
 * for logging events (the transport the README shows), none of which a client chooses per event.
 */
final class ClientFieldNames {

    /** The one counter for every other dropped unknown field. */
    static final String UNKNOWN_FIELD = "unknown_field";

    /** LogstashEncoder's standard fields (including caller data and stack hash, off by default) */
    static final Set<String> KNOWN_HARMLESS = Set.of(
        "@version", "message", "logger_name", "thread_name", "level", "level_value", "stack_trace", "stack_hash", "tags",
        "caller_class_name", "caller_method_name", "caller_file_name", "caller_line_number", "sequence");

    private ClientFieldNames() {
    }

    /** @return the name under which a dropped unknown field is counted: itself if known harmless, else {@link #UNKNOWN_FIELD} */
    static String counted(String field) {
        return KNOWN_HARMLESS.contains(field) ? field : UNKNOWN_FIELD;
    }
}
