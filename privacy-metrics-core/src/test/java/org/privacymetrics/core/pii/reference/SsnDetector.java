package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * US social security numbers: area, group and serial ({@code AAA GG SSSS}) joined by separators of one or three
 * characters each, from {@code space - . / _}, not touching a digit, and not part of a longer chain of groups. Per
 * the SSA's rules the area is never 000, 666 or 9xx, the group never 00 and the serial never 0000. Nine bare digits
 * are not reported (a count as likely).
 * Linear: a constant amount of work per digit.
 * <p>
 * Widened in the session of 2026-12-02 (branch gapsdigit), in the engine too: separators {@code . / _}, of one or three
 * characters and mixed (was: one {@code -} or blank throughout), and letters touching the number (was: no letter or
 * digit); the chain rule before extended to the new separators ({@code 1.123-45-6789} is no longer reported) and
 * relaxed after a blank or tab ({@code 2024-12-02 123-45-6789}, {@code 123 45 6789 2 x}); tabs and {@code +}
 * (form-encoded blanks) as separators.
 */
final class SsnDetector {

    private SsnDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        s = LineBreaks.asBlanks(s); // line breaks read as blanks (branch digits5)
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (!Chars.digit(s.charAt(i)) || Chars.digitAt(s, i - 1)) {
                continue;
            }
            int end = match(s, i);
            if (end > 0) {
                out.add(new Finding(PiiKind.SSN, i, end));
                i = end - 1;
            }
        }
        glued(s, out);
    }

    /**
     * Branch glue8, in the engine too: an SSN glued by {@code /} or {@code _} right after another one (found by either
     * rule), which the chain rule before would take for a longer chain: {@code 123-45-6789/234-56-7890}.
     */
    private static void glued(CharSequence s, List<Finding> out) {
        int n = s.length();
        int prevEnd = -1; // the end of the last SSN found at a run start by either rule
        for (int i = 0; i < n; i++) {
            if (!Chars.digit(s.charAt(i)) || Chars.digitAt(s, i - 1)) {
                continue;
            }
            boolean glued = i >= 2 && (s.charAt(i - 1) == '/' || s.charAt(i - 1) == '_') && prevEnd == i - 1;
            int end = glued ? match(s, i, true) : -1;
            if (end > 0) {
                out.add(new Finding(PiiKind.SSN, i, end));
            } else {
                end = match(s, i, false);
            }
            if (end > 0) {
                prevEnd = end;
            }
        }
    }

    private static boolean separator(char c) {
        return c == '-' || c == ' ' || c == '.' || c == '/' || c == '_' || c == '\t' || c == '+';
    }

    /** End of one or three separators at i (at most three read), or -1. */
    private static int separators(CharSequence s, int i) {
        int e = i;
        while (e < s.length() && e - i < 3 && separator(s.charAt(e))) {
            e++;
        }
        // not two (the engine's window filter), but two blanks (a CRLF: branch digits5) or a blank beside another
        // separator ("123- 45- 6789": branch digits6)
        return e - i == 1 || e - i == 3 || e - i == 2 && (blank(s.charAt(i)) || blank(s.charAt(i + 1))) ? e : -1;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int match(CharSequence s, int i) {
        return match(s, i, false);
    }

    /** {@code glued}: without the chain rule before. */
    private static int match(CharSequence s, int i, boolean glued) {
        int n = s.length();
        int a = Chars.digitsEnd(s, i);
        if (a - i != 3) {
            return -1;
        }
        int g = separators(s, a);
        if (g < 0) {
            return -1;
        }
        char before = i >= 1 ? s.charAt(i - 1) : 0;
        // tenth round: written 123-45-6789 (one dash each) right after a / or _ it is a field of a path or a name, no
        // part of a chain: 4111-1111-1111-1111/123-45-6789
        boolean dashedAfterField = (before == '/' || before == '_') && s.charAt(a) == '-' && g == a + 1
                && Chars.digitsEnd(s, g) - g == 2 && g + 3 < n && s.charAt(g + 2) == '-' && Chars.digit(s.charAt(g + 3));
        if (!glued && !dashedAfterField && i >= 2 && separator(before) && before != ' ' && before != '\t'
                && (Chars.digit(s.charAt(i - 2)) || s.charAt(i - 2) == ')')) {
            return -1; // inside a longer chain: "1.123.45.6789" a version; after a blank or tab it stands apart
        }
        if (Chars.digitsEnd(s, g) - g != 2) {
            return -1;
        }
        int k = separators(s, g + 2);
        if (k < 0 || Chars.digitsEnd(s, k) - k != 4) {
            return -1;
        }
        int end = k + 4;
        String last = s.subSequence(g + 2, k).toString();
        if (end + last.length() < n && s.subSequence(end, end + last.length()).toString().equals(last)
                && Chars.digit(s.charAt(end + last.length())) && !last.replace(" ", "").replace("\t", "").isEmpty()) {
            return -1; // inside a longer chain: "123-45-6789-1"; blanks and tabs only: a list, the SSN stands apart
        }
        int area = num(s, i, 3);
        return area != 0 && area != 666 && area < 900 && num(s, g, 2) != 0 && num(s, k, 4) != 0 ? end : -1;
    }

    private static int num(CharSequence s, int i, int len) {
        int v = 0;
        for (int k = i; k < i + len; k++) {
            v = v * 10 + (s.charAt(k) - '0');
        }
        return v;
    }
}
