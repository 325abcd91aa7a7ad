package org.privacymetrics.core.pii;


/**
 * E-mail addresses: {@code local AT domain}.
 * <ul>
 *   <li>AT is {@code @}, the full-width {@code ＠} (U+FF20), the percent-encoded {@code %40}, {@code \u0040} or
 *       {@code \uFF20} as a logged JSON or Java string keeps them, Perl's {@code \@}, or a bracketed {@code [at] (at) {at} <at> [@]} (any
 *       case, up to two blanks on either side; the domain of such an address needs a dot, plain or bracketed:
 *       {@code [dot] (dot) [.]});</li>
 *   <li>local is a run of letters and digits of any script, combining marks and {@code .!#$%*+-^_`{|}~'} (with
 *       bracketed groups inside: {@code jane[doe]@…}, {@code jane(comment)@…}), or a quoted
 *       string {@code "…"} of at most 128 characters without a line break ({@code "val email7"@example.org}), also
 *       with an at-sign or escaped quotes inside, or escaped as a whole ({@code \"…\"}, inside a JSON string);</li>
 *   <li>domain is one or more labels of letters, digits, combining marks (any script), {@code -} and {@code _},
 *       separated by single dots ({@code .}, {@code ．}, {@code 。}) or bracketed ones; it ends after the last label that
 *       contains a letter, so {@code lodash@4.17.21} is no address, while {@code dave@localhost} is (a single label is
 *       enough), or an address literal ({@code [203.0.113.5]}, {@code [IPv6:2001:db8::1]}). After {@code user:password@}
 *       the host may also be an IPv4 address or a bracketed IPv6 one;</li>
 *   <li>URL user-info is part of the address: the user name before {@code :password@} after {@code //} or before an
 *       IP host, and a domain followed by another at-sign and domain ({@code user:p@ss@example.org}).</li>
 * </ul>
 * Linear: the scan jumps from one at-sign character to the next ({@code @ ＠ %}, an opening bracket before {@code a A @},
 * a backslash before {@code u U @}); all other characters are read by that skip loop only, and by the bounded walks
 * below (the forward search for a quoted part's closing quote and the user-info walk are explained at their methods).
 * <ul>
 *   <li>The local run ending before an at-sign is found by walking back from it, stopping at a non-local character, at
 *       the end of the last finding, or at the end of the previous at-sign that was examined. That at-sign, when it is
 *       {@code %40}, is itself made of local characters, so a run that reaches it goes on through it: its start is the
 *       one already found for that at-sign (memoised), and it holds a digit ({@code 40}). Every character is walked
 *       back over at most once.</li>
 *   <li>The domain run after an at-sign ends at the next at-sign character at the latest (none of {@code @ ＠ %} is a
 *       domain character), so the domain runs of successive at-signs are disjoint.</li>
 *   <li>A quoted local part is looked for at most 128 characters back.</li>
 * </ul>
 */
final class EmailDetector {

    private static final int MAX_QUOTED = 128;

    /** Findings after which the rest of the text is assumed as dense in addresses ({@link Findings#reserve}). */
    private static final int DENSE = 32;

    private EmailDetector() {
    }

