package org.privacymetrics.core.pii;

import java.util.EnumSet;
import java.util.Set;

/**
 * The second way to read a value whose folding or decoding had to choose, when the choice could hide PII; the scanner
 * scans both readings and masks what either finds:
 * <ul>
 *   <li>an invisible character between two digits ({@code 4111<U+200B>1111 1111 1111}, also escaped:
 *       {@code 4111%E2%80%8B1111}, {@code 4111&shy;1111}): left out, the card reads {@code 41111111 1111 1111}; the
 *       second reading reads it as a space (one, for a run of invisible characters);</li>
 *   <li>an ideographic comma between digits ({@code 203、0、113、5}, {@link #comma}): read as a dot;</li>
 *   <li>a percent escape ending in a decimal digit before a digit ({@code %4111 1111 1111 1111}, SQL's
 *       {@code LIKE '%415-555-0133%'}, {@code '%203.0.113.5%'}): decoded, {@code %41} is {@code A} and {@code %20} a
 *       blank, and hide the number; the second reading leaves it as written;</li>
 *   <li>a numeric character reference without its {@code ;} ({@code &#x40example}, {@code &#4111 1111 …}): HTML reads
 *       as many digits as there are; the second reading the shortest prefix that is {@code @}, {@code .} or
 *       {@code +}, or the reference as written ({@link Escape#second}).</li>
 * </ul>
 * Only such values are read twice: decoded a second time (from the first reading's rounds where they read the same,
 * {@link Decode#second}), and scanned again only around the places where the readings differ ({@link #windows}), by
 * the detectors that may find more there ({@link #kinds}); a finding there is kept when it covers such a place
 * ({@link #keeps}) and is not inside one of the first reading. Linear: each reading is, and the windows do not
 * overlap. Plain text never has a second reading.
 */
final class SecondReading {

    /**
     * The text as the second reading reads it, and where each of its characters came from ({@link #text()}); its span
     * maps left out ({@code null}) while {@link #gapsOf} is set: they are built when asked for.
     */
    private Fold.Folded text;
    /**
     * The folded text whose gaps between digits {@link #text} reads as spaces ({@link #spaced}), as long as
     * {@link #text}'s span maps are not built yet ({@link #text()}); otherwise null.
     */
    private Fold.Folded gapsOf;
    /** How many gaps {@link #gapsOf} has. */
    private int gaps;
    /**
     * The kinds to look for in it: those it may find beyond the first reading. The digit families and IP addresses
     * ({@code '%203.0.113.5%'}, {@code 203、0、113、5}); e-mail addresses when a reference was read
     * ({@code &#x40example}); never credentials (an invisible character or an escape inside one is read by the first
     * reading).
     */
    final Set<PiiKind> kinds;
    /** The positions of {@link #text} where it reads otherwise than the first reading, in order. */
    private final int[] marks;
    /** Characters either side of a mark that {@link #windows} scans: the longest finding that may cover one. */
    private final int reach;

    /** Whether a finding beside a mark is kept too ({@link #keeps}): the marks are blanks of form encoding. */
    private final boolean touching;
    /** The reading of the blanks of form encoding when there is another (scanned as well), or null. */
    final SecondReading also;

    private SecondReading(Fold.Folded text, Set<PiiKind> kinds, int[] marks, int reach, boolean touching,
            SecondReading also) {
        this.text = text;
        this.kinds = kinds;
        this.marks = marks;
        this.reach = reach;
        this.touching = touching;
        this.also = also;
    }

    /**
     * The second reading of a text for {@code kinds}, or null when there is nothing to read otherwise: {@code fold} is
     * the folded text before decoding ({@link Fold#apply}; not changed by decoding), {@code first} the first reading
     * ({@code fold} decoded, or {@code fold} itself when the text had no escape to decode).
     */
    static SecondReading of(Fold.Folded fold, Fold.Folded first, Set<PiiKind> kinds) {
        char[] s = fold.s();
        boolean commas = commas(s);
        int gaps = gaps(fold);
        int escapes = first == fold ? 0 : Decode.ambiguous(first);
        boolean blanks = (kinds.contains(PiiKind.IBAN) || kinds.contains(PiiKind.PHONE)) && FormBlanks.any(first.s());
        if (!commas && gaps == 0 && escapes == 0 && !blanks) {
            return null;
        }
        boolean reference = (escapes & Decode.Round.REFERENCE) != 0;
        EnumSet<PiiKind> k = EnumSet.of(PiiKind.IP, PiiKind.IBAN, PiiKind.CARD, PiiKind.SSN, PiiKind.PHONE);
        if (reference) {
            k.add(PiiKind.EMAIL);
        }
        k.retainAll(kinds);
        if (k.isEmpty()) {
            return null;
        }
        int[] marks = NONE;
        Fold.Folded base = fold;
        if (commas || gaps > 0) {
            marks = new int[commas ? s.length : gaps]; // without commas, a mark per gap
            int[] count = new int[1];
            base = spaced(fold, gaps, marks, count);
            marks = count[0] == marks.length ? marks : java.util.Arrays.copyOf(marks, count[0]);
        }
        SecondReading plus = blanks ? blanks(first, kinds) : null;
        if (!commas && gaps == 0 && escapes == 0) {
            return plus;
        }
        // decoded the second way (from the first reading where the text is the same: Decode.second)
        Fold.Folded text = first == fold ? base : base == fold ? Decode.second(fold, first) : Decode.apply(base, true);
        Decode.Round[] rounds = text.rounds();
        for (int r = 0; r < rounds.length; r++) { // each round's marks, and those before it, carried to the last text
            for (int i = 0; i < marks.length; i++) {
                marks[i] = rounds[r].forward(marks[i]);
            }
            marks = merge(marks, rounds[r].marks);
        }
        SecondReading second = new SecondReading(text, k, marks, reference ? EMAIL_REACH : NUMBER_REACH, false, plus);
        if (gaps > 0) {
            second.gapsOf = fold; // the span maps of the spaces, built when a finding is mapped back (text())
            second.gaps = gaps;
        }
        return second;
    }

