package org.privacymetrics.logback.transport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consistent-enough snapshot of a transport's counters (each counter is read atomically, the set is not).
 *
 * <ul>
 *   <li>{@code sent}: events the receiver confirmed (Fluentd ack, Elasticsearch item status 2xx);</li>
 *   <li>{@code retried}: event sends repeated after a failure (one event retried three times counts three);</li>
 *   <li>{@code duplicates}: events the receiver already had (Elasticsearch 409 on the same event id);</li>
 *   <li>{@code dropped}: events given up, by {@link DropReason};</li>
 *   <li>{@code rejectionReasons}: the receiver's reasons for {@link DropReason#REJECTED} events;</li>
 *   <li>{@code buffered}: events accepted but not yet confirmed, including the batch in flight;</li>
 *   <li>{@code failedAttempts}: send attempts that failed as a whole (receiver down, timeout, missing ack);</li>
 *   <li>with a spool ({@code spoolDir}): {@code spooled}, events in the spool not yet acknowledged;
 *   {@code spoolBytes}/{@code spoolCapacity}, its size on disk (plus events on their way to it) and bound;
 *   {@code spoolCorrupt}, damaged spool files or records that were skipped. {@code buffered} then counts only the
 *   events in memory on their way to the spool.</li>
 * </ul>
 */
public final class TransportStats {
    private final long sent;
    private final long retried;
    private final long duplicates;
    private final long failedAttempts;
    private final int buffered;
    private final int bufferCapacity;
    private final Map<DropReason, Long> dropped;
    private final Map<String, Long> rejectionReasons;
    private final long spooled;
    private final long spoolBytes;
    private final long spoolCapacity;
    private final long spoolCorrupt;

    TransportStats(long sent, long retried, long duplicates, long failedAttempts, int buffered, int bufferCapacity,
                   Map<DropReason, Long> dropped, Map<String, Long> rejectionReasons) {
        this(sent, retried, duplicates, failedAttempts, buffered, bufferCapacity, dropped, rejectionReasons,
                0, 0, 0, 0);
    }

    TransportStats(long sent, long retried, long duplicates, long failedAttempts, int buffered, int bufferCapacity,
                   Map<DropReason, Long> dropped, Map<String, Long> rejectionReasons, long spooled, long spoolBytes,
                   long spoolCapacity, long spoolCorrupt) {
        this.spooled = spooled;
        this.spoolBytes = spoolBytes;
        this.spoolCapacity = spoolCapacity;
        this.spoolCorrupt = spoolCorrupt;
        this.sent = sent;
        this.retried = retried;
        this.duplicates = duplicates;
        this.failedAttempts = failedAttempts;
        this.buffered = buffered;
        this.bufferCapacity = bufferCapacity;
        EnumMap<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            d.put(r, dropped.getOrDefault(r, 0L));
        }
        this.dropped = Collections.unmodifiableMap(d);
        this.rejectionReasons = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionReasons));
    }

    /** All counters zero: the statistics of an appender that never started. */
    public static TransportStats empty(int bufferCapacity) {
        return new TransportStats(0, 0, 0, 0, 0, bufferCapacity, Map.of(), Map.of());
    }

    public long sent() {
        return sent;
    }

    public long retried() {
        return retried;
    }

    public long duplicates() {
        return duplicates;
    }

    public long failedAttempts() {
        return failedAttempts;
    }

    public int buffered() {
        return buffered;
    }

    public int bufferCapacity() {
        return bufferCapacity;
    }

    /** Dropped events by reason; every reason is present, zero when nothing was dropped for it. */
    public Map<DropReason, Long> dropped() {
        return dropped;
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason);
    }

    public long droppedTotal() {
        long n = 0;
        for (long v : dropped.values()) {
            n += v;
        }
        return n;
    }

    /** Counts of rejected events by the receiver's reason (for example an Elasticsearch error type). */
    public Map<String, Long> rejectionReasons() {
        return rejectionReasons;
    }

    /** Events in the spool not yet acknowledged by the receiver (0 without a spool). */
    public long spooled() {
        return spooled;
    }

    /** Bytes of the spool's segment files plus events on their way to them (0 without a spool). */
    public long spoolBytes() {
        return spoolBytes;
    }

    /** {@code spoolMaxSize} in bytes; 0 without a spool. */
    public long spoolCapacity() {
        return spoolCapacity;
    }

    /** Damaged spool files or records skipped (a truncated tail after a crash, a failed checksum, a bad header). */
    public long spoolCorrupt() {
        return spoolCorrupt;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("sent=").append(sent)
                .append(", retried=").append(retried)
                .append(", duplicates=").append(duplicates)
                .append(", buffered=").append(buffered).append('/').append(bufferCapacity)
                .append(", failedAttempts=").append(failedAttempts)
                .append(", dropped=").append(droppedTotal());
        if (droppedTotal() > 0) {
            b.append(" {");
            String sep = "";
            for (Map.Entry<DropReason, Long> e : dropped.entrySet()) {
                if (e.getValue() > 0) {
                    b.append(sep).append(e.getKey().key()).append('=').append(e.getValue());
                    sep = ", ";
                }
            }
            b.append('}');
        }
        if (!rejectionReasons.isEmpty()) {
            b.append(", rejectionReasons=").append(rejectionReasons);
        }
        if (spoolCapacity > 0) {
            b.append(", spooled=").append(spooled).append(", spoolBytes=").append(spoolBytes).append('/')
                    .append(spoolCapacity).append(", spoolCorrupt=").append(spoolCorrupt);
        }
        return b.toString();
    }
}