    static void scan(char[] s, Findings out) {
        int n = s.length;
        int lastEnd = 0; // findings do not overlap: nothing before lastEnd is reused
        int percentEnd = -1; // end of a "%40", "{at}", "(at)" or "[at]" whose local run was walked, since lastEnd, or -1
        int percentRunStart = -1; // start of the local run that ends at percentEnd (the run goes on through it)
        int failedQuote = -1; // an opening quote whose quoted local part (found forward, see quotedAround) failed
        int found = 0;
        int[] lastLabel = new int[1]; // the start of the last label of a domain read (domainEnd)
        int i = 0;
        while (true) {
            // The next at-sign that can be part of an address, with its necessary conditions:
            // - '%' is an at-sign only as "%40", and a domain character must follow (a domain starts with one), or
            //   the '[' of an IPv6 host (user:password@[2001:db8::1]);
            // - '@' or '＠' (with the typos "@@", "@.") needs the same after it, and before it, after lastEnd, a local
            //   character or the quote that ends a quoted local part (a local run that ends at i holds s[i - 1]);
            // - "\u0040" (a JSON or Java escape left in a logged string) and a bracketed "[at]", "(at)", "{at}",
            //   "<at>", "[@]" (up to two blanks on either side; no IPv6 host) the same.
            // The reference engine makes the same tests before it reads a local part, so a quoted local part with
            // an at-sign inside is looked for at the same at-signs.
            // A rejected at-sign is not walked back from, and changes no state (the code before this reset
            // percentEnd at an '@'): a "%40" is made of local characters (see the walk below), and '@' and
            // '＠' are none, so a walk back from a later at-sign stops after them, above any percentEnd before them.
            i = nextAt(s, i);
            if (i >= n) {
                return;
            }
            int at;
            int pre = 0; // blanks between the local part and a bracketed at-sign
            char c = s[i];
            boolean bracketed = AT_START[c] == 2; // an opening bracket
            if (c == '%') {
                if (i + 3 >= n || s[i + 1] != '4' || s[i + 2] != '0' || !hostStart(s, i + 3, false)) {
                    i++;
                    continue;
                }
                at = 3;
            } else {
                if (bracketed && i > lastEnd && s[i - 1] == ' ') {
                    pre = blanksBefore(s, i, lastEnd);
                }
                int e = i - pre; // where the local part ends
                // the character before first: it rejects most at-signs of at-sign-dense text ("@@@…") in one load
                if (e <= lastEnd || (MAIL[s[e - 1]] & ENDS) == 0 && s[e - 1] != ':') { // ':' of "//user:@host" 
                    i++;
                    continue;
                }
                at = c == '@' || c == '\uFF20' ? plainAt(s, i) : c == '\\' ? escapedAt(s, i) : bracketAt(s, i);
                if (at == 0 || !hostStart(s, i + at, bracketed) && !(at == 1 && i + 1 == n)) {
                    i++;
                    continue;
                }
            }
            // The run of local characters that ends just before i - pre, not reaching back before lastEnd nor before
            // percentEnd (<= i: the end of a "%40", "{at}", "(at)" or "[at]" walked before i), where it goes on
            // through that at-sign. After a walk no later walk goes below i: a finding moves lastEnd past i, those
            // four set percentEnd, and the other at-signs hold a character that is no local character and no group
            // ('@', '＠', '\', '<', "[@]", or a blank before or after the bracketed one). An at-sign rejected above was
            // not walked and set no percentEnd: if a later walk can cross it, that walk finds the run start and
            // letter-or-digit that would have been memoised (its "40" or "at" included).
            int e = i - pre;
            int k = e;
            boolean alnum = false;
            int stop = Math.max(lastEnd, percentEnd);
            while (true) {
                while (k > stop && local(s[k - 1])) {
                    alnum |= Chars.alnum(s[--k]);
                }
                // a bracketed group inside the local part ("jane[doe]@…", "jane(x)@…", an invalid address as typed;
                // since 2026-12-02, mail5): the walk goes on before it (linear: see groupOpen)
                int o = k > stop && (s[k - 1] == ']' || s[k - 1] == ')') ? groupOpen(s, k - 1, stop, lastEnd) : -1;
                if (o < 0) {
                    break;
                }
                for (int g = o + 1; g < k - 1; g++) {
                    alnum |= Chars.alnum(s[g]);
                }
                k = o;
            }
            if (k == percentEnd && k > lastEnd) {
                k = percentRunStart; // the run goes on through the previous "%40", "{at}", "(at)" or "[at]" (alnums)
                alnum = true;
            }
            int run = k; // where a later walk that goes on through this at-sign stops (before symbolStart, as it)
            if (k > lastEnd && (MAIL[s[k - 1]] & SYMBOL) != 0 && k < e) {
                int x = symbolStart(s, k, lastEnd); // "name/surname@…", "bounce+jane=example.org@…" (mail6)
                for (int g = Math.max(x, 0); g < k; g++) {
                    alnum |= Chars.alnum(s[g]);
                }
                alnum &= x >= 0;
                k = x < 0 ? k : x;
            }
            // localStart differs from the local run only after a quote (a call saved per address otherwise, speed8)
            int start = alnum && k < e ? k : -1;
            char last = e > lastEnd ? s[e - 1] : ' ';
            if (last == '"' || last == '\'' || (MAIL[last] & SMART) != 0) {
                start = localStart(s, e, start, lastEnd);
            }
            if (start < 0 && k == e && pre == 0 && e > lastEnd && s[e - 1] == ':' && userinfoStart(s, e, lastEnd, false) < e) {
                start = e; // an empty password: "http://user:@host" (since 2026-12-02, mail6)
            }
            int end = start < 0 ? -1 : domainEnd(s, i + at, bracketed, lastLabel);
            if (end > 0 && hostless(s, i + at, end, lastLabel[0])) {
                end = -1;
            }
            if (end < 0 && start >= 0 && at == 1 && i + 1 == n && compound(s, start, i)) {
                end = n; // a value cut right after the at-sign: "login failed for jane.doe@" (since 2026-12-02, mail6)
            }
            boolean ipHost = false;
            if (start >= 0 && end < 0 && !bracketed && start > lastEnd && s[start - 1] == ':') {
                end = ipHostEnd(s, i + at); // user:password@203.0.113.5, user:password@[2001:db8::1]
                ipHost = end > 0;
            }
            if (start >= 0 && end < 0 && !bracketed && i + at < n && s[i + at] == '[') {
                end = literalEnd(s, i + at); // jane@[203.0.113.5], jane@[IPv6:2001:db8::1] (since 2026-12-02, mail5)
            }
            boolean closingQuote = e > lastEnd && s[e - 1] == '"' && start >= 0;
            if (!closingQuote && k - 1 != failedQuote && k - 1 >= lastEnd && s[k - 1] == '"') {
                // an at-sign inside a quoted local part ("val@email8"@example.org): the whole address, rather than
                // the address inside the quotes
                long quoted = quotedAddress(s, k, i + at, lastEnd);
                if (quoted >= 0) {
                    start = (int) (quoted >>> 32);
                    end = (int) quoted;
                } else {
                    failedQuote = k - 1; // the same opening quote has the same closing quote and rest: fails again
                }
            }
            if (end > 0 && start >= 0 && machine(s, start, i, end)) {
                end = -1; // git@github.com:…, akka://System@host:port, <1234567890.12345@mail.example.org> (mail6)
            }
            if (end > 0) {
                if (start > lastEnd && s[start - 1] == ':') {
                    start = userinfoStart(s, start, lastEnd, ipHost); // tested here: most addresses have no user-info
                }
                if (end < n && AT_START[s[end]] == 1) {
                    end = chainedEnd(s, end); // only '@', '＠' or '%' ("%40") chain
                }
                start += markedAround(s, start, end) ? 1 : 0;
                out.add(PiiKind.EMAIL, start, end);
                if (++found == DENSE) {
                    // Many addresses: room for as many again per character in the rest (each holds >= 3 characters).
                    out.reserve((int) Math.min((n - end) / 3 + 1, (long) DENSE * (n - end) / end + DENSE));
                }
                lastEnd = end;
                i = end;
                percentEnd = -1;
                continue;
            }
            if (at == 3 && c == '%' || (c == '{' || c == '(' || c == '[') && s[i + 1] != '@') {
                // "%40" and "{at}" are made of local characters, and "(at)" and "[at]" are a group a walk goes on
                // before (groupOpen): a later run goes on through them (from the bracket when blanks stand before
                // it). Without this memo every walk crossed all the earlier "(at)" back to lastEnd: quadratic in
                // "(at)aaaa…(at)aaaa…", which no walk ends in a finding (found 2026-12-04).
                percentEnd = i + (c == '%' ? 3 : 4);
                percentRunStart = pre == 0 ? run : i;
            } else {
                percentEnd = -1; // the other at-signs hold a character that is no local character
            }
            i += at;
        }
    }

