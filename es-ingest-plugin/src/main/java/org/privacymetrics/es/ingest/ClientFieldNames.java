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

    /**
     * Names of objects that commonly hold a misconfigured edge's fields ({@code user.uid}, {@code mdc.request.user_agent}):
     * an error may show them as parts of a path; any other part of a path is shown as {@code [unnamed]}.
     */
    static final Set<String> KNOWN_CONTAINERS = Set.of("user", "mdc", "request", "context", "kv", "fields", "labels", "client", "http",
        "source", "extra", "data", "meta", "log", "event", "headers", "session", "args", "arguments", "properties", "tags", "sender",
        "recipient", "customer", "account", "actor", "principal", "auth", "identity", "host", "network", "geo", "url", "payload");

    /**
     * How an error names the forbidden field {@code last} found at {@code path} (dotted, from client-chosen names): the
     * forbidden name itself, after the parts of the path that are fixed container names; every other part, which may
     * be data ({@code jane_doe_4155550123.uid}), becomes {@code [unnamed]}.
     */
    private static final String UNNAMED = "[unnamed].";

    static String shownPath(String path, String last) {
        String[] parts = path.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            boolean known = KNOWN_CONTAINERS.contains(parts[i]) || KNOWN_HARMLESS.contains(parts[i]);
            if (known) {
                out.append(parts[i]).append('.');
            } else if (out.length() < UNNAMED.length() || !out.substring(out.length() - UNNAMED.length()).equals(UNNAMED)) {
                out.append(UNNAMED); // consecutive unknown parts (a name with dots in it) read as one
            }
        }
        return out.append(last).toString();
    }

    /** @return the name under which a dropped unknown field is counted: itself if known harmless, else {@link #UNKNOWN_FIELD} */
    static String counted(String field) {
        return KNOWN_HARMLESS.contains(field) ? field : UNKNOWN_FIELD;
    }
}
