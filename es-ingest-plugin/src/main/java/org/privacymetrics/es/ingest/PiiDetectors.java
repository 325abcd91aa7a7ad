package org.privacymetrics.es.ingest;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.privacymetrics.core.pii.PiiCensus;
import org.privacymetrics.core.pii.PiiKind;
import org.privacymetrics.core.pii.PiiScanner;

/**
 * The string detectors of {@code privacy_scrub}: thin delegations to the shared, linear-time engine of
 * {@code privacy-metrics-core} ({@link PiiScanner}), which the Logback appender uses for its masking too.
 */
final class PiiDetectors {

    /** Detector names, as used in configuration, counters and redaction markers. */
    static final String EMAIL = PiiKind.EMAIL.label();
    static final String IP = PiiKind.IP.label();
    static final String CARD = PiiKind.CARD.label();
    static final String TOKEN = PiiKind.TOKEN.label();
    static final String PHONE = PiiKind.PHONE.label();
    static final String IBAN = PiiKind.IBAN.label();
    static final String SSN = PiiKind.SSN.label();

    /**
     * Every detector by name, in the order {@code privacy_scrub} runs them (tokens first, so that the other detectors
     * never see half a token). The name is historical: the detectors are no regular expressions any more.
     */
    static final Map<String, PiiKind> PATTERNS;

    static {
        Map<String, PiiKind> m = new LinkedHashMap<>();
        for (PiiKind k : PiiKind.values()) {
            m.put(k.label(), k);
        }
        PATTERNS = Collections.unmodifiableMap(m);
    }

    private PiiDetectors() {
    }

    /**
     * What a value is made of, counted in one pass, so that a detector that cannot match is not run: most values are
     * short words ({@code login}, {@code sync}) that no detector could match.
     */
    record Shape(PiiCensus census) {

        static Shape of(String value) {
            return new Shape(PiiCensus.of(value));
        }

        /** False only when {@code detector} cannot find anything in a value of this shape. */
        boolean mayContain(String detector) {
            return census.mayContain(PATTERNS.get(detector));
        }

        /** False only when {@code kind}'s detector cannot find anything in a value of this shape. */
        boolean mayContain(PiiKind kind) {
            return census.mayContain(kind);
        }
    }

    /** Whether {@code value} contains what {@code detector} looks for. */
    static boolean find(String detector, String value) {
        return PiiScanner.contains(value, PATTERNS.get(detector));
    }

    /** Whether {@code value} contains what the detector of {@code kind} looks for. */
    static boolean find(PiiKind kind, String value) {
        return PiiScanner.contains(value, kind);
    }

    private static final String[] MARKERS = new String[PiiKind.values().length];

    static {
        for (PiiKind k : PiiKind.values()) {
            MARKERS[k.ordinal()] = "[redacted:" + k.label() + "]";
        }
    }

    /** {@code [redacted:<detector>]} of {@code kind}, one string per kind (a value dense with findings needs thousands). */
    static String marker(PiiKind kind) {
        return MARKERS[kind.ordinal()];
    }

    /** {@code value} with every finding replaced by {@code [redacted:<detector>]}. */
    static String redact(String detector, String value) {
        return PiiScanner.mask(value, EnumSet.of(PATTERNS.get(detector)), PiiDetectors::marker);
    }
}
