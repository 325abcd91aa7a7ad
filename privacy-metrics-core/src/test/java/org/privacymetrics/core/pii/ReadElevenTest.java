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
}
