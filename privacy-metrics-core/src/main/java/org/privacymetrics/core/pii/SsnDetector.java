package org.privacymetrics.core.pii;

/**
 * US social security numbers written {@code AAA-GG-SSSS} or {@code AAA GG SSSS} (one separator throughout), not
 * touching a letter or digit, and not part of a longer chain of groups. Per the SSA's rules the area is never 000, 666
 * or 9xx, the group never 00 and the serial never 0000. Nine bare digits are not reported (a count as likely).
 * Linear: the scan ({@link DigitScanner}) jumps from one digit run to the next; at most 12 characters are read at the
 * start of each.
 */
final class SsnDetector {

    private static final int[] DIGITS = {0, 1, 2, 4, 5, 7, 8, 9, 10}; // offsets of the digits in AAA-GG-SSSS

    private SsnDetector() {
    }

    /** The end of the SSN starting at the digit run {@code [i, runEnd)}, or -1 (visited by {@link DigitScanner}). */
    static int at(char[] s, int i, int runEnd) {
        boolean start = runEnd - i == 3 && i + 11 <= s.length && !Chars.alnumAt(s, i - 1)
                // inside a longer chain: "(03) 311 37 8616" is a phone number
                && !(i >= 2 && (s[i - 1] == '-' || s[i - 1] == ' ') && (Chars.digit(s[i - 2]) || s[i - 2] == ')'));
        return start && ssn(s, i) ? i + 11 : -1;
    }

    private static boolean ssn(char[] s, int i) {
        char sep = s[i + 3];
        if (sep != '-' && sep != ' ' || s[i + 6] != sep) {
            return false;
        }
        for (int k : DIGITS) {
            if (!Chars.digit(s[i + k])) {
                return false;
            }
        }
        int end = i + 11;
        if (Chars.alnumAt(s, end) || end + 1 < s.length && s[end] == sep && Chars.digit(s[end + 1])) {
            return false;
        }
        int area = num(s, i, 3);
        return area != 0 && area != 666 && area < 900 && num(s, i + 4, 2) != 0 && num(s, i + 7, 4) != 0;
    }

    private static int num(char[] s, int i, int len) {
        int v = 0;
        for (int k = i; k < i + len; k++) {
            v = v * 10 + (s[k] - '0');
        }
        return v;
    }
}
