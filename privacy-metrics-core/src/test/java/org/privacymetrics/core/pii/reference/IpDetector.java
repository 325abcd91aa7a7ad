package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * IP addresses.
 * <ul>
 *   <li>IPv4: a maximal run of digits and dots that, without its leading and trailing dots, is exactly four parts of
 *       1-3 digits, each at most 255. Zero-padded parts ({@code 010.001.002.003}) and a trailing dot (end of a
 *       sentence, {@code 203.0.113.22.}) are accepted; five or more parts ({@code 1.2.3.4.5}, OIDs) are not. A
 *       four-part version string whose parts are all at most 255 ({@code 1.2.3.4}) is indistinguishable from an
 *       address and is reported: masking a version costs less than leaking an address. Bare integers
 *       ({@code 3232235777}) and short forms ({@code 10.1}) are not addresses here: they cannot be told from counts.</li>
 *   <li>IPv6: a maximal run of hex digits, colons and dots, not touching a letter, digit or {@code _} on either side
 *       (so {@code Foo::bar} and {@code 10:15:30} are not addresses), with at least two colons, that is a full
 *       eight-group address or a compressed one with one {@code ::}; the last part may be a dotted quad
 *       ({@code ::ffff:192.0.2.1}). Trailing dots and one trailing colon are not part of the address. The unspecified
 *       address {@code ::} alone is not reported (since 2026-12-02: {@code main :: IO ()}).</li>
 * </ul>
 * Linear: each run is found once and validated once, in time proportional to its length; runs do not overlap.
 */
final class IpDetector {

