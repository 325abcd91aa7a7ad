package org.privacymetrics.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.privacymetrics.logback.event.Counters;
import org.privacymetrics.logback.event.EventBuilder;
import org.privacymetrics.logback.event.EventDrop;
import org.privacymetrics.logback.event.PerThread;
import org.privacymetrics.logback.event.ValueDrop;
import org.privacymetrics.logback.id.MetricsIds;
import org.privacymetrics.logback.id.MetricsSecret;
import org.privacymetrics.logback.id.Rotation;

/**
 * Turns usage events into metrics events at the edge: the raw user id becomes a metrics id (spec v1,
 * {@code docs/metrics-id.md}) and a new event, built field by field from an allowlist, goes to the appenders referenced
 * with {@code <appender-ref>}.
 *
 * <pre>{@code
 * <appender name="METRICS" class="org.privacymetrics.logback.MetricsIdAppender">
 *   <service>sync</service>
 *   <secretEnv>METRICS_SECRET</secretEnv> <!-- or <secretFile>; base64, >= 32 random bytes -->
 *   <rotation>MONTH</rotation>             <!-- MONTH | WEEK | DAY -->
 *   <uidKey>uid</uidKey>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * }</pre>
 *
 * <p>The built event ({@link org.privacymetrics.logback.event.MetricsEvent}) carries {@code metrics_id},
 * {@code metrics_epoch}, {@code metrics_key_id}, {@code service}, {@code event}, {@code event_id}, {@code device} and
 * the allowed extra keys as key-value pairs, the source's level and timestamp, and fixed values for everything else:
 * no message text, arguments, MDC, markers, throwable, caller data or context properties; its message is the event
 * name, its logger {@code metrics}, its thread the service. The rules are in {@link EventBuilder}; every dropped event
 * and value is counted ({@link #getStats()}) and reported in throttled status warnings.
 *
 * <p>Fails closed: with a missing, short, non-random or undefined-variable secret, an unknown rotation, no service or
 * no appender, {@link #start()} reports a status error (never the secret) and the appender stays stopped.
 */
public class MetricsIdAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements AppenderAttachable<ILoggingEvent> {

    /** Default of {@code maxValueLength}. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 128;
    private static final long WARN_INTERVAL_MS = 60_000;

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private String service;
    private String secret;
    private String secretEnv;
    private String secretFile;
    private String rotation = Rotation.MONTH.name();
    private String uidKey = "uid";
    private String userAgentKey = "user_agent";
    private final Set<String> allowedKeys = new LinkedHashSet<>();
    private final Map<String, Set<String>> valueSets = new LinkedHashMap<>();
    /** Errors found by setters, reported by {@link #start()}. */
    private final List<String> settingErrors = new ArrayList<>();
    private int cacheSize = 10_000;
    private int maxValueLength = DEFAULT_MAX_VALUE_LENGTH;
    private boolean maskPii = true;
    private boolean addDefaultStatusListener = true;
    private final ValueMaskers valueMaskers = new ValueMaskers();
    /** Downstream appenders already warned about, by name and problem. */
    private final Set<String> encoderWarnings = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile MetricsIds ids;
    private volatile EventBuilder builder;
    private final PiiMasker masker = new PiiMasker();
    private final Counters counters = new Counters();
    private final AtomicLongArray lastWarn = new AtomicLongArray(EventDrop.values().length);
    private final AtomicLong lastValueReport = new AtomicLong();
    private final AtomicLong valueDropsReported = new AtomicLong();
    private final AtomicBoolean asyncWarned = new AtomicBoolean();
    private final AtomicBoolean scannedOnFirstEvent = new AtomicBoolean();
    private final ConfigurationEventListener configurationEnded = this::onConfigurationEvent;

    /** Counters of this appender, for operators and tests: forwarded events, dropped events and values by reason. */
    public record Stats(long forwarded, Map<EventDrop, Long> droppedEvents, Map<ValueDrop, Long> droppedValues) {

