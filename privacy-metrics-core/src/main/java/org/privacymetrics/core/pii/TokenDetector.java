package org.privacymetrics.core.pii;


/**
 * Credentials.
 * <ul>
 *   <li>{@code Bearer <token>} (RFC 6750 token68: {@code A-Za-z0-9-._~+/} then {@code =}s), the scheme word matched
 *       case-insensitively at a word start, one or more blanks, at least one token character. The whole credential
 *       including the scheme word is reported (as the previous regex did).</li>
 *   <li>{@code Basic <base64>}, where the base64 decodes to text containing {@code :} ({@code user:password}), so that
 *       {@code basic plan} is no credential. {@code Authorization: Basic …} is found through its scheme.</li>
 *   <li>JWTs: {@code eyJ} at a word start, then base64url parts {@code header(>= 8).payload(>= 5).signature}.</li>
 *   <li>The value after {@code Authorization:} or {@code Proxy-Authorization:} whatever its scheme, and after
 *       {@code api-key}, {@code api_key}, {@code apikey} ({@link #header}); the name is kept.</li>
 *   <li>Well-known API token prefixes at a word start, with a minimum body length: GitHub {@code ghp_ gho_ ghu_ ghs_
 *       ghr_ github_pat_}, GitLab {@code glpat-}, Slack {@code xoxb- xoxp- xoxa- xoxr- xoxs-}, Stripe
 *       {@code sk_live_ rk_live_ sk_test_}, npm {@code npm_}, AWS access key ids {@code AKIA}, Google {@code AIza}.</li>
 * </ul>
 * Linear: a failed attempt reads at most its own run of token characters and the scan resumes after that run, except
 * for the prefixes, whose failed attempts read at most the minimum body length; a found token is skipped.
 */
final class TokenDetector {

    /**
     * Prefix, minimum body length, body alphabet (a = alnum, u = alnum and _, d = alnum and -, x = alnum, _ and -, b =
     * alnum, _, - and =).
     */
    private static final String[][] PREFIXES = {
        {"ghp_", "20", "a"}, {"gho_", "20", "a"}, {"ghu_", "20", "a"}, {"ghs_", "20", "a"}, {"ghr_", "20", "a"},
        {"github_pat_", "20", "u"}, {"glpat-", "20", "x"},
        {"xoxb-", "10", "d"}, {"xoxp-", "10", "d"}, {"xoxa-", "10", "d"}, {"xoxr-", "10", "d"}, {"xoxs-", "10", "d"},
        {"sk_live_", "16", "a"}, {"rk_live_", "16", "a"}, {"sk_test_", "16", "a"}, {"npm_", "30", "a"},
        {"AKIA", "16", "a"}, {"AIza", "30", "x"},
        // added 2026-12-02 (gapsmail): AWS temporary keys, Slack app and refresh tokens, OpenAI and Anthropic keys (the
        // longer prefixes first: an attempt stops at the first prefix that matches), Google OAuth access tokens and
        // client secrets, Stripe test and webhook secrets, Hugging Face, DigitalOcean, Shopify, PyPI, GitLab deploy,
        // runner and trigger tokens, Docker Hub, Grafana, Linear, Notion, RubyGems
        {"ASIA", "16", "a"}, {"xapp-", "10", "d"}, {"xoxe-", "10", "d"}, {"xoxe.", "10", "d"},
        {"sk-proj-", "20", "x"}, {"sk-ant-", "20", "x"}, {"sk-svcacct-", "20", "x"}, {"sk-", "32", "x"},
        {"ya29.", "30", "x"}, {"GOCSPX-", "20", "x"}, {"rk_test_", "16", "a"}, {"whsec_", "24", "a"},
        {"hf_", "30", "a"}, {"dop_v1_", "40", "a"}, {"shpat_", "32", "a"}, {"shpss_", "32", "a"}, {"shpca_", "32", "a"},
        {"pypi-", "50", "x"}, {"gldt-", "20", "x"}, {"glrt-", "20", "x"}, {"glptt-", "20", "x"}, {"dckr_pat_", "20", "x"},
        {"glsa_", "32", "u"}, {"lin_api_", "32", "a"}, {"ntn_", "30", "a"}, {"rubygems_", "40", "a"},
        // added 2026-12-02 (mail6): Atlassian API tokens (a '=' before their checksum), Databricks, Postman,
        {"ATATT3", "40", "b"}, {"dapi", "32", "d"}, {"PMAK-", "24", "d"},
        // Elasticsearch service-account tokens (version bytes 00 01 00 01, then base64 of elastic/service/name:secret)
        {"AAEAA", "40", "x"},
    };

    /** PREFIXES as read by {@link #prefixed}: the prefix's characters, minimum body length, body alphabet. */
    private static final char[][] PREFIX = new char[PREFIXES.length][];
    private static final int[] MIN_BODY = new int[PREFIXES.length];
    /** Per prefix, its body characters among ASCII (body alphabet as a table: one load per body character). */
    private static final boolean[][] BODY = new boolean[PREFIXES.length][128];

    /**
     * Indexes into PREFIX by their first two characters ({@code first << 7 | second}, both ASCII), so that an attempt
     * compares only the prefixes that can match (since 2026-12-04, evening: by the first alone, {@code xat } repeated compared
     * the eight prefixes of {@code x} at every word, 4.5x the token pass on prose).
     */
    private static final int[][] BY_TWO = new int[128 * 128][];

    /**
     * The ASCII characters a credential can start with: b and B (Bearer, Basic), e (eyJ), a and A (Authorization,
     * api-key), a prefix's first character.
     */
    private static final boolean[] START = new boolean[128];

