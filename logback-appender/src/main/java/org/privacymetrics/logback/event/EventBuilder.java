package org.privacymetrics.logback.event;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.privacymetrics.logback.DeviceClass;
import org.privacymetrics.logback.id.MetricsIds;
import org.slf4j.event.KeyValuePair;

/**
 * Builds the downstream {@link MetricsEvent} of one logging event from an allowlist, or says why the event is dropped.
 * Reads the uid from every channel (all must agree), the event name ({@code event}, else the message pattern), an
 * optional UUID {@code event_id}, the User-Agent (reduced to a device class) and the allowed extra keys; everything
 * else of the source event — message text, arguments, MDC, markers, throwable, caller data, thread and logger names,
 * context properties — is never read into the result.
 */
public final class EventBuilder {

    /** Keys the builder writes itself; callers cannot set them through allowed keys. */
    public static final Set<String> OWN_KEYS = Set.of("metrics_id", "metrics_epoch", "metrics_key_id", "service", "event", "event_id", "device");
    /** The shape of an event name. */
    public static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** {@link #EVENT_NAME}, checked by hand on the hot path. */
    static boolean isEventName(String name) {
        int n = name.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':'
                || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Either the built event or the reason the source event is dropped. */
    public record Outcome(MetricsEvent event, EventDrop drop) {
    }

    private final String service;
    private final String uidKey;
    private final String userAgentKey;
    private final Set<String> allowedKeys;
    private final Map<String, Set<String>> valueSets;
    private final int maxValueLength;
    private final UnaryOperator<String> masker;
    private final Counters counters;
    private final LoggerContextVO context;

    /**
     * @param allowedKeys the extra keys allowed to pass
     * @param valueSets for keys with a closed value set, the values allowed (others are dropped); keys not in it are free
     * @param masker applied to every allowed free string value (the PII engine), or {@code null} for none
     */
    public EventBuilder(String service, String uidKey, String userAgentKey, Set<String> allowedKeys, Map<String, Set<String>> valueSets,
            int maxValueLength, UnaryOperator<String> masker, Counters counters) {
        this.service = service;
        this.uidKey = uidKey;
        this.userAgentKey = userAgentKey;
        this.allowedKeys = Set.copyOf(allowedKeys);
        this.valueSets = Map.copyOf(valueSets);
        this.maxValueLength = maxValueLength;
        this.masker = masker;
        this.counters = counters;
        this.context = MetricsEvent.contextView(service);
    }

    /** The last uid's renderings: a service logs many events per user in a row, and folding a uid is not free. */
    private volatile UidEcho lastEcho;

    private UidEcho echoOf(String uid) {
        UidEcho last = lastEcho;
        if (last != null && last.uid().equals(uid)) {
            return last;
        }
        UidEcho fresh = new UidEcho(uid);
        lastEcho = fresh;
        return fresh;
    }

    public Outcome build(ILoggingEvent source, MetricsIds ids) {
        Channels.Read read = Channels.read(source, uidKey);
        if (read.unreadable()) {
            return drop(EventDrop.UNREADABLE_FIELD);
        }
        if (read.uids().isEmpty()) {
            return drop(EventDrop.MISSING_UID);
        }
        String uid = null;
        for (Object candidate : read.uids()) {
            String rendered = render(candidate);
            if (rendered == null || rendered.isBlank()) {
                return drop(EventDrop.INVALID_UID);
            }
            if (uid == null) {
                uid = rendered;
            } else if (!uid.equals(rendered)) {
                return drop(EventDrop.CONFLICTING_UID);
            }
        }
        UidEcho echo = echoOf(uid);
        Map<String, Object> fields = read.fields();
        String eventName = eventName(fields.remove("event"), source.getMessage(), echo);
        if (eventName == null) {
            return drop(EventDrop.INVALID_EVENT);
        }
        String eventId = eventId(fields.remove("event_id"), echo);
        DeviceClass device = device(fields.remove("device"), userAgentKey == null ? null : fields.remove(userAgentKey));

        String epoch = ids.epoch(source.getInstant());
        List<KeyValuePair> out = new ArrayList<>(8 + Math.min(fields.size(), allowedKeys.size()));
        out.add(new KeyValuePair("metrics_id", ids.metricsIdInEpoch(uid, epoch)));
        out.add(new KeyValuePair("metrics_epoch", epoch));
        out.add(new KeyValuePair("metrics_key_id", ids.keyId()));
        out.add(new KeyValuePair("service", service));
        out.add(new KeyValuePair("event", eventName));
        out.add(new KeyValuePair("event_id", eventId));
        out.add(new KeyValuePair("device", device.value()));
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!allowedKeys.contains(e.getKey()) || OWN_KEYS.contains(e.getKey())) {
                counters.dropped(ValueDrop.KEY_NOT_ALLOWED);
                continue;
            }
            Set<String> closed = valueSets.get(e.getKey());
            Object v = closed == null ? allowedValue(e.getValue(), echo) : closedValue(e.getValue(), closed);
            if (v != null) {
                out.add(new KeyValuePair(e.getKey(), v));
            }
        }
        return new Outcome(new MetricsEvent(context, service, source.getLevel(), eventName, source.getInstant(),
                source.getSequenceNumber(), out), null);
    }

