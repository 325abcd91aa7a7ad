package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * E-mail addresses: {@code local AT domain}.
 * <ul>
 *   <li>AT is {@code @}, the full-width {@code ＠} (U+FF20) or the percent-encoded {@code %40};</li>
 *   <li>local is a run of letters and digits of any script, combining marks and {@code .!#$%*+-^_`{|}~'}, or a quoted
 *       string {@code "…"} of at most 128 characters without a line break ({@code "val email7"@example.org});</li>
 *   <li>domain is one or more labels of letters, digits (any script) and {@code -}, separated by single dots
 *       ({@code .}, {@code ．}, {@code 。}); it ends after the last label that contains a letter, so {@code lodash@4.17.21}
 *       is no address, while {@code dave@localhost} is (a single label is enough).</li>
 * </ul>
 * Linear: the start of the local run is carried along the scan (O(1) per at-sign, no backwards walk); the domain run
 * after an at-sign ends at the next at-sign at the latest (no at-sign character is a domain character), so the domain
 * runs of successive at-signs are disjoint; a quoted local part is looked for at most 128 characters back.
 */
final class EmailDetector {

    private static final int MAX_QUOTED = 128;

    private EmailDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        int n = s.length();
        int runStart = -1; // start of the run of local-part characters that ends just before i, or -1
        boolean runAlnum = false; // whether that run holds a letter or digit (a local part needs one)
        int lastEnd = 0; // findings do not overlap: nothing before lastEnd is reused
        int i = 0;
        while (i < n) {
            int at = atSign(s, i);
            if (at > 0) {
                int localStart = localStart(s, i, runAlnum ? runStart : -1, lastEnd);
                int domainEnd = localStart < 0 ? -1 : domainEnd(s, i + at);
                if (domainEnd > 0) {
                    out.add(new Finding(PiiKind.EMAIL, localStart, domainEnd));
                    lastEnd = domainEnd;
                    i = domainEnd;
                    runStart = -1;
                    continue;
                }
            }
            char c = s.charAt(i);
            if (local(c)) {
                if (runStart < 0) {
                    runStart = i;
                    runAlnum = false;
                }
                runAlnum |= Chars.alnum(c);
            } else {
                runStart = -1;
            }
            i++;
        }
    }

    /** Length of the at-sign at {@code i}: 1 for {@code @} and {@code ＠}, 3 for {@code %40}, else 0. */
    static int atSign(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c == '@' || c == '\uFF20') {
            return 1;
        }
        return c == '%' && Chars.matches(s, i + 1, "40") ? 3 : 0;
    }

    /** Start of the local part that ends at the at-sign {@code at}, or -1; {@code runStart} as in {@link #scan}. */
    private static int localStart(CharSequence s, int at, int runStart, int lastEnd) {
        if (at > lastEnd && s.charAt(at - 1) == '"') {
            // Quoted: the nearest earlier quote, within MAX_QUOTED characters, with no line break in between.
            for (int q = at - 2; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
                char c = s.charAt(q);
                if (c == '"') {
                    return q < at - 2 ? q : -1;
                }
                if (c == '\n' || c == '\r') {
                    return -1;
                }
            }
            return -1;
        }
        // runStart is -1 when the run has no letter or digit: "…@" after punctuation alone is no address. A run
        // always starts at or after lastEnd (it restarts after every finding).
        return runStart;
    }

    /** End of the domain that starts at {@code i}, after its last label containing a letter, or -1. */
    private static int domainEnd(CharSequence s, int i) {
        int n = s.length();
        int end = -1;
        int labelStart = i;
        boolean letter = false;
        int k = i;
        while (k <= n) {
            char c = k < n ? s.charAt(k) : 0;
            if (k < n && domain(c)) {
                if (Character.isLetter(c) || Character.isSurrogate(c)) {
                    letter = true;
                }
                k++;
                continue;
            }
            // End of a label.
            if (k == labelStart) {
                break; // empty label: ".." or a leading or trailing dot
            }
            if (letter) {
                end = k;
            }
            if (k < n && dot(c)) {
                labelStart = ++k;
                letter = false;
                continue;
            }
            break;
        }
        return end;
    }

    /** Characters of an unquoted local part (RFC 5322 atext, without {@code /=?&}, which rather delimit URL parts). */
    static boolean local(char c) {
        if (c < 128) {
            return Chars.is(c, Chars.LOCAL);
        }
        return Character.isLetterOrDigit(c) || Character.isSurrogate(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean domain(char c) {
        if (c < 128) {
            return Chars.is(c, Chars.DOMAIN);
        }
        return c != '\uFF0E' && c != '\u3002'
                && (Character.isLetterOrDigit(c) || Character.isSurrogate(c) || Character.getType(c) == Character.NON_SPACING_MARK);
    }

    private static boolean dot(char c) {
        return c == '.' || c == '\uFF0E' || c == '\u3002';
    }
}
