package org.privacymetrics.logback.transport;

import java.time.Instant;
import java.util.Objects;

/**
 * One encoded event waiting in a transport's buffer: the bytes the encoder wrote (trailing line breaks removed) and
 * the event's own timestamp, and its {@code event_id} when a spool needs it.
 */
public final class TransportEvent {
    private final Instant timestamp;
    private final byte[] payload;
    private final String eventId;

    public TransportEvent(Instant timestamp, byte[] payload) {
        this(timestamp, payload, null);
    }

    /** @param eventId the event's {@code event_id}, or null when unknown (kept in the spool next to the payload) */
    public TransportEvent(Instant timestamp, byte[] payload, String eventId) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.eventId = eventId;
    }

    /** The event's {@code event_id}, or null when not known. */
    public String eventId() {
        return eventId;
    }

    /** The logging event's timestamp. */
    public Instant timestamp() {
        return timestamp;
    }

    /** The encoded event; callers must not modify the array. */
    public byte[] payload() {
        return payload;
    }
}
