package org.privacymetrics.core.pii;

/**
 * Escapes read as the characters they stand for, before the detectors run: values copied from URLs, query strings or
 * HTML carry PII written as {@code val%40example.org}, {@code val%2540example.org} (encoded twice),
 * {@code val&#64;example.org}, {@code 203%2E0%2E113%2E5} or {@code Bearer%20…}, and a detector reading the escapes
 * would pass them. A finding covers the escapes it was decoded from.
 * <p>
 * Decoded (the spellings: {@link Escape}): percent escapes of ASCII and of UTF-8 sequences, HTML character references
 * (numeric, and the named ones of the characters the detectors look at), JSON/JavaScript/C backslash escapes; each
 * decoded character is folded ({@code &#65312;} is {@code ＠}, read as {@code @}). Up to {@value #ROUNDS} rounds, each
 * over what the round before left, so an
 * escape of an escape ({@code %2540}, {@code &amp;#64;}) is read too; each round is one linear pass, so decoding is
 * linear.
 */
final class Decode {

    /** Rounds of decoding: an escape of an escape of an escape is read; a fourth level is left as it is. */
    static final int ROUNDS = 3;

    private Decode() {
    }

    static final Round[] NO_ROUNDS = new Round[0];

    /** {@code f} with its escapes decoded, each round's spans kept so that every character still maps to the scanned text. */
    static Fold.Folded apply(Fold.Folded f) {
        return apply(f, false);
    }

