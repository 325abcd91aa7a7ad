package org.privacymetrics.logback.event;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The event {@code MetricsIdAppender} hands downstream, built field by field: level, timestamp, the metrics fields and
 * allowed extras as key-value pairs, and fixed values for everything else — logger name {@value #LOGGER_NAME}, thread
 * name = the service, message = the event name, a logger context without properties — and nothing else: no
 * arguments, MDC, markers, throwable or caller data. It holds no reference to the source event.
 */
public final class MetricsEvent implements ILoggingEvent, EventBuilder.Outcome {

    /** The logger name of every built event. */
    public static final String LOGGER_NAME = "metrics";
    private static final StackTraceElement[] NO_CALLER_DATA = new StackTraceElement[0];

    private final LoggerContextVO context;
    private final String service;
    private final Level level;
    private final String eventName;
    private final Instant instant;
    private final long sequenceNumber;
    private final List<KeyValuePair> keyValuePairs;

    MetricsEvent(LoggerContextVO context, String service, Level level, String eventName, Instant instant, long sequenceNumber,
            KeyValues keyValuePairs) {
        this.context = context;
        this.service = service;
        this.level = level;
        this.eventName = eventName;
        this.instant = instant;
        this.sequenceNumber = sequenceNumber;
        this.keyValuePairs = keyValuePairs.seal();
    }

    /** A logger context view with the given name and no properties, shared by the events of one appender. */
    public static LoggerContextVO contextView(String name) {
        return new LoggerContextVO(name, Map.of(), 0L);
    }

    @Override
    public String getThreadName() {
        return service;
    }

    @Override
    public Level getLevel() {
        return level;
    }

    @Override
    public String getMessage() {
        return eventName;
    }

    @Override
    public Object[] getArgumentArray() {
        return null;
    }

    @Override
    public String getFormattedMessage() {
        return eventName;
    }

    @Override
    public String getLoggerName() {
        return LOGGER_NAME;
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return context;
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return null;
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return NO_CALLER_DATA;
    }

    @Override
    public boolean hasCallerData() {
        return false;
    }

    @Override
    public List<Marker> getMarkerList() {
        return null;
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return Map.of();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return Map.of();
    }

    @Override
    public long getTimeStamp() {
        return instant.toEpochMilli();
    }

    @Override
    public int getNanoseconds() {
        return instant.getNano();
    }

    @Override
    public Instant getInstant() {
        return instant;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return keyValuePairs;
    }

    @Override
    public void prepareForDeferredProcessing() {
        // Immutable and complete already.
    }

    /** This event: a built event is its own {@link EventBuilder.Outcome}. */
    @Override
    public MetricsEvent event() {
        return this;
    }

    /** Null: a built event was not dropped. */
    @Override
    public EventDrop drop() {
        return null;
    }

    @Override
    public String toString() {
        return "[" + level + "] " + eventName;
    }
}
