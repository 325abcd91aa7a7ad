package org.privacymetrics.core.pii;

/**
 * US social security numbers: area, group and serial ({@code AAA GG SSSS}) joined by separators of one or three
 * characters each, from {@code space - . / _}, tab and {@code +} (a blank in a form-encoded query: {@code ssn=123+45+6789}) ({@code 123-45-6789}, {@code 123 45 6789}, {@code 123.45.6789},
 * {@code 123 - 45 - 6789}, mixed too; not two, {@code 123--45--6789}: see separatorEnd, but for two blanks, a CRLF
 * between the parts: {@link LineBreaks}, and a blank beside another separator, {@code 123- 45- 6789}), not touching a digit, and not part of a longer chain of groups. A label glued
 * before or after ({@code SSN123-45-6789}) does not hide it: letters may touch it, digits may not. Per the SSA's rules
 * the area is never 000, 666 or 9xx, the group never 00 and the serial never 0000. Nine bare digits are not reported
 * (a count as likely).
 * Linear: the scan ({@link DigitScanner}) jumps from one digit run to the next; at most 20 characters are read at the
 * start of each.
 */
final class SsnDetector {

    /** Longest separator between two parts. */
    private static final int MAX_SEPARATOR = 3;

    private SsnDetector() {
    }

    /** Whether {@code c} may separate the parts of an SSN. */
    static boolean separator(char c) {
        return c == '-' || c == ' ' || c == '.' || c == '/' || c == '_' || c == '\t' || c == '+'; // '+': a form-encoded blank
    }

    /** A blank or a tab: after a digit it starts a number (a date, a count, a list before it), and it may end one. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    /** The end of the SSN starting at the digit run {@code [i, runEnd)}, or -1 (visited by {@link DigitScanner}). */
    static int at(char[] s, int i, int runEnd) {
        return at(s, i, runEnd, false);
    }

    /** {@link #at}; {@code glued}: without the test of a chain before (see {@link #glued}). */
    private static int at(char[] s, int i, int runEnd, boolean glued) {
        int n = s.length;
        int g = runEnd - i == 3 && !Chars.digitAt(s, i - 1) ? separatorEnd(s, runEnd) : -1;
        if (g < 0 || !glued && chainBefore(s, i) || g + 2 >= n || !Chars.digit(s[g]) || !Chars.digit(s[g + 1])) {
            return -1;
        }
        int k = separatorEnd(s, g + 2);
        if (k < 0 || k + 4 > n) {
            return -1;
        }
        for (int j = k; j < k + 4; j++) {
            if (!Chars.digit(s[j])) {
                return -1;
            }
        }
        int end = k + 4;
        if (Chars.digitAt(s, end) || chainAfter(s, g + 2, k, end)) {
            return -1;
        }
        int area = num(s, i, 3);
        return area != 0 && area != 666 && area < 900 && num(s, g, 2) != 0 && num(s, k, 4) != 0 ? end : -1;
    }

    /**
     * Inside a longer chain before: a separator other than a blank or tab after a digit or {@code )}
     * ({@code 1.123.45.6789} is a version, {@code 5-123-45-6789} an id). After a blank the number stands apart: a
     * date, a time or a count before it ({@code 2024-12-02 123-45-6789}, {@code row 1 123-45-6789}) does not hide it.
     * ({@code . / _} count here since they were admitted as separators, so that the window filter rules out the starts
     * inside dotted text, {@code 255.255.255.255}: {@code 1.123-45-6789} is no longer reported.)
     */
    private static boolean chainBefore(char[] s, int i) {
        return i >= 2 && separator(s[i - 1]) && !blank(s[i - 1]) && (Chars.digit(s[i - 2]) || s[i - 2] == ')');
    }

    /**
     * Inside a longer chain after: the serial's separator repeated and a digit ({@code 123-45-6789-1}), unless that
     * separator is blanks and tabs only ({@code 123 45 6789 2 times}, a list of numbers: the SSN stands apart).
     */
    private static boolean chainAfter(char[] s, int from, int to, int end) {
        int len = to - from;
        if (end + len >= s.length || !Chars.digit(s[end + len])) {
            return false;
        }
        boolean blanks = true;
        for (int j = 0; j < len; j++) {
            if (s[end + j] != s[from + j]) {
                return false;
            }
            blanks &= blank(s[end + j]);
        }
        return !blanks;
    }

    /**
     * The end of one or three separator characters at {@code i} (at most three are read), or -1. Not two: the window
     * filter tells the layouts of one and three apart from pairs of neighbouring characters ({@link Window}), while
     * two would open it at every {@code 255.255.} of dotted text; but two blanks (a CRLF read as blanks, {@link
     * LineBreaks}: {@code 123\r\n45\r\n6789}; aligned columns), which the window tells apart by their class; and
     * since branch digits6 a blank beside another separator ({@code 123- 45- 6789}, {@code 123 -45 -6789}: a blank
     * typed after or before the dash; the window lets a separator before the group's first digit through).
     */
    private static int separatorEnd(char[] s, int i) {
        int e = i;
        while (e < s.length && e - i < MAX_SEPARATOR && separator(s[e])) {
            e++;
        }
        return e - i == 1 || e - i == 3 || e - i == 2 && (blank(s[i]) || blank(s[i + 1])) ? e : -1;
    }