    static {
        START['b'] = true;
        START['B'] = true;
        START['e'] = true;
        START['a'] = true;
        START['A'] = true;
        for (int k = 0; k < PREFIXES.length; k++) {
            String[] p = PREFIXES[k];
            PREFIX[k] = p[0].toCharArray();
            MIN_BODY[k] = Integer.parseInt(p[1]);
            for (char c = 0; c < 128; c++) {
                BODY[k][c] = body(c, p[2].charAt(0));
            }
            char c = p[0].charAt(0);
            START[c] = true;
            int two = c << 7 | p[0].charAt(1);
            int[] old = BY_TWO[two] == null ? new int[0] : BY_TWO[two];
            int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = k;
            BY_TWO[two] = grown;
        }
    }

    /**
     * By first character, the second characters a credential can go on with, as bits {@code second - 'A'} (all are
     * ASCII letters, 'A' to 'z'): b and B go on with e, E (Bearer) or a, A (Basic; both words match in any case),
     * e with y (eyJ), a and A with u, U, p, P (Authorization, api-key), a prefix's first character with its second.
     */
    private static final long[] SECOND = new long[128];

    static {
        for (char c : "bB".toCharArray()) {
            for (char d : "eEaA".toCharArray()) {
                SECOND[c] |= 1L << (d - 'A');
            }
        }
        SECOND['e'] |= 1L << ('y' - 'A') | 1L << ('w' - 'A'); // eyJ, eyA, ewo, ew0, ewk
        for (char c : "aA".toCharArray()) {
            for (char d : "uUpP".toCharArray()) {
                SECOND[c] |= 1L << (d - 'A'); // Authorization, api-key
            }
        }
        for (String[] p : PREFIXES) {
            int x = p[0].charAt(1) - 'A';
            if (x < 0 || x >= 64) {
                throw new IllegalStateException("prefix [" + p[0] + "]: its second character is outside 'A'-'z'");
            }
            SECOND[p[0].charAt(0)] |= 1L << x;
        }
    }

    private TokenDetector() {
    }

    static void scan(char[] s, Findings out) {
        int n = s.length;
        int i = 0;
        int gluedFailedTo = 0; // a glued JWT attempt failed in the first part that ends here
        BasicRun basics = new BasicRun(); // the base64 run of the last Basic attempts (linear: see BasicRun)
        while (i < n) {
            char c = s[i];
            if (c >= 128 || !START[c] || !secondMayFollow(s, i, c)) {
                i++;
                continue;
            }
            if (Chars.wordAt(s, i - 1) && !escapedBreak(s, i)) {
                // A JWT glued to a word ("x_eyJ…", "JWTeyJ…"), its payload JSON too. Linear: a failed attempt walks
                // its first part to p; every later "eyJ" before p has the same first-part end and the same rest, and
                // fails too (shorter header), so none is attempted.
                if (c == 'e' && i >= gluedFailedTo && eyJ(s, i) && out.spend(WorkBudget.TOKEN)) {
                    int r = jwtAt(s, i, true, out);
                    if (r >= 0) {
                        i = r;
                        continue;
                    }
                    gluedFailedTo = ~r;
                } else if (s[i - 1] == '_') {
                    // a header name, a scheme or a prefixed token after an underscore ("HTTP_AUTHORIZATION=…",
                    // "x_api_key=…", "auth_Basic …", "x_ghp_…", "MY_KEY_AKIA…"); a failed prefix attempt reads at most
                    // the minimum body length
                    // tok11: each attempt called only for the first character it needs (header an 'a', scheme a 'b',
                    // any case: each returns -1 at once otherwise), so that "x_ghp_…" costs one call
                    int lower = c | 0x20;
                    int next = lower == 'a' ? header(s, i, out) : -1;
                    if (next < 0 && lower == 'b') {
                        next = scheme(s, i, out, basics);
                    }
                    if (next < 0) {
                        next = prefixed(s, i, out);
                    }
                    if (next >= 0) {
                        i = Math.max(next, i + 1);
                        continue;
                    }
                }
                if (out.overBudget()) {
                    return;
                }
                i++;
                continue;
            }
            int lower = c | 0x20; // tok11: as above, and jwt needs an 'e'
            int next = lower == 'a' ? header(s, i, out) : -1;
            if (next < 0 && lower == 'b') {
                next = scheme(s, i, out, basics);
            }
            if (next < 0 && c == 'e') {
                next = jwt(s, i, out);
            }
            if (next < 0) {
                next = prefixed(s, i, out);
            }
            i = next < 0 ? i + 1 : Math.max(next, i + 1);
            if (out.overBudget()) {
                return; // the value is masked whole (PiiScanner)
            }
        }
        KeyedSecrets.scan(s, out); // secrets named by their key (since 2026-12-02, mail6): password=…, X-Vault-Token: …
    }

    /**
     * Whether the character after the start character {@code c} at {@code i} is one a credential starting with
     * {@code c} can go on with ({@link #SECOND}). Without it scheme, jwt and prefixed all return -1 (each compares the
     * second character with its words, "eyJ" or prefixes; none is shorter than 2), so the scan goes on at i + 1 as
     * after such an attempt: tested here, a start character in ordinary words ("brown", "syncs") costs no call.
     */
    private static boolean secondMayFollow(char[] s, int i, char c) {
        int x = i + 1 < s.length ? s[i + 1] - 'A' : -1;
        return (x & 0xFFFF) < 64 && (SECOND[c] >>> x & 1) != 0;
    }

    /**
     * Whether the word character before {@code i} is the letter of an escape that a logged JSON or Java string keeps
     * ({@code \n}, {@code \t}, {@code \r}: {@code "line one\nBearer …"}): then {@code i} starts a word (since 2026-12-02).
     */
    private static boolean escapedBreak(char[] s, int i) {
        return i >= 2 && s[i - 2] == '\\' && (s[i - 1] == 'n' || s[i - 1] == 't' || s[i - 1] == 'r');
    }

