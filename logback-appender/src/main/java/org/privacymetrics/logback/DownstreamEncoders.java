package org.privacymetrics.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.composite.ContextJsonProvider;
import net.logstash.logback.composite.JsonProvider;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.encoder.CompositeJsonEncoder;
import org.privacymetrics.logback.event.EventBuilder;
import org.privacymetrics.logback.transport.AsyncTransportAppender;

/**
 * Closes the one channel a built event cannot close by itself: logstash-logback-encoder's context provider (on by
 * default in {@code LogstashEncoder}) writes the properties of the <em>encoder's</em> Logback context, whatever the
 * event says. The JSON encoders of the appenders that {@link MetricsIdAppender} feeds lose that provider, so
 * {@code <includeContext>false</includeContext>} is no longer needed for safety.
 */
final class DownstreamEncoders {

    private DownstreamEncoders() {
    }

    private static CompositeJsonEncoder<ILoggingEvent> jsonEncoder(Appender<ILoggingEvent> appender) {
        Encoder<ILoggingEvent> encoder = null;
        if (appender instanceof OutputStreamAppender<ILoggingEvent> o) {
            encoder = o.getEncoder();
        } else if (appender instanceof AsyncTransportAppender t) {
            encoder = t.getEncoder();
        }
        return encoder instanceof CompositeJsonEncoder<ILoggingEvent> json && json.getProviders() != null ? json : null;
    }

    /**
     * Why the JSON encoder of {@code appender} would not write the metrics fields as top-level fields, or {@code null}
     * when it does (or is not a logstash-logback-encoder composite encoder). The metrics appender hands them over as
     * key-value pairs: a {@code LoggingEventCompositeJsonEncoder} without {@code <keyValuePairs/>} among its providers
     * silently writes events without {@code metrics_id}.
     */
    static String keyValuePairsProblem(Appender<ILoggingEvent> appender) {
        CompositeJsonEncoder<ILoggingEvent> json = jsonEncoder(appender);
        if (json == null) {
            return null;
        }
        List<KeyValuePairsJsonProvider> kvp = new ArrayList<>();
        for (JsonProvider<ILoggingEvent> p : json.getProviders().getProviders()) {
            if (p instanceof KeyValuePairsJsonProvider k) {
                kvp.add(k);
            }
        }
        if (kvp.isEmpty()) {
            return "its encoder (" + json.getClass().getSimpleName() + ") has no key-value-pairs provider, so the events "
                    + "it writes lack " + new java.util.TreeSet<>(EventBuilder.OWN_KEYS) + ": add <keyValuePairs/> to its <providers>";
        }
        for (KeyValuePairsJsonProvider k : kvp) {
            List<String> lost = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(EventBuilder.OWN_KEYS)) {
                boolean included = k.getIncludeKeyNames().isEmpty() || k.getIncludeKeyNames().contains(key);
                if (!included || k.getExcludeKeyNames().contains(key)) {
                    lost.add(key);
                }
            }
            if (!lost.isEmpty()) {
                return "the <keyValuePairs> provider of its encoder leaves out " + lost
                        + " (includeKeyName/excludeKeyName): the events it writes lack them";
            }
            if (k.getFieldName() != null && !k.getFieldName().isEmpty()) {
                return "the <keyValuePairs> provider of its encoder nests the metrics fields under [" + k.getFieldName()
                        + "]: the ingest pipeline expects them at the top level; remove its <fieldName>";
            }
        }
        return null;
    }

    /** Removes context providers from the JSON encoder of {@code appender}; returns how many were removed. */
    static int removeContextProviders(Appender<ILoggingEvent> appender) {
        CompositeJsonEncoder<ILoggingEvent> json = jsonEncoder(appender);
        if (json == null) {
            return 0;
        }
        List<JsonProvider<ILoggingEvent>> context = new ArrayList<>();
        for (JsonProvider<ILoggingEvent> p : json.getProviders().getProviders()) {
            if (p instanceof ContextJsonProvider<?>) {
                context.add(p);
            }
        }
        context.forEach(json.getProviders()::removeProvider);
        return context.size();
    }
}
