package org.privacymetrics.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.marker.LogstashMarker;
import org.privacymetrics.logback.id.MetricsIds;
import org.privacymetrics.logback.id.MetricsSecret;
import org.privacymetrics.logback.id.Rotation;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Pseudonymizes usage events at the edge: replaces the raw user id by a metrics id (spec v1, {@code docs/metrics-id.md})
 * and hands a scrubbed copy of each event to the appenders referenced with {@code <appender-ref>}.
 *
 * <pre>{@code
 * <appender name="METRICS" class="org.privacymetrics.logback.MetricsIdAppender">
 *   <service>sync</service>
 *   <secret>${METRICS_SECRET}</secret>   <!-- base64, >= 32 bytes -->
 *   <rotation>MONTH</rotation>           <!-- MONTH | WEEK | DAY -->
 *   <uidKey>uid</uidKey>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * }</pre>
 *
 * <p>The uid is read from the MDC, SLF4J 2 key-value pairs, logstash-logback-encoder structured arguments and markers.
 * The copy has no MDC, no arguments and no markers; it carries {@code metrics_id}, {@code metrics_epoch},
 * {@code metrics_key_id}, {@code service}, {@code event}, {@code event_id} and {@code device} as key-value pairs (top-level
 * fields with {@code LogstashEncoder}), plus the extra keys allowed with {@code <allowedKey>}, whose string values have
 * e-mail addresses, IP addresses and bearer tokens masked. Occurrences of the uid in the message and in exception
 * messages are replaced by the metrics id.
 *
 * <p>Events without a uid are dropped and counted ({@code missing_uid}): an event that cannot be attributed to a
 * pseudonymous user cannot be counted, and forwarding it would let un-pseudonymized events through.
 *
 * <p>Fails closed: with a missing or short secret, an unknown rotation, no service or no appender, {@link #start()}
 * reports a status error (never the secret) and the appender stays stopped, forwarding nothing.
 */
public class MetricsIdAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements AppenderAttachable<ILoggingEvent> {

    /** Keys the appender writes itself; callers cannot override them through extras. */
    static final Set<String> OWN_KEYS = Set.of("metrics_id", "metrics_epoch", "metrics_key_id", "service", "event", "event_id", "device");
    private static final long WARN_INTERVAL_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private String service;
    private String secret;
    private String secretEnv;
    private String secretFile;
    private String rotation = Rotation.MONTH.name();
    private String uidKey = "uid";
    private String userAgentKey = "user_agent";
    private final Set<String> allowedKeys = new LinkedHashSet<>();
    private int cacheSize = 10_000;
    private boolean maskPii = true;

    private volatile MetricsIds ids;
    private final PiiMasker masker = new PiiMasker();

    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong droppedMissingUid = new AtomicLong();
    private final AtomicLong droppedFailed = new AtomicLong();
    private final AtomicLong keysRemoved = new AtomicLong();
    private final AtomicLong lastMissingUidWarn = new AtomicLong();
    private final AtomicLong lastFailureWarn = new AtomicLong();

    /** Counters of this appender, for operators and tests. */
    public record Stats(long forwarded, long droppedMissingUid, long droppedFailed, long keysRemoved) {
        /** All dropped events. */
        public long dropped() {
            return droppedMissingUid + droppedFailed;
        }
    }

    // ------------------------------------------------------------------ configuration (Joran bean setters)

    /** The service name written to {@code service}; required. */
    public void setService(String service) {
        this.service = service == null ? null : service.trim();
    }

    /** The shared edge secret, base64, at least 32 bytes; required. Checked in {@link #start()}. */
    public void setSecret(String secret) {
        this.secret = secret;
    }

    /**
     * Name of an environment variable holding the base64 secret, read in {@link #start()}. Prefer this to
     * {@code <secret>${VAR}</secret>}: Logback's configurator records every {@code ${...}} substitution, values
     * included, in its status messages, which are printed when the configuration has warnings or errors.
     */
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

    /** Key under which callers pass the raw user id (MDC, key-value pair or structured argument); default {@code uid}. */
    public void setUidKey(String uidKey) {
        this.uidKey = uidKey == null ? null : uidKey.trim();
    }

    /** Key under which callers pass the User-Agent; default {@code user_agent}. It is reduced to {@code device} and dropped. */
    public void setUserAgentKey(String userAgentKey) {
        this.userAgentKey = userAgentKey == null ? null : userAgentKey.trim();
    }

    /** Allows one more extra key to pass (repeatable {@code <allowedKey>}). */
    public void addAllowedKey(String key) {
        if (key != null && !key.isBlank()) {
            allowedKeys.add(key.trim());
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

    /** Whether PII in allowed string values and messages is masked; default true. */
    public void setMaskPii(boolean maskPii) {
        this.maskPii = maskPii;
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        int errors = 0;
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
            } catch (java.io.IOException e) {
                addError("MetricsIdAppender [" + name + "]: " + source + " cannot be read: " + e.getClass().getSimpleName());
                errors++;
            }
        }
        if (cacheSize < 0) {
            addError("MetricsIdAppender [" + name + "]: <cacheSize> must be >= 0, got [" + cacheSize + "]");
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
            ids = candidate;
        } catch (RuntimeException e) {
            addError("MetricsIdAppender [" + name + "]: cannot compute metrics ids: " + e.getClass().getName());
            return;
        }
        addInfo("MetricsIdAppender [" + name + "] started: service [" + service + "], rotation [" + rot + "], metrics_key_id ["
                + ids.keyId() + "], allowed extra keys " + allowedKeys);
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        ids = null;
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

    // ------------------------------------------------------------------ hot path

    @Override
    protected void append(ILoggingEvent event) {
        MetricsIds current = ids;
        if (current == null) {
            return;
        }
        ILoggingEvent copy;
        try {
            copy = pseudonymize(event, current);
        } catch (RuntimeException e) {
            droppedFailed.incrementAndGet();
            // Never the exception message: it could quote the event's values.
            warnThrottled(lastFailureWarn, "an event could not be pseudonymized (" + e.getClass().getName() + ") and was dropped");
            return;
        }
        if (copy == null) {
            droppedMissingUid.incrementAndGet();
            warnThrottled(lastMissingUidWarn, "events without [" + uidKey + "] are dropped: pass the user id under that key");
            return;
        }
        appenders.appendLoopOnAppenders(copy);
        forwarded.incrementAndGet();
    }

    private ILoggingEvent pseudonymize(ILoggingEvent event, MetricsIds current) {
        Map<String, Object> fields = collectFields(event);
        Object uidValue = fields.remove(uidKey);
        String uid = uidValue == null ? null : String.valueOf(uidValue);
        if (uid == null || uid.isEmpty()) {
            return null;
        }
        String epoch = current.epoch(event.getInstant());
        String metricsId = current.metricsIdInEpoch(uid, epoch);

        String message = scrub(event.getFormattedMessage(), uid, metricsId);
        Object eventName = fields.remove("event");
        Object eventId = fields.remove("event_id");
        Object ua = userAgentKey == null ? null : fields.remove(userAgentKey);
        Object given = fields.remove("device");
        DeviceClass device = given == null ? null : DeviceClass.parse(String.valueOf(given));
        if (device == null) {
            device = DeviceClass.of(ua == null ? null : String.valueOf(ua));
        }

        List<KeyValuePair> out = new ArrayList<>(8 + allowedKeys.size());
        out.add(new KeyValuePair("metrics_id", metricsId));
        out.add(new KeyValuePair("metrics_epoch", epoch));
        out.add(new KeyValuePair("metrics_key_id", current.keyId()));
        out.add(new KeyValuePair("service", service));
        out.add(new KeyValuePair("event", eventName == null ? message : scrub(String.valueOf(eventName), uid, metricsId)));
        out.add(new KeyValuePair("event_id", eventId == null ? newEventId() : scrub(String.valueOf(eventId), uid, metricsId)));
        out.add(new KeyValuePair("device", device.value()));
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (allowedKeys.contains(e.getKey()) && !OWN_KEYS.contains(e.getKey())) {
                Object v = e.getValue();
                if (v instanceof CharSequence cs) {
                    v = scrub(cs.toString(), uid, metricsId);
                } else if (v != null && !(v instanceof Number) && !(v instanceof Boolean)) {
                    // Objects could serialize the uid in their fields: pass their (scrubbed) string form only.
                    v = scrub(String.valueOf(v), uid, metricsId);
                }
                out.add(new KeyValuePair(e.getKey(), v));
            } else {
                keysRemoved.incrementAndGet();
            }
        }
        return new PseudonymizedEvent(event, message, ScrubbedThrowable.of(event.getThrowableProxy(), m -> scrub(m, uid, metricsId)), out);
    }

    /**
     * A random (version 4) UUID. event_id needs uniqueness, not secrecy: it carries no information about the user, so
     * ThreadLocalRandom's 122 random bits do, without contending on the shared SecureRandom on every event.
     */
    static String newEventId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** Replaces the uid by the metrics id, then masks PII. */
    private String scrub(String text, String uid, String metricsId) {
        if (text == null) {
            return null;
        }
        String s = text.replace(uid, metricsId);
        return maskPii ? masker.mask(s) : s;
    }

    /** MDC, then logstash markers, then structured arguments, then key-value pairs: later sources win. */
    private Map<String, Object> collectFields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> mdc;
        try {
            mdc = event.getMDCPropertyMap();
        } catch (NullPointerException e) {
            // A LoggerContext built by hand has no MDC adapter: then there is no MDC to read.
            mdc = null;
        }
        if (mdc != null) {
            fields.putAll(mdc);
        }
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker m : markers) {
                collectMarker(m, fields, 0);
            }
        }
        Object[] args = event.getArgumentArray();
        if (args != null) {
            for (Object a : args) {
                if (a instanceof StructuredArgument sa) {
                    fields.putAll(structured(sa));
                }
            }
        }
        List<KeyValuePair> kvs = event.getKeyValuePairs();
        if (kvs != null) {
            for (KeyValuePair kv : kvs) {
                if (kv != null && kv.key != null) {
                    fields.put(kv.key, kv.value);
                }
            }
        }
        return fields;
    }

    private static void collectMarker(Marker m, Map<String, Object> fields, int depth) {
        if (m == null || depth > 8) {
            return;
        }
        if (m instanceof StructuredArgument sa) {
            fields.putAll(structured(sa));
        } else if (m instanceof LogstashMarker lm) {
            fields.putAll(written(lm::writeTo));
        }
        Iterator<Marker> it = m.iterator();
        while (it.hasNext()) {
            collectMarker(it.next(), fields, depth + 1);
        }
    }

    private static Map<String, Object> structured(StructuredArgument sa) {
        return written(sa::writeTo);
    }

    private interface Writer {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** What a structured argument or marker would write as JSON fields, read back as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> written(Writer w) {
        try {
            StringWriter sw = new StringWriter();
            try (JsonGenerator g = JSON.getFactory().createGenerator(sw)) {
                g.writeStartObject();
                w.writeTo(g);
                g.writeEndObject();
            }
            return JSON.readValue(sw.toString(), LinkedHashMap.class);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private void warnThrottled(AtomicLong last, String message) {
        long now = System.currentTimeMillis();
        long prev = last.get();
        if (now - prev >= WARN_INTERVAL_MS && last.compareAndSet(prev, now)) {
            addWarn("MetricsIdAppender [" + name + "]: " + message + "; " + getStats());
        }
    }

    /** A snapshot of the counters. */
    public Stats getStats() {
        return new Stats(forwarded.get(), droppedMissingUid.get(), droppedFailed.get(), keysRemoved.get());
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
        return "MetricsIdAppender[" + name + ", service=" + service + ", rotation=" + rotation.toUpperCase(Locale.ROOT) + "]";
    }
}
