package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * US social security numbers written {@code AAA-GG-SSSS} or {@code AAA GG SSSS} (one separator throughout), not
 * touching a letter or digit, and not part of a longer chain of groups. Per the SSA's rules the area is never 000, 666
 * or 9xx, the group never 00 and the serial never 0000. Nine bare digits are not reported (a count as likely).
 * Linear: a constant amount of work per digit.
 */
final class SsnDetector {

    private static final int[] DIGITS = {0, 1, 2, 4, 5, 7, 8, 9, 10}; // offsets of the digits in AAA-GG-SSSS

    private SsnDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        int n = s.length();
        for (int i = 0; i + 11 <= n; i++) {
            if (!Chars.digit(s.charAt(i)) || Chars.alnumAt(s, i - 1)) {
                continue;
            }
            if (i >= 2 && (s.charAt(i - 1) == '-' || s.charAt(i - 1) == ' ') && (Chars.digit(s.charAt(i - 2)) || s.charAt(i - 2) == ')')) {
                continue; // inside a longer chain: "(03) 311 37 8616" is a phone number
            }
            if (ssn(s, i)) {
                out.add(new Finding(PiiKind.SSN, i, i + 11));
                i += 10;
            }
        }
    }

    private static boolean ssn(CharSequence s, int i) {
        char sep = s.charAt(i + 3);
        if (sep != '-' && sep != ' ' || s.charAt(i + 6) != sep) {
            return false;
        }
        for (int k : DIGITS) {
            if (!Chars.digit(s.charAt(i + k))) {
                return false;
            }
        }
        int end = i + 11;
        if (Chars.alnumAt(s, end) || end + 1 < s.length() && s.charAt(end) == sep && Chars.digit(s.charAt(end + 1))) {
            return false;
        }
        int area = num(s, i, 3);
        return area != 0 && area != 666 && area < 900 && num(s, i + 4, 2) != 0 && num(s, i + 7, 4) != 0;
    }

    private static int num(CharSequence s, int i, int len) {
        int v = 0;
        for (int k = i; k < i + len; k++) {
            v = v * 10 + (s.charAt(k) - '0');
        }
        return v;
    }
}
