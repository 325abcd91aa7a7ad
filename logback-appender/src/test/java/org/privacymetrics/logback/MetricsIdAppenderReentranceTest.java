package org.privacymetrics.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.privacymetrics.logback.event.ValueDrop;
import org.slf4j.event.KeyValuePair;

/**
 * The appender's own re-entrance guard ({@code MetricsIdAppender.doAppend}, kept in the thread's state instead of
 * Logback's per-appender ThreadLocal): a downstream appender logging back through it, user code (a value masker)
 * logging through another metrics appender in the middle of an event, filters, a stopped appender.
 */
class MetricsIdAppenderReentranceTest {

    static final String SECRET = MetricsIdAppenderTest.SECRET;
    static final Instant AT = MetricsIdAppenderTest.AT;
    static final String UID_A = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String UID_B = "ffeeddccbbaa99887766554433221100";

    final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private MetricsIdAppender metrics(String name, ch.qos.logback.core.Appender<ILoggingEvent> downstream, String... allowed) {
        MetricsIdAppender m = new MetricsIdAppender();
        m.setContext(context);
        m.setName(name);
        m.setService("sync");
        m.setSecret(SECRET);
        m.setAddDefaultStatusListener(false);
        for (String k : allowed) {
            m.addAllowedKey(k);
        }
        m.addAppender(downstream);
        return m;
    }

    private static ListAppender<ILoggingEvent> list() {
        ListAppender<ILoggingEvent> l = new ListAppender<>();
        l.start();
        return l;
    }

    private void log(Logger logger, Object... kv) {
        LoggingEvent ev = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "login", null, null);
        ev.setInstant(AT);
        List<KeyValuePair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            pairs.add(new KeyValuePair((String) kv[i], kv[i + 1]));
        }
        ev.setKeyValuePairs(pairs);
        logger.callAppenders(ev);
    }

    private static Map<String, Object> pairs(ILoggingEvent e) {
        return e.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
    }

    @Test
    void aDownstreamAppenderLoggingBackThroughTheAppenderIsIgnoredNotLooped() {
        Logger logger = context.getLogger("usage");
        logger.setAdditive(false);
        ListAppender<ILoggingEvent> out = list();
        int[] calls = {0};
        AppenderBase<ILoggingEvent> echoing = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                calls[0]++;
                out.doAppend(e);
                log(logger, "uid", UID_B, "event", "echo"); // back into the metrics appender, same thread
            }
        };
        echoing.setContext(context);
        echoing.start();
        MetricsIdAppender m = metrics("METRICS", echoing);
        m.start();
        logger.addAppender(m);

        log(logger, "uid", UID_A, "event", "login");
        log(logger, "uid", UID_A, "event", "login");

        assertThat(calls[0]).isEqualTo(2);
        assertThat(out.list).extracting(ILoggingEvent::getMessage).containsExactly("login", "login");
        assertThat(m.getStats().forwarded()).isEqualTo(2);
    }

    @Test
    void userCodeLoggingThroughAnotherMetricsAppenderMidEventDoesNotResetTheOuterEventsUidChecks() {
        Logger inner = context.getLogger("inner");
        inner.setAdditive(false);
        ListAppender<ILoggingEvent> innerOut = list();
        MetricsIdAppender b = metrics("B", innerOut);
        b.start();
        inner.addAppender(b);

        Logger outer = context.getLogger("usage");
        outer.setAdditive(false);
        ListAppender<ILoggingEvent> outerOut = list();
        MetricsIdAppender a = metrics("A", outerOut, "note", "ref");
        // A masker of A that logs another user's event through B while A is checking its values.
        a.addValueMasker((ctx, value) -> {
            log(inner, "uid", UID_B, "event", "nested");
            return null;
        });
        a.start();
        outer.addAppender(a);

        // "note" is masked (runs the masker, which logs through B); "ref" then carries A's uid base64-encoded: A must
        // still compare it with its own uid, not with the nested event's.
        String uidABase64 = java.util.Base64.getEncoder().encodeToString(UID_A.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        log(outer, "uid", UID_A, "event", "login", "note", "hello there", "ref", uidABase64);

        assertThat(innerOut.list).isNotEmpty();
        assertThat(innerOut.list).extracting(ILoggingEvent::getMessage).containsOnly("nested");
        assertThat(outerOut.list).hasSize(1);
        Map<String, Object> kv = pairs(outerOut.list.get(0));
        assertThat(kv).containsEntry("note", "hello there").doesNotContainKey("ref");
        assertThat(a.getStats().dropped(ValueDrop.UID_VALUE)).isEqualTo(1);
        for (ILoggingEvent e : innerOut.list) {
            assertThat(e.getKeyValuePairs().toString()).doesNotContain(UID_A).doesNotContain(UID_B);
        }
        assertThat(outerOut.list.get(0).getKeyValuePairs().toString()).doesNotContain(UID_A).doesNotContain(UID_B);
    }

    @Test
    void filtersStillDecideAndAStoppedAppenderForwardsNothing() {
        Logger logger = context.getLogger("usage");
        logger.setAdditive(false);
        ListAppender<ILoggingEvent> out = list();
        MetricsIdAppender m = metrics("METRICS", out);
        m.addFilter(new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent e) {
                return e.getKeyValuePairs().stream().anyMatch(p -> "deny".equals(p.value)) ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        });
        m.start();
        logger.addAppender(m);

        log(logger, "uid", UID_A, "event", "deny");
        log(logger, "uid", UID_A, "event", "login");
        assertThat(out.list).extracting(ILoggingEvent::getMessage).containsExactly("login");

        m.stop();
        log(logger, "uid", UID_A, "event", "login");
        assertThat(out.list).hasSize(1);
        assertThat(context.getStatusManager().getCopyOfStatusList().toString()).contains("non started appender [METRICS]");
    }
}
