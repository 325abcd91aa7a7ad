package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import net.logstash.logback.encoder.LogstashEncoder;
import org.privacymetrics.logback.transport.spool.Spool;
import org.slf4j.event.KeyValuePair;

import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Base of the network transports: encodes each event on the logging thread with a Logback {@link Encoder} (default
 * {@link LogstashEncoder}, so the receiver gets exactly the JSON a file appender with that encoder would write) and
 * hands the bytes to an {@link AsyncTransport}.
 *
 * <p>Settings common to every transport (Joran elements of the same name):
 * <ul>
 *   <li>{@code encoder}: any {@code Encoder<ILoggingEvent>}; default {@code LogstashEncoder} with
 *   {@code includeContext=false};</li>
 *   <li>{@code bufferSize}: events held while the receiver is slow or down (default 10000);</li>
 *   <li>{@code batchSize}: events per request (transport-specific default);</li>
 *   <li>{@code flushInterval}: longest wait to fill a batch (default 1 second);</li>
 *   <li>{@code fullBufferPolicy}: {@code DROP} (default) or {@code BLOCK};</li>
 *   <li>{@code blockTimeout}: longest wait of a logging thread under {@code BLOCK} (default 100 milliseconds);</li>
 *   <li>{@code initialBackoff}/{@code maxBackoff}: retry waits (default 100 milliseconds / 10 seconds);</li>
 *   <li>{@code stopTimeout}: longest flush on stop (default 5 seconds);</li>
 *   <li>{@code statusInterval}: at most one statistics status message per interval (default 1 minute);</li>
 *   <li>{@code jmx}: register the statistics MBean (default true);</li>
 *   <li>{@code spoolDir}: a directory for the durable buffer (default: none, events are buffered in memory only);</li>
 *   <li>{@code spoolMaxSize}: bound on the spool (default 256 MB);</li>
 *   <li>{@code spoolFlushInterval}: longest time before a spooled event is fsynced (default 1 second).</li>
 * </ul>
 */
