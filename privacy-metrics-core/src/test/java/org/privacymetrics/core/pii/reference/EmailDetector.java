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
            char c0 = s.charAt(i);
            boolean bracketed = closing(c0) >= 0;
            // added 2026-12-02 (gapsmail), in the engine too: "\u0040", bracketed "[at]" with blanks before and
            // after, IP hosts after user:password, quoted local parts with an at-sign inside, user-info, chains
            int pre = bracketed && at > 0 ? blanksBefore(s, i, lastEnd) : 0;
            int e = i - pre;
            // the engine's conditions on an at-sign before it reads the local part
            if (at > 0 && (hostStart(s, i + at, bracketed) || at == 1 && i + 1 == n) && e > lastEnd
                    && (local(s.charAt(e - 1)) || s.charAt(e - 1) == ':' || s.charAt(e - 1) == '"' || s.charAt(e - 1) == ']' || s.charAt(e - 1) == ')'
                    || "\u201D\u201C\u2019\u2018\u00BB\u00AB".indexOf(s.charAt(e - 1)) >= 0)) {
                int k;
                boolean alnum;
                if (pre == 0) {
                    k = runStart < 0 ? i : runStart;
                    alnum = runStart >= 0 && runAlnum;
                } else {
                    k = e;
                    alnum = false;
                    while (k > lastEnd && local(s.charAt(k - 1))) {
                        alnum |= Chars.alnum(s.charAt(--k));
                    }
                }
                // added 2026-12-02 (mail5), in the engine too: bracketed groups inside the local part, "jane[doe]@…"
                while (k - 1 > lastEnd && (s.charAt(k - 1) == ']' || s.charAt(k - 1) == ')')) {
                    int c = k - 1;
                    char open = s.charAt(c) == ']' ? '[' : '(';
                    int o = c - 1;
                    while (o >= lastEnd && o >= c - 65 && local(s.charAt(o)) && "%{}".indexOf(s.charAt(o)) < 0) {
                        o--;
                    }
                    if (!(o >= lastEnd && o >= c - 65 && s.charAt(o) == open && (o < c - 1 || o > lastEnd && local(s.charAt(o - 1))))) {
                        break;
                    }
                    for (int g = o + 1; g < c; g++) {
                        alnum |= Chars.alnum(s.charAt(g));
                    }
                    k = o;
                    while (k > lastEnd && local(s.charAt(k - 1))) {
                        alnum |= Chars.alnum(s.charAt(--k));
                    }
                }
                // added 2026-12-02 (mail6), in the engine too: the atext / = ? & before the local run
                if (k > lastEnd && "/=?&".indexOf(s.charAt(k - 1)) >= 0 && k < e) {
                    int x = symbolStart(s, k, lastEnd);
                    if (x < 0) {
                        alnum = false;
                    } else {
                        for (int g = x; g < k; g++) {
                            alnum |= Chars.alnum(s.charAt(g));
                        }
                        k = x;
                    }
                }
                int localStart = localStart(s, e, alnum && k < e ? k : -1, lastEnd);
                if (localStart < 0 && k == e && pre == 0 && s.charAt(e - 1) == ':' && userinfoStart(s, e, lastEnd, false) < e) {
                    localStart = e; // added 2026-12-02 (mail6), in the engine too: "http://user:@host"
                }
                int domainEnd = localStart < 0 ? -1 : domainEnd(s, i + at, bracketed);
                if (domainEnd > 0 && hostless(s, i + at, domainEnd)) {
                    domainEnd = -1; // added 2026-12-02 (mail5), in the engine too: PgConnection@71e9ddb4, getty@tty1.service, …
                }
                if (domainEnd < 0 && localStart >= 0 && at == 1 && i + 1 == n
                        && s.subSequence(localStart, i).chars().anyMatch(c -> ".+_-".indexOf(c) >= 0 || c >= '0' && c <= '9')) {
                    domainEnd = n; // added 2026-12-02 (mail6), in the engine too: a value cut after the at-sign, "jane.doe@"
                }
                boolean ipHost = false;
                if (localStart >= 0 && domainEnd < 0 && !bracketed && localStart > lastEnd && s.charAt(localStart - 1) == ':') {
                    domainEnd = ipHostEnd(s, i + at);
                    ipHost = domainEnd > 0;
                }
                if (localStart >= 0 && domainEnd < 0 && !bracketed && i + at < n && s.charAt(i + at) == '[') {
                    domainEnd = literalEnd(s, i + at); // added 2026-12-02 (mail5), in the engine too: jane@[203.0.113.5]
                }
                boolean closingQuote = s.charAt(e - 1) == '"' && localStart >= 0;
                if (!closingQuote && k - 1 >= lastEnd && s.charAt(k - 1) == '"') {
                    int quoteEnd = quotedAround(s, k, i + at, lastEnd);
                    if (quoteEnd >= 0) {
                        localStart = k - 2 >= lastEnd && s.charAt(k - 2) == '\\' ? k - 2 : k - 1;
                        domainEnd = afterQuote(s, quoteEnd + 1);
                    }
                }
                if (domainEnd > 0 && localStart >= 0 && machine(s, localStart, i, domainEnd)) {
                    domainEnd = -1; // added 2026-12-02 (mail6), in the engine too: git remotes, Akka addresses, Message-IDs
                }
                if (domainEnd > 0) {
                    localStart = userinfoStart(s, localStart, lastEnd, ipHost);
                    domainEnd = chainedEnd(s, domainEnd);
                    // added 2026-12-02 (mail5), in the engine too: 'jane@example.org' without its opening quote
                    if (domainEnd < n && domainEnd - localStart >= 4 && "'`{*~".indexOf(s.charAt(localStart)) >= 0
                            && s.charAt(domainEnd) == "'`}*~".charAt("'`{*~".indexOf(s.charAt(localStart)))) {
                        localStart++;
                    }
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

    /** Added 2026-12-02 (mail6), in the engine too: where the local part starts through / = ? & (see the engine's symbolStart). */
    private static int symbolStart(CharSequence s, int k, int lastEnd) {
        int top = k;
        while (top > lastEnd && (local(s.charAt(top - 1)) || "/=?&".indexOf(s.charAt(top - 1)) >= 0)) {
            top--;
        }
        if (k - top > 64) {
            return k;
        }
        if (top > lastEnd && s.charAt(top - 1) == ':' && !(top - 7 >= 0 && asciiLower(s.subSequence(top - 7, top - 1).toString()).equals("mailto"))) {
            return userinfoStart(s, top, lastEnd, false) < top ? top : k;
        }
        if (top > lastEnd && (s.charAt(top - 1) == '@' || s.charAt(top - 1) == '\uFF20')) {
            return s.charAt(k - 1) == '/' ? -1 : k;
        }
        if ("/=?&".indexOf(s.charAt(top)) >= 0) {
            return k;
        }
        int start = k;
        while (start > top && "/=?&".indexOf(s.charAt(start - 1)) >= 0) {
            int p = start - 1;
            int r = p;
            while (r > top && local(s.charAt(r - 1))) {
                r--;
            }
            if (r == p) {
                return k;
            }
            String run = s.subSequence(r, p).toString();
            char before = r > top ? s.charAt(r - 1) : 0;
            char c = s.charAt(p);
            boolean joins;
            if (c == '=') {
                joins = before != '?' && before != '&' && !key(run, before == 0);
            } else if (c == '/') {
                joins = !run.contains(".") && (before == 0 || before == '/' || before == '=');
            } else {
                joins = before == 0;
            }
            if (!joins) {
                break;
            }
            start = r;
        }
        return start;
    }

    private static final java.util.Set<String> KEY_WORDS = java.util.Set.of("email", "mail", "emails", "address", "addr",
            "user", "username", "login", "to", "from", "cc", "bcc", "recipient", "recipients", "rcpt", "sender", "reply",
            "replyto", "owner", "principal", "subject", "sub", "customer", "contact", "account", "id", "name", "author",
            "assignee", "reporter", "member", "actor", "identity", "upn", "uid", "value", "val", "query", "search",
            "filter", "admin", "by", "for", "who", "target", "client", "person", "creator", "requester", "approver",
            "manager", "invitee", "mailbox", "destination", "dest", "receiver", "notify", "alias", "forward", "delegate",
            "sso", "login_hint", "hint", "identifier", "mbox", "original", "envelope", "return", "path", "header", "key",
            "arg", "param", "input");

    /** A key before '=': one or two characters, or its last word (after the last non-alnum or at a camel hump) a key word. */
    private static boolean key(String run, boolean first) {
        if (first && run.length() <= 2) {
            return true;
        }
        int w = run.length();
        while (w > 0 && run.charAt(w - 1) < 128 && Character.isLetterOrDigit(run.charAt(w - 1))) {
            w--;
            if (w > 0 && run.charAt(w) >= 'A' && run.charAt(w) <= 'Z' && run.charAt(w - 1) >= 'a' && run.charAt(w - 1) <= 'z') {
                break;
            }
        }
        return KEY_WORDS.contains(asciiLower(run.substring(w)));
    }

    /** Added 2026-12-02 (mail6), in the engine too: an address that names a machine (see the engine's machine). */
    private static boolean machine(CharSequence s, int start, int at, int end) {
        String local = s.subSequence(start, at).toString();
        if (s.charAt(at) == '@') {
            String domain = s.subSequence(at + 1, end).toString();
            boolean single = domain.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
            // a pinned action: owner/repo@v4, owner/repo@<sha>
            if (local.length() <= 64 && local.contains("/") && single && (domain.length() >= 2 && (domain.charAt(0) == 'v' || domain.charAt(0) == 'V')
                    && domain.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')
                    || domain.length() >= 7 && domain.chars().allMatch(c -> Chars.hex((char) c)) && domain.chars().anyMatch(c -> c >= '0' && c <= '9'))) {
                return true;
            }
            // a systemd unit after "systemctl VERB " or "-u " / "--unit "
            String line = s.subSequence(0, start).toString();
            int sp = line.length() - 1;
            if (start >= 4 && line.endsWith(" ")) {
                int w = line.lastIndexOf(' ', sp - 1) + 1;
                String word = line.substring(w, sp);
                if (start - w <= 16 && (word.equals("-u") || word.equals("--unit"))) {
                    return true;
                }
                boolean verb = java.util.Set.of("start", "stop", "restart", "reload", "status", "enable", "disable", "kill",
                        "mask", "unmask", "is-active", "is-enabled", "is-failed", "cat", "show", "edit").contains(asciiLower(word));
                if (start - w <= 16 && verb && line.substring(0, w).endsWith("systemctl ")
                        && (w - 10 == 0 || line.charAt(w - 11) == ' ')) {
                    return true;
                }
            }
            // a semver prerelease: digits.digits.digits-
            int a = Chars.digitsEnd(s, at + 1);
            int b = a > at + 1 && a < end && s.charAt(a) == '.' ? Chars.digitsEnd(s, a + 1) : -1;
            int c = b > a + 1 && b < end && s.charAt(b) == '.' ? Chars.digitsEnd(s, b + 1) : -1;
            if (c > b + 1 && c < end && s.charAt(c) == '-') {
                return true;
            }
        }
        if (asciiLower(local).equals("git") && end < s.length() && (s.charAt(end) == ':' || s.charAt(end) == '/')) {
            return true;
        }
        String before = s.subSequence(Math.max(0, start - 19), start).toString();
        if (before.endsWith("://")) {
            int sc = before.length() - 3;
            while (sc > 0 && (Chars.asciiLetter(before.charAt(sc - 1)) || before.charAt(sc - 1) == '.')) {
                sc--;
            }
            String scheme = asciiLower(before.substring(sc));
            return scheme.startsWith("akka") || scheme.startsWith("pekko");
        }
        if (local.length() > 64 || local.indexOf('.') < 0 || !local.chars().allMatch(c -> c == '.' || c < 128 && Chars.hex((char) c))) {
            return false;
        }
        int run = 0;
        for (char c : local.toCharArray()) {
            run = Chars.digit(c) ? run + 1 : 0;
            if (run >= 10) {
                return true;
            }
        }
        return false;
    }

    /** Length of the at-sign at {@code i}: 1 for {@code @} and {@code ＠}, 3 for {@code %40}, 6 for {@code \u0040}, a bracketed one with the blanks after it; else 0. */
    static int atSign(CharSequence s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (c == '@' || c == '\uFF20') {
            // typos (added 2026-12-02, gapsmail, in the engine too): "@@", "@@@", "@." before the domain
            int k = i + 1;
            while (k < s.length() && k - i < 3 && (s.charAt(k) == '@' || s.charAt(k) == '\uFF20')) {
                k++;
            }
            if (k + 1 < s.length() && s.charAt(k) == '.' && domain(s.charAt(k + 1))) {
                k++;
            }
            return k - i;
        }
        if (c == '%') {
            return Chars.matches(s, i + 1, "40") ? 3 : 0;
        }
        if (c == '\\') {
            if (Chars.matches(s, i + 1, "@")) {
                return 2; // added 2026-12-02 (mail5), in the engine too: Perl's "jane\@example.org"
            }
            return (Chars.matches(s, i + 1, "u") || Chars.matches(s, i + 1, "U"))
                    && (Chars.matches(s, i + 2, "0040") || Chars.matchesLower(s, i + 2, "ff20")) ? 6 : 0;
        }
        int close = closing(c);
        if (close < 0) {
            return 0;
        }
        int k;
        if (Chars.matchesLower(s, i + 1, "at") && i + 3 < s.length() && s.charAt(i + 3) == close) {
            k = i + 4;
        } else if (i + 2 < s.length() && s.charAt(i + 1) == '@' && s.charAt(i + 2) == close) {
            k = i + 3;
        } else {
            return 0;
        }
        return k - i + blanks(s, k);
    }

    /** Blanks (at most two) from {@code k}. */
    private static int blanks(CharSequence s, int k) {
        int b = 0;
        while (b < 2 && k + b < s.length() && s.charAt(k + b) == ' ') {
            b++;
        }
        return b;
    }

    private static int blanksBefore(CharSequence s, int i, int lastEnd) {
        int b = 0;
        while (b < 2 && i - b - 1 >= lastEnd && s.charAt(i - b - 1) == ' ') {
            b++;
        }
        return b;
    }

    private static int closing(char c) {
        return switch (c) {
            case '[' -> ']';
            case '(' -> ')';
            case '{' -> '}';
            case '<' -> '>';
            default -> -1;
        };
    }

    private static boolean hostStart(CharSequence s, int i, boolean bracketed) {
        return i < s.length() && (domain(s.charAt(i)) || !bracketed && s.charAt(i) == '[');
    }

    /** A bracketed dot with up to two blanks on either side: its length, else 0. */
    private static int bracketDot(CharSequence s, int i) {
        int k = i + blanks(s, i);
        if (k >= s.length()) {
            return 0;
        }
        int close = closing(s.charAt(k));
        if (close < 0) {
            return 0;
        }
        if (Chars.matchesLower(s, k + 1, "dot") && k + 4 < s.length() && s.charAt(k + 4) == close) {
            k += 5;
        } else if (k + 2 < s.length() && s.charAt(k + 1) == '.' && s.charAt(k + 2) == close) {
            k += 3;
        } else {
            return 0;
        }
        return k + blanks(s, k) - i;
    }

    /** The closing quote of a quoted local part whose opening quote is at {@code k - 1}, searched from {@code from}; or -1. */
    private static int quotedAround(CharSequence s, int k, int from, int lastEnd) {
        int o = k - 1;
        boolean escaped = o - 1 >= lastEnd && s.charAt(o - 1) == '\\';
        for (int j = from; j <= o + MAX_QUOTED && j < s.length() - 1; j++) {
            char c = s.charAt(j);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (c == '"') {
                boolean esc = s.charAt(j - 1) == '\\';
                if (esc == escaped) {
                    return afterQuote(s, j + 1) > 0 ? j : -1;
                }
                if (escaped) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The end of the at-sign and domain after a quoted local part: right after the quote, or bracketed after blanks. */
    private static int afterQuote(CharSequence s, int i) {
        int k = i + blanks(s, i);
        if (k >= s.length()) {
            return -1;
        }
        boolean bracketed = closing(s.charAt(k)) >= 0;
        int a = k == i || bracketed ? atSign(s, k) : 0;
        return a > 0 ? domainEnd(s, k + a, bracketed) : -1;
    }

    /** A URL's user name before {@code user:password@}: after "//", or before an IP host. */
    private static int userinfoStart(CharSequence s, int start, int lastEnd, boolean ipHost) {
        if (start - 1 < lastEnd || s.charAt(start - 1) != ':') {
            return start;
        }
        int j = start - 1;
        while (j > lastEnd && (local(s.charAt(j - 1)) || s.charAt(j - 1) == ':')) {
            j--;
        }
        // "//", or "\/\/" as a JSON encoder escapes it
        return ipHost || j - 2 >= lastEnd && s.charAt(j - 1) == '/' && (s.charAt(j - 2) == '/' || s.charAt(j - 2) == '\\') ? j : start;
    }

    /** IPv4 (four parts of 1-3 digits, no digit after) or a bracketed IPv6 literal at {@code i}: its end, or -1. */
    private static int ipHostEnd(CharSequence s, int i) {
        int n = s.length();
        if (i < n && s.charAt(i) == '[') {
            int k = i + 1;
            while (k < n && k - i <= 46 && (Chars.hex(s.charAt(k)) || s.charAt(k) == ':' || s.charAt(k) == '.')) {
                k++;
            }
            return k < n && s.charAt(k) == ']' && k - i > 2 ? k + 1 : -1;
        }
        int k = i;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (k >= n || s.charAt(k) != '.') {
                    return -1;
                }
                k++;
            }
            int d = k;
            while (k < n && k - d < 3 && Chars.digit(s.charAt(k))) {
                k++;
            }
            if (k == d) {
                return -1;
            }
        }
        return k < n && Chars.digit(s.charAt(k)) ? -1 : k;
    }

    /** An address literal at {@code i}: [IPv4], [IPv6:…] or [hex and colons, two colons at least]; its end or -1. */
    private static int literalEnd(CharSequence s, int i) {
        int n = s.length();
        if (i >= n || s.charAt(i) != '[') {
            return -1;
        }
        int k = i + 1;
        boolean tag = Chars.matchesLower(s, k, "ipv6:");
        int q = tag ? -1 : ipHostEnd(s, k);
        if (q > 0) {
            return q < n && s.charAt(q) == ']' ? q + 1 : -1;
        }
        k += tag ? 5 : 0;
        int colons = 0;
        int e = k;
        while (e < n && e - k <= 46 && (Chars.hex(s.charAt(e)) || s.charAt(e) == ':' || s.charAt(e) == '.')) {
            colons += s.charAt(e) == ':' ? 1 : 0;
            e++;
        }
        return e < n && s.charAt(e) == ']' && colons >= 2 ? e + 1 : -1;
    }

    /** ASCII letters to lower case, as Chars.matchesLower compares them. */
    private static String asciiLower(String w) {
        char[] c = w.toCharArray();
        for (int k = 0; k < c.length; k++) {
            c[k] = c[k] >= 'A' && c[k] <= 'Z' ? (char) (c[k] + 32) : c[k];
        }
        return new String(c);
    }

    /** Added 2026-12-02 (mail5), in the engine too: a domain that names no mail host (see the engine's hostless). */
    private static boolean hostless(CharSequence s, int d, int end) {
        int n = s.length();
        boolean version = end - d >= 2 && (s.charAt(d) == 'v' || s.charAt(d) == 'V') && Chars.digitsEnd(s, d + 1) == end;
        if (version && end + 1 < n && s.charAt(end) == '.' && Chars.digit(s.charAt(end + 1))) {
            return true;
        }
        int d1 = Chars.digitsEnd(s, d);
        int d2 = d1 > d && s.charAt(d1) == '.' ? Chars.digitsEnd(s, d1 + 1) : d1;
        if (end < n && s.charAt(end) == '/' && d2 > d1 + 1 && s.charAt(d2) == '.') {
            return true; // a Java module and its version in a stack frame
        }
        String domain = s.subSequence(d, end).toString();
        String lowerDomain = asciiLower(domain);
        if (lowerDomain.matches("[0-9]+(\\.[0-9]+)?x")) {
            return true; // added fp8, in the engine too: an image's scale, sprite@2x, hero@1.5x
        }
        boolean single = true;
        for (int k = 0; k < domain.length(); k++) {
            single &= domain(domain.charAt(k));
        }
        if (single && domain.length() > 17) {
            return false; // the engine reads at most 17 characters of a label
        }
        if (single) {
            boolean digit = false;
            boolean hex = true;
            for (char c : domain.toCharArray()) {
                digit |= Chars.digit(c);
                hex &= c < 128 && Chars.hex(c);
            }
            String lower = asciiLower(domain);
            boolean rate = Chars.digit(domain.charAt(0)) && (lower.endsWith("hz") || lower.endsWith("fps")); // added 2026-12-02 (mail6), in the engine too
            return hex && digit || rate || end < n && s.charAt(end) == ':' && lower.startsWith("sha")
                    || java.util.List.of("custom", "settings", "mappings", "template", "package", "latest", "next",
                            // added fp8, in the engine too: CSS states and page parts (btn@hover, share@footer)
                            "hover", "focus", "active", "visited", "disabled", "checked", "header", "footer", "sidebar",
                            "navbar", "nav", "menu", "modal", "toolbar", "banner", "media", "xs", "sm", "md", "lg", "xl", "xxl", "2xl",
                            "beta", "alpha", "canary", "rc", "lts", "nightly", "stable", "experimental", "insiders")
                            .contains(lower);
        }
        int k = domain.length();
        while (k > 0 && domain(domain.charAt(k - 1))) {
            k--;
        }
        String last = asciiLower(domain.substring(k));
        return java.util.List.of("service", "socket", "timer", "target", "mount", "slice", "scope").contains(last)
                || java.util.List.of("png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "ico", "bmp", "tif", "tiff", "heic",
                        "css", "scss", "woff", "woff2", "ttf", "otf", "eot", "js", "mjs", "json", "html", "pdf", "mp3", "mp4")
                        .contains(last); // added fp8, in the engine too: files
    }

    /** A further at-sign ('@', '＠', "%40") and domain after a domain: the end of the last one. */
    private static int chainedEnd(CharSequence s, int end) {
        while (end < s.length()) {
            char c = s.charAt(end);
            int a = c == '@' || c == '\uFF20' || c == '%' ? atSign(s, end) : 0;
            int next = a > 0 ? domainEnd(s, end + a, false) : -1;
            if (next < 0) {
                return end;
            }
            end = next;
        }
        return end;
    }

    /** Start of the local part that ends at the at-sign {@code at}, or -1; {@code runStart} as in {@link #scan}. */
    private static int localStart(CharSequence s, int at, int runStart, int lastEnd) {
        if (at > lastEnd && "\u201D\u201C\u2019\u2018\u00BB\u00AB".indexOf(s.charAt(at - 1)) >= 0) {
            // added 2026-12-02 (mail5), in the engine too: typographic quotes, “val email7”@example.org
            boolean alnum = false;
            for (int q = at - 2; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
                char c = s.charAt(q);
                if ("\u201C\u201D\u201E\u2018\u2019\u201A\u00AB\u00BB".indexOf(c) >= 0) {
                    return alnum ? q : -1;
                }
                if (c == '\n' || c == '\r') {
                    return -1;
                }
                alnum |= Chars.alnum(c);
            }
            return -1;
        }
        if (at > lastEnd && s.charAt(at - 1) == '\'') {
            // added 2026-12-02, in the engine too: single quotes with a blank inside (‘jane doe’@… as Fold reads it)
            boolean alnum = false;
            boolean blank = false;
            for (int q = at - 2; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
                char c = s.charAt(q);
                if (c == '\'') {
                    if (alnum && blank) {
                        return q;
                    }
                    break;
                }
                if (c == '\n' || c == '\r') {
                    break;
                }
                alnum |= Chars.alnum(c);
                blank |= c == ' ';
            }
        }
        if (at - 3 >= lastEnd && s.charAt(at - 1) == '"' && s.charAt(at - 2) == '"' && s.charAt(at - 3) != '"' && s.charAt(at - 3) != '\\') {
            // added 2026-12-02 (mail6), in the engine too: a CSV field's doubled quotes, """val email7""@example.org"
            int from = Math.max(lastEnd + 1, at - 3 - MAX_QUOTED);
            String inside = s.subSequence(from, at - 2).toString();
            int q = inside.lastIndexOf('"');
            if (q >= 0) {
                String body = inside.substring(q + 1);
                boolean ok = from + q - 1 >= lastEnd && s.charAt(from + q - 1) == '"' && body.indexOf('\n') < 0 && body.indexOf('\r') < 0
                        && body.chars().anyMatch(c -> Chars.alnum((char) c));
                if (ok) {
                    return from + q - 1;
                }
            }
        }
        if (at > lastEnd && s.charAt(at - 1) == '"') {
            // Quoted: the nearest earlier quote, within MAX_QUOTED characters, with no line break in between; \"
            // pairs with \" (added 2026-12-02, in the engine too), an escaped quote inside "…" is skipped.
            boolean escaped = at - 2 >= lastEnd && s.charAt(at - 2) == '\\';
            int last = escaped ? at - 3 : at - 2;
            boolean alnum = false; // added 2026-12-02 (mail5), in the engine too: a letter or digit inside
            for (int q = last; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
                char c = s.charAt(q);
                alnum |= Chars.alnum(c);
                if (c == '"') {
                    boolean esc = q - 1 >= lastEnd && s.charAt(q - 1) == '\\';
                    if (esc == escaped) {
                        if (q == last && !esc && (q == lastEnd || " \t<(".indexOf(s.charAt(q - 1)) >= 0)) {
                            return q; // added 2026-12-02 (mail6), in the engine too: ""@example.org
                        }
                        return q < last && alnum ? (esc ? q - 1 : q) : -1;
                    }
                    if (escaped) {
                        return -1;
                    }
                    q--;
                    continue;
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

    /** End of the domain that starts at {@code i}, after its last label containing a letter (after a dot if {@code needDot}), or -1. */
    private static int domainEnd(CharSequence s, int i, boolean needDot) {
        int n = s.length();
        int end = -1;
        int labelStart = i;
        boolean letter = false;
        boolean dotted = !needDot;
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
            if (letter && dotted) {
                end = k;
            }
            int d = k < n && dot(c) ? 1 : bracketDot(s, k);
            if (d > 0) {
                k += d;
                labelStart = k;
                letter = false;
                dotted = true;
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
        return c == '\u2019' || emoji(c) // added 2026-12-02 (mail5), in the engine too: o’brien@example.org; emoji (mail6)
                || Character.isLetterOrDigit(c) || Character.isSurrogate(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK || Character.getType(c) == Character.ENCLOSING_MARK; // Mc, Me added 2026-12-02 (gapsmail), in the engine too
    }

    private static boolean domain(char c) {
        if (c < 128) {
            return Chars.is(c, Chars.DOMAIN) || c == '_'; // '_' added 2026-12-02 (gapsmail), in the engine too
        }
        return c != '\uFF0E' && c != '\u3002'
                && (emoji(c) || Character.isLetterOrDigit(c) || Character.isSurrogate(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK || Character.getType(c) == Character.ENCLOSING_MARK);
    }

    /** Added 2026-12-02 (mail6), in the engine too: symbols (So) of the BMP's emoji blocks. */
    private static boolean emoji(char c) {
        return Character.getType(c) == Character.OTHER_SYMBOL && (c >= 0x2300 && c <= 0x23FF || c >= 0x2600 && c <= 0x27BF
                || c >= 0x2B00 && c <= 0x2BFF);
    }

    private static boolean dot(char c) {
        return c == '.' || c == '\uFF0E' || c == '\u3002';
    }
}