    /**
     * The start of a local part that goes on before {@code k} through the atext {@code / = ? &} that
     * {@link #local} leaves out (since 2026-12-02, mail6): {@code name/surname@…}, {@code customer/department=shipping@…},
     * VERP's {@code bounce+jane=example.org@…}, {@code jane&doe@…}, {@code jane?doe@…}. Read from the at-sign back,
     * each symbol joins with the local run before it unless the run reads as a URL or a key:
     * <ul>
     *   <li>none joins when the whole run (local characters and these symbols, at most 64 back) starts with one of
     *       them ({@code /api/users/jane@…}, {@code ?email=…}), holds {@code //}, or follows {@code :} or an at-sign
     *       ({@code svn:…}, npm's {@code @scope/pkg@…}; not {@code mailto:}) — but after {@code //user:} all of it is a URL's password
     *       ({@code https://user:p/ss@host});</li>
     *   <li>{@code =} does not join a key ({@code user=jane@…}, {@code email=…}: {@link #KEY_WORDS} as the run's last
     *       word, or a first run of one or two characters) nor a query parameter's name (after {@code ?} or {@code &});</li>
     *   <li>{@code &} and {@code ?} join only a run that no symbol comes before ({@code a=b&c@…} is a query string);</li>
     *   <li>{@code /} joins a run without a dot (a host: {@code example.org/jane@…}).</li>
     * </ul>
     * Reads at most 64 characters before {@code k}. -1 for npm's {@code @scope/pkg@…}: no local part.
     */
    private static int symbolStart(char[] s, int k, int lastEnd) {
        int top = k;
        while (top > lastEnd && k - top < 64 && (MAIL[s[top - 1]] & (LOCAL | SYMBOL)) != 0) {
            top--;
        }
        if (top > lastEnd && (MAIL[s[top - 1]] & (LOCAL | SYMBOL)) != 0) {
            return k; // longer than 64
        }
        if (top > lastEnd && s[top - 1] == ':' && !Chars.matchesLower(s, top - 7, "mailto")) {
            return userinfoStart(s, top, lastEnd, false) < top ? top : k;
        }
        if (top > lastEnd && (s[top - 1] == '@' || s[top - 1] == '\uFF20')) {
            return s[k - 1] == '/' ? -1 : k; // npm's @scope/pkg@7.0.0-beta: no address
        }
        if ((MAIL[s[top]] & SYMBOL) != 0) {
            return k;
        }
        int start = k;
        while (start > top && (MAIL[s[start - 1]] & SYMBOL) != 0) {
            int p = start - 1;
            int r = p;
            boolean dot = false;
            while (r > top && local(s[r - 1])) {
                dot |= s[--r] == '.';
            }
            if (r == p) {
                return k; // two symbols: "//", "?&"
            }
            char before = r > top ? s[r - 1] : 0; // the symbol before the run, if any
            char c = s[p];
            boolean joins = c == '=' ? before != '?' && before != '&' && !key(s, r, p, before == 0)
                    : c == '/' ? !dot && (before == 0 || before == '/' || before == '=') : before == 0;
            if (!joins) {
                break;
            }
            start = r;
        }
        return start;
    }

    /**
     * Words that name what follows {@code =} as the last word of a key ({@code user_email=jane@…}, {@code to=…}):
     * the value is the address, not the key.
     */
    private static final char[][][][] KEY_WORDS = byLength("email", "mail", "emails", "address", "addr", "user", "username",
        "login", "to", "from", "cc", "bcc", "recipient", "recipients", "rcpt", "sender", "reply", "replyto", "owner",
        "principal", "subject", "sub", "customer", "contact", "account", "id", "name", "author", "assignee", "reporter",
        "member", "actor", "identity", "upn", "uid", "value", "val", "query", "search", "filter", "admin", "by", "for",
        "who", "target", "client", "person", "creator", "requester", "approver", "manager", "invitee", "mailbox",
        "destination", "dest", "receiver", "notify", "alias", "forward", "delegate", "sso", "login_hint", "hint",
        "identifier", "mbox", "original", "envelope", "return", "path", "header", "key", "arg", "param", "input");

    /**
     * Whether the run {@code s[r, p)} before {@code =} is a key: its last word a key word, or, if it starts the run
     * ({@code first}), of one or two characters ({@code e=jane@…}, not SRS's {@code SRS0=HHH=TT=example.org=jane@…}).
     */
    private static boolean key(char[] s, int r, int p, boolean first) {
        if (first && p - r <= 2) {
            return true;
        }
        int w = p;
        while (w > r && Chars.is(s[w - 1], Chars.DIGIT | Chars.LETTER)) {
            w--;
            if (w > r && Chars.upper(s[w]) && s[w - 1] >= 'a' && s[w - 1] <= 'z') {
                break; // camel case: userEmail
            }
        }
        return among(s, w, p, KEY_WORDS);
    }

