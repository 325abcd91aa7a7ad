package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Logback life-cycle conventions of the transport appenders, with an in-memory receiver. */
class AsyncTransportAppenderTest {

    /** A transport whose receiver keeps the payloads and, like a chatty network library, logs while sending. */
    static final class InMemoryAppender extends AsyncTransportAppender {
        final List<String> received = new CopyOnWriteArrayList<>();
        Logger chattyLogger;
        boolean failSetup;

        InMemoryAppender() {
            super(10);
        }

        @Override
        protected BatchSender createSender() {
            if (failSetup) {
                throw new IllegalStateException("cannot reach the receiver");
            }
            return batch -> {
                if (chattyLogger != null) {
                    chattyLogger.info("sending a batch of " + batch.size());
                }
                batch.forEach(e -> received.add(new String(e.payload(), StandardCharsets.UTF_8)));
                return BatchOutcome.allDelivered(batch.size());
            };
        }

        @Override
        protected List<String> validateTransportSettings() {
            return List.of();
        }

        @Override
        protected String describeTarget() {
            return "memory";
        }
    }

    private final LoggerContext context = new LoggerContext();

    AsyncTransportAppenderTest() {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    private InMemoryAppender appender(String name) {
        InMemoryAppender a = new InMemoryAppender();
        a.setContext(context);
        a.setName(name);
        a.setJmx(false);
        a.setFlushInterval(ch.qos.logback.core.util.Duration.buildByMilliseconds(10));
        return a;
    }

    private String statusText() {
        return context.getStatusManager().getCopyOfStatusList().stream().map(s -> s.getLevel() + " " + s.getMessage())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theDefaultEncoderIsLogstashEncoderWithoutContextPropertiesAndLineBreaksAreTrimmed() {
        context.putProperty("db.password", "context-secret-123");
        InMemoryAppender a = appender("MEM");
        a.start();
        assertThat(a.getEncoder()).isInstanceOf(LogstashEncoder.class);
        Logger logger = context.getLogger("x");
        logger.addAppender(a);
        logger.info("hello");
        Await.until("received", () -> a.received.size() == 1);
        assertThat(a.received.get(0)).startsWith("{").endsWith("}").contains("\"message\":\"hello\"")
                .doesNotContain("context-secret-123");
        a.stop();
        a.stop();
        assertThat(a.getStats().sent()).isEqualTo(1);
    }

    @Test
    void eventsLoggedByTheTransportItselfAreCountedNotForwarded() {
        InMemoryAppender a = appender("MEM");
        Logger logger = context.getLogger("x");
        a.chattyLogger = logger; // the library logs into the very logger the transport is attached to
        a.start();
        logger.addAppender(a);
        logger.info("user event");
        Await.until("the library's own message counted", () -> a.getStats().dropped(DropReason.SELF_LOGGING) >= 1,
                () -> a.getStats().toString());
        // the transport's network libraries logging on any thread are not forwarded either
        Logger library = context.getLogger("org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager");
        library.addAppender(a);
        long before = a.getStats().dropped(DropReason.SELF_LOGGING);
        library.info("connection leased");
        assertThat(a.getStats().dropped(DropReason.SELF_LOGGING)).isEqualTo(before + 1);
        assertThat(a.received).containsExactly(a.received.get(0));
        assertThat(a.received.get(0)).contains("user event");
        assertThat(a.getStats().sent()).isEqualTo(1);
    }

    @Test
    void aFailingEncoderIsCountedAndReported() {
        InMemoryAppender a = appender("MEM");
        a.setStatusInterval(ch.qos.logback.core.util.Duration.buildByMilliseconds(50));
        EncoderBase<ILoggingEvent> broken = new EncoderBase<>() {
            @Override
            public byte[] headerBytes() {
                return null;
            }

            @Override
            public byte[] encode(ILoggingEvent event) {
                throw new IllegalStateException("broken encoder");
            }

            @Override
            public byte[] footerBytes() {
                return null;
            }
        };
        broken.setContext(context);
        a.setEncoder(broken);
        a.start();
        Logger logger = context.getLogger("x");
        logger.addAppender(a);
        logger.info("lost");
        assertThat(a.getStats().dropped(DropReason.ENCODING_ERROR)).isEqualTo(1);
        Await.until("reported", () -> statusText().contains("last encoder failure: IllegalStateException: broken encoder"),
                this::statusText);
    }

    @Test
    void aStartFailureIsReportedAndLeavesTheAppenderStopped() {
        InMemoryAppender a = appender("MEM");
        a.failSetup = true;
        a.start();
        assertThat(a.isStarted()).isFalse();
        assertThat(statusText()).contains("Appender [MEM]: could not set up the connection: IllegalStateException: "
                + "cannot reach the receiver; the appender stays stopped");
        a.stop();
        assertThat(a.getStats().sent()).isZero();
    }

    @Test
    void invalidCommonSettingsAreNamed() {
        InMemoryAppender a = appender("MEM");
        a.setBatchSize(0);
        a.setInitialBackoff(ch.qos.logback.core.util.Duration.buildBySeconds(5));
        a.setMaxBackoff(ch.qos.logback.core.util.Duration.buildBySeconds(1));
        a.start();
        assertThat(a.isStarted()).isFalse();
        assertThat(statusText()).contains("field [batchSize] must be at least 1, got [0]")
                .contains("maxBackoff [1000 ms] must not be less than initialBackoff [5000 ms]");
    }

    @Test
    void anAppenderNameWithJmxSpecialCharactersIsQuoted() throws Exception {
        InMemoryAppender a = appender("metrics,eu:west=1");
        a.setJmx(true);
        a.start();
        javax.management.ObjectName name = a.getObjectName();
        assertThat(name.getDomain()).isEqualTo("org.privacymetrics.logback");
        assertThat(name.getKeyProperty("type")).isEqualTo("Transport");
        assertThat(javax.management.ObjectName.unquote(name.getKeyProperty("name"))).isEqualTo("metrics,eu:west=1");
        assertThat(java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isTrue();
        a.stop();
        assertThat(java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
    }
}
