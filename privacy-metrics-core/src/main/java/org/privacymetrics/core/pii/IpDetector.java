package org.privacymetrics.core.pii;


/**
 * IP addresses.
 * <ul>
 *   <li>IPv4: a maximal run of digits and dots that, without its leading and trailing dots, is exactly four parts of
 *       1-3 digits, each at most 255. Zero-padded parts ({@code 010.001.002.003}) and a trailing dot (end of a
 *       sentence, {@code 203.0.113.22.}) are accepted; five or more parts ({@code 1.2.3.4.5}, OIDs) are not, except an
 *       address and its port as tcpdump prints them ({@code IP 203.0.113.5.443 > 198.51.100.7.80:}; the fifth part
 *       above 255, or after {@code IP } or {@code > }, or before {@code  > }), whose first four parts are reported. A
 *       four-part version string whose parts are all at most 255 ({@code 1.2.3.4}) is indistinguishable from an
 *       address and is reported: masking a version costs less than leaking an address. Bare integers
 *       ({@code 3232235777}) and short forms ({@code 10.1}) are not addresses here: they cannot be told from counts.</li>
 *   <li>IPv6: a maximal run of hex digits, colons and dots, not touching a letter, digit or {@code _} on either side
 *       (so {@code Foo::bar} and {@code 10:15:30} are not addresses), with at least two colons, that is a full
 *       eight-group address or a compressed one with one {@code ::}; the last part may be a dotted quad
 *       ({@code ::ffff:192.0.2.1}). Trailing dots and one trailing colon are not part of the address. The unspecified
 *       address {@code ::} alone is not reported (since 2026-12-02: {@code main :: IO ()}). The tag of an
 *       address literal ({@code [IPv6:2001:db8::1]}, RFC 5321) does not count as a letter touching the address.</li>
 * </ul>
 * Linear: a run is looked for only where it must have a character it cannot do without (a dot for IPv4, a colon
 * for IPv6): one skip loop goes from dot or colon to the next; at each it reads at most five characters ahead for the
 * next dot or colon an address would need there (most dots and colons of random text go no further); at the first
 * one of a run that passes, it walks back to the start of the run (never before the end of the previous run of that
 * kind examined, whose last character is followed by no run character, nor, for IPv4, before the last dot) and
 * forward to its end, and validates it once in time proportional to its length. Runs of one kind examined do not
 * overlap; the skip loop jumps over an IPv4 run (it holds no colon) and goes on inside an IPv6 run (its dots may
 * start an IPv4 run), so every character is read a bounded number of times per kind.
 */
final class IpDetector {

    private IpDetector() {
    }

    /**
     * The runs ({@code runs}: dotted and dashed IPv4, IPv6, hexadecimal quads) and the defanged IPv4 addresses
     * ({@code brackets}: {@link #defangedAt}) of {@code s}, in one walk that stops at the characters each needs
     * (dots, colons and dashes; the {@code .} of a defanged dot, or the closer of a {@code [dot]}): since {@code ipsep10} the defanged addresses are no second walk over the text. Every jump
     * of the loop goes over a run of digits, dots, dashes, colons or hex digits whose characters after the jump's start
     * each follow a digit, dot, dash, colon or hex digit, or over the {@code :]} of a {@code [:]}, so no dot after an
     * opener and no closer is passed over.
     */
    static void scan(char[] s, boolean runs, boolean brackets, Findings out) {
        // One skip loop for both kinds: the next dot or colon. Each kind keeps its own resume point (the end of the
        // last run of its kind examined; that run's last character is followed by no run character of that kind).
        int n = s.length;
        int stops = runs && brackets ? 3 : runs ? 1 : brackets ? 2 : 0;
        if (stops == 0) {
            return;
        }
        int done = 0; // the end of the last defanged address reported
        int v4 = 0;
        int v6 = 0;
        int v4d = 0; // the end of the last run of digits and dashes examined (host names)
        int v6f = 0; // the end of the last run with a defanged colon examined
        int p = 0;
        while (true) {
            p = stops == 1 ? Chars.nextNear(s, p, Chars.DOT_COLON_DASH) : nextStop(s, p, stops);
            if (p >= n || !out.spend(WorkBudget.IP_STOP)) {
                return; // the end, or over the work budget (the value is masked whole, PiiScanner)
            }
            char c0 = s[p];
            if (brackets) {
                // A defanged dot, looked at from its '.' ("[.]") or its closer ("[dot]"), its opener at o (since ip11
                // the walk stops there, not at every opener: digit-dense text with openers, "(1(2(3", has neither)
                if (c0 == '.') {
                    int o = p - 1;
                    if (o >= 1 && o >= done && p + 1 < n && closer(s[o]) != 0) {
                        done = defangedAt(s, o, done, out);
                    }
                    if (stops == 2) {
                        p++;
                        continue;
                    }
                } else if (c0 == ']' || c0 == ')' || c0 == '}') {
                    int o = p - 4;
                    if (o >= 1 && o >= done && closer(s[o]) == c0 && dot(s, o + 1)) {
                        done = defangedAt(s, o, done, out);
                    }
                    p++;
                    continue;
                }
            }
            if (s[p] == '-') {
                // A dash next to a digit: the run of digits and dashes holding it is examined once, from its start
                // (no dash of it before p was next to a digit, or the run would have been examined then), and the
                // loop goes on at its end (it holds no dot or colon). A run with a host-name address has a dash
                // next to a digit.
                if (p >= v4d && (Chars.digitAt(s, p - 1) || Chars.digitAt(s, p + 1)) && dashSoon(s, p)) {
                    v4d = dashRun(s, p, v4d, out);
                    p = v4d;
                } else {
                    p++;
                }
                continue;
            }
            // Two cheap tests before a run is walked, on the characters just after p (random text is dense in dots
            // and colons, and most of them fail one of these).
            // (1) No run character after p: the run ends at p + 1; before p it holds at most one part (IPv4: the walk
            //     back reads digits only), and from p on one colon (IPv6: ipv6Run counts the colons from p), so no
            //     address, and each method would return p + 1.
            // (2) No dot (IPv4) or colon (IPv6) a few characters on: no address in this run (proofs at dotSoon and
            //     colonSoon), but its end is unknown; the scan goes on at p + 1 without moving the resume point.
            //     A later dot or colon of the same run then examines the rest of the run, which holds no address
            //     either, and ends at the same place (proofs there): findings and resume points are unchanged.
            char next = p + 1 < n ? s[p + 1] : 0;
            if (s[p] == '.') {
                if (next == '0' && p + 2 < n && (s[p + 2] | 0x20) == 'x') {
                    hexQuad(s, p, out); // 0xCB.0x00.0x71.0x16 (since ipname9); the loop goes on as for any dot
                }
                if (p >= v4) {
                    if (!Chars.digit(next) && next != '.') {
                        v4 = ++p;
                        continue;
                    }
                    if (next != '.' && !dotSoon(s, p)) {
                        p++;
                        continue;
                    }
                    v4 = ipv4Run(s, p, v4, out);
                    p = v4; // the rest of that run holds no colon, and its dots belong to it: go on after it
                    continue;
                }
            } else if (next == ']' && p > 0 && s[p - 1] == '[') {
                // 2001[:]db8[:]:1 (since ipsep10): its run examined once, at its first [:]; the loop goes on after
                // this [:] (the plain colons of the run are still IPv6 runs of their own, as the reference reads them)
                if (p >= v6f) {
                    v6f = defangedV6(s, p, v6f, out);
                }
                p += 2;
                continue;
            } else if (p >= v6) {
                if (!v6(next)) {
                    v6 = ++p;
                    continue;
                }
                if (!colonSoon(s, p)) {
                    p++;
                    continue;
                }
                long run = ipv6Run(s, p, v6, out);
                v6 = (int) run;
                // Dots inside this run may still start an IPv4 run; its colons start nothing (they are before v6):
                // go on at its first dot after p, which the run's walk noted (no second walk over the run), or after it.
                p = (int) (run >>> 32);
                continue;
            }
            p++;
        }
    }

