package org.privacymetrics.logback;

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
 * The copy of an event that {@link MetricsIdAppender} hands downstream: an already-formatted message without
 * arguments, no MDC, no markers, the metrics fields and allowed extras as key-value pairs, and a scrubbed throwable.
 * Nothing in it refers back to the original event, so no downstream component can reach the raw uid through it.
 */
final class PseudonymizedEvent implements ILoggingEvent {

    private static final StackTraceElement[] NO_CALLER_DATA = new StackTraceElement[0];

    private final String threadName;
    private final Level level;
    private final String message;
    private final String loggerName;
    private final LoggerContextVO loggerContextVO;
    private final IThrowableProxy throwableProxy;
    private final Instant instant;
    private final long sequenceNumber;
    private final List<KeyValuePair> keyValuePairs;

    PseudonymizedEvent(ILoggingEvent source, String message, IThrowableProxy throwableProxy, List<KeyValuePair> keyValuePairs) {
        this.threadName = source.getThreadName();
        this.level = source.getLevel();
        this.message = message;
        this.loggerName = source.getLoggerName();
        this.loggerContextVO = source.getLoggerContextVO();
        this.throwableProxy = throwableProxy;
        this.instant = source.getInstant();
        this.sequenceNumber = source.getSequenceNumber();
        this.keyValuePairs = List.copyOf(keyValuePairs);
    }

    @Override
    public String getThreadName() {
        return threadName;
    }

    @Override
    public Level getLevel() {
        return level;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public Object[] getArgumentArray() {
        return null;
    }

    @Override
    public String getFormattedMessage() {
        return message;
    }

    @Override
    public String getLoggerName() {
        return loggerName;
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return loggerContextVO;
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return throwableProxy;
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
        // Immutable and fully formatted already.
    }

    @Override
    public String toString() {
        return "[" + level + "] " + message;
    }
}