    /**
     * {@link #apply(Fold.Folded)}, or with {@code second}, the second reading of the escapes that may be read two ways
     * ({@link Escape#AMBIGUOUS}: {@link Escape#second}), and of an escape of an invisible character between digits,
     * read as a space ({@code 4111%E2%80%8B1111 1111 1111}: a reader sees a separator, or none). Whether a round's
     * text has such an escape is {@link Round#ambiguous}; {@link SecondReading} scans both readings then.
     */
    static Fold.Folded apply(Fold.Folded f, boolean second) {
        char[] s = f.s();
        Round[] rounds = f.rounds();
        if (EncodedWord.mayHave(s)) {
            Round words = words(s);
            if (words != null) {
                rounds = java.util.Arrays.copyOf(rounds, rounds.length + 1);
                rounds[rounds.length - 1] = words;
                s = words.text;
            }
        }
        for (int r = 0; r < ROUNDS; r++) {
            Round round = once(s, second);
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
     * {@link #apply(Fold.Folded, boolean) apply(f, true)}, the second reading, given {@code first}, the first reading
     * ({@code apply(f)}), and in less work when it can: the rounds before the first one that met an ambiguous escape
     * read the same both ways (nothing in them reads otherwise), so they are the first reading's; that round's second
     * reading is the first's with its ambiguous escapes read the other way ({@link Round#secondWay}), not a second
     * parse of every escape (unless an escaped invisible character stands next to digits there); the rounds after it
     * are parsed again (their input differs). The same result as {@code apply(f, true)} (the proof is on
     * {@link Round#secondWay}).
     */
    static Fold.Folded second(Fold.Folded f, Fold.Folded first) {
        Round[] all = first.rounds();
        int r = f.rounds().length;
        int parsed = 0; // rounds of once() before r
        while (r < all.length && all[r].ambiguous == 0) {
            parsed += all[r].words ? 0 : 1;
            r++;
        }
        if (r == all.length || !all[r].derivable) {
            return apply(f, true);
        }
        Round[] rounds = java.util.Arrays.copyOf(all, r + 1);
        Round derived = all[r].secondWay(r == 0 ? f.s() : all[r - 1].text);
        if (derived == null) {
            return apply(f, true);
        }
        rounds[r] = derived;
        char[] s = derived.text;
        for (int i = parsed + 1; i < ROUNDS && derived.more; i++) { // as apply() goes on after that round
            Round round = once(s, true);
            if (round == null) {
                break;
            }
            rounds = java.util.Arrays.copyOf(rounds, rounds.length + 1);
            rounds[rounds.length - 1] = round;
            s = round.text;
            if (!round.more) {
                break;
            }
        }
        return new Fold.Folded(s, f.from(), f.to(), rounds);
    }

    /**
     * One round over {@code s}, or null when it holds no escape. The round's {@link Round#more} says whether its output
     * may hold an escape, i.e. whether another round is worth a pass. Proof that it is sound: an escape of the output
     * starts at a '%', '&' or '\' of the output, and each of those is either (a) a decoded character ({@code %25},
     * {@code &amp;}, {@code \\}, …): then {@code more} is set; or (b) a '%', '&' or '\' of the input at some p that
     * was no escape in this round and was copied. The parse at p ({@link Escape#at}) reads no further than the index e
     * it returns, and whether the text ends before it. If no escape of this round starts in (p, e], every character
     * after p up to e is copied one to one, and so is the end of the text if it comes before: the output from p's copy
     * on reads exactly as the input from p, so the parse that failed at p fails in the next round too. Otherwise
     * {@code more} is set ({@code reach} is the largest such e so far).
     */
    private static Round once(char[] s, boolean second) {
        int n = s.length;
        // The round's state in locals (the loop keeps them in registers), handed to a Round at the end.
        char[] t = null; // the output, allocated at the first escape
        int k = 0; // output length so far
        int[] o = null; // per escape: output position,
        int[] in = null; // input position (~position for an escape whose character is left out),
        int[] end = null; // and input end
        int count = 0;
        boolean more = false;
        int ambiguous = 0; // Round.NUMBERS, Round.REFERENCE
        int[] marks = null; // second reading: output positions where it reads otherwise than the first
        int markCount = 0;
        // first reading: its ambiguous escapes (Round#secondWay), whether no escaped invisible character stands between
        // digits, and whether the other escapes alone set more
        int[] flagged = null;
        int[] ways = null;
        int flaggedCount = 0;
        boolean derivable = true;
        boolean moreFlagged = false;
        int last = 0; // end of the input copied so far
        int reach = -1; // the last index read by the parse at the last '%' or '&' that was no escape (case (b))
        for (int p = 0; p < n; p++) {
            char c = s[p];
            if (c != '%' && c != '&' && c != '\\') {
                continue; // the only branch for most characters
            }
            long esc = Escape.at(s, p); // its character and length, or ~(the last index its parse read)
            boolean isFlagged = false;
            if (esc >= Escape.AMBIGUOUS) { // rare: a positive answer with the flag
                ambiguous |= c == '&' ? Round.REFERENCE : Round.NUMBERS;
                if (second) {
                    esc = Escape.second(s, p);
                    // where the decoded character is written, or the last digit of the escape left as written
                    marks = mark(marks, markCount++, k + (esc >= 0 ? p : (int) ~esc - 1) - last);
                } else {
                    // the index this escape gets, and whether a failed parse before it reached it (Round#secondWay)
                    flagged = mark(flagged, flaggedCount++, count << 1 | (p <= reach ? 1 : 0));
                    int way = Escape.way(esc); // its second reading, packed (Round#secondWay); 0 for a percent escape
                    if (way != 0 || ways != null) { // none stored until one is not 0 (all 0 before it): "%4111 " pays none
                        ways = ways == null ? new int[flagged.length] : ways;
                        ways = mark(ways, flaggedCount - 1, way);
                    }
                    isFlagged = true;
                }
            }
            if (esc < 0) {
                reach = Math.max(reach, (int) ~esc);
                continue;
            }
            int len = (int) (esc >>> 16);
            char m = Fold.map((char) esc);
            if (m == Fold.DROP && p + len < n && Chars.digit(s[p + len])
                    && (t == null ? p > 0 && Chars.digit(s[p - 1]) : k + p - last > 0 && Chars.digit(p > last ? s[p - 1] : t[k - 1]))) {
                ambiguous |= Round.NUMBERS; // an invisible character between digits: none, or a separator
                derivable = false;
                if (second) {
                    m = ' ';
                    marks = mark(marks, markCount++, k + p - last);
                }
            }
            boolean adds = p <= reach | m == '%' | m == '&' | m == '\\'; // case (b) with an escape in (p, reach], or (a)
            if (isFlagged) {
                moreFlagged |= adds;
            } else {
                more |= adds;
            }
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
            if (marks == null) {
                return null;
            }
            // A second reading that decoded nothing, only read escapes as written: the text as it is (no round
            // writes to a text it was given), and its marks.
            Round round = new Round(s, NO_MARKS, NO_MARKS, NO_MARKS, 0, false, ambiguous);
            round.marks = java.util.Arrays.copyOf(marks, markCount);
            return round;
        }
        System.arraycopy(s, last, t, k, n - last);
        k += n - last;
        Round round = new Round(java.util.Arrays.copyOf(t, k), o, in, end, count, more | moreFlagged, ambiguous);
        round.marks = marks == null ? NO_MARKS : java.util.Arrays.copyOf(marks, markCount);
        if (flagged != null) {
            round.flagged = java.util.Arrays.copyOf(flagged, flaggedCount);
            round.ways = ways;
            round.derivable = derivable;
            round.moreUnflagged = more;
        }
        return round;
    }

    private static final int[] NO_MARKS = new int[0];

    /** {@code marks} with {@code at} stored at index {@code i}, grown when full. */
    private static int[] mark(int[] marks, int i, int at) {
        if (marks == null) {
            marks = new int[8];
        } else if (i == marks.length) {
            marks = java.util.Arrays.copyOf(marks, i * 2);
        }
        marks[i] = at;
        return marks;
    }

    /**
     * The round that reads the MIME encoded words of {@code s} ({@link EncodedWord}), before the other escapes, or null
     * when it has none: each word's header and end left out, its {@code =XX} bytes and {@code _} read. Linear: a word
     * is read once, and the search for its end reads at most {@value EncodedWord#LONGEST} characters from its start.
     */
    private static Round words(char[] s) {
        int n = s.length;
        char[] t = null;
        int k = 0;
        int[] o = null;
        int[] in = null;
        int[] end = null;
        int count = 0;
        int last = 0;
        for (int p = 0; p + 1 < n; p++) {
            if (s[p] != '=' || s[p + 1] != '?') {
                continue;
            }
            int from = EncodedWord.header(s, p);
            int close = from < 0 ? -1 : EncodedWord.close(s, from, p);
            if (close < 0) {
                continue;
            }
            if (t == null) {
                t = new char[n];
                o = new int[16];
                in = new int[16];
                end = new int[16];
            }
            if (count + 2 + close - from > o.length) { // at most one escape per character of the word, and two more
                int cap = Math.max(o.length * 2, count + 2 + close - from);
                o = java.util.Arrays.copyOf(o, cap);
                in = java.util.Arrays.copyOf(in, cap);
                end = java.util.Arrays.copyOf(end, cap);
            }
            k = copy(s, last, t, k, p - last);
            o[count] = k; // the header, left out
            in[count] = ~p;
            end[count++] = from;
            last = from;
            for (int i = from; i < close; i++) {
                char c = s[i];
                long esc = c == '_' ? 1L << 16 | ' ' : c == '=' ? Escape.bytes(s, i, 1) : -1;
                int len = (int) (esc >>> 16);
                if (esc < 0 || i + len > close) {
                    continue;
                }
                k = copy(s, last, t, k, i - last);
                char m = Fold.map((char) esc);
                o[count] = k;
                end[count] = i + len;
                if (m != Fold.DROP) {
                    in[count++] = i;
                    t[k++] = m;
                } else {
                    in[count++] = ~i;
                }
                last = i + len;
                i = last - 1;
            }
            k = copy(s, last, t, k, close - last);
            o[count] = k; // the closing ?=, left out
            in[count] = ~close;
            end[count++] = close + 2;
            last = close + 2;
            p = last - 1;
        }
        if (t == null) {
            return null;
        }
        System.arraycopy(s, last, t, k, n - last);
        k += n - last;
        Round round = new Round(java.util.Arrays.copyOf(t, k), o, in, end, count, true, 0);
        round.words = true;
        return round;
    }

    /**
     * {@code length} characters of {@code s} from {@code from} written to {@code t} at {@code k}: the new length of
     * {@code t}. A few characters (between dense escapes) in a loop, cheaper than the call.
     */
    private static int copy(char[] s, int from, char[] t, int k, int length) {
        if (length < 16) {
            for (int i = 0; i < length; i++) {
                t[k + i] = s[from + i];
            }
        } else {
            System.arraycopy(s, from, t, k, length);
        }
        return k + length;
    }

    /**
     * What the rounds of {@code f}'s decoding met that {@link #apply(Fold.Folded, boolean)} reads otherwise: 0, or
     * {@link Round#NUMBERS} and {@link Round#REFERENCE} or'ed.
     */
    static int ambiguous(Fold.Folded f) {
        int a = 0;
        for (Round r : f.rounds()) {
            a |= r.ambiguous;
        }
        return a;
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
        /** An escape next to digits that the second reading reads otherwise: a percent escape, an invisible character. */
        static final int NUMBERS = 1;
        /** A numeric reference without {@code ;}, which the second reading may read as {@code @ . +}. */
        static final int REFERENCE = 2;
        /** What the round met that the second reading reads otherwise: 0, {@link #NUMBERS}, {@link #REFERENCE}. */
        private final int ambiguous;

        /** In a round of the second reading: the output positions where it reads otherwise than the first, in order. */
        int[] marks = NO_MARKS;

        /** Whether this is the round of MIME encoded words ({@link Decode#words}), which reads nothing two ways. */
        boolean words;

        /**
         * In a round of the first reading: its {@link Escape#AMBIGUOUS} escapes in order, or null: each its index,
         * shifted left by one, and in bit 0 whether a failed parse before it read as far as its start.
         */
        int[] flagged;
        /** Whether no escape of an invisible character stood between digits (the second reading reads it as a space). */
        boolean derivable;
        /**
         * Per {@link #flagged} escape, in the same order: its {@link Escape#way} (at least as long as {@link #flagged}),
         * or null when every one is 0.
         */
        int[] ways;
        /** Whether the escapes other than {@link #flagged} set {@link #more} on their own. */
        boolean moreUnflagged;

        /**
         * The round {@code once(s, true)} makes of this round's input {@code s} (a round of the first reading whose
         * {@link #derivable}), from this round, or null when it cannot tell: each {@link #flagged} escape read the
         * second way ({@link Escape#second}: a percent escape, or a reference without ';' with no shorter reading, as
         * written; a reference's shortest prefix, then its other digits as written), the marks there, the other
         * escapes as they are. Proof that it is the same round (text, escapes, {@link #more}, {@link #ambiguous},
         * marks): between a flagged escape's start p and its end e stand only hex digits, '#' and 'x' (a percent
         * escape {@code %XY}, a numeric reference without ';'), no '%', '&' or '', so once, reading it the second
         * way, parses nothing in (p, e) and goes on at e as the first reading did: it parses the same escapes after
         * it, with the same answers (Escape.at reads only the input). The test for an invisible character between
         * digits reads the character before the escape, which differs only right after a flagged escape: null then.
         * Left as written, the escape leaves {@code ~e} in reach and no escape starts at e (a percent escape is
         * followed by a digit; a reference is left as written only before a blank, '-', '.' or a digit), so more is
         * set by the other escapes as in this round ({@link #moreUnflagged}), and by a shortest prefix read when the
         * first reading's escape there was reached by a failed parse before it (bit 0 of {@link #flagged}). A mark
         * is where once() puts it: the prefix's character, or the last character of the escape as written.
         */
        Round secondWay(char[] s) {
            int[] a = flagged;
            int na = a.length;
            long[] other = new long[na];
            int kept = count - na;
            int grow = 0;
            for (int f = 0; f < na; f++) {
                int j = a[f] >> 1;
                int p = in[j] >= 0 ? in[j] : ~in[j];
                int e = end[j];
                if (j + 1 < count && in[j + 1] == ~e) {
                    return null; // an escape of an invisible character right after it: see above
                }
                long esc = Escape.second(s, p, e, ways == null ? 0 : ways[f]); // Escape.second(s, p), from the first parse
                if (esc >= 0 ? Fold.map((char) esc) == Fold.DROP || p + (int) (esc >>> 16) > e : (int) ~esc != e) {
                    return null; // not read as above (Escape.second never answers so)
                }
                other[f] = esc;
                grow += (esc >= 0 ? 1 + e - p - (int) (esc >>> 16) : e - p) - (in[j] >= 0 ? 1 : 0);
                kept += esc >= 0 ? 1 : 0;
            }
            if (kept == 0) {
                // Every escape of the round is flagged and read as written ("%4111 " repeated): the round reads its
                // input as it is, as once() answers for a second reading that decoded nothing (no round writes to a
                // text it was given); each mark is the escape's last character. O(flagged escapes), no copy (speed9:
                // the copy in pieces of 2-3 characters was a quarter of building such a second reading).
                int[] marks2 = new int[na];
                for (int f = 0; f < na; f++) {
                    marks2[f] = end[a[f] >> 1] - 1;
                }
                Round round = new Round(s, NO_MARKS, NO_MARKS, NO_MARKS, 0, moreUnflagged, ambiguous);
                round.marks = marks2;
                return round;
            }
            char[] t = new char[text.length + grow];
            int[] o2 = new int[kept];
            int[] in2 = new int[kept];
            int[] end2 = new int[kept];
            int[] marks2 = new int[na];
            boolean more2 = moreUnflagged;
            int w = 0; // written to t
            int from = 0; // read from text
            int j2 = 0;
            int f = 0;
            for (int j = 0; j < count; j++) {
                if (f == na || a[f] >> 1 != j) {
                    o2[j2] = o[j] + w - from; // text after `from` is copied one to one
                    in2[j2] = in[j];
                    end2[j2++] = end[j];
                    continue;
                }
                int at = o[j];
                w = copy(text, from, t, w, at - from);
                from = at + (in[j] >= 0 ? 1 : 0);
                int p = in[j] >= 0 ? in[j] : ~in[j];
                int e = end[j];
                long esc = other[f];
                if (esc >= 0) { // the shortest prefix, then the rest of its digits as written
                    int len = (int) (esc >>> 16);
                    o2[j2] = w;
                    in2[j2] = p;
                    end2[j2++] = p + len;
                    marks2[f] = w;
                    t[w++] = Fold.map((char) esc);
                    w = copy(s, p + len, t, w, e - p - len);
                    more2 |= (a[f] & 1) != 0;
                } else { // as written
                    marks2[f] = w + e - 1 - p;
                    w = copy(s, p, t, w, e - p);
                }
                f++;
            }
            copy(text, from, t, w, text.length - from);
            Round round = new Round(t, o2, in2, end2, kept, more2, ambiguous);
            round.marks = marks2;
            return round;
        }

        /**
         * Where the character at input position {@code q} is in the output: its copy, or the escape it is part of.
         */
        int forward(int q) {
            int lo = 0;
            int hi = count - 1;
            int j = -1;
            while (lo <= hi) { // the last escape starting at or before q
                int mid = (lo + hi) >>> 1;
                int start = in[mid] >= 0 ? in[mid] : ~in[mid];
                if (start <= q) {
                    j = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (j < 0) {
                return q;
            }
            return q < end[j] ? o[j] : o[j] + (in[j] >= 0 ? 1 : 0) + q - end[j];
        }

        private Round(char[] text, int[] o, int[] in, int[] end, int count, boolean more, int ambiguous) {
            this.ambiguous = ambiguous;
            this.text = text;
            this.o = o;
            this.in = in;
            this.end = end;
            this.count = count;
            this.more = more;
        }

        /** The last escape whose output starts at or before {@code p}, or -1 (binary search). */
        private int last(int p) {
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
            return start(p, last(p));
        }

        /** Where the output's span ending at {@code e} (exclusive) ends in the input. */
        int end(int e) {
            return end(e, last(e - 1));
        }

        /** {@link #start(int)} given {@code j}, the last escape whose output starts at or before {@code p}. */
        private int start(int p, int j) {
            if (j < 0) {
                return p;
            }
            int i = in[j];
            if (o[j] == p && i >= 0) {
                return i; // the decoded character itself
            }
            return p - o[j] - (i >= 0 ? 1 : 0) + end[j]; // copied after escape j
        }

        /** {@link #end(int)} given {@code j}, the last escape whose output starts at or before {@code e - 1}. */
        private int end(int e, int j) {
            int q = e - 1;
            if (j >= 0 && o[j] == q && in[j] >= 0) {
                return end[j];
            }
            return start(q, j) + 1;
        }

        /**
         * Maps the findings packed in {@code a[0, size)} (kind, start, end; ordered by start, not overlapping) from
         * the round's output to its input, in place, in one walk along the escapes: the positions asked for increase
         * (start &lt;= end - 1 &lt; next start), so the walk never goes back, and the whole costs O(findings + escapes).
         * Each answer is {@link #start(int)}'s / {@link #end(int)}'s; the mapped findings are again ordered and not
         * overlapping, as both maps increase and a later character's span starts after an earlier one's ends.
         */
        void map(int[] a, int size) {
            int[] o = this.o;
            int count = this.count;
            int j = -1;
            for (int f = 0; f < size; f += 3) {
                int p = a[f + 1];
                while (j + 1 < count && o[j + 1] <= p) {
                    j++;
                }
                a[f + 1] = start(p, j);
                int q = a[f + 2] - 1;
                while (j + 1 < count && o[j + 1] <= q) {
                    j++;
                }
                a[f + 2] = end(q + 1, j);
            }
        }
    }
}