    /**
     * IPv6 defanged (since {@code ipsep10}): a colon written {@code [:]} ({@code 2001[:]db8[:]:1},
     * {@code addr=2001[:]db8[:]85a3[:]0[:]0[:]8a2e[:]370[:]7334}). The run of hex digits, colons, dots and {@code [:]}
     * holding the {@code [:]} at {@code c} (its colon), not starting before {@code from}, is read with each
     * {@code [:]} as a colon: after a word, the address starts after the run's first single colon (a key,
     * {@code src:…}, as {@link #afterKey}); trailing dots are not part of it; it is reported whole when it touches no
     * letter, digit or {@code _}, has a digit, and reads as an address ({@link #isIpv6}). Its end.
     *
     * <p>Linear: the run is walked back once (never before {@code from}, the end of the last such run, whose next
     * character is no run character) and forward once, and read as an address once in a copy of its length; the caller
     * goes on at its end.
     */
    private static int defangedV6(char[] s, int c, int from, Findings out) {
        int n = s.length;
        int a = c - 1; // the '['
        while (a > from) {
            if (v6(s[a - 1])) {
                a--;
            } else if (a - 3 >= from && s[a - 1] == ']' && s[a - 2] == ':' && s[a - 3] == '[') {
                a -= 3;
            } else {
                break;
            }
        }
        int e = c + 2;
        while (e < n) {
            if (v6(s[e])) {
                e++;
            } else if (e + 2 < n && s[e] == '[' && s[e + 1] == ':' && s[e + 2] == ']') {
                e += 3;
            } else {
                break;
            }
        }
        // the run read with [:] as ':', and where each of its characters stands in s
        char[] t = new char[e - a];
        int[] at = new int[e - a + 1];
        int m = 0;
        for (int i = a; i < e; i++) {
            if (s[i] == '[') {
                at[m] = i;
                t[m++] = ':';
                i += 2;
            } else {
                at[m] = i;
                t[m++] = s[i];
            }
        }
        at[m] = e;
        int x = 0;
        if (Chars.wordAt(s, a - 1)) {
            int k = 0;
            while (k < m && t[k] != ':') {
                k++;
            }
            x = k + 1 < m && t[k + 1] != ':' ? k + 1 : 0;
        }
        int y = m;
        while (y > x && t[y - 1] == '.') {
            y--;
        }
        // a digit in the address itself, not in the key before it (_2F[:]ff[:][:] is a key and ff::, no address)
        boolean digit = false;
        for (int i = x; i < y && !digit; i++) {
            digit = Chars.digit(t[i]);
        }
        if (digit && y > x && !Chars.wordAt(s, at[x] - 1) && !Chars.wordAt(s, e) && isIpv6(t, x, y)) {
            out.add(PiiKind.IP, at[x], at[y - 1] + (t[y - 1] == ':' && s[at[y - 1]] == '[' ? 3 : 1));
        }
        return e;
    }

    /**
     * IPv4 written with other separators (since {@code ipsep10}). At the start of each run of digits (no digit before
     * it), a quad: four parts of 1-3 digits, each at most 255, joined by one separator written the same way each
     * time, no fifth part after (that separator and a digit), not before a letter, {@code _}, or a dot and a digit:
     * <ul>
     *   <li>{@code " dot "} (any case: {@code 203 dot 0 dot 113 dot 5}), wherever it stands but after a letter, digit,
     *       {@code _} or dot, or after a fifth part ({@code " dot "} and a digit); the word is written only to spell an
     *       address;</li>
     *   <li>{@code -}, {@code ,} or {@code " . "} after a word naming an address ({@link #addressLabel}:
     *       {@code ip 203-0-113-5}, {@code "ip": "203,0,113,5"}, {@code client 203 . 0 . 113 . 5}); without one these
     *       are ranges, lists and CSV rows ({@code 10-20-30-40}, {@code 1,2,3,4}), and stay plain.</li>
     * </ul>
     * And a run of 8-10 digits whose value is an address from {@code 1.0.0.0} on (16,777,216 to 4,294,967,295), as a
     * database stores one, after {@code ip}, {@code ipv4}, {@code ip4}, {@code addr} or a camel hump {@code Ip}
     * ({@code ip=3405803798}, {@code clientIp: 3405803798}); smaller integers ({@code ip=0}, {@code ip=1234}) and
     * integers after the other words ({@code client=12345678} is a client's id) are not.
     *
     * <p>Linear: one skip loop from run to run of digits; at each, at most the quad (four parts of at most three digits
     * and three separators of at most five characters) and five more characters ahead are read, and the label behind
     * (at most four connectors and a word of at most 16 characters); the loop goes on after the run, or after the quad
     * reported.
     */
    static void labeled(char[] s, Findings out) {
        labeled(s, DigitMap.of(s), out);
    }

