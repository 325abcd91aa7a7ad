package org.privacymetrics.es.ingest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.ConfigurationUtils;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;
import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.NumberText;
import org.privacymetrics.core.pii.PiiKind;
import org.privacymetrics.core.pii.NameReading;
import org.privacymetrics.core.pii.PiiScanner;
import org.privacymetrics.core.pii.WorkBudget;
import org.privacymetrics.es.compat.ProcessorFactoryBase;

/**
 * {@code privacy_scrub}: an allowlist schema for raw usage events, and PII scrubbing of the values that pass.
 * <ul>
 *   <li>fields outside the allowlist are removed (and counted);</li>
 *   <li>fields that signal a misconfigured edge ({@code uid}, {@code user_id}, {@code email}, {@code ip},
 *       {@code ip_address}, {@code user_agent}, plus {@code forbidden_fields}) fail the document, naming the field only;</li>
 *   <li>string values are checked by the detectors email, ip, card (Luhn), token (bearer/JWT) and phone, each with
 *       action {@code redact} (default, {@code [redacted:<detector>]}), {@code drop} (the field) or {@code fail};</li>
 *   <li>before them, the work budget ({@link WorkBudget}, detector {@code dense}): a value of 1,024 characters or more
 *       that would cost more than three times plain text to read is not read, and {@code detectors.dense} decides
 *       (redacted whole by default);</li>
 *   <li>{@code metrics_id} must be 32 lowercase hex, {@code event_id} a UUID, {@code @timestamp} a date and
 *       {@code device} one of mobile, tablet, desktop, bot, unknown.</li>
 * </ul>
 * Config: {@code allowed_fields} (extra keyword fields), {@code forbidden_fields}, {@code detectors} (detector → action).
 */
public final class PrivacyScrubProcessor extends AbstractProcessor {

    public static final String TYPE = "privacy_scrub";

    static final List<String> DEFAULT_FIELDS =
            List.of("@timestamp", "event_id", "service", "event", "metrics_id", "metrics_epoch", "metrics_key_id", "device");
    static final List<String> DEFAULT_FORBIDDEN = List.of("uid", "user_id", "email", "ip", "ip_address", "user_agent");
    static final Set<String> DEVICES = Set.of("mobile", "tablet", "desktop", "bot", "unknown");
    static final Pattern EPOCH = Pattern.compile("[0-9]{4}-(?:[0-9]{2}|W[0-9]{2}|[0-9]{2}-[0-9]{2})");
    // Field names are counted by name; a name that itself looks like data is counted under this one instead.
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_COUNTED_NAMES = 200;

    /** What to do when a detector finds something. */
    enum Action { REDACT, DROP, FAIL }

    private final Set<String> allowed;
    private final Set<String> forbidden;
    private final Map<String, Action> detectors;
    // the same detectors as arrays, in their order: each event runs them once per free-text value
    private final PiiKind[] kinds;
    private final String[] kindNames;
    private final Action[] actions;
    /** The detectors whose action is {@code redact}: run in one scan of each value. */
    private final Set<PiiKind> redactKinds;
    /** The index of {@code dense} (the work budget, {@link WorkBudget}) in {@link #kinds}, or -1. */
    private final int denseAt;
    /**
     * Whether the work budget is judged before the detectors that fail or drop (there are some, or {@code dense} is one
     * of them); otherwise the one redacting scan judges it.
     */
    private final boolean denseFirst;
    private final CleanValues cleanValues = new CleanValues();
    /**
     * Values of {@code event} and {@code service} found clean in every reading of a name ({@link NameReading}): kept
     * apart from {@link #cleanValues}, whose values were read only as free text. One set for both let a value that is
     * clean as free text ({@code sms_415_555_0133} in an operator-allowed field) skip the name readings in {@code event}
     * (the attack review of 2026-12-02, hunt7).
     */
    private final CleanValues cleanNames = new CleanValues();
    private final IngestStats stats;

