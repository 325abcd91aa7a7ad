package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * digit10 (2026-12-03) made the digit pass cheaper without changing what is reported: an international prefix
 * {@code 00} after a group ({@code 00 11 22 33 00 …}) or glued to an id is rejected before its chain is read
 * ({@code PhoneDetector.at}), and the walks of the glued card and SSN passes are one. Each row: a value and how it
 * must be masked (as before the branch); and the engine must report exactly what the frozen reference reports
 * ({@link EquivalenceTest#reference}).
 */
class DigitTenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            00 44 20 7946 0958 | <phone>
            00 11 22 33 00 11 22 33 | 00 11 22 33 00 11 22 33
            00 11 22 33 00 44 20 7946 0958 | <phone> 7946 0958
            call 00 44 20 7946 0958 now | call <phone> now
            id 7 00 44 20 7946 0958 | id 7 00 44 20 7946 0958
            tel.0044 20 7946 0958 | tel.<phone>
            x-0044 20 7946 0958 | x-0044 20 7946 0958
            0044 20 7946 0958 | <phone>
            011 44 20 7946 0958 | <phone>
            5 011 44 20 7946 0958 | 5 <phone> 0958
            00 11 22 33 44 55 66 77 1234 | <phone> 1234
            00  11  00  11  00  11 | 00  11  00  11  00  11
            0010 2030 4050 6070 | 0010 2030 4050 6070
            DE89 3704 0044 0532 0130 00 | <iban>
            card4111111111111111 | card<card>
            pan_4111_1111_1111_1111 | pan_<card>
            /cards/4111-1111-1111-1111/charge | /cards/<card>/charge
            123-45-6789/234-56-7890/345-67-8901 | <ssn>/<ssn>/<ssn>
            ssn_123-45-6789_234-56-7890.pdf | ssn_<ssn>_<ssn>.pdf
            123-45-6789/234-56-7890 4111 1111 1111 1111 | <ssn>/<ssn> <card>
            x 4111 1111 1111 1111 123-45-6789/234-56-7890/345-67-8901 | x <card> <ssn>/<ssn>/<ssn>
            %B4111111111111111^DOE/JOHN^ 123-45-6789_234-56-7890 | %B<card>^DOE/JOHN^ <ssn>_<ssn>
            123-45-6789/234-56-7890/4111-1111-1111-1111 | <ssn>/<ssn>/<card>
            """)
    void sameAsBefore(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        assertThat(PiiScanner.scan(value)).isEqualTo(EquivalenceTest.reference(value, EnumSet.allOf(PiiKind.class)));
    }

    /**
     * Tenth round: an SSN written as SSNs are printed ({@code 123-45-6789}, one dash each) right after a {@code /} or
     * {@code _} that follows a digit is a field of a path or a name, not part of a longer number (it used to stay plain
     * after a card or digit groups). Other groupings after a digit and {@code /} still read as a chain.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            4111-1111-1111-1111/123-45-6789/234-56-7890 | <card>/<ssn>/<ssn>
            4111 1111 1111 1111/123-45-6789_234-56-7890 | <card>/<ssn>_<ssn>
            1234/5678/123-45-6789/234-56-7890 | 1234/5678/<ssn>/<ssn>
            4111/4111/4111/4111/123-45-6789/234-56-7890 | 4111/4111/4111/4111/<ssn>/<ssn>
            1111/2222/3333/4444_123-45-6789_234-56-7890 | 1111/2222/3333/4444_<ssn>_<ssn>
            4111111111111111/123-45-6789/234-56-7890 | <card>/<ssn>/<ssn>
            5500_0000_0000_0004/123-45-6789/234-56-7890_345-67-8901 | <card>/<ssn>/<ssn>_<ssn>
            /orders/2026/123-45-6789/ | /orders/2026/<ssn>/
            {"path":"/v1/users/42/234-56-7890"} | {"path":"/v1/users/42/<ssn>"}
            export_2026_123-45-6789.csv | export_2026_<ssn>.csv
            12/345-67-8901 | 12/<ssn>
            1234/123.45.6789 | 1234/123.45.6789
            1234/123-45--6789 | 1234/123-45--6789
            1234/123-45-67890 | 1234/123-45-67890
            1234/123-45-6789-1 | 1234/123-45-6789-1
            1234/666-45-6789 | 1234/666-45-6789
            1234/123-00-6789 | 1234/123-00-6789
            1.123-45-6789 | 1.123-45-6789
            5-123-45-6789 | 5-123-45-6789
            """)
    void dashedSsnAfterAField(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        assertThat(PiiScanner.scan(value)).isEqualTo(EquivalenceTest.reference(value, EnumSet.allOf(PiiKind.class)));
    }
}
