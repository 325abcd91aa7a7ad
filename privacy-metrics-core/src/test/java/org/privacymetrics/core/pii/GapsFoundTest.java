package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Detector gaps found by the attack review of issue 13 (branch {@code attack2}): variants of the families the contract
 * names that the engine does not mask (or masks only in part). Disabled: the detectors are being reworked for speed
 * elsewhere, and which of these the engine should cover (against false positives) is the lead's decision. Each row is
 * {@code value | what the masked value must be}; enable a family once its detector covers it.
 */
class GapsFoundTest {

    private static String mask(String s) {
        return PiiScanner.mask(s, k -> "<" + k.label() + ">");
    }

    @Disabled("found by attack2: email")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            val﹫example.org                | <email>
            val%2540example.org            | <email>
            val&#64;example.org            | <email>
            val\u200b@example.org          | <email>
            val@exa\u00admple.org          | <email>
            "val@email8"@example.org       | <email>
            val @ example.org              | <email>
            """)
    void emailVariants(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    @Disabled("found by attack2: ip")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ２０３.０.１１３.５              | <ip>
            203。0。113。5                  | <ip>
            203．0．113．5                  | <ip>
            """)
    void ipVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @Disabled("found by attack2: card")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            4111-1111 1111.1111            | <card>
            4111 11111111 1111             | <card>
            4111 - 1111 - 1111 - 1111      | <card>
            ４１１１１１１１１１１１１１１１   | <card>
            ４１１１ １１１１ １１１１ １１１１  | <card>
            x4111111111111111x             | x<card>x
            """)
    void cardVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @Disabled("found by attack2: phone")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            0044 20 7946 0958              | <phone>
            (+44) 20 7946 0958             | <phone>
            +１ ４１５ ５５５ ０１３４          | <phone>
            ００４４ ２０ ７９４６ ０９５８       | <phone>
            ＋14155550134                  | <phone>
            +1\u2011415\u2011555\u20110134 | <phone>
            4155550134                     | <phone>
            14155550134                    | <phone>
            """)
    void phoneVariants(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    @Disabled("found by attack2: credentials")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Bearer%20abcdefghijklmnop0123          | <token>
            access_token=abcdefghijklmnop0123      | access_token=<token>
            """)
    void credentialVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @Disabled("found by attack2: iban")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            de89370400440532013000         | <iban>
            """)
    void ibanVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** {@code \\uXXXX} escapes in a row, for invisible and look-alike characters. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
