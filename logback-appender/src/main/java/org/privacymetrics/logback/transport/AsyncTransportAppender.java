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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
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
 * <p>Settings common to every transport (Joran elements of the same name; where Logback or logstash-logback-encoder
 * name the same thing, their name):
 * <ul>
 *   <li>{@code encoder}: any {@code Encoder<ILoggingEvent>}; default {@code LogstashEncoder} with
 *   {@code includeContext=false};</li>
 *   <li>{@code queueSize} (Logback's {@code AsyncAppender}): events held while the receiver is slow or down (default
 *   10000);</li>
 *   <li>{@code batchSize}: events per request (transport-specific default);</li>
 *   <li>{@code flushInterval}: longest wait to fill a batch (default 1 second);</li>
 *   <li>{@code appendTimeout} (logstash-logback-encoder): longest wait of a logging thread when the queue is full, then
 *   the event is dropped; {@code 0} (default) drops at once;</li>
 *   <li>{@code initialBackoff}/{@code maxBackoff}: retry waits (default 100 milliseconds / 10 seconds);</li>
 *   <li>{@code shutdownGracePeriod} (logstash-logback-encoder): longest flush on stop (default 5 seconds);</li>
 *   <li>{@code ssl}: TLS settings ({@link TlsConfiguration}, logstash-logback-encoder's {@code <ssl>});</li>
 *   <li>{@code addDefaultStatusListener} (logstash-logback-encoder): print WARN and ERROR statuses on the console when
 *   no status listener is configured (default true, {@link DefaultStatusListener});</li>
 *   <li>{@code statusInterval}: at most one statistics status message per interval (default 1 minute);</li>
 *   <li>{@code jmx}: register the statistics MBean (default true);</li>
 *   <li>{@code spoolDir}: a directory for the durable buffer (default: none, events are buffered in memory only);</li>
 *   <li>{@code spoolMaxSize}: bound on the spool (default 256 MB);</li>
 *   <li>{@code spoolFlushInterval}: longest time before a spooled event is fsynced (default 1 second).</li>
 * </ul>
 * Deprecated aliases, each reported once with a status warning: {@code bufferSize} ({@code queueSize}),
 * {@code fullBufferPolicy} and {@code blockTimeout} ({@code appendTimeout}), {@code stopTimeout}
 * ({@code shutdownGracePeriod}), {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType}
 * ({@code ssl}).
 */
public abstract class AsyncTransportAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** JMX domain of the statistics MBeans. */
    public static final String JMX_DOMAIN = "org.privacymetrics.logback";

    private Encoder<ILoggingEvent> encoder;
    private boolean ownsEncoder;
    private int bufferSize = 10_000;
    private int batchSize;
    /** {@code appendTimeout}; null: not set, then the deprecated pair below or the default 0 applies. */
    private Duration appendTimeout;
    private String fullBufferPolicy;
    private Duration blockTimeout;
    private Duration flushInterval = Duration.buildBySeconds(1);
    private Duration initialBackoff = Duration.buildByMilliseconds(100);
    private Duration maxBackoff = Duration.buildBySeconds(10);
    private Duration stopTimeout = Duration.buildBySeconds(5);
    private boolean addDefaultStatusListener = true;
    private TlsConfiguration ssl;
    private String trustStore;
    private String trustStorePassword;
    private String trustStoreType;
    /** Old setting names used in this appender's configuration. */
    protected final DeprecatedSettings deprecated = new DeprecatedSettings();
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
        if (addDefaultStatusListener) {
            DefaultStatusListener.addIfNone(this);
        }
        deprecated.report(name, this::addWarn);
        List<String> errors = new ArrayList<>(validateCommonSettings());
        errors.addAll(validateTransportSettings());
        if (!errors.isEmpty()) {
            for (String e : errors) {
                addError("Appender [" + name + "]: " + e + "; the appender stays stopped");
            }
            return;
        }
        long timeout = effectiveAppendTimeout();
        AsyncTransport.Settings settings = new AsyncTransport.Settings(bufferSize, batchSize,
                timeout == 0 ? FullBufferPolicy.DROP : FullBufferPolicy.BLOCK, timeout,
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

    /**
     * The wait of a logging thread on a full queue, in ms: {@code appendTimeout}, else what the deprecated
     * {@code fullBufferPolicy}/{@code blockTimeout} meant ({@code DROP}: 0; {@code BLOCK}: {@code blockTimeout},
     * default 100 ms), else 0.
     */
    private long effectiveAppendTimeout() {
        if (appendTimeout != null) {
            return appendTimeout.getMilliseconds();
        }
        if (fullBufferPolicy != null && FullBufferPolicy.parse(fullBufferPolicy) == FullBufferPolicy.BLOCK) {
            return blockTimeout == null ? 100 : blockTimeout.getMilliseconds();
        }
        return 0;
    }

    /**
     * The {@code <ssl>} component, with the deprecated {@code trustStore*} settings folded in; null when neither was
     * given.
     */
    protected TlsConfiguration tls() {
        if (trustStore == null || trustStore.isBlank()) {
            return ssl;
        }
        TlsConfiguration t = ssl != null ? ssl : new TlsConfiguration();
        ch.qos.logback.core.net.ssl.KeyStoreFactoryBean store = new ch.qos.logback.core.net.ssl.KeyStoreFactoryBean();
        store.setLocation(Path.of(trustStore.trim()).toUri().toString());
        store.setType(trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType.trim());
        if (trustStorePassword != null && !trustStorePassword.isEmpty()) {
            store.setPassword(trustStorePassword);
        }
        t.setTrustStore(store);
        return t;
    }

    /** Sockets of {@code tls} (the JVM's trust store when null), with its parameters and host-name check. */
    protected SSLSocketFactory tlsSocketFactory(TlsConfiguration tls) {
        return (tls != null ? tls : new TlsConfiguration()).socketFactory(this);
    }

    /** The context of {@code tls}, or the JVM's default when null; both with the host-name check unless switched off. */
    protected SSLContext tlsContext(TlsConfiguration tls) throws NoSuchAlgorithmException {
        return tls == null ? TlsConfiguration.jvmDefault() : tls.sslContext(this);
    }

    /** Whether {@code <ssl>} or a deprecated trust store setting was given. */
    protected boolean hasTlsSettings() {
        return ssl != null || (trustStore != null && !trustStore.isBlank());
    }

    private List<String> validateCommonSettings() {
        List<String> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add("field [name] is required");
        }
        if (bufferSize < 1) {
            errors.add("field [queueSize] must be at least 1, got [" + bufferSize + "]");
        }
        if (batchSize < 1) {
            errors.add("field [batchSize] must be at least 1, got [" + batchSize + "]");
        }
        if (fullBufferPolicy != null) {
            try {
                FullBufferPolicy.parse(fullBufferPolicy);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (appendTimeout != null && (fullBufferPolicy != null || blockTimeout != null)) {
            errors.add("set [appendTimeout] only: [fullBufferPolicy] and [blockTimeout] are its deprecated aliases");
        }
        if (appendTimeout != null && appendTimeout.getMilliseconds() < 0) {
            // logstash-logback-encoder's -1 (wait forever) is not offered: a logging thread never waits without bound
            errors.add("field [appendTimeout] must be a duration of at least 0 ms, got [" + appendTimeout + "]");
        }
        if (blockTimeout != null) {
            requireNonNegative(errors, "blockTimeout", blockTimeout);
        }
        requireNonNegative(errors, "flushInterval", flushInterval);
        requireNonNegative(errors, "shutdownGracePeriod", stopTimeout);
        if (trustStore != null && !trustStore.isBlank()) {
            if (ssl != null && ssl.getTrustStore() != null) {
                errors.add("set [ssl.trustStore] only: [trustStore] is its deprecated alias");
            } else if (!readableFile(trustStore.trim())) {
                errors.add("field [trustStore] must name a readable file, got [" + trustStore + "]");
            }
        }
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

    private static boolean readableFile(String path) {
        try {
            return Files.isReadable(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
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

    public int getQueueSize() {
        return bufferSize;
    }

    /** Events held while the receiver is slow or down, the batch in flight included (Logback's name; default 10000). */
    public void setQueueSize(int queueSize) {
        this.bufferSize = queueSize;
    }

    /** Same as {@link #getQueueSize()}. */
    public int getBufferSize() {
        return bufferSize;
    }

    /** @deprecated use {@link #setQueueSize(int)} ({@code <queueSize>}); same effect, reported once at start */
    @Deprecated
    public void setBufferSize(int bufferSize) {
        deprecated.used("bufferSize", "<queueSize>");
        this.bufferSize = bufferSize;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getAppendTimeout() {
        return appendTimeout != null ? appendTimeout : Duration.buildByMilliseconds(effectiveAppendTimeout());
    }

    /**
     * Longest wait of a logging thread for room in a full queue, then the event is dropped and counted
     * (logstash-logback-encoder's name); {@code 0}, the default, drops at once. Never negative: no logging thread
     * waits without bound.
     */
    public void setAppendTimeout(Duration appendTimeout) {
        this.appendTimeout = appendTimeout;
    }

    /**
     * @deprecated use {@code <appendTimeout>}: {@code DROP} is {@code 0}, {@code BLOCK} is {@code blockTimeout}
     *     (default 100 milliseconds); same effect, reported once at start
     */
    @Deprecated
    public void setFullBufferPolicy(String fullBufferPolicy) {
        deprecated.used("fullBufferPolicy", "<appendTimeout> (0 for DROP, the wait for BLOCK)");
        this.fullBufferPolicy = fullBufferPolicy;
    }

    /** @deprecated use {@code <appendTimeout>}; same effect with {@code <fullBufferPolicy>BLOCK}, reported once */
    @Deprecated
    public void setBlockTimeout(Duration blockTimeout) {
        deprecated.used("blockTimeout", "<appendTimeout>");
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

    public Duration getShutdownGracePeriod() {
        return stopTimeout;
    }

    /** How long {@code stop()} keeps delivering what is buffered (logstash-logback-encoder's name; default 5 seconds). */
    public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
        this.stopTimeout = shutdownGracePeriod;
    }

    /** @deprecated use {@link #setShutdownGracePeriod} ({@code <shutdownGracePeriod>}); same effect, reported once */
    @Deprecated
    public void setStopTimeout(Duration stopTimeout) {
        deprecated.used("stopTimeout", "<shutdownGracePeriod>");
        this.stopTimeout = stopTimeout;
    }

    public boolean isAddDefaultStatusListener() {
        return addDefaultStatusListener;
    }

    /**
     * When true (default, as in logstash-logback-encoder) and the Logback context has no status listener, start()
     * registers one printing WARN and ERROR statuses (drops, failures) on the console.
     */
    public void setAddDefaultStatusListener(boolean addDefaultStatusListener) {
        this.addDefaultStatusListener = addDefaultStatusListener;
    }

    public TlsConfiguration getSsl() {
        return ssl;
    }

    /** TLS settings ({@code <ssl>}, as logstash-logback-encoder's TCP appenders take them); see {@link TlsConfiguration}. */
    public void setSsl(TlsConfiguration ssl) {
        this.ssl = ssl;
    }

    /** @deprecated use {@code <ssl><trustStore><location>file:...}; same effect, reported once at start */
    @Deprecated
    public void setTrustStore(String trustStore) {
        deprecated.used("trustStore", "<ssl><trustStore><location>file:/path</location></trustStore></ssl>");
        this.trustStore = trustStore;
    }

    /** @deprecated use {@code <ssl><trustStore><password>}; write-only, never logged; reported once at start */
    @Deprecated
    public void setTrustStorePassword(String trustStorePassword) {
        deprecated.used("trustStorePassword", "<ssl><trustStore><password>");
        this.trustStorePassword = trustStorePassword;
    }

    /** @deprecated use {@code <ssl><trustStore><type>}; reported once at start */
    @Deprecated
    public void setTrustStoreType(String trustStoreType) {
        deprecated.used("trustStoreType", "<ssl><trustStore><type>");
        this.trustStoreType = trustStoreType;
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