    /**
     * Whether the local part {@code s[start, at)} holds a {@code . _ + -} or a digit ({@code jane.doe}, {@code jdoe42}):
     * a value cut after its at-sign is then an address (a word alone before a last at-sign is not: {@code path\u0040}).
     */
    private static boolean compound(char[] s, int start, int at) {
        for (int k = start; k < at; k++) {
            char c = s[k];
            if (c == '.' || c == '_' || c == '+' || c == '-' || Chars.digit(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the address {@code s[start, end)} (its at-sign at {@code at}) names a machine, not a person (since
     * 2026-12-02, mail6): a git remote ({@code git@github.com:org/repo.git}, {@code ssh://git@host/…}), an Akka or
     * Pekko actor system ({@code akka.tcp://System@host:port}, {@code pekko://…}), a Message-ID whose local part is
     * digits and hex with a dot and a run of ten digits or more ({@code <20261202170000.4F2A1C@mail.example.org>}: a
     * time stamp; a student number {@code 12345678@uni.example} stays an address). Reads the local part and at most
     * 16 characters before it; only for an address found.
     */
    private static boolean machine(char[] s, int start, int at, int end) {
        int n = s.length;
        boolean short_ = at - start <= 64; // action paths and Message-IDs are short: a long local part is read no more
        // One walk over a short local part answers the questions about it (speed8: an address costs one walk, not
        // three, and the tests that read around it come after the cheap ones; every test below is the one it was):
        // whether it holds a '/' (pinned), and whether it is digits, hex and dots with a dot and ten digits in a row
        // (a Message-ID).
        boolean slash = false;
        boolean hexDots = short_;
        boolean dot = false;
        int run = 0;
        int longest = 0;
        for (int k = start; k < at && short_; k++) {
            char c = s[k];
            if (Chars.digit(c)) {
                longest = Math.max(longest, ++run);
                continue;
            }
            run = 0;
            slash |= c == '/';
            dot |= c == '.';
            hexDots &= c == '.' || c < 128 && Chars.hex(c);
        }
        boolean plain = s[at] == '@';
        if (plain && (slash && pinned(s, at, end) || unit(s, start))) {
            return true;
        }
        if (plain && semver(s, at + 1, end)) {
            return true;
        }
        if (at - start == 3 && Chars.matchesLower(s, start, "git") && end < n && (s[end] == ':' || s[end] == '/')) {
            return true;
        }
        if (start >= 3 && s[start - 1] == '/' && s[start - 2] == '/' && s[start - 3] == ':') {
            int sc = start - 3;
            while (sc > 0 && start - sc < 19 && (Chars.asciiLetter(s[sc - 1]) || s[sc - 1] == '.')) {
                sc--;
            }
            return Chars.matchesLower(s, sc, "akka") || Chars.matchesLower(s, sc, "pekko");
        }
        return hexDots && dot && longest >= 10;
    }

    /**
     * A pinned reference after a path ({@code actions/checkout@v4}, {@code github/codeql-action/init@v3},
     * {@code actions/checkout@b4ffde65…}: GitHub Actions): a local part with {@code /} and a single-label domain of
     * {@code v} and digits, or of 7 or more hex digits with a digit (since 2026-12-02, mail6). For a local part
     * with a {@code /} ({@link #machine} looked): whether the domain {@code s[at + 1, end)} is such a label.
     */
    private static boolean pinned(char[] s, int at, int end) {
        int d = at + 1;
        if (end - d >= 2 && (s[d] == 'v' || s[d] == 'V') && Chars.digitsEnd(s, d + 1) == end) {
            return true;
        }
        boolean digit = false;
        for (int k = d; k < end; k++) {
            if (s[k] >= 128 || !Chars.hex(s[k])) {
                return false;
            }
            digit |= Chars.digit(s[k]);
        }
        return digit && end - d >= 7;
    }

    /** Words of systemctl that take a unit ({@link #unit}). */
    private static final char[][][][] SYSTEMCTL = byLength("start", "stop", "restart", "reload", "status", "enable", "disable",
        "kill", "mask", "unmask", "is-active", "is-enabled", "is-failed", "cat", "show", "edit");

    /**
     * A systemd template instance named where a unit is expected (since 2026-12-02, mail6): after
     * {@code systemctl VERB } or {@code -u } / {@code --unit } ({@code systemctl restart postgresql@15-main},
     * {@code journalctl -u wg-quick@wg0}). Reads at most 32 characters before {@code start}.
     */
    private static boolean unit(char[] s, int start) {
        if (start < 4 || s[start - 1] != ' ') {
            return false;
        }
        // The word before the blank ends at e; it is one taken here when a blank (or the text's start) comes just
        // before it. Probed at the lengths such a word has rather than found by a walk back (speed8: the walk was a
        // fifth of the e-mail pass on text dense in addresses): "-u", "--unit", or a verb after "systemctl ".
        int e = start - 1;
        if (s[e - 1] == 'u' && s[e - 2] == '-' && (e - 2 == 0 || s[e - 3] == ' ')) {
            return true;
        }
        if (e >= 6 && Chars.matches(s, e - 6, "--unit") && (e - 6 == 0 || s[e - 7] == ' ')) {
            return true;
        }
        // The verb's start w: "systemctl " before it, alone on its word. A verb is ASCII letters and '-' (any case:
        // among), so the only start that can hold one is where the run of those before e begins (a later start has a
        // letter or '-' before it, not ' '; an earlier one takes in a character that no verb holds), if that run is
        // no longer than the longest verb. One walk of at most that many characters (sym10: was a probe at each
        // verb length, seven, for every address after a blank).
        int w = e;
        while (w > 0 && e - w < SYSTEMCTL.length && (Chars.asciiLetter(s[w - 1]) || s[w - 1] == '-')) {
            w--;
        }
        return w >= 10 && w < e && s[w - 1] == ' ' && s[w - 2] == 'l' && Chars.matches(s, w - 10, "systemctl")
                && (w - 10 == 0 || s[w - 11] == ' ') && among(s, w, e, SYSTEMCTL);
    }

    /**
     * A semver prerelease or build as the domain ({@code typescript@5.3.0-dev.20231201}, {@code left-pad@1.3.1-rc.0},
     * {@code react-dom@18.3.0-canary-8c8ee9ee6-20231026}; since 2026-12-02, mail6): three labels of digits, the last
     * followed by {@code -}.
     */
    private static boolean semver(char[] s, int d, int end) {
        int a = Chars.digitsEnd(s, d);
        if (a == d || a >= end || s[a] != '.') {
            return false;
        }
        int b = Chars.digitsEnd(s, a + 1);
        if (b == a + 1 || b >= end || s[b] != '.') {
            return false;
        }
        int c = Chars.digitsEnd(s, b + 1);
        return c > b + 1 && c < end && s[c] == '-';
    }

    /**
     * Whether the address {@code s[start, end)} stands in quotes or marks that are local characters too
     * ({@code 'jane@example.org'} in SQL or a toString, {@code `…`}, {@code {…}}, {@code *…*}, {@code ~…~}): then its
     * opening one is not part of it (since 2026-12-02, mail5).
     */
    private static boolean markedAround(char[] s, int start, int end) {
        if (end >= s.length || end - start < 4) {
            return false;
        }
        char c = s[start];
        char d = s[end];
        return c == '\'' || c == '`' || c == '*' || c == '~' ? d == c : c == '{' && d == '}';
    }

    /**
     * Whether the domain {@code s[d, end)} names no mail host (since 2026-12-02, mail5), as Java, systemd, container,
     * Go and npm logs write names with an at-sign: a single label of up to 17 hex digits with a digit
     * ({@code PgConnection@71e9ddb4}, an object's identity hash), a version ({@code golang.org/x/net@v0.17.0},
     * {@code node@v20.20.2}: {@code v}, digits, then a dot and a digit), an image digest ({@code nginx@sha256:…}), a
     * systemd unit ({@code getty@tty1.service}, {@code user@1000.service}), Elasticsearch's component templates
     * ({@code logs@custom}, {@code ecs@mappings}), npm's dist-tags ({@code react@latest}) and a Java module's version
     * in a stack frame ({@code netty.transport@4.1.135.Final/…}). {@code last} is the start of the domain's last label
     * (noted by domainEnd); reads at most 17 characters of a single-label domain, only for an address found.
     */
    private static boolean hostless(char[] s, int d, int end, int last) {
        int n = s.length;
        boolean version = end - d >= 2 && (s[d] == 'v' || s[d] == 'V') && Chars.digitsEnd(s, d + 1) == end;
        if (version && end + 1 < n && s[end] == '.' && Chars.digit(s[end + 1])) {
            return true;
        }
        if (end < n && s[end] == '/') {
            // a Java module and its version in a stack frame ("at io.netty.transport@4.1.135.Final/io.…"): two labels
            // of digits first, then '/' after the domain
            int d1 = Chars.digitsEnd(s, d);
            int d2 = d1 > d && s[d1] == '.' ? Chars.digitsEnd(s, d1 + 1) : d1;
            if (d2 > d1 + 1 && s[d2] == '.') {
                return true;
            }
        }
        // an image's scale (since fp8): sprite@2x, hero@1.5x (logo@2x.png: a file's extension, below): digits, maybe a
        // point and digits, then x
        int x = Chars.digitsEnd(s, d);
        if (x > d && x + 1 < end && s[x] == '.' && Chars.digit(s[x + 1])) {
            x = Chars.digitsEnd(s, x + 1);
        }
        if (x > d && x + 1 == end && (s[x] | 0x20) == 'x') {
            return true;
        }
        // last: the start of the domain's last label (domainEnd noted it); no rule below holds a label of more than 17
        // characters
        if (last > d) {
            // a file's extension that is no top-level domain (since fp8): icon@dark.svg, btn@hover.css
            return end - last >= 5 && end - last <= 7 && among(s, last, end, UNITS)
                    || end - last >= 2 && end - last <= 5 && among(s, last, end, FILES);
        }
        if (end - d > 17) {
            return false;
        }
        boolean hex = true;
        boolean digit = false;
        for (int k = d; k < end; k++) {
            char c = s[k];
            hex &= c < 128 && Chars.hex(c);
            digit |= Chars.digit(c);
        }
        // a display mode: 1920x1080@60Hz, 1080p@30fps (since 2026-12-02, mail6)
        boolean rate = Chars.digit(s[d]) && (Chars.matchesLower(s, end - 2, "hz") || Chars.matchesLower(s, end - 3, "fps"));
        return hex && digit || rate || end < n && s[end] == ':' && Chars.matchesLower(s, d, "sha") || among(s, d, end, SINGLE);
    }

    /** Single-label domains that are names of another kind. */
    private static final char[][][][] SINGLE = byLength("custom", "settings", "mappings", "template", "package", "latest", "next",
        // since fp8: CSS states, breakpoints and the parts of a page that name where a UI event happened (btn@hover,
        // share@footer, .btn@md)
        "hover", "focus", "active", "visited", "disabled", "checked", "header", "footer", "sidebar", "navbar", "nav",
        "menu", "modal", "toolbar", "banner", "media", "xs", "sm", "md", "lg", "xl", "xxl", "2xl",
        // since fp8: npm's other dist-tags (typescript@beta, react@canary, node@lts)
        "beta", "alpha", "canary", "rc", "lts", "nightly", "stable", "experimental", "insiders");

    /** Last labels that are files' extensions (images, styles, fonts, scripts, media) and no top-level domain (since fp8). */
    private static final char[][][][] FILES = byLength("png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "ico", "bmp", "tif", "tiff",
        "heic", "css", "scss", "woff", "woff2", "ttf", "otf", "eot", "js", "mjs", "json", "html", "pdf", "mp3", "mp4");

    /** The last labels of systemd unit names. */
    private static final char[][][][] UNITS = byLength("service", "socket", "timer", "target", "mount", "slice", "scope");

    /**
     * Whether {@code s[a, b)} is one of {@code words} (any case; {@link #byLength}): {@code Chars.matchesLower} with
     * each word of its length, in less work. Only the words of its length whose first character has the low five bits
     * of its first character are compared (sym10: a domain found, {@code example.org}, was compared with each of the
     * 14 file extensions of three letters through {@code String.charAt}, a quarter of the e-mail pass on text dense
     * in addresses; now with none or one, as {@code char[]}, most rejected at the first character).
     */
    private static boolean among(char[] s, int a, int b, char[][][][] words) {
        int len = b - a;
        if (len <= 0 || len >= words.length || a < 0 || b > s.length) {
            return false;
        }
        char c = s[a];
        c = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        for (char[] w : words[len][c & 31]) {
            if (w[0] != c) {
                continue;
            }
            int k = 1;
            while (k < len) {
                char d = s[a + k];
                d = d >= 'A' && d <= 'Z' ? (char) (d + 32) : d;
                if (d != w[k]) {
                    break;
                }
                k++;
            }
            if (k == len) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code words} (lower case) grouped by length and by the low five bits of their first character: those of length
     * {@code n} starting with {@code c} among {@code [n][c & 31]} (with others that share those bits).
     */
    private static char[][][][] byLength(String... words) {
        int max = 0;
        for (String w : words) {
            max = Math.max(max, w.length());
        }
        char[][][][] by = new char[max + 1][32][][];
        for (int n = 0; n <= max; n++) {
            for (int f = 0; f < 32; f++) {
                final int len = n;
                final int first = f;
                by[n][f] = java.util.Arrays.stream(words)
                        .filter(w -> w.length() == len && len > 0 && (w.charAt(0) & 31) == first)
                        .map(String::toCharArray).toArray(char[][]::new);
            }
        }
        return by;
    }

    /**
     * The opening bracket of a group {@code [local]} or {@code (local)} whose closing bracket is at {@code c}: up to 64
     * local characters other than {@code % { }} inside (so that no {@code %40} or {@code {at}} whose walk ended at
     * {@code stop} is inside: the opening bracket is at or after {@code stop}); an empty group only after a local
     * character ({@code jane[]@…}). A group may start the local part ({@code [jane]@…}; the local part still needs a
     * letter or digit). Or -1. Linear: the characters read are between {@code stop} and the at-sign, where no later
     * walk goes; a failed search ends the walk.
     */
    private static int groupOpen(char[] s, int c, int stop, int lastEnd) {
        char open = s[c] == ']' ? '[' : '(';
        for (int q = c - 1; q >= stop && q >= c - 65; q--) {
            char g = s[q];
            if (g == open) {
                return q < c - 1 || q > lastEnd && local(s[q - 1]) ? q : -1;
            }
            if (!local(g) || g == '%' || g == '{' || g == '}') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * What each char may start: 1 an at-sign ({@code @ ＠ %}), 2 a bracketed one if the next char is {@code a A @}
     * ({@code [at] (at) {at} <at> [@]}), 3 an escaped one if the next char is {@code u U @} ({@code \u0040}, {@code \@}); 0 nothing.
     * One load per character of the skip loop, as the class table it replaces.
     */
    private static final byte[] AT_START = new byte[65536];

    static {
        AT_START['@'] = 1;
        AT_START['\uFF20'] = 1;
        AT_START['%'] = 1;
        for (char c : "[({<".toCharArray()) {
            AT_START[c] = 2;
        }
        AT_START['\\'] = 3;
    }

    /** The length of the at-sign at {@code i} ({@code @ ＠ %40 \u0040 [at]}, blanks after a bracketed one), or 0. */
    static int atLength(char[] s, int i) {
        if (i >= s.length) {
            return 0;
        }
        char c = s[i];
        if (c == '@' || c == '\uFF20') {
            return plainAt(s, i);
        }
        if (c == '%') {
            return i + 2 < s.length && s[i + 1] == '4' && s[i + 2] == '0' ? 3 : 0;
        }
        return c == '\\' ? escapedAt(s, i) : bracketAt(s, i);
    }

    /**
     * The length of the at-sign {@code @} or {@code ＠} at {@code i}, with the typos of a validation-error log: up to two
     * more at-signs ({@code jane@@example.org}) and a dot before the domain ({@code jane@.example.org}).
     */
    private static int plainAt(char[] s, int i) {
        int n = s.length;
        int k = i + 1;
        while (k < n && k - i < 3 && (s[k] == '@' || s[k] == '\uFF20')) {
            k++;
        }
        if (k + 1 < n && s[k] == '.' && domain(s[k + 1])) {
            k++;
        }
        return k - i;
    }

    /**
     * {@code \u0040} or {@code \uFF20} (any case) at {@code i}: 6; {@code \@} (Perl's escape in a double-quoted string,
     * {@code "jane\@example.org"}; since 2026-12-02, mail5): 2; else 0.
     */
    private static int escapedAt(char[] s, int i) {
        if (i + 1 < s.length && s[i + 1] == '@') {
            return 2;
        }
        if (i + 5 >= s.length || s[i + 1] != 'u' && s[i + 1] != 'U') {
            return 0;
        }
        return Chars.matches(s, i + 2, "0040") || Chars.matchesLower(s, i + 2, "ff20") ? 6 : 0;
    }

    /**
     * A bracketed at-sign at {@code i}: {@code [at] (at) {at} <at>} (any case) or {@code [@] (@) {@} <@}, then up to two
     * blanks: its length with the blanks, else 0.
     */
    private static int bracketAt(char[] s, int i) {
        int close = closing(s[i]);
        int n = s.length;
        int k;
        if (close < 0) {
            return 0;
        }
        if (i + 3 < n && (s[i + 1] | 0x20) == 'a' && (s[i + 2] | 0x20) == 't' && s[i + 3] == close) {
            k = i + 4;
        } else if (i + 2 < n && s[i + 1] == '@' && s[i + 2] == close) {
            k = i + 3;
        } else {
            return 0;
        }
        for (int b = 0; b < 2 && k < n && s[k] == ' '; b++) {
            k++;
        }
        return k - i;
    }

    /** A bracketed dot at {@code i} ({@code [dot] (dot) {dot} <dot> [.] (.)}), blanks around it (up to two each): its length, else 0. */
    private static int bracketDot(char[] s, int i) {
        int n = s.length;
        int k = i;
        for (int b = 0; b < 2 && k < n && s[k] == ' '; b++) {
            k++;
        }
        if (k >= n) {
            return 0;
        }
        int close = closing(s[k]);
        if (close < 0) {
            return 0;
        }
        if (k + 4 < n && Chars.matchesLower(s, k + 1, "dot") && s[k + 4] == close) {
            k += 5;
        } else if (k + 2 < n && s[k + 1] == '.' && s[k + 2] == close) {
            k += 3;
        } else {
            return 0;
        }
        for (int b = 0; b < 2 && k < n && s[k] == ' '; b++) {
            k++;
        }
        return k - i;
    }

    /** Whether a host can start at {@code i}: a domain character, or the {@code [} of an IPv6 literal after a plain at-sign. */
    private static boolean hostStart(char[] s, int i, boolean bracketed) {
        return i < s.length && (domain(s[i]) || !bracketed && s[i] == '[');
    }

    private static int closing(char c) {
        return c == '[' ? ']' : c == '(' ? ')' : c == '{' ? '}' : c == '<' ? '>' : -1;
    }

    /** Blanks (up to two) just before {@code i}, not before {@code lastEnd}. */
    private static int blanksBefore(char[] s, int i, int lastEnd) {
        int b = 0;
        while (b < 2 && i - b - 1 >= lastEnd && s[i - b - 1] == ' ') {
            b++;
        }
        return b;
    }

    /**
     * The address around an at-sign inside a quoted local part whose opening quote is at {@code k - 1}: its start in
     * the high and its end in the low 32 bits, or -1. A method apart from {@link #scan}, which stays small enough for
     * the compiler to keep its hot paths tight (inlined here, this rare path cost the random-symbols shape ~3x).
     */
    private static long quotedAddress(char[] s, int k, int from, int lastEnd) {
        int quoteEnd = quotedAround(s, k, from, lastEnd);
        if (quoteEnd < 0) {
            return -1;
        }
        int start = k - 2 >= lastEnd && s[k - 2] == '\\' ? k - 2 : k - 1;
        return (long) start << 32 | afterQuote(s, quoteEnd + 1) & 0xFFFFFFFFL;
    }

    /**
     * An at-sign inside a quoted local part: the local run before the at-sign starts at {@code k} just after a quote
     * (at or after {@code lastEnd}); the closing quote comes at or after {@code from}, within {@value #MAX_QUOTED}
     * characters of the opening one, with no line break before it, and is followed by an at-sign and a domain. A quote
     * written {@code \"} (a quoted local part inside a JSON or Java string) closes only one opened as {@code \"}, and
     * an escaped one is skipped inside {@code "…"}. Returns the closing quote's index, or -1.
     * Linear: the scan reads from the at-sign to the closing quote; a failed scan is memoised by its opening quote
     * ({@code failedQuote}): a later at-sign with the same opening quote has the same closing quote and rest.
     */
    private static int quotedAround(char[] s, int k, int from, int lastEnd) {
        int o = k - 1;
        if (o < lastEnd || s[o] != '"') {
            return -1;
        }
        boolean escaped = o - 1 >= lastEnd && s[o - 1] == '\\';
        int limit = Math.min(s.length - 1, o + MAX_QUOTED + 1); // as the walk back from the closing quote (localStart)
        for (int j = from; j < limit; j++) {
            char c = s[j];
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (c == '"') {
                boolean esc = s[j - 1] == '\\';
                if (esc != escaped) {
                    if (escaped) {
                        return -1; // an unescaped quote inside a JSON string ends it
                    }
                    continue; // an escaped quote inside a quoted local part
                }
                return afterQuote(s, j + 1) > 0 ? j : -1;
            }
        }
        return -1;
    }

    /**
     * The end of the at-sign and domain that follow a quoted local part at {@code i}, or -1: an at-sign right after
     * the quote, or a bracketed one after up to two blanks ({@code "val x" [at] example [dot] org}).
     */
    private static int afterQuote(char[] s, int i) {
        int k = i;
        while (k < s.length && k - i < 2 && s[k] == ' ') {
            k++;
        }
        if (k >= s.length) {
            return -1;
        }
        boolean bracketed = closing(s[k]) >= 0;
        int a = k == i || bracketed ? atLength(s, k) : 0;
        return a > 0 ? domainEnd(s, k + a, bracketed, null) : -1;
    }

    /**
     * The start of a URL's user-info that ends with the local part at {@code start}: {@code user:password@host}, so
     * that the user name is masked with the password. The user name is the run of local characters and colons before
     * the colon, not reaching back before {@code lastEnd}; it is taken when it follows {@code //}
     * ({@code https://valuser:valpassword@example.org}, {@code redis://:password@host}) or the host is an IP address
     * ({@code user:password@203.0.113.5}); otherwise {@code email:val@example.org} reads as a key and an address.
     * Linear: the walk reads characters between the previous finding and this one (it is made only for a finding).
     */
    private static int userinfoStart(char[] s, int start, int lastEnd, boolean ipHost) {
        if (start - 1 < lastEnd || s[start - 1] != ':') {
            return start;
        }
        int j = start - 1;
        while (j > lastEnd && (local(s[j - 1]) || s[j - 1] == ':')) {
            j--;
        }
        // "//", or "\/\/" as a JSON encoder escapes it
        return ipHost || j - 2 >= lastEnd && s[j - 1] == '/' && (s[j - 2] == '/' || s[j - 2] == '\\') ? j : start;
    }

    /**
     * The end of an IPv4 ({@code 203.0.113.5}: four parts of 1-3 digits) or bracketed IPv6 host that starts at
     * {@code i}, or -1. Reads at most 48 characters.
     */
    static int ipHostEnd(char[] s, int i) {
        int n = s.length;
        if (i < n && s[i] == '[') {
            int k = i + 1;
            while (k < n && k - i <= 46 && (Chars.hex(s[k]) || s[k] == ':' || s[k] == '.')) {
                k++;
            }
            return k < n && s[k] == ']' && k - i > 2 ? k + 1 : -1;
        }
        int k = i;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (k >= n || s[k] != '.') {
                    return -1;
                }
                k++;
            }
            int d = k;
            while (k < n && k - d < 3 && Chars.digit(s[k])) {
                k++;
            }
            if (k == d) {
                return -1;
            }
        }
        return k < n && Chars.digit(s[k]) ? -1 : k;
    }

    /**
     * The end of an address literal (RFC 5321) that starts at {@code i}: {@code [203.0.113.5]} (four parts of 1-3
     * digits), {@code [IPv6:2001:db8::1]} (any case) or {@code [2001:db8::1]} (hex digits, colons and dots, two colons
     * at least); or -1. Reads at most 53 characters.
     */
    static int literalEnd(char[] s, int i) {
        int n = s.length;
        if (i >= n || s[i] != '[') {
            return -1;
        }
        int k = i + 1;
        boolean tag = Chars.matchesLower(s, k, "ipv6:");
        int q = tag ? -1 : ipHostEnd(s, k);
        if (q > 0) {
            return q < n && s[q] == ']' ? q + 1 : -1;
        }
        k += tag ? 5 : 0;
        int colons = 0;
        int e = k;
        while (e < n && e - k <= 46 && (Chars.hex(s[e]) || s[e] == ':' || s[e] == '.')) {
            colons += s[e] == ':' ? 1 : 0;
            e++;
        }
        return e < n && s[e] == ']' && colons >= 2 ? e + 1 : -1;
    }

    /**
     * A domain followed by another at-sign and domain belonged to the local part ({@code user:p@ss@example.org}, an
     * at-sign in a password): the end of the last domain of the chain. Linear: each step reads past the one before.
     */
    private static int chainedEnd(char[] s, int end) {
        while (true) {
            char c = end < s.length ? s[end] : ' ';
            int a = c == '@' || c == '\uFF20' || c == '%' ? atLength(s, end) : 0; // only '@', '＠' and "%40" chain
            if (a == 0) {
                return end;
            }
            int next = domainEnd(s, end + a, false, null);
            if (next < 0) {
                return end;
            }
            end = next;
        }
    }

    /**
     * The first index at or after {@code i} that may start an at-sign ({@link #AT_START}), or {@code s.length}. A
     * bracket or backslash not followed by the character its at-sign goes on with is skipped here: {@link #bracketAt}
     * and {@link #escapedAt} would return 0 for it, and the scan would go on at the next character with no state
     * changed.
     */
    private static int nextAt(char[] s, int i) {
        int n = s.length;
        while (true) {
            while (i < n && AT_START[s[i]] == 0) {
                i++; // the only loop most characters see: kept minimal
            }
            if (i >= n) {
                return n;
            }
            int f = AT_START[s[i]];
            char d = i + 1 < n ? s[i + 1] : ' ';
            if (f == 1 || (f == 2 ? (d | 0x20) == 'a' || d == '@' : (d | 0x20) == 'u' || d == '@')) {
                return i;
            }
            i++;
        }
    }

    /** Start of the local part that ends at the at-sign {@code at} (a group's closing bracket is no quote), or -1; {@code runStart} the start of the local run before it if that run holds a letter or digit, else -1. */
    private static int localStart(char[] s, int at, int runStart, int lastEnd) {
        if (at > lastEnd && (MAIL[s[at - 1]] & SMART) != 0) {
            return smartQuoted(s, at, lastEnd);
        }
        if (at > lastEnd && s[at - 1] == '\'') {
            int q = singleQuoted(s, at, lastEnd);
            if (q >= 0) {
                return q;
            }
        }
        if (at - 3 >= lastEnd && s[at - 1] == '"' && s[at - 2] == '"' && s[at - 3] != '"' && s[at - 3] != '\\') {
            int q = doubledQuoted(s, at - 3, lastEnd);
            if (q >= 0) {
                return q; // a CSV field's doubled quotes (since 2026-12-02, mail6)
            }
        }
        if (at > lastEnd && s[at - 1] == '"') {
            // Quoted: the nearest earlier quote, within MAX_QUOTED characters, with no line break in between. A
            // closing quote written \" (inside a JSON or Java string) pairs with an opening \" (the start is its
            // backslash), and an escaped quote inside "…" is skipped ("val\"x"@example.org).
            boolean escaped = at - 2 >= lastEnd && s[at - 2] == '\\';
            int last = escaped ? at - 3 : at - 2; // the last character inside the quotes
            boolean alnum = false; // a letter or digit inside (since 2026-12-02, mail5: {"a":"b","@timestamp":…} holds none)
            for (int q = last; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
                char c = s[q];
                alnum |= Chars.alnum(c);
                if (c == '"') {
                    boolean esc = q - 1 >= lastEnd && s[q - 1] == '\\';
                    if (esc == escaped) {
                        if (q == last && !esc && (q == lastEnd || " \t<(".indexOf(s[q - 1]) >= 0)) {
                            return q; // ""@example.org, an empty quoted local part (since 2026-12-02, mail6)
                        }
                        return q < last && alnum ? (esc ? q - 1 : q) : -1;
                    }
                    if (escaped) {
                        return -1; // an unescaped quote inside a JSON string ends it
                    }
                    q--; // an escaped quote inside "…": skip its backslash too
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

    /**
     * A local part in single quotes with a blank inside: {@code ‘jane doe’@example.org} as {@link Fold} reads it (since
     * 2026-12-02): the nearest earlier {@code '}, within {@value #MAX_QUOTED} characters, no line break in between, a
     * letter or digit and a blank inside; its index, or -1 (without a blank, the quotes are atext of the local run).
     */
    private static int singleQuoted(char[] s, int at, int lastEnd) {
        boolean alnum = false;
        boolean blank = false;
        for (int q = at - 2; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
            char c = s[q];
            if (c == '\'') {
                return alnum && blank ? q : -1;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
            alnum |= Chars.alnum(c);
            blank |= c == ' ';
        }
        return -1;
    }

    /**
     * The opening {@code ""} of a quoted local part whose quotes a CSV writer doubled (RFC 4180: a quoted local part in
     * a quoted field is written {@code """val email7""@example.org"}), its last character inside at {@code last}: the
     * nearest earlier quote, within {@value #MAX_QUOTED} characters, with no line break in between, doubled, and a
     * letter or digit inside; its first quote's index, or -1.
     */
    private static int doubledQuoted(char[] s, int last, int lastEnd) {
        boolean alnum = false;
        for (int q = last; q > lastEnd && q >= last - MAX_QUOTED; q--) {
            char c = s[q];
            if (c == '"') {
                return s[q - 1] == '"' && alnum ? q - 1 : -1;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
            alnum |= Chars.alnum(c);
        }
        return -1;
    }

    /** Typographic quotes that may close a quoted local part ({@code “jane”@…}, {@code „…“}, {@code ‘…’}, {@code «…»}). */
    private static final String SMART_CLOSE = "\u201D\u201C\u2019\u2018\u00BB\u00AB";

    /** Typographic quotes that may open one. */
    private static final String SMART_OPEN = "\u201C\u201D\u201E\u2018\u2019\u201A\u00AB\u00BB";

    /**
     * A local part in typographic quotes, as autocorrect writes a quoted one ({@code “val email7”@example.org}; since
     * 2026-12-02, mail5): the nearest earlier opening quote, within {@value #MAX_QUOTED} characters, no line break in
     * between, a letter or digit inside; its index, or -1.
     */
    private static int smartQuoted(char[] s, int at, int lastEnd) {
        boolean alnum = false;
        for (int q = at - 2; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
            char c = s[q];
            if (SMART_OPEN.indexOf(c) >= 0) {
                return alnum ? q : -1;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
            alnum |= Chars.alnum(c);
        }
        return -1;
    }

    /**
     * End of the domain that starts at {@code i}, after its last label containing a letter (and, if {@code needDot},
     * coming after a dot: an obfuscated address such as {@code val [at] example [dot] org} needs one), or -1. Labels
     * are separated by a dot or a bracketed dot ({@link #bracketDot}).
     */
    private static int domainEnd(char[] s, int i, boolean needDot, int[] last) {
        int n = s.length;
        int end = -1;
        int k = i;
        boolean dotted = !needDot;
        while (true) {
            int labelStart = k;
            boolean letter = false;
            int f;
            while (k < n && ((f = MAIL[s[k]]) & DOMAIN) != 0) {
                letter |= (f & LETTER) != 0; // one load per character (speed8): Chars.isU(c, Chars.U_LETTER)
                k++;
            }
            if (k == labelStart) {
                return end; // empty label: ".." or a leading or trailing dot
            }
            if (letter && dotted) {
                end = k;
                if (last != null) {
                    last[0] = labelStart; // the start of the last label of the domain (hostless)
                }
            }
            if (k >= n) {
                return end;
            }
            if (dot(s[k])) {
                k++;
            } else {
                int d = s[k] == ' ' || AT_START[s[k]] == 2 ? bracketDot(s, k) : 0; // "[dot]", " (dot) " 
                if (d == 0) {
                    return end;
                }
                k += d;
            }
            dotted = true;
        }
    }

    /** Characters of an unquoted local part (RFC 5322 atext, without {@code /=?&}, which rather delimit URL parts). */
    static boolean local(char c) {
        return (MAIL[c] & LOCAL) != 0;
    }

    private static boolean domain(char c) {
        return (MAIL[c] & DOMAIN) != 0;
    }

    private static final int LOCAL = 1;
    private static final int DOMAIN = 2;
    /** A typographic quote that may close a quoted local part ({@link #SMART_CLOSE}). */
    private static final int SMART = 4;
    /**
     * What may end a local part before an at-sign (since 2026-12-02, mail5, one load as the test it replaces): a local
     * character, a quote ({@code "} or typographic), the bracket closing a group ({@code ] )}).
     */
    private static final int ENDS = 8;
    /** The atext {@code / = ? &} that {@link #local} leaves out ({@link #symbolStart}). */
    private static final int SYMBOL = 16;
    /** A letter of any script or a surrogate ({@link Chars#U_LETTER}): a domain label with one is a name. */
    private static final int LETTER = 32;

    /**
     * Local and domain characters over all of UTF-16: {@link Chars#U_LOCAL} and {@link Chars#U_DOMAIN}, with the
     * spacing and enclosing combining marks (categories Mc, Me: the vowel signs of Devanagari, Tamil, Bengali, …, so
     * that {@code पूजा@example.org} and {@code jane@उदाहरण.भारत} are read whole), and {@code _} in domain labels (host
     * names such as {@code exa_mple.org} exist, and a cut there would leave the rest of the domain).
     */
    private static final byte[] MAIL = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            char ch = (char) c;
            int type = Character.getType(ch);
            boolean mark = c >= 128 && (type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK);
            // U+2019, the typographic apostrophe autocorrect writes in o’brien@… (since 2026-12-02, mail5)
            // symbols of the emoji blocks in the BMP (since 2026-12-02, mail6): I\u2764\uFE0Fchocolate@…, jane@\u2603.net
            boolean emoji = type == Character.OTHER_SYMBOL && (c >= 0x2300 && c <= 0x23FF || c >= 0x2600 && c <= 0x27BF
                    || c >= 0x2B00 && c <= 0x2BFF);
            int f = Chars.isU(ch, Chars.U_LOCAL) || mark || emoji || c == 0x2019 ? LOCAL : 0;
            f |= Chars.isU(ch, Chars.U_DOMAIN) || mark || emoji || ch == '_' ? DOMAIN : 0;
            f |= SMART_CLOSE.indexOf(ch) >= 0 ? SMART : 0;
            f |= (f & (LOCAL | SMART)) != 0 || ch == '"' || ch == ']' || ch == ')' ? ENDS : 0;
            f |= ch == '/' || ch == '=' || ch == '?' || ch == '&' ? SYMBOL : 0;
            f |= Chars.isU(ch, Chars.U_LETTER) ? LETTER : 0;
            MAIL[c] = (byte) f;
        }
    }

    private static boolean dot(char c) {
        return c == '.' || c == '\uFF0E' || c == '\u3002';
    }
}
