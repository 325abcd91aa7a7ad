package org.privacymetrics.logback.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Settings used under an old name: each is reported once, as a status warning naming the name to use instead (the
 * name Logback or logstash-logback-encoder gives the same thing). Setters record, {@code start()} reports.
 */
public final class DeprecatedSettings {

    private final Map<String, String> used = new LinkedHashMap<>();
    private final Map<String, Boolean> reported = new LinkedHashMap<>();

    /** Records that {@code oldName} was set; {@code replacement} says what to write instead. */
    public synchronized void used(String oldName, String replacement) {
        used.putIfAbsent(oldName, replacement);
    }

    /** Whether {@code oldName} was set. */
    public synchronized boolean wasUsed(String oldName) {
        return used.containsKey(oldName);
    }

    /** Reports every old name not reported yet, once per name over the appender's life (restarts included). */
    public synchronized void report(String appenderName, Consumer<String> warn) {
        used.forEach((old, replacement) -> {
            if (reported.putIfAbsent(old, Boolean.TRUE) == null) {
                warn.accept("Appender [" + appenderName + "]: <" + old + "> is deprecated; use " + replacement
                        + " (same effect)");
            }
        });
    }
}
