package org.privacymetrics.logback.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.Duration;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.privacymetrics.logback.MetricsIdAppender;
import org.privacymetrics.logback.elasticsearch.ElasticsearchAppender;
import org.privacymetrics.logback.transport.BatchOutcome;
import org.privacymetrics.logback.transport.BatchSender;
import org.privacymetrics.logback.transport.DropReason;
import org.privacymetrics.logback.transport.TransportEvent;
import org.privacymetrics.logback.transport.TransportStats;

/**
 * Usage events logged from several threads at once through one {@link MetricsIdAppender} into the asynchronous
 * Elasticsearch transport (spool off), as a service would: {@code logger.atInfo().addKeyValue(...).log(...)}. The
 * transport is the real one — encoder, buffer, sender thread, batching — with a receiver that acknowledges every
 * batch at once ({@link AcknowledgingSink}), so what is measured is the logging side, not a network or a node. Full
 * buffer policy {@code BLOCK}: an event is never dropped (checked at tear-down), so the throughput is one the
 * transport sustains. Besides the throughput, the fork prints the events per CPU-second of the whole process: without
 * lock contention (spinning, parking, hand-offs between threads) it stays flat as threads are added, whatever other
 * processes take of the machine. Run it for 1, 2, 4 and 8 threads with {@link TransportScaling}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransportScalingBenchmark {

    /** System property naming a file to which the fork appends its events per CPU-second (read by {@link TransportScaling}). */
    static final String CPU_OUT_PROPERTY = "bench.cpu.out";

    private LoggerContext context;
    private Logger usage;
    private MetricsIdAppender metrics;
    private SinkedElasticsearchAppender transport;
    private String[] uids;
    private long cpuAtStart;
    private long forwardedAtStart;
    private long measuredCpuNanos;
    private long measuredEvents;

    /** Acknowledges every event of every batch at once; counts events and bytes so the work cannot be skipped. */
    static final class AcknowledgingSink implements BatchSender {
        final AtomicLong events = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public BatchOutcome send(List<TransportEvent> batch) {
            long b = 0;
            for (TransportEvent e : batch) {
                b += e.payload().length;
            }
            bytes.addAndGet(b);
            events.addAndGet(batch.size());
            return BatchOutcome.allDelivered(batch.size());
        }
    }

    /** The Elasticsearch transport with the acknowledging receiver in place of the HTTP client. */
    static final class SinkedElasticsearchAppender extends ElasticsearchAppender {
        final AcknowledgingSink sink = new AcknowledgingSink();

        @Override
        protected BatchSender createSender() {
            return sink;
        }
    }

    /** Each thread's position in the users. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
        int next = THREADS.getAndIncrement() * 131;
    }

    @Setup
    public void setUp() {
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        transport = new SinkedElasticsearchAppender();
        transport.setContext(context);
        transport.setName("ES");
        transport.setUrl("http://127.0.0.1:9"); // never contacted: the sink replaces the client
        transport.setJmx(false);
        transport.setFullBufferPolicy("BLOCK");
        transport.setBlockTimeout(Duration.buildBySeconds(10));
        transport.start();
        metrics = new MetricsIdAppender();
        metrics.setContext(context);
        metrics.setName("METRICS");
        metrics.setService("sync");
        metrics.setSecret(AppenderBenchmark.SECRET);
        metrics.addAllowedKey("plan");
        metrics.addAppender(transport);
        metrics.start();
        if (!metrics.isStarted() || !transport.isStarted()) {
            throw new IllegalStateException("appenders did not start: " + context.getStatusManager().getCopyOfStatusList());
        }
        usage = context.getLogger("usage");
        usage.setLevel(Level.INFO);
        usage.setAdditive(false);
        usage.addAppender(metrics);
        uids = new String[AppenderBenchmark.USERS];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = AppenderBenchmark.uid(i);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void iterationStart() {
        cpuAtStart = processCpuNanos();
        forwardedAtStart = metrics.getStats().forwarded();
    }

    /** CPU time of the whole process (logging threads, sender thread, GC, compiler) per event, measured iterations only. */
    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void iterationEnd(IterationParams params) {
        if (params.getType() == IterationType.MEASUREMENT) {
            measuredCpuNanos += processCpuNanos() - cpuAtStart;
            measuredEvents += metrics.getStats().forwarded() - forwardedAtStart;
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        if (measuredCpuNanos > 0) {
            double perCpuSecond = measuredEvents / (measuredCpuNanos / 1e9);
            System.out.printf(Locale.ROOT, "%nevents per CPU-second of the process: %.0f%n", perCpuSecond);
            String out = System.getProperty(CPU_OUT_PROPERTY);
            if (out != null) {
                Files.writeString(Path.of(out), String.format(Locale.ROOT, "%.1f%n", perCpuSecond), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
        TransportStats t = transport.getStats();
        MetricsIdAppender.Stats m = metrics.getStats();
        context.stop();
        TransportStats after = transport.getStats();
        System.out.println("\ntransport: " + after + "; metrics appender: " + m + "; sink received " + transport.sink.events.get()
                + " events");
        if (m.dropped() > 0 || after.droppedTotal() > 0 || after.dropped(DropReason.SHUTDOWN) > 0 || t.droppedTotal() > 0) {
            throw new IllegalStateException("events were dropped: the benchmark measured the wrong path");
        }
    }

    @Benchmark
    public void logUsageEvent(Cursor c) {
        usage.atInfo().addKeyValue("uid", uids[c.next++ & (AppenderBenchmark.USERS - 1)]).addKeyValue("event", "login")
                .addKeyValue("user_agent", AppenderBenchmark.UA).addKeyValue("plan", "premium").log("login");
    }
}
