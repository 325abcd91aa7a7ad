package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cards, SSNs and IBANs that touch other values or are glued to words (branch glue8, 2026-12-03: an attacker's review
 * of the day before; {@code value | what the masked value must be}). Each row of the found groups failed on main at
 * e619364; the rows that stay plain are ordinary data the new rules must not take (UUIDs, chains, versions).
 */
class GluedValuesFoundTest {

    /**
     * A card of a card's own grouping (4-4-4-4, Luhn, an issuer range of 16 digits) glued to a word by its own separator
     * or another glue character, in a path, a key or a file name; written with three-character separators; a 17-19 digit
     * number grouped 4-4-4-4 and a short last group; track data; a count, an SSN or another number's last group just
     * before it (the digit pass took that group as the card's first, leaving the card's last group).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            /cards/4111-1111-1111-1111/charge | /cards/<card>/charge
            /cards/4356-2301-2383-6079/refund | /cards/<card>/refund
            POST /v1/cards/5377.6793.6173.0489/capture HTTP/1.1 | POST /v1/cards/<card>/capture HTTP/1.1
            card-4111-1111-1111-1111 | card-<card>
            card-6011-6761-4116-9616. | card-<card>.
            pan_4111_1111_1111_1111 | pan_<card>
            PAN_3530_0531_7839_2918_exp | PAN_<card>_exp
            id-4242-4242-4242-4242 | id-<card>
            receipt_2221/8073/2979/7481.pdf | receipt_<card>.pdf
            card 4111 1111 1111 1111.txt | card <card>.txt
            4111 - 1111 - 1111 - 1111 | <card>
            card 5377 / 6793 / 6173 / 0489 ok | card <card> ok
            4356 _ 2301 _ 2383 _ 6079 | <card>
            6011 3835 8683 0494 17 | <card>
            pan 6221-3756-9434-6968-53 x | pan <card> x
            6556 3418 6558 4541 6 | <card>
            %B4111111111111111^DOE/JOHN^25121010000000000000? | %B<card>^DOE/JOHN^25121010000000000000?
            B5995637881421742^SMITH/JANE^2605 | B<card>^SMITH/JANE^2605
            track=%B4619444844636^X/Y^2512 | track=%B<card>^X/Y^2512
            123-45-6789 4111 1111 1111 1111 | <card>
            ssn 027-26-3316 4356 2301 2383 6079 x | ssn <card> x
            x,4819,4356 2301 2383 6079,y | x,<card>,y
            x 2097 5377 6793 6173 0489 y | x <card> y
            x;3361;6011-6761-4116-9616;y | x;<card>;y
            """)
    void cards(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Ordinary data of the same shapes: no card (UUIDs, chains of groups, a letter glued, outside the issuer ranges). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            id 12345678-4111-1111-1111-111111111111
            trace 550e8400-4111-1111-1111-446655440000 done
            build 1.4111.1111.1111.1111
            v4111-1111-1111-1111
            ref_4111-1111-1111-1112
            x 4111_1111_1111_1111_99999
            4111-1111-1111-1111a
            6111 1111 1111 1111 13
            range 4111 - 1111 - 1111 - 1112
            B4111111111111111 ^
            """)
    void cardsStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** SSNs in a list glued by {@code /} or {@code _}, which the chain rule before took for one longer chain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            123-45-6789/234-56-7890 | <ssn>/<ssn>
            ssns 123-45-6789/234-56-7890/345-67-8901 ok | ssns <ssn>/<ssn>/<ssn> ok
            /users/123-45-6789/234-56-7890/ | /users/<ssn>/<ssn>/
            ssn_027-26-3316_515-91-6661.pdf | ssn_<ssn>_<ssn>.pdf
            123 45 6789/234 45 6789 | <ssn>/<ssn>
            123.45.6789_234.56.7890 | <ssn>_<ssn>
            """)
    void ssns(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Chains: a second value that is no SSN stays plain. A version or a date before a {@code /} stayed plain too until
     * the tenth round; since then an SSN written {@code 123-45-6789} after a {@code /} or {@code _} is masked whatever
     * precedes it (a field of a path or a name, {@code DigitTenTest}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            v1.2/123-45-6789 | v1.2/<ssn>
            2024-12-03/123-45-6789 | 2024-12-03/<ssn>
            v1.2/123.45.6789 | v1.2/123.45.6789
            123-45-6789/000-12-3456 x | <ssn>/000-12-3456 x
            """)
    void ssnsStayPlain(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked == null ? value : masked);
    }

    /**
     * IBANs: a double blank inside a grouped IBAN, national groupings with a short group before the last (Italy's CIN,
     * a letter; Spain's two control digits), and one run in lower case after the label {@code iban}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            DE89  3704 0044 0532 0130 00 | <iban>
            iban DE89 3704  0044 0532 0130 00 ok | iban <iban> ok
            GB82 WEST 1234  5698 7654 32 | <iban>
            iban DE89  37040044  0532013000 x | iban <iban> x
            IT 60 X 05428 11101 000000123456 | <iban>
            IT60 X 05428 11101 000000123456, thanks | <iban>, thanks
            ES91 2100 0418 45 0200051332 | <iban>
            pay to ES 91 2100 0418 45 0200051332 | pay to <iban>
            iban de89370400440532013000 | iban <iban>
            iban de89370400440532013000 x | iban <iban> x
            IBAN: gb82west12345698765432 | IBAN: <iban>
            {"iban":"it60x0542811101000000123456"} | {"iban":"<iban>"}
            """)
    void ibans(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Lower-case runs without the label, three blanks, a short group of another shape: plain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            id de89370400440532013000
            hash=de89370400440532013000
            xiban de89370400440532013000
            DE89 3704 004 40532 0130 00
            """)
    void ibansStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }
}