    private static boolean slashOrUnderscore(char[] s, int i) {
        return i < s.length && (s[i] == '/' || s[i] == '_');
    }

    private static int num(char[] s, int i, int len) {
        int v = 0;
        for (int k = i; k < i + len; k++) {
            v = v * 10 + (s[k] - '0');
        }
        return v;
    }

    /**
     * Since branch glue8 (the same in the reference engine), in a pass of its own after the digit pass: an SSN glued by
     * {@code /} or {@code _} right after another one, which the chain rule before would take for a longer chain
     * ({@code 123-45-6789/234-56-7890}, {@code 123-45-6789_234-56-7890_345-67-8901}: a list of two or more).
     * <p>
     * Linear: one forward walk over the text, every fourth character and the runs it meets ({@code DigitScanner.glued},
     * since branch digit10 shared with the glued card pass); at a {@code /} or
     * {@code _} after a serial of four digits and before a digit at most one SSN after it and
     * five starts before it (an SSN has 11-15 characters) are read, each at most 20 characters; an SSN found so ends at
     * {@code lastEnd}, where the next one may be glued to it.
     * <p>
     * This pass's step at the digit run {@code [p, x)} ({@code p - 1} and {@code x} are no digits), which the walk makes
     * at every run of four digits, in order (since branch fold9: an SSN ending at x, found by at or glued here, ends with
     * its serial, a run of exactly four digits, so only such a run followed by / or _ is a place x; a run of four
     * holds a multiple of four, where the walk meets it). {@code lastEnd}: the end of the last SSN this pass found, or
     * -1; returns it after this step.
     */
    static int gluedRun(char[] s, int p, int x, int lastEnd, Findings out) {
        int n = s.length;
        if (x - p == 4 && lastEnd != x && dashedAfterField(s, p) && at(s, p - 7, p - 4, true) == x) {
            out.add(PiiKind.SSN, p - 7, x);
            lastEnd = x; // the next SSN may be glued to this one
        }
        if (x - p != 4 || x + 3 >= n || s[x] != '/' && s[x] != '_' || (char) (s[x + 1] - '0') > 9) {
            return lastEnd;
        }
        int re = Chars.digitsEnd(s, x + 1);
        int e = re - x == 4 ? at(s, x + 1, re, true) : -1;
        if (e < 0) {
            return lastEnd;
        }
        boolean after = lastEnd == x;
        for (int y = Math.max(0, x - 15); !after && y <= x - 11; y++) {
            if ((char) (s[y] - '0') <= 9 && (y == 0 || (char) (s[y - 1] - '0') > 9)) {
                int ye = Chars.digitsEnd(s, y);
                after = ye - y == 3 && at(s, y, ye, false) == x;
            }
        }
        if (after) {
            out.add(PiiKind.SSN, x + 1, e);
            return e;
        }
        return lastEnd;
    }

    /**
     * Since the tenth round (the same in the reference engine): the serial starting at {@code p} ends an SSN written as
     * SSNs are printed, {@code 123-45-6789} (one dash each), right after a {@code /} or {@code _} that follows a digit
     * or {@code )}, where the chain rule before ({@link #chainBefore}) kept it plain: those join the fields of a path or
     * a name ({@code 4111-1111-1111-1111/123-45-6789}, {@code /2026/123-45-6789}), not the groups of one number. Reads
     * ten characters before {@code p}.
     */
    private static boolean dashedAfterField(char[] s, int p) {
        return p >= 9 && s[p - 1] == '-' && s[p - 4] == '-' && Chars.digit(s[p - 2]) && Chars.digit(s[p - 3])
                && Chars.digit(s[p - 5]) && Chars.digit(s[p - 6]) && Chars.digit(s[p - 7]) && slashOrUnderscore(s, p - 8)
                && (Chars.digit(s[p - 9]) || s[p - 9] == ')');
    }

    /** Whether a {@code -} is among {@code s[i - 4 … i - 1]}: necessary for a serial through i ending a dashed SSN. */
    static boolean dashBefore(char[] s, int i) {
        return i >= 4 && (s[i - 1] == '-' || s[i - 2] == '-' || s[i - 3] == '-' || s[i - 4] == '-');
    }

    /** Whether {@code s[i + 1 … i + 4]} holds a {@code /} or {@code _}: necessary for a place x after a digit at i. */
    static boolean slashOrUnderscoreAfter(char[] s, int i) {
        return slashOrUnderscore(s, i + 1) || slashOrUnderscore(s, i + 2) || slashOrUnderscore(s, i + 3)
                || slashOrUnderscore(s, i + 4);
    }
}
