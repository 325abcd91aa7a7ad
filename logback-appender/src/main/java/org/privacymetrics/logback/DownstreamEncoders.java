package org.privacymetrics.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.composite.ContextJsonProvider;
import net.logstash.logback.composite.JsonProvider;
import net.logstash.logback.encoder.CompositeJsonEncoder;
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

    /** Removes context providers from the JSON encoder of {@code appender}; returns how many were removed. */
    static int removeContextProviders(Appender<ILoggingEvent> appender) {
        Encoder<ILoggingEvent> encoder = null;
        if (appender instanceof OutputStreamAppender<ILoggingEvent> o) {
            encoder = o.getEncoder();
        } else if (appender instanceof AsyncTransportAppender t) {
            encoder = t.getEncoder();
        }
        if (!(encoder instanceof CompositeJsonEncoder<ILoggingEvent> json) || json.getProviders() == null) {
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