        /** All dropped events. */
        public long dropped() {
            return droppedEvents.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Events dropped for {@code reason}. */
        public long dropped(EventDrop reason) {
            return droppedEvents.getOrDefault(reason, 0L);
        }

        /** Values (fields) left out for {@code reason}. */
        public long dropped(ValueDrop reason) {
            return droppedValues.getOrDefault(reason, 0L);
        }

        @Override
        public String toString() {
            return "forwarded=" + forwarded + ", dropped events " + keyed(droppedEvents) + ", dropped values " + keyed(droppedValues);
        }

        private static String keyed(Map<?, Long> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "")
                    .append(k instanceof EventDrop e ? e.key() : ((ValueDrop) k).key()).append('=').append(v));
            return b.append('}').toString();
        }
    }

    // ------------------------------------------------------------------ configuration (Joran bean setters)

    /** The service name written to {@code service}; required. */
    public void setService(String service) {
        this.service = service == null ? null : service.trim();
    }

    /**
     * The shared edge secret, base64, at least 32 random bytes. Prefer {@link #setSecretEnv} or {@link #setSecretFile}:
     * {@code <secret>${VAR}</secret>} puts the value into Logback's status messages, and an unset {@code VAR} becomes
     * the text {@code VAR_IS_UNDEFINED} (which is refused). Checked in {@link #start()}.
     */
    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** Name of an environment variable holding the base64 secret, read in {@link #start()}. */
    public void setSecretEnv(String secretEnv) {
        this.secretEnv = secretEnv == null || secretEnv.isBlank() ? null : secretEnv.trim();
    }

    /** Path of a file holding the base64 secret (e.g. a mounted Kubernetes secret), read in {@link #start()}. */
    public void setSecretFile(String secretFile) {
        this.secretFile = secretFile == null || secretFile.isBlank() ? null : secretFile.trim();
    }

    /** {@code MONTH} (default), {@code WEEK} or {@code DAY}. */
    public void setRotation(String rotation) {
        this.rotation = rotation;
    }

    /** Key under which callers pass the raw user id (MDC, key-value pair, structured argument or marker); default {@code uid}. */
    public void setUidKey(String uidKey) {
        this.uidKey = uidKey == null ? null : uidKey.trim();
    }

    /** Key under which callers pass the User-Agent; default {@code user_agent}. It is reduced to {@code device} and dropped. */
    public void setUserAgentKey(String userAgentKey) {
        this.userAgentKey = userAgentKey == null ? null : userAgentKey.trim();
    }

    /**
     * Allows one more extra key to pass (repeatable {@code <allowedKey>}): {@code plan} for any checked scalar value, or
     * {@code plan=free|premium|team} for a closed value set — only those strings pass, so no free text (and no other
     * user's id) can leave under that key.
     */
    public void addAllowedKey(String key) {
        if (key == null || key.isBlank()) {
            return;
        }
        int eq = key.indexOf('=');
        String k = (eq < 0 ? key : key.substring(0, eq)).trim();
        if (k.isEmpty()) {
            settingErrors.add("<allowedKey> needs a key name before '='");
            return;
        }
        if (EventBuilder.OWN_KEYS.contains(k)) {
            addWarn("MetricsIdAppender [" + name + "]: <allowedKey> [" + k + "] ignored: the appender writes that field itself");
            return;
        }
        allowedKeys.add(k);
        if (eq >= 0) {
            Set<String> values = new LinkedHashSet<>();
            for (String v : key.substring(eq + 1).split("\\|")) {
                if (!v.isBlank()) {
                    values.add(v.trim());
                }
            }
            if (values.isEmpty()) {
                settingErrors.add("<allowedKey> [" + k + "] declares an empty value set; list values as " + k + "=a|b|c or drop the '='");
            }
            valueSets.put(k, Set.copyOf(values));
        } else {
            valueSets.remove(k);
        }
    }

    /** Comma-separated extra keys allowed to pass. */
    public void setAllowedKeys(String keys) {
        if (keys != null) {
            for (String k : keys.split(",")) {
                addAllowedKey(k);
            }
        }
    }

    /** Size of the uid to metrics id cache for the current epoch; 0 turns it off. Default 10000. */
    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    /** Longest allowed string value, in chars; longer values are dropped and counted. Default 128. */
    public void setMaxValueLength(int maxValueLength) {
        this.maxValueLength = maxValueLength;
    }

    /** Whether PII in allowed string values is masked; default true. */
    public void setMaskPii(boolean maskPii) {
        this.maskPii = maskPii;
    }

    /**
     * An extra masking rule for allowed free string values, applied after the built-in PII masking: any
     * logstash-logback-encoder {@link net.logstash.logback.mask.ValueMasker} ({@code <valueMasker class="..."/>},
     * repeatable), as in LLE's {@code MaskingJsonGeneratorDecorator}.
     */
    public void addValueMasker(net.logstash.logback.mask.ValueMasker masker) {
        valueMaskers.add(masker);
    }

    /**
     * An extra regex masking rule, LLE's {@code <valueMask>} syntax: {@code <value>} regexes (repeatable, or
     * comma-separated {@code <values>}) whose matches are replaced by {@code <mask>} (default {@code ****}).
     */
    public void addValueMask(ValueMask mask) {
        valueMaskers.add(mask);
    }

    /**
     * When true (default, as logstash-logback-encoder's appenders) and the Logback context has no status listener,
     * start() registers one printing WARN and ERROR statuses (dropped events, configuration problems) on the console.
     */
    public void setAddDefaultStatusListener(boolean addDefaultStatusListener) {
        this.addDefaultStatusListener = addDefaultStatusListener;
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (addDefaultStatusListener) {
            org.privacymetrics.logback.transport.DefaultStatusListener.addIfNone(this);
        }
        int errors = 0;
        String maskerProblem = valueMaskers.problem();
        if (maskerProblem != null) {
            addError("MetricsIdAppender [" + name + "]: " + maskerProblem);
            errors++;
        }
        for (String e : settingErrors) {
            addError("MetricsIdAppender [" + name + "]: " + e);
            errors++;
        }
        if (service == null || service.isEmpty()) {
            addError("MetricsIdAppender [" + name + "]: <service> is required (the service name written to every event)");
            errors++;
        }
        if (uidKey == null || uidKey.isEmpty()) {
            addError("MetricsIdAppender [" + name + "]: <uidKey> must not be empty");
            errors++;
        }
        Rotation rot = null;
        try {
            rot = Rotation.parse(rotation);
        } catch (IllegalArgumentException e) {
            addError("MetricsIdAppender [" + name + "]: <rotation> " + e.getMessage());
            errors++;
        }
        MetricsSecret s = null;
        int sources = (secret != null && !secret.isBlank() ? 1 : 0) + (secretEnv != null ? 1 : 0) + (secretFile != null ? 1 : 0);
        if (sources > 1) {
            addError("MetricsIdAppender [" + name + "]: set only one of <secret>, <secretEnv> and <secretFile>");
            errors++;
        } else {
            String source = secretEnv != null ? "<secretEnv> [" + secretEnv + "]" : secretFile != null ? "<secretFile> [" + secretFile + "]" : "<secret>";
            try {
                s = MetricsSecret.fromBase64(resolveSecret());
            } catch (IllegalArgumentException e) {
                addError("MetricsIdAppender [" + name + "]: " + source + " rejected: " + e.getMessage());
                errors++;
            } catch (java.io.IOException | RuntimeException e) {
                addError("MetricsIdAppender [" + name + "]: " + source + " cannot be read: " + e.getClass().getSimpleName());
                errors++;
            }
        }
        if (cacheSize < 0) {
            addError("MetricsIdAppender [" + name + "]: <cacheSize> must be >= 0, got [" + cacheSize + "]");
            errors++;
        }
        if (maxValueLength < 1) {
            addError("MetricsIdAppender [" + name + "]: <maxValueLength> must be >= 1, got [" + maxValueLength + "]");
            errors++;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addError("MetricsIdAppender [" + name + "]: no <appender-ref>: there is nowhere to send the events");
            errors++;
        }
        if (errors > 0) {
            addError("MetricsIdAppender [" + name + "] not started: it forwards nothing until the configuration is fixed");
            return;
        }
        try {
            MetricsIds candidate = MetricsIds.withCache(s, rot, cacheSize);
            candidate.metricsId("start-up-self-test", java.time.Instant.now());
            builder = new EventBuilder(service, uidKey, userAgentKey, allowedKeys, valueSets, maxValueLength,
                    valueMaskers.after(maskPii ? masker::mask : null), counters);
            ids = candidate;
        } catch (RuntimeException e) {
            addError("MetricsIdAppender [" + name + "]: cannot compute metrics ids: " + e.getClass().getName());
            return;
        }
        addInfo("MetricsIdAppender [" + name + "] started: service [" + service + "], rotation [" + rot + "], metrics_key_id ["
                + ids.keyId() + "], allowed extra keys " + allowedKeys + " (closed value sets for " + valueSets.keySet() + "), maxValueLength ["
                + maxValueLength + "]");
        try {
            closeDownstreamContext();
        } catch (RuntimeException e) {
            addError("MetricsIdAppender [" + name + "] not started: cannot inspect the downstream encoders (" + e.getClass().getName() + ")");
            return;
        }
        super.start();
        asyncWarned.set(false);
        scannedOnFirstEvent.set(false);
        if (context != null) {
            // An asynchronous appender declared after this one is wired only when the configuration ends.
            context.addConfigurationEventListener(configurationEnded);
        }
        warnIfBehindAsyncAppender();
    }

    /** Context properties are not metrics fields: no downstream JSON encoder may write them. */
    private void closeDownstreamContext() {
        for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (DownstreamEncoders.removeContextProviders(a) > 0) {
                addInfo("MetricsIdAppender [" + name + "]: the encoder of [" + a.getName() + "] no longer writes context properties");
            }
            String problem = DownstreamEncoders.keyValuePairsProblem(a);
            if (problem != null && encoderWarnings.add(a.getName() + ": " + problem)) {
                addWarn("MetricsIdAppender [" + name + "] forwards to [" + a.getName() + "], but " + problem);
            }
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        ids = null;
        builder = null;
        // every thread's echo of its last uid (the raw uid) and its MAC, kept for the next event, go now: a pool
        // thread may never log again
        PerThread.forgetAll();
        if (context != null) {
            context.removeConfigurationEventListener(configurationEnded);
        }
        addInfo("MetricsIdAppender [" + name + "] stopped: " + getStats());
        // As logback's AsyncAppender does: the downstream appenders are referenced only by this one, so nobody else
        // would stop them, and a transport must be stopped to deliver what it still buffers when the context stops.
        appenders.detachAndStopAllAppenders();
    }

    private String resolveSecret() throws java.io.IOException {
        if (secretEnv != null) {
            return System.getenv(secretEnv);
        }
        if (secretFile != null) {
            return java.nio.file.Files.readString(java.nio.file.Path.of(secretFile), java.nio.charset.StandardCharsets.US_ASCII);
        }
        return secret;
    }

    private void onConfigurationEvent(ConfigurationEvent event) {
        ConfigurationEvent.EventType t = event.getEventType();
        if (isStarted() && (t == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY
                || t == ConfigurationEvent.EventType.PARTIAL_CONFIGURATION_ENDED_SUCCESSFULLY)) {
            try {
                warnIfBehindAsyncAppender();
                closeDownstreamContext();
            } catch (RuntimeException e) {
                addError("MetricsIdAppender [" + name + "]: cannot inspect the appenders after configuration (" + e.getClass().getName() + ")");
            }
        }
    }

    /**
     * Warns (once) when an asynchronous appender forwards to this one: it hands over events whose uid and arguments
     * may have changed by the time this appender reads them, so one user's data could leave under another's id.
     */
    void warnIfBehindAsyncAppender() {
        if (!(context instanceof LoggerContext lc) || asyncWarned.get()) {
            return;
        }
        Appender<ILoggingEvent> front = AsyncFronts.find(lc, this);
        if (front != null && asyncWarned.compareAndSet(false, true)) {
            addWarn("MetricsIdAppender [" + name + "] is referenced by the asynchronous appender [" + front.getName()
                    + "] (" + front.getClass().getSimpleName() + "): attach MetricsIdAppender directly to the logger and put "
                    + "asynchrony downstream of it, or a mutable uid or argument may leave under another user's metrics id");
        }
    }

    // ------------------------------------------------------------------ hot path

    /** Status messages about appending while stopped, or failing, so far (each limited as Logback's base class does). */
    private final AtomicLong notStartedReports = new AtomicLong();
    private final AtomicLong failureReports = new AtomicLong();
    private static final int ALLOWED_REPEATS = 3;

    /**
     * {@link UnsynchronizedAppenderBase#doAppend} with the same rules — a re-entrant call on the same thread (a
     * downstream appender, or user code the appender ran, logging through it) is ignored, a stopped appender warns
     * (three times at most), a {@code DENY} of the filters ends it, a failure is reported (three times at most, its
     * class only: the message could quote a value) — but with its re-entrance guard in the thread's {@link PerThread}
     * state, which building the event needs anyway: one {@link ThreadLocal} access per event instead of six (three on
     * the guard, one each for the reader, the echo and the MAC).
     */
    @Override
    public void doAppend(ILoggingEvent event) {
        PerThread thread = PerThread.current();
        if (!thread.enter(this)) {
            return;
        }
        try {
            if (!started) {
                if (notStartedReports.getAndIncrement() < ALLOWED_REPEATS) {
                    addStatus(new ch.qos.logback.core.status.WarnStatus("Attempted to append to non started appender [" + name + "].", this));
                }
                return;
            }
            if (getFilterChainDecision(event) == ch.qos.logback.core.spi.FilterReply.DENY) {
                return;
            }
            append(event, thread);
        } catch (RuntimeException e) {
            if (failureReports.getAndIncrement() < ALLOWED_REPEATS) {
                addError("Appender [" + name + "] failed to append (" + e.getClass().getName() + ")");
            }
        } finally {
            thread.exit();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        append(event, PerThread.current());
    }

    private void append(ILoggingEvent event, PerThread thread) {
        MetricsIds current = ids;
        EventBuilder b = builder;
        if (current == null || b == null) {
            return;
        }
        if (!scannedOnFirstEvent.get() && scannedOnFirstEvent.compareAndSet(false, true)) {
            warnIfBehindAsyncAppender();
        }
        EventBuilder.Outcome outcome;
        try {
            outcome = b.build(event, current, thread);
        } catch (RuntimeException e) {
            // Never the exception message: it could quote the event's values.
            dropped(EventDrop.FAILED, " (" + e.getClass().getName() + ")");
            return;
        }
        if (outcome.event() == null) {
            dropped(outcome.drop(), "");
            return;
        }
        appenders.appendLoopOnAppenders(outcome.event());
        counters.forwarded();
        reportValueDrops();
    }

    /** At most once a minute, a status warning when fields were left out since the last one. */
    private void reportValueDrops() {
        long total = counters.valueDropsTotal();
        if (total == valueDropsReported.get()) {
            return;
        }
        long now = System.currentTimeMillis();
        long prev = lastValueReport.get();
        if ((prev == 0 || now - prev >= WARN_INTERVAL_MS) && lastValueReport.compareAndSet(prev, now)) {
            valueDropsReported.set(total);
            StringBuilder rules = new StringBuilder();
            counters.valueDrops().keySet().forEach(d -> rules.append(rules.length() == 0 ? "" : "; ").append(d.key()).append(": ").append(d.rule()));
            addWarn("MetricsIdAppender [" + name + "]: fields are left out of forwarded events (" + rules + "); " + getStats());
        }
    }

    private void dropped(EventDrop reason, String detail) {
        counters.dropped(reason);
        long now = System.currentTimeMillis();
        int i = reason.ordinal();
        long prev = lastWarn.get(i);
        if ((prev == 0 || now - prev >= WARN_INTERVAL_MS) && lastWarn.compareAndSet(i, prev, now)) {
            String hint = reason == EventDrop.MISSING_UID ? ": pass the user id under [" + uidKey + "]" : "";
            addWarn("MetricsIdAppender [" + name + "]: events are dropped (" + reason.key() + ": " + reason.rule() + detail + ")"
                    + hint + "; " + getStats());
        }
    }

    /** A snapshot of the counters. */
    public Stats getStats() {
        return new Stats(counters.forwardedCount(), counters.eventDrops(), counters.valueDrops());
    }

    /** The id computer in use while started, e.g. to answer deletion requests with the same settings. */
    public MetricsIds getMetricsIds() {
        return ids;
    }

    // ------------------------------------------------------------------ AppenderAttachable

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }

    @Override
    public String toString() {
        return "MetricsIdAppender[" + name + ", service=" + service + ", rotation=" + (rotation == null ? null : rotation.toUpperCase(Locale.ROOT)) + "]";
    }
}
