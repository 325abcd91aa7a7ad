package org.privacymetrics.core.pii;

import java.util.Map;

/**
 * Escapes read as the characters they stand for, before the detectors run: values copied from URLs, query strings or
 * HTML carry PII written as {@code val%40example.org}, {@code val%2540example.org} (encoded twice),
 * {@code val&#64;example.org}, {@code 203%2E0%2E113%2E5} or {@code Bearer%20…}, and a detector reading the escapes
 * would pass them. A finding covers the escapes it was decoded from.
 * <p>
 * Decoded: percent escapes {@code %XX} of printable ASCII ({@code %20..%7E}) and of the blanks {@code %09 %0A %0D}
 * ({@code Bearer%09…}: a credential's separator; other bytes, such as parts of UTF-8 sequences, stay as they are), numeric character references {@code &#DDD;} and {@code &#xHH;} of characters of the
 * Basic Multilingual Plane (then folded: {@code &#65312;} is {@code ＠}, read as {@code @}), and the named references of
 * the characters the detectors look at ({@code &commat; &period; &plus; &colon; &lpar; &rpar; &sol; &lowbar; &hyphen;
 * &nbsp; &percnt; &num; &amp; &quot; &Tab;}). Up to {@value #ROUNDS} rounds, each over what the round before left, so an
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
            Map.entry("amp", '&'), Map.entry("quot", '"'), Map.entry("Tab", '\t'));

    private static final int LONGEST_NAME = 6;

    /** How far past a '%' or '&' the parse of an escape there reads at most (see {@link #once}); 9 is enough. */
    private static final int REACH = 10;

    private Decode() {
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
            if (!round.more) {
                break; // the round's output holds no escape (see once): the next pass would find none
            }
        }
        return rounds == f.rounds() ? f : new Fold.Folded(s, f.from(), f.to(), rounds);
    }

    /**
     * One round over {@code s}, or null when it holds no escape. The round's {@link Round#more} says whether its output
     * may hold an escape, i.e. whether another round is worth a pass. Proof that it is sound: an escape of the output
     * starts at a '%' or '&' of the output, and each of those is either (a) a decoded character ({@code %25},
     * {@code &amp;}, …): then {@code more} is set; or (b) a '%' or '&' of the input at some p that was no escape in this
     * round and was copied. Reading an escape at p reads at most the characters up to p + {@value #REACH} (a '%' up
     * to p + 2; a reference up to its ';', at most p + 9 for {@code &#xFFFFFF;} or {@code &#1234567;}, p + 7 for a
     * name) and whether the text ends before them. If no escape of this round starts in (p, p + REACH], every
     * character after p up to p + REACH is copied one to one, and so is the end of the text if it comes before: the
     * output from p's copy on reads exactly as the input from p, so the parse that failed at p fails in the next
     * round too. Otherwise {@code more} is set.
     */
    private static Round once(char[] s) {
        int n = s.length;
        // The round's state in locals (the loop keeps them in registers), handed to a Round at the end.
        char[] t = null; // the output, allocated at the first escape
        int k = 0; // output length so far
        int[] o = null; // per escape: output position,
        int[] in = null; // input position (~position for an escape whose character is left out),
        int[] end = null; // and input end
        int count = 0;
        boolean more = false;
        int last = 0; // end of the input copied so far
        int reach = -1; // the last index read by the parse at the last '%' or '&' that was no escape (case (b))
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
                    if (b >= 0x20 && b <= 0x7E || b == 0x09 || b == 0x0A || b == 0x0D) { // printable, HTAB, LF, CR
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
                reach = p + REACH;
                continue;
            }
            char m = Fold.map((char) v);
            more |= p <= reach | m == '%' | m == '&'; // case (b) with an escape in (p, p + REACH], or case (a)
            if (t == null) {
                t = new char[n];
                o = new int[8];
                in = new int[8];
                end = new int[8];
            }
            if (p - last < 16) { // between dense escapes: cheaper than the call
                for (int i = last; i < p; i++) {
                    t[k++] = s[i];
                }
            } else {
                System.arraycopy(s, last, t, k, p - last);
                k += p - last;
            }
            if (count == o.length) {
                // Extrapolated from the density so far (count escapes in p characters), at least doubled, at most one
                // per 3 characters of the rest: dense escapes grow the arrays once or twice instead of ~log(n) times.
                int cap = (int) Math.min((long) count + (n - p) / 3 + 1,
                        Math.max(count * 2L, (long) count * n / Math.max(p, 1) + 16));
                o = java.util.Arrays.copyOf(o, cap);
                in = java.util.Arrays.copyOf(in, cap);
                end = java.util.Arrays.copyOf(end, cap);
            }
            o[count] = k;
            last = p + len;
            end[count] = last;
            if (m != Fold.DROP) {
                in[count] = p;
                t[k++] = m;
            } else {
                in[count] = ~p;
            }
            count++;
            p = last - 1;
        }
        if (t == null) {
            return null;
        }
        System.arraycopy(s, last, t, k, n - last);
        k += n - last;
        return new Round(java.util.Arrays.copyOf(t, k), o, in, end, count, more);
    }

    /**
     * One round of decoding: the decoded text, and its escapes in order (output position; input position, or its
     * complement for an escape whose character is left out, which takes no output position; input end), from which a
     * position of the text maps back to the round's input. Characters between escapes are copied one to one.
     */
    static final class Round {
        final char[] text;
        private final int[] o;
        private final int[] in;
        private final int[] end;
        private final int count;
        /** Whether the text may still hold an escape (see {@link Decode#once}). */
        private final boolean more;

        private Round(char[] text, int[] o, int[] in, int[] end, int count, boolean more) {
            this.text = text;
            this.o = o;
            this.in = in;
            this.end = end;
            this.count = count;
            this.more = more;
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
            int i = in[j];
            if (o[j] == p && i >= 0) {
                return i; // the decoded character itself
            }
            return p - o[j] - (i >= 0 ? 1 : 0) + end[j]; // copied after escape j
        }

        /** Where the output's span ending at {@code e} (exclusive) ends in the input. */
        int end(int e) {
            int q = e - 1;
            int j = last(q);
            if (j >= 0 && o[j] == q && in[j] >= 0) {
                return end[j];
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

    /** The value of each hex digit below 128, -1 for other characters: one load instead of a chain of branches. */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = 0; c < 128; c++) {
            if (c >= '0' && c <= '9') {
                HEX[c] = (byte) (c - '0');
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                HEX[c] = (byte) (10 + (c | 0x20) - 'a');
            }
        }
    }

    private static int hex(char c) {
        return c < 128 ? HEX[c] : -1;
    }
}
