package org.privacymetrics.logback.transport;

import java.util.Locale;

/** What a transport does with a new event when its buffer is full. */
public enum FullBufferPolicy {
    /** Drop the new event at once and count it as {@link DropReason#BUFFER_FULL}. */
    DROP,
    /**
     * Make the logging thread wait up to the configured block timeout for room; if none frees up, drop the event and
     * count it as {@link DropReason#BLOCK_TIMEOUT}.
     */
    BLOCK;

    /**
     * Parses a policy name, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code value} is not one of them
     */
    public static FullBufferPolicy parse(String value) {
        if (value != null) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            for (FullBufferPolicy p : values()) {
                if (p.name().equals(v)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("fullBufferPolicy [" + value + "] is not one of [DROP, BLOCK]");
    }
}