    /** {@link #labeled(char[], Findings)} with the map of {@code s}'s digits, built once. */
    static void labeled(char[] s, DigitMap map, Findings out) {
        int n = s.length;
        // Every finding has an ASCII letter before it (the address word, or "dot"), or a dot with a blank beside it
        // (a quad of mixed dots without a label, since ip11): text without either (digit-dense dumps, lists,
        // brackets) skips the walk from run to run for one look per character up to the first of them.
        if (!letterOrSpacedDot(s)) {
            return;
        }
        // One loop over the characters (since ip11): a digit run is read where it starts, and only the runs that may
        // start a finding look further, cheapest test first: a run of 1-3 digits needs '-', ',' or a blank after it
        // (its separator), and, unless that is " dot ", a connector before it (the label's last character); a run of
        // 8-10 digits a connector before it. In digit-dense text with letters (hex groups, phone numbers, log lines)
        // most runs fail the first of these tests, without a call.
        int p = 0;
        int last = 0; // the end of the last finding
        while (true) {
            p = map.nextDigit(p);
            if (p >= n) {
                return;
            }
            int e = p + 1;
            while (e < n && Chars.digit(s[e])) {
                e++;
            }
            int len = e - p;
            if (len <= 3) {
                char c = e + 2 < n ? s[e] : 0;
                if (c >= 64 || (AFTER_PART >>> c & 1) == 0) {
                    p = e; // most runs: no ' ' , - . after them
                    continue;
                }
                char d = s[e + 1];
                // what each finding needs after the run and before it: "-1", ",1" and " 1" a connector before the
                // run (the label's); " .", " d" (" . ", " dot "); ". " (mixed dots)
                boolean maybe = c == '.' ? d == ' '
                        : c == ' ' ? Chars.digit(d) ? p > 0 && connector(s[p - 1])
                                : d == '.' || (d | 0x20) == 'd' && (s[e + 2] | 0x20) == 'o'
                        : (c == '-' || c == ',') && Chars.digit(d) && p > 0 && connector(s[p - 1]);
                if (maybe) {
                    int b = shortRun(s, p, e, c, last, out);
                    if (b > 0) {
                        p = b;
                        last = b;
                        continue;
                    }
                }
            } else if (len >= 8 && len <= 10 && p > 0 && connector(s[p - 1])) {
                if (integer(s, p, e, out)) {
                    last = e;
                }
            }
            p = e;
        }
    }

    /** The characters that may follow the first part of a labeled quad: blank, {@code , - .} (bits of a long). */
    private static final long AFTER_PART = 1L << ' ' | 1L << ',' | 1L << '-' | 1L << '.';

    /**
     * A finding from the run of 1-3 digits {@code s[p, e)}, followed by {@code c} (one of {@code - , . } and a blank,
     * with two more characters after it, as {@link #labeled} tests them): a quad with other separators, or of mixed
     * dots; its end, or -1.
     */
    private static int shortRun(char[] s, int p, int e, char c, int last, Findings out) {
        if (c != '.') {
            int sep = sepLength(s, e);
            if (sep == 5 ? !dotBefore(s, p) : sep > 0 && p > 0 && connector(s[p - 1])) {
                // the quad forward first (it fails on the second part of most number pairs), then the label;
                // blanks alone (ip 203 0 113 5, since ip11) only after ip, ipv4, ip4, addr or a hump Ip
                int b = sepQuad(s, p, e, sep);
                if (b > 0 && (sep == 5 || addressLabel(s, p) > (sep == 1 && c == ' ' ? 1 : 0))) {
                    out.add(PiiKind.IP, p, b);
                    return b;
                }
            }
        }
        if (c == ' ' && s[e + 1] == '.' || c == '.' && s[e + 1] == ' ') {
            // a dot with a blank beside it after this part: a quad of mixed dots may hold it (since ip11)
            return mixedQuad(s, p, last, out);
        }
        return -1;
    }

    /** An integer {@code s[p, e)} of 8-10 digits after a connector: reported when it is an address after a strong label. */
    private static boolean integer(char[] s, int p, int e, Findings out) {
        int n = s.length;
        if (Chars.wordAt(s, e) || e + 1 < n && s[e] == '.' && Chars.digit(s[e + 1])) {
            return false;
        }
        long v = 0;
        for (int k = p; k < e; k++) {
            v = v * 10 + s[k] - '0';
        }
        if (v >= 1L << 24 && v < 1L << 32 && addressLabel(s, p) == 2) {
            out.add(PiiKind.IP, p, e);
            return true;
        }
        return false;
    }

