package org.privacymetrics.logback;

import org.privacymetrics.core.pii.PiiCensus;
import org.privacymetrics.core.pii.PiiKind;
import org.privacymetrics.core.pii.PiiScanner;

/**
 * Masks personal data in string values with the shared engine of {@code privacy-metrics-core} ({@link PiiScanner}, the
 * same rules as the ingest scrub): every finding becomes {@code [masked:<kind>]} ({@code email}, {@code ip},
 * {@code token}, {@code card}, {@code phone}, {@code iban}, {@code ssn}; a long value over the engine's work budget whole, {@code dense}). Applied before the event leaves the appender,
 * so every downstream appender, whatever its encoder, sees only masked values.
 */
final class PiiMasker {

    static final String EMAIL_MASK = mark(PiiKind.EMAIL);
    static final String IP_MASK = mark(PiiKind.IP);
    static final String TOKEN_MASK = mark(PiiKind.TOKEN);

    /** The value with every finding masked; non-strings are returned as they are. */
    Object mask(Object value) {
        if (!(value instanceof CharSequence cs) || !mayContainPii(cs)) {
            // Hot path: most values (event names, plans, ids) have none of the characters any detector needs.
            return value;
        }
        return PiiScanner.mask(cs.toString(), PiiMasker::mark);
    }

    /** Whether any detector could find something (a cheap one-pass census of the value). */
    static boolean mayContainPii(CharSequence s) {
        return PiiCensus.of(s).mayContainAny();
    }

    /** {@link #mask} for strings. */
    String mask(String value) {
        return value == null ? null : String.valueOf(mask((Object) value));
    }

    private static String mark(PiiKind kind) {
        return "[masked:" + kind.label() + "]";
    }
}
