package org.privacymetrics.core.pii;

/**
 * Telephone numbers, read as a chain of digit groups: a group is digits or bracketed digits ({@code (415)},
 * {@code (0)}, {@code [415]}); groups are joined by one to three of {@code space tab - . /} ({@code 415 - 555 - 0133}),
 * optional next to a bracket, or one {@code +} between digits (a form-encoded blank: {@code phone=415+555+0133}). A chain
 * starts where no chain continues (not after a letter, a digit, a closing bracket, or a separator that follows a
 * digit; after an opening bracket that does not close the first group, {@code (415-555-0133)}, it does). An extension
 * glued by {@code x} or {@code ext} ({@code 415-555-0133x22}) ends the number as a blank would. Three forms are
 * reported:
 * <ul>
 *   <li><b>international</b>: {@code +} and a chain of 8-15 digits (E.164), separators mixed freely:
 *       {@code +1 (415) 555-0134}, {@code +49 30 1234 5678}, {@code +44 (0)20 7946 0958}, {@code +4930123456}, the
 *       country code bracketed too ({@code (+44) 20 7946 0958}: the number from the {@code +}; {@code +(44) 20 7946 0958}),
 *       a blank after the plus ({@code + 44 20 7946 0958}); groups
 *       after the 15th digit are left out, so a number followed by a count is still found;</li>
 *   <li><b>NANP</b>: exactly area-exchange-line {@code 3-3-4}, optionally after a country code {@code 1}, the area
 *       bracketed or not, area and exchange starting with 2-9: {@code (415) 555-0133}, {@code 415.555.0133}, {@code (415)5550133} (bracketed area only),
 *       {@code 1-415-555-0133};</li>
 *   <li><b>trunk prefix</b>: a first group starting with one {@code 0} ({@code 030}, {@code (030)}, {@code 06}), XX
 * </ul>
 * Since branch phone9 also Brazil's mobile numbers without brackets ({@code 11 91234-5678}, {@link #brazilPlain}).
 * Not reported: bare national digit runs ({@code 4155550133}: a count or an id as much as a number), 7-digit local
 * numbers ({@code 555-0133}), the {@code 00} international prefix. Dates ({@code 2026-10-15}, {@code 15.10.2026 08}) fit
 * none of the forms. A national chain must end where the number ends ({@code 415-555-0133-2} is not a number) and
 * must not be glued to a word by {@code - . / _} (digit groups of a UUID such as {@code 01234567-1234-abcd-…}).
 * <p>
 * Linear: a chain is read from its start only, and at most 10 groups or 16 digits of it, so each start costs O(1);
 * the starts are visited by {@link DigitScanner}'s single pass.
 */
final class PhoneDetector {

    private static final int MAX_GROUPS = 10;

    private PhoneDetector() {
    }

    /** Scratch space for the groups of one chain, reused for every attempt of a scan. */
    static final class Groups {
        final int[] gs = new int[MAX_GROUPS]; // group start (at the bracket, if any)
        final int[] ge = new int[MAX_GROUPS]; // group end (after the bracket)
        final int[] gd = new int[MAX_GROUPS]; // digits in the group
        final char[] sep = new char[MAX_GROUPS]; // separator before the group; 0 for none or next to a bracket
    }

    /**
     * The end of the number that starts at {@code i}, or -1. {@code i} holds {@code +}, {@code (}, or the first digit of
     * a run ending at {@code runEnd}; the scan ({@link DigitScanner}) visits exactly those positions: no chain starts
     * inside a digit run (a digit precedes), and a digit run followed by no separator or bracket starts no national
     * number (it has two or more groups) and no international one (that starts at a {@code +}).
     */
    static int at(Text t, int i, int runEnd, Groups g) {
        char[] s = t.s;
        if (!chainStart(s, i)) {
            return -1;
        }
        if (runEnd > i) {
            if (runEnd >= s.length || !(separator(s[runEnd]) || open(s[runEnd]) || s[runEnd] == '+')) {
                return -1;
            }
            // A national number's first group, unbracketed: NANP "1" or an area of three digits from 2, a Chinese
            // mobile's "13"-"19" and a digit, or a trunk prefix "0" and a non-zero digit (see nanp, china and trunk).
            // Anything else is rejected before reading on.
            int len = runEnd - i;
            char d = s[i];
            int cc = exitCode(s, i, runEnd);
            if (!(len == 1 && (d == '1' || d == '8') || len == 3 && d >= '1' || d == '0' && len >= 2 && s[i + 1] != '0' || cc >= 0
                    || len == 2 && brazilShape(s, i))) {
                return -1;
            }
            if (cc >= 0) {
                // An international prefix (since branch nat8): read as a '+' first; a run "00…" is no national number
                // (no trunk prefix "00", no area from 0), "011" may be one (a trunk prefix and an area)
                // The tests of match's rejection after a prefix that need no group (since branch digit10): made
                // before the chain is read, so that a dump (00 11 22 33 00 11 …: every 00 a prefix after a group)
                // costs O(1) per 00 instead of a reading of up to 16 digits ahead. match returns -1 whenever they hold.
                int end = afterGroup(s, i) ? -1 : match(t, i, cc, g.gs, g.ge, g.gd, g.sep);
                if (end > 0 || s[i + 1] == '0') {
                    return end > 0 && ordinary(s, i, end) ? -1 : end;
                }
            }
        } else if (s[i] != '+') {
            // A bracket: no national number has a bracketed group right after its bracketed first one (see match).
            int k = t.digitsEnd(i + 1);
            if (k < s.length && s[k] == close(s[i])) {
                int f = separatorsEnd(s, k + 1);
                if (f < s.length && open(s[f])) {
                    return -1;
                }
            }
        }
        int end = match(t, i, -1, g.gs, g.ge, g.gd, g.sep);
        return end > 0 && ordinary(s, i, end) ? -1 : end;
    }

    /**
     * Since branch nat8: where the country code starts after an international prefix at {@code p}, a digit run ending
     * at {@code e}, or -1. The prefix is {@code 00} or {@code 011} (North America's) and one blank ({@code 00 44 20 7946
     * 0958}, {@code 011 44 20 7946 0958}), or {@code 00} glued to the code ({@code 0044 20 7946 0958}, a run of 3-5
     * digits); a country code starts with 1-9. O(1).
     */
    static int exitCode(char[] s, int p, int e) {
        int len = e - p;
        if (len < 2 || len > 5 || s[p] != '0' || e >= s.length) {
            return -1;
        }
        if (len == 2 && s[p + 1] == '0' || len == 3 && s[p + 1] == '1' && s[p + 2] == '1') {
            return s[e] == ' ' && e + 1 < s.length && (char) (s[e + 1] - '1') <= 8 ? e + 1 : -1;
        }
        return len >= 3 && s[p + 1] == '0' && s[p + 2] != '0' ? p + 2 : -1;
    }

