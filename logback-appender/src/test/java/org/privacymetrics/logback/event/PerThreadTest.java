package org.privacymetrics.logback.event;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.privacymetrics.logback.MetricsIdAppender;
import org.slf4j.event.KeyValuePair;

/**
 * A thread's state keeps the echo of its last uid (the raw uid) between events: a stopped appender must not leave it
 * behind in a pool thread that never logs again, nor in one that was building an event while it stopped.
 */
class PerThreadTest {

    static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String UID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    final LoggerContext context = new LoggerContext();
    final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        context.stop();
    }

    private MetricsIdAppender started(ListAppender<ILoggingEvent> downstream) {
        MetricsIdAppender m = new MetricsIdAppender();
        m.setContext(context);
        m.setName("metrics");
        m.setService("sync");
        m.setSecret(SECRET);
        m.setAddDefaultStatusListener(false);
        m.addAppender(downstream);
        m.start();
        return m;
    }

    @Test
    void aStoppedAppenderLeavesNoUidEchoInAPoolThread() throws Exception {
        ListAppender<ILoggingEvent> out = new ListAppender<>();
        out.start();
        MetricsIdAppender m = started(out);
        Logger logger = context.getLogger("usage");
        logger.setAdditive(false);
        logger.addAppender(m);
        PerThread poolThread = pool.submit(() -> {
            LoggingEvent ev = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "login", null, null);
            ev.setInstant(Instant.parse("2026-10-15T08:30:00Z"));
            ev.setKeyValuePairs(List.of(new KeyValuePair("uid", UID)));
            logger.callAppenders(ev);
            return PerThread.current();
        }).get();
        assertThat(out.list).hasSize(1);
        assertThat(poolThread.echo.uid()).isEqualTo(UID); // what the state keeps for the thread's next event

        m.stop();

        assertThat(poolThread.echo).isNull();
    }

    @Test
    void anEventInFlightWhileAnAppenderStopsForgetsItsEchoAtItsEnd() throws Exception {
        PerThread state = pool.submit(() -> {
            PerThread t = PerThread.current().claim();
            PerThread.forgetAll(); // another thread stops an appender
            t.echoOf(UID); // the event goes on with its uid
            t.release();
            return t;
        }).get();
        assertThat(state.echo).isNull();
        // between stops the echo is kept for the thread's next event
        UidEcho kept = pool.submit(() -> {
            PerThread t = PerThread.current().claim();
            t.echoOf(UID);
            t.release();
            return t.echo;
        }).get();
        assertThat(kept.uid()).isEqualTo(UID);
    }
}
