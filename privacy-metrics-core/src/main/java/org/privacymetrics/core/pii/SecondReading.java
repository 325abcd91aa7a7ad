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
 *   <li>a percent escape of a letter or digit before a digit ({@code %4111 1111 1111 1111}, {@code %415-555-0133}):
 *       decoded, {@code %41} is {@code A} and hides the number; the second reading leaves it as written;</li>
 *   <li>a numeric character reference without its {@code ;} ({@code &#x40example}, {@code &#4111 1111 …}): HTML reads
 *       as many digits as there are; the second reading the shortest prefix that is {@code @}, {@code .} or
 *       {@code +}, or the reference as written ({@link Escape#second}).</li>
 * </ul>
 * Only such values are read twice, so a value costs at most two scans; plain text never has a second reading.
 */
final class SecondReading {

    /** The text as the second reading reads it, and where each of its characters came from. */
    final Fold.Folded text;
    /**
     * The kinds to look for in it: those it may find beyond the first reading. The digit families always; IP
     * addresses when a comma was read as a dot or a reference as {@code .}; e-mail addresses when a reference was read
     * ({@code &#x40example}); never credentials (an invisible character or an escape inside one is read by the first
     * reading). Fewer detectors, so that a value dense in ambiguous places ({@code 4111<U+200B>1111 …}, {@code %31}
     * before digits in random symbols) costs less than a second full scan.
     */
    final Set<PiiKind> kinds;

    private SecondReading(Fold.Folded text, Set<PiiKind> kinds) {
        this.text = text;
        this.kinds = kinds;
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
        if (!commas && gaps == 0 && escapes == 0) {
            return null;
        }
        EnumSet<PiiKind> k = EnumSet.of(PiiKind.IBAN, PiiKind.CARD, PiiKind.SSN, PiiKind.PHONE);
        if (commas || (escapes & Decode.Round.REFERENCE) != 0) {
            k.add(PiiKind.IP);
        }
        if ((escapes & Decode.Round.REFERENCE) != 0) {
            k.add(PiiKind.EMAIL);
        }
        k.retainAll(kinds);
        if (k.isEmpty()) {
            return null;
        }
        Fold.Folded base = commas || gaps > 0 ? spaced(fold, gaps) : fold;
        return new SecondReading(first == fold ? base : Decode.apply(base, true), k);
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
     * space stands for them), and an ideographic comma between two digits read as a dot.
     */
    private static Fold.Folded spaced(Fold.Folded f, int gaps) {
        char[] s = f.s();
        int[] from = f.from();
        int[] to = f.to();
        int n = s.length;
        char[] t = new char[n + gaps];
        int[] tf = from == null ? null : new int[n + gaps];
        int[] tt = from == null ? null : new int[n + gaps];
        int w = 0;
        for (int k = 0; k < n; k++) {
            char c = s[k];
            boolean between = k > 0 && k + 1 < n && Chars.digit(s[k - 1]) && Chars.digit(s[k + 1]);
            t[w] = c >= '\u3001' && comma(c) && between ? '.' : c;
            if (from == null) {
                w++;
                continue;
            }
            tf[w] = from[k];
            tt[w++] = to[k];
            if (k + 1 < n && to[k] < from[k + 1] && Chars.digit(c) && Chars.digit(s[k + 1])) {
                t[w] = ' ';
                tf[w] = to[k];
                tt[w++] = from[k + 1];
            }
        }
        return new Fold.Folded(t, tf, tt);
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