public abstract class AsyncTransportAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** JMX domain of the statistics MBeans. */
    public static final String JMX_DOMAIN = "org.privacymetrics.logback";

    private Encoder<ILoggingEvent> encoder;
    private boolean ownsEncoder;
    private int bufferSize = 10_000;
    private int batchSize;
    private String fullBufferPolicy = FullBufferPolicy.DROP.name();
    private Duration blockTimeout = Duration.buildByMilliseconds(100);
    private Duration flushInterval = Duration.buildBySeconds(1);
    private Duration initialBackoff = Duration.buildByMilliseconds(100);
    private Duration maxBackoff = Duration.buildBySeconds(10);
    private Duration stopTimeout = Duration.buildBySeconds(5);
    private Duration statusInterval = Duration.buildByMinutes(1);
    private boolean jmx = true;
    private String spoolDir;
    private FileSize spoolMaxSize = new FileSize(256L * FileSize.MB_COEFFICIENT);
    private Duration spoolFlushInterval = Duration.buildBySeconds(1);

    private volatile AsyncTransport transport;
    private volatile TransportStats lastStats;
    private ObjectName registeredName;

    protected AsyncTransportAppender(int defaultBatchSize) {
        this.batchSize = defaultBatchSize;
    }

    /**
     * Builds the sender for the configured receiver; called from {@link #start()} after the common settings were
     * validated. May throw; the appender then reports the error and stays stopped.
     */
    protected abstract BatchSender createSender() throws Exception;

    /**
     * Checks the transport-specific settings.
     *
     * @return problems, each naming the setting and the rule; empty when the settings are usable
     */
    protected abstract List<String> validateTransportSettings();

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        List<String> errors = new ArrayList<>(validateCommonSettings());
        errors.addAll(validateTransportSettings());
        if (!errors.isEmpty()) {
            for (String e : errors) {
                addError("Appender [" + name + "]: " + e + "; the appender stays stopped");
            }
            return;
        }
        AsyncTransport.Settings settings = new AsyncTransport.Settings(bufferSize, batchSize,
                FullBufferPolicy.parse(fullBufferPolicy), blockTimeout.getMilliseconds(),
                flushInterval.getMilliseconds(),
                new Backoff(initialBackoff.getMilliseconds(), maxBackoff.getMilliseconds()),
                stopTimeout.getMilliseconds(), statusInterval.getMilliseconds(),
                spoolFlushInterval.getMilliseconds());
        Spool spool = null;
        if (isSpooled()) {
            Path dir = Path.of(spoolDir.trim()).toAbsolutePath();
            try {
                spool = Spool.open(dir, spoolMaxSize.getSize(), message -> addWarn("Appender [" + name + "]: " + message));
            } catch (IOException | RuntimeException e) {
                addError("Appender [" + name + "]: could not open the spool in [" + dir + "]: "
                        + AsyncTransport.describe(e) + "; the appender stays stopped");
                return;
            }
        }
        BatchSender sender;
        try {
            sender = createSender();
        } catch (Exception | LinkageError e) {
            addError("Appender [" + name + "]: could not set up the connection: " + AsyncTransport.describe(e)
                    + "; the appender stays stopped");
            closeQuietly(spool);
            return;
        }
        if (encoder == null) {
            LogstashEncoder defaultEncoder = new LogstashEncoder();
            defaultEncoder.setContext(getContext());
            // Logback context properties (<property scope="context">, framework settings) are configuration, not
            // event data, and may hold secrets: keep them out of what leaves the process
            defaultEncoder.setIncludeContext(false);
            defaultEncoder.start();
            encoder = defaultEncoder;
            ownsEncoder = true;
        } else if (!encoder.isStarted()) {
            encoder.start();
        }
        AsyncTransport t = new AsyncTransport(name, sender, this, settings, spool);
        t.start();
        transport = t;
        registerMBean(t);
        super.start();
        addInfo("Appender [" + name + "]: started; " + describeTarget() + (spool == null ? ""
                : "; spool [" + spool.directory() + "], " + spoolMaxSize + " at most"
                + (spool.replayed() > 0 ? ", replaying " + spool.replayed() + " event(s) left by an earlier run first"
                : "")));
    }

    private boolean isSpooled() {
        return spoolDir != null && !spoolDir.isBlank();
    }

    private void closeQuietly(Spool spool) {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                addWarn("Appender [" + name + "]: closing the spool failed: " + AsyncTransport.describe(e));
            }
        }
    }

    /** A one-line description of the receiver for the start-up status message; must not contain secrets. */
    protected abstract String describeTarget();

    private List<String> validateCommonSettings() {
        List<String> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add("field [name] is required");
        }
        if (bufferSize < 1) {
            errors.add("field [bufferSize] must be at least 1, got [" + bufferSize + "]");
        }
        if (batchSize < 1) {
            errors.add("field [batchSize] must be at least 1, got [" + batchSize + "]");
        }
        try {
            FullBufferPolicy.parse(fullBufferPolicy);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        requireNonNegative(errors, "blockTimeout", blockTimeout);
        requireNonNegative(errors, "flushInterval", flushInterval);
        requireNonNegative(errors, "stopTimeout", stopTimeout);
        requireNonNegative(errors, "statusInterval", statusInterval);
        if (isSpooled()) {
            try {
                Path.of(spoolDir.trim());
            } catch (InvalidPathException e) {
                errors.add("field [spoolDir] is not a valid path");
            }
            if (spoolMaxSize == null || spoolMaxSize.getSize() < 64 * 1024) {
                errors.add("field [spoolMaxSize] must be at least 64 KB, got [" + spoolMaxSize + "]");
            }
            if (spoolFlushInterval == null || spoolFlushInterval.getMilliseconds() < 1) {
                errors.add("field [spoolFlushInterval] must be a duration of at least 1 ms");
            }
        }
        if (initialBackoff == null || maxBackoff == null) {
            errors.add("fields [initialBackoff] and [maxBackoff] are required");
        } else {
            try {
                new Backoff(initialBackoff.getMilliseconds(), maxBackoff.getMilliseconds());
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    private static void requireNonNegative(List<String> errors, String field, Duration d) {
        if (d == null || d.getMilliseconds() < 0) {
            errors.add("field [" + field + "] must be a duration of at least 0 ms");
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        AsyncTransport t = transport;
        if (t == null) {
            return;
        }
        if (t.isSenderThread() || isTransportLibraryLogger(event.getLoggerName())) {
            // a network library logging about our own send: forwarding it would feed an outage back to us
            t.countDrop(DropReason.SELF_LOGGING, 1);
            return;
        }
        byte[] bytes;
        try {
            bytes = trimLineBreaks(encoder.encode(event));
        } catch (RuntimeException e) {
            t.encodingFailed(e);
            return;
        }
        Instant timestamp;
        try {
            timestamp = event.getInstant();
        } catch (RuntimeException e) {
            timestamp = null;
        }
        if (timestamp == null) {
            timestamp = Instant.ofEpochMilli(event.getTimeStamp());
        }
        t.offer(new TransportEvent(timestamp, bytes, isSpooled() ? eventId(event) : null));
    }

    /** The {@code event_id} key-value pair the metrics appender adds, kept in the spool next to the event. */
    private static String eventId(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair kv : pairs) {
                if ("event_id".equals(kv.key) && kv.value != null) {
                    return kv.value.toString();
                }
            }
        }
        return null;
    }

    private static boolean isTransportLibraryLogger(String loggerName) {
        return loggerName != null && (loggerName.startsWith("org.komamitsu.fluency.")
                || loggerName.startsWith("co.elastic.clients.") || loggerName.startsWith("org.apache.hc."));
    }

    static byte[] trimLineBreaks(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        AsyncTransport t = transport;
        if (t != null) {
            t.stop();
            lastStats = t.stats();
            transport = null;
        }
        unregisterMBean();
        if (ownsEncoder) {
            encoder.stop();
            encoder = null;
            ownsEncoder = false;
        }
    }

    /**
     * The transport's counters: live while started, frozen at their final values after {@link #stop()}, all zero
     * before the first start.
     */
    public TransportStats getStats() {
        AsyncTransport t = transport;
        if (t != null) {
            return t.stats();
        }
        TransportStats s = lastStats;
        return s != null ? s : TransportStats.empty(bufferSize);
    }

    /** The JMX name of this appender's statistics MBean. */
    public ObjectName getObjectName() throws MalformedObjectNameException {
        return objectName(name);
    }

    /** {@code org.privacymetrics.logback:type=Transport,name=<appender name>} (the name quoted if JMX requires it). */
    public static ObjectName objectName(String appenderName) throws MalformedObjectNameException {
        String value = appenderName;
        try {
            new ObjectName(JMX_DOMAIN, "name", value);
        } catch (MalformedObjectNameException e) {
            value = ObjectName.quote(appenderName);
        }
        return new ObjectName(JMX_DOMAIN + ":type=Transport,name=" + value);
    }

    private void registerMBean(AsyncTransport t) {
        if (!jmx) {
            return;
        }
        try {
            ObjectName on = objectName(name);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.registerMBean(new StandardMBean(t.mxBean(), TransportStatsMXBean.class, true), on);
            registeredName = on;
        } catch (InstanceAlreadyExistsException e) {
            addWarn("Appender [" + name + "]: an MBean named [" + objectNameText() + "] already exists (two appenders "
                    + "with the same name?); statistics stay available through status messages and getStats()");
        } catch (Exception | LinkageError e) {
            addWarn("Appender [" + name + "]: could not register the statistics MBean: " + AsyncTransport.describe(e));
        }
    }

    private String objectNameText() {
        try {
            return objectName(name).toString();
        } catch (MalformedObjectNameException e) {
            return String.valueOf(name);
        }
    }

    private void unregisterMBean() {
        if (registeredName == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredName);
        } catch (Exception | LinkageError e) {
            addWarn("Appender [" + name + "]: could not unregister the statistics MBean: "
                    + AsyncTransport.describe(e));
        }
        registeredName = null;
    }

    // ---- Joran setters ----

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
        this.ownsEncoder = false;
    }

    public int getBufferSize() {
        return bufferSize;
    }

    public void setBufferSize(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public String getFullBufferPolicy() {
        return fullBufferPolicy;
    }

    /** {@code DROP} or {@code BLOCK}, case-insensitive; checked in {@link #start()}. */
    public void setFullBufferPolicy(String fullBufferPolicy) {
        this.fullBufferPolicy = fullBufferPolicy;
    }

    public Duration getBlockTimeout() {
        return blockTimeout;
    }

    public void setBlockTimeout(Duration blockTimeout) {
        this.blockTimeout = blockTimeout;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public Duration getStatusInterval() {
        return statusInterval;
    }

    public void setStatusInterval(Duration statusInterval) {
        this.statusInterval = statusInterval;
    }

    public boolean isJmx() {
        return jmx;
    }

    public void setJmx(boolean jmx) {
        this.jmx = jmx;
    }

    public String getSpoolDir() {
        return spoolDir;
    }

    /**
     * A directory for the durable buffer: events stay there (owner-only files) until the receiver acknowledged them,
     * across restarts and crashes. Default: none, the buffer is in memory only. One appender per directory.
     */
    public void setSpoolDir(String spoolDir) {
        this.spoolDir = spoolDir;
    }

    public FileSize getSpoolMaxSize() {
        return spoolMaxSize;
    }

    /** Bound on the spool, Logback's size syntax ({@code 256 MB}, the default); beyond it the full-buffer policy applies. */
    public void setSpoolMaxSize(FileSize spoolMaxSize) {
        this.spoolMaxSize = spoolMaxSize;
    }

    public Duration getSpoolFlushInterval() {
        return spoolFlushInterval;
    }

    /** Longest time between an event reaching the spool and its fsync (default 1 second). */
    public void setSpoolFlushInterval(Duration spoolFlushInterval) {
        this.spoolFlushInterval = spoolFlushInterval;
    }
}
