package org.privacymetrics.core.pii;

import java.util.Map;

/**
 * Escapes read as the characters they stand for, before the detectors run: values copied from URLs, query strings or
 * HTML carry PII written as {@code val%40example.org}, {@code val%2540example.org} (encoded twice),
 * {@code val&#64;example.org}, {@code 203%2E0%2E113%2E5} or {@code Bearer%20…}, and a detector reading the escapes
 * would pass them. A finding covers the escapes it was decoded from.
 * <p>
 * Decoded: percent escapes {@code %XX} of printable ASCII ({@code %20..%7E}; other bytes, such as parts of UTF-8
 * sequences, stay as they are), numeric character references {@code &#DDD;} and {@code &#xHH;} of characters of the
 * Basic Multilingual Plane (then folded: {@code &#65312;} is {@code ＠}, read as {@code @}), and the named references of
 * the characters the detectors look at ({@code &commat; &period; &plus; &colon; &lpar; &rpar; &sol; &lowbar; &hyphen;
 * &nbsp; &percnt; &num; &amp; &quot;}). Up to {@value #ROUNDS} rounds, each over what the round before left, so an
 * escape of an escape ({@code %2540}, {@code &amp;#64;}) is read too; each round is one linear pass, so decoding is
 * linear.
 */
final class Decode {

    /** Rounds of decoding: an escape of an escape of an escape is read; a fourth level is left as it is. */
    static final int ROUNDS = 3;

    private static final Map<String, Character> NAMED = Map.ofEntries(
            Map.entry("commat", '@'), Map.entry("period", '.'), Map.entry("plus", '+'), Map.entry("colon", ':'),
            Map.entry("lpar", '('), Map.entry("rpar", ')'), Map.entry("sol", '/'), Map.entry("lowbar", '_'),
            Map.entry("hyphen", '-'), Map.entry("nbsp", ' '), Map.entry("percnt", '%'), Map.entry("num", '#'),
            Map.entry("amp", '&'), Map.entry("quot", '"'));

    private static final int LONGEST_NAME = 6;

    private Decode() {
    }

    /** Whether {@code s} may hold an escape (only then is {@link #apply} worth calling). */
    static boolean mayHaveEscapes(String s) {
        return s.indexOf('%') >= 0 || s.indexOf('&') >= 0; // both intrinsics: a vectorised scan each
    }

    /** Whether the (folded) text may hold an escape. */
    static boolean mayHaveEscapes(char[] s) {
        for (char c : s) {
            if (c == '%' || c == '&') {
                return true;
            }
        }
        return false;
    }

    static final Round[] NO_ROUNDS = new Round[0];

    /** {@code f} with its escapes decoded, each round's spans kept so that every character still maps to the scanned text. */
    static Fold.Folded apply(Fold.Folded f) {
        char[] s = f.s();
        Round[] rounds = f.rounds();
        for (int r = 0; r < ROUNDS; r++) {
            Round round = once(s);
            if (round == null) {
                break;
            }
            rounds = java.util.Arrays.copyOf(rounds, rounds.length + 1);
            rounds[rounds.length - 1] = round;
            s = round.text;
        }
        return rounds == f.rounds() ? f : new Fold.Folded(s, f.from(), f.to(), rounds);
    }

    /** One round over {@code s}, or null when it holds no escape. */
    private static Round once(char[] s) {
        int n = s.length;
        Round round = null;
        int last = 0; // end of the input copied so far
        for (int p = 0; p < n; p++) {
            char c = s[p];
            if (c != '%' && c != '&') {
                continue; // the only branch for most characters
            }
            int len = 0;
            int v = -1;
            if (c == '%') {
                if (p + 2 < n) {
                    int b = hex(s[p + 1]) << 4 | hex(s[p + 2]); // negative when either is no hex digit
                    if (b >= 0x20 && b <= 0x7E) {
                        v = b;
                        len = 3;
                    }
                }
            } else {
                long ref = reference(s, p);
                if (ref >= 0) {
                    v = (int) (ref & 0xFFFF);
                    len = (int) (ref >>> 16);
                }
            }
            if (len == 0) {
                continue;
            }
            if (round == null) {
                round = new Round(n);
            }
            round.copy(s, last, p);
            round.escape(p, len, Fold.map((char) v));
            last = p + len;
            p = last - 1;
        }
        if (round == null) {
            return null;
        }
        round.copy(s, last, n);
        round.finish();
        return round;
    }