    /**
     * Whether {@code s} has an ASCII letter, or a dot with a blank before or after it and a character on both sides
     * (a dot between two parts). Text without a letter (rare but for dumps and lists) is read a second time, from
     * blank to blank (digit-dense text has few).
     */
    private static boolean letterOrSpacedDot(char[] s) {
        int n = s.length;
        if (Chars.next(s, 0, Chars.LETTER) < n) {
            return true;
        }
        for (int i = 1; i + 1 < n; i++) {
            if (s[i] == ' ' && (s[i - 1] == '.' || s[i + 1] == '.')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The length of a separator at {@code e} followed by a digit: 1 for {@code -}, {@code ,} or a blank, 3 for {@code " . "},
     * 5 for {@code " dot "} (any case); or 0.
     */
    private static int sepLength(char[] s, int e) {
        int n = s.length;
        if (e + 1 >= n) {
            return 0;
        }
        char c = s[e];
        if (c == '-' || c == ',') {
            return Chars.digit(s[e + 1]) ? 1 : 0;
        }
        if (c != ' ') {
            return 0;
        }
        if (Chars.digit(s[e + 1])) {
            return 1; // a single blank (since ip11; only after a strong address word, see labeled)
        }
        if (e + 3 >= n) {
            return 0;
        }
        if (s[e + 1] == '.' && s[e + 2] == ' ' && Chars.digit(s[e + 3])) {
            return 3;
        }
        return e + 5 < n && dot(s, e + 1) && s[e + 4] == ' ' && Chars.digit(s[e + 5]) ? 5 : 0;
    }

    /**
     * A quad of mixed dots (since {@code ip11}: {@code 203 . 0.113.5}, {@code ip 203 .0. 113.5}): four parts of 1-3
     * digits, each at most 255, joined by dots each with at most one blank either side, one of them at least with a
     * blank; not after a letter, digit, {@code _} or dot, nor after a part and such a dot (a fifth part), nor before a
     * letter, digit or {@code _}, or such a dot and a digit. Reported after an address word ({@link #addressLabel}), or
     * without one when two of its dots are plain and no dot has a blank after it only ({@code 1. 2.3.4} is a numbered
     * line or a sentence's end, {@code 1 .2.3.4} and {@code 203.0 . 113.5} are no prose). Looked for from the part
     * {@code p} before a dot with a blank beside it: the chain is walked back at most three parts (not before
     * {@code last}, the end of the last finding) and forward at most four parts, each part at most four digits and
     * each dot at most three characters: a bounded amount of work per such dot. Its end when reported, or -1.
     */
    private static int mixedQuad(char[] s, int p, int last, Findings out) {
        int n = s.length;
        int a = p;
        for (int before = 0; ; before++) {
            int j = a - 1;
            if (j >= 0 && s[j] == ' ') {
                j--;
            }
            if (j < 0 || s[j] != '.') {
                break;
            }
            j--;
            if (j >= 0 && s[j] == ' ') {
                j--;
            }
            if (j < 0 || !Chars.digit(s[j])) {
                break;
            }
            if (before == 3) {
                return -1; // a fifth part before
            }
            int st = j;
            while (st > 0 && j - st < 3 && Chars.digit(s[st - 1])) {
                st--;
            }
            if (st > 0 && Chars.digit(s[st - 1])) {
                return -1; // a part of four digits or more
            }
            a = st;
        }
        if (a < last || a > 0 && (Chars.wordAt(s, a - 1) || s[a - 1] == '.')) {
            return -1;
        }
        int i = a;
        int plain = 0;
        boolean spaced = false;
        boolean prose = false;
        for (int part = 0; ; part++) {
            int j = partEnd(s, i, n);
            if (j <= i) {
                return -1;
            }
            int q = dotSepAfter(s, j);
            if (part == 3) {
                if (q >= 0 || Chars.wordAt(s, j)) {
                    return -1; // a fifth part, or a word after
                }
                if (!spaced || addressLabel(s, a) == 0 && (plain < 2 || prose)) {
                    return -1;
                }
                out.add(PiiKind.IP, a, j);
                return j;
            }
            if (q < 0) {
                return -1;
            }
            boolean blankBefore = s[j] == ' ';
            boolean blankAfter = s[q - 1] == ' ';
            spaced |= blankBefore || blankAfter;
            prose |= blankAfter && !blankBefore;
            plain += blankBefore || blankAfter ? 0 : 1;
            i = q;
        }
    }

    /** A dot at {@code j} with at most one blank either side, followed by a digit: where the digit stands, or -1. */
    private static int dotSepAfter(char[] s, int j) {
        int n = s.length;
        int q = j < n && s[j] == ' ' ? j + 1 : j;
        if (q >= n || s[q] != '.') {
            return -1;
        }
        q++;
        if (q < n && s[q] == ' ') {
            q++;
        }
        return q < n && Chars.digit(s[q]) ? q : -1;
    }

    /** Whether the separator at {@code e} is written as the one at {@code f} of length {@code sep} ({@code dot} in any case). */
    private static boolean sameSep(char[] s, int e, int f, int sep) {
        return sep == sepLength(s, e) && (sep != 1 || s[e] == s[f]);
    }

    /**
     * The end of a quad from {@code p} (its first part ends at {@code e}, followed by a separator of length
     * {@code sep}) whose parts are joined by that separator each time, with no fifth part after and no letter,
     * {@code _}, or dot and digit right after; or -1.
     */
    private static int sepQuad(char[] s, int p, int e, int sep) {
        int n = s.length;
        int v = 0;
        for (int k = p; k < e; k++) {
            v = v * 10 + s[k] - '0';
        }
        if (v > 255) {
            return -1;
        }
        int j = e;
        for (int part = 1; part < 4; part++) {
            if (!sameSep(s, j, e, sep)) {
                return -1;
            }
            j = partEnd(s, j + sep, n);
            if (j < 0) {
                return -1;
            }
        }
        if (sameSep(s, j, e, sep) || Chars.wordAt(s, j) || j + 1 < n && s[j] == '.' && Chars.digit(s[j + 1])) {
            return -1;
        }
        return j;
    }

    /** Whether a letter, digit, {@code _} or dot, or a {@code " dot "} and a digit, stands just before {@code p}. */
    private static boolean dotBefore(char[] s, int p) {
        return p > 0 && (Chars.wordAt(s, p - 1) || s[p - 1] == '.') || p >= 6 && s[p - 5] == ' ' && dot(s, p - 4)
                && s[p - 1] == ' ' && Chars.digit(s[p - 6]);
    }

    /** The words that name an address before a value (since {@code ipsep10}; those {@link NameReading} knows). */
    private static final String[] ADDRESS_WORDS = {"ip", "ipv4", "ip4", "addr", "address", "host", "client", "src", "dst",
        "peer", "remote", "from"};

    /**
     * The label before the value at {@code p}: 1-4 connectors (blank, tab, {@code = : " '}) after a word of 1-16 ASCII
     * letters and digits (not after another): 2 when the word is {@code ip}, {@code ipv4}, {@code ip4}, {@code addr}
     * (any case) or ends in a camel hump {@code Ip}/{@code IP} ({@code clientIp}); 1 for the other address words
     * ({@link #ADDRESS_WORDS}, any case); 0 otherwise. Reads at most 21 characters.
     */
    private static int addressLabel(char[] s, int p) {
        int k = p;
        while (k > 0 && p - k < 4 && connector(s[k - 1])) {
            k--;
        }
        if (k == p) {
            return 0;
        }
        int b = k;
        while (b > 0 && k - b < 16 && (Chars.asciiLetter(s[b - 1]) || Chars.digit(s[b - 1]))) {
            b--;
        }
        if (b == k || b > 0 && (Chars.asciiLetter(s[b - 1]) || Chars.digit(s[b - 1]))) {
            return 0;
        }
        if (k - b >= 3 && s[k - 2] == 'I' && (s[k - 1] == 'p' || s[k - 1] == 'P') && s[k - 3] >= 'a' && s[k - 3] <= 'z') {
            return 2;
        }
        for (int w = 0; w < ADDRESS_WORDS.length; w++) {
            String word = ADDRESS_WORDS[w];
            if (word.length() == k - b && Chars.matchesLower(s, b, word)) {
                return w < 4 ? 2 : 1;
            }
        }
        return 0;
    }

    private static boolean connector(char c) {
        return c == ' ' || c == '\t' || c == '=' || c == ':' || c == '"' || c == '\'';
    }

    /**
     * An IPv4 address written in hexadecimal (since {@code ipname9}): four parts {@code 0x} and 1-2 hex digits joined
     * by single dots ({@code 0xCB.0x00.0x71.0x16}, any case), as {@code inet_aton} reads them and no other notation
     * writes them; not after a letter, digit, {@code _} or dot, nor before one of them or a dot and one of them (a
     * fifth part). Mixed forms ({@code 0xcb.0.0x71.5}) and octal parts are not read. Looked for at the dot {@code d}
     * after the first part (followed by {@code 0x}): the walk back reads at most four characters, the walk forward at
     * most the address and two more, once per such dot.
     */
    private static void hexQuad(char[] s, int d, Findings out) {
        int k = d;
        while (k > 0 && d - k < 3 && Chars.hex(s[k - 1])) {
            k--;
        }
        if (k == d || d - k > 2 || k < 2 || (s[k - 1] | 0x20) != 'x' || s[k - 2] != '0') {
            return;
        }
        int a = k - 2;
        if (a > 0 && (Chars.wordAt(s, a - 1) || s[a - 1] == '.')) {
            return;
        }
        int n = s.length;
        int i = a;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= n || s[i] != '.') {
                    return;
                }
                i++;
            }
            if (i + 2 >= n || s[i] != '0' || (s[i + 1] | 0x20) != 'x' || !Chars.hex(s[i + 2])) {
                return;
            }
            i += 3;
            if (i < n && Chars.hex(s[i])) {
                i++;
            }
        }
        if (Chars.wordAt(s, i) || i + 1 < n && s[i] == '.' && Chars.wordAt(s, i + 1)) {
            return;
        }
        out.add(PiiKind.IP, a, i);
    }

