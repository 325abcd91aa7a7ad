package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * Credentials.
 * <ul>
 *   <li>{@code Bearer <token>} (RFC 6750 token68: {@code A-Za-z0-9-._~+/} then {@code =}s), the scheme word matched
 *       case-insensitively at a word start, one or more blanks, at least one token character. The whole credential
 *       including the scheme word is reported (as the previous regex did).</li>
 *   <li>{@code Basic <base64>}, where the base64 decodes to text containing {@code :} ({@code user:password}), so that
 *       {@code basic plan} is no credential. {@code Authorization: Basic …} is found through its scheme.</li>
 *   <li>JWTs: {@code eyJ} at a word start, then base64url parts {@code header(>= 8).payload(>= 5).signature}.</li>
 *   <li>Well-known API token prefixes at a word start, with a minimum body length: GitHub {@code ghp_ gho_ ghu_ ghs_
 *       ghr_ github_pat_}, GitLab {@code glpat-}, Slack {@code xoxb- xoxp- xoxa- xoxr- xoxs-}, Stripe
 *       {@code sk_live_ rk_live_ sk_test_}, npm {@code npm_}, AWS access key ids {@code AKIA}, Google {@code AIza}.</li>
 * </ul>
 * Linear: a failed attempt reads at most its own run of token characters and the scan resumes after that run, except
 * for the prefixes, whose failed attempts read at most the minimum body length; a found token is skipped.
 */
final class TokenDetector {