    PrivacyScrubProcessor(String tag, String description, Set<String> allowed, Set<String> forbidden, Map<String, Action> detectors,
                          IngestStats stats) {
        super(tag, description);
        this.allowed = Set.copyOf(allowed);
        this.forbidden = Set.copyOf(forbidden);
        this.detectors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detectors)); // order matters: tokens before the rest
        this.kinds = new PiiKind[this.detectors.size()];
        this.kindNames = new String[kinds.length];
        this.actions = new Action[kinds.length];
        int i = 0;
        for (Map.Entry<String, Action> d : this.detectors.entrySet()) {
            kindNames[i] = d.getKey();
            kinds[i] = PiiDetectors.PATTERNS.get(d.getKey());
            actions[i++] = d.getValue();
        }
        EnumSet<PiiKind> redact = EnumSet.noneOf(PiiKind.class);
        for (int d = 0; d < kinds.length; d++) {
            if (actions[d] == Action.REDACT) {
                redact.add(kinds[d]);
            }
        }
        this.redactKinds = java.util.Collections.unmodifiableSet(redact);
        this.denseAt = java.util.Arrays.asList(kinds).indexOf(PiiKind.DENSE);
        boolean screens = false; // whether a detector fails the document or drops the field
        for (Action a : actions) {
            screens |= a != Action.REDACT;
        }
        // With every detector redacting (the default), the redacting scan decides the budget itself (DENSE is one of
        // redactKinds, its finding the whole value): no separate look first, which built a long value's readings twice.
        this.denseFirst = denseAt >= 0 && screens;
        this.stats = stats;
    }

    /** Whether {@code kind}'s detector finds anything in {@code value} or in one of its other readings. */
    private static boolean findsIn(PiiKind kind, String value, List<String> readings) {
        if (PiiDetectors.find(kind, value)) {
            return true;
        }
        for (String r : readings) {
            if (PiiDetectors.find(kind, r)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a redacting detector could find anything in a value of this shape. */
    private boolean mayRedact(PiiDetectors.Shape shape) {
        for (PiiKind k : redactKinds) {
            if (shape.mayContain(k)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public IngestDocument execute(IngestDocument doc) {
        try {
            return scrub(doc);
        } catch (Rejection e) {
            throw e;
        } catch (RuntimeException e) {
            // A fault of the detectors on some value (none is known; NeverThrowsTest fuzzes for them): the document is
            // refused, never stored unscanned, and counted. Neither the exception's message nor its cause is passed on:
            // either could quote the value.
            stats.rejection("scan_error");
            throw new IllegalStateException("the document could not be scanned for personal data (" + e.getClass().getSimpleName()
                    + "); it is refused");
        }
    }

    private IngestDocument scrub(IngestDocument doc) {
        Map<String, Object> source = doc.getSource();
        for (String f : forbidden) {
            if (source.containsKey(f)) {
                throw reject("forbidden_field", "field [" + f + "] is not allowed: it identifies a person; pseudonymize at the edge");
            }
        }
        for (Iterator<Map.Entry<String, Object>> it = source.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> entry = it.next();
            String key = entry.getKey();
            if (!allowed.contains(key)) {
                String nested = forbiddenInside(key, entry.getValue());
                if (nested != null) {
                    throw reject("forbidden_field", "field [" + nested + "] is not allowed: it identifies a person; pseudonymize at the edge");
                }
                it.remove();
                stats.droppedUnknownField(key);
            }
        }
        validate(source);
        for (Iterator<Map.Entry<String, Object>> it = source.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> e = it.next();
            String field = e.getKey();
            if (field.equals("@timestamp") || field.equals("metrics_id") || field.equals("event_id") || field.equals("metrics_epoch")
                    || field.equals("device")) {
                continue; // validated formats and closed value sets that cannot hold free text
            }
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List) {
                throw reject("not_a_keyword", "field [" + field + "] must be a single keyword value");
            }
            if (v == null) {
                continue;
            }
            // Numbers and booleans are scanned too: a card number sent as a JSON number is still a card number, whatever
            // its notation (NumberText).
            String s = v instanceof String str ? str : v instanceof Number num ? NumberText.of(num) : String.valueOf(v);
            if (s.length() > MAX_KEYWORD_BYTES / 3 && utf8Length(s) > MAX_KEYWORD_BYTES) {
                // Lucene would refuse it after the event's index was created: refused here, before any index exists,
                // and before the detectors spend time on a value that is never stored
                throw reject("value_too_long", "field [" + field + "] is longer than [" + MAX_KEYWORD_BYTES + "] bytes, the most a keyword holds");
            }
            // The event and service names are identifiers: also read with their joiners as blanks (pay_4111_1111_1111_1111),
            // as the appender reads an event name (NameReading); every reading has the value's length, so findings are
            // spans of the value.
            boolean name = field.equals("event") || field.equals("service");
            CleanValues clean = name ? cleanNames : cleanValues;
            if (clean.contains(s)) {
                continue; // scanned before the same way, nothing found: the same string gives the same verdict
            }
            String value = s;
            PiiDetectors.Shape shape = PiiDetectors.Shape.of(value);
            List<String> readings = name ? NameReading.readings(value) : List.of();
            boolean found = false;
            // The work budget before any detector (WorkBudget): a long value that would cost too much to read is judged
            // by detectors.dense alone, unread, whatever the other detectors' actions. Looked at here when a detector
            // fails or drops (denseFirst) or a name is read several ways; otherwise the redacting scan below judges it
            // in the same pass (its one finding is the whole value, [redacted:dense], counted as dense).
            if ((denseFirst || !readings.isEmpty()) && denseAt >= 0 && shape.mayContain(PiiKind.DENSE)
                    && PiiDetectors.find(PiiKind.DENSE, value)) {
                stats.redaction(kindNames[denseAt]);
                switch (actions[denseAt]) {
                    case FAIL -> throw reject("detector_" + kindNames[denseAt], "field [" + field + "] is over ["
                            + WorkBudget.MIN_LENGTH + "] characters and too dense with digits and symbols to be read for "
                            + "personal data [" + kindNames[denseAt] + "]; the document is rejected");
                    case DROP -> {
                        it.remove();
                        stats.droppedField(field);
                    }
                    case REDACT -> e.setValue(PiiDetectors.marker(PiiKind.DENSE)); // the whole value, unread
                }
                continue;
            }
            // Detectors that fail the document or drop the field first, each on the value as sent.
            for (int d = 0; d < kinds.length; d++) {
                if (actions[d] == Action.REDACT || d == denseAt || !(readings.isEmpty() ? shape.mayContain(kinds[d])
                        && PiiDetectors.find(kinds[d], value) : findsIn(kinds[d], value, readings))) {
                    continue;
                }
                found = true;
                if (actions[d] == Action.FAIL) {
                    throw reject("detector_" + kindNames[d],
                            "field [" + field + "] contains personal data [" + kindNames[d] + "]; the document is rejected");
                }
                it.remove();
                stats.droppedField(field);
                stats.redaction(kindNames[d]);
                value = null;
                break;
            }
            // Then the redacting detectors in one scan, as the appender masks: findings of different kinds that overlap
            // are redacted as one span (one detector after another on the redacted text left the rest of a span behind:
            // "Bearer jane@janedoe.com" kept "@janedoe.com" once the token was redacted).
            if (value != null && (!readings.isEmpty() || mayRedact(shape))) {
                List<Finding> findings = readings.isEmpty() ? PiiScanner.scan(value, redactKinds)
                        : NameReading.scan(value, redactKinds);
                if (!findings.isEmpty()) {
                    found = true;
                    EnumSet<PiiKind> seen = EnumSet.noneOf(PiiKind.class);
                    for (Finding f : findings) {
                        if (seen.add(f.kind())) {
                            stats.redaction(f.kind().label());
                        }
                    }
                    if (!(v instanceof Number) && redactedUtf8Length(value, findings) > MAX_KEYWORD_BYTES) {
                        // each redaction marker is longer than what it replaces: a value dense with findings grows past
                        // what a keyword holds, and Lucene would refuse it after the scrub (the index created by then).
                        // Measured before the redacted value is built: a hostile value would make it four times longer.
                        throw reject("value_too_long", "field [" + field + "] is longer than [" + MAX_KEYWORD_BYTES
                                + "] bytes once redacted, the most a keyword holds");
                    }
                    // a number is one value: redacted whole (its digits were read apart from its notation)
                    value = v instanceof Number ? PiiDetectors.marker(findings.get(0).kind())
                            : PiiScanner.mask(value, findings, PiiDetectors::marker);
                }
            }
            if (!found) {
                clean.add(s);
            } else if (value != null && !value.equals(s)) {
                e.setValue(value);
            }
        }
        stats.document();
        return doc;
    }

    /**
     * The path of a forbidden field hidden in an unknown field: a dotted name ({@code user.uid}) or an object
     * ({@code {"mdc": {"uid": …}}}). Such a field would be dropped anyway, but it means the edge is misconfigured, and
     * that must be loud, as for a top-level one. A path whose parts look like data is reported by its last part only.
     * The path is joined only once a forbidden name is found: joined for every field (the attack review, 2026-12-02),
     * each of 40,000 children under eight 20,000-character names copied a 160,000-character path, and each element of a
     * list under a long name read that name again: one document of half a megabyte held a write thread for seconds.
     */
    private String forbiddenInside(String key, Object value) {
        ArrayList<String> path = new ArrayList<>(9);
        path.add(key);
        String found = forbiddenName(path);
        return found != null ? found : forbiddenInside(path, value, 0);
    }

    /** Whether the last name of {@code path} (after its last dot) is forbidden: its shown path, or null. */
    private String forbiddenName(List<String> path) {
        String key = path.get(path.size() - 1);
        int dot = key.lastIndexOf('.');
        String last = dot < 0 ? key : key.substring(dot + 1);
        return forbidden.contains(last) ? ClientFieldNames.shownPath(String.join(".", path), last) : null;
    }

    /** Names inside {@code value}, whose own path was checked; each name is read once, however many list elements follow it. */
    private String forbiddenInside(ArrayList<String> path, Object value, int depth) {
        if (depth >= 8) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                path.add(String.valueOf(e.getKey()));
                String found = forbiddenName(path);
                if (found == null) {
                    found = forbiddenInside(path, e.getValue(), depth + 1);
                }
                path.remove(path.size() - 1);
                if (found != null) {
                    return found;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                String found = forbiddenInside(path, element, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void validate(Map<String, Object> source) {
        require(source, "metrics_id", "metrics_id_format", PrivacyScrubProcessor::isMetricsId, "32 lowercase hex characters");
        require(source, "event_id", "event_id_format", PrivacyScrubProcessor::isUuid, "a UUID");
        require(source, "@timestamp", "timestamp_format", PrivacyScrubProcessor::isDate, "an ISO-8601 date-time or epoch milliseconds");
        // Stored as the instant parsed, in one form: the client's spelling (epoch milliseconds ending in a phone number, a
        // nanosecond fraction, an offset) is not kept.
        Object ts = source.get("@timestamp");
        String text = String.valueOf(ts);
        String canonical = Timestamps.canonical(text);
        if (!(ts instanceof String) || !canonical.equals(text)) {
            source.put("@timestamp", canonical);
        }
        Object epoch = source.get("metrics_epoch");
        if (epoch != null && !isEpochLabel(String.valueOf(epoch))) {
            throw reject("metrics_epoch_format", "field [metrics_epoch] must be YYYY-MM, YYYY-Www or YYYY-MM-DD");
        }
        Object keyId = source.get("metrics_key_id");
        if (keyId != null && !isKeyId(String.valueOf(keyId))) {
            throw reject("metrics_key_id_format", "field [metrics_key_id] must be 8 lowercase hex characters");
        }
        Object device = source.get("device");
        if (device != null && !DEVICES.contains(String.valueOf(device))) {
            throw reject("device_value", "field [device] must be one of [bot, desktop, mobile, tablet, unknown]");
        }
    }

    private void require(Map<String, Object> source, String field, String rule, java.util.function.Predicate<String> ok, String what) {
        Object v = source.get(field);
        if (v == null) {
            throw reject("missing_" + field.replace("@", ""), "field [" + field + "] is required");
        }
        if (!(v instanceof String || v instanceof Number) || !ok.test(String.valueOf(v))) {
            throw reject(rule, "field [" + field + "] must be " + what);
        }
    }

    // Every event is checked; these two hand-written checks cost a tenth of the equivalent regular expressions.

    /** 32 lowercase hex characters ({@code [0-9a-f]{32}}). */
    static boolean isMetricsId(String v) {
        if (v.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code YYYY-MM}, {@code YYYY-Www} or {@code YYYY-MM-DD} in ASCII digits: the shape of {@link #EPOCH}. */
    static boolean isEpochLabel(String v) {
        int n = v.length();
        if (n != 7 && n != 8 && n != 10 || !asciiDigits(v, 0, 4) || v.charAt(4) != '-') {
            return false;
        }
        return switch (n) {
            case 7 -> asciiDigits(v, 5, 2);
            case 8 -> v.charAt(5) == 'W' && asciiDigits(v, 6, 2);
            default -> asciiDigits(v, 5, 2) && v.charAt(7) == '-' && asciiDigits(v, 8, 2);
        };
    }

    private static boolean asciiDigits(String v, int from, int len) {
        for (int i = from; i < from + len; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** 8 lowercase hex characters ({@code [0-9a-f]{8}}): the edge key id; anything else could carry a raw uid. */
    static boolean isKeyId(String v) {
        if (v.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The 8-4-4-4-12 hex form of a UUID, either case. */
    static boolean isUuid(String v) {
        if (v.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = v.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isDate(String v) {
        return Timestamps.isValid(v);
    }

    /** The longest keyword Lucene indexes, in UTF-8 bytes. */
    static final int MAX_KEYWORD_BYTES = 32766;

    /** The UTF-8 length of {@code s} (an unpaired surrogate counts as the 3 bytes of its replacement character). */
    /** The UTF-8 length of {@code value} once each finding is replaced by its marker. */
    private static long redactedUtf8Length(String value, List<Finding> findings) {
        long n = utf8Length(value);
        for (Finding f : findings) {
            n += PiiDetectors.marker(f.kind()).length() - utf8Length(value, f.start(), f.end());
        }
        return n;
    }

    static int utf8Length(String s) {
        return utf8Length(s, 0, s.length());
    }

    private static int utf8Length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private Rejection reject(String rule, String message) {
        stats.rejection(rule);
        return new Rejection(message);
    }

    /** A document refused by a rule of the scrub, already counted. */
    static final class Rejection extends IllegalArgumentException {
        Rejection(String message) {
            super(message);
        }
    }

    private String countedName(String key) {
        if (!SAFE_NAME.matcher(key).matches() || PiiDetectors.find(PiiDetectors.EMAIL, key)) {
            return "[unnamed]";
        }
        return stats.distinctDroppedNames() >= MAX_COUNTED_NAMES ? "[other]" : key;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** Reads {@code allowed_fields}, {@code forbidden_fields} and {@code detectors} from the pipeline definition. */
    public static final class Factory extends ProcessorFactoryBase {
        private final IngestStats stats;

        public Factory(IngestStats stats) {
            this.stats = stats;
        }

        @Override
        public PrivacyScrubProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                            Map<String, Object> config) {
            Set<String> allowed = new LinkedHashSet<>(DEFAULT_FIELDS);
            List<String> extra = ConfigurationUtils.readOptionalList(TYPE, tag, config, "allowed_fields");
            Set<String> forbidden = new LinkedHashSet<>(DEFAULT_FORBIDDEN);
            List<String> moreForbidden = ConfigurationUtils.readOptionalList(TYPE, tag, config, "forbidden_fields");
            if (moreForbidden != null) {
                forbidden.addAll(moreForbidden);
            }
            if (extra != null) {
                for (String f : extra) {
                    if (forbidden.contains(f)) {
                        throw ConfigurationUtils.newConfigurationException(TYPE, tag, "allowed_fields",
                                "field [" + f + "] is forbidden and cannot be allowed");
                    }
                    allowed.add(f);
                }
            }
            Map<String, Action> detectors = new LinkedHashMap<>();
            for (String d : PiiDetectors.PATTERNS.keySet()) {
                detectors.put(d, Action.REDACT);
            }
            Map<String, Object> configured = ConfigurationUtils.readOptionalMap(TYPE, tag, config, "detectors");
            if (configured != null) {
                for (Map.Entry<String, Object> e : configured.entrySet()) {
                    if (!detectors.containsKey(e.getKey())) {
                        throw ConfigurationUtils.newConfigurationException(TYPE, tag, "detectors",
                                "unknown detector [" + e.getKey() + "]; known: " + PiiDetectors.PATTERNS.keySet());
                    }
                    try {
                        detectors.put(e.getKey(), Action.valueOf(String.valueOf(e.getValue()).toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException ex) {
                        throw ConfigurationUtils.newConfigurationException(TYPE, tag, "detectors." + e.getKey(),
                                "unknown action [" + e.getValue() + "]; use redact, drop or fail");
                    }
                }
            }
            return new PrivacyScrubProcessor(tag, description, allowed, forbidden, detectors, stats);
        }
    }
}