    /**
     * Defanged IPv4 addresses (since {@code ipname9}): the threat-intelligence habit, and a way round the detector, of
     * writing a dot of an address bracketed: {@code 203[.]0[.]113[.]5}, {@code 203(.)0(.)113(.)5},
     * {@code 203{.}0{.}113{.}5}, {@code 203[dot]0[dot]113[dot]5} (any case), one blank at most either side
     * ({@code 203 [.] 0 [.] 113 [.] 5}), mixed with plain dots ({@code 203[.]0.113.5}), in a defanged URL
     * ({@code hxxp://203[.]0[.]113[.]5/}). A chain is parts (runs of digits) joined by separators (a dot, or a
     * defanged dot) each with a digit on both sides, as long as it goes; one with a defanged dot that is exactly four
     * parts of 1-3 digits, each at most 255, is an address (five parts, {@code 1[.]2[.]3[.]4[.]5}, are none, as plain
     * ones). A chain of plain dots alone is {@link #scan}'s. Brackets around other things ({@code [1]},
     * {@code f(.)}, {@code [.]} after a word) join no parts.
     *
     * <p>Linear: {@link #scan}'s walk stops at the openers <code>[ ( &#123;</code> (at {@code p}: {@code 1 <= p < n - 2},
     * not before {@code done}, the end of the last address reported, which is returned, moved on by a new one); at one
     * that is a defanged dot after a part, the chain is walked back and forward from it at most five parts each way, each part at most four digits
     * (more fails the chain) and each separator at most seven characters: a bounded amount of work per opener. An
     * opener inside a chain reported is passed.
     */
    static int defangedAt(char[] s, int p, int done, Findings out) {
        int e0 = Chars.digit(s[p - 1]) ? p : p >= 2 && s[p - 1] == ' ' && Chars.digit(s[p - 2]) ? p - 1 : -1;
        if (e0 < 0 || sepAfter(s, e0) < 0) {
            return done;
        }
        int a = partStart(s, e0);
        for (int parts = 1; a >= 0; parts++) {
            int pe = parts <= 4 ? sepBefore(s, a) : -2;
            if (pe == -1) {
                break; // a is the chain's first part
            }
            a = pe < 0 ? -1 : partStart(s, pe); // a fifth part before, or a part of four digits: no address
        }
        if (a < 0) {
            return done;
        }
        int b = quadFrom(s, a);
        if (b > 0) {
            out.add(PiiKind.IP, a, b);
            return b;
        }
        return done;
    }

    /**
     * Stops of {@link #scan}: 1 for {@code . : -}, 2 for the {@code .} of a defanged dot {@code [.]} and the closer of a
     * {@code [dot]} <code>] ) &#125;</code> (the opener before them is looked at there).
     */
    private static final byte[] STOP = new byte[128];

    static {
        STOP['.'] = 1 | 2;
        STOP[':'] = 1;
        STOP['-'] = 1;
        STOP[']'] = 2;
        STOP[')'] = 2;
        STOP['}'] = 2;
    }

    /** The first index at or after {@code i} whose character is a stop of {@code mask}, or {@code s.length}. */
    private static int nextStop(char[] s, int i, int mask) {
        int n = s.length;
        while (i < n) {
            char c = s[i];
            if (c < 128 && (STOP[c] & mask) != 0) {
                return i;
            }
            i++;
        }
        return n;
    }

    /** The start of the part that ends at {@code e} (a digit before it), or -1 when it has four digits or more. */
    private static int partStart(char[] s, int e) {
        int a = e - 1;
        while (a > 0 && Chars.digit(s[a - 1]) && e - a < 4) {
            a--;
        }
        return e - a < 4 && !(a > 0 && Chars.digit(s[a - 1])) ? a : -1;
    }

    /**
     * The end of the chain of four parts from {@code a} (its first part), if it is an address: four parts of 1-3
     * digits, each at most 255, and no separator and digit after the fourth; or -1. Reads at most five parts.
     */
    private static int quadFrom(char[] s, int a) {
        int n = s.length;
        int i = a;
        for (int part = 0; part < 4; part++) {
            int j = partEnd(s, i, n);
            if (j < 0) {
                return -1;
            }
            if (part < 3) {
                i = sepAfter(s, j);
                if (i < 0) {
                    return -1;
                }
            } else {
                return sepAfter(s, j) < 0 ? j : -1;
            }
        }
        return -1;
    }

    /**
     * A separator at {@code i} (just after a part) followed by a digit: a dot, or a defanged dot ({@code [.]},
     * {@code (.)}, {@code {.}}, {@code [dot]} in any case, one blank at most either side); the start of the next part,
     * or -1. Reads at most eight characters.
     */
    private static int sepAfter(char[] s, int i) {
        int n = s.length;
        if (i + 1 < n && s[i] == '.') {
            return Chars.digit(s[i + 1]) ? i + 1 : -1;
        }
        int k = i < n && s[i] == ' ' ? i + 1 : i;
        if (k + 2 >= n) {
            return -1;
        }
        char close = closer(s[k]);
        int m;
        if (close == 0) {
            return -1;
        } else if (s[k + 1] == '.' && s[k + 2] == close) {
            m = k + 3;
        } else if (k + 4 < n && dot(s, k + 1) && s[k + 4] == close) {
            m = k + 5;
        } else {
            return -1;
        }
        if (m < n && s[m] == ' ') {
            m++;
        }
        return m < n && Chars.digit(s[m]) ? m : -1;
    }

    /**
     * A separator ending at {@code x} (the start of a part) with a digit before it, read backwards as {@link #sepAfter}
     * reads it forwards: the end of the part before it, -1 when there is none. Reads at most eight characters.
     */
    private static int sepBefore(char[] s, int x) {
        if (x >= 2 && s[x - 1] == '.') {
            return Chars.digit(s[x - 2]) ? x - 1 : -1;
        }
        int k = x >= 1 && s[x - 1] == ' ' ? x - 2 : x - 1; // the closer
        if (k < 2) {
            return -1;
        }
        char close = s[k];
        int o;
        if (s[k - 1] == '.' && closer(s[k - 2]) == close && close != 0) {
            o = k - 2;
        } else if (k >= 4 && dot(s, k - 3) && closer(s[k - 4]) == close && close != 0) {
            o = k - 4;
        } else {
            return -1;
        }
        int j = o >= 1 && s[o - 1] == ' ' ? o - 2 : o - 1;
        return j >= 0 && Chars.digit(s[j]) ? j + 1 : -1;
    }

    /** The closing bracket of an opener <code>[ ( &#123;</code>, or 0. */
    private static char closer(char c) {
        return c == '[' ? ']' : c == '(' ? ')' : c == '{' ? '}' : 0;
    }

    /** Whether {@code s[i, i + 3)} is {@code dot} in any case. */
    private static boolean dot(char[] s, int i) {
        return (s[i] | 0x20) == 'd' && (s[i + 1] | 0x20) == 'o' && (s[i + 2] | 0x20) == 't';
    }