    /**
     * The base64 run that the last failed Basic attempts read, and which of its four alignments failed (since
     * 2026-12-04): in {@code Basic+Basic+Basic+…} ({@code +} is a form-encoded blank, and a base64 character) every
     * attempt read the rest of the value as its credential and decoded it, quadratic (a 32 KiB value took 0.1 s, 128
     * KiB 1.7 s). A later attempt whose credential starts inside the run ends where it ends, and decodes to the bytes
     * of the earlier one's from the same alignment on (base64 decodes four characters at a time): if that found no
     * colon, neither does this. So each alignment of a run is decoded at most once.
     */
    private static final class BasicRun {
        int start = -1; // where the first attempt's credential started, or -1
        int end; // where the run ends
        int failed; // bit r: an attempt from start + r (mod 4) decoded no colon

        /** The end of the run starting at {@code k} if it is inside this one, else -1. */
        int endFrom(int k) {
            return start >= 0 && k >= start && k <= end ? end : -1;
        }

        boolean failedAt(int k) {
            return endFrom(k) >= 0 && (failed >>> (k - start & 3) & 1) != 0;
        }

        void fail(int k, int t) {
            if (endFrom(k) < 0 || t != end) {
                start = k;
                end = t;
                failed = 0;
            }
            failed |= 1 << (k - start & 3);
        }
    }

    /** Bearer or Basic at {@code i}: where the scan resumes, or -1 if there is no such scheme word here. */
    private static int scheme(char[] s, int i, Findings out, BasicRun basics) {
        // the scheme word, compared by hand (tok11: was Chars.matchesLower with a String, twice; the first character
        // tested first)
        if ((s[i] | 0x20) != 'b') {
            return -1;
        }
        boolean bearer = lowerAt(s, i + 1, "earer");
        boolean basic = !bearer && lowerAt(s, i + 1, "asic");
        if (!bearer && !basic || !out.spend(WorkBudget.TOKEN)) {
            return -1; // no scheme word, or over the work budget (then scan returns)
        }
        int n = s.length;
        int k = i + (bearer ? 6 : 5);
        int blanks = k;
        // "Bearer: <token>", "Bearer=<token>" (a header or a key=value log), "Bearer+<token>", as well as blanks;
        // since 2026-12-02 blanks or a key's closing quote before ':' or '=' ("Bearer = …", {"Bearer":"…"})
        int q = quoteEnd(s, k);
        int sep = blanksEnd(s, q, false);
        boolean moved = true;
        if (sep < n && (s[sep] == ':' || s[sep] == '=')) {
            k = sep + 1;
        } else if (k < n && s[k] == '+') {
            k++; // "+": a form-encoded blank ("Authorization=Bearer+…" in a query string)
        } else {
            moved = false;
        }
        // blanks: spaces and tabs, and line breaks (escaped ones decode to them: Bearer%09…, Basic%0A…), written as
        // escapes too when a JSON or Java string is logged (Bearer\t…); after a line break a bearer token needs 8
        // characters, so that a line that ends in "bearer" does not mask the next one's first word.
        // tok11: the blanks at k are those read for sep when k did not move and no quote stood there; the line breaks
        // after them are read only when a line break or a backslash (an escaped one) stands there (blanksEnd returns
        // sameLine at once otherwise: spaces and tabs it read already)
        int sameLine = !moved && q == k ? sep : blanksEnd(s, k, false);
        char b = sameLine < n ? s[sameLine] : ' ';
        int allBlanks = b == '\n' || b == '\r' || b == '\\' ? blanksEnd(s, sameLine, true) : sameLine;
        boolean broken = allBlanks > sameLine;
        k = quoteEnd(s, allBlanks); // and an opening quote: Basic "dmFs…==", {"Bearer":"…"}
        if (k == blanks) {
            return -1; // "bearers", "basics"
        }
        int t = k;
        int known = bearer ? -1 : basics.endFrom(k);
        if (known >= 0) {
            t = known; // inside the run an earlier attempt read: it ends there
        }
        while (t < n && (bearer ? token68(s[t]) : base64(s[t]))) {
            t++;
        }
        if (bearer && t > k) {
            t = symbolsEnd(s, t); // "Bearer abc!def…" (since 2026-12-02, mail6)
        }
        if (bearer && t > k && t + 1 < n && (s[t] == '|' || s[t] == ':') && token68(s[t + 1])) {
            // "Bearer 1|AbCd…" (Laravel Sanctum's id|secret), "Bearer id:secret": the secret after it, of 8 characters
            // at least (since 2026-12-02, mail5)
            int u = t + 1;
            while (u < n && token68(s[u])) {
                u++;
            }
            t = u - t - 1 >= 8 ? u : t;
        }
        if (bearer && t > k && t < n && s[t] == '@') {
            // "Bearer jane@example.org": the address goes with the token (since 2026-12-02), so that a kind-by-kind
            // redaction (the ingest scrub: tokens first) leaves no domain behind
            t++;
            while (t < n && token68(s[t])) {
                t++;
            }
        }
        if (bearer && (t >= n || s[t] != '=')) {
            while (t > k && s[t - 1] == '.') {
                t--; // the end of a sentence, not of the token: token68 ends in a letter, digit, -_~+/ or =
            }
        }
        int e = t;
        while (e < n && s[e] == '=') {
            e++;
        }
        if (bearer && e == t + 1 && e < n && Chars.alnum(s[e]) && snakeName(s, k, t)) {
            return Math.max(k, i + 1); // "Bearer expires_in=3600": a name and its value, not padding (since 2026-12-02, mail6)
        }
        boolean colon = !bearer && t > k && !basics.failedAt(k) && decodesWithColon(s, k, t);
        if (!bearer && t > k && !colon) {
            basics.fail(k, t);
        }
        if (t > k && (bearer ? (!broken || t - k >= 8) && !prose(s, k, t, e) : colon && !title(s, k, t, e))) {
            // a quoted credential (Basic "dmFs…==", Bearer: '…'): the credential inside its quotes, the scheme word
            // and the quotes kept (since 2026-12-02, mail5); unless the scheme word is a quoted key ({"Bearer":"…"})
            boolean quoted = k > allBlanks && closes(s, allBlanks, e) && !(i > 0 && (s[i - 1] == '"' || s[i - 1] == '\''));
            out.add(PiiKind.TOKEN, quoted ? k : i, e);
            return e;
        }
        return Math.max(k, i + 1);
    }

