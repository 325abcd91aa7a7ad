package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Branch digit11 (2026-12-03): phone numbers that leaked on main at 4cfd487 ({@code value | what the masked value
 * must be}); each row of the found groups failed there, except those after a "kept" comment (right on main already,
 * kept as rows).
 */
class DigitElevenTest {

    private static String mask(String s) {
        return PiiScanner.mask(s, k -> "<" + k.label() + ">");
    }

    /** Brazil's mobile number without brackets, a tab before the last four (PhoneDetector.brazilPlain). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '11 91234\t5678' | <phone>
            'cel 21 98765\t4321 ok' | 'cel <phone> ok'
            '11 9 1234\t5678' | <phone>
            'tel: 11 91234\t5678' | 'tel: <phone>'
            # kept: found on main already, or plain by earlier decisions
            '(11) 91234\t5678' | <phone>
            '11 91234-5678' | <phone>
            '11 81234\t5678' | '11 81234\t5678'
            '10 91234\t5678' | '10 91234\t5678'
            '11 91234\t\t5678' | '11 91234\t\t5678'
            '11 91234\t56789' | '11 91234\t56789'
            '11\t91234\t5678' | '11\t91234\t5678'
            '11\t9 1234\t5678' | '11\t9 1234\t5678'
            """)
    void brazilTab(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }
}
