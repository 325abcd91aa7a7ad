package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spellings found by the third attack review (2026-12-02) that {@link Fold} and {@link Decode} did not read: JSON and C
 * backslash escapes, percent-encoded UTF-8, control escapes, HTML named references of dashes, spaces and invisible
 * characters, numeric references without {@code ;} or with leading zeros, invisible characters outside the BMP and
 * blank-rendering ones. Rows are literal text (a backslash is a backslash) except {@code {U+XXXXX}}, which stands for
 * that character.
 */
class EscapeGapsTest {

    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestSeed.of(EscapeGapsTest.class);
    }

    /** {@code {U+XXXXX}} as that character; everything else as it is. */
    static String chars(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("{U+", i)) {
                int j = s.indexOf('}', i);
                b.appendCodePoint(Integer.parseInt(s.substring(i + 3, j), 16));
                i = j;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '{"body":"line one\\n123-45-6789"}'                 | '{"body":"line one\\n<ssn>"}'
            '{"body":"line one\\n415-555-0133"}'                | '{"body":"line one\\n<phone>"}'
            '{"body":"line one\\n+14155550133"}'                | '{"body":"line one\\n<phone>"}'
            '{"body":"line one\\n(415) 555-0133"}'              | '{"body":"line one\\n<phone>"}'
            '{"body":"line one\\r\\n020 7946 0958"}'            | '{"body":"line one\\r\\n<phone>"}'
            '{"body":"line one\\n4111111111111111"}'            | '{"body":"line one\\n<card>"}'
            '{"body":"line one\\n4111 1111 1111 1111"}'         | '{"body":"line one\\n<card>"}'
            '{"body":"line one\\nDE89370400440532013000"}'      | '{"body":"line one\\n<iban>"}'
            '{"body":"line one\\n2001:db8::1"}'                 | '{"body":"line one\\n<ip>"}'
            '{"body":"line one\\nBearer abcdefghijklmnop0123"}' | '{"body":"line one\\n<token>"}'
            '{"body":"one\\nghp_abcdefghijklmnopqrstuvwxyz0123456789"}' | '{"body":"one\\n<token>"}'
            '{"body":"a\\t123-45-6789\\t415-555-0133\\t4111111111111111"}' | '{"body":"a\\t<ssn>\\t<phone>\\t<card>"}'
            '{"msg":"{\\"body\\":\\"line one\\\\n123-45-6789\\"}"}' | '{"msg":"{\\"body\\":\\"line one\\\\n<ssn>\\"}"}'
            'to jane\\u0040example.org x'                      | 'to <email> x'
            'to jane\\uff20example\\u002eorg x'                | 'to <email> x'
            'card 4111\\u00201111\\u00201111\\u00201111 x'     | 'card <card> x'
            'to jane\\x40example.org x'                        | 'to <email> x'
            'to jane\\xef\\xbc\\xa0example.org x'              | 'to <email> x'
            'to jane%u0040example.org x'                       | 'to <email> x'
            """)
    void backslashEscapes(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane%EF%BC%A0example.org x                  | to <email> x
            card 4111%C2%A01111%C2%A01111%C2%A01111 x      | card <card> x
            call 415%E2%80%93555%E2%80%930133 x            | call <phone> x
            ip 203%E3%80%820%E3%80%82113%E3%80%825 x       | ip <ip> x
            card 41%E2%80%8B11 1111 1111 1111 x            | card <card> x
            card 41%F3%A0%80%A011 1111 1111 1111 x         | card <card> x
            card %F0%9D%9F%9C111 1111 1111 1111 x          | card <card> x
            Bearer%09abcdefghijklmnop0123 x                | <token> x
            'x%0A123-45-6789 y'                            | 'x%0A<ssn> y'
            """)
    void percentEncodedUtf8AndControls(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call 415&ndash;555&ndash;0133 x                | call <phone> x
            call 415&mdash;555&minus;0133 x                | call <phone> x
            call 415&dash;555&dash;0133 x                  | call <phone> x
            ssn 123&ndash;45&ndash;6789 x                  | ssn <ssn> x
            call 415&thinsp;555&thinsp;0133 x              | call <phone> x
            call 415&ensp;555&emsp;0133 x                  | call <phone> x
            call 415&hairsp;555&numsp;0133 x               | call <phone> x
            call 415&puncsp;555&puncsp;0133 x              | call <phone> x
            to jane&shy;@example.org x                     | to <email> x
            card 41&shy;11 1111 1111 1111 x                | card <card> x
            card 41&zwnj;11 1111 1111 1111 x               | card <card> x
            card 41&zwj;11 1111 1111 1111 x                | card <card> x
            'x&NewLine;123-45-6789 y'                      | 'x&NewLine;<ssn> y'
            Bearer&Tab;abcdefghijklmnop0123 x              | <token> x
            to jane&#64example.org x                       | to <email> x
            to jane&#000000064;example.org x               | to <email> x
            to jane&#x000040;example.org x                 | to <email> x
            call 415&#150;555&#150;0133 x                  | call <phone> x
            card 41&#xE0020;11 1111 1111 1111 x            | card <card> x
            """)
    void htmlReferences(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 41{U+E0020}11 1111 1111 1111 x            | card <card> x
            card 41{U+E0100}11 1111 1111 1111 x            | card <card> x
            card 4111 11{U+1F3FB}11 1111 1111 x            | card <card> x
            ip 203.0.1{U+1BCA0}13.5 x                      | ip <ip> x
            call +44 20 79{U+1D173}46 0958 x               | call <phone> x
            Bea{U+E0020}rer abcdefghijklmnop0123 x         | <token> x
            Bearer abcdefgh{U+E0020}ijklmnop0123 x         | <token> x
            iban DE8937{U+E0001}0400440532013000 x         | iban <iban> x
            ssn 12{U+E0020}3-45-6789 x                     | ssn <ssn> x
            ssn 12{U+13430}3-45-6789 x                     | ssn <ssn> x
            ssn 12{U+110BD}3-45-6789 x                     | ssn <ssn> x
            ssn 12{U+101FD}3-45-6789 x                     | ssn <ssn> x
            ssn 12{U+1D165}3-45-6789 x                     | ssn <ssn> x
            ssn 12{U+1E000}3-45-6789 x                     | ssn <ssn> x
            to jane{U+E0020}@example.org x                 | to <email> x
            card 41{U+3164}11 1111 1111 1111 x             | card <card> x
            card 41{U+115F}11 1111 1111 1111 x             | card <card> x
            card 41{U+FFA0}11 1111 1111 1111 x             | card <card> x
            card 41{U+2800}11 1111 1111 1111 x             | card <card> x
            card 41{U+FFFC}11 1111 1111 1111 x             | card <card> x
            to jane{U+2800}@example.org x                  | to <email> x
            to jane{U+FFFC}@example.org x                  | to <email> x
            card {U+1D7D2}{U+1D7CF}{U+1D7CF}{U+1D7CF} 1111 1111 1111 x | card <card> x
            """)
    void invisibleAndBlankCharacters(String value, String masked) {
        assertThat(mask(chars(value))).isEqualTo(chars(masked));
    }

    /** Innocent text next to the new spellings stays as it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'C:\\new\\folder\\file.txt'
            'regex \\bword\\b and \\d+ \\s*'
            '{"msg":"line one\\nline two\\tend"}'
            '{"count":"1\\n2\\n3"}'
            'price %E2%82%AC 100 and %C3%A9t%C3%A9'
            'x\\u00e9t\\u00e9 \\uD83D\\uDE00 done'
            'bytes \\x00\\xff\\xzz \\x'
            'key=40 a=40b =?UTF-8?Q?caf=C3=A9?='
            'AT&T &it; &dash &#x; &#; &# &#0;'
            'end with \\'
            'end with \\u12'
            'end with %E2%80'
            'size 1024{U+2800}2048 and {U+1F600}{U+1F3FB} ok'
            """)
    void stillPlain(String value) {
        String text = chars(value);
        assertThat(mask(text)).isEqualTo(text);
    }

    /**
     * Spellings not read, by decision (the core README's table): quoted-printable {@code =40} and RFC 2047 words (a
     * {@code =XX} reading of every {@code key=value} would turn {@code card=4111111111111111} into {@code cardA11…}
     * and hide the card), octal {@code \100} (a backslash before digits, as in a Windows path
     * {@code C:\logs\4111111111111111}, would eat them), {@code \"} (the escaped quote of a quoted local part; gapsmail's),
     * a hex reference without {@code ;} followed by hex letters ({@code &#x40example} is {@code U+040E} + {@code xample}
     * to an HTML5 parser, not an at-sign).
     */
    @Disabled("not read by decision: see the javadoc")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane=40example.org x                        | to <email> x
            '=?UTF-8?Q?jane=40example.org?='               | '=?UTF-8?Q?<email>?='
            to jane\\100example.org x                      | to <email> x
            to jane&#x40example.org x                      | to <email> x
            """)
    void notReadByDecision(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @Test
    void theMaskCoversTheEscapesAndWholeSurrogatePairs() {
        assertThat(mask("x jane\\u0040example.org\\n y")).isEqualTo("x <email>\\n y");
        assertThat(mask(chars("x {U+1D7D2}111 1111 1111 1111{U+E0020} y"))).isEqualTo(chars("x <card>{U+E0020} y"));
        assertThat(mask(chars("x 4111 1111 1111 111{U+1D7CF} y"))).isEqualTo("x <card> y");
        assertThat(mask("x 4111%C2%A01111%C2%A01111%C2%A01111%C2%A0y")).isEqualTo("x <card>%C2%A0y");
    }

    /**
     * The census (which the ingest scrub asks before each detector) counts digits, x's and high surrogates of the
     * original text as possible digits: sound only if every spelling of a character that folds to a digit has a decimal
     * digit or an {@code x} in it, and every spelling of one that folds to {@code x} or {@code X} a decimal digit (see
     * {@link PiiCensus#of(CharSequence)}). Each spelling is read as the character, too.
     */
    @Test
    void everySpellingOfADigitHasADigitOrAnXInIt() {
        int checked = 0;
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            char f = cp > 0xFFFF ? Astral.fold(cp) : Fold.map((char) cp);
            boolean digit = f >= '0' && f <= '9';
            if (!digit && (f | 0x20) != 'x') {
                continue;
            }
            for (String spelling : spellings(cp)) {
                assertThat(spelling.chars().anyMatch(c -> c >= '0' && c <= '9' || digit && (c | 0x20) == 'x'))
                        .as("%s", spelling).isTrue();
                Fold.Folded d = Decode.apply(new Fold.Folded(spelling.toCharArray(), null, null));
                assertThat(new String(d.s())).as("%s is read", spelling).isEqualTo(String.valueOf(f));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(600 * 6);
    }

    private static String[] spellings(int cp) {
        StringBuilder pct = new StringBuilder();
        StringBuilder x = new StringBuilder();
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            pct.append(String.format("%%%02X", b & 0xFF));
            x.append(String.format("\\x%02x", b & 0xFF));
        }
        StringBuilder u = new StringBuilder();
        StringBuilder iis = new StringBuilder();
        for (char c : Character.toChars(cp)) {
            u.append(String.format("\\u%04X", (int) c));
            iis.append(String.format("%%u%04x", (int) c));
        }
        return new String[] {pct.toString(), x.toString(), u.toString(), iis.toString(), "&#" + cp + ";",
            "&#x" + Integer.toHexString(cp) + ";"};
    }

    /**
     * Decode's shortcut (no further round when a round says its output holds no escape) changes nothing: on random
     * text made of pieces of escapes, whenever Decode stopped before its last round, one more round finds nothing.
     */
    @Test
    void aRoundThatSaysNoMoreIsRight() {
        String[] pieces = {"%", "25", "40", "2", "5", "C", "E2", "80", "8B", "u", "0040", "00", "&", "#", "x", ";", "amp",
            "64", "0", "\\", "\\\\", "n", "5C", "26", "a", " ", "%5C", "&#92;", "%26", "&amp;", "x4", "F3%A0", "%80%A0"};
        SplittableRandom r = new SplittableRandom(seed);
        int early = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(12); k >= 0; k--) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            Fold.Folded d = Decode.apply(new Fold.Folded(text.toCharArray(), null, null));
            if (d.rounds().length < Decode.ROUNDS) {
                early++;
                Fold.Folded again = Decode.apply(new Fold.Folded(d.s().clone(), null, null));
                assertThat(again.rounds()).as("seed %d: [%s] decoded to [%s]", seed, text, new String(d.s())).isEmpty();
            }
        }
        assertThat(early).isGreaterThan(100_000);
    }
}
