package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Phone numbers with brackets, national and international forms (branch nat8, 2026-12-03): leaks of the attacker's
 * review of 2026-12-02 ({@code value | what the masked value must be}); every row failed on main at e619364. The
 * generated tests write each shape with other digits and separators, in a sentence, in JSON and after a label.
 */
class NationalPhonesFoundTest {

    /** Contexts a number is written in: {@code %s} is the number. */
    private static final String[] CONTEXTS = {"%s", "call %s now", "{\"phone\":\"%s\"}", "phone: %s", "tel. %s, thanks",
        "2026-12-03 10:00:00 INFO sent to %s"};

    private static Stream<String[]> inContexts(List<String> numbers) {
        List<String[]> rows = new ArrayList<>();
        for (String number : numbers) {
            for (String c : CONTEXTS) {
                rows.add(new String[] {String.format(c, number), String.format(c, "<phone>")});
            }
        }
        return rows.stream();
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    /** NANP with an area or exchange from 0 or 1: placeholders and test data, bracketed or dashed 3-3-4. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            (123) 456-7890 | <phone>
            (123)456-7890 | <phone>
            123-456-7890 | <phone>
            (555) 123-4567 | <phone>
            555-123-4567 | <phone>
            call (123) 456-7890 today | call <phone> today
            '{"tel":"123-456-7890"}' | '{"tel":"<phone>"}'
            (012) 345-6789 | <phone>
            [123] 456-7890 | <phone>
            ( 123 ) 456-7890 | <phone>
            (123) 456 7890 | <phone>
            (123) 456.7890 | <phone>
            123 - 456 - 7890 | <phone>
            1-123-456-7890 | <phone>
            call 1-555-123-4567 now | call <phone> now
            1-012-345-6789 | <phone>
            """)
    void nanpAnyDigits(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    static Stream<String[]> nanpAnyDigitsGenerated() {
        Random r = new Random(8);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String a = (char) ('1' + r.nextInt(9)) + digits(r, 2);
            String e = (char) ('0' + r.nextInt(2)) + digits(r, 2); // an exchange from 0 or 1
            String l = digits(r, 4);
            String[] seps = {" ", "-", ".", ""};
            numbers.add("(" + a + ")" + seps[r.nextInt(4)] + e + "-" + l);
            numbers.add("(" + e + ") " + a + seps[r.nextInt(3)] + l);
            numbers.add(a + "-" + e + "-" + l);
            numbers.add(e.replace('0', '1') + "-" + a + "-" + l);
        }
        return inContexts(numbers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nanpAnyDigitsGenerated")
    void nanpAnyDigitsVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** A count after an international number is not taken with it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call +1 (415) 555-0134 2 times | call <phone> 2 times
            +44 20 7946 0958 3 attempts | <phone> 3 attempts
            +44 20 7946 0958 12 attempts | <phone> 12 attempts
            retried +49 30 1234 5678 7 times | retried <phone> 7 times
            +1 415 555 0133 45 ms | <phone> 45 ms
            '{"to":"+1 (415) 555-0134","n":"+1 (415) 555-0134 3 x"}' | '{"to":"<phone>","n":"<phone> 3 x"}'
            +33 1 23 45 67 89 | <phone>
            +7 495 123 45 67 | <phone>
            +49 30 1234 567 | <phone>
            """)
    void countAfterInternational(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    static Stream<String[]> countAfterInternationalGenerated() {
        Random r = new Random(81);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String cc = (char) ('1' + r.nextInt(9)) + digits(r, r.nextInt(2));
            String[] seps = {" ", "-", ".", " "};
            String sep = seps[r.nextInt(4)];
            String number = "+" + cc + " " + (r.nextBoolean() ? "(" + digits(r, 3) + ") " : digits(r, 3) + sep) + digits(r, 3) + sep
                    + digits(r, 4);
            String count = Integer.toString(1 + r.nextInt(r.nextBoolean() ? 9 : 999));
            rows.add(new String[] {"sent " + number + " " + count + " times", "sent <phone> " + count + " times"});
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countAfterInternationalGenerated")
    void countAfterInternationalVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** International prefixes: 00 and 011 before a country code, 00 glued to it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            00 44 20 7946 0958 | <phone>
            011 44 20 7946 0958 | <phone>
            0044 20 7946 0958 | <phone>
            0049 30 12345678 | <phone>
            00353 1 234 5678 | <phone>
            001 415-555-0133 | <phone>
            011 49 (30) 1234-5678 | <phone>
            00 44 20 7946 0958 3 attempts | <phone> 3 attempts
            call 0033 6 12 34 56 78 now | call <phone> now
            """)
    void internationalPrefixes(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    static Stream<String[]> internationalPrefixesGenerated() {
        Random r = new Random(82);
        List<String> numbers = new ArrayList<>();
        String[] prefixes = {"00 ", "011 ", "00"};
        for (int i = 0; i < 30; i++) {
            String cc = (char) ('1' + r.nextInt(9)) + digits(r, r.nextInt(3));
            String[] seps = {" ", "-", ".", "/"};
            String sep = seps[r.nextInt(4)];
            String area = (char) ('1' + r.nextInt(9)) + digits(r, 1 + r.nextInt(2));
            String body = (r.nextBoolean() ? area : "(" + area + ")") + " " + digits(r, 3 + r.nextInt(2)) + sep + digits(r, 4);
            numbers.add(prefixes[r.nextInt(3)] + cc + " " + body);
        }
        return inContexts(numbers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("internationalPrefixesGenerated")
    void internationalPrefixesVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Brackets holding a country code and an area, or a two-digit area without a trunk prefix. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            (+49 30) 12345678 | (<phone>
            (+44 20) 7946 0958 | (<phone>
            [+49 89] 1234-5678 | [<phone>
            call (+33 1) 23 45 67 89 now | call (<phone> now
            (21) 123 4567 | <phone>
            (44) 20 7946 0958 | <phone>
            (49) 30 1234 5678 | <phone>
            (44) 20-7946-0958 | <phone>
            (44) 20 7946 0958 3 attempts | <phone> 3 attempts
            '{"phone":"(353) 21 234 5678"}' | '{"phone":"<phone>"}'
            (21) 1234-5678 | <phone>
            '{"phone":"(47) 321 9876"}' | '{"phone":"<phone>"}'
            +49 (30) 1234 5678 | <phone>
            +33 (0)1 23 45 67 89 | <phone>
            """)
    void bracketedAreas(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    static Stream<String[]> bracketedAreasGenerated() {
        Random r = new Random(83);
        List<String> numbers = new ArrayList<>();
        String[] seps = {" ", "-", "."};
        for (int i = 0; i < 20; i++) {
            String area = (char) ('1' + r.nextInt(9)) + "" + (char) ('1' + r.nextInt(9));
            int middle = 3 + r.nextInt(3);
            numbers.add("(" + area + ") " + digits(r, middle) + (middle == 3 ? " " : seps[r.nextInt(3)]) + digits(r, 4));
        }
        return inContexts(numbers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bracketedAreasGenerated")
    void bracketedAreasVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Left plain: a bare run, blanks without a bracket (counts), dates, ranges, counts in brackets. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            1234567890
            id 123 456 7890
            (2024) 12-02
            (10-20)
            (123) items
            v1.2.3 123.456.7890.1
            123-456-7890-1
            a9-123-456-7890
            00 11 22 33 44 55 66 77
            0010 2030 4050 6070
            0000 1111 2222 3333
            00 00 12 34 56 78 9a
            00441632960960
            ab12-0044 20 7946 0958
            00:44:20.7946
            iban DE89 3704 0044 0532 0130 0 x
            4111 0044 2222 3333 x
            (10) 123 4567
            (12) 345 678
            (1) 234 5678
            page (12) 123-4567
            (12) 345 678 901
            (12) 2024-12-02
            (12) 02.12.2024
            (10) 20 30 40 50
            00 12 345
            """)
    void staysPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }
}