    /**
     * The text as the second reading reads it, and where each of its characters came from: its span maps built at the
     * first call when it reads gaps between digits as spaces (read11: most values read so have no finding there, and
     * the scan needs only {@link #chars()}; writing both maps for every character was most of building such a
     * reading, {@code 4111<U+200B>1111 } repeated). The maps are those {@link #spaced} wrote before: decoding the second
     * way ({@link Decode#apply(Fold.Folded, boolean)}) only carries the maps of the text it decodes.
     */
    Fold.Folded text() {
        if (gapsOf != null) {
            int[][] maps = spacedMaps(gapsOf, gaps);
            text = new Fold.Folded(text.s(), maps[0], maps[1], text.rounds(), text.narrow());
            gapsOf = null;
        }
        return text;
    }

    /** The characters of the second reading's text (its span maps not needed: {@link #text()}). */
    char[] chars() {
        return text.s();
    }

    /**
     * {@link #of} for a text that has neither a gap between digits, nor an ideographic comma, nor an escape (ASCII
     * without {@code %} or {@code &}, narrow text with nothing decoded): its reading of form blanks, or null.
     */
    static SecondReading blanksOnly(Fold.Folded first, Set<PiiKind> kinds) {
        boolean digits = kinds.contains(PiiKind.IBAN) || kinds.contains(PiiKind.PHONE);
        return digits && FormBlanks.any(first.s()) ? blanks(first, kinds) : null;
    }

    /**
     * The first reading with the blanks of form encoding ({@link FormBlanks}): a reading of its own, beside the one of
     * an ambiguous escape ({@code %2B1+%28415%29}: that one reads {@code %28415} as written). A blank ends a number as
     * well as it joins its groups, so a finding beside one is kept too ({@link #touching}).
     */
    private static SecondReading blanks(Fold.Folded first, Set<PiiKind> kinds) {
        EnumSet<PiiKind> k = EnumSet.of(PiiKind.IBAN, PiiKind.PHONE); // cards, SSNs and addresses take a + as it is
        k.retainAll(kinds);
        int[] plus = new int[first.s().length];
        int[] count = new int[1];
        char[] t = FormBlanks.read(first.s(), plus, count);
        Fold.Folded text = new Fold.Folded(t, first.from(), first.to(), first.rounds(), first.narrow());
        return new SecondReading(text, k, java.util.Arrays.copyOf(plus, count[0]), NUMBER_REACH, true, null);
    }

    private static final int[] NONE = new int[0];

