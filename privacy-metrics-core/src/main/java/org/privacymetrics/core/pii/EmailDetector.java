package org.privacymetrics.core.pii;


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
 * Linear: the scan jumps from one at-sign character to the next ({@code @ ＠ %}); all other characters are read by
 * that skip loop only, and by the two bounded walks below.
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
        int percentEnd = -1; // end of a "%40" whose local run was walked, since lastEnd, or -1 (see below)
        int percentRunStart = -1; // start of the local run that ends at percentEnd (the run goes on through "%40")
        int found = 0;
        int i = 0;
        while (true) {
            // The next at-sign that can be part of an address, with its necessary conditions:
            // - '%' is an at-sign only as "%40", and a domain character must follow (a domain starts with one);
            // - '@' or '＠' needs a domain character after it too, and before it, after lastEnd, a local character
            //   or the quote that ends a quoted local part (a local run that ends at i holds s[i - 1]).
            // A rejected at-sign is not walked back from, and changes no state (the code before this reset
            // percentEnd at an '@'): a "%40" is made of local characters (see the walk below), and '@' and
            // '＠' are none, so a walk back from a later at-sign stops after them, above any percentEnd before them.
            i = nextAt(s, i);
            if (i >= n) {
                return;
            }
            int at;
            char c = s[i];
            if (c == '%') {
                if (i + 3 >= n || s[i + 1] != '4' || s[i + 2] != '0' || !domain(s[i + 3])) {
                    i++;
                    continue;
                }
                at = 3;
            } else {
                if (i + 1 >= n || !domain(s[i + 1]) || i == lastEnd || !(local(s[i - 1]) || s[i - 1] == '"')) {
                    i++;
                    continue;
                }
                at = 1;
            }
            // The run of local characters that ends just before i, not reaching back before lastEnd nor before
            // percentEnd (<= i: the end of a "%40" walked before i), where it goes on through that "%40". After a
            // walk no later walk goes below i: a finding moves lastEnd past i, a "%40" sets percentEnd, and an '@' is
            // no local character. A "%40" rejected above was not walked and set no percentEnd: it is made of local
            // characters, so a later walk that reaches it goes on through it and finds the run start and
            // letter-or-digit that would have been memoised (its "40" digits included).
            int k = i;
            boolean alnum = false;
            int stop = Math.max(lastEnd, percentEnd);
            while (k > stop && local(s[k - 1])) {
                alnum |= Chars.alnum(s[--k]);
            }
            if (k == percentEnd && k > lastEnd) {
                k = percentRunStart; // the run goes on through the previous "%40", which holds digits
                alnum = true;
            }
            int localStart = localStart(s, i, alnum && k < i ? k : -1, lastEnd);
            int domainEnd = localStart < 0 ? -1 : domainEnd(s, i + at);
            if (domainEnd > 0) {
                out.add(PiiKind.EMAIL, localStart, domainEnd);
                if (++found == DENSE) {
                    // Many addresses: room for as many again per character in the rest (each holds >= 3 characters).
                    out.reserve((int) Math.min((n - domainEnd) / 3 + 1, (long) DENSE * (n - domainEnd) / domainEnd + DENSE));
                }
                lastEnd = domainEnd;
                i = domainEnd;
                percentEnd = -1;
                continue;
            }
            if (at == 3) {
                percentEnd = i + 3;
                percentRunStart = k;
            } else {
                percentEnd = -1; // '@' and '＠' are no local characters: no run goes through them
            }
            i += at;
        }
    }

    /** The first index at or after {@code i} holding {@code @}, {@code ＠} or {@code %}, or {@code s.length}. */
    private static int nextAt(char[] s, int i) {
        int n = s.length;
        while (i < n) {
            if (Chars.isU(s[i], Chars.U_AT)) {
                return i;
            }
            i++;
        }
        return n;
    }

    /** Start of the local part that ends at the at-sign {@code at}, or -1; {@code runStart} the start of the local run before it if that run holds a letter or digit, else -1. */
    private static int localStart(char[] s, int at, int runStart, int lastEnd) {
        if (at > lastEnd && s[at - 1] == '"') {
            // Quoted: the nearest earlier quote, within MAX_QUOTED characters, with no line break in between.
            for (int q = at - 2; q >= Math.max(lastEnd, at - 1 - MAX_QUOTED); q--) {
                char c = s[q];
                if (c == '"') {
                    return q < at - 2 ? q : -1;
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

    /** End of the domain that starts at {@code i}, after its last label containing a letter, or -1. */
    private static int domainEnd(char[] s, int i) {
        int n = s.length;
        int end = -1;
        int k = i;
        while (true) {
            int labelStart = k;
            boolean letter = false;
            while (k < n && domain(s[k])) {
                letter |= Chars.isU(s[k], Chars.U_LETTER);
                k++;
            }
            if (k == labelStart) {
                return end; // empty label: ".." or a leading or trailing dot
            }
            if (letter) {
                end = k;
            }
            if (k >= n || !dot(s[k])) {
                return end;
            }
            k++;
        }
    }

    /** Characters of an unquoted local part (RFC 5322 atext, without {@code /=?&}, which rather delimit URL parts). */
    static boolean local(char c) {
        return Chars.isU(c, Chars.U_LOCAL);
    }

    private static boolean domain(char c) {
        return Chars.isU(c, Chars.U_DOMAIN);
    }

    private static boolean dot(char c) {
        return c == '.' || c == '\uFF0E' || c == '\u3002';
    }
}