    /** Prefix, minimum body length, body alphabet (a = alnum, u = alnum and _, d = alnum and -, x = alnum, _ and -). */
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
        // added 2026-12-02 (mail6), in the engine too: Atlassian (b = alnum, _, - and =), Databricks, Postman
        {"ATATT3", "40", "b"}, {"dapi", "32", "d"}, {"PMAK-", "24", "d"}, {"AAEAA", "40", "x"},
    };

    /** PREFIXES by their first character, so that an attempt compares only the prefixes that can match. */
    private static final String[][][] BY_FIRST = new String[128][][];

    static {
        for (String[] p : PREFIXES) {
            char c = p[0].charAt(0);
            String[][] old = BY_FIRST[c] == null ? new String[0][] : BY_FIRST[c];
            String[][] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = p;
            BY_FIRST[c] = grown;
        }
    }

    private TokenDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        int n = s.length();
        int i = 0;
        int gluedFailedTo = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(c == 'b' || c == 'B' || c == 'e' || c == 'a' || c == 'A' || c < 128 && BY_FIRST[c] != null)) {
                i++;
                continue;
            }
            if (Chars.wordAt(s, i - 1) && !escapedBreak(s, i)) {
                // added 2026-12-02, in the engine too: a JWT glued to a word ("x_eyJ…", "JWTeyJ…"), its payload JSON
                // too; a failed attempt fails for every later "eyJ" of the same first part (same end, same rest)
                if (i >= gluedFailedTo && eyJ(s, i)) {
                    int r = jwtAt(s, i, true, out);
                    if (r >= 0) {
                        i = r;
                        continue;
                    }
                    gluedFailedTo = ~r;
                } else if (s.charAt(i - 1) == '_') {
                    // a prefixed token after an underscore ("x_ghp_…", "MY_KEY_AKIA…") (added 2026-12-02, in the engine too); a failed attempt reads at
                    // most the minimum body length
                    int next = header(s, i, out); // added 2026-12-02 (gapsmail), in the engine too
                    if (next < 0) {
                        next = scheme(s, i, out); // "auth_Basic …", added 2026-12-02 (gapsmail), in the engine too
                    }
                    if (next < 0) {
                        next = prefixed(s, i, out);
                    }
                    if (next >= 0) {
                        i = Math.max(next, i + 1);
                        continue;
                    }
                }
                i++;
                continue;
            }
            int next = header(s, i, out); // added 2026-12-02 (gapsmail), in the engine too
            if (next < 0) {
                next = scheme(s, i, out);
            }
            if (next < 0) {
                next = jwt(s, i, out);
            }
            if (next < 0) {
                next = prefixed(s, i, out);
            }
            i = next < 0 ? i + 1 : Math.max(next, i + 1);
        }
        KeyedSecrets.scan(s, out); // added 2026-12-02 (mail6), in the engine too: secrets named by their key
    }

    /**
     * Whether the word character before {@code i} is the letter of an escape that a logged JSON or Java string keeps
     * ({@code \n}, {@code \t}, {@code \r}: {@code "line one\nBearer …"}): then {@code i} starts a word (since 2026-12-02).
     */
    private static boolean escapedBreak(CharSequence s, int i) {
        return i >= 2 && s.charAt(i - 2) == '\\' && (s.charAt(i - 1) == 'n' || s.charAt(i - 1) == 't' || s.charAt(i - 1) == 'r');
    }

    /** Bearer or Basic at {@code i}: where the scan resumes, or -1 if there is no such scheme word here. */
    private static int scheme(CharSequence s, int i, List<Finding> out) {
        boolean bearer = Chars.matchesLower(s, i, "bearer");
        boolean basic = !bearer && Chars.matchesLower(s, i, "basic");
        if (!bearer && !basic) {
            return -1;
        }
        int n = s.length();
        int k = i + (bearer ? 6 : 5);
        int blanks = k;
        // "Bearer: <token>", "Bearer=<token>" (a header or a key=value log), "Bearer+<token>", as well as blanks;
        // since 2026-12-02 blanks or a key's closing quote before ':' or '=' ("Bearer = …", {"Bearer":"…"})
        int sep = blanksEnd(s, quoteEnd(s, k), false);
        if (sep < n && (s.charAt(sep) == ':' || s.charAt(sep) == '=')) {
            k = sep + 1;
        } else if (k < n && s.charAt(k) == '+') {
            k++; // "+": a form-encoded blank ("Authorization=Bearer+…" in a query string)
        }
        // line breaks and escaped blanks (added 2026-12-02, gapsmail, in the engine too); a bearer token after a line
        // break needs 8 characters
        boolean broken = blanksEnd(s, k, true) > blanksEnd(s, k, false);
        int open = blanksEnd(s, k, true);
        k = quoteEnd(s, open); // and an opening quote: Basic "dmFs…==", {"Bearer":"…"}
        if (k == blanks) {
            return -1; // "bearers", "basics"
        }
        int t = k;
        while (t < n && (bearer ? token68(s.charAt(t)) : base64(s.charAt(t)))) {
            t++;
        }
        if (bearer && t > k) {
            t = symbolsEnd(s, t); // added 2026-12-02 (mail6), in the engine too: "Bearer abc!def…"
        }
        if (bearer && t > k && t + 1 < n && (s.charAt(t) == '|' || s.charAt(t) == ':') && token68(s.charAt(t + 1))) {
            // added 2026-12-02 (mail5), in the engine too: "Bearer 1|AbCd…" (Laravel Sanctum), "Bearer id:secret"
            int u = t + 1;
            while (u < n && token68(s.charAt(u))) {
                u++;
            }
            t = u - t - 1 >= 8 ? u : t;
        }
        if (bearer && t > k && t < n && s.charAt(t) == '@') {
            // "Bearer jane@example.org": the address goes with the token (since 2026-12-02), so that a kind-by-kind
            // redaction (the ingest scrub: tokens first) leaves no domain behind
            t++;
            while (t < n && token68(s.charAt(t))) {
                t++;
            }
        }
        if (bearer && (t >= n || s.charAt(t) != '=')) {
            while (t > k && s.charAt(t - 1) == '.') {
                t--; // the end of a sentence, not of the token: token68 ends in a letter, digit, -_~+/ or =
            }
        }
        int e = t;
        while (e < n && s.charAt(e) == '=') {
            e++;
        }
        // a title word (at most 15 letters, no padding) whose base64 is binary is no credential (added 2026-12-02,
        // mail5, in the engine too): "Basic Options"
        boolean title = e == t && t - k <= 15 && s.subSequence(k, t).chars().allMatch(c -> Chars.asciiLetter((char) c))
                && !decodesToText(s, k, t);
        if (bearer && e == t + 1 && e < n && Chars.alnum(s.charAt(e)) && t > k && s.subSequence(k, t).chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')
                && s.charAt(k) >= 'a' && s.charAt(k) <= 'z') {
            return Math.max(k, i + 1); // added 2026-12-02 (mail6), in the engine too: "Bearer expires_in=3600"
        }
        if (t > k && (bearer ? (!broken || t - k >= 8) && !prose(s, k, t, e) : decodesWithColon(s, k, t) && !title)) {
            // added 2026-12-02 (mail5), in the engine too: a quoted credential is reported inside its quotes, unless
            // the scheme word is a quoted key ({"Bearer":"…"})
            boolean quoted = k > open && closes(s, open, e) && !(i > 0 && (s.charAt(i - 1) == '"' || s.charAt(i - 1) == '\''));
            out.add(new Finding(PiiKind.TOKEN, quoted ? k : i, e));
            return e;
        }
        return Math.max(k, i + 1);
    }

    /**
     * A credential after a header or key name (added 2026-12-02, in the engine too): {@code Authorization:} (and
     * {@code Proxy-Authorization:}, {@code HTTP_AUTHORIZATION=}) with any scheme, or none; {@code api-key},
     * {@code api_key}, {@code apikey} ({@code X-Api-Key:}). The name is kept, the value is the finding. Where the scan
     * resumes, or -1 (then the other rules are tried at {@code i}).
     * Linear: an attempt reads the name, blanks, the scheme word (at most 33 characters) and the credential; a failed
     * one reads at most 20 characters of a credential run or one parameter (a name of at most 64 characters and a
     * value: a quoted one at most 256, a token value is never a failure), or a run of token68 characters ending in dots
     * — a run that holds no name followed by ':' or '=' (neither is a token68 character), so no other attempt reads it.
     */
    private static int header(CharSequence s, int i, List<Finding> out) {
        int n = s.length();
        if (Chars.alnumAt(s, i - 1)) {
            return -1; // "reauthorization: …" is no header name
        }
        int k;
        boolean authorization = false;
        if (Chars.matchesLower(s, i, "authorization") || Chars.matchesLower(s, i, "authorisation")) {
            k = i + 13;
            authorization = true;
        } else if (Chars.matchesLower(s, i, "api-key") || Chars.matchesLower(s, i, "api_key")) {
            k = i + 7;
        } else if (Chars.matchesLower(s, i, "apikey")) {
            k = i + 6;
        } else if (Chars.matchesLower(s, i, "api-token") || Chars.matchesLower(s, i, "api_token")
                || Chars.matchesLower(s, i, "auth-token") || Chars.matchesLower(s, i, "auth_token")) {
            k = i + (s.charAt(i + 1) == 'p' || s.charAt(i + 1) == 'P' ? 9 : 10);
        } else {
            return -1;
        }
        // the key's closing quote (JSON, a dict; \" in a logged JSON string), blanks, ':' or '=', blanks, the value's
        // opening quote
        int nameEnd = k;
        k = quoteEnd(s, k);
        k = blanksEnd(s, k, false);
        boolean form = false;
        if (k < n && (s.charAt(k) == ':' || s.charAt(k) == '=')) {
            form = s.charAt(k) == '='; // a query string: '+' is a blank
            if (form && k + 1 < n && s.charAt(k + 1) == '>') {
                k++; // "authorization => '…'" (a Ruby or PHP hash)
                form = false;
            }
            k = quoteEnd(s, blanksEnd(s, k + 1, false));
            if (k < n && s.charAt(k) == '[') {
                k++; // added 2026-12-02 (mail5), in the engine too: "map[Authorization:[Token …]]"
            }
        } else {
            // added 2026-12-02 (mail5), in the engine too: loose separators of header dumps (PHP, Python, XML, HAR)
            String loose = " \t\"'\\:=>,[]()-";
            int j = nameEnd;
            boolean sep = false;
            boolean comma = false;
            boolean quote = false;
            while (j < n && j - nameEnd < 8 && loose.indexOf(s.charAt(j)) >= 0) {
                sep |= ">[\t".indexOf(s.charAt(j)) >= 0;
                comma |= s.charAt(j) == ',';
                quote |= s.charAt(j) == '"' || s.charAt(j) == '\'';
                j++;
            }
            sep |= comma && quote;
            if (!sep) {
                return -1;
            }
            if (Chars.matchesLower(s, j, "value")) {
                int v = j + 5;
                j = v;
                while (j < n && j - v < 8 && loose.indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                if (j == v) {
                    return -1;
                }
            }
            k = j;
        }
        if (eyJ(s, k)) {
            int r = jwtAt(s, k, false, out); // a JWT as the JWT rule reads it (its trailing dots and all)
            if (r >= 0) {
                return r;
            }
        }
        int end = authorization ? authorizationEnd(s, k, form) : credentialEnd(s, k, 8, false);
        if (end < 0 && authorization) {
            // added 2026-12-02 (mail5), in the engine too: a scheme word, blanks and a quoted credential of 8 or more
            // characters (Authorization: Token "…"), reported inside its quotes
            int w = k;
            while (w < n && w - k <= 32 && (Chars.is(s.charAt(w), Chars.WORD) || s.charAt(w) == '-')) {
                w++;
            }
            int open = blanksEnd(s, w, false);
            int c = quoteEnd(s, open);
            boolean bracket = c == open && open < n && s.charAt(open) == '['; // added 2026-12-02 (mail6), in the engine too: Bearer [abc…]
            c = bracket ? open + 1 : c;
            if (w - k >= 2 && w - k <= 32 && Chars.asciiLetter(s.charAt(k)) && open > w && c > open) {
                int e = credentialEnd(s, c, 8, false);
                if (e >= 0 && (!bracket || e < n && s.charAt(e) == ']')) {
                    out.add(new Finding(PiiKind.TOKEN, c, e));
                    return e;
                }
            }
        }
        if (end < 0) {
            return -1;
        }
        out.add(new Finding(PiiKind.TOKEN, k, end));
        return end;
    }

    /** Whether the quote that opens at {@code open} ({@code "}, {@code '} or {@code \"}) is repeated at {@code e}. */
    private static boolean closes(CharSequence s, int open, int e) {
        int n = s.length();
        return s.charAt(open) == '\\' ? e + 1 < n && s.charAt(e) == '\\' && s.charAt(e + 1) == '"' : e < n && s.charAt(e) == s.charAt(open);
    }

    /** After an optional quote ({@code "}, {@code '} or {@code \"}) at {@code k}. */
    private static int quoteEnd(CharSequence s, int k) {
        int n = s.length();
        if (k + 1 < n && s.charAt(k) == '\\' && s.charAt(k + 1) == '"') {
            return k + 2;
        }
        return k < n && (s.charAt(k) == '"' || s.charAt(k) == '\'') ? k + 1 : k;
    }

    /**
     * The end of an Authorization value at {@code v}: a scheme word (a letter, then 1 to 31 letters, digits,
     * {@code -} or {@code _}), blanks, and either auth-params ({@code Digest username="…", response="…"},
     * {@code AWS4-HMAC-SHA256 Credential=…, Signature=…}) or a token68 credential of at least 8 characters
     * ({@code Token …}, {@code ApiKey …}; {@code Token+…} after {@code =}, in a query string); or, without a scheme, a token68 credential whose first 20 characters hold a
     * digit and a lower-case letter (so that {@code Authorization: required} or an upper-case IBAN stays plain). -1 if
     * none.
     */
    private static int authorizationEnd(CharSequence s, int v, boolean form) {
        int n = s.length();
        int w = v;
        while (w < n && w - v <= 32 && (Chars.is(s.charAt(w), Chars.WORD) || s.charAt(w) == '-')) {
            w++;
        }
        if (w - v >= 2 && w - v <= 32 && Chars.asciiLetter(s.charAt(v)) && w < n && s.charAt(w) == '=') {
            // added 2026-12-02 (mail6), in the engine too: "key=AAAA…:APA91b…"
            int e = credentialEnd(s, w + 1, 8, false);
            if (e >= 0 && e + 1 < n && s.charAt(e) == ':' && token68(s.charAt(e + 1))) {
                int f = credentialEnd(s, e + 1, 1, false);
                e = f > 0 ? f : e;
            }
            if (e >= 0) {
                return e;
            }
        }
        if (w - v >= 2 && w - v <= 32 && Chars.asciiLetter(s.charAt(v))) {
            int c = blanksEnd(s, w, false);
            if (form && c == w && c < n && s.charAt(c) == '+') {
                c++; // a form-encoded blank ("Authorization=Token+…")
            }
            if (c > w) {
                if (Chars.matchesLower(s, c, "realm=")) {
                    return -1; // added 2026-12-02 (mail6), in the engine too: a challenge, Basic realm="…"
                }
                int e = paramsEnd(s, c);
                if (e < 0) {
                    e = credentialEnd(s, c, 8, false);
                    if (e >= 0 && e + 1 < n && s.charAt(e) == ':' && token68(s.charAt(e + 1))) {
                        // added 2026-12-02 (mail5), in the engine too: "AWS AKIA…:signature"
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
     * The end of a token68 credential at {@code c} (then its {@code =} padding) of at least {@code min} characters,
     * whose first 20 hold a digit and a lower-case letter if {@code mixed}; trailing dots end a sentence, not the
     * credential (as for Bearer). -1 if none.
     */
    private static int credentialEnd(CharSequence s, int c, int min, boolean mixed) {
        return credentialEndRef(s, c, min, mixed);
    }

    /** A token run that goes on after {@code ! * # $ ^} followed by a token68 character (added 2026-12-02, mail6). */
    private static int symbolsEnd(CharSequence s, int t) {
        while (t + 1 < s.length() && "!*#$^".indexOf(s.charAt(t)) >= 0 && token68(s.charAt(t + 1))) {
            t += 2;
            while (t < s.length() && token68(s.charAt(t))) {
                t++;
            }
        }
        return t;
    }

    private static int credentialEndRef(CharSequence s, int c, int min, boolean mixed) {
        int n = s.length();
        int t = c;
        boolean digit = false;
        boolean lower = false;
        while (t < n && t - c < min && token68(s.charAt(t))) {
            digit |= Chars.digit(s.charAt(t));
            lower |= s.charAt(t) >= 'a' && s.charAt(t) <= 'z';
            t++;
        }
        if (t - c < min || mixed && !(digit && lower)) {
            return -1;
        }
        while (t < n && token68(s.charAt(t))) {
            t++;
        }
        t = symbolsEnd(s, t); // added 2026-12-02 (mail6), in the engine too
        if (t >= n || s.charAt(t) != '=') {
            while (t > c && s.charAt(t - 1) == '.') {
                t--;
            }
        }
        if (t - c < min) {
            return -1;
        }
        while (t < n && s.charAt(t) == '=') {
            t++;
        }
        return t < n && (s.charAt(t) == '@' || s.charAt(t) == '\uFF20') ? -1 : t; // the local part of an address
    }

    /** The end of a list of auth-params at {@code c} ({@code name=value, name="value"}), or -1 if none starts there. */
    private static int paramsEnd(CharSequence s, int c) {
        int n = s.length();
        int end = -1;
        int k = c;
        while (true) {
            int p = paramEnd(s, k);
            if (p < 0) {
                return end;
            }
            end = p;
            k = blanksEnd(s, p, false);
            if (k >= n || s.charAt(k) != ',') {
                return end;
            }
            k = blanksEnd(s, k + 1, false);
        }
    }

    /** One auth-param at {@code k}: a name of at most 64 characters, {@code =}, a quoted or token value; its end or -1. */
    private static int paramEnd(CharSequence s, int k) {
        int n = s.length();
        int j = k;
        while (j < n && j - k <= 64 && (Chars.is(s.charAt(j), Chars.WORD) || s.charAt(j) == '-')) {
            j++;
        }
        if (j == k || j - k > 64) {
            return -1;
        }
        if (j >= n || s.charAt(j) != '=') {
            return -1;
        }
        j++;
        boolean escaped = j + 1 < n && s.charAt(j) == '\\' && s.charAt(j + 1) == '"';
        if (escaped || j < n && s.charAt(j) == '"') {
            // a quoted value: to the closing quote (\" in a logged JSON string), at most 256 characters, one line
            int q = j + (escaped ? 2 : 1);
            for (int limit = Math.min(n, q + 256); q < limit; q++) {
                char c = s.charAt(q);
                if (c == '\n' || c == '\r') {
                    return -1;
                }
                if (c == '"') {
                    boolean esc = s.charAt(q - 1) == '\\';
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
        while (e < n && paramValue(s.charAt(e))) {
            e++;
        }
        // a value starts with a letter or digit: "dmFs…==" or "…=." is base64 padding, not name=value
        return e > j && (Chars.digit(s.charAt(j)) || Chars.asciiLetter(s.charAt(j))) ? e : -1;
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
    private static int blanksEnd(CharSequence s, int k, boolean lineBreaks) {
        int n = s.length();
        while (k < n) {
            char c = s.charAt(k);
            if (c == ' ' || c == '\t' || lineBreaks && (c == '\n' || c == '\r')) {
                k++;
            } else if (c == '\\' && k + 1 < n) {
                char d = s.charAt(k + 1);
                if (d == 't' || d == ' ' || lineBreaks && (d == 'n' || d == 'r')) { // "\\ " added 2026-12-02 (mail6), in the engine too
                    k += 2;
                } else if (d == 'u' && Chars.matches(s, k + 2, "00") && k + 5 < n) {
                    int x = Character.digit(s.charAt(k + 4), 16) << 4 | Character.digit(s.charAt(k + 5), 16);
                    if (Character.digit(s.charAt(k + 4), 16) >= 0 && Character.digit(s.charAt(k + 5), 16) >= 0
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
     * ({@code Bearer token expired}, {@code the bearer of this card}), or by {@code ="} ({@code Bearer realm="api"}). A
     * credential holds a digit or a symbol, or is longer, or goes on with another character ({@code Bearer jane@…}).
     */
    private static boolean prose(CharSequence s, int k, int t, int e) {
        int n = s.length();
        if (t - k > 15) {
            return false;
        }
        for (int j = k; j < t; j++) {
            if (!Chars.asciiLetter(s.charAt(j))) {
                return false;
            }
        }
        if (e > t) {
            return e < n && s.charAt(e) == '"';
        }
        return t >= n || " \t\r\n.,;:!?)\"'\\".indexOf(s.charAt(t)) >= 0;
    }

    /** A JWT starting at {@code i}: where the scan resumes, or -1 if none starts here. */
    private static int jwt(CharSequence s, int i, List<Finding> out) {
        if (!eyJ(s, i)) {
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
    private static boolean eyJ(CharSequence s, int i) {
        if (i + 2 >= s.length() || s.charAt(i) != 'e') {
            return false;
        }
        char b = s.charAt(i + 1);
        char c = s.charAt(i + 2);
        return b == 'y' ? c == 'J' || c == 'A' : b == 'w' && (c == 'o' || c == '0' || c == 'k');
    }

    /**
     * The JWT at {@code i} (which holds "eyJ"): its end if found, else {@code ~p}, {@code p} the end of its first
     * part. A {@code glued} one (after a word character) needs a JSON payload too ({@code eyJ}), so that camel-case
     * words such as {@code keyJsonMapper.readValue.apply} are not read as tokens.
     */
    private static int jwtAt(CharSequence s, int i, boolean glued, List<Finding> out) {
        int p = base64UrlEnd(s, i);
        if (p - i < 8 || p >= s.length() || s.charAt(p) != '.') {
            return ~p;
        }
        int q = base64UrlEnd(s, p + 1);
        // added 2026-12-02, in the engine too
        boolean jsonPayload = q - p - 1 >= 8 && eyJ(s, p + 1);
        if (q == p + 1 && !glued && q < s.length() && s.charAt(q) == '.') {
            // added 2026-12-02 (mail5), in the engine too: a JWS with a detached payload, "header..signature"
            int r = base64UrlEnd(s, q + 1);
            if (r - q - 1 >= 16) {
                out.add(new Finding(PiiKind.TOKEN, i, r));
                return r;
            }
        }
        if (q - p - 1 < 5 || glued && !jsonPayload) {
            return ~p;
        }
        if (q >= s.length() || s.charAt(q) != '.') {
            // header.payload without its signature: reported when the payload is JSON too (eyJ)
            if (jsonPayload) {
                out.add(new Finding(PiiKind.TOKEN, i, q));
                return q;
            }
            return ~p;
        }
        int r = base64UrlEnd(s, q + 1);
        // a JWE has five parts: up to two more non-empty parts belong to the token
        for (int extra = 0; extra < 2 && r + 1 < s.length() && s.charAt(r) == '.' && Chars.is(s.charAt(r + 1), Chars.BASE64URL); extra++) {
            r = base64UrlEnd(s, r + 1);
        }
        out.add(new Finding(PiiKind.TOKEN, i, r));
        return r;
    }

    private static int prefixed(CharSequence s, int i, List<Finding> out) {
        String[][] candidates = BY_FIRST[s.charAt(i)];
        if (candidates == null) {
            return -1;
        }
        for (String[] p : candidates) {
            if (!Chars.matches(s, i, p[0])) {
                continue;
            }
            int min = Integer.parseInt(p[1]);
            char alphabet = p[2].charAt(0);
            int b = i + p[0].length();
            int e = b;
            while (e < s.length() && body(s.charAt(e), alphabet)) {
                e++;
            }
            if (e - b >= min) {
                out.add(new Finding(PiiKind.TOKEN, i, e));
                return e;
            }
            return b; // shorter than a token: a failed attempt read fewer than min characters
        }
        return -1;
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

    private static int base64UrlEnd(CharSequence s, int i) {
        int n = s.length();
        while (i < n && Chars.is(s.charAt(i), Chars.BASE64URL)) {
            i++;
        }
        return i;
    }

    private static boolean token68(char c) {
        return Chars.is(c, Chars.TOKEN68);
    }

    /** Base64 or base64url ({@code -} and {@code _}): a credential spelled in either is read whole (added 2026-12-02, in the engine too). */
    private static boolean base64(char c) {
        return Chars.is(c, Chars.BASE64 | Chars.BASE64URL);
    }

    /** Added 2026-12-02 (mail5), in the engine too: base64 {@code s[a, b)} decodes to UTF-8 text without control characters. */
    static boolean decodesToText(CharSequence s, int a, int b) {
        StringBuilder b64 = new StringBuilder();
        for (int k = a; k < b; k++) {
            char c = s.charAt(k);
            b64.append(c == '-' ? '+' : c == '_' ? '/' : c);
        }
        int full = b64.length() / 4 * 4;
        int rest = b64.length() - full;
        String padded = b64.substring(0, full) + (rest >= 2 ? b64.substring(full) + "==".substring(rest - 2) : "");
        byte[] bytes = java.util.Base64.getDecoder().decode(padded);
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        String text;
        try {
            text = utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException ex) {
            return false;
        }
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    /** Whether base64 {@code s[a, b)} (unpadded) decodes to bytes containing {@code ':'}. One pass, no allocation. */
    static boolean decodesWithColon(CharSequence s, int a, int b) {
        int bits = 0;
        int acc = 0;
        for (int k = a; k < b; k++) {
            char c = s.charAt(k);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                    : c == '+' || c == '-' ? 62 : 63;
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
