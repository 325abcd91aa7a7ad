package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * Telephone numbers, read as a chain of digit groups: a group is digits or bracketed digits ({@code (415)},
 * {@code (0)}); groups are joined by one of {@code space - . /}, optional next to a bracket. A chain starts where no
 * chain continues (not after a letter, a digit, or a separator that follows a digit). Three forms are reported:
 * <ul>
 *   <li><b>international</b>: {@code +} and a chain of 8-15 digits (E.164), separators mixed freely:
 *       {@code +1 (415) 555-0134}, {@code +49 30 1234 5678}, {@code +44 (0)20 7946 0958}, {@code +4930123456}. Groups
 *       after the 15th digit are left out, so a number followed by a count is still found;</li>
 *   <li><b>NANP</b>: exactly area-exchange-line {@code 3-3-4}, optionally after a country code {@code 1}, the area
 *       bracketed or not, area and exchange starting with 2-9: {@code (415) 555-0133}, {@code 415.555.0133},
 *       {@code 1-415-555-0133};</li>
 *   <li><b>trunk prefix</b>: a first group starting with one {@code 0} ({@code 030}, {@code (030)}, {@code 06}), XX
 * </ul>
 * Not reported: bare national digit runs ({@code 4155550133}: a count or an id as much as a number), 7-digit local
 * numbers ({@code 555-0133}), the {@code 00} international prefix. Dates ({@code 2026-10-15}, {@code 15.10.2026 08}) fit
 * none of the forms. A national chain must end where the number ends ({@code 415-555-0133-2} is not a number) and
 * must not be glued to a word by {@code - . / _} (digit groups of a UUID such as {@code 01234567-1234-abcd-…}).
 * <p>
 * Linear: a chain is read from its start only, and at most 10 groups or 16 digits of it, so each start costs O(1).
 * <p>
 * Widened in the session of 2026-12-02 (branch gapsdigit), in the engine too: square brackets as well as round ones
 * ({@code +1 [415] 555-0134}); a bracketed country code after the plus ({@code +(44) 20 7946 0958}) and one blank
 * after it ({@code + 44 …}); a chain may start after an opening bracket ({@code (415-555-0133)}); an extension glued
 * by {@code x} or {@code ext} ends the number ({@code 415-555-0133x22}). Then, from the hunt of that session: a tab
 * separates groups; a chain may start after a digit and a blank ({@code 2024-12-02 415-555-0133}); a national chain
 * that is no number backs off to its longest prefix ending before a blank ({@code 415-555-0133 5 times}); a label of
 * 2-10 letters glued by {@code - . / _} does not hide the number ({@code Tel.030 12345678}).
 */
final class PhoneDetector {

    private static final int MAX_GROUPS = 10;