    /**
     * Two ordered arrays of positions as one, in order (a round's marks are in order of output position, and so are the
     * marks before it carried forward, {@link Decode.Round#forward} being monotone): one walk, not a sort.
     */
    static int[] merge(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] all = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            all[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            all[k++] = a[i++];
        }
        while (j < b.length) {
            all[k++] = b[j++];
        }
        return all;
    }

    /** The longest card, phone, SSN, IBAN or IPv4 address with its separators, and some context: 64 characters. */
    static final int NUMBER_REACH = 64;

    /** The longest e-mail address (254) and some context. */
    static final int EMAIL_REACH = 320;

    /**
     * The stretches of {@link #text} to scan, as {@code [start, end)} pairs in order: {@link #reach} characters either
     * side of each mark, overlapping stretches joined. A value with a few ambiguous places is scanned again only
     * around them (random symbols with a {@code %31} before a digit every few hundred characters); one dense in them
     * is scanned again whole, at most.
     */
    int[] windows() {
        int n = text.s().length;
        int[] w = new int[2 * marks.length];
        int size = 0;
        for (int m : marks) {
            int a = Math.max(0, m - reach);
            int b = Math.min(n, m + reach + 1);
            if (size > 0 && a <= w[size - 1]) {
                w[size - 1] = Math.max(w[size - 1], b);
            } else {
                w[size++] = a;
                w[size++] = b;
            }
        }
        return java.util.Arrays.copyOf(w, size);
    }

    /**
     * Whether a finding {@code [start, end)} of the window {@code [a, b)} (positions of {@link #text}) is kept: it
     * covers a mark (elsewhere the second reading reads as the first), and it does not touch the window's cut edges
     * (where a number or an address would be read cut short).
     */
    boolean keeps(int start, int end, int a, int b) {
        if (start == a && a > 0 || end == b && b < chars().length) {
            return false;
        }
        if (touching) {
            start--;
            end++;
        }
        int i = java.util.Arrays.binarySearch(marks, start);
        if (i >= 0) {
            return true;
        }
        i = ~i; // the first mark after start
        return i < marks.length && marks[i] < end;
    }

    /** Whether an ideographic comma ({@link #comma}) stands between two digits of {@code s}. */
    private static boolean commas(char[] s) {
        for (int k = 1, n = s.length; k + 1 < n; k++) {
            char c = s[k];
            if (c >= '\u3001' && comma(c) && Chars.digit(s[k - 1]) && Chars.digit(s[k + 1])) {
                return true;
            }
        }
        return false;
    }

    /** How many places of {@code f} had characters left out between two digits. */
    private static int gaps(Fold.Folded f) {
        int[] from = f.from();
        if (from == null) {
            return 0;
        }
        char[] s = f.s();
        int[] to = f.to();
        int gaps = 0;
        for (int k = 0; k + 1 < s.length; k++) {
            if (to[k] < from[k + 1] && Chars.digit(s[k]) && Chars.digit(s[k + 1])) {
                gaps++;
            }
        }
        return gaps;
    }

    /**
     * {@code f} (folded) with a space where characters were left out between two digits ({@code gaps} places; the
     * space stands for them), and an ideographic comma between two digits read as a dot; each such position stored in
     * {@code marks}, their number in {@code count[0]}. Without its span maps when it has gaps (null): those are
     * {@link #spacedMaps}, built only when a finding is mapped back ({@link #text()}); with none, {@code f}'s own.
     */
    private static Fold.Folded spaced(Fold.Folded f, int gaps, int[] marks, int[] count) {
        char[] s = f.s();
        int[] from = f.from();
        int[] to = f.to();
        int n = s.length;
        char[] t = new char[n + gaps];
        int w = 0;
        int m = 0;
        for (int k = 0; k < n; k++) {
            char c = s[k];
            if (c >= '\u3001' && comma(c) && k > 0 && k + 1 < n && Chars.digit(s[k - 1]) && Chars.digit(s[k + 1])) {
                c = '.';
                marks[m++] = w;
            }
            t[w++] = c;
            if (from != null && k + 1 < n && to[k] < from[k + 1] && Chars.digit(c) && Chars.digit(s[k + 1])) {
                marks[m++] = w;
                t[w++] = ' ';
            }
        }
        count[0] = m;
        return new Fold.Folded(t, gaps == 0 ? from : null, gaps == 0 ? to : null); // no gap: each character its own span
    }

    /**
     * The span maps ({@code from}, {@code to}) of {@link #spaced}'s text of {@code f} ({@code gaps > 0} gaps, so
     * {@code f} has maps): each character's own, and for the space at a gap the span of the characters left out there.
     * The gap test is {@code spaced}'s: a comma read as a dot is no digit either way.
     */
    static int[][] spacedMaps(Fold.Folded f, int gaps) {
        char[] s = f.s();
        int[] from = f.from();
        int[] to = f.to();
        int n = s.length;
        int[] tf = new int[n + gaps];
        int[] tt = new int[n + gaps];
        int w = 0;
        for (int k = 0; k < n; k++) {
            tf[w] = from[k];
            tt[w++] = to[k];
            if (k + 1 < n && to[k] < from[k + 1] && Chars.digit(s[k]) && Chars.digit(s[k + 1])) {
                tf[w] = to[k];
                tt[w++] = from[k + 1];
            }
        }
        return new int[][] {tf, tt};
    }

    /**
     * The ideographic comma and its half-width and vertical forms: what an input method types for the {@code ,} key,
     * read as a dot between digits ({@code 203、0、113、5}) in the second reading only: in the first, an address before
     * a comma of Japanese prose ({@code jane@example.com、よろしく}) would take the prose as its domain.
     */
    private static boolean comma(char c) {
        return c == '\u3001' || c == '\uFF64' || c == '\uFE11';
    }
}
