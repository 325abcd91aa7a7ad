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

    /** {@code f} with its escapes decoded, spans composed so that each character still maps to the scanned text. */
    static Fold.Folded apply(Fold.Folded f) {
        for (int round = 0; round < ROUNDS; round++) {
            Fold.Folded next = once(f);
            if (next == null) {
                break;
            }
            f = next;
        }
        return f;
    }

    /** One round, or null when nothing was decoded. */
    private static Fold.Folded once(Fold.Folded f) {
        char[] s = f.s();
        int n = s.length;
        char[] out = null;
        int[] from = null;
        int[] to = null;
        int k = 0;
        for (int i = 0; i < n;) {
            char c = s[i];
            int len = 0;
            int v = -1;
            if (c == '%' && i + 2 < n) {
                int b = hex(s[i + 1]) << 4 | hex(s[i + 2]);
                if (b >= 0x20 && b <= 0x7E) { // hex() is -1 for a non-hex digit, which makes b negative
                    v = b;
                    len = 3;
                }
            } else if (c == '&') {
                long ref = reference(s, i);
                if (ref >= 0) {
                    v = (int) (ref & 0xFFFF);
                    len = (int) (ref >>> 16);
                }
            }
            if (len == 0) {
                if (out != null) {
                    out[k] = c;
                    from[k] = f.start(i);
                    to[k] = f.end(i + 1);
                }
                k++;
                i++;
                continue;
            }
            if (out == null) { // the first escape: copy what came before it
                out = new char[n];
                from = new int[n];
                to = new int[n];
                for (int j = 0; j < i; j++) {
                    out[j] = s[j];
                    from[j] = f.start(j);
                    to[j] = f.end(j + 1);
                }
            }
            char m = Fold.map((char) v);
            if (m != Fold.DROP) {
                out[k] = m;
                from[k] = f.start(i);
                to[k] = f.end(i + len);
                k++;
            }
            i += len;
        }
        if (out == null) {
            return null;
        }
        return new Fold.Folded(java.util.Arrays.copyOf(out, k), java.util.Arrays.copyOf(from, k), java.util.Arrays.copyOf(to, k));
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
