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
            if (!(c == 'b' || c == 'B' || c == 'e' || c < 128 && BY_FIRST[c] != null)) {
                i++;
                continue;
            }
            if (Chars.wordAt(s, i - 1)) {
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
        // "Bearer: <token>", "Bearer=<token>" (a header or a key=value log), "Bearer+<token>", as well as blanks
        // added 2026-12-02, in the engine too
        if (k < n && (s.charAt(k) == ':' || s.charAt(k) == '=' || s.charAt(k) == '+')) {
            k++; // "+": a form-encoded blank ("Authorization=Bearer+…" in a query string)
        }
        while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k++;
        }
        if (k == blanks) {
            return -1; // "bearers", "basics"
        }
        int t = k;
        while (t < n && (bearer ? token68(s.charAt(t)) : base64(s.charAt(t)))) {
            t++;
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
        if (t > k && (bearer || decodesWithColon(s, k, t))) {
            out.add(new Finding(PiiKind.TOKEN, i, e));
            return e;
        }
        return Math.max(k, i + 1);
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

    private static boolean eyJ(CharSequence s, int i) {
        return i + 2 < s.length() && s.charAt(i) == 'e' && s.charAt(i + 1) == 'y' && s.charAt(i + 2) == 'J';
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
