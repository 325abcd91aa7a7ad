package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session s10 (2026-12-03): a card number glued right after a word that names a card ({@code card4111111111111111})
 * was left, as every number touching a letter is ({@code value | what the masked value must be}); each row of the
 * first group failed before. Other letters glued to a long run stay plain (hex ids, {@code id4111…}).
 */
class CardLabelGluedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card4111111111111111 | card<card>
            CARD4111111111111111 | CARD<card>
            paid with card4111111111111111 today | paid with card<card> today
            cc4111111111111111 | cc<card>
            CC5500000000000004; | CC<card>;
            pan4111111111111111 | pan<card>
            visa4012888888881881 | visa<card>
            amex378282246310005 | amex<card>
            mastercard5555555555554444 | mastercard<card>
            creditcard4111111111111111 | creditcard<card>
            cardNumber4111111111111111 | cardNumber<card>
            '{"v":"card4111111111111111"}' | '{"v":"card<card>"}'
            /pay?x=card4111111111111111&y=1 | /pay?x=card<card>&y=1
            """)
    void aCardGluedToItsLabelIsMasked(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Other words, a word ending in a label, a run that fails Luhn or its issuer range, a run glued on after. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "id4111111111111111", "mycard4111111111111111", "card4111111111111112", "card1111111111111117",
        "card4111111111111111x", "card4111111111111111-2", "x5500000000000004", "req4111111111111111",
        "cardholder4111111111111111", "cc41111111111"})
    void otherGluedRunsStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** The engine and the reference engine agree on labels, other words and runs glued together. */
    @Test
    void sameAsTheReference() {
        String[] words = {"card", "CC", "pan", "Visa", "amex", "id", "x", "mycard", "cardNumber", " ", "_", "-", ""};
        String[] runs = {"4111111111111111", "4111111111111112", "378282246310005", "5500000000000004", "4111 1111",
            "6011111111111117", "41111111111111111111", "4012888888881881"};
        String[] after = {"", " ", "x", "-2", "-", ";", "/", "^"};
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 0; t < 3000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                sb.append(RandomTexts.pick(r, words)).append(RandomTexts.pick(r, runs)).append(RandomTexts.pick(r, after));
            }
            String text = r.nextInt(4) == 0 ? RandomTexts.mutate(r, sb.toString(), "0123456789cardCxB-_ ") : sb.toString();
            assertThat(PiiScanner.scan(text, EnumSet.of(PiiKind.CARD))).as("seed %d, [%s]", seed, text)
                    .isEqualTo(EquivalenceTest.reference(text, EnumSet.of(PiiKind.CARD)));
            assertThat(PiiScanner.scan(text)).as("seed %d, [%s]", seed, text)
                    .isEqualTo(EquivalenceTest.reference(text, EnumSet.allOf(PiiKind.class)));
        }
    }
}
