package org.privacymetrics.logback.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What happened to the events of one batch. Built by a {@link BatchSender}, read by the transport. */
public final class BatchOutcome {
    private int delivered;
    private int duplicates;
    private final Map<String, Integer> rejected = new LinkedHashMap<>();
    private final List<TransportEvent> retry = new ArrayList<>();

    /** An outcome where every one of {@code count} events was accepted by the receiver. */
    public static BatchOutcome allDelivered(int count) {
        BatchOutcome o = new BatchOutcome();
        o.delivered = count;
        return o;
    }

    /** Records one event accepted by the receiver. */
    public BatchOutcome delivered() {
        delivered++;
        return this;
    }

    /** Records one event the receiver already had (same event id); it is not retried and not counted as dropped. */
    public BatchOutcome duplicate() {
        duplicates++;
        return this;
    }

    /**
     * Records one event the receiver refused permanently. {@code reason} is a short operator-facing reason such as an
     * error type; it must never contain the event itself.
     */
    public BatchOutcome rejected(String reason) {
        rejected.merge(reason, 1, Integer::sum);
        return this;
    }

    /** Records one event that failed transiently and must be sent again. */
    public BatchOutcome retry(TransportEvent event) {
        retry.add(event);
        return this;
    }

    /** Adds another outcome's counts and retries to this one (for a batch sent in parts). */
    public BatchOutcome absorb(BatchOutcome other) {
        delivered += other.delivered;
        duplicates += other.duplicates;
        other.rejected.forEach((k, v) -> rejected.merge(k, v, Integer::sum));
        retry.addAll(other.retry);
        return this;
    }

    public int deliveredCount() {
        return delivered;
    }

    public int duplicateCount() {
        return duplicates;
    }

    /** Rejected event counts by reason. */
    public Map<String, Integer> rejectedByReason() {
        return Collections.unmodifiableMap(rejected);
    }

    public int rejectedCount() {
        int n = 0;
        for (int c : rejected.values()) {
            n += c;
        }
        return n;
    }

    /** Events to send again. */
    public List<TransportEvent> retry() {
        return Collections.unmodifiableList(retry);
    }
}
