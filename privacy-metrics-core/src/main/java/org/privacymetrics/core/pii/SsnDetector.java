package org.privacymetrics.core.pii;

import java.util.List;

/**
 * US social security numbers written {@code AAA-GG-SSSS} or {@code AAA GG SSSS} (one separator throughout), not
 * touching a letter or digit, and not part of a longer chain of groups. Per the SSA's rules the area is never 000, 666
 * or 9xx, the group never 00 and the serial never 0000. Nine bare digits are not reported (a count as likely).
 * Linear: the scan jumps from one digit run to the next and reads at most 12 characters at the start of each.
 */
final class SsnDetector {

    private static final int[] DIGITS = {0, 1, 2, 4, 5, 7, 8, 9, 10}; // offsets of the digits in AAA-GG-SSSS

    private SsnDetector() {
    }

    static void scan(Text t, List<Finding> out) {
        char[] s = t.s;
        int n = s.length;
        int i = 0;
        while (true) {
            // Only the first digit of a run can start a number (inside a run, a digit precedes): jump from run to run.
            i = t.nextDigit(i);
            if (i + 11 > n) {
                return;
            }
            int runEnd = t.digitsEnd(i);
            boolean start = runEnd - i == 3 && !Chars.alnumAt(s, i - 1)
                    // inside a longer chain: "(03) 311 37 8616" is a phone number
                    && !(i >= 2 && (s[i - 1] == '-' || s[i - 1] == ' ') && (Chars.digit(s[i - 2]) || s[i - 2] == ')'));
            if (start && ssn(s, i)) {
                out.add(new Finding(PiiKind.SSN, i, i + 11));
                i += 11;
            } else {
                i = runEnd;
            }
        }
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