    /**
     * One round of decoding: the decoded text, and its escapes in order (output position, input position, input
     * length, output width: 1, or 0 for a character left out), from which a position of the text maps back to the
     * round's input. Characters between escapes are copied one to one.
     */
    static final class Round {
        char[] text;
        private int k; // output length so far
        private int[] o = new int[8];
        private int[] in = new int[8];
        private int[] len = new int[8];
        private int[] w = new int[8];
        private int count;

        private Round(int n) {
            text = new char[n];
        }

        private void copy(char[] s, int from, int to) {
            if (to - from < 16) { // between dense escapes: cheaper than the call
                for (int i = from; i < to; i++) {
                    text[k++] = s[i];
                }
                return;
            }
            System.arraycopy(s, from, text, k, to - from);
            k += to - from;
        }

        private void escape(int p, int length, char m) {
            if (count == o.length) {
                o = java.util.Arrays.copyOf(o, count * 2);
                in = java.util.Arrays.copyOf(in, count * 2);
                len = java.util.Arrays.copyOf(len, count * 2);
                w = java.util.Arrays.copyOf(w, count * 2);
            }
            o[count] = k;
            in[count] = p;
            len[count] = length;
            w[count] = m == Fold.DROP ? 0 : 1;
            count++;
            if (m != Fold.DROP) {
                text[k++] = m;
            }
        }

        private void finish() {
            text = java.util.Arrays.copyOf(text, k);
        }

        private int hint = -1; // the answer of the last query: findings are mapped in increasing order

        /**
         * The last escape whose output starts at or before {@code p}, or -1: from the last answer onwards when the
         * queries increase (as the findings of a scan do: O(1) amortised), by binary search otherwise.
         */
        private int last(int p) {
            int j = hint;
            if (j < 0 || o[j] <= p) {
                int steps = 0;
                while (j + 1 < count && o[j + 1] <= p && steps++ < 16) {
                    j++;
                }
                if (j + 1 >= count || o[j + 1] > p) {
                    hint = j;
                    return j;
                }
            }
            hint = search(p);
            return hint;
        }

        private int search(int p) {
            int lo = 0;
            int hi = count - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (o[mid] <= p) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        /** Where the character at {@code p} of the output starts in the input. */
        int start(int p) {
            int j = last(p);
            if (j < 0) {
                return p;
            }
            if (o[j] == p && w[j] == 1) {
                return in[j]; // the decoded character itself
            }
            return p - (o[j] + w[j]) + in[j] + len[j]; // copied after escape j
        }

        /** Where the output's span ending at {@code e} (exclusive) ends in the input. */
        int end(int e) {
            int q = e - 1;
            int j = last(q);
            if (j >= 0 && o[j] == q && w[j] == 1) {
                return in[j] + len[j];
            }
            return start(q) + 1;
        }
    }

    /** The character reference at {@code i} ({@code s[i] == '&'}): its char in the low 16 bits, its length above; or -1. */
    private static long reference(char[] s, int i) {
        int n = s.length;
        int j = i + 1;
        if (j < n && s[j] == '#') {
            j++;
            boolean hexRef = j < n && (s[j] == 'x' || s[j] == 'X');
            if (hexRef) {
                j++;
            }
            int start = j;
            int value = 0;
            int maxDigits = hexRef ? 6 : 7; // enough for U+10FFFF; longer references are left as they are
            while (j < n && j - start < maxDigits) {
                int d = hexRef ? hex(s[j]) : (char) (s[j] - '0') <= 9 ? s[j] - '0' : -1;
                if (d < 0) {
                    break;
                }
                value = value * (hexRef ? 16 : 10) + d;
                j++;
            }
            if (j == start || j >= n || s[j] != ';' || value == 0 || value > 0xFFFF
                    || Character.isSurrogate((char) value)) {
                return -1;
            }
            return (long) (j + 1 - i) << 16 | value;
        }
        int start = j;
        while (j < n && j - start < LONGEST_NAME && (char) ((s[j] | 0x20) - 'a') < 26) {
            j++;
        }
        if (j == start || j >= n || s[j] != ';') {
            return -1;
        }
        Character c = NAMED.get(new String(s, start, j - start));
        return c == null ? -1 : (long) (j + 1 - i) << 16 | c;
    }

    private static int hex(char c) {
        if ((char) (c - '0') <= 9) {
            return c - '0';
        }
        int l = (c | 0x20) - 'a';
        return l >= 0 && l < 6 ? 10 + l : -1;
    }
}
