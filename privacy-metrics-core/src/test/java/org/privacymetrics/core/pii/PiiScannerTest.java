package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of issue 13 and the documented decisions of each detector, one value each. */
class PiiScannerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            josé.val3@example.org                          | <email>
            val.email4@exämple.org                         | <email>
            val.email5＠example.org                        | <email>
            val.email6%40example.org                       | <email>
            "val email7"@example.org                       | <email>
            dave@localhost                                 | <email>
            mail jane.doe+tag@sub.example.co.uk, please    | mail <email>, please
            mailto:jane@example.org?subject=x              | mailto:<email>?subject=x
            203.0.113.22.                                  | <ip>.
            from 203.0.113.7                               | from <ip>
            010.001.002.003                                | <ip>
            2001:db8::1                                    | <ip>
            [2001:db8::1]:443                              | [<ip>]:443
            ::ffff:192.0.2.1                               | <ip>
            fe80:0:0:0:0:0:0:1                             | <ip>
            4111111111111111                               | <card>
            4111 1111 1111 1111                            | <card>
            4111  1111  1111  1111                         | <card>
            4111_1111_1111_1111                            | <card>
            4111/1111/1111/1111                            | <card>
            4111-1111 1111.1111                            | <card>
            3782 822463.10005                              | <card>
            4111  1111_1111/1111                           | <card>
            4111-1111-1111-1111                            | <card>
            3782 822463 10005                              | <card>
            (415) 555-0133                                 | <phone>
            +1 (415) 555-0134                              | <phone>
            +49 30 1234 5678                               | <phone>
            +44 (0)20 7946 0958                            | <phone>
            +4930123456                                    | <phone>
            call 415-555-0133 now                          | call <phone> now
            030 1234 5678                                  | <phone>
            01 23 45 67 89                                 | <phone>
            Basic dmFsdXNlcjp2YWxwYXNzd29yZA==             | <token>
            Authorization: Basic dmFsdXNlcjp2YWxwYXNzd29yZA== | Authorization: <token>
            Bearer abc.DEF-123_x                           | <token>
            eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_n-x   | <token>
            ghp_0123456789abcdefABCDEF0123456789abcd       | <token>
            AKIAIOSFODNN7EXAMPLE                           | <token>
            DE89 3704 0044 0532 0130 00                    | <iban>
            GB82WEST12345698765432                         | <iban>
            123-45-6789                                    | <ssn>
            """)
    void detects(String input, String expected) {
        assertThat(mask(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            lodash@4.17.21
            meet @ noon
            3232235777
            1.2.3.4.5
            1.2.3
            10.0.19041.1
            10:15:30
            2026-10-15T08:30:00.123Z
            2026-10-15 08:30:00
            15.10.2026 08:30
            Foo::bar
            4111111111111112
            1764626358000
            1764626358000000
            3.14159265358979
            415-555-0133-2
            555-0133
            12 34 56
            basic plan
            the bearers
            000-12-3456
            de89370400440532013000
            DE89 3704 0044 0532 0130 0
            DE8937040044053201300012
            7d444840-9dc0-11d1-b245-5ffdce74fad2
            aff5f76fbe7a03ef1d8632fa1a6c0ff6
            """)
    void leavesAlone(String input) {
        assertThat(PiiScanner.scan(input)).as(input).isEmpty();
    }

    @Test
    void aFourPartVersionIsReportedAsAnAddressByDecision() {
        // Documented: 1.2.3.4 cannot be told from an address; masking a version is the cheaper error.
        assertThat(mask("v1.2.3.4")).isEqualTo("v<ip>");
    }

    @Test
    void overlappingFindingsMergeIntoTheFirstKind() {
        assertThat(mask("Bearer jane@example.org")).isEqualTo("<token>");
        assertThat(PiiScanner.scan("x 203.0.113.7 y")).containsExactly(new Finding(PiiKind.IP, 2, 13));
    }

    @Test
    void unchangedTextIsTheSameInstance() {
        String s = "login from a mobile device";
        assertThat(PiiScanner.mask(s, k -> "x")).isSameAs(s);
    }

    @Test
    void maskingGivenFindingsIsMaskingTheScan() {
        // The ingest scrub masks the findings it has counted; the result must be the appender's mask of the same text.
        for (String s : new String[] {"mail jane%40example.org or ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ, card 4111 1111 1111 1111.",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln at 203.0.113.7", "x@y.zz", "nothing here"}) {
            assertThat(PiiScanner.mask(s, PiiScanner.scan(s), k -> "<" + k.label() + ">")).isEqualTo(mask(s));
            assertThat(PiiScanner.mask(s, new java.util.LinkedList<>(PiiScanner.scan(s)), k -> "<" + k.label() + ">"))
                    .isEqualTo(mask(s));
        }
        assertThat(mask("mail jane%40example.org or ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ, card 4111 1111 1111 1111."))
                .isEqualTo("mail <email> or <email>, card <card>.");
        String s = "login from a mobile device";
        assertThat(PiiScanner.mask(s, PiiScanner.scan(s), k -> "x")).isSameAs(s);
    }
}
