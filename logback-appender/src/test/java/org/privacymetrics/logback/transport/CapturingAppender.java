package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test appender that keeps what its encoder writes for each event, so a test can compare what a transport sent with
 * what the same encoder writes to a file.
 */
public class CapturingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** One captured event: its instant and the encoder's output without the trailing line break. */
    public record Captured(Instant instant, String json) {
    }

    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String s = new String(encoder.encode(event), StandardCharsets.UTF_8);
        captured.add(new Captured(event.getInstant(), s.stripTrailing()));
    }

    public List<Captured> captured() {
        return List.copyOf(captured);
    }
}
