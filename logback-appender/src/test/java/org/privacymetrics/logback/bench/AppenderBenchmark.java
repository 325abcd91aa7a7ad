package org.privacymetrics.logback.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.List;
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
import org.privacymetrics.logback.MetricsIdAppender;
import org.privacymetrics.logback.id.MetricsIds;
import org.privacymetrics.logback.id.MetricsSecret;
import org.privacymetrics.logback.id.Rotation;
import org.slf4j.event.KeyValuePair;

/**
 * Cost of pseudonymizing one realistic usage event: encoding it with a plain {@code LogstashEncoder} versus passing it
 * through {@link MetricsIdAppender} into the same encoder, and the HMAC step alone. Run with
 * {@code ./logback-appender/bench.sh} (results in docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AppenderBenchmark {

    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

    private LoggerContext context;
    private LogstashEncoder encoder;
    private MetricsIdAppender metrics;
    private EncodingAppender downstream;
    private LoggingEvent event;
    private MetricsIds ids;
    private String label;
    private int n;

    /** The downstream appender: encodes with the shared encoder and hands the bytes to the blackhole. */
    static final class EncodingAppender extends AppenderBase<ILoggingEvent> {
        LogstashEncoder encoder;
        Blackhole bh;

        @Override
        protected void append(ILoggingEvent e) {
            bh.consume(encoder.encode(e));
        }
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
        metrics.addAppender(downstream);
        metrics.start();
        if (!metrics.isStarted()) {
            throw new IllegalStateException("appender did not start: " + context.getStatusManager().getCopyOfStatusList());
        }
        Logger logger = context.getLogger("usage");
        event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "login", null, null);
        event.setInstant(Instant.parse("2026-10-15T08:30:00Z"));
        event.setKeyValuePairs(List.of(new KeyValuePair("uid", "a1b2c3d4e5f60718293a4b5c6d7e8f90"), new KeyValuePair("event", "login"),
                new KeyValuePair("user_agent", UA), new KeyValuePair("plan", "premium")));
        event.prepareForDeferredProcessing();
        ids = MetricsIds.of(MetricsSecret.fromBase64(SECRET), Rotation.MONTH);
        label = ids.epoch(event.getInstant());
    }

    @TearDown
    public void tearDown() {
        metrics.stop();
        context.stop();
    }

    @Benchmark
    public byte[] plainLogstashEncoder() {
        return encoder.encode(event);
    }

    @Benchmark
    public void throughMetricsIdAppender(Blackhole bh) {
        downstream.bh = bh;
        metrics.doAppend(event);
    }

    /** The HMAC step alone, cache off, a different uid each call so nothing is memoized. */
    @Benchmark
    public String hmacMetricsId() {
        return ids.metricsIdInEpoch("user-" + (n++ & 1023), label);
    }
}
