package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Branch digit11 (2026-12-03): phone numbers that leaked on main at 4cfd487 ({@code value | what the masked value
 * must be}); each row of the found groups failed there, except those after a "kept" comment (right on main already,
 * kept as rows).
 */
class DigitElevenTest {

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

    /** A run of 10-15 digits glued to a phone label (LabeledNumbers.gluedPhone). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            tel4155550133 | tel<phone>
            Tel4155550133 | Tel<phone>
            TEL4155550133 | TEL<phone>
            myTel4155550133 | myTel<phone>
            '{"x":"phone14155550133"}' | '{"x":"phone<phone>"}'
            mobile447911123456 | mobile<phone>
            fax4930123456 ok | fax<phone> ok
            callto4155550133 | callto<phone>
            # kept: found on main already
            tel:4155550133 | tel:<phone>
            tel 4155550133 | tel <phone>
            # plain: seven digits, no label word, labels that need a connector, ids glued on
            tel5550133 | tel5550133
            hotel4155550133 | hotel4155550133
            call4155550133 | call4155550133
            text14155550133 | text14155550133
            tel4155550133x | tel4155550133x
            iban4155550133 | iban4155550133
            ssn123456789 | ssn123456789
            WhatsApp2 4155550133 | WhatsApp2 4155550133
            tel4155550133-1 | tel4155550133-1
            tel4155550133123456 | tel4155550133123456
            """)
    void gluedPhoneLabel(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** "text" without to, me or us: 1 and a NANP number in one run (LabeledNumbers.nanpWithOne). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            text 14155550133 | text <phone>
            Text: 14155550133 | Text: <phone>
            '{"text":"12125550199"}' | '{"text":"<phone>"}'
            text is 14155550133 | text is <phone>
            # kept: found on main already
            text to 14155550133 | text to <phone>
            text +14155550133 | text <phone>
            # plain: counts, years, timestamps, ten-digit ids, not NANP
            text 2026 | text 2026
            text 12345 | text 12345
            text 1234567 | text 1234567
            text 1733212800 | text 1733212800
            text 4155550133 | text 4155550133
            text 10737418240 bytes | text 10737418240 bytes
            text 11234567890 | text 11234567890
            text 14151550133 | text 14151550133
            text 141555501330 | text 141555501330
            text 14155550133.5 | text 14155550133.5
            """)
    void textWithoutConnector(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }
}
