package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Branch phone10 (2026-12-03): phone numbers that leaked on main at c5a0943, and a range read as a phone there
 * ({@code value | what the masked value must be}); each row of the found groups failed there, except those after a
 * "kept" comment (right on main already, kept as rows).
 */
class PhoneTenTest {

    /** A label written as two words joined by one blank, '_' or '-' (LabeledNumbers). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            whats_app=14155550133 | whats_app=<phone>
            Whats App 14155550133 | Whats App <phone>
            whats app: 447911123456 | whats app: <phone>
            '{"whats_app":"5511912345678"}' | '{"whats_app":"<phone>"}'
            WHATS_APP=4915123456789 | WHATS_APP=<phone>
            contact.whats-app 33612345678 | contact.whats-app <phone>
            # kept
            whats-app: +14155550133 | whats-app: <phone>
            WhatsApp 447911123456 | WhatsApp <phone>
            phone_number=5550133 | phone_number=<phone>
            mobile-no 5550133 | mobile-no <phone>
            cell no. 5550133 | cell no. <phone>
            telNo=5550133 | telNo=<phone>
            what's app 14155550133 | what's app 14155550133
            app 14155550133 | app 14155550133
            whatsup_app=14155550133 | whatsup_app=14155550133
            """)
    void twoWordLabels(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** A number after "sms to", "text to", "text me at" (LabeledNumbers: the connector "to", the label "text"). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            SMS to 4915212345678 | SMS to <phone>
            sms to 14155550133 | sms to <phone>
            sms_to=447911123456 | sms_to=<phone>
            text to 14155550133 | text to <phone>
            Text me at 555-0133 | Text me at <phone>
            text us on 4155550133 | text us on <phone>
            fax to 4930123456 | fax to <phone>
            '{"msg":"text to 5511912345678"}' | '{"msg":"text to <phone>"}'
            # kept: masked on main already (4915112345678 is also a Luhn-valid card: the card finding keeps the span)
            SMS to +44 7911 123456 | SMS to <phone>
            SMS to 4915112345678 | SMS to <card>
            # kept: "text" needs to, me or us; counts and ids after "text" stay plain (since digit11 a NANP number
            # with its country code in one run is found without them: DigitElevenTest)
            text 14155550133 | text <phone>
            text is 12345678 bytes | text is 12345678 bytes
            text at 12345678 | text at 12345678
            text length 1234567 | text length 1234567
            sent to 14155550133 | sent to 14155550133
            phone to 12 users | phone to 12 users
            """)
    void textAndSms(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** A range in brackets (0-N) is not a trunk prefix and an area (PhoneDetector.bracketed). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            range (0-255) 12345678 | range (0-255) 12345678
            (0-99) 1234 5678 | (0-99) 1234 5678
            value (0-999) 123456 | value (0-999) 123456
            bits (0-1023) 12345 | bits (0-1023) 12345
            port (0-4095) 1234567 | port (0-4095) 1234567
            hour (0-24) 12345678 | hour (0-24) 12345678
            minute (0-59) 1234 5678 | minute (0-59) 1234 5678
            angle (0-360) 1234567 | angle (0-360) 1234567
            '{"range":"(0-127) 12345678"}' | '{"range":"(0-127) 12345678"}'
            # kept: plain on main already
            (1-100) 12345678 | (1-100) 12345678
            (0-9) 12345678 | (0-9) 12345678
            (0-100) 1234 5678 | (0-100) 1234 5678
            # kept: a trunk prefix and an area stay phones
            call (0-612) 34567 | call <phone>
            Tel. (0-30) 1234 5678 | Tel. <phone>
            +44 (0-20) 7946 0958 | <phone>
            ring (0-6221) 123456 today | ring <phone> today
            (0-89) 123456-78 | <phone>
            """)
    void ranges(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * The card labels moved into the label table of LabeledNumbers (its glued reading, CardDetector.labelled until
     * then): the same findings (CardLabelGluedTest holds the rest); other labels are not read glued (since digit11 a
     * phone label before a run of 10-15 digits is: DigitElevenTest).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card4111111111111111 | card<card>
            CC5500000000000004 | CC<card>
            ccn4111111111111111 | ccn<card>
            CardNo=x;cardno4111111111111111 | CardNo=x;cardno<card>
            ccnum378282246310005 | ccnum<card>
            mycard4111111111111111 | mycard4111111111111111
            tel4155550133 | tel<phone>
            phone5550133 | phone5550133
            """)
    void gluedLabels(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Brazil's mobiles without brackets: a tab after the area, the 9 set apart (PhoneDetector.brazilPlain). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'ligue 11\t91234-5678' | ligue <phone>
            'ligue 11\t91234 5678' | ligue <phone>
            ligue 11 9 1234-5678 | ligue <phone>
            ligue 21 9 8765 4321 hoje | ligue <phone> hoje
            '{"celular":"11 9 1234-5678"}' | '{"celular":"<phone>"}'
            'id=7\tcel 31\t98765-4321' | 'id=7\tcel <phone>'
            # kept: masked on main already
            (11) 9 1234-5678 | <phone>
            +55 11 9 1234 5678 | <phone>
            ligue 11 91234-5678 | ligue <phone>
            # kept: other groupings stay plain
            10 9 1234 5678 | 10 9 1234 5678
            11 8 1234-5678 | 11 8 1234-5678
            11 9 123-5678 | 11 9 123-5678
            '11\t9\t1234\t5678' | '11\t9\t1234\t5678'
            '11\t91234\t5678' | '11\t91234\t5678'
            11 9 1234-5678-9 | 11 9 1234-5678-9
            """)
    void brazil(String value, String masked) {
        assertThat(mask(value.replace("\\t", "\t"))).isEqualTo(masked.replace("\\t", "\t"));
    }
}
