package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DigitMap} answers what the walks it replaced answer, at every position of random texts of every length around
 * its 64-character words: the next digit ({@code Chars.next(…, DIGIT)}), the next digit or {@code + ( [}
 * ({@code Chars.next(…, PHONE_OPENER)}), and the next digit at a multiple of four (the glued walk's looks, every fourth
 * character). The seed is printed; repeat with {@code -Dpii.seed=…}.
 */
class DigitMapTest {

    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestSeed.of(DigitMapTest.class);
    }

    /** Digits and openers, their look-alikes (full-width, Arabic-Indic: no ASCII digit), letters and a line break. */
    private static final String ALPHABET = "0123456789+([)]{-. aZ\n\u0660\uFF11\uFF08\u00e9";

    @Test
    void theMapAnswersAsTheWalks() {
        SplittableRandom r = new SplittableRandom(seed);
        int digitsFound = 0;
        for (int round = 0; round < 3_000; round++) {
            int n = r.nextInt(4) == 0 ? r.nextInt(4) : 60 + r.nextInt(200); // empty and tiny, and over 1-4 words
            double density = r.nextInt(3) == 0 ? 0.002 : r.nextDouble(); // sparse (words skipped whole) to dense
            char[] s = new char[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextDouble() < density ? ALPHABET.charAt(r.nextInt(ALPHABET.length())) : 'x';
            }
            DigitMap map = DigitMap.of(s);
            for (int i = 0; i <= n + 1; i++) {
                int digit = i >= n ? n : Chars.next(s, i, Chars.DIGIT);
                assertThat(map.nextDigit(i)).as("seed %d, next digit from %d in [%s]", seed, i, new String(s)).isEqualTo(digit);
                int opener = i >= n ? n : Chars.next(s, i, Chars.PHONE_OPENER);
                assertThat(map.nextOpener(i)).as("seed %d, next opener from %d in [%s]", seed, i, new String(s)).isEqualTo(opener);
                digitsFound += digit < n ? 1 : 0;
            }
            for (int i = 0; i <= n + 4; i += 4) {
                int four = i;
                while (four < n && !Chars.digit(s[four])) {
                    four += 4;
                }
                assertThat(map.nextDigitAtFour(i)).as("seed %d, next digit at four from %d in [%s]", seed, i, new String(s))
                        .isEqualTo(Math.min(four, n));
            }
        }
        assertThat(digitsFound).as("positions with a digit after them (the comparison must cover digits)").isGreaterThan(10_000);
    }
}