    private PhoneDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        s = LineBreaks.asBlanks(s); // line breaks read as blanks (branch digits5)
        int n = s.length();
        int[] gs = new int[MAX_GROUPS]; // group start (at the bracket, if any)
        int[] ge = new int[MAX_GROUPS]; // group end (after the bracket)
        int[] gd = new int[MAX_GROUPS]; // digits in the group
        char[] sep = new char[MAX_GROUPS]; // separator before the group; 0 for none or next to a bracket
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(c == '+' || open(c) || Chars.digit(c)) || !chainStart(s, i)) {
                i++;
                continue;
            }
            if (Chars.digit(c)) {
                // A national number has two or more groups: a digit run followed by no separator or bracket is none,
                // and no chain starts inside the run, so the scan goes on after it.
                int e = Chars.digitsEnd(s, i);
                if (e >= n || !(separator(s.charAt(e)) || open(s.charAt(e)) || s.charAt(e) == '+')) {
                    i = e;
                    continue;
                }
            }
            // an international prefix "00 ", "011 " or "00" glued to the country code, read as a '+' (branch nat8, in the engine too)
            int cc = Chars.digit(c) ? exitCode(s, i) : -1;
            int end = cc >= 0 ? match(s, i, cc, gs, ge, gd, sep) : -1;
            if (end <= 0) {
                end = match(s, i, -1, gs, ge, gd, sep);
            }
            if (end > 0 && ordinary(s, i, end)) {
                end = -1; // added fp8, in the engine too: times of day in a row, counts before a unit
            }
            if (end > 0) {
                out.add(new Finding(PiiKind.PHONE, i, end));
                i = end;
            } else {
                i++;
            }
        }
    }

    /**
     * Added fp8, in the engine too: three or more times of day in a row ({@code 0830 1230 1730}: groups of four digits,
     * each HHMM on a five-minute mark, ascending), or the chain before a unit, after one blank at most
     * ({@code took 150 1000 5000 ms}).
     */
    private static boolean ordinary(CharSequence s, int i, int end) {
        java.util.List<Integer> times = new java.util.ArrayList<>();
        boolean allTimes = true;
        for (String group : s.subSequence(i, end).toString().split("[^0-9]+")) {
            if (group.isEmpty()) {
                continue;
            }
            int hh = group.length() == 4 ? Integer.parseInt(group.substring(0, 2)) : 99;
            int mm = group.length() == 4 ? Integer.parseInt(group.substring(2)) : 99;
            int t = hh * 60 + mm;
            allTimes &= hh <= 23 && mm <= 59 && mm % 5 == 0 && (times.isEmpty() || t > times.get(times.size() - 1));
            times.add(t);
        }
        if (allTimes && times.size() >= 3) {
            return true;
        }
        int u = end < s.length() && s.charAt(end) == ' ' ? end + 1 : end;
        int w = u;
        while (w < s.length() && Chars.asciiLetter(s.charAt(w))) {
            w++;
        }
        if (w < s.length() && (Chars.alnum(s.charAt(w)) || s.charAt(w) == '_')) {
            return false;
        }
        String word = s.subSequence(u, w).toString().toLowerCase(java.util.Locale.ROOT);
        return java.util.List.of("ms", "us", "ns", "sec", "secs", "seconds", "min", "mins", "minutes", "hrs",
                "hours", "kb", "mb", "gb", "tb", "bytes", "px").contains(word);
    }

    /** No chain goes on through {@code i}: the character before is not a letter, digit, {@code +} or a joined separator. */
    private static boolean chainStart(CharSequence s, int i) {
        if (i == 0) {
            return true;
        }
        char p = s.charAt(i - 1);
        if (s.charAt(i) == '+') {
            return !Chars.digitGlue(p) && p != '+'; // a '+' is a strong start: "room 12 +49 30 1234 5678"
        }
        if (Chars.digitGlue(p) || p == '+' || p == ')' || p == ':' && i >= 2 && Chars.digit(s.charAt(i - 2))) {
            return false; // ':' after a digit: a time's seconds (branch digits5, in the engine too)
        }
        return !(separator(p) && p != ' ' && p != '\t' && i >= 2 && (Chars.digit(s.charAt(i - 2)) || s.charAt(i - 2) == ')'));
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t';
    }

    private static int separators(CharSequence s, int e) {
        int f = e;
        while (f < s.length() && f - e < 3 && separator(s.charAt(f))) {
            f++;
        }
        return f;
    }

    private static boolean open(char c) {
        return c == '(' || c == '[';
    }

    /** "x22", "ext22", "ext.22" (any case): 1-6 digits, then no letter or digit. */
    private static boolean extension(CharSequence s, int end) {
        int k = end;
        if (k < s.length() && (Character.toLowerCase(s.charAt(k)) == 'x' || Character.toLowerCase(s.charAt(k)) == 'p')) { // 'p': digits6
            k++;
        } else if (Chars.matchesLower(s, k, "ext")) {
            k += 3;
            if (k < s.length() && s.charAt(k) == '.') {
                k++;
            }
        } else {
            return false;
        }
        int d = Chars.digitsEnd(s, k);
        return d > k && d - k <= 6 && !Chars.alnumAt(s, d);
    }

    /**
     * Branch nat8, in the engine too: the start of the country code after an international prefix at {@code p}: "00" or
     * "011" as a run of its own and one blank, or "00" glued to the code in a run of 3-5 digits; the code from 1-9.
     */
    private static int exitCode(CharSequence s, int p) {
        int e = Chars.digitsEnd(s, p);
        String run = s.subSequence(p, e).toString();
        if ((run.equals("00") || run.equals("011")) && e + 1 < s.length() && s.charAt(e) == ' ' && s.charAt(e + 1) >= '1'
                && s.charAt(e + 1) <= '9') {
            return e + 1;
        }
        return run.length() >= 3 && run.length() <= 5 && e < s.length() && run.startsWith("00") && run.charAt(2) != '0' ? p + 2 : -1;
    }

    /** End of the phone number starting at {@code p} (read from a country code at {@code cc} if not -1), or -1. */
    private static int match(CharSequence s, int p, int cc, int[] gs, int[] ge, int[] gd, char[] sep) {
        int n = s.length();
        boolean sign = s.charAt(p) == '+';
        boolean plus = sign || cc >= 0;
        int i = cc >= 0 ? cc : plus ? p + 1 : p;
        if (sign && i + 1 < n && s.charAt(i) == ' ') {
            i++; // "+ 44 20 …"
        }
        int groups = 0;
        int digits = 0;
        boolean more = false; // the chain goes on after the groups read
        char before = 0;
        while (true) {
            if (groups == MAX_GROUPS || digits > 15) {
                more = true;
                break;
            }
            int k = i;
            boolean bracket = k < n && open(s.charAt(k));
            char close = bracket && s.charAt(k) == '[' ? ']' : ')';
            if (bracket) {
                k++;
            }
            int d = Chars.digitsEnd(s, k);
            int inside = bracket ? bracketed(s, i, close) : -1; // "( 415 )", "(0 20)" (branch digits5, in the engine too)
            if (inside >= 0) {
                d = inside;
            } else if (d == k || bracket && (d >= n || s.charAt(d) != close)) {
                if (groups == 0) {
                    return -1;
                }
                // "(12": the chain goes on in a form we do not read; "(home)" is a label (changed 2026-12-02, gapsdigit);
                // a bracket after a blank that is no group ends the chain ("… 555-0133 [10:30]"; digits6, in the engine too)
                more = d > k && !(bracket && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t'));
                break;
            }
            int count = 0;
            for (int q = k; q < d; q++) {
                count += Chars.digit(s.charAt(q)) ? 1 : 0;
            }
            gs[groups] = i;
            ge[groups] = bracket ? d + 1 : d;
            gd[groups] = count;
            sep[groups] = before;
            digits += count;
            groups++;
            int e = ge[groups - 1];
            if (e >= n) {
                break;
            }
            char c = s.charAt(e);
            if (bracket && (Chars.digit(c) || open(c))) {
                before = 0; // "(0)20"
                i = e;
            } else if (c == '+' && e + 1 < n && Chars.digit(s.charAt(e + 1))) {
                // "415+555+0133", a form-encoded blank (added 2026-12-02, branch gapsdigit, in the engine too); after a
                // bracket too, no separator there as a blank ("(415)+555-0133", branch digits4, in the engine too)
                before = bracket ? 0 : '+';
                i = e + 1;
            } else if (separator(c) && separators(s, e) < n
                    && (Chars.digit(s.charAt(separators(s, e))) || open(s.charAt(separators(s, e))))) {
                // one to three separator characters (added 2026-12-02, branch gapsdigit, in the engine too); for "one
                // separator throughout" they count as their first non-blank, or a blank
                int f = separators(s, e);
                String run = s.subSequence(e, f).toString().replace("\t", " ").strip();
                before = bracket ? 0 : run.isEmpty() ? ' ' : run.charAt(0); // "(030) 1234-5678": the blank after a bracket is no separator
                i = f;
            } else if (open(c)) {
                before = 0;
                i = e;
            } else if (sign && (groups == 1 || groups == 2 && sep[1] == ' ' && gs[1] == ge[0] + 1) && !bracket && p > 0 && (c == ')' && s.charAt(p - 1) == '(' || c == ']' && s.charAt(p - 1) == '[') && e + 1 < n
                    && (Chars.digit(s.charAt(e + 1)) || open(s.charAt(e + 1))
                            || separator(s.charAt(e + 1)) && e + 2 < n && (Chars.digit(s.charAt(e + 2)) || open(s.charAt(e + 2))))) {
                // Added in the second session of 2026-12-02, in the engine too: a bracketed country code "(+44) 20 …";
                // since nat8 a country code and an area after one blank ("(+49 30) 12345678").
                before = 0;
                i = Chars.digit(s.charAt(e + 1)) || open(s.charAt(e + 1)) ? e + 1 : e + 2; // "(+1) (415) 555-0133"
            } else {
                break;
            }
        }
        if (cc >= 0) {
            // after an international prefix: not glued to an id, and not a dump whose groups after the first all have
            // the prefix run's length ("00 11 22 33 44 55", "0010 2030 4050 6070")
            boolean dump = true;
            for (int g = 1; g < groups; g++) {
                dump &= gd[g] == Chars.digitsEnd(s, p) - p;
            }
            // … and not after a digit and a blank: a group of a longer sequence ("DE89 3704 0044 0532 0130 0")
            boolean afterGroup = p >= 2 && (s.charAt(p - 1) == ' ' || s.charAt(p - 1) == '\t') && Chars.digit(s.charAt(p - 2));
            if (dump || afterGroup || gluedToId(s, p)) {
                return -1;
            }
        }
        if (plus) {
            // no country code starts with 0 (branch digits5, in the engine too: "m=+0.012345678")
            return s.charAt(firstDigit(s, gs[0])) == '0' ? -1 : international(s, groups, gs, ge, gd, sep, open(s.charAt(gs[0])));
        }
        if (groups < 2) {
            return -1;
        }
        if (gluedToId(s, p)) {
            return -1;
        }
        // the whole chain, or the longest prefix that ends before a blank or tab (a list of numbers)
        for (int g = groups; g >= 2; g--) {
            // '/' and a point before a blank (a sentence's end): digits6, in the engine too
            boolean sentenceEnd = g < groups && ge[g - 1] + 1 < s.length() && s.charAt(ge[g - 1]) == '.'
                    && (s.charAt(ge[g - 1] + 1) == ' ' || s.charAt(ge[g - 1] + 1) == '\t');
            boolean spaced = g < groups && (s.charAt(ge[g - 1]) == ' ' || s.charAt(ge[g - 1]) == '\t'); // " - 2": digits6
            for (int h = 1; spaced && h < g; h++) { // … unless the number's own groups are joined so ("415 - 555 - 0133 - 2")
                spaced = !s.subSequence(ge[h - 1], gs[h]).toString().equals(s.subSequence(ge[g - 1], gs[g]).toString());
            }
            if (g == groups ? more : sep[g] != ' ' && sep[g] != '\t' && sep[g] != '+' && sep[g] != '/' && !sentenceEnd && !spaced) {
                continue;
            }
            int end = ge[g - 1];
            // Branch digits6, in the engine too: ".vcf", ".Thanks", "/0134" after a number not joined by that character.
            boolean endsBefore = end < s.length() && (s.charAt(end) == '.' && end + 2 < s.length() && Chars.asciiLetter(s.charAt(end + 1))
                    && Chars.asciiLetter(s.charAt(end + 2)) || s.charAt(end) == '/' && Chars.shortTail(s, end))
                    && new String(sep, 1, g - 1).indexOf(s.charAt(end)) < 0;
            if (Chars.digitGlueAt(s, end) && !extension(s, end) || Chars.gluedAfter(s, end) && !endsBefore) {
                continue;
            }
            int d = 0;
            for (int k = 0; k < g; k++) {
                d += gd[k];
            }
            if (nanp(s, g, gs, gd, sep) || trunk(s, g, gs, gd, sep, d) && !dumpOrList(s, g, groups, gs, ge, gd) && !thousands(s, p, g, gs, gd, sep) || brazil(s, g, gs, gd, sep) || bracketedCountry(s, g, gs, gd, sep, d) || russia(s, g, gs, gd)
                    || bracketedArea322(s, g, gs, gd) || china(s, g, gs, gd, sep) || brazilPlain(s, g, gs, ge, gd)) {
                return end;
            }
        }
        return -1;
    }

    /** Glued to an id, unless to a label of 2-10 letters ("Tel.030 …", "tel_415-…"). */
    private static boolean gluedToId(CharSequence s, int p) {
        if (!Chars.gluedBefore(s, p)) {
            return false;
        }
        int k = p - 2;
        while (k >= 0 && Character.isLetter(s.charAt(k))) { // any script: branch digits5, in the engine too
            k--;
        }
        int letters = p - 2 - k;
        return letters < 2 || letters > 10 || Chars.alnumAt(s, k);
    }

    /**
     * The ends of a range {@code (0-…)} of 2-4 digits, not an area after a trunk prefix (phone9: 10 100 1000; since
     * phone10, in the engine too: all nines, powers of two and one less, hours, minutes, months, degrees).
     */
    private static final java.util.Set<String> RANGE_ENDS = java.util.Set.of("10", "100", "1000", "99", "999", "9999",
            "15", "16", "31", "32", "63", "64", "127", "128", "255", "256", "511", "512", "1023", "1024", "2047", "2048",
            "4095", "4096", "8191", "8192", "12", "24", "59", "60", "360");

    /**
     * Branch digits5, in the engine too: a bracket at i, a blank or none, digits ("0", a blank and more digits too),
     * a blank or none, the closing bracket, with at least one blank inside; the closing bracket's position, or -1.
     */
    private static int bracketed(CharSequence s, int i, char close) {
        // "(0-255)" and the like: a range, not a trunk prefix and an area (RANGE_ENDS, phone10)
        int n = s.length();
        int k = i + 1 < n && s.charAt(i + 1) == ' ' ? i + 2 : i + 1;
        int d = Chars.digitsEnd(s, k);
        if (d == k) {
            return -1;
        }
        boolean blanks = k == i + 2;
        if (d + 1 < n && s.charAt(d) == ' ' && Chars.digit(s.charAt(d + 1))) { // two runs: "(0 20)", "(06 1)" 
            d = Chars.digitsEnd(s, d + 1);
            blanks = true;
        } else if (d + 1 < n && s.charAt(d) == '-' && s.subSequence(k, d).toString().equals("0")
                && s.charAt(d + 1) >= '1' && s.charAt(d + 1) <= '9'
                && List.of(2, 3, 4).contains(Chars.digitsEnd(s, d + 1) - d - 1)
                && !RANGE_ENDS.contains(s.subSequence(d + 1, Chars.digitsEnd(s, d + 1)).toString())) {
            d = Chars.digitsEnd(s, d + 1); // phone9, in the engine too: "(0-612)", a trunk prefix, a dash and an area
            blanks = true;
        }
        if (d < n && s.charAt(d) == ' ') {
            d++;
            blanks = true;
        }
        return blanks && d < n && s.charAt(d) == close ? d : -1;
    }

    /** A bracketed group with blanks inside: not after a country code or trunk digit (branch digits5, in the engine too). */
    private static boolean blanksInside(CharSequence s, int g, int digits) {
        int f = firstDigit(s, g);
        char close = s.charAt(g) == '[' ? ']' : ')';
        return open(s.charAt(g)) && (f > g + 1 || s.charAt(f + digits) != close);
    }

    /** The first digit of the group at g (after its bracket and a blank inside). */
    private static int firstDigit(CharSequence s, int g) {
        return !open(s.charAt(g)) ? g : s.charAt(g + 1) == ' ' ? g + 2 : g + 1;
    }

    /** {@code +} and 8-15 digits: the longest prefix of the groups with at most 15 digits. */
    private static int international(CharSequence s, int groups, int[] gs, int[] ge, int[] gd, char[] sep, boolean firstBracketed) {
        if (firstBracketed && gd[0] > 3) {
            return -1; // "+(44) 20 …": a bracketed country code
        }
        int digits = 0;
        int end = -1;
        int last = -1;
        for (int g = 0; g < groups && digits + gd[g] <= 15; g++) {
            digits += gd[g];
            end = ge[g];
            last = g;
        }
        // Branch nat8, in the engine too: a count after the number ("+44 20 7946 0958 3 attempts"): a last group of 1-3
        // digits after one blank after a group of 4+, the groups before it holding 10 digits or more.
        if (last >= 2 && gd[last] <= 3 && gd[last - 1] >= 4 && digits - gd[last] >= 10 && !open(s.charAt(gs[last]))
                && !open(s.charAt(gs[last - 1])) && gs[last] == ge[last - 1] + 1
                && (s.charAt(ge[last - 1]) == ' ' || s.charAt(ge[last - 1]) == '\t')) {
            digits -= gd[last];
            end = ge[last - 1];
        }
        return digits >= 8 && (!Chars.digitGlueAt(s, end) || extension(s, end)) ? end : -1;
    }

    /** {@code [1] AAA EEE LLLL} (or {@code [1] (AAA)EEELLLL}), area and exchange starting with 2-9, only the area bracketed. */
    private static boolean nanp(CharSequence s, int groups, int[] gs, int[] gd, char[] sep) {
        int a = groups == 4 && gd[0] == 1 && s.charAt(gs[0]) == '1' ? 1 : 0;
        // "(415)5550133", "1 (415)5550133": a bracketed area, then exchange and line in one run of 7 (added 2026-12-02, in the engine too)
        int b = groups == 3 && gd[0] == 1 && s.charAt(gs[0]) == '1' ? 1 : 0;
        if (groups - b == 2 && gd[b] == 3 && gd[b + 1] == 7 && open(s.charAt(gs[b])) && !open(s.charAt(gs[b + 1]))) {
            return s.charAt(firstDigit(s, gs[b])) >= '2' && s.charAt(gs[b + 1]) >= '2' && !(b == 1 && blanksInside(s, gs[1], gd[1]));
        }
        if (groups - a != 3 || gd[a] != 3 || gd[a + 1] != 3 || gd[a + 2] != 4 || a == 1 && blanksInside(s, gs[1], gd[1])) {
            return false;
        }
        if (a == 1 && open(s.charAt(gs[0])) || open(s.charAt(gs[a + 1])) || open(s.charAt(gs[a + 2]))) {
            return false;
        }
        int area = firstDigit(s, gs[a]);
        // Branch nat8, in the engine too: any digits when the area is bracketed or the groups are joined by dashes
        // ("(123) 456-7890", "123-456-7890"), without the country code.
        boolean written = a == 0 && (open(s.charAt(gs[0])) || sep[1] == '-' && sep[2] == '-' && s.charAt(gs[0]) != '0')
                || a == 1 && sep[1] == '-' && sep[2] == '-' && sep[3] == '-'; // "1-123-456-7890", dashed throughout
        return s.charAt(area) >= '2' && s.charAt(gs[a + 1]) >= '2' || written;
    }

    /**
     * A bracketed area of two or three digits from 3-9 and groups of 3, 2 and 2 (added 2026-12-04, late night, in the engine
     * too): "(495) 123-45-67", "(532) 123 45 67", "(91) 123 45 67".
     */
    private static boolean bracketedArea322(CharSequence s, int groups, int[] gs, int[] gd) {
        if (groups != 4 || !open(s.charAt(gs[0])) || gd[0] != 2 && gd[0] != 3 || blanksInside(s, gs[0], gd[0])) {
            return false;
        }
        if (s.charAt(gs[0] + 1) < '3' || gd[1] != 3 || gd[2] != 2 || gd[3] != 2) {
            return false;
        }
        return !open(s.charAt(gs[1])) && !open(s.charAt(gs[2])) && !open(s.charAt(gs[3]));
    }

    /** Russia (added 2026-12-02, branch gapsdigit, in the engine too): "8 (495) 123-45-67", "8 800 555 35 35". */
    private static boolean russia(CharSequence s, int groups, int[] gs, int[] gd) {
        if (groups < 3 || gd[0] != 1 || s.charAt(gs[0]) != '8' || gd[1] != 3 || blanksInside(s, gs[1], gd[1])) {
            return false;
        }
        int area = firstDigit(s, gs[1]);
        if (s.charAt(area) < '3') {
            return false;
        }
        for (int g = 2; g < groups; g++) {
            if (open(s.charAt(gs[g]))) {
                return false;
            }
        }
        if (groups == 5) {
            return gd[2] == 3 && gd[3] == 2 && gd[4] == 2;
        }
        return groups == 4 ? gd[2] == 3 && gd[3] == 4 : groups == 3 && gd[2] == 7;
    }

    /** Brazil (added 2026-12-02, branch gapsdigit, in the engine too): "(11) 91234-5678", "(11) 1234-5678". */
    private static boolean brazil(CharSequence s, int groups, int[] gs, int[] gd, char[] sep) {
        if (groups == 4 && open(s.charAt(gs[0])) && gd[0] == 2 && s.charAt(firstDigit(s, gs[0])) != '0'
                && s.charAt(firstDigit(s, gs[0]) + 1) != '0' && gd[1] == 1 && s.charAt(gs[1]) == '9' && gd[2] == 4 && gd[3] == 4
                && !open(s.charAt(gs[2])) && !open(s.charAt(gs[3]))) {
            return true; // "(11) 9 1234-5678": the mobile's 9 set apart (branch digits6, in the engine too)
        }
        return groups == 3 && open(s.charAt(gs[0])) && gd[0] == 2 && s.charAt(firstDigit(s, gs[0])) != '0' && s.charAt(firstDigit(s, gs[0]) + 1) != '0'
                && !open(s.charAt(gs[1])) && (gd[1] == 4 || gd[1] == 5 || gd[1] == 3 && sep[2] == ' ') && !open(s.charAt(gs[2])) && gd[2] == 4; // 3: nat8, "(21) 123 4567"
    }

    /**
     * Branch phone9, in the engine too: Brazil's mobile numbers without brackets, "11 91234-5678", "21 98765 4321": an
     * area of two digits 1-9, one blank, 9 and four digits, one dash or blank, four digits.
     */
    private static boolean brazilPlain(CharSequence s, int groups, int[] gs, int[] ge, int[] gd) {
        if (groups != 3 && groups != 4 || open(s.charAt(gs[0]))) {
            return false;
        }
        String area = s.subSequence(gs[0], ge[0]).toString();
        String between = s.subSequence(ge[0], gs[1]).toString();
        String second = s.subSequence(gs[1], ge[1]).toString();
        int last = groups - 1;
        String link = s.subSequence(ge[last - 1], gs[last]).toString();
        // phone10, in the engine too: a tab after the area ("11\t91234-5678"), the 9 set apart ("11 9 1234-5678");
        // digit11, in the engine too: a tab before the last four after a space after the area ("11 91234\t5678";
        // tabs throughout stay plain, a TSV row)
        boolean mobile = groups == 3 ? second.length() == 5 && gd[1] == 5
                : second.equals("9") && s.subSequence(ge[1], gs[2]).toString().equals(" ") && gd[2] == 4
                        && !open(s.charAt(gs[2]));
        return area.length() == 2 && area.indexOf('0') < 0 && (between.equals(" ") || between.equals("\t")) && mobile
                && second.startsWith("9") && (link.equals("-") || link.equals(" ") || link.equals("\t") && between.equals(" ")) && gd[last] == 4
                && !open(s.charAt(gs[last]));
    }

    /**
     * Branch nat8, in the engine too: a bracketed country code of 2-3 digits from 1-9 without its '+' ("(44) 20 7946
     * 0958"), then 3+ groups of 1-4 digits, one separator throughout, the first of 1-3 digits, the last of 3-4, 9+
     * digits after the bracket and 12 in all, not all groups of one length.
     */
    private static boolean bracketedCountry(CharSequence s, int k, int[] gs, int[] gd, char[] sep, int digits) {
        if (k < 4 || !open(s.charAt(gs[0])) || gd[0] < 2 || gd[0] > 3 || s.charAt(gs[0] + 1) == ' ' || s.charAt(gs[0] + 1) == '0') {
            return false;
        }
        int after = digits - gd[0];
        if (after < 9 || digits > 12 || gd[1] > 3 || gd[k - 1] < 3) {
            return false;
        }
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        for (int g = 1; g < k; g++) {
            if (open(s.charAt(gs[g])) || gd[g] > 4 || g >= 2 && sep[g] != sep[2]) {
                return false;
            }
            lengths.add(gd[g]);
        }
        return lengths.size() > 1;
    }

    /** A count grouped by thousands after 1-3 digits and a blank ("5 014 491 340"; digits6, in the engine too). */
    private static boolean thousands(CharSequence s, int p, int k, int[] gs, int[] gd, char[] sep) {
        if (p < 2 || !(s.charAt(p - 1) == ' ' || s.charAt(p - 1) == '\t') || !Chars.digit(s.charAt(p - 2)) || open(s.charAt(p))) {
            return false;
        }
        int b = p - 2;
        while (b >= 0 && Chars.digit(s.charAt(b))) {
            b--;
        }
        if (p - 2 - b > 3) {
            return false;
        }
        for (int g = 0; g < k; g++) {
            if (gd[g] != 3 || open(s.charAt(gs[g])) || g > 0 && sep[g] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** A hex dump or a sorted list of pairs, not a trunk number (branch digits5, in the engine too). */
    private static boolean dumpOrList(CharSequence s, int k, int groups, int[] gs, int[] ge, int[] gd) {
        int zeros = 0;
        boolean pairs = true;
        for (int g = 0; g < k; g++) {
            pairs &= gd[g] == 2;
        }
        for (int g = 1; g < k; g++) {
            String digits = s.subSequence(firstDigit(s, gs[g]), firstDigit(s, gs[g]) + gd[g]).toString();
            if (digits.chars().allMatch(c -> c == '0')) {
                zeros++;
            }
        }
        int p = gs[0]; // a pair and a blank before: the end of a longer list (digits6, in the engine too)
        boolean pairBefore = p >= 3 && (s.charAt(p - 1) == ' ' || s.charAt(p - 1) == '\t') && Chars.digit(s.charAt(p - 2))
                && Chars.digit(s.charAt(p - 3)) && !Chars.digitAt(s, p - 4);
        return zeros >= 2 && 2 * zeros > k || pairs && (k != 5 || k < groups && gd[k] == 2 && s.charAt(ge[k - 1]) == s.charAt(ge[0]) // the same separator: digits6
                || pairBefore);
    }

    /** China's mobile numbers (branch digits5, in the engine too): "138 0013 8000", "138-0013-8000". */
    private static boolean china(CharSequence s, int groups, int[] gs, int[] gd, char[] sep) {
        return groups == 3 && gd[0] == 3 && gd[1] == 4 && gd[2] == 4 && s.charAt(gs[0]) == '1' && s.charAt(gs[0] + 1) >= '3'
                && !open(s.charAt(gs[1])) && !open(s.charAt(gs[2])) && sep[1] == sep[2] && (sep[1] == ' ' || sep[1] == '-');
    }

    /** A slash or dash after a 2-digit area (branch digits5, in the engine too): "08-123 456 78", "02 / 123 45 67". */
    private static boolean shortArea(int groups, int[] gd, char[] sep) {
        if (groups < 3 || gd[0] != 2 || gd[1] != 3) {
            return false;
        }
        for (int g = 2; g < groups; g++) {
            if (gd[g] < 2 || gd[g] > 3 || sep[g] != sep[2] || sep[2] != ' ' && sep[2] != '.') { // '.': digits6
                return false;
            }
        }
        return true;
    }

    /** First group {@code 0[1-9]…}, at least two groups, 9-12 digits, one separator throughout (brackets aside, and a slash or dash after an area code of 3+ digits: {@code 030/1234 5678}, {@code 020-123 4567}). */
    private static boolean trunk(CharSequence s, int groups, int[] gs, int[] gd, char[] sep, int digits) {
        if (groups < 2 || digits < 9 || digits > 12) {
            return false;
        }
        int first = firstDigit(s, gs[0]);
        // A bracketed trunk prefix alone, then the area ("(0)30 1234 5678", "(0) 30 …"; since branch digits5, in both engines)
        boolean zero = first > gs[0] && gd[0] == 1 && s.charAt(first) == '0' && groups >= 3 && !open(s.charAt(gs[1]))
                && s.charAt(gs[1]) != '0';
        if (!zero && (s.charAt(first) != '0' || gd[0] < 2 || s.charAt(first + 1) == '0')) {
            return false;
        }
        char common = 0;
        for (int g = 1; g < groups; g++) {
            boolean switchboard = g >= 2 && g == groups - 1 && sep[g] == '-' && gd[0] >= 3; // "030/123456-0" (digits6)
            if (open(s.charAt(gs[g])) && !(g == 1 && !open(s.charAt(gs[0]))) || gd[g] < (zero && g == 1 || switchboard ? 1 : 2)) {
                return false; // "03(1234)5678": a bracketed second group after an unbracketed prefix (added 2026-12-02)
            }
            // a blank after the area, dashes after it ("030 212-345"; no year-month: digits6, in the engine too)
            boolean dashes = groups >= 3 && !(gd[1] == 4 && gd[2] == 2);
            for (int h = 2; h < groups; h++) {
                dashes &= sep[h] == '-';
            }
            if (g == 1 && (sep[g] == '/' || sep[g] == '-' || sep[g] == ' ' && dashes) && (gd[0] >= 3 || shortArea(groups, gd, sep))) {
                continue; // "030/1234 5678", "020-123 4567": a slash or dash after an area code of 3 or more digits (added 2026-12-02, in the engine too)
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