    /**
     * A credential after a header or key name (added 2026-12-02): {@code Authorization:} (and
     * {@code Proxy-Authorization:}, {@code HTTP_AUTHORIZATION=}) with any scheme, or none; {@code api-key},
     * {@code api_key}, {@code apikey} ({@code X-Api-Key:}). The name is kept, the value is the finding. Where the scan
     * resumes, or -1 (then the other rules are tried at {@code i}).
     * Linear: an attempt reads the name, blanks, the scheme word (at most 33 characters) and the credential; a failed
     * one reads at most 20 characters of a credential run or one parameter (a name of at most 64 characters and a
     * value: a quoted one at most 256, a token value is never a failure), or a run of token68 characters ending in dots
     * — a run that holds no name followed by ':' or '=' (neither is a token68 character), so no other attempt reads it.
     */
    private static int header(char[] s, int i, Findings out) {
        int n = s.length;
        if ((s[i] | 0x20) != 'a' || Chars.alnumAt(s, i - 1)) {
            return -1; // "reauthorization: …" is no header name
        }
        int k = nameEnd(s, i);
        if (k < 0 || !out.spend(WorkBudget.KEY)) {
            return -1;
        }
        boolean authorization = k - i == 13;
        // the key's closing quote (JSON, a dict; \" in a logged JSON string), blanks, ':' or '=', blanks, the value's
        // opening quote
        int nameEnd = k;
        k = quoteEnd(s, k);
        k = blanksEnd(s, k, false);
        boolean form = false;
        if (k < n && (s[k] == ':' || s[k] == '=')) {
            form = s[k] == '='; // a query string: '+' is a blank
            if (form && k + 1 < n && s[k + 1] == '>') {
                k++; // "authorization => '…'" (a Ruby or PHP hash)
                form = false;
            }
            k = quoteEnd(s, blanksEnd(s, k + 1, false));
            if (k < n && s[k] == '[') {
                k++; // Go's %v of an http.Header: "map[Authorization:[Token …]]" (since 2026-12-02, mail5)
            }
        } else {
            k = looseSeparatorEnd(s, nameEnd);
            if (k < 0) {
                return -1;
            }
        }
        if (eyJ(s, k)) {
            int r = jwtAt(s, k, false, out); // a JWT as the JWT rule reads it (its trailing dots and all)
            if (r >= 0) {
                return r;
            }
        }
        int end = authorization ? authorizationEnd(s, k, form) : credentialEnd(s, k, 8, false);
        if (end < 0 && authorization) {
            long q = quotedCredential(s, k);
            if (q >= 0) {
                out.add(PiiKind.TOKEN, (int) (q >>> 32), (int) q);
                return (int) q;
            }
        }
        if (end < 0) {
            return -1;
        }
        out.add(PiiKind.TOKEN, k, end);
        return end;
    }

    /**
     * The end of a header or key name at {@code i} (any case): {@code authorization}, {@code authorisation} (13
     * characters), {@code auth-token}, {@code auth_token}, {@code api-key}, {@code api_key}, {@code apikey},
     * {@code api-token}, {@code api_token}; or -1. Compared piece by piece (a failed attempt in "api_key= repeated"
     * compares each piece once).
     */
    private static int nameEnd(char[] s, int i) {
        int n = s.length;
        if (Chars.matchesLower(s, i, "auth")) {
            int j = i + 4;
            if (j < n && (s[j] == '-' || s[j] == '_')) {
                return Chars.matchesLower(s, j + 1, "token") ? j + 6 : -1;
            }
            return Chars.matchesLower(s, j, "ori") && j + 3 < n && ((s[j + 3] | 0x20) == 's' || (s[j + 3] | 0x20) == 'z')
                    && Chars.matchesLower(s, j + 4, "ation") ? j + 9 : -1;
        }
        if (!Chars.matchesLower(s, i, "api")) {
            return -1;
        }
        int j = i + 3;
        boolean sep = j < n && (s[j] == '-' || s[j] == '_');
        if (sep) {
            j++;
        }
        if (Chars.matchesLower(s, j, "key")) {
            return j + 3;
        }
        return sep && Chars.matchesLower(s, j, "token") ? j + 5 : -1;
    }

    /** The characters of a loose separator between a header name and its value ({@link #looseSeparatorEnd}). */
    private static final String LOOSE = " \t\"'\\:=>,[]()-";

    /** {@link #LOOSE} as a table (one load a character; String.indexOf cost about 5 ns a call in "apikey repeated"). */
    private static final boolean[] LOOSE_CHAR = new boolean[128];

    static {
        for (char c : LOOSE.toCharArray()) {
            LOOSE_CHAR[c] = true;
        }
    }

