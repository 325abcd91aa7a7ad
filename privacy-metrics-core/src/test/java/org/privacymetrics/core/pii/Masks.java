package org.privacymetrics.core.pii;

/** The masking the found and false-positive tests read: each finding as {@code <kind>} ({@code <email>}, {@code <ip>}). */
final class Masks {

    private Masks() {
    }

    /** {@code s} masked by the whole engine, each finding replaced by its kind's label in angle brackets. */
    static String mask(String s) {
        return PiiScanner.mask(s, k -> "<" + k.label() + ">");
    }
}
