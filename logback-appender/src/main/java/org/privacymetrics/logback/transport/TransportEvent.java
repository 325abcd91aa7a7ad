package org.privacymetrics.logback.transport;

import java.time.Instant;
import java.util.Objects;

/**
 * One encoded event waiting in a transport's buffer: the bytes the encoder wrote (trailing line breaks removed) and
 * the event's own timestamp.
 */
public final class TransportEvent {
    private final Instant timestamp;
    private final byte[] payload;

    public TransportEvent(Instant timestamp, byte[] payload) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.payload = Objects.requireNonNull(payload, "payload");
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