    /**
     * Examines the run of digits and dashes holding the dash at {@code d} (not starting before {@code from}); its end.
     * An IPv4 address written with dashes is reported where it is a host name's label, or part of one:
     * <ul>
     *   <li>after a word and a dash ({@code ip-10-0-0-1}, {@code ec2-203-0-113-5}, {@code host-10-0-0-1-eu}): the run
     *       is the word's last digits, if any, a dash, four parts of 1-3 digits each at most 255 joined by single
     *       dashes, and one dash at most; not followed by a letter or digit unless after that dash;</li>
     *   <li>at the start of a label of a domain ({@code 203-0-113-5.static.example.net}): the run is exactly the four
     *       parts, not after a letter or digit, followed by a dot and a letter.</li>
     * </ul>
     * Bare dashed quads ({@code 10-20-30-40}) are not reported: ranges and lists look the same.
     */
    private static int dashRun(char[] s, int d, int from, Findings out) {
        int n = s.length;
        int start = d;
        while (start > from && (Chars.digit(s[start - 1]) || s[start - 1] == '-')) {
            start--;
        }
        int e = d;
        while (e < n && (Chars.digit(s[e]) || s[e] == '-')) {
            e++;
        }
        boolean word = start > 0 && Chars.alnum(s[start - 1]); // a letter: s[start - 1] is no digit
        int a = start;
        if (word) {
            a = Chars.digitsEnd(s, start); // the word's last digits ("ec2")
            if (a >= e || s[a] != '-') {
                return e;
            }
            a++;
        }
        int b = quadEnd(s, a, e);
        if (b < 0) {
            return e;
        }
        boolean ok = word ? b == e && !Chars.alnumAt(s, e) || b + 1 == e : b == e && e + 1 < n && s[e] == '.' && Chars.asciiLetter(s[e + 1]);
        if (ok) {
            out.add(PiiKind.IP, a, b);
        }
        return e;
    }

    /**
     * Whether a dash is among {@code s[d + 2, d + 5)}. The dash before an address's second part (its first joint) is
     * followed by that part (1-3 digits) and the next joint, so it passes; a run with an address has that dash, and
     * the loop examines the run there at the latest (the walk back from any dash of the run finds the same start:
     * a dash skipped here moves no resume point).
     */
    private static boolean dashSoon(char[] s, int d) {
        int n = s.length;
        return d + 2 < n && s[d + 2] == '-' || d + 3 < n && s[d + 3] == '-' || d + 4 < n && s[d + 4] == '-';
    }