    private IpDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        ipv4(s, out);
        ipv6(s, out);
        hostNames(s, out);
        defanged(s, out);
        hexQuads(s, out);
        otherSeparators(s, out);
        defangedV6(s, out);
    }

    /**
     * Added ipsep10, in the engine too: IPv6 with colons written {@code [:]} ({@code 2001[:]db8[:]:1}). Each maximal
     * run of hex digits, colons, dots and {@code [:]} that holds a {@code [:]} is read with {@code [:]} as a colon;
     * after a word, the address starts after the run's first single colon (a key); trailing dots are dropped; the
     * rest is reported when it touches no word character, has a digit, and is an IPv6 address.
     */
    private static void defangedV6(CharSequence s, List<Finding> out) {
        int n = s.length();
        int from = 0;
        while (from < n) {
            // the next maximal run of hex digits, colons, dots and [:]
            int start = from;
            while (start < n && !v6(s.charAt(start)) && !Chars.matches(s, start, "[:]")) {
                start++;
            }
            int end = start;
            while (end < n && (v6(s.charAt(end)) || Chars.matches(s, end, "[:]"))) {
                end += v6(s.charAt(end)) ? 1 : 3;
            }
            from = Math.max(end, start + 1);
            if (start >= n) {
                break;
            }
            String run = s.subSequence(start, end).toString();
            if (!run.contains("[:]")) {
                continue;
            }
            Run m = new Run(start, end);
            // the characters of the run as read, with their offsets in s
            List<Integer> starts = new java.util.ArrayList<>();
            List<Integer> ends = new java.util.ArrayList<>();
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < run.length(); i++) {
                starts.add(m.start() + i);
                if (run.startsWith("[:]", i)) {
                    t.append(':');
                    i += 2;
                } else {
                    t.append(run.charAt(i));
                }
                ends.add(m.start() + i + 1);
            }
            int x = 0;
            if (Chars.wordAt(s, m.start() - 1)) {
                int k = t.indexOf(":");
                x = k >= 0 && k + 1 < t.length() && t.charAt(k + 1) != ':' ? k + 1 : 0;
            }
            int y = t.length();
            while (y > x && t.charAt(y - 1) == '.') {
                y--;
            }
            String addr = t.substring(x, y);
            if (addr.chars().anyMatch(c -> c >= '0' && c <= '9') && !Chars.wordAt(s, starts.get(x) - 1) && !Chars.wordAt(s, m.end())
                    && isIpv6(addr, 0, addr.length())) {
                out.add(new Finding(PiiKind.IP, starts.get(x), ends.get(y - 1)));
            }
        }
    }

    private record Run(int start, int end) {
    }

    /**
     * Added ipsep10, in the engine too: IPv4 written with other separators. At each run of digits (no digit before
     * it): four parts of 1-3 digits, each at most 255, joined by the same separator each time, followed neither by that
     * separator and a digit, nor by a letter, digit, {@code _}, or a dot and a digit. The separator is {@code " dot "}
     * (any case; not after a word character, a dot, or {@code " dot "} and a digit), or {@code -}, {@code ,} or
     * {@code " . "} after a word naming an address. Else a run of 8-10 digits of value 2^24 to 2^32 - 1 after
     * {@code ip}, {@code ipv4}, {@code ip4}, {@code addr} or a camel hump {@code Ip}. The label: 1-4 of
     * blank, tab, {@code = : " '} after a whole word of 1-16 ASCII letters and digits.
     */
    private static void otherSeparators(CharSequence s, List<Finding> out) {
        String str = s.toString();
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!Chars.digit(s.charAt(i))) {
                i++;
                continue;
            }
            int e = Chars.digitsEnd(s, i);
            if (e - i <= 3) {
                boolean found = false;
                for (String sep : List.of("-", ",", " . ", " dot ", " ")) {
                    int end = sepQuad(str, i, sep);
                    if (end < 0) {
                        continue;
                    }
                    boolean ok;
                    if (sep.equals(" dot ")) {
                        String before = str.substring(Math.max(0, i - 6), i).toLowerCase(java.util.Locale.ROOT);
                        ok = !(i > 0 && (Chars.wordAt(s, i - 1) || s.charAt(i - 1) == '.'))
                                && !(before.length() == 6 && before.endsWith(" dot ") && Chars.digit(before.charAt(0)));
                    } else if (sep.equals(" ")) {
                        ok = strongLabel(label(str, i)); // added ip11: ip 203 0 113 5
                    } else {
                        ok = label(str, i) != null;
                    }
                    if (ok) {
                        out.add(new Finding(PiiKind.IP, i, end));
                        e = end;
                        found = true;
                    }
                }
                int end = found ? -1 : mixedDots(str, i);
                if (end > 0) {
                    out.add(new Finding(PiiKind.IP, i, end));
                    e = end;
                }
            } else if (e - i <= 10 && e - i >= 8 && !Chars.wordAt(s, e) && !(e + 1 < n && s.charAt(e) == '.' && Chars.digit(s.charAt(e + 1)))) {
                long v = Long.parseLong(str.substring(i, e));
                String w = label(str, i);
                if (v >= 16_777_216L && v <= 4_294_967_295L && strongLabel(w)) {
                    out.add(new Finding(PiiKind.IP, i, e));
                }
            }
            i = e;
        }
    }

    /** Whether the label {@code w} (or null) is {@code ip}, {@code ipv4}, {@code ip4}, {@code addr} or ends in a camel hump {@code Ip}. */
    private static boolean strongLabel(String w) {
        boolean hump = w != null && w.length() >= 3 && w.matches(".*[a-z]I[pP]");
        return w != null && (hump || List.of("ip", "ipv4", "ip4", "addr").contains(w.toLowerCase(java.util.Locale.ROOT)));
    }

    private static final java.util.regex.Pattern MIXED = java.util.regex.Pattern.compile(
            "(\\d{1,3})( ?\\. ?)(\\d{1,3})( ?\\. ?)(\\d{1,3})( ?\\. ?)(\\d{1,3})");

    /**
     * Added ip11, in the engine too: a quad of mixed dots at {@code i} ({@code 203 . 0.113.5}, {@code ip 203 .0. 113.5}):
     * four parts of 1-3 digits, each at most 255, joined by dots each with at most one blank either side, at least one
     * with a blank; not after a word character, a dot, or a part and such a dot; not before a word character or such
     * a dot and a digit. Reported after an address word, or when two of its dots are plain and none is {@code ". "}
     * (a sentence's end, a numbered line). Its end, or -1.
     */
    private static int mixedDots(String s, int i) {
        java.util.regex.Matcher m = MIXED.matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
            return -1;
        }
        int plain = 0;
        boolean spaced = false;
        boolean prose = false;
        for (int g = 1; g <= 7; g++) {
            if (g % 2 == 1) {
                if (Integer.parseInt(m.group(g)) > 255) {
                    return -1;
                }
            } else {
                String sep = m.group(g);
                plain += sep.equals(".") ? 1 : 0;
                spaced |= !sep.equals(".");
                prose |= sep.equals(". ");
            }
        }
        int j = m.end();
        boolean fifth = java.util.regex.Pattern.compile(" ?\\. ?\\d").matcher(s).region(j, s.length()).lookingAt();
        boolean fifthBefore = java.util.regex.Pattern.compile("\\d ?\\. ?$").matcher(s).region(Math.max(0, i - 4), i).find();
        if (!spaced || fifth || fifthBefore || Chars.wordAt(s, j) || i > 0 && (Chars.wordAt(s, i - 1) || s.charAt(i - 1) == '.')) {
            return -1;
        }
        return label(s, i) != null || plain >= 2 && !prose ? j : -1;
    }

    /** The end of a quad at {@code i} joined by {@code sep} (" dot " in any case) as otherSeparators requires, or -1. */
    private static int sepQuad(String s, int i, String sep) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(\\d{1,3})" + ("(?:" + java.util.regex.Pattern.quote(sep) + ")(\\d{1,3})").repeat(3),
                java.util.regex.Pattern.CASE_INSENSITIVE);
        java.util.regex.Matcher m = p.matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
            return -1;
        }
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) {
                return -1;
            }
        }
        int j = m.end();
        String rest = s.substring(j, Math.min(s.length(), j + 8)).toLowerCase(java.util.Locale.ROOT);
        boolean fifth = rest.startsWith(sep) && rest.length() > sep.length() && Chars.digit(rest.charAt(sep.length()));
        if (fifth || Chars.wordAt(s, j) || rest.length() > 1 && rest.charAt(0) == '.' && Chars.digit(rest.charAt(1))) {
            return -1;
        }
        return j;
    }

    /** The word naming an address before {@code i} (after 1-4 connectors), as written, or null. */
    private static String label(String s, int i) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![A-Za-z0-9])([A-Za-z0-9]{1,16})[ \t=:\"']{1,4}$")
                .matcher(s).region(Math.max(0, i - 20), i).useTransparentBounds(true);
        if (!m.find()) {
            return null;
        }
        String w = m.group(1);
        boolean hump = w.matches(".*[a-z]I[pP]");
        List<String> words = List.of("ip", "ipv4", "ip4", "addr", "address", "host", "client", "src", "dst", "peer", "remote", "from");
        return hump || words.contains(w.toLowerCase(java.util.Locale.ROOT)) ? w : null;
    }

    /**
     * Added ipname9, in the engine too: an IPv4 address in hexadecimal, {@code 0xCB.0x00.0x71.0x16}: four parts of
     * {@code 0x} (any case) and 1-2 hex digits joined by single dots, not after a word character or a dot, not before
     * a word character or a dot and a word character.
     */
    private static void hexQuads(CharSequence s, List<Finding> out) {
        java.util.regex.Matcher m = HEX_QUAD.matcher(s);
        int from = 0;
        while (m.find(from)) {
            out.add(new Finding(PiiKind.IP, m.start(), m.end()));
            from = m.end();
        }
    }

    private static final java.util.regex.Pattern HEX_QUAD = java.util.regex.Pattern.compile(
            "(?<![\\w.])0[xX][0-9a-fA-F]{1,2}(?:\\.0[xX][0-9a-fA-F]{1,2}){3}(?![\\w]|\\.\\w)");

    /**
     * Added ipname9, in the engine too: defanged IPv4 addresses ({@code 203[.]0[.]113[.]5}, {@code 203(.)0(.)113(.)5},
     * {@code 203{.}0{.}113{.}5}, {@code 203[dot]0[dot]113[dot]5}, one blank at most either side of the brackets, mixed
     * with plain dots). The text is read from left to right as chains: parts (runs of digits) joined by separators,
     * each separator a dot or a defanged dot with a digit right after it, as far as they go. A chain with a defanged
     * dot that is exactly four parts of 1-3 digits, each at most 255, is an address.
     */
    private static void defanged(CharSequence s, List<Finding> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!Chars.digit(s.charAt(i))) {
                i++;
                continue;
            }
            int a = i;
            List<String> parts = new java.util.ArrayList<>();
            boolean fanged = false;
            int end;
            while (true) {
                int e = Chars.digitsEnd(s, i);
                parts.add(s.subSequence(i, e).toString());
                end = e;
                int next = separatorEnd(s, e);
                if (next < 0) {
                    break;
                }
                fanged |= next - e > 1;
                i = next;
            }
            boolean quad = parts.size() == 4 && parts.stream().allMatch(q -> q.length() <= 3 && Integer.parseInt(q) <= 255);
            if (fanged && quad) {
                out.add(new Finding(PiiKind.IP, a, end));
            }
            i = end;
        }
    }

    /** The defanged dots: a dot in brackets, or the word {@code dot} in brackets (any case). */
    private static final List<String> DEFANGED = List.of("[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}");

    /**
     * Where the part after a separator at {@code e} starts: a dot, or a defanged dot with one blank at most either
     * side, followed by a digit; -1 when there is none.
     */
    private static int separatorEnd(CharSequence s, int e) {
        int n = s.length();
        if (e + 1 < n && s.charAt(e) == '.' && Chars.digit(s.charAt(e + 1))) {
            return e + 1;
        }
        String rest = s.subSequence(e, Math.min(n, e + 8)).toString().toLowerCase(java.util.Locale.ROOT);
        for (String before : List.of("", " ")) {
            for (String sep : DEFANGED) {
                for (String after : List.of("", " ")) {
                    String w = before + sep + after;
                    if (rest.startsWith(w) && e + w.length() < n && Chars.digit(s.charAt(e + w.length()))) {
                        return e + w.length();
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Added in the session of 2026-12-02 (branch gapsdigit), in the engine too: an IPv4 address written with dashes in
     * a host name. Each maximal run of digits and dashes is examined: after a letter, the run is the word's last digits
     * (if any), a dash, four parts of 1-3 digits (each at most 255) joined by single dashes, and at most one dash
     * more, and no letter follows the last part ({@code ip-10-0-0-1}, {@code ec2-203-0-113-5}); not after a letter or
     * digit, it is exactly the four parts, followed by a dot and a letter ({@code 203-0-113-5.static.example.net}).
     */
    private static void hostNames(CharSequence s, List<Finding> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!Chars.digit(c) && c != '-') {
                i++;
                continue;
            }
            int e = i;
            while (e < n && (Chars.digit(s.charAt(e)) || s.charAt(e) == '-')) {
                e++;
            }
            String run = s.subSequence(i, e).toString();
            boolean word = i > 0 && Chars.alnum(s.charAt(i - 1));
            String[] parts = run.split("-", -1);
            int at = i; // start of the first part of the address
            int first = 0;
            if (word) {
                first = 1; // the word's last digits, maybe none
                at = i + parts[0].length() + 1;
            }
            int count = parts.length - first; // parts after the word's digits
            boolean shape = word ? count == 4 || count == 5 && parts[parts.length - 1].isEmpty() : count == 4;
            if (shape && parts.length > first) {
                boolean ok = true;
                int len = 0;
                for (int k = first; k < first + 4 && ok; k++) {
                    String q = parts[k];
                    ok = !q.isEmpty() && q.length() <= 3 && Integer.parseInt(q) <= 255;
                    len += q.length() + (k > first ? 1 : 0);
                }
                if (ok) {
                    boolean context = word
                            ? count == 5 || !Chars.alnumAt(s, e)
                            : e + 1 < n && s.charAt(e) == '.' && Chars.asciiLetter(s.charAt(e + 1));
                    if (context) {
                        out.add(new Finding(PiiKind.IP, at, at + len));
                    }
                }
            }
            i = e;
        }
    }

    private static void ipv4(CharSequence s, List<Finding> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!Chars.digit(c) && c != '.') {
                i++;
                continue;
            }
            int e = i;
            int dots = 0;
            while (e < n && (Chars.digit(s.charAt(e)) || s.charAt(e) == '.')) {
                dots += s.charAt(e) == '.' ? 1 : 0;
                e++;
            }
            if (dots < 3) {
                i = e; // a dotted quad has three dots at least
                continue;
            }
            int a = i;
            int b = e;
            while (a < b && s.charAt(a) == '.') {
                a++;
            }
            // added 2026-12-02 (mail6), in the engine too: a range "203.0.113.5..203.0.113.9": the quad before the
            // first two dots, then the run after the first of them examined as a run of its own
            int x = a;
            while (x + 1 < b && !(s.charAt(x) == '.' && s.charAt(x + 1) == '.')) {
                x++;
            }
            int y = x + 2; // the quad after the two dots: four parts and no digit after
            int joints = 0;
            while (y < e && (Chars.digit(s.charAt(y)) || s.charAt(y) == '.' && joints < 3 && y + 1 < e && Chars.digit(s.charAt(y + 1)))) {
                joints += s.charAt(y) == '.' ? 1 : 0;
                y++;
            }
            if (x + 2 < e && s.charAt(x) == '.' && s.charAt(x + 1) == '.' && Chars.digit(s.charAt(x + 2)) && isQuad(s, a, x)
                    && isQuad(s, x + 2, y)) {
                addV4(s, a, x, out);
                i = x + 1;
                continue;
            }
            while (b > a && s.charAt(b - 1) == '.') {
                b--;
            }
            if (a < b && isQuad(s, a, b)) {
                addV4(s, a, b, out);
            } else if (a < b) {
                // added 2026-12-02 (mail5), in the engine too: an address and its port as tcpdump prints them
                int dot = b - 1;
                while (dot > a && s.charAt(dot) != '.') {
                    dot--;
                }
                if (dot > a && dot + 1 < b && b - dot - 1 <= 5 && isQuad(s, a, dot) && port(s, a, dot + 1, b)) {
                    addV4(s, a, dot, out);
                }
            }
            i = e;
        }
    }

    /** Added fp8, in the engine too: a quad after a product name and '/' in a user agent is a version (Chrome/119.0.0.0). */
    private static void addV4(CharSequence s, int a, int b, List<Finding> out) {
        int k = a - 1;
        while (k > 0 && (Chars.asciiLetter(s.charAt(k - 1)) || s.charAt(k - 1) == '-')) {
            k--;
        }
        String name = a >= 2 && s.charAt(a - 1) == '/' ? s.subSequence(k, a - 1).toString() : "";
        boolean product = !name.isEmpty() && name.length() <= 24 && Chars.upper(name.charAt(0))
                && (name.chars().anyMatch(c -> c >= 'a' && c <= 'z') || name.equals("OPR"))
                && (k == 0 || " \t(;,=:\"'".indexOf(s.charAt(k - 1)) >= 0);
        if (!product) {
            out.add(new Finding(PiiKind.IP, a, b));
        }
    }

    /**
     * Whether the digits {@code s[f, g)} after the address at {@code a} are a port as tcpdump prints it: at most 65535,
     * and above 255 or the address after {@code IP } or {@code > }, or the port before {@code  > }.
     */
    private static boolean port(CharSequence s, int a, int f, int g) {
        int n = s.length();
        int v = Integer.parseInt(s.subSequence(f, g).toString());
        boolean afterIp = a >= 3 && s.charAt(a - 1) == ' ' && s.charAt(a - 2) == 'P' && s.charAt(a - 3) == 'I' && !Chars.wordAt(s, a - 4);
        boolean afterArrow = a >= 2 && s.charAt(a - 1) == ' ' && s.charAt(a - 2) == '>';
        boolean beforeArrow = g + 2 < n && s.charAt(g) == ' ' && s.charAt(g + 1) == '>' && s.charAt(g + 2) == ' ';
        return v <= 65535 && (v > 255 || afterIp || afterArrow || beforeArrow);
    }

    /** Whether {@code s[a, b)} is exactly {@code d.d.d.d} with parts of 1-3 digits, each at most 255. */
    static boolean isQuad(CharSequence s, int a, int b) {
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
                v = v * 10 + (s.charAt(k) - '0');
            }
            if (v > 255 || ++parts > 4) {
                return false;
            }
            if (j == b) {
                return parts == 4;
            }
            if (s.charAt(j) != '.') {
                return false;
            }
            i = j + 1;
        }
    }

    private static void ipv6(CharSequence s, List<Finding> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!v6(s.charAt(i))) {
                i++;
                continue;
            }
            int e = i;
            int colons = 0;
            while (e < n && v6(s.charAt(e))) {
                if (s.charAt(e) == ':') {
                    colons++;
                }
                e++;
            }
            // added 2026-12-02, in the engine too: "[IPv6:2001:db8::1]", the address after its tag
            int a = i;
            if (a >= 3 && a + 1 < e && s.charAt(a) == '6' && s.charAt(a + 1) == ':' && Chars.matchesLower(s, a - 3, "ipv")) {
                a += 2;
            }
            if (Chars.wordAt(s, a - 1)) {
                // added 2026-12-02 (branch gapsdigit), in the engine too: "ip:2001:db8::1", a key glued by one colon
                int k = a;
                while (k < e && s.charAt(k) != ':') {
                    k++;
                }
                if (k + 1 < e && s.charAt(k + 1) != ':') {
                    a = k + 1;
                }
            }
            // added 2026-12-02 (mail5), in the engine too: not a subscript, arr[1::2]
            boolean subscript = a >= 2 && s.charAt(a - 1) == '[' && (Chars.wordAt(s, a - 2) || s.charAt(a - 2) == ']' || s.charAt(a - 2) == ')');
            int end = e;
            if (Chars.wordAt(s, e)) {
                // added 2026-12-02 (mail6), in the engine too: "2001:db8::1.Retrying", a dot and a capitalised word
                int k = e;
                while (k > a && Chars.hex(s.charAt(k - 1)) && !Chars.digit(s.charAt(k - 1))) {
                    k--;
                }
                end = k - 1 > a && k < n && s.charAt(k - 1) == '.' && Chars.upper(s.charAt(k)) ? k - 1 : e;
            }
            if (colons >= 2 && !Chars.wordAt(s, a - 1) && !Chars.wordAt(s, end) && !subscript) {
                int b = end;
                while (b > a && s.charAt(b - 1) == '.') {
                    b--;
                }
                if (b - a >= 2 && s.charAt(b - 1) == ':' && s.charAt(b - 2) != ':') {
                    b--; // "2001:db8::1: failed"
                }
                if (b > a && isIpv6(s, a, b)) {
                    out.add(new Finding(PiiKind.IP, a, b));
                } else if (b > a) {
                    // added 2026-12-02 (branch gapsdigit), in the engine too: a 5-digit port, "2001:db8::2:51234"
                    int k = b;
                    while (k > a && Chars.digit(s.charAt(k - 1))) {
                        k--;
                    }
                    // and (branch digits4, in the engine too) a dot and a port of 1-5 digits, "2001:db8::1.443" (tcpdump)
                    // and (mail5, in the engine too) a colon and a port of 1-4 digits too where the run is no address
                    boolean port = b - k >= 1 && b - k <= 5 && (s.charAt(k - 1) == ':' || s.charAt(k - 1) == '.');
                    if (port && k - 2 > a && s.charAt(k - 2) != ':' && isIpv6(s, a, k - 1)) {
                        out.add(new Finding(PiiKind.IP, a, k - 1));
                    }
                }
            }
            i = e;
        }
    }

    private static boolean v6(char c) {
        return Chars.is(c, Chars.V6);
    }

    /**
     * Whether {@code s[a, b)} is an IPv6 address (RFC 4291 text forms, without a zone), other than {@code ::} alone (the
     * unspecified address says nothing about a person, and reads as Haskell's {@code ::}; since 2026-12-02, mail5).
     */
    static boolean isIpv6(CharSequence s, int a, int b) {
        int groups = 0;
        boolean compressed = false;
        int i = a;
        if (b - a >= 2 && s.charAt(a) == ':' && s.charAt(a + 1) == ':') {
            compressed = true;
            i = a + 2;
            if (i == b) {
                return false; // "::" alone, the unspecified address: no one's (Haskell's "main :: IO ()"; since 2026-12-02, mail5)
            }
        } else if (s.charAt(a) == ':') {
            return false;
        }
        while (true) {
            int j = i;
            while (j < b && Chars.hex(s.charAt(j))) {
                j++;
            }
            if (j < b && s.charAt(j) == '.') {
                // An embedded dotted quad is the last part and counts as two groups.
                if (!isQuad(s, i, b)) {
                    return false;
                }
                groups += 2;
                break;
            }
            int len = j - i;
            if (len < 1 || len > 4) {
                return false;
            }
            groups++;
            if (j == b) {
                break;
            }
            // s[j] == ':'
            if (j + 1 < b && s.charAt(j + 1) == ':') {
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
}