    /**
     * A chain after an international prefix of {@code prefix} digits whose groups after the first all have that many
     * digits: a dump ({@code 00 11 22 33 44 55}, {@code 0010 2030 4050 6070}), not a number (since branch nat8).
     */
    private static boolean uniform(int prefix, int groups, int[] gd) {
        for (int g = 1; g < groups; g++) {
            if (gd[g] != prefix) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the chain {@code s[i, end)} is ordinary data rather than a number (since {@code fp8}, a minimal rule beside
     * the phone rules): three or more times of day in a row ({@code 0830 1230 1730}: groups of four digits, each an
     * hour and minutes on a five-minute mark, each later than the one before, read as a trunk prefix's 12 digits), or
     * counts before a unit ({@code took 150 1000 5000 ms}, read as a Chinese mobile's 3-4-4; a blank at most between).
     * Reads the chain and at most 9 characters after it, once per number found.
     */
    static boolean ordinary(char[] s, int i, int end) {
        int groups = 0;
        int prev = -1;
        int k = i;
        while (k < end) {
            if (s[k] < '0' || s[k] > '9') {
                k++;
                continue;
            }
            int e = k;
            while (e < end && s[e] >= '0' && s[e] <= '9') {
                e++;
            }
            int hh = e - k == 4 ? (s[k] - '0') * 10 + s[k + 1] - '0' : 99;
            int mm = e - k == 4 ? (s[k + 2] - '0') * 10 + s[k + 3] - '0' : 99;
            if (hh > 23 || mm > 59 || mm % 5 != 0 || hh * 60 + mm <= prev) {
                groups = 0;
                break;
            }
            prev = hh * 60 + mm;
            groups++;
            k = e;
        }
        if (groups >= 3) {
            return true;
        }
        int u = end < s.length && (s[end] == ' ' || LineBreaks.lineBreak(s[end])) ? end + 1 : end;
        int w = u;
        while (w < s.length && w - u <= 7 && Chars.asciiLetter(s[w])) {
            w++;
        }
        if (w == u || w - u > 7 || w < s.length && (Chars.alnum(s[w]) || s[w] == '_')) {
            return false;
        }
        for (String unit : UNITS) {
            if (w - u == unit.length() && Chars.matchesLower(s, u, unit)) {
                return true;
            }
        }
        return false;
    }

    /** Units of time and size a count is written before (since fp8). */
    private static final String[] UNITS = {"ms", "us", "ns", "sec", "secs", "seconds", "min", "mins", "minutes",
        "hrs", "hours", "kb", "mb", "gb", "tb", "bytes", "px"};

    /**
     * No chain goes on through {@code i}: the character before is not a letter, digit, {@code +}, {@code )} or a joined
     * separator. (An opening bracket before is no chain: a chain from it reads the bracketed group first, and where
     * that group does not close, {@code (415-555-0133)}, the number starts after it.)
     */
    private static boolean chainStart(char[] s, int i) {
        if (i == 0) {
            return true;
        }
        char p = s[i - 1];
        if (s[i] == '+') {
            return !Chars.digitGlue(p) && p != '+'; // a '+' is a strong start: "room 12 +49 30 1234 5678"
        }
        if (Chars.digitGlue(p) || p == '+' || p == ')' || p == ':' && i >= 2 && Chars.digit(s[i - 2])) {
            return false; // ':' after a digit: the seconds of a time (10:15:05.1234567), a ratio
        }
        return !(separator(p) && !blank(p) && i >= 2 && (Chars.digit(s[i - 2]) || s[i - 2] == ')'));
    }

    /** Whether a national number's first group may end before {@code c}: a separator, an opening bracket or {@code +}. */
    static boolean separatorOrBracket(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t' || c == '(' || c == '[' || c == '+';
    }

    /** An opening bracket of a group: {@code (} or {@code [}. */
    static boolean open(char c) {
        return c == '(' || c == '[';
    }

    /** The closing bracket of the opening bracket {@code c}. */
    private static char close(char c) {
        return c == '(' ? ')' : ']';
    }

    /**
     * Whether an extension glued to the number starts at {@code end}: {@code x}, {@code ext} or {@code ext.} (any
     * case) and 1-6 digits, then no letter or digit ({@code 415-555-0133x22}). The number is reported without it.
     */
    private static boolean extension(char[] s, int end) {
        int n = s.length;
        int k = end;
        if (k < n && ((s[k] | 0x20) == 'x' || (s[k] | 0x20) == 'p')) { // 'p': a pause before dialling on (digits6)
            k++;
        } else if (Chars.matchesLower(s, k, "ext")) {
            k += k + 3 < n && s[k + 3] == '.' ? 4 : 3;
        } else {
            return false;
        }
        int d = Chars.digitsEnd(s, k);
        return d > k && d - k <= 6 && !Chars.alnumAt(s, d);
    }

    /**
     * {@link #chainStart} for a digit or {@code (} at {@code i}, small enough to be inlined into the digit pass, where
     * most positions of digit-dense text fail it (a digit after a letter, a digit, a bracket, or a separator that
     * follows a digit).
     */
    static boolean chainMayStart(char[] s, int i) {
        if (i == 0) {
            return true;
        }
        char p = s[i - 1];
        return !Chars.digitGlue(p) && p != '+' && p != ')'
                && !(separator(p) && !blank(p) && i >= 2 && ((char) (s[i - 2] - '0') <= 9 || s[i - 2] == ')'));
    }

    /**
     * Necessary for an international number at the {@code +} at {@code i}: {@link #chainStart}, then (after one
     * blank, optional) a digit or a bracket and a digit ({@code +(44)}), and, after a digit, 8 digits in that first run
     * or a chain going on after it (a separator and a digit or bracket, or a bracket), as {@link #match} reads it.
     */
    static boolean plusMayStart(char[] s, int i) {
        int n = s.length;
        if (i > 0 && (Chars.digitGlue(s[i - 1]) || s[i - 1] == '+')) {
            return false;
        }
        int f = i + 1 < n && s[i + 1] == ' ' ? i + 2 : i + 1; // "+ 44 20 …"
        int e = f;
        while (e < n && (char) (s[e] - '0') <= 9) {
            e++;
        }
        if (e == f) {
            return f + 1 < n && open(s[f]) && (Chars.digit(s[f + 1]) || bracketed(s, f) > 0); // "+(44) 20 …", "+( 44 ) …": match reads on
        }
        if (s[f] == '0') {
            return false; // no country code starts with 0 (Go's monotonic clock "m=+0.012345678", "+0.5")
        }
        if (e - f >= 8 || e >= n) {
            return e - f >= 8;
        }
        char c = s[e];
        int g = separatorsEnd(s, e);
        return open(c) || g > e && g < n && ((char) (s[g] - '0') <= 9 || open(s[g]))
                || c == '+' && e + 1 < n && (char) (s[e + 1] - '0') <= 9
                || (c == ')' || c == ']') && i > 0 && s[i - 1] == (c == ')' ? '(' : '[') && e + 1 < n // "(+44) 20 …"
                && (Chars.digit(s[e + 1]) || open(s[e + 1])
                        || separator(s[e + 1]) && e + 2 < n && (Chars.digit(s[e + 2]) || open(s[e + 2])));
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t';
    }

    /** End of the phone number starting at {@code p}, or -1. */
    private static int match(Text t, int p, int cc, int[] gs, int[] ge, int[] gd, char[] sep) {
        char[] s = t.s;
        int n = s.length;
        boolean sign = s[p] == '+';
        boolean plus = sign || cc >= 0; // after an international prefix ("00 44 …") the chain is read as after a '+' (cc)
        int i = cc >= 0 ? cc : plus ? p + 1 < n && s[p + 1] == ' ' ? p + 2 : p + 1 : p; // "+ 44 20 …": one blank after the plus
        // Groups worth reading: a number from a first group of three digits from 2 is NANP's 3-3-4, from a lone "1" NANP's
        // 1-3-3-4; one more group tells whether and how the chain goes on after it (see the back-off below), and no
        // longer prefix can be a number. Other starts (a trunk prefix, a bracket, a plus) read up to MAX_GROUPS.
        int runLen = plus ? 0 : t.digitsEnd(p) - p;
        boolean area = runLen == 3 && s[p] >= '2'; // not a trunk prefix "030"
        boolean mobile = runLen == 3 && s[p] == '1'; // a Chinese mobile number's 1[3-9]X (china), or NANP's dashed 3-3-4
        int limit = area || mobile ? 4 : runLen == 1 && s[p] == '1' ? 5 : runLen == 1 && s[p] == '8' ? 6 : MAX_GROUPS;
        if (area && !nanpShape(s, p + 3) || mobile && !chinaShape(s, p) && !dashedShape(s, p + 3) || limit < MAX_GROUPS && !area && !mobile
                && !countryShape(s, p + 1)) {
            return -1;
        }
        int groups = 0;
        int digits = 0;
        boolean more = false; // the chain goes on after the groups read
        char before = 0;
        while (true) {
            // A national number has at most 12 digits: its chain is read no further (every prefix of 12 digits or
            // fewer is among the groups read, and the chain goes on), an international one at most 15.
            if (groups == limit || digits > (plus ? 15 : 12)) {
                more = true;
                break;
            }
            int k = i;
            boolean bracket = k < n && open(s[k]);
            if (bracket) {
                k++;
            }
            int d = t.digitsEnd(k);
            int inside = bracket ? bracketed(s, i) : -1; // "( 415 )", "(0 20)": blanks inside the brackets
            if (inside >= 0) {
                k = i;
                d = inside;
            } else if (d == k || bracket && (d >= n || s[d] != close(s[k - 1]))) {
                if (groups == 0) {
                    return -1;
                }
                // "(12": the chain goes on in a form we do not read; "(home)" is a label after it; since branch digits6 a
                // bracket after a blank that is no group ends the chain there ("(415) 555-0133 [10:30]": a time after it)
                more = d > k && !(bracket && blank(s[i - 1]));
                break;
            }
            int gdigits = inside >= 0 ? digitsIn(s, i, d) : d - k;
            gs[groups] = i;
            ge[groups] = bracket ? d + 1 : d;
            gd[groups] = gdigits;
            sep[groups] = before;
            digits += gdigits;
            groups++;
            if (groups == 2 && !plus && open(s[gs[0]]) && open(s[gs[1]])) {
                // No national number has two bracketed groups first ("(415) (415) …": every bracket a start after a
                // blank), and every prefix that could be one holds both: no number, without reading on.
                return -1;
            }
            int e = ge[groups - 1];
            if (e >= n) {
                break;
            }
            char c = s[e];
            if (bracket && (Chars.digit(c) || open(c))) {
                before = 0; // "(0)20"
                i = e;
            } else if (c == '+' && e + 1 < n && Chars.digit(s[e + 1])) {
                // "415+555+0133": a form-encoded blank, one between digits; after a bracket no separator, as a blank
                // there ("(415)+555-0133", branch digits4)
                before = bracket ? 0 : '+';
                i = e + 1;
            } else if (separator(c) && separatorsEnd(s, e) < n
                    && (Chars.digit(s[separatorsEnd(s, e)]) || open(s[separatorsEnd(s, e)]))) {
                int f = separatorsEnd(s, e);
                before = bracket ? 0 : kind(s, e, f); // "(030) 1234-5678": the blank after a bracket is no separator
                i = f;
            } else if (open(c)) {
                before = 0;
                i = e;
            } else if (sign && (groups == 1 || groups == 2 && sep[1] == ' ' && gs[1] == ge[0] + 1) && !bracket && (c == ')' || c == ']') && p > 0 && s[p - 1] == (c == ')' ? '(' : '[')
                    && e + 1 < n
                    && (Chars.digit(s[e + 1]) || open(s[e + 1])
                            || separator(s[e + 1]) && e + 2 < n && (Chars.digit(s[e + 2]) || open(s[e + 2])))) {
                // "(+44) 20 7946 0958": a bracketed country code, the chain goes on after the bracket; since branch nat8
                // also a country code and an area after one blank ("(+49 30) 12345678")
                before = 0;
                i = Chars.digit(s[e + 1]) || open(s[e + 1]) ? e + 1 : e + 2; // "(+1) (415) 555-0133"
            } else {
                break;
            }
        }
        // an international prefix after a digit and a blank is a group of a longer sequence ("DE89 3704 0044 0532 …")
        if (cc >= 0 && (gluedToId(s, p) || p >= 2 && blank(s[p - 1]) && Chars.digit(s[p - 2]) || uniform(t.digitsEnd(p) - p, groups, gd))) {
            return -1;
        }
        if (plus) {
            return s[firstDigit(s, gs[0])] == '0' ? -1 : international(s, groups, gs, ge, gd, open(s[gs[0]]));
        }
        if (groups < 2 || gluedToId(s, p)) {
            return -1;
        }
        // The whole chain, or else the longest prefix of it that ends before a blank or a '+' (a list: "415-555-0133
        // 5 times", "030 1234 5678 0151 23456789", "415-555-0133+415-555-0134"): at most MAX_GROUPS tries of
        // O(MAX_GROUPS) each.
        int prefixDigits = digits;
        for (int k = groups; k >= 2; k--) {
            if (k < groups) {
                prefixDigits -= gd[k];
            }
            // (since branch digits6) or before a slash: an alternative last group after it, see endsBefore; or before a
            // point and a blank: a sentence's end ("415-555-0133. 2 more", a next line that starts with a timestamp)
            // (digits6) or before a spaced separator (" - 2 more", " / 2": a blank first) that joins none of its groups
            if (k < groups ? !blank(sep[k]) && sep[k] != '+' && sep[k] != '/' && !sentenceEnd(s, ge[k - 1])
                    && !(blank(s[ge[k - 1]]) && !ownSeparator(s, k, gs, ge)) : more) {
                continue;
            }
            int end = ge[k - 1];
            if (Chars.digitGlueAt(s, end) && !extension(s, end) || Chars.gluedAfter(s, end) && !endsBefore(s, end, k, sep)) {
                continue;
            }
            if (nanp(s, k, gs, gd, sep) || trunk(s, k, gs, gd, sep, prefixDigits) && !dumpOrList(s, k, groups, gs, ge, gd)
                    && !thousands(s, p, k, gs, gd, sep)
                    || brazil(s, k, gs, gd, sep) || bracketedCountry(s, k, gs, gd, sep, prefixDigits)
                    || russia(s, k, gs, gd) || bracketedArea322(s, k, gs, gd) || china(s, k, gs, gd, sep)
                    || brazilPlain(s, k, gs, ge, gd)) {
                return end;
            }
        }
        return -1;
    }

    /**
     * An international prefix at {@code p} that is no prefix whatever chain follows it: glued to an id
     * ({@link #gluedToId}), or a group of a longer sequence, after a digit and a blank ({@code DE89 3704 0044 …},
     * {@code 00 11 22 33 00 …}): the first two of match's tests after the chain is read (kept there too). O(1): a
     * label of at most 10 letters is read before {@code p}.
     */
    private static boolean afterGroup(char[] s, int p) {
        return gluedToId(s, p) || p >= 2 && blank(s[p - 1]) && Chars.digit(s[p - 2]);
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether the separator before group {@code k} is written as one between the groups before it (digits6). */
    private static boolean ownSeparator(char[] s, int k, int[] gs, int[] ge) {
        int a = ge[k - 1];
        int len = gs[k] - a;
        for (int g = 1; g < k; g++) {
            int b = ge[g - 1];
            if (gs[g] - b == len && java.util.Arrays.equals(s, a, a + len, s, b, b + len)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Since branch nat8 (the same in the reference engine): a country code of two or three digits from 1-9 in brackets
     * without its {@code +} ({@code (44) 20 7946 0958}, {@code (49) 30 1234 5678}), then three or more groups of 1-4
     * digits joined by one separator throughout, the first of 1-3 digits and the last of 3-4, 9 or more digits after
     * the bracket and 12 in all (a national chain is read to 12), not all groups of one length (a list, a count grouped by thousands: {@code (12) 345 678 901}); a date
     * after a bracketed count fits none ({@code (12) 2024-12-02}: a first group of four; {@code (12) 02.12.2024}: eight
     * digits). O(k).
     */
    private static boolean bracketedCountry(char[] s, int k, int[] gs, int[] gd, char[] sep, int digits) {
        if (k < 4 || !open(s[gs[0]]) || gd[0] < 2 || gd[0] > 3 || firstDigit(s, gs[0]) != gs[0] + 1 || s[gs[0] + 1] == '0'
                || digits - gd[0] < 9 || digits > 12 || gd[1] > 3 || gd[k - 1] < 3) {
            return false;
        }
        boolean one = true;
        for (int g = 1; g < k; g++) {
            if (open(s[gs[g]]) || gd[g] > 4 || g >= 2 && sep[g] != sep[2]) {
                return false;
            }
            one &= gd[g] == gd[1];
        }
        return !one;
    }

    /**
     * A count grouped by thousands, not a trunk-prefix number (since branch digits6, the same in the reference engine):
     * 1-3 digits and a blank before the chain, and its {@code k} groups of three digits each after a blank
     * ({@code total 5 014 491 340 bytes}).
     */
    private static boolean thousands(char[] s, int p, int k, int[] gs, int[] gd, char[] sep) {
        if (p < 2 || !blank(s[p - 1]) || !Chars.digit(s[p - 2]) || open(s[p])) {
            return false;
        }
        int b = p - 2;
        while (b >= 0 && p - 2 - b < 4 && Chars.digit(s[b])) {
            b--;
        }
        if (p - 2 - b > 3) {
            return false;
        }
        for (int g = 0; g < k; g++) {
            if (gd[g] != 3 || open(s[gs[g]]) || g > 0 && sep[g] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** A point and a blank or tab (a line break is read as a blank) at {@code e}: a sentence ends there (digits6). */
    private static boolean sentenceEnd(char[] s, int e) {
        return e + 1 < s.length && s[e] == '.' && blank(s[e + 1]);
    }

    /**
     * Since branch digits6 (the same in the reference engine): a number of {@code k} groups glued after by a point
     * before two letters ({@code 415-555-0133.vcf}, {@code …0133.Thanks}) or by a slash before 1-4 digits that end
     * there (an alternative last group, {@code 415-555-0133/0134}) ends there, unless its own groups are joined by
     * that character ({@code 415.555.0133.x}, {@code 030/1234/5678}).
     */
    private static boolean endsBefore(char[] s, int end, int k, char[] sep) {
        char c = s[end];
        if (!(c == '.' && end + 2 < s.length && Chars.asciiLetter(s[end + 1]) && Chars.asciiLetter(s[end + 2])
                || c == '/' && Chars.shortTail(s, end))) {
            return false;
        }
        for (int g = 1; g < k; g++) {
            if (sep[g] == c) {
                return false;
            }
        }
        return true;
    }

    /**
     * A bracketed group with blanks inside (since branch digits5, the same in the reference engine): at {@code i} an
     * opening bracket, then one blank or none, the digits, one blank or none, the closing bracket ({@code ( 415 )});
     * the digits may be two runs joined by one blank (a trunk prefix and an area: {@code +44 (0 20) 7946 0958},
     * {@code (06 1) 234 5678}); since branch phone9 also a lone trunk prefix {@code 0}, a dash and an area of 2-4
     * digits from 1-9 ({@code (0-612) 34567}, {@code +44 (0-20) 7946 0958}; not a range such as {@code (0-9)} or
     * {@code (0-100)}: a 1 and zeros only). Returns the
     * position of the closing bracket, or -1 if the group is not so written (none inside, or a plain {@code (415)},
     * read as before).
     */
    static int bracketed(char[] s, int i) {
        int n = s.length;
        int k = i + 1;
        boolean blanks = false;
        if (k < n && s[k] == ' ') {
            k++;
            blanks = true;
        }
        int d = Chars.digitsEnd(s, k);
        if (d == k) {
            return -1;
        }
        if (d + 1 < n && s[d] == ' ' && Chars.digit(s[d + 1])) {
            d = Chars.digitsEnd(s, d + 1); // "(0 20)", Hungary's "(06 1)"
            blanks = true;
        } else if (d + 1 < n && s[d] == '-' && d - k == 1 && s[k] == '0' && (char) (s[d + 1] - '1') <= 8
                && trunkArea(s, d + 1, Chars.digitsEnd(s, d + 1))) {
            d = Chars.digitsEnd(s, d + 1); // since phone9 a trunk prefix "0" and an area of 2-4 digits: "(0-612)"
            blanks = true;
        }
        if (d < n && s[d] == ' ') {
            d++;
            blanks = true;
        }
        return blanks && d < n && s[d] == close(s[i]) ? d : -1;
    }

    /**
     * An area of 2-4 digits {@code s[a, e)} after {@code (0-} other than a range's end (phone9: {@code 10 100 1000};
     * since phone10 also all nines {@code 99 999 9999}, a power of two or one less {@code 15 16 31 … 255 256 … 8192},
     * and {@code 12 24 59 60 360}: {@code range (0-255) 12345678} stays plain). At most 4 digits read.
     */
    private static boolean trunkArea(char[] s, int a, int e) {
        if (e - a < 2 || e - a > 4) {
            return false;
        }
        int v = 0;
        for (int k = a; k < e; k++) {
            v = v * 10 + s[k] - '0';
        }
        int ten = e - a == 2 ? 10 : e - a == 3 ? 100 : 1000; // v has no leading zero: ten <= v < 10 * ten
        boolean range = v == ten || v == 10 * ten - 1 || (v & v - 1) == 0 || (v & v + 1) == 0
                || v == 12 || v == 24 || v == 59 || v == 60 || v == 360;
        return !range;
    }

    /** The digits between {@code i} and {@code e}. */
    private static int digitsIn(char[] s, int i, int e) {
        int c = 0;
        for (int k = i; k < e; k++) {
            c += Chars.digit(s[k]) ? 1 : 0;
        }
        return c;
    }

    /**
     * Whether the group at {@code g} of {@code digits} digits is bracketed with blanks inside ({@link #bracketed}): not
     * read after a country code or trunk digit ({@code 1 ( 415 ) …}, {@code 8 ( 495 ) …}; {@code countryShape} reads
     * the plain form only).
     */
    private static boolean blanksInside(char[] s, int g, int digits) {
        int f = firstDigit(s, g);
        return open(s[g]) && (f > g + 1 || s[f + digits] != close(s[g]));
    }

    /** The first digit of the group at {@code g}: after its opening bracket and a blank inside, if any. */
    private static int firstDigit(char[] s, int g) {
        return !open(s[g]) ? g : s[g + 1] == ' ' ? g + 2 : g + 1;
    }

    /**
     * The end of the separator between two groups at {@code e}: one to three separator characters
     * ({@code 415-555-0133}, {@code 415 - 555 - 0133}, {@code +1  415  555  0133}); {@code e} if none.
     */
    private static int separatorsEnd(char[] s, int e) {
        int f = e;
        while (f < s.length && f - e < 3 && separator(s[f])) {
            f++;
        }
        return f;
    }

    /** What a separator {@code s[e, f)} counts as for "one separator throughout": its first non-blank, or a blank. */
    private static char kind(char[] s, int e, int f) {
        for (int k = e; k < f; k++) {
            if (!blank(s[k])) {
                return s[k];
            }
        }
        return ' ';
    }

    /**
     * Glued to a word before by {@code - . / _} (digit groups of an id such as {@code 01234567-1234-abcd-…}), unless
     * that word is a label of 2-10 letters of any script ({@code Tel.030 12345678}, {@code тел.030 12345678}, {@code tel_415-555-0133}, {@code Ph.415…}).
     */
    private static boolean gluedToId(char[] s, int p) {
        if (!Chars.gluedBefore(s, p)) {
            return false;
        }
        int k = p - 2;
        while (k >= 0 && p - 2 - k <= 10 && Character.isLetter(s[k])) { // any script (тел.030 …; since branch digits5)
            k--;
        }
        int letters = p - 2 - k;
        return letters < 2 || letters > 10 || Chars.alnumAt(s, k);
    }

    /**
     * Necessary for a number from a first group of three digits from 2 ending at {@code e} (NANP's 3-3-4, the only form
     * such a group starts, {@link #nanp}): a separator (one to three separator characters, or a {@code +} between
     * digits), exactly three digits from 2, a separator, exactly four digits; the groups after the area are
     * unbracketed. Read without the group arrays, so that a run of areas ({@code 415 415 415 …}, every one a start
     * after a blank) costs a few compares each.
     */
    private static boolean nanpShape(char[] s, int e) {
        int f = linkEnd(s, e);
        if (f < 0 || s[f] < '2' && !dashedShape(s, e) || Chars.digitsEnd(s, f) - f != 3) {
            return false;
        }
        int g = linkEnd(s, f + 3);
        return g >= 0 && Chars.digitsEnd(s, g) - g == 4;
    }

    /**
     * Since branch nat8: after a first group of three digits ending at {@code e}, a dash (one to three separator
     * characters whose first non-blank is {@code -}), exactly three digits, a dash, exactly four digits: NANP's dashed
     * 3-3-4, a phone number to any reader whatever its digits ({@code 123-456-7890}, {@code 555-123-4567}: test data and
     * placeholders). O(1): at most 3 + 3 + 3 + 4 characters are read.
     */
    private static boolean dashedShape(char[] s, int e) {
        int f = separatorsEnd(s, e);
        if (f == e || f >= s.length || kind(s, e, f) != '-' || Chars.digitsEnd(s, f) - f != 3) {
            return false;
        }
        int g = separatorsEnd(s, f + 3);
        return g > f + 3 && g < s.length && kind(s, f + 3, g) == '-' && Chars.digitsEnd(s, g) - g == 4;
    }

    /**
     * Necessary for a Chinese mobile number from the group of three digits at {@code p} ({@link #china}): "13"-"19",
     * a separator, exactly four digits, a separator, exactly four digits. Read without the group arrays.
     */
    private static boolean chinaShape(char[] s, int p) {
        if (s[p + 1] < '3') {
            return false;
        }
        int f = linkEnd(s, p + 3);
        if (f < 0 || Chars.digitsEnd(s, f) - f != 4) {
            return false;
        }
        int g = linkEnd(s, f + 4);
        return g >= 0 && Chars.digitsEnd(s, g) - g == 4;
    }

    /**
     * China's mobile numbers (since branch digits5, the same in the reference engine): 11 digits {@code 1[3-9]X XXXX
     * XXXX}, grouped 3-4-4 by blanks or by dashes throughout ({@code 138 0013 8000}, {@code 138-0013-8000}), no bracket.
     * The only national form without a trunk prefix reported unbracketed besides NANP: its prefix "13"-"19" and its
     * 3-4-4 grouping are its own (counts grouped by thousands are 3-3-3).
     */
    private static boolean china(char[] s, int groups, int[] gs, int[] gd, char[] sep) {
        return groups == 3 && gd[0] == 3 && gd[1] == 4 && gd[2] == 4 && s[gs[0]] == '1' && s[gs[0] + 1] >= '3'
                && !open(s[gs[1]]) && !open(s[gs[2]]) && sep[1] == sep[2] && (sep[1] == ' ' || sep[1] == '-');
    }

    /**
     * Necessary for a number from a lone "1" or "8" ending at {@code e} (NANP with its country code, {@link #nanp},
     * or Russia's trunk prefix, {@link #russia}): an area of three digits, bracketed (after separators or none) or
     * not (after separators), then the next group of three digits (the exchange) or seven (exchange and line, or
     * Russia's seven), unbracketed. Read without the group arrays ({@code 8 800 8 800 …}).
     */
    private static boolean countryShape(char[] s, int e) {
        int n = s.length;
        int f = e < n && open(s[e]) ? e : linkEnd(s, e);
        if (f < 0 && e + 1 < n && (s[e] == ' ' || separator(s[e]))) {
            int g = separatorsEnd(s, e);
            f = g < n && open(s[g]) ? g : -1; // "1 (415) …"
        }
        if (f < 0) {
            return false;
        }
        int next;
        if (open(s[f])) {
            int k = Chars.digitsEnd(s, f + 1);
            if (k - f - 1 != 3 || k >= n || s[k] != close(s[f])) {
                return false;
            }
            next = k + 1 < n && Chars.digit(s[k + 1]) ? k + 1 : linkEnd(s, k + 1);
        } else {
            if (Chars.digitsEnd(s, f) - f != 3) {
                return false;
            }
            next = linkEnd(s, f + 3);
        }
        if (next < 0) {
            return false;
        }
        int len = Chars.digitsEnd(s, next) - next;
        return len == 3 || len == 7;
    }

    /** After a group ending at {@code e}: the start of the next unbracketed group, or -1. */
    private static int linkEnd(char[] s, int e) {
        int n = s.length;
        int f = e < n && s[e] == '+' ? e + 1 : separatorsEnd(s, e);
        return f > e && f < n && Chars.digit(s[f]) ? f : -1;
    }

    /**
     * {@code +} and 8-15 digits: the longest prefix of the groups with at most 15 digits. A bracketed first group is a
     * country code of 1-3 digits ({@code +(44) 20 …}).
     */
    private static int international(char[] s, int groups, int[] gs, int[] ge, int[] gd, boolean firstBracketed) {
        if (firstBracketed && gd[0] > 3) {
            return -1;
        }
        int digits = 0;
        int end = -1;
        int last = -1;
        for (int g = 0; g < groups && digits + gd[g] <= 15; g++) {
            digits += gd[g];
            end = ge[g];
            last = g;
        }
        if (count(s, last, gs, ge, gd, digits)) {
            digits -= gd[last];
            end = ge[last - 1];
        }
        return digits >= 8 && (!Chars.digitGlueAt(s, end) || extension(s, end)) ? end : -1;
    }

    /**
     * Since branch nat8 (the same in the reference engine): the last group taken, {@code last}, is a count after the
     * number rather than its end ({@code +1 (415) 555-0134 2 times}, {@code +44 20 7946 0958 3 attempts}): 1-3 digits,
     * unbracketed, after one blank that follows a group of four or more digits, and the groups before it hold ten
     * digits or more, a whole number already. O(1).
     */
    private static boolean count(char[] s, int last, int[] gs, int[] ge, int[] gd, int digits) {
        return last >= 2 && gd[last] <= 3 && gd[last - 1] >= 4 && digits - gd[last] >= 10 && !open(s[gs[last]])
                && !open(s[gs[last - 1]]) && gs[last] == ge[last - 1] + 1 && blank(s[ge[last - 1]]);
    }

    /**
     * {@code [1] AAA EEE LLLL} (or {@code [1] (AAA)EEELLLL}), area and exchange starting with 2-9, only the area bracketed.
     * Since branch nat8 any digits without the country code when the area is bracketed or the groups are joined by
     * dashes ({@code (123) 456-7890}, {@code (555) 123-4567}, {@code 123-456-7890}: placeholders and test data are
     * written so; {@code 123 456 7890} and the bare {@code 1234567890} stay plain).
     */
    private static boolean nanp(char[] s, int groups, int[] gs, int[] gd, char[] sep) {
        int a = groups == 4 && gd[0] == 1 && s[gs[0]] == '1' ? 1 : 0;
        // "(415)5550133", "1 (415)5550133": a bracketed area, then exchange and line in one run of 7
        int b = groups == 3 && gd[0] == 1 && s[gs[0]] == '1' ? 1 : 0;
        if (groups - b == 2 && gd[b] == 3 && gd[b + 1] == 7 && open(s[gs[b]]) && !open(s[gs[b + 1]])) {
            return s[firstDigit(s, gs[b])] >= '2' && s[gs[b + 1]] >= '2' && !(b == 1 && blanksInside(s, gs[1], gd[1]));
        }
        if (groups - a != 3 || gd[a] != 3 || gd[a + 1] != 3 || gd[a + 2] != 4 || a == 1 && blanksInside(s, gs[1], gd[1])) {
            return false;
        }
        if (a == 1 && open(s[gs[0]]) || open(s[gs[a + 1]]) || open(s[gs[a + 2]])) {
            return false;
        }
        int area = firstDigit(s, gs[a]);
        return s[area] >= '2' && s[gs[a + 1]] >= '2' || a == 0 && (open(s[gs[0]]) || sep[1] == '-' && sep[2] == '-' && s[gs[0]] != '0')
                || a == 1 && sep[1] == '-' && sep[2] == '-' && sep[3] == '-'; // "1-123-456-7890"
    }

    /**
     * Russia's national form, trunk prefix 8: an area of three digits from 3, bracketed or not, then seven digits as
     * 3-2-2, 3-4 or 7 ({@code 8 (495) 123-45-67}, {@code 8 800 555 35 35}, {@code 8 495 1234567}).
     */
    private static boolean russia(char[] s, int groups, int[] gs, int[] gd) {
        if (groups < 3 || gd[0] != 1 || s[gs[0]] != '8' || gd[1] != 3 || s[firstDigit(s, gs[1])] < '3'
                || blanksInside(s, gs[1], gd[1])) {
            return false;
        }
        for (int g = 2; g < groups; g++) {
            if (open(s[gs[g]])) {
                return false;
            }
        }
        return groups == 5 ? gd[2] == 3 && gd[3] == 2 && gd[4] == 2 : groups == 4 ? gd[2] == 3 && gd[3] == 4 : gd[2] == 7;
    }

    /**
     * Since 2026-12-04, late night (the same in the reference engine): a bracketed area of two or three digits from 3-9, then
     * groups of 3, 2 and 2 digits, without a trunk prefix ({@code (495) 123-45-67}, Russia without its {@code 8};
     * {@code (532) 123 45 67}, Turkey's mobiles, also after their trunk {@code 0}, which is left: {@code 0 <phone>};
     * {@code (91) 123 45 67}, Spain's landlines). Found by the session's own review of the family: national formats with brackets, which the issue names. Not with
     * an area from 0-2 ({@code (100) 200 30 40}, {@code (123) …}: counts and NANP's own rule) nor blanks inside.
     */
    private static boolean bracketedArea322(char[] s, int groups, int[] gs, int[] gd) {
        return groups == 4 && open(s[gs[0]]) && (gd[0] == 2 || gd[0] == 3) && !blanksInside(s, gs[0], gd[0]) && s[gs[0] + 1] >= '3'
                && gd[1] == 3 && gd[2] == 2 && gd[3] == 2 && !open(s[gs[1]]) && !open(s[gs[2]]) && !open(s[gs[3]]);
    }

    /**
     * Brazil's national form, no trunk prefix: a bracketed area of two digits 1-9, then 4-5 digits and 4
     * ({@code (11) 91234-5678}, {@code (11) 1234-5678}); since branch nat8 also 3 and 4 after any bracketed area of two
     * digits without a trunk prefix, joined by a blank ({@code (21) 123 4567}; {@code page (12) 123-4567} stays plain by
     * an earlier decision, GapsFoundTest).
     */
    private static boolean brazil(char[] s, int groups, int[] gs, int[] gd, char[] sep) {
        // (since branch digits6) a mobile's 9 set apart: "(11) 9 1234-5678"
        boolean nine = groups == 4 && gd[1] == 1 && s[gs[1]] == '9' && gd[2] == 4 && !open(s[gs[2]]) && !open(s[gs[3]]);
        return (groups == 3 || nine) && open(s[gs[0]]) && gd[0] == 2 && s[firstDigit(s, gs[0])] != '0' && s[firstDigit(s, gs[0]) + 1] != '0'
                && !open(s[gs[1]]) && (nine || (gd[1] == 4 || gd[1] == 5 || gd[1] == 3 && sep[2] == ' ') && !open(s[gs[2]])) && gd[groups - 1] == 4;
    }

    /**
     * Necessary and sufficient for the groups of {@link #brazilPlain} from a first run of two digits at {@code p} (since
     * branch phone9): two digits 1-9, one blank (since phone10 a space or a tab), {@code 9} and four digits (since
     * phone10 also {@code 9}, a space and four digits), one dash or blank (since digit11 also a tab after a space after the area), four digits. O(1): at most 15 characters
     * are read, so a run of pairs ({@code 11 22 33 …}) costs a few compares each.
     */
    static boolean brazilShape(char[] s, int p) {
        int n = s.length;
        if (!(p + 13 <= n && s[p] != '0' && s[p + 1] != '0' && (s[p + 2] == ' ' || s[p + 2] == '\t') && s[p + 3] == '9')) {
            return false;
        }
        int a = s[p + 4] == ' ' ? p + 5 : p + 4; // "11 9 1234-5678": the mobile's 9 set apart (phone10)
        return Chars.digitsEnd(s, a) == a + 4 && a + 4 < n && (s[a + 4] == '-' || s[a + 4] == ' ' || s[a + 4] == '\t' && s[p + 2] == ' ')
                && Chars.digitsEnd(s, a + 5) == a + 9;
    }

    /**
     * Brazil's mobile numbers without brackets (since branch phone9, the same in the reference engine): an area of two
     * digits 1-9, one blank, {@code 9} and four digits, one dash or blank, four digits ({@code 11 91234-5678},
     * {@code 21 98765 4321}): the 9 and the 5-4 grouping after a two-digit area are their own (counts are grouped
     * 3-3-3, times and dates have no group of five).
     */
    private static boolean brazilPlain(char[] s, int groups, int[] gs, int[] ge, int[] gd) {
        // since phone10 the 9 set apart by one space ("11 9 1234-5678"), and a tab after the area ("11\t91234-5678");
        // since digit11 a tab before the last four too when a space follows the area ("11 91234\t5678", as
        // "(11) 91234\t5678" was found; tabs throughout, "11\t91234\t5678", stay three columns of a TSV row)
        boolean apart = groups == 4 && gd[1] == 1 && gd[2] == 4 && gd[3] == 4 && s[ge[1]] == ' ' && gs[2] == ge[1] + 1
                && !open(s[gs[2]]);
        int last = groups - 1;
        return (groups == 3 && gd[1] == 5 && gd[2] == 4 || apart) && gd[0] == 2 && !open(s[gs[0]]) && s[gs[0]] != '0'
                && s[gs[0] + 1] != '0' && s[gs[1]] == '9' && blank(s[ge[0]]) && gs[1] == ge[0] + 1
                && (s[ge[last - 1]] == '-' || s[ge[last - 1]] == ' ' || s[ge[last - 1]] == '\t' && s[ge[0]] == ' ') && gs[last] == ge[last - 1] + 1 && !open(s[gs[last]]);
    }

    /**
     * A trunk-prefix chain that is a hex dump or a list rather than a number (since branch digits5, the same in the
     * reference engine): two or more groups after the first of zeros only, more than half of the groups
     * ({@code 08 00 00 00 00 00}, {@code 0800 0000 0000}: the bytes of a dump; {@code 0626 00 484 000} is a number); groups of two digits only, unless exactly five (the French
     * {@code 01 23 45 67 89}) not followed by another group of two ({@code 08 12 34 56 78 9a}, a dump;
     * {@code 07 12 23 34 45 48}, a list). Five pairs alone are reported: a list {@code 07 12 23 34 45} is written as a
     * French mobile number is. {@code k} groups are the candidate, {@code groups} were read.
     */
    private static boolean dumpOrList(char[] s, int k, int groups, int[] gs, int[] ge, int[] gd) {
        int zeros = 0;
        boolean pairs = true;
        for (int g = 0; g < k; g++) {
            int f = firstDigit(s, gs[g]);
            boolean zero = true;
            for (int j = f; j < f + gd[g]; j++) {
                zero &= s[j] == '0';
            }
            if (g > 0 && zero) {
                zeros++;
            }
            pairs &= gd[g] == 2;
        }
        // A sixth pair after another separator than the pairs' is a next field (a TSV row: "01 23 45 67 89\t42"; digits6).
        // … or after a pair and a blank: the end of a longer list ("days 01 02 03 04 05 06 07"; digits6)
        int p = gs[0];
        boolean pairBefore = p >= 3 && blank(s[p - 1]) && Chars.digit(s[p - 2]) && Chars.digit(s[p - 3]) && !Chars.digitAt(s, p - 4);
        return zeros >= 2 && 2 * zeros > k || pairs && (k != 5 || k < groups && gd[k] == 2 && s[ge[k - 1]] == s[ge[0]] || pairBefore);
    }

    /**
     * A slash or dash after an area code of two digits (since branch digits5, the same in the reference engine):
     * Stockholm's {@code 08-123 456 78}, Brussels' {@code 02 / 123 45 67}; only when a group of three digits follows
     * and every later group has two or three digits and follows a blank ({@code 05-2024 12345}, a month and a number,
     * and {@code 01/02 03 04 05}, a date and a list, stay plain).
     */
    private static boolean shortArea(int groups, int[] gd, char[] sep) {
        if (groups < 3 || gd[0] != 2 || gd[1] != 3) {
            return false;
        }
        for (int g = 2; g < groups; g++) {
            // the same blank, or since branch digits6 the same point ("02/123.45.67", Belgium)
            if (gd[g] < 2 || gd[g] > 3 || sep[g] != sep[2] || sep[2] != ' ' && sep[2] != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the groups after the second are joined by dashes (one or more of them; since branch digits6), and the
     * second and third are no year and month ({@code 010 2024-12}, {@code 031 2026-12-02}: a date after a number).
     */
    private static boolean dashesAfter(int groups, int[] gd, char[] sep) {
        if (groups >= 3 && gd[1] == 4 && gd[2] == 2) {
            return false;
        }
        for (int g = 2; g < groups; g++) {
            if (sep[g] != '-') {
                return false;
            }
        }
        return groups >= 3;
    }

    /** First group {@code 0[1-9]…}, at least two groups, 9-12 digits, one separator throughout (brackets aside, and a slash or dash after an area code of 3+ digits: {@code 030/1234 5678}, {@code 020-123 4567}). */
    private static boolean trunk(char[] s, int groups, int[] gs, int[] gd, char[] sep, int digits) {
        if (groups < 2 || digits < 9 || digits > 12) {
            return false;
        }
        int first = firstDigit(s, gs[0]);
        // A bracketed trunk prefix alone, then the area ("(0)30 1234 5678", "(0) 30 …"; since branch digits5, in both engines)
        boolean zero = first > gs[0] && gd[0] == 1 && s[first] == '0' && groups >= 3 && !open(s[gs[1]])
                && s[gs[1]] != '0';
        if (!zero && (s[first] != '0' || gd[0] < 2 || s[first + 1] == '0')) {
            return false;
        }
        char common = 0;
        for (int g = 1; g < groups; g++) {
            // A last group of one digit after a dash: a switchboard's extension ("030/123456-0", since branch digits6).
            if (open(s[gs[g]]) && (g > 1 || first > gs[0])
                    || gd[g] < (zero && g == 1 || g >= 2 && g == groups - 1 && sep[g] == '-' && gd[0] >= 3 ? 1 : 2)) {
                return false; // a bracketed group only second, after an unbracketed prefix: "03(1234)5678"
            }
            // Since branch digits6 also a blank after an area code of 3 or more digits before groups joined by dashes
            // ("030 212-345", "030 123456-78").
            if (g == 1 && (sep[g] == '/' || sep[g] == '-' || sep[g] == ' ' && dashesAfter(groups, gd, sep))
                    && (gd[0] >= 3 || shortArea(groups, gd, sep))) {
                continue; // "030/1234 5678", "020-123 4567": a slash or dash after an area code of 3 or more digits
            }
            if (sep[g] != 0) {
                if (common == 0) {
                    common = sep[g];
                } else if (common != sep[g]) {
                    return false;
                }
            }
        }
        // After a dash after the area code, blanks or dashes ("020-123 4567", "030-1234-5678"; "030-1234/5678" is a path)
        return groups < 2 || sep[1] != '-' || common == 0 || common == ' ' || common == '-';
    }
}