    /** The end of four parts of 1-3 digits, each at most 255, joined by single dashes, from {@code a} within {@code [a, e)}; or -1. */
    private static int quadEnd(char[] s, int a, int e) {
        int i = a;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= e || s[i] != '-') {
                    return -1;
                }
                i++;
            }
            int j = partEnd(s, i, e);
            if (j <= i) {
                return -1;
            }
            i = j;
        }
        return i;
    }

    /**
     * Whether a dot is among {@code s[d + 2, d + 5)}, given a dot at {@code d} followed by a digit. Without one, the
     * run of digits and dots holding {@code d} has no address, and a later dot of it finds none either:
     * <ul>
     *   <li>{@code ipv4Run} reads the run from the digits just before {@code d} (or from {@code d}, as a leading dot):
     *       either way the part that starts at {@code d + 1} is the second or the first, not the last, so in an
     *       address 1-3 digits and a dot follow, within {@code s[d + 2, d + 5)}; without that dot this part has 4 or
     *       more digits, or the run ends after it with fewer than four parts.</li>
     *   <li>If the run goes on past this part, the part has 4 or more digits; the next dot of the run examined walks
     *       back over the digits before it to {@code d + 1} (s[d] is no digit), so its run starts with that part,
     *       fails on it as the whole run fails, and ends where the whole run ends.</li>
     * </ul>
     */
    private static boolean dotSoon(char[] s, int d) {
        if (d + 5 <= s.length) {
            return s[d + 2] == '.' | s[d + 3] == '.' | s[d + 4] == '.';
        }
        for (int k = d + 2; k < s.length; k++) {
            if (s[k] == '.') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a colon is among {@code s[c + 1, c + 6)}, given the first colon {@code c} of an IPv6-like run (see
     * ipv6Run). Without one, no address is in the run: an address has two colons or more ("::", or seven), c is its
     * first ([start, c) holds none), and its second follows c at once ("::") or after one group of 1-4 hex digits (a
     * dotted quad after c would be the last part, leaving c the only colon). A later colon c' of the same run then
     * examines the same run (its walk back goes through c to the same start), counts no more colons, and validates
     * the same span: no address either, and the same end.
     */
    private static boolean colonSoon(char[] s, int c) {
        if (c + 6 <= s.length) {
            return s[c + 1] == ':' | s[c + 2] == ':' | s[c + 3] == ':' | s[c + 4] == ':' | s[c + 5] == ':';
        }
        for (int k = c + 1; k < s.length; k++) {
            if (s[k] == ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * Examines the run of digits and dots holding the dot at {@code d}, not starting before {@code from}; its end.
     * The run is validated in the same forward walk that finds its end (each character read once forward, and the
     * digits before {@code d} once backward): it is a dotted quad when, without its leading and trailing dots, it is
     * four parts of 1-3 digits, each at most 255, joined by single dots ({@link #isQuad} of the trimmed run).
     */
    private static int ipv4Run(char[] s, int d, int from, Findings out) {
        int n = s.length;
        int start = d;
        while (start > from && Chars.digit(s[start - 1])) {
            start--;
        }
        if (start < d && start + 16 <= n) {
            int q = plainQuad(s, start);
            if (q >= 0) {
                addV4(s, start, q, out);
                return q;
            }
        }
        int e = start;
        while (e < n && s[e] == '.') {
            e++; // leading dots are not part of an address
        }
        int a = e;
        int b = e; // end of the last part read
        int parts = 0;
        boolean ok = true; // every part so far is 1-3 digits, at most 255, and single dots join them
        while (true) {
            int g = e;
            int v = 0;
            while (e < n && Chars.digit(s[e])) {
                v = v * 10 + (s[e] - '0'); // wraps on long runs, which len > 3 rejects anyway
                e++;
            }
            if (e == g) {
                break; // after the run's last dots: it ends here
            }
            parts++;
            ok &= e - g <= 3 && v <= 255;
            b = e;
            int dot = e;
            while (e < n && s[e] == '.') {
                e++;
            }
            if (e == dot) {
                break; // a part not followed by a dot ends the run
            }
            boolean partFollows = e < n && Chars.digit(s[e]);
            if (ok && parts == 4 && partFollows && e - dot == 2 && quadStarts(s, e)) {
                // a range "203.0.113.5..203.0.113.9" (since 2026-12-02, mail6; a quad after the two dots too): this address, and the run after the
                // first dot of the two examined from there as a run of its own
                addV4(s, a, b, out);
                return dot + 1;
            }
            ok &= e - dot == 1 || !partFollows; // two dots inside the address
            if (!ok || parts == 4 && partFollows) {
                // No address in this run (a bad part, two dots, a fifth part): only its end is still needed; but
                // four valid parts and a port as tcpdump prints them are an address and its port (portAfter).
                int fifth = e;
                while (e < n && (Chars.digit(s[e]) || s[e] == '.')) {
                    e++;
                }
                if (ok && portAfter(s, a, fifth, e)) {
                    addV4(s, a, b, out);
                }
                return e;
            }
        }
        if (ok && parts == 4) {
            addV4(s, a, b, out);
        }
        return e;
    }

    /** Reports the dotted quad {@code s[a, b)}, unless it is a product's version in a user agent ({@link #productVersion}). */
    private static void addV4(char[] s, int a, int b, Findings out) {
        if (!productVersion(s, a)) {
            out.add(PiiKind.IP, a, b);
        }
    }

    /**
     * Whether the quad at {@code a} is a product's version as a user agent writes it (since {@code fp8}): after
     * {@code /} and a name of up to 24 ASCII letters and dashes that starts with an upper-case letter and holds a
     * lower-case one (or is Opera's {@code OPR}), at the start or after a blank or one of {@code ( ; , = : " '}
     * ({@code Chrome/119.0.0.0}, {@code YaBrowser/23.11.0.0}, {@code Edg/119.0.0.0}, {@code OPR/105.0.0.0},
     * {@code ua=Chrome/119.0.0.0}). A host before the address as Java prints it stays an address
     * ({@code localhost/127.0.0.1}, {@code db.example.org/10.0.0.5}, {@code DESKTOP-7G3K2LM/192.168.1.23}), as does a
     * URL path ({@code /ips/203.0.113.5}). Reads at most 26 characters, once per quad found.
     */
    private static boolean productVersion(char[] s, int a) {
        if (a < 2 || s[a - 1] != '/') {
            return false;
        }
        int k = a - 1; // the name is s[k, a - 1)
        boolean lower = false;
        while (k > 0 && a - 1 - k < 24 && (Chars.asciiLetter(s[k - 1]) || s[k - 1] == '-')) {
            k--;
            lower |= s[k] >= 'a' && s[k] <= 'z';
        }
        if (k == a - 1 || !Chars.upper(s[k]) || !lower && !(a - 1 - k == 3 && Chars.matches(s, k, "OPR"))) {
            return false;
        }
        char c = k == 0 ? ' ' : s[k - 1];
        return c == ' ' || c == '\t' || c == '(' || c == ';' || c == ',' || c == '=' || c == ':' || c == '"' || c == '\'';
    }

    /**
     * Whether a dotted quad starts at {@code i}: four parts of 1-3 digits, each at most 255, joined by single dots, and
     * no digit after (the second address of a range; {@code 1.2.3.4..443} is none). Reads at most 16 characters.
     */
    private static boolean quadStarts(char[] s, int i) {
        int n = s.length;
        int k = i;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (k >= n || s[k] != '.') {
                    return false;
                }
                k++;
            }
            int j = partEnd(s, k, n);
            if (j <= k) {
                return false;
            }
            k = j;
        }
        return true;
    }

    /**
     * Whether the fifth part of a run of digits and dots that starts with four valid parts at {@code a} (the fifth at
     * {@code f}, the run ending at {@code e}) is a port, as tcpdump prints {@code 203.0.113.5.443 > 198.51.100.7.51234:}
     * (since 2026-12-02, mail5): the run is exactly five parts (trailing dots aside), the fifth 1-5 digits at most 65535,
     * and either it is above 255 (no address part, no version part of an address-like version) or the run stands where
     * tcpdump puts addresses: after {@code IP } or {@code > }, or before {@code  > }. Other five-part runs stay plain
     * (version strings {@code 1.2.3.4.5}; OIDs have more parts: {@code 1.3.6.1.4.1.2021}).
     */
    private static boolean portAfter(char[] s, int a, int f, int e) {
        int n = s.length;
        int g = Chars.digitsEnd(s, f);
        for (int k = g; k < e; k++) {
            if (s[k] != '.') {
                return false; // a sixth part
            }
        }
        if (g - f > 5) {
            return false;
        }
        int v = 0;
        for (int k = f; k < g; k++) {
            v = v * 10 + s[k] - '0';
        }
        if (v > 65535) {
            return false;
        }
        boolean afterIp = a >= 3 && s[a - 1] == ' ' && s[a - 2] == 'P' && s[a - 3] == 'I' && !Chars.wordAt(s, a - 4);
        boolean afterArrow = a >= 2 && s[a - 1] == ' ' && s[a - 2] == '>';
        boolean beforeArrow = g + 2 < n && s[g] == ' ' && s[g + 1] == '>' && s[g + 2] == ' ';
        return v > 255 || afterIp || afterArrow || beforeArrow;
    }

    /**
     * The common case, read without the general walk of {@link #ipv4Run}: at {@code a} ({@code a + 16 <= s.length},
     * so that no index below needs a bounds test: a quad and the character after it are at most 16), four parts of 1-3
     * digits, each at most 255, joined by single dots, then a character that is neither a digit nor a dot. The run
     * that starts at {@code a} is then exactly that address (no leading dot, four valid parts, no trailing dot, no
     * fifth part), which the general walk would report too; its end. -1 for any other run (the general walk decides).
     */
    private static int plainQuad(char[] s, int a) {
        int e = a;
        for (int part = 0; part < 3; part++) {
            e = partEnd(s, e);
            if (e < 0 || s[e] != '.') {
                return -1;
            }
            e++;
        }
        e = partEnd(s, e);
        if (e < 0) {
            return -1;
        }
        char t = s[e];
        return t == '.' || (char) (t - '0') <= 9 ? -1 : e;
    }

    /** End of 1-3 digits at {@code e} whose value is at most 255 (a fourth digit is left to the caller), or -1. */
    private static int partEnd(char[] s, int e) {
        int d0 = s[e] - '0';
        int d1 = s[e + 1] - '0';
        int d2 = s[e + 2] - '0';
        if ((d0 & 0xFFFF) > 9) {
            return -1;
        }
        if ((d1 & 0xFFFF) > 9) {
            return e + 1;
        }
        if ((d2 & 0xFFFF) > 9) {
            return e + 2;
        }
        return d0 * 100 + d1 * 10 + d2 <= 255 ? e + 3 : -1;
    }

    /** Whether {@code s[a, b)} is exactly {@code d.d.d.d} with parts of 1-3 digits, each at most 255. */
    static boolean isQuad(char[] s, int a, int b) {
        int parts = 0;
        int i = a;
        while (true) {
            int j = Chars.digitsEnd(s, i);
            if (j > b) {
                j = b;
            }
            int len = j - i;
            if (len < 1 || len > 3) {
                return false;
            }
            int v = 0;
            for (int k = i; k < j; k++) {
                v = v * 10 + (s[k] - '0');
            }
            if (v > 255 || ++parts > 4) {
                return false;
            }
            if (j == b) {
                return parts == 4;
            }
            if (s[j] != '.') {
                return false;
            }
            i = j + 1;
        }
    }

    /**
     * Examines the run of hex digits, colons and dots holding the colon at {@code c}, not starting before {@code from};
     * its end in the low 32 bits, and in the high 32 bits the first dot after {@code c} in it (or its end).
     */
    private static long ipv6Run(char[] s, int c, int from, Findings out) {
        int n = s.length;
        int start = c;
        while (start > from && v6(s[start - 1])) {
            start--;
        }
        int e = c;
        int colons = 0;
        int dot = Integer.MAX_VALUE; // the first dot after c (s[c] is a colon)
        while (e < n && v6(s[e])) {
            char ch = s[e];
            colons += ch == ':' ? 1 : 0;
            dot = ch == '.' && dot == Integer.MAX_VALUE ? e : dot;
            e++;
        }
        long next = (long) Math.min(dot, e) << 32 | e;
        if (start >= 3 && start + 1 < e && s[start] == '6' && s[start + 1] == ':' && Chars.matchesLower(s, start - 3, "ipv")) {
            start += 2; // "user@[IPv6:2001:db8::1]": an address literal (RFC 5321), the address after its tag
        }
        if (Chars.wordAt(s, start - 1)) {
            start = afterKey(s, start, e);
        }
        int end = e;
        if (Chars.wordAt(s, e)) {
            // "2001:db8::1.Retrying", "…::1.Abort": a dot and a capitalised word after the address end it (since
            // 2026-12-02, mail6); the hex letters the run took from that word are walked back over once
            int k = e;
            while (k > start && Chars.hex(s[k - 1]) && !Chars.digit(s[k - 1])) {
                k--;
            }
            end = k - 1 > start && k < n && s[k - 1] == '.' && Chars.upper(s[k]) ? k - 1 : e;
        }
        if (colons >= 2 && !Chars.wordAt(s, start - 1) && !Chars.wordAt(s, end) && !subscript(s, start)) {
            int b = end;
            while (b > start && s[b - 1] == '.') {
                b--;
            }
            if (b - start >= 2 && s[b - 1] == ':' && s[b - 2] != ':') {
                b--; // "2001:db8::1: failed"
            }
            if (b > start && isIpv6(s, start, b)) {
                out.add(PiiKind.IP, start, b);
            } else if (b > start) {
                int port = withoutPort(s, start, b);
                if (port > 0) {
                    out.add(PiiKind.IP, start, port);
                }
            }
        }
        return next;
    }

    /**
     * A run touching a word before ({@code ip:2001:db8::1}, {@code src:2001:db8::1}, {@code ip6:2001:db8::1}): a key
     * glued by one colon, whose hex tail the run took in; the address starts after that colon (the first of the run,
     * not doubled). Otherwise {@code start}. The run is walked once.
     */
    private static int afterKey(char[] s, int start, int e) {
        int k = start;
        while (k < e && s[k] != ':') {
            k++;
        }
        return k + 1 < e && s[k + 1] != ':' ? k + 1 : start;
    }

    /**
     * An address followed by a port of five digits ({@code 2001:db8::2:51234}, netstat), or by a dot and a port of
     * 1-5 digits ({@code 2001:db8::1.443}, tcpdump; branch digits4), or (since 2026-12-02, mail5) by a colon and a
     * port of 1-4 digits where the run with it is no address ({@code 2001:db8:0:0:0:0:0:1:8080} as Java's
     * InetSocketAddress prints it, {@code ::ffff:203.0.113.5:8080}): the end of the address without it, if that is
     * one; or -1. (A port of 1-4 digits after a colon that reads as the last group of an address is masked with it.)
     */
    private static int withoutPort(char[] s, int a, int b) {
        int k = b;
        while (k > a && Chars.digit(s[k - 1])) {
            k--;
        }
        boolean port = b - k >= 1 && b - k <= 5 && (s[k - 1] == ':' || s[k - 1] == '.');
        return port && k - 2 > a && s[k - 2] != ':' && isIpv6(s, a, k - 1) ? k - 1 : -1;
    }

    /**
     * Whether the run at {@code start} is a subscript: inside {@code [} glued to a word or a closing bracket, as
     * Python's slices {@code arr[1::2]}, {@code x[::2]} (since 2026-12-02, mail5); a bracketed address stands after a
     * blank, {@code //}, {@code @} or {@code =}.
     */
    private static boolean subscript(char[] s, int start) {
        return start >= 2 && s[start - 1] == '[' && (Chars.wordAt(s, start - 2) || s[start - 2] == ']' || s[start - 2] == ')');
    }

    private static boolean v6(char c) {
        return Chars.is(c, Chars.V6);
    }

    /**
     * Whether {@code s[a, b)} is an IPv6 address (RFC 4291 text forms, without a zone), other than {@code ::} alone (the
     * unspecified address says nothing about a person, and reads as Haskell's {@code ::}; since 2026-12-02, mail5).
     */
    static boolean isIpv6(char[] s, int a, int b) {
        int groups = 0;
        boolean compressed = false;
        int i = a;
        if (b - a >= 2 && s[a] == ':' && s[a + 1] == ':') {
            compressed = true;
            i = a + 2;
            if (i == b) {
                return false; // "::" alone, the unspecified address: no one's (Haskell's "main :: IO ()"; since 2026-12-02, mail5)
            }
        } else if (s[a] == ':') {
            return false;
        }
        while (true) {
            int j = i;
            while (j < b && Chars.hex(s[j])) {
                j++;
            }
            if (j < b && s[j] == '.') {
                // An embedded dotted quad is the last part and counts as two groups.
                if (!isQuad(s, i, b)) {
                    return false;
                }
                groups += 2;
                break;
            }
            int len = j - i;
            if (len < 1 || len > 4 || groups == 8) {
                return false; // no address has a ninth group: fail now rather than at the end of a long run
            }
            groups++;
            if (j == b) {
                break;
            }
            // s[j] == ':'
            if (j + 1 < b && s[j + 1] == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i = j + 2;
                if (i == b) {
                    break;
                }
            } else {
                i = j + 1;
                if (i == b) {
                    return false;
                }
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /**
     * The end of the run of digits at {@code i} (read before {@code limit}) when it can be a part of an IPv4 address:
     * at most three digits, worth at most 255; -1 for a longer or larger run. An empty run ends at {@code i} (callers
     * that need a digit check {@code end > i}). Reads at most four characters.
     */
    private static int partEnd(char[] s, int i, int limit) {
        int j = i;
        int v = 0;
        while (j < limit && j - i < 4 && Chars.digit(s[j])) {
            v = v * 10 + s[j] - '0';
            j++;
        }
        return j - i > 3 || v > 255 ? -1 : j;
    }
}
