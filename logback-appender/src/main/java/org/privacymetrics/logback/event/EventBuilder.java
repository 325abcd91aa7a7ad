package org.privacymetrics.logback.event;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
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
import org.privacymetrics.core.pii.NameReading;
import org.privacymetrics.core.pii.NumberText;
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

    /** Either the built event (which is its own outcome, so building allocates nothing more) or why the source event is dropped. */
    public sealed interface Outcome permits MetricsEvent, Dropped {
        /** The built event, or null when the source event is dropped. */
        MetricsEvent event();

        /** Why the source event is dropped, or null when it was built. */
        EventDrop drop();
    }

    /** The outcome of a dropped event. */
    record Dropped(EventDrop drop) implements Outcome {
        @Override
        public MetricsEvent event() {
            return null;
        }
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
        this.servicePair = new KeyValuePair("service", service);
        this.specialKeys = new String[] {"event", "event_id", "device", userAgentKey};
        Set<String> forwardable = new java.util.HashSet<>(allowedKeys);
        forwardable.removeAll(OWN_KEYS);
        this.forwardableKeys = Set.copyOf(forwardable);
    }

    /** The keys the builder reads itself, held apart by the channel reader (indexes below); the User-Agent key may be null. */
    private final String[] specialKeys;
    private static final int SPECIAL_EVENT = 0;
    private static final int SPECIAL_EVENT_ID = 1;
    private static final int SPECIAL_DEVICE = 2;
    private static final int SPECIAL_USER_AGENT = 3;
    /** The allowed keys that are not {@link #OWN_KEYS}: one look-up per extra field instead of two. */
    private final Set<String> forwardableKeys;

    /** The pairs every event of one epoch shares (key-value pairs are immutable, so events can share them). */
    private record EpochPairs(MetricsIds ids, String label, KeyValuePair epoch, KeyValuePair keyId) {
    }

    private static final KeyValuePair[] DEVICE_PAIRS = new KeyValuePair[DeviceClass.values().length];

    static {
        for (DeviceClass d : DeviceClass.values()) {
            DEVICE_PAIRS[d.ordinal()] = new KeyValuePair("device", d.value());
        }
    }

    private final KeyValuePair servicePair;
    private volatile EpochPairs epochPairs;
    /** {@code event} pairs of recent event names, one slot per hash (a newer name replaces the one in its slot). */
    private final KeyValuePair[] eventPairs = new KeyValuePair[64];

    private EpochPairs epochPairs(MetricsIds ids, String label) {
        EpochPairs p = epochPairs;
        if (p == null || p.ids != ids || !p.label.equals(label)) {
            p = new EpochPairs(ids, label, new KeyValuePair("metrics_epoch", label), new KeyValuePair("metrics_key_id", ids.keyId()));
            epochPairs = p;
        }
        return p;
    }

    private KeyValuePair eventPair(String name) {
        int h = name.hashCode();
        int i = (h ^ (h >>> 16)) & (eventPairs.length - 1);
        KeyValuePair p = eventPairs[i];
        if (p == null || !name.equals(p.value)) {
            p = new KeyValuePair("event", name);
            eventPairs[i] = p;
        }
        return p;
    }

    /** Renderings of recent forwarded event names: they repeat, and decoding and normalizing them is not free. */
    private final ValueRenderings.Cache eventNames = new ValueRenderings.Cache(64);
    /** Renderings of recent allowed values forwarded unchanged (nothing masked): a hit needs no PII scan either. */
    private final ValueRenderings.Cache cleanValues = new ValueRenderings.Cache(256);

    /** {@link #build(ILoggingEvent, MetricsIds, PerThread)} with the calling thread's state. */
    public Outcome build(ILoggingEvent source, MetricsIds ids) {
        return build(source, ids, PerThread.current());
    }

    /**
     * Builds the event of {@code source}, or says why it is dropped. {@code thread} is the calling thread's
     * {@link PerThread#current() state} (the caller looked it up once for the whole event): its reader, its echo of the
     * thread's last uid (a thread serves one user for several events in a row, and folding a uid is not free) and its
     * MAC, all reused; a fresh state when an outer event on this thread is still using them.
     */
    public Outcome build(ILoggingEvent source, MetricsIds ids, PerThread thread) {
        PerThread t = thread.claim();
        try {
            return build(source, ids, t, Channels.read(source, t.read.open(uidKey, specialKeys)));
        } finally {
            t.release();
        }
    }

    private Outcome build(ILoggingEvent source, MetricsIds ids, PerThread t, Channels.Read read) {
        if (read.unreadable()) {
            return drop(EventDrop.UNREADABLE_FIELD);
        }
        int uidCount = read.uidCount();
        if (uidCount == 0) {
            return drop(EventDrop.MISSING_UID);
        }
        String uid = null;
        for (int i = 0; i < uidCount; i++) {
            String rendered = render(read.uid(i));
            if (rendered == null || rendered.isBlank()) {
                return drop(EventDrop.INVALID_UID);
            }
            if (uid == null) {
                uid = rendered;
            } else if (!uid.equals(rendered)) {
                return drop(EventDrop.CONFLICTING_UID);
            }
        }
        UidEcho echo = t.echoOf(uid);
        Fields fields = read.fields();
        Object givenName = read.special(SPECIAL_EVENT);
        String eventName = givenName != null ? (givenName instanceof String s ? s : null) : source.getMessage();
        EventDrop nameDrop = eventNameDrop(eventName, echo);
        if (nameDrop != null) {
            return drop(nameDrop);
        }
        String eventId = eventId(read.special(SPECIAL_EVENT_ID), echo);
        DeviceClass device = device(read.special(SPECIAL_DEVICE), read.special(SPECIAL_USER_AGENT));

        Instant at = source.getInstant();
        String epoch = ids.epoch(at);
        EpochPairs epochPairs = epochPairs(ids, epoch);
        KeyValues out = new KeyValues(7 + Math.min(fields.size(), allowedKeys.size()));
        out.add(new KeyValuePair("metrics_id", ids.metricsIdInEpoch(uid, epoch, t.mac)));
        out.add(epochPairs.epoch);
        out.add(epochPairs.keyId);
        out.add(servicePair);
        out.add(eventPair(eventName));
        out.add(new KeyValuePair("event_id", eventId));
        out.add(DEVICE_PAIRS[device.ordinal()]);
        for (int i = 0, n = fields.slots(); i < n; i++) {
            String key = fields.keyAt(i);
            if (key == null) {
                continue; // a removed slot
            }
            if (!forwardableKeys.contains(key)) {
                counters.dropped(ValueDrop.KEY_NOT_ALLOWED);
                continue;
            }
            Set<String> closed = valueSets.get(key);
            Object v = closed == null ? allowedValue(fields.valueAt(i), echo) : closedValue(fields.valueAt(i), closed);
            if (v != null) {
                out.add(new KeyValuePair(key, v));
            }
        }
        return new MetricsEvent(context, service, source.getLevel(), eventName, at, source.getSequenceNumber(), out);
    }

    private static final Outcome[] DROPS = new Outcome[EventDrop.values().length];

    static {
        for (EventDrop d : EventDrop.values()) {
            DROPS[d.ordinal()] = new Dropped(d);
        }
    }

    private static Outcome drop(EventDrop reason) {
        return DROPS[reason.ordinal()];
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

    /**
     * Why the event name cannot be forwarded, or {@code null} when it can: the {@code event} argument if given, else the
     * message pattern; it must have the event-name form, render no uid, and hold nothing the PII engine finds.
     */
    private EventDrop eventNameDrop(String name, UidEcho echo) {
        if (name == null || !isEventName(name)) {
            return EventDrop.INVALID_EVENT;
        }
        ValueRenderings r = eventNames.get(name);
        if (r != null) {
            return echo.rendersUid(r) ? EventDrop.INVALID_EVENT : null;
        }
        r = ValueRenderings.of(name);
        if (echo.rendersUid(r)) {
            return EventDrop.INVALID_EVENT;
        }
        if (masker != null && holdsPersonalData(name)) {
            return EventDrop.PERSONAL_DATA_EVENT; // not cached: only names the engine passes are
        }
        eventNames.put(r);
        return null;
    }

    /**
     * Whether the engine finds anything in the name as it is or with its joiners read as blanks or dots
     * ({@code pay_4111_1111_1111_1111}, {@code sms_415_555_0133}: NameReading, as the ingest scrub reads the name).
     */
    private boolean holdsPersonalData(String name) {
        if (!masker.apply(name).equals(name)) {
            return true;
        }
        for (String r : NameReading.readings(name)) {
            if (!masker.apply(r).equals(r)) {
                return true;
            }
        }
        return false;
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
            ValueRenderings r = cleanValues.get(s);
            boolean clean = r != null;
            if (!clean) {
                r = ValueRenderings.of(s);
            }
            if (echo.rendersUid(r)) {
                counters.dropped(ValueDrop.UID_VALUE);
                return null;
            }
            if (echo.looksLikeAUid(s)) {
                counters.dropped(ValueDrop.UID_LIKE);
                return null;
            }
            if (clean) {
                return s;
            }
            if (masker == null) {
                cleanValues.put(r);
                return s;
            }
            String masked = masker.apply(s);
            if (s.equals(masked)) {
                cleanValues.put(r);
            }
            return masked;
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
            if (masker != null) {
                // the digits as the ingest scrub reads them (NumberText): a card number logged as a long is one
                String digits = NumberText.of((Number) v);
                if (!masker.apply(digits).equals(digits)) {
                    counters.dropped(ValueDrop.PERSONAL_DATA_NUMBER);
                    return null;
                }
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
