package org.privacymetrics.logback.transport;

import java.util.Locale;

/** Why a transport gave up on an event. Every dropped event is counted under exactly one reason. */
public enum DropReason {
    /** The buffer was full and the policy is {@link FullBufferPolicy#DROP}. */
    BUFFER_FULL,
    /** The buffer stayed full for the whole block timeout under {@link FullBufferPolicy#BLOCK}. */
    BLOCK_TIMEOUT,
    /** The receiver refused the event permanently (for example an Elasticsearch mapping error); not retried. */
    REJECTED,
    /** The encoder failed on the event. */
    ENCODING_ERROR,
    /** The event was still buffered when {@code stop()} ran out of time, or arrived while the appender stopped. */
    SHUTDOWN,
    /**
     * The event was logged by the transport itself: on its sender thread, or by a logger of the network libraries it
     * uses ({@code org.komamitsu.fluency}, {@code co.elastic.clients}, {@code org.apache.hc}). Forwarding it would feed
     * the transport its own failures.
     */
    SELF_LOGGING,
    /** Writing the event to the spool failed (disk full, directory removed, ...). */
    SPOOL_ERROR;

    /** The lower-case name used in status messages, statistics maps and JMX. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
