package org.privacymetrics.logback.transport;

import java.util.Map;

/**
 * JMX view of a transport's counters, registered as
 * {@code org.privacymetrics.logback:type=Transport,name=<appender name>} while the appender is started.
 * See {@link TransportStats} for the meaning of each counter.
 */
public interface TransportStatsMXBean {
    long getSent();

    long getRetried();

    long getDuplicates();

    long getFailedAttempts();

    int getBuffered();

    int getBufferCapacity();

    long getDroppedTotal();

    /** Dropped events by reason key ({@code buffer_full}, {@code block_timeout}, {@code rejected}, ...). */
    Map<String, Long> getDropped();

    /** Rejected events by the receiver's reason. */
    Map<String, Long> getRejectionReasons();

    /** Events in the spool not yet acknowledged (0 without {@code spoolDir}). */
    long getSpooled();

    /** Bytes used by the spool (0 without {@code spoolDir}). */
    long getSpoolBytes();

    /** Damaged spool files or records skipped. */
    long getSpoolCorrupt();
}
