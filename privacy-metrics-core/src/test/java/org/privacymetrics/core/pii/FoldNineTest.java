package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.privacymetrics.core.pii.reference.ReferenceScanner;

/**
 * Branch fold9 (2026-12-03): the glued and labelled passes beside the digit pass made cheaper without changing what is
 * reported ({@code value | what the masked value must be}); each row is checked against the frozen reference too.
 */
class FoldNineTest {

    private static void sameAsReference(String value) {
        assertThat(PiiScanner.scan(value)).isEqualTo(ReferenceScanner.scan(value, EnumSet.allOf(PiiKind.class)));
    }

    /**
     * CardDetector.glued (since digit10 the walk of DigitScanner.glued and CardDetector.gluedRun) reads a chain of groups joined by one separator in one walk (no attempt at the groups inside,
     * which a longer chain before rules out) and attempts the chain's last group when another separator follows it;
     * it looks at every fourth character only, so short runs between are never read.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            12 4111 1111 1111 1111 | 12 <card>
            1 2 4111 1111 1111 1111 | 1 2 <card>
            4111 4111 4111 4111 4111-1111-1111-1111 | 4111 4111 4111 4111 <card>
            9 9 9 4111-1111-1111-1111 | 9 9 9 <card>
            a 4111 1111 4111_1111_1111_1111 | a 4111 1111 <card>
            id 12 34 56 78 4111.1111.1111.1111 ok | id 12 34 56 78 <card> ok
            4111 4111 4111 4111 4111 1111 1111 1111 | 4111 4111 4111 4111 <card>
            1 2 3 4 5 6 7 8 4111  1111  1111  1111 | 1 2 3 4 5 6 7 8 <card>
            12-34-4111-1111-1111-1111 | 12-34-4111-1111-1111-1111
            x/1/4111/1111/1111/1111/y | x/1/4111/1111/1111/1111/y
            """)
    void gluedCards(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        sameAsReference(value);
    }

    /**
     * SsnDetector.glued (since digit10 DigitScanner.glued, shared with the cards) looks at every fourth character for a
     * serial (four digits) followed by {@code /} or {@code _}; since the tenth round also for a serial ending an SSN
     * written {@code 123-45-6789} after a {@code /} or {@code _} (the last three rows: plain before).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            123-45-6789/234-56-7890/345-67-8901 | <ssn>/<ssn>/<ssn>
            x 1 123-45-6789_234-56-7890 y | x 1 <ssn>_<ssn> y
            123 45 6789_234 56 7890_345.67.8901/456-78-9012 | <ssn>_<ssn>_<ssn>/<ssn>
            123-45-6789/2345/234-56-7890 | <ssn>/2345/<ssn>
            1234/234-56-7890 | 1234/<ssn>
            12345/234-56-7890 | 12345/<ssn>
            """)
    void gluedSsns(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        sameAsReference(value);
    }

    /**
     * A lower-case IBAN after the label {@code iban} was found twice (IbanDetector's label rule and LabeledNumbers);
     * since fold9 only LabeledNumbers reads it, ending it as IbanDetector does (a CJK letter, or {@code - . / _} and
     * more, may follow), so nothing the dropped rule found is lost; a connector word may now stand before it too.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban: de89370400440532013000 | iban: <iban>
            iban: de89370400440532013000-x | iban: <iban>-x
            iban de89370400440532013000.pdf | iban <iban>.pdf
            iban de89370400440532013000です | iban <iban>です
            iban no. de89370400440532013000-x | iban no. <iban>-x
            'IBAN="gb82west12345698765432"' | 'IBAN="<iban>"'
            iban: de89370400440532013000x | iban: de89370400440532013000x
            iban: de89370400440532013001 | iban: de89370400440532013001
            """)
    void lowerCaseIbanAfterLabel(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        sameAsReference(value);
    }
}
