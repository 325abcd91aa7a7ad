package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eleventh round's speed work on the readings (branch {@code read11}); what is reported does not change. The second
 * reading of a value with gaps between digits ({@code 4111<U+200B>1111}) builds its span maps only when a finding of it
 * is mapped back ({@link SecondReading#text()}): the maps so built are the ones the reading wrote for every character
 * before, and the findings are the same.
 */
class ReadElevenTest {

    /**
     * Findings of the second reading mapped back through the lazily built maps: each value's masked form
     * ({@code value | masked}), escapes written {@code %XX} in the source as they are.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "card 4111\u200B1111 1111 1111 end | card <card> end",
        "4111\u200B1111\u200B1111\u200B1111 | <card>",
        "x%E2%80%8B 4111\u200B1111 1111 1111 | x%E2%80%8B <card>",
        "ip 203\u30010\u3001113\u30015 and 4111\u200B1111 1111 1111 | ip <ip> and <card>",
        "tel 415\u200B555\u200B0133 | tel <phone>",
        "\u00E9 4111%E2%80%8B1111 1111 1111 | \u00E9 <card>",
        "\u00E9\u0301 4111\u00AD\u00AD1111 1111 1111 \u200B | \u00E9\u0301 <card> \u200B",
        "%4111\u200B1111 1111 1111 | %<card>",
    })
    void gapsReadAsSpacesAreMappedBack(String value, String masked) {
        assertThat(PiiScanner.mask(value, k -> "<" + k.label() + ">")).isEqualTo(masked);
    }

    /**
     * {@link SecondReading#text()}'s maps against the maps written a character at a time as before read11 (the oracle
     * below): random values of digits, separators, invisible characters, ideographic commas and escapes.
     */
    @Test
    void lazyMapsAreTheSpacedMaps() {
        SplittableRandom r = new SplittableRandom(11);
        String[] pieces = {"0", "1", "4", "9", " ", "-", ".", "a", "\u200B", "\u00AD", "\u0301", "\u3001", "\uFF64",
            "%41", "%E2%80%8B", "&#64", "&shy;", "\uFF14", "\u00E9", "+"};
        Set<PiiKind> all = EnumSet.allOf(PiiKind.class);
        int compared = 0;
        for (int round = 0; round < 30_000; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0, len = 1 + r.nextInt(30); i < len; i++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            char[] chars = b.toString().toCharArray();
            Fold.Folded fold = Fold.apply(chars);
            Fold.Folded first = Decode.apply(fold);
            SecondReading second = SecondReading.of(fold, first, all);
            if (second == null || fold.from() == null) {
                continue;
            }
            int[][] expected = oracleMaps(fold);
            char[] before = second.chars();
            Fold.Folded text = second.text();
            assertThat(text.s()).as("[%s]", b).isSameAs(before);
            assertThat(text.from()).as("from of [%s]", b).isEqualTo(expected[0]);
            assertThat(text.to()).as("to of [%s]", b).isEqualTo(expected[1]);
            assertThat(second.text()).isSameAs(text);
            compared++;
        }
        assertThat(compared).isGreaterThan(1_000);
    }

    /** The span maps of the spaced text of {@code f} (maps of its own), as SecondReading.spaced wrote them before read11. */
    private static int[][] oracleMaps(Fold.Folded f) {
        char[] s = f.s();
        int[] from = f.from();
        int[] to = f.to();
        int n = s.length;
        int[] tf = new int[2 * n];
        int[] tt = new int[2 * n];
        int w = 0;
        for (int k = 0; k < n; k++) {
            char c = s[k];
            if ((c == '\u3001' || c == '\uFF64' || c == '\uFE11') && k > 0 && k + 1 < n && Chars.digit(s[k - 1])
                    && Chars.digit(s[k + 1])) {
                c = '.';
            }
            tf[w] = from[k];
            tt[w++] = to[k];
            if (k + 1 < n && to[k] < from[k + 1] && Chars.digit(c) && Chars.digit(s[k + 1])) {
                tf[w] = to[k];
                tt[w++] = from[k + 1];
            }
        }
        return new int[][] {java.util.Arrays.copyOf(tf, w), java.util.Arrays.copyOf(tt, w)};
    }

    /**
     * The second reading of an ambiguous escape from what the first parse packed ({@link Escape#way}) is
     * {@link Escape#second}'s, and the second reading derived from the first ({@link Decode#second}) is still the one
     * decoded in full ({@code Decode.apply(f, true)}): text and marks of every round, on random values of escape
     * pieces, digits and the characters around them.
     */
    @Test
    void secondWayFromThePackedParse() {
        SplittableRandom r = new SplittableRandom(111);
        String[] pieces = {"&#64", "&#641", "&#0064", "&#x40", "&#x401", "&#46", "&#4314155", "&#43", "&#x2B1", "&#x2e",
            "&#6", "&#64;", "%41", "%4111", "%31", "%2B1", "%25", "%2541", "&amp;#64", "%E2%80%8B", "&#8203;", "&shy;",
            "0", "1", "4", "9", " ", "-", ".", "a", "x", "@", "%", "&", "#", ";", "+"};
        int ambiguous = 0;
        int derived = 0;
        for (int round = 0; round < 40_000; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0, len = 1 + r.nextInt(24); i < len; i++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            char[] s = b.toString().toCharArray();
            for (int p = 0; p < s.length; p++) {
                if (s[p] == '%' || s[p] == '&') {
                    long esc = Escape.at(s, p);
                    if (esc >= Escape.AMBIGUOUS) {
                        ambiguous++;
                        int e = p + (int) (esc >>> 16);
                        assertThat(Escape.second(s, p, e, Escape.way(esc))).as("[%s] at %d", b, p)
                                .isEqualTo(Escape.second(s, p));
                    }
                }
            }
            Fold.Folded fold = new Fold.Folded(s, null, null);
            Fold.Folded first = Decode.apply(fold);
            if (first == fold || Decode.ambiguous(first) == 0) {
                continue;
            }
            Fold.Folded second = Decode.second(fold, first);
            Fold.Folded full = Decode.apply(fold, true);
            assertThat(new String(second.s())).as("[%s]", b).isEqualTo(new String(full.s()));
            assertThat(second.rounds()).as("[%s]", b).hasSameSizeAs(full.rounds());
            for (int k = 0; k < full.rounds().length; k++) {
                assertThat(second.rounds()[k].marks).as("[%s] round %d", b, k).isEqualTo(full.rounds()[k].marks);
            }
            derived++;
        }
        assertThat(ambiguous).isGreaterThan(10_000);
        assertThat(derived).isGreaterThan(5_000);
    }
}