    private static Outcome drop(EventDrop reason) {
        return new Outcome(null, reason);
    }

    /** The uid as a string, rendered once; {@code null} when its rendering fails or it is a structure. */
    static String render(Object uid) {
        if (uid instanceof String s) {
            return s;
        }
        if (uid instanceof Map<?, ?> || uid instanceof Iterable<?> || uid instanceof Boolean || uid.getClass().isArray()) {
            return null;
        }
        try {
            return String.valueOf(uid);
        } catch (RuntimeException | StackOverflowError e) {
            // Never the exception: its message may quote the uid.
            return null;
        }
    }

    private static String eventName(Object given, String pattern, UidEcho echo) {
        String name;
        if (given != null) {
            name = given instanceof String s ? s : null;
        } else {
            name = pattern;
        }
        return name != null && isEventName(name) && !echo.rendersUid(name) ? name : null;
    }

    private String eventId(Object given, UidEcho echo) {
        if (given instanceof String s && UUID_FORM.matcher(s).matches() && !echo.rendersUid(s)) {
            return s.toLowerCase(Locale.ROOT);
        }
        if (given != null) {
            counters.dropped(ValueDrop.INVALID_EVENT_ID);
        }
        return newEventId();
    }

    private static DeviceClass device(Object given, Object userAgent) {
        DeviceClass d = given instanceof String s ? DeviceClass.parse(s) : null;
        if (d != null) {
            return d;
        }
        return DeviceClass.of(userAgent instanceof String ua ? ua : null);
    }

    /** The value to forward for an allowed key, or {@code null} (counted) when it is dropped. */
    private Object allowedValue(Object v, UidEcho echo) {
        if (v instanceof String s) {
            if (s.length() > maxValueLength) {
                counters.dropped(ValueDrop.TOO_LONG);
                return null;
            }
            if (echo.rendersUid(s)) {
                counters.dropped(ValueDrop.UID_VALUE);
                return null;
            }
            if (echo.looksLikeAUid(s)) {
                counters.dropped(ValueDrop.UID_LIKE);
                return null;
            }
            return masker == null ? s : masker.apply(s);
        }
        if (isPlainNumber(v)) {
            if (echo.rendersUid(v)) {
                counters.dropped(ValueDrop.UID_VALUE);
                return null;
            }
            if (echo.looksLikeAUid(String.valueOf(v))) {
                counters.dropped(ValueDrop.UID_LIKE);
                return null;
            }
            return v;
        }
        if (v instanceof Boolean) {
            return v;
        }
        counters.dropped(ValueDrop.NOT_A_VALUE);
        return null;
    }

    /** A value of a key with a closed value set: one of the declared strings, exactly, or nothing. */
    private Object closedValue(Object v, Set<String> closed) {
        if (v instanceof String s && closed.contains(s)) {
            return s;
        }
        counters.dropped(ValueDrop.NOT_IN_VALUE_SET);
        return null;
    }

    /** JDK number types only: a caller's own Number subclass could serialize anything. */
    private static boolean isPlainNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof Double
                || v instanceof Float || v instanceof BigInteger || v instanceof BigDecimal;
    }

    /**
     * A random (version 4) UUID. event_id needs uniqueness, not secrecy: it carries no information about the user, so
     * ThreadLocalRandom's 122 random bits do, without contending on the shared SecureRandom on every event.
     */
    static String newEventId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
