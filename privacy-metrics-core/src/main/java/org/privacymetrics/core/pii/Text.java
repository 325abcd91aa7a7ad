package org.privacymetrics.core.pii;

/**
 * The text being scanned, copied once into an array: detectors read {@code s[i]}, not a CharSequence. (Tables of
 * digit-run ends and Luhn prefix sums per position were tried and dropped: allocating and reading 4-8 bytes per
 * character cost more than the loops they replaced.)
 */
final class Text {

    final char[] s;
    /**
     * False only when {@code s} has no line break ({@link LineBreaks#lineBreak}; the scanner's census tells,
     * {@link PiiCensus#lineBreaks()}): then {@link LineBreaks#asBlanks} has nothing to look for.
     */
    final boolean lineBreaks;

    Text(char[] s) {
        this(s, true);
    }

    Text(char[] s, boolean lineBreaks) {
        this.s = s;
        this.lineBreaks = lineBreaks;
    }

    /** End of the run of ASCII digits starting at {@code i} ({@code i} itself when {@code s[i]} is no digit or i == n). */
    int digitsEnd(int i) {
        char[] s = this.s;
        while (i < s.length && (char) (s[i] - '0') <= 9) {
            i++;
        }
        return i;
    }
}
