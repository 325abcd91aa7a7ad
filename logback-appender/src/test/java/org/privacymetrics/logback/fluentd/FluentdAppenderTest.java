package org.privacymetrics.logback.fluentd;

import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.privacymetrics.logback.transport.Await;
import org.privacymetrics.logback.transport.CapturingAppender;
import org.privacymetrics.logback.transport.DropReason;
import org.privacymetrics.logback.transport.LogbackFixture;
import org.privacymetrics.logback.transport.TransportStats;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

class FluentdAppenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForwardTestServer server;
    private LogbackFixture logback;

    @AfterEach
    void tearDown() throws Exception {
        if (logback != null) {
            logback.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private FluentdAppender configure(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(extra);
        props.put("fluentd.port", Integer.toString(server.port()));
        logback = new LogbackFixture(getClass(), "FluentdAppenderTest.xml", props);
        FluentdAppender appender = logback.appender("FLUENTD");
        assertThat(appender.isStarted()).as(logback.statusText()).isTrue();
        return appender;
    }

    private Logger log() {
        return logback.logger("org.example.sync.Usage");
    }

    private Set<String> receivedMessages() {
        return server.entries().stream().map(e -> (String) e.record().get("message"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> messages(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "event-" + i).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void eventsArriveAsTheLogstashEncoderJsonWithTheEventTime() throws Exception {
        server = new ForwardTestServer(0).start();
        FluentdAppender appender = configure(Map.of());

        log().info("file_synced", kv("metrics_id", "3f2a9c0e5b7d41a8b6c2d9e0f1a2b3c4"), kv("metrics_epoch", "2026-11"),
                kv("metrics_key_id", "a1b2c3d4"), kv("service", "sync"), kv("event", "file_synced"),
                kv("event_id", "7d5e1c2a-0000-4000-8000-000000000001"), kv("device", "desktop"));
        log().warn("quota_exceeded", kv("metrics_id", "00112233445566778899aabbccddeeff"), kv("count", 3));

        Await.until("both events acknowledged", () -> appender.getStats().sent() == 2, () -> appender.getStats().toString());
        List<ForwardTestServer.Entry> entries = server.entries();
        List<CapturingAppender.Captured> expected = logback.<CapturingAppender>appender("FILE_EQUIVALENT").captured();
        assertThat(entries).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ForwardTestServer.Entry e = entries.get(i);
            assertThat(e.tag()).isEqualTo("metrics.events");
            assertThat(e.mode()).isEqualTo("PackedForward");
            // the record is exactly the JSON object LogstashEncoder writes, field by field
            Map<String, Object> json = JSON.readValue(expected.get(i).json(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            assertThat(normalize(e.record())).isEqualTo(normalize(json));
            assertThat(e.time()).isEqualTo(expected.get(i).instant());
        }
        Map<String, Object> first = entries.get(0).record();
        assertThat(first).containsEntry("metrics_id", "3f2a9c0e5b7d41a8b6c2d9e0f1a2b3c4")
                .containsEntry("metrics_epoch", "2026-11").containsEntry("metrics_key_id", "a1b2c3d4")
                .containsEntry("service", "sync").containsEntry("event", "file_synced")
                .containsEntry("event_id", "7d5e1c2a-0000-4000-8000-000000000001").containsEntry("device", "desktop")
                .containsEntry("message", "file_synced").containsEntry("level", "INFO")
                .containsKey("@timestamp");
        // the default encoder leaves Logback context properties (configuration) out
        assertThat(first).doesNotContainKey("fluentd.port");
        assertThat(entries.get(1).record()).containsEntry("count", 3L).containsEntry("level", "WARN");
        // one ack per chunk sent, and every event is counted as sent
        assertThat(server.acksSent()).isNotEmpty();
        TransportStats stats = appender.getStats();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.buffered()).isZero();
    }

    /** JSON numbers come back from msgpack as longs and from Jackson as ints; compare values, not boxes. */
    private static Object normalize(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalize(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(FluentdAppenderTest::normalize).collect(Collectors.toList());
        }
        return v;
    }

    @Test
    void withoutAnAckEventsAreRetriedAndNotCountedAsSent() throws Exception {
        server = new ForwardTestServer(0).start();
        server.setAck(false);
        FluentdAppender appender = configure(Map.of("ackTimeout", "200 milliseconds"));

        for (int i = 0; i < 3; i++) {
            log().info("event-" + i);
        }
        Await.until("three unacknowledged attempts", () -> appender.getStats().failedAttempts() >= 3,
                () -> appender.getStats().toString());
        TransportStats waiting = appender.getStats();
        assertThat(server.entries()).as("the server did receive the data").isNotEmpty();
        assertThat(waiting.sent()).isZero();
        assertThat(waiting.retried()).isGreaterThanOrEqualTo(3);
        assertThat(waiting.buffered()).isEqualTo(3);
        assertThat(logback.statusText()).contains("retrying with backoff");

        server.setAck(true);
        Await.until("acknowledged after all", () -> appender.getStats().sent() == 3, () -> appender.getStats().toString());
        // at least once: the unacknowledged copies were delivered again, nothing is missing
        assertThat(receivedMessages()).isEqualTo(messages(0, 3));
        assertThat(appender.getStats().droppedTotal()).isZero();
        // the sender thread writes this status just after counting the batch as sent: wait for it, do not race it
        Await.until("recovery reported", () -> logback.statusText().contains("receiver reachable again"), logback::statusText);
        assertThat(logback.statusText()).contains("receiver reachable again");
    }

    @Test
    void aReceiverDownForAWhileLosesNothingThatFitInTheBuffer() throws Exception {
        server = new ForwardTestServer(0); // not listening yet: Fluentd is down
        FluentdAppender appender = configure(Map.of("bufferSize", "500", "batchSize", "20"));

        for (int i = 0; i < 200; i++) {
            log().info("event-" + i);
        }
        Await.until("several failed attempts", () -> appender.getStats().failedAttempts() >= 3,
                () -> appender.getStats().toString());
        assertThat(appender.getStats().sent()).isZero();
        assertThat(appender.getStats().buffered()).isEqualTo(200);

        server.start();
        for (int i = 200; i < 250; i++) {
            log().info("event-" + i);
        }
        Await.until("all 250 acknowledged", () -> appender.getStats().sent() == 250, () -> appender.getStats().toString());
        assertThat(receivedMessages()).isEqualTo(messages(0, 250));
        TransportStats stats = appender.getStats();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.buffered()).isZero();
        assertThat(stats.retried()).isPositive();
    }

    @Test
    void aFullBufferDropsAndCountsUnderTheDropPolicy() throws Exception {
        server = new ForwardTestServer(0); // down
        FluentdAppender appender = configure(Map.of("bufferSize", "5", "batchSize", "2"));

        for (int i = 0; i < 8; i++) {
            log().info("event-" + i);
        }
        TransportStats full = appender.getStats();
        assertThat(full.dropped(DropReason.BUFFER_FULL)).isEqualTo(3);
        assertThat(full.buffered()).isEqualTo(5);

        server.start();
        Await.until("the buffered five acknowledged", () -> appender.getStats().sent() == 5,
                () -> appender.getStats().toString());
        assertThat(receivedMessages()).isEqualTo(messages(0, 5));
        Await.until("the drops reported in a status message", () -> logback.statusText().contains("buffer_full=3"),
                logback::statusText);
    }

    @Test
    void stopFlushesTheBufferBeforeReturning() throws Exception {
        server = new ForwardTestServer(0).start();
        // a long flush interval keeps the events in the buffer until stop() flushes them
        FluentdAppender appender = configure(Map.of("flushInterval", "30 seconds", "batchSize", "1000"));
        for (int i = 0; i < 100; i++) {
            log().info("event-" + i);
        }
        appender.stop();
        assertThat(appender.isStarted()).isFalse();
        assertThat(appender.getStats().sent()).isEqualTo(100);
        assertThat(receivedMessages()).isEqualTo(messages(0, 100));
        appender.stop(); // safe twice
    }

    @Test
    void whatCannotBeFlushedInTimeIsCountedAsDroppedAndReported() throws Exception {
        server = new ForwardTestServer(0); // down for good
        FluentdAppender appender = configure(Map.of("stopTimeout", "300 milliseconds"));
        for (int i = 0; i < 10; i++) {
            log().info("event-" + i);
        }
        appender.stop();
        TransportStats stats = appender.getStats();
        assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(10);
        assertThat(stats.buffered()).isZero();
        assertThat(logback.statusText()).contains("ERROR FLUENTD: 10 buffered event(s) could not be delivered");
    }

    @Test
    void withAcksOffABatchCountsAsSentOnceWritten() throws Exception {
        server = new ForwardTestServer(0).start();
        FluentdAppender appender = configure(Map.of("ackResponse", "false"));
        for (int i = 0; i < 5; i++) {
            log().info("event-" + i);
        }
        Await.until("sent", () -> appender.getStats().sent() == 5, () -> appender.getStats().toString());
        Await.until("received", () -> server.entries().size() == 5);
        assertThat(receivedMessages()).isEqualTo(messages(0, 5));
        assertThat(server.acksSent()).as("no chunk requested, so no ack").isEmpty();
    }
}
