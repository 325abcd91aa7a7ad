package org.privacymetrics.logback.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.privacymetrics.logback.DeviceClass;
import org.privacymetrics.logback.MetricsIdAppender;
import org.privacymetrics.logback.id.MetricsIds;
import org.privacymetrics.logback.id.MetricsSecret;
import org.privacymetrics.logback.id.Rotation;
import org.slf4j.event.KeyValuePair;

/**
 * Cost of pseudonymizing one realistic usage event, three ways into the same {@code LogstashEncoder}: the raw event
 * encoded directly ({@link #plainLogstashEncoder}); a hand-written baseline that does the appender's output work with
 * plain logstash-logback-encoder ({@link #handWrittenBaseline}: metrics id computed in the caller, the same output fields
 * added as key-value pairs, encoded); and the event passed through {@link MetricsIdAppender}
 * ({@link #throughMetricsIdAppender}). Each call takes the next of {@link #USERS} (1,024) events of distinct users, and the
 * appender runs without its uid cache, so both the baseline and the appender compute one HMAC per event.
 * Run with {@code ./logback-appender/bench.sh} or {@code scripts/bench.sh} (results in docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AppenderBenchmark {

    static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";
    /**
     * Distinct users the events cycle through (a power of two): 1,024, or the system property {@code edge.users} for a
     * diagnostic run (a few users keep every source event in the CPU cache; the target's figures use 1,024).
     */
    static final int USERS = users();

    private static int users() {
        int u = Integer.getInteger("edge.users", 1024);
        if (u < 1 || Integer.bitCount(u) != 1) {
            throw new IllegalArgumentException("edge.users must be a power of two, got [" + u + "]");
        }
        return u;
    }

    private LoggerContext context;
    private Logger logger;
    private LogstashEncoder encoder;
    private MetricsIdAppender metrics;
    private EncodingAppender downstream;
    private LoggingEvent[] events;
    private String[] uids;
    private MetricsIds ids;
    private String label;
    private ILoggingEvent[] built;
    private int n;

    /**
     * The downstream appender: encodes with the shared encoder and hands the bytes to the blackhole. Unsynchronized, as
     * Logback's own output appenders are (they lock only around the write).
     */
    static final class EncodingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        LogstashEncoder encoder;
        Blackhole bh;

        @Override
        protected void append(ILoggingEvent e) {
            bh.consume(encoder.encode(e));
        }
    }

    /** A uid shaped like a real one (32 hex digits), distinct for each {@code i}. */
    static String uid(int i) {
        return String.format(java.util.Locale.ROOT, "a1b2c3d4e5f60718%016x", 0x293a4b5c6d7e8f90L + i);
    }

    @Setup
    public void setUp() {
        context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        downstream = new EncodingAppender();
        downstream.encoder = encoder;
        downstream.setContext(context);
        downstream.setName("JSON");
        downstream.start();
        metrics = new MetricsIdAppender();
        metrics.setContext(context);
        metrics.setName("METRICS");
        metrics.setService("sync");
        metrics.setSecret(SECRET);
        metrics.addAllowedKey("plan");
        metrics.setCacheSize(0);
        metrics.addAppender(downstream);
        metrics.start();
        if (!metrics.isStarted()) {
            throw new IllegalStateException("appender did not start: " + context.getStatusManager().getCopyOfStatusList());
        }
        logger = context.getLogger("usage");
        events = new LoggingEvent[USERS];
        uids = new String[USERS];
        for (int i = 0; i < USERS; i++) {
            uids[i] = uid(i);
            LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "login", null, null);
            event.setInstant(Instant.parse("2026-10-15T08:30:00Z"));
            event.setKeyValuePairs(List.of(new KeyValuePair("uid", uids[i]), new KeyValuePair("event", "login"),
                    new KeyValuePair("user_agent", UA), new KeyValuePair("plan", "premium")));
            event.prepareForDeferredProcessing();
            events[i] = event;
        }
        ids = MetricsIds.of(MetricsSecret.fromBase64(SECRET), Rotation.MONTH);
        label = ids.epoch(events[0].getInstant());
        built = buildOutputEvents();
    }

    /**
     * The events the appender sends downstream for {@link #events}, built once by a second appender configured as the
     * measured one (so the measured one's state is left alone): what {@link #encodeBuiltEvent} encodes.
     */
    private ILoggingEvent[] buildOutputEvents() {
        ch.qos.logback.core.read.ListAppender<ILoggingEvent> list = new ch.qos.logback.core.read.ListAppender<>();
        list.setContext(context);
        list.start();
        MetricsIdAppender m = new MetricsIdAppender();
        m.setContext(context);
        m.setName("METRICS-BUILT");
        m.setService("sync");
        m.setSecret(SECRET);
        m.addAllowedKey("plan");
        m.setCacheSize(0);
        m.addAppender(list);
        m.start();
        for (LoggingEvent e : events) {
            m.doAppend(e);
        }
        m.stop();
        if (list.list.size() != USERS) {
            throw new IllegalStateException("built " + list.list.size() + " events of " + USERS);
        }
        return list.list.toArray(new ILoggingEvent[0]);
    }

    @TearDown
    public void tearDown() {
        long dropped = metrics.getStats().dropped();
        metrics.stop();
        context.stop();
        if (dropped > 0) {
            throw new IllegalStateException("the appender dropped " + dropped + " events: the benchmark measured the wrong path");
        }
    }

    @Benchmark
    public byte[] plainLogstashEncoder() {
        return encoder.encode(events[n++ & (USERS - 1)]);
    }

    /**
     * What a service would write by hand with plain logstash-logback-encoder to emit the same document: the metrics id
     * (HMAC) and epoch computed in the caller, the device class and a random event id, all output fields as key-value
     * pairs of a new logging event, encoded.
     */
    @Benchmark
    public byte[] handWrittenBaseline() {
        int i = n++ & (USERS - 1);
        Instant at = events[i].getInstant();
        String epoch = ids.epoch(at);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String eventId = new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
        LoggingEvent e = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "login", null, null);
        e.setInstant(at);
        e.setKeyValuePairs(List.of(new KeyValuePair("metrics_id", ids.metricsIdInEpoch(uids[i], epoch)),
                new KeyValuePair("metrics_epoch", epoch), new KeyValuePair("metrics_key_id", ids.keyId()),
                new KeyValuePair("service", "sync"), new KeyValuePair("event", "login"), new KeyValuePair("event_id", eventId),
                new KeyValuePair("device", DeviceClass.of(UA).value()), new KeyValuePair("plan", "premium")));
        return encoder.encode(e);
    }

    @Benchmark
    public void throughMetricsIdAppender(Blackhole bh) {
        downstream.bh = bh;
        metrics.doAppend(events[n++ & (USERS - 1)]);
    }

    /**
     * The encode alone of the document the appender emits (its built event, made beforehand): with {@link #hmacMetricsId}
     * the floor of any path that emits that document, whatever it does besides.
     */
    @Benchmark
    public byte[] encodeBuiltEvent() {
        return encoder.encode(built[n++ & (USERS - 1)]);
    }

    /** The HMAC step alone, cache off, a different uid each call so nothing is memoized. */
    @Benchmark
    public String hmacMetricsId() {
        return ids.metricsIdInEpoch(uids[n++ & (USERS - 1)], label);
    }
}