    private static boolean loose(char c) {
        return c < 128 && LOOSE_CHAR[c];
    }

    /**
     * The end of a separator between a header name ending at {@code k} and its value other than {@code :} or {@code =}
     * (since 2026-12-02, mail5): at most 8 characters of {@code LOOSE} holding one of {@code > [}, a TAB, or a comma and
     * a quote, as header
     * dumps print them — PHP's {@code [Authorization] => …}, Python's {@code ('Authorization', '…')}, XML's
     * {@code <Authorization>…}, Scala's {@code ->}, a TSV's TAB — or, in a header array ({@code {"name":"Authorization",
     * "value":"…"}}, HAR files), such a separator, {@code value} and another one. -1 if none.
     */
    private static int looseSeparatorEnd(char[] s, int k) {
        int n = s.length;
        int j = k;
        boolean sep = false;
        boolean comma = false;
        boolean quote = false;
        while (j < n && j - k < 8 && loose(s[j])) {
            sep |= s[j] == '>' || s[j] == '[' || s[j] == '\t';
            comma |= s[j] == ',';
            quote |= s[j] == '"' || s[j] == '\'';
            j++;
        }
        sep |= comma && quote; // a comma between quoted strings, not in prose ("authorization, Token required")
        if (sep && Chars.matchesLower(s, j, "value")) {
            int v = j + 5;
            int m = v;
            while (m < n && m - v < 8 && loose(s[m])) {
                m++;
            }
            return m > v ? m : -1;
        }
        return sep ? j : -1;
    }

    /** Whether the quote that opens at {@code open} ({@code "}, {@code '} or {@code \"}) is repeated at {@code e}. */
    private static boolean closes(char[] s, int open, int e) {
        int n = s.length;
        return s[open] == '\\' ? e + 1 < n && s[e] == '\\' && s[e + 1] == '"' : e < n && s[e] == s[open];
    }

    /** After an optional quote ({@code "}, {@code '} or {@code \"}) at {@code k}. */
    private static int quoteEnd(char[] s, int k) {
        int n = s.length;
        if (k + 1 < n && s[k] == '\\' && s[k + 1] == '"') {
            return k + 2;
        }
        return k < n && (s[k] == '"' || s[k] == '\'') ? k + 1 : k;
    }

    /**
     * The end of an Authorization value at {@code v}: a scheme word (a letter, then 1 to 31 letters, digits,
     * {@code -} or {@code _}), blanks, and either auth-params ({@code Digest username="…", response="…"},
     * {@code AWS4-HMAC-SHA256 Credential=…, Signature=…}) or a token68 credential of at least 8 characters
     * ({@code Token …}, {@code ApiKey …}; {@code Token+…} after {@code =}, in a query string); or, without a scheme, a token68 credential whose first 20 characters hold a
     * digit and a lower-case letter (so that {@code Authorization: required} or an upper-case IBAN stays plain). -1 if
     * none.
     */
    private static int authorizationEnd(char[] s, int v, boolean form) {
        int n = s.length;
        int w = v;
        while (w < n && w - v <= 32 && (Chars.is(s[w], Chars.WORD) || s[w] == '-')) {
            w++;
        }
        if (w - v >= 2 && w - v <= 32 && Chars.asciiLetter(s[v]) && w < n && s[w] == '=') {
            // "key=AAAA…:APA91b…" (FCM's legacy server key) : the credential after the word and '=' (since
            // 2026-12-02, mail6)
            int e = credentialEnd(s, w + 1, 8, false);
            if (e >= 0 && e + 1 < n && s[e] == ':' && token68(s[e + 1])) {
                int f = credentialEnd(s, e + 1, 1, false);
                e = f > 0 ? f : e;
            }
            if (e >= 0) {
                return e;
            }
        }
        if (w - v >= 2 && w - v <= 32 && Chars.asciiLetter(s[v])) {
            int c = blanksEnd(s, w, false);
            if (form && c == w && c < n && s[c] == '+') {
                c++; // a form-encoded blank ("Authorization=Token+…")
            }
            if (c > w) {
                if (Chars.matchesLower(s, c, "realm=")) {
                    return -1; // a challenge logged under an Authorization name: Basic realm="…" (since 2026-12-02, mail6)
                }
                int e = paramsEnd(s, c);
                if (e < 0) {
                    e = credentialEnd(s, c, 8, false);
                    if (e >= 0 && e + 1 < n && s[e] == ':' && token68(s[e + 1])) {
                        // "AWS AKIA…:frJI…=" (AWS signature version 2): the signature after the key id (since
                        // 2026-12-02, mail5)
                        int f = credentialEnd(s, e + 1, 1, false);
                        e = f > 0 ? f : e;
                    }
                }
                if (e >= 0) {
                    return e;
                }
            }
        }
        return credentialEnd(s, v, 20, true);
    }

    /**
     * A scheme word at {@code v} (as {@link #authorizationEnd} reads it), blanks, and a quoted token68 credential of at
     * least 8 characters ({@code Authorization: Token "…"}, {@code Basic '…'}, also without its closing quote in a cut
     * line; since 2026-12-02, mail5): the
     * credential's start in the high and its end in the low 32 bits (the quotes are kept), or -1. Reads at most the
     * scheme word, the blanks and the credential.
     */
    private static long quotedCredential(char[] s, int v) {
        int n = s.length;
        int w = v;
        while (w < n && w - v <= 32 && (Chars.is(s[w], Chars.WORD) || s[w] == '-')) {
            w++;
        }
        if (w - v < 2 || w - v > 32 || !Chars.asciiLetter(s[v])) {
            return -1;
        }
        int open = blanksEnd(s, w, false);
        int c = quoteEnd(s, open);
        boolean bracket = c == open && open < n && s[open] == '['; // "Bearer [abc…]", a list's repr (since 2026-12-02, mail6)
        c = bracket ? open + 1 : c;
        if (open == w || c == open) {
            return -1;
        }
        int e = credentialEnd(s, c, 8, false);
        if (bracket && (e < 0 || e >= n || s[e] != ']')) {
            return -1;
        }
        return e >= 0 ? (long) c << 32 | e : -1; // closed or not (a cut line)
    }

