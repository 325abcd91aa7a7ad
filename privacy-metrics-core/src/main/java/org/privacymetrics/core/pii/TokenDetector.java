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
    };

    /** PREFIXES by their first character, so that an attempt compares only the prefixes that can match. */
    private static final String[][][] BY_FIRST = new String[128][][];

    /** The ASCII characters a credential can start with: b and B (Bearer, Basic), e (eyJ), a prefix's first character. */
    private static final boolean[] START = new boolean[128];

    static {
        START['b'] = true;
        START['B'] = true;
        START['e'] = true;
        for (String[] p : PREFIXES) {
            START[p[0].charAt(0)] = true;
            char c = p[0].charAt(0);
            String[][] old = BY_FIRST[c] == null ? new String[0][] : BY_FIRST[c];
            String[][] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = p;
            BY_FIRST[c] = grown;
        }
    }

    /**
     * By first character, the second characters a credential can go on with, as bits {@code second - 'A'} (all are
     * ASCII letters, 'A' to 'z'): b and B go on with e, E (Bearer) or a, A (Basic; both words match in any case),
     * e with y (eyJ), a prefix's first character with its second.
     */
    private static final long[] SECOND = new long[128];

    static {
        for (char c : "bB".toCharArray()) {
            for (char d : "eEaA".toCharArray()) {
                SECOND[c] |= 1L << (d - 'A');
            }
        }
        SECOND['e'] |= 1L << ('y' - 'A');
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
        while (i < n) {
            char c = s[i];
            if (c >= 128 || !START[c] || !secondMayFollow(s, i, c)) {
                i++;
                continue;
            }
            if (Chars.wordAt(s, i - 1)) {
                // A JWT glued to a word ("x_eyJ…", "JWTeyJ…"), its payload JSON too. Linear: a failed attempt walks
                // its first part to p; every later "eyJ" before p has the same first-part end and the same rest, and
                // fails too (shorter header), so none is attempted.
                if (c == 'e' && i >= gluedFailedTo && eyJ(s, i)) {
                    int r = jwtAt(s, i, true, out);
                    if (r >= 0) {
                        i = r;
                        continue;
                    }
                    gluedFailedTo = ~r;
                } else if (s[i - 1] == '_') {
                    // a prefixed token after an underscore ("x_ghp_…", "MY_KEY_AKIA…"); a failed attempt reads at
                    // most the minimum body length
                    int next = prefixed(s, i, out);
                    if (next >= 0) {
                        i = Math.max(next, i + 1);
                        continue;
                    }
                }
                i++;
                continue;
            }
            int next = scheme(s, i, out);
            if (next < 0) {
                next = jwt(s, i, out);
            }
            if (next < 0) {
                next = prefixed(s, i, out);
            }
            i = next < 0 ? i + 1 : Math.max(next, i + 1);
        }
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

    /** Bearer or Basic at {@code i}: where the scan resumes, or -1 if there is no such scheme word here. */
    private static int scheme(char[] s, int i, Findings out) {
        boolean bearer = Chars.matchesLower(s, i, "bearer");
        boolean basic = !bearer && Chars.matchesLower(s, i, "basic");
        if (!bearer && !basic) {
            return -1;
        }
        int n = s.length;
        int k = i + (bearer ? 6 : 5);
        int blanks = k;
        // "Bearer: <token>", "Bearer=<token>" (a header or a key=value log), "Bearer+<token>", as well as blanks
        if (k < n && (s[k] == ':' || s[k] == '=' || s[k] == '+')) {
            k++; // "+": a form-encoded blank ("Authorization=Bearer+…" in a query string)
        }
        while (k < n && (s[k] == ' ' || s[k] == '\t')) {
            k++;
        }
        if (k == blanks) {
            return -1; // "bearers", "basics"
        }
        int t = k;
        while (t < n && (bearer ? token68(s[t]) : base64(s[t]))) {
            t++;
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
        if (t > k && (bearer || decodesWithColon(s, k, t))) {
            out.add(PiiKind.TOKEN, i, e);
            return e;
        }
        return Math.max(k, i + 1);
    }

    /** A JWT starting at {@code i}: where the scan resumes, or -1 if none starts here. */
    private static int jwt(char[] s, int i, Findings out) {
        if (!eyJ(s, i)) {
            return -1;
        }
        int r = jwtAt(s, i, false, out);
        // Every later "eyJ" inside [i, p) ends its first part at p too, with the same rest: it fails or is covered
        // like this one, so the scan resumes at p either way.
        return r >= 0 ? r : ~r;
    }

    private static boolean eyJ(char[] s, int i) {
        return i + 2 < s.length && s[i] == 'e' && s[i + 1] == 'y' && s[i + 2] == 'J';
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
        String[][] candidates = BY_FIRST[s[i]];
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
            while (e < s.length && body(s[e], alphabet)) {
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

    private static boolean body(char c, char alphabet) {
        if (Chars.digit(c) || Chars.asciiLetter(c)) {
            return true;
        }
        return switch (alphabet) {
            case 'u' -> c == '_';
            case 'd' -> c == '-';
            case 'x' -> c == '_' || c == '-';
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

    /** Whether base64 {@code s[a, b)} (unpadded) decodes to bytes containing {@code ':'}. One pass, no allocation. */
    static boolean decodesWithColon(char[] s, int a, int b) {
        int bits = 0;
        int acc = 0;
        for (int k = a; k < b; k++) {
            char c = s[k];
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
