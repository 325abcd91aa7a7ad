package org.privacymetrics.core.pii;

import java.util.Locale;

/**
 * The families of personal data the engine detects. The declaration order is the priority: when findings of two kinds
 * overlap, the merged span is reported as the earlier kind, and the ingest scrub runs its detectors in this order
 * (tokens first, so no other detector sees half a token; IBAN before card and phone, whose digits it contains).
 * {@link #label()} is the name used in configuration, counters and markers ({@code [redacted:email]}).
 */
public enum PiiKind {
    /** HTTP Basic/Bearer credentials, JWTs, well-known API-token prefixes ({@code ghp_…}). */
    TOKEN,
    /** E-mail addresses, including Unicode, quoted local parts and {@code ＠}/{@code %40} at-signs. */
    EMAIL,
    /** IPv4 (dotted quad, zero-padded parts, trailing dot) and IPv6 (including IPv4-mapped). */
    IP,
    /** IBANs (ISO 13616, mod-97 checked). */
    IBAN,
    /** Payment card numbers (13-19 digits, Luhn checked). */
    CARD,
    /** US social security numbers written AAA-GG-SSSS. */
    SSN,
    /** Telephone numbers: international (+…) and national (NANP, trunk prefix 0). */
    PHONE,
    /**
     * Not a family of personal data: a value too costly to read within the detectors' work budget ({@link WorkBudget}:
     * at least 1 KiB, mostly digits and symbols), masked whole unread. Last, so that it never names a merged span.
     */
    DENSE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name: {@code email}, {@code ip}, … */
    public String label() {
        return label;
    }

    /** The kind named {@code label}, or null. */
    public static PiiKind byLabel(String label) {
        for (PiiKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }
}