    /**
     * The end of a token68 credential at {@code c} (then its {@code =} padding) of at least {@code min} characters,
     * whose first 20 hold a digit and a lower-case letter if {@code mixed}; trailing dots end a sentence, not the
     * credential (as for Bearer). -1 if none.
     */
    private static int credentialEnd(char[] s, int c, int min, boolean mixed) {
        int n = s.length;
        int t = c;
        boolean digit = false;
        boolean lower = false;
        while (t < n && t - c < min && token68(s[t])) {
            digit |= Chars.digit(s[t]);
            lower |= s[t] >= 'a' && s[t] <= 'z';
            t++;
        }
        if (t - c < min || mixed && !(digit && lower)) {
            return -1;
        }
        while (t < n && token68(s[t])) {
            t++;
        }
        t = symbolsEnd(s, t); // "Token abc!def…" (since 2026-12-02, mail6)
        if (t >= n || s[t] != '=') {
            while (t > c && s[t - 1] == '.') {
                t--;
            }
        }
        if (t - c < min) {
            return -1;
        }
        while (t < n && s[t] == '=') {
            t++;
        }
        return t < n && (s[t] == '@' || s[t] == '\uFF20') ? -1 : t; // the local part of an address
    }

    /** Whether {@code s[k, t)} is a lower-case name ({@code expires_in}): a letter, then letters, digits, {@code _}. */
    private static boolean snakeName(char[] s, int k, int t) {
        if (t <= k || s[k] < 'a' || s[k] > 'z') {
            return false;
        }
        for (int j = k; j < t; j++) {
            char c = s[j];
            if (!(c >= 'a' && c <= 'z' || Chars.digit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of a token run at {@code t} that goes on after symbols no token68 holds ({@code ! * # $ ^}, each
     * followed by a token68 character): an opaque token is not always token68 (since 2026-12-02, mail6).
     */
    private static int symbolsEnd(char[] s, int t) {
        int n = s.length;
        while (t + 1 < n && opaqueSymbol(s[t]) && token68(s[t + 1])) {
            t += 2;
            while (t < n && token68(s[t])) {
                t++;
            }
        }
        return t;
    }

    /** {@code ! * # $ ^} (tok11: a switch, was {@code String.indexOf} per token). */
    private static boolean opaqueSymbol(char c) {
        return c == '!' || c == '*' || c == '#' || c == '$' || c == '^';
    }

    /** Whether {@code s[i, i + word.length())} is {@code word} (lower case, ASCII letters) in any case. */
    private static boolean lowerAt(char[] s, int i, String word) {
        int len = word.length();
        if (i + len > s.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if ((s[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The end of a list of auth-params at {@code c} ({@code name=value, name="value"}), or -1 if none starts there. */
    private static int paramsEnd(char[] s, int c) {
        int n = s.length;
        int end = -1;
        int k = c;
        while (true) {
            int p = paramEnd(s, k);
            if (p < 0) {
                return end;
            }
            end = p;
            k = blanksEnd(s, p, false);
            if (k >= n || s[k] != ',') {
                return end;
            }
            k = blanksEnd(s, k + 1, false);
        }
    }

    /** One auth-param at {@code k}: a name of at most 64 characters, {@code =}, a quoted or token value; its end or -1. */
    private static int paramEnd(char[] s, int k) {
        int n = s.length;
        int j = k;
        while (j < n && j - k <= 64 && (Chars.is(s[j], Chars.WORD) || s[j] == '-')) {
            j++;
        }
        if (j == k || j - k > 64) {
            return -1;
        }
        if (j >= n || s[j] != '=') {
            return -1;
        }
        j++;
        boolean escaped = j + 1 < n && s[j] == '\\' && s[j + 1] == '"';
        if (escaped || j < n && s[j] == '"') {
            // a quoted value: to the closing quote (\" in a logged JSON string), at most 256 characters, one line
            int q = j + (escaped ? 2 : 1);
            for (int limit = Math.min(n, q + 256); q < limit; q++) {
                char c = s[q];
                if (c == '\n' || c == '\r') {
                    return -1;
                }
                if (c == '"') {
                    boolean esc = s[q - 1] == '\\';
                    if (esc == escaped) {
                        return q + 1;
                    }
                    if (escaped) {
                        return -1;
                    }
                }
            }
            return -1;
        }
        int e = j;
        while (e < n && paramValue(s[e])) {
            e++;
        }
        // a value starts with a letter or digit: "dmFs…==" or "…=." is base64 padding, not name=value
        return e > j && (Chars.digit(s[j]) || Chars.asciiLetter(s[j])) ? e : -1;
    }

    /** A character of an unquoted auth-param value: anything but blanks, controls, {@code , " ' \ & < > ) ] }}. */
    private static boolean paramValue(char c) {
        return c > ' ' && ",\"'\\&<>)]}".indexOf(c) < 0 && c != 127;
    }

    /**
     * The end of the blanks at {@code k}: spaces and tabs, line breaks if {@code lineBreaks}, and their escapes as
     * they stay in a logged JSON or Java string ({@code \t}, {@code \n}, {@code \r}, {@code \u0020}, {@code \u0009},
     * {@code \u000a}, {@code \u000d}).
     */
    private static int blanksEnd(char[] s, int k, boolean lineBreaks) {
        int n = s.length;
        while (k < n) {
            char c = s[k];
            if (c == ' ' || c == '\t' || lineBreaks && (c == '\n' || c == '\r')) {
                k++;
            } else if (c == '\\' && k + 1 < n) {
                char d = s[k + 1];
                if (d == 't' || d == ' ' || lineBreaks && (d == 'n' || d == 'r')) {
                    k += 2; // and "\ ", a blank escaped on a command line (since 2026-12-02, mail6)
                } else if (d == 'u' && Chars.matches(s, k + 2, "00") && k + 5 < n) {
                    int x = Character.digit(s[k + 4], 16) << 4 | Character.digit(s[k + 5], 16);
                    if (Character.digit(s[k + 4], 16) >= 0 && Character.digit(s[k + 5], 16) >= 0
                            && (x == 0x20 || x == 0x09 || lineBreaks && (x == 0x0A || x == 0x0D))) {
                        k += 6;
                    } else {
                        return k;
                    }
                } else {
                    return k;
                }
            } else {
                return k;
            }
        }
        return k;
    }

    /**
     * Whether the bearer "token" {@code s[k, t)} (its padding to {@code e}) reads as a word of prose or a challenge's
     * parameter (added 2026-12-02): at most 15 ASCII letters, followed by a blank, the end or one of {@code . , ; : ! ? )}
     * ({@code Bearer token expired}, {@code the bearer of this card}), a quote or a backslash (since 2026-12-02, mail5:
     * {@code the Bearer "token" scheme}), or by {@code ="} ({@code Bearer realm="api"}). A
     * credential holds a digit or a symbol, or is longer, or goes on with another character ({@code Bearer jane@…}).
     */
    private static boolean prose(char[] s, int k, int t, int e) {
        int n = s.length;
        if (t - k > 15) {
            return false;
        }
        for (int j = k; j < t; j++) {
            if (!Chars.asciiLetter(s[j])) {
                return false;
            }
        }
        if (e > t) {
            return e < n && s[e] == '"';
        }
        return t >= n || s[t] < 128 && PROSE_END[s[t]]; // tok11: a table, was String.indexOf
    }

    /** What may follow a word of prose ({@link #prose}): blanks, line breaks, {@code . , ; : ! ? ) " ' \}. */
    private static final boolean[] PROSE_END = new boolean[128];

    static {
        for (char c : " \t\r\n.,;:!?)\"'\\".toCharArray()) {
            PROSE_END[c] = true;
        }
    }

    /** A JWT starting at {@code i}: where the scan resumes, or -1 if none starts here. */
    private static int jwt(char[] s, int i, Findings out) {
        if (!eyJ(s, i) || !out.spend(WorkBudget.TOKEN)) {
            return -1;
        }
        int r = jwtAt(s, i, false, out);
        // Every later "eyJ" inside [i, p) ends its first part at p too, with the same rest: it fails or is covered
        // like this one, so the scan resumes at p either way.
        return r >= 0 ? r : ~r;
    }

    /**
     * Whether a base64url JSON object starts at {@code i}: {@code eyJ} ({@code {"}), and since 2026-12-02 the headers
     * that start with whitespace: {@code eyA} ({@code { "}), {@code ewo} ({@code {\n}), {@code ew0} ({@code {\r\n}),
     * {@code ewk} ({@code {\t}).
     */
    private static boolean eyJ(char[] s, int i) {
        if (i + 2 >= s.length || s[i] != 'e') {
            return false;
        }
        char b = s[i + 1];
        char c = s[i + 2];
        return b == 'y' ? c == 'J' || c == 'A' : b == 'w' && (c == 'o' || c == '0' || c == 'k');
    }

    /**
     * The JWT at {@code i} (which holds "eyJ"): its end if found, else {@code ~p}, {@code p} the end of its first
     * part. A {@code glued} one (after a word character) needs a JSON payload too ({@code eyJ}), so that camel-case
     * words such as {@code keyJsonMapper.readValue.apply} are not read as tokens.
     */
    private static int jwtAt(char[] s, int i, boolean glued, Findings out) {
        int p = base64UrlEnd(s, i);
        if (p - i < 8 || p >= s.length || s[p] != '.') {
            return ~p;
        }
        int q = base64UrlEnd(s, p + 1);
        boolean jsonPayload = q - p - 1 >= 8 && eyJ(s, p + 1);
        if (q == p + 1 && !glued && q < s.length && s[q] == '.') {
            // "header..signature": a JWS with a detached payload (RFC 7515 appendix F; Open Banking's x-jws-signature),
            // with a signature of 16 characters at least (since 2026-12-02, mail5)
            int r = base64UrlEnd(s, q + 1);
            if (r - q - 1 >= 16) {
                out.add(PiiKind.TOKEN, i, r);
                return r;
            }
        }
        if (q - p - 1 < 5 || glued && !jsonPayload) {
            return ~p;
        }
        if (q >= s.length || s[q] != '.') {
            // header.payload without its signature: reported when the payload is JSON too (eyJ)
            if (jsonPayload) {
                out.add(PiiKind.TOKEN, i, q);
                return q;
            }
            return ~p;
        }
        int r = base64UrlEnd(s, q + 1);
        // a JWE has five parts: up to two more non-empty parts belong to the token
        for (int extra = 0; extra < 2 && r + 1 < s.length && s[r] == '.' && Chars.is(s[r + 1], Chars.BASE64URL); extra++) {
            r = base64UrlEnd(s, r + 1);
        }
        out.add(PiiKind.TOKEN, i, r);
        return r;
    }

    private static int prefixed(char[] s, int i, Findings out) {
        int n = s.length;
        if (i + 1 >= n || s[i + 1] >= 128) {
            return -1; // every prefix has two ASCII characters or more
        }
        int[] candidates = BY_TWO[s[i] << 7 | s[i + 1]];
        if (candidates == null) {
            return -1;
        }
        for (int p : candidates) {
            char[] prefix = PREFIX[p];
            int b = i + prefix.length;
            if (b > n || !startsWith(s, i, prefix)) {
                continue;
            }
            if (!out.spend(WorkBudget.TOKEN)) {
                return -1;
            }
            int min = MIN_BODY[p];
            boolean[] body = BODY[p];
            int e = b;
            while (e < n && s[e] < 128 && body[s[e]]) {
                e++;
            }
            if (e - b >= min) {
                out.add(PiiKind.TOKEN, i, e);
                return e;
            }
            return b; // shorter than a token: a failed attempt read fewer than min characters
        }
        return -1;
    }

    /**
     * Whether {@code s[i, i + prefix.length)} (in bounds) is {@code prefix}; the first two characters are known to
     * match. Compared from the end: prefixes that start alike differ at their end ({@code xoxb-}, {@code xoxp-}, …), so
     * a word that starts like several ({@code xoxo xoxo …}) costs one compare per prefix.
     */
    private static boolean startsWith(char[] s, int i, char[] prefix) {
        for (int k = prefix.length - 1; k >= 2; k--) {
            if (s[i + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean body(char c, char alphabet) {
        if (Chars.digit(c) || Chars.asciiLetter(c)) {
            return true;
        }
        return switch (alphabet) {
            case 'u' -> c == '_';
            case 'd' -> c == '-';
            case 'x' -> c == '_' || c == '-';
            case 'b' -> c == '_' || c == '-' || c == '=';
            default -> false;
        };
    }

    private static int base64UrlEnd(char[] s, int i) {
        int n = s.length;
        while (i < n && Chars.is(s[i], Chars.BASE64URL)) {
            i++;
        }
        return i;
    }

    private static boolean token68(char c) {
        return Chars.is(c, Chars.TOKEN68);
    }

    /** Base64 or base64url ({@code -} and {@code _}): a credential spelled in either is read whole. */
    private static boolean base64(char c) {
        return Chars.is(c, Chars.BASE64 | Chars.BASE64URL);
    }

    /**
     * Whether the Basic "credential" {@code s[k, t)} (padded to {@code e}) is a word of a title (since 2026-12-02,
     * mail5): {@code Basic Options}, {@code Basic Operations}, {@code Basic Overview} decode to bytes with a colon, and
     * page titles and menu items are what usage events carry. A word: no padding, at most 15 ASCII letters, and its
     * base64 reading is binary, not text ({@code Options}: {@code 3A 9B 62 A2 7B}); a {@code user:password} is text.
     */
    private static boolean title(char[] s, int k, int t, int e) {
        if (e > t || t - k > 15) {
            return false;
        }
        for (int j = k; j < t; j++) {
            if (!Chars.asciiLetter(s[j])) {
                return false;
            }
        }
        return !decodesToText(s, k, t);
    }

    /**
     * Whether base64 {@code s[a, b)} (unpadded) decodes to text: UTF-8 without control characters, as a
     * {@code user:password} is. One pass, no allocation.
     */
    static boolean decodesToText(char[] s, int a, int b) {
        int bits = 0;
        int acc = 0;
        int more = 0; // continuation bytes a UTF-8 sequence still needs
        int lo = 0x80; // the range of the next one (narrower after E0, ED, F0, F4: no overlong forms or surrogates)
        int hi = 0xBF;
        for (int k = a; k < b; k++) {
            char c = s[k];
            int v = base64Value(c);
            acc = (acc << 6 | v) & 0xFFFF;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                int x = acc >> bits & 0xFF;
                if (more > 0) {
                    if (x < lo || x > hi) {
                        return false;
                    }
                    more--;
                    lo = 0x80;
                    hi = 0xBF;
                } else if (x < 0x20 || x == 0x7F) {
                    return false;
                } else if (x >= 0x80) {
                    if (x >= 0xC2 && x <= 0xDF) {
                        more = 1;
                    } else if (x >= 0xE0 && x <= 0xEF) {
                        more = 2;
                        lo = x == 0xE0 ? 0xA0 : 0x80;
                        hi = x == 0xED ? 0x9F : 0xBF;
                    } else if (x >= 0xF0 && x <= 0xF4) {
                        more = 3;
                        lo = x == 0xF0 ? 0x90 : 0x80;
                        hi = x == 0xF4 ? 0x8F : 0xBF;
                    } else {
                        return false;
                    }
                }
            }
        }
        return more == 0;
    }

    /** The 6 bits of a base64 or base64url character ({@code + -} 62, {@code / _} and anything else 63). */
    private static int base64Value(char c) {
        return c < 128 ? BASE64_VALUE[c] : 63; // tok11: a table, was a chain of range tests (mispredicted on base64)
    }

    private static final byte[] BASE64_VALUE = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            BASE64_VALUE[c] = (byte) (c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                    : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' || c == '-' ? 62 : 63);
        }
    }

    /** Whether base64 {@code s[a, b)} (unpadded) decodes to bytes containing {@code ':'}. One pass, no allocation. */
    static boolean decodesWithColon(char[] s, int a, int b) {
        int bits = 0;
        int acc = 0;
        for (int k = a; k < b; k++) {
            char c = s[k];
            int v = base64Value(c);
            acc = (acc << 6 | v) & 0xFFFF;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                if ((acc >> bits & 0xFF) == ':') {
                    return true;
                }
            }
        }
        return false;
    }
}
