package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Variants of the families of issue 13 found by the third attack review (hunt3, 2026-12-02) that the engine as shipped
 * then missed ({@code value | what the masked value must be}); each row failed on that engine. The rows that the fixes
 * of the same day close run as tests; the rest are in the disabled {@code …LeftOpen} twin of each group (left open, or
 * not reported by decision: the core README's table says which). Characters are written as Java unicode escapes (a
 * surrogate pair for a character outside the BMP); {@code \\u0040} and {@code \\n} are a literal backslash and
 * letters, as in JSON-escaped text. Not repeated here: the rows of {@link GapsFoundTest}. Found outside the engine by
 * the same review, and tested where they were fixed: event names and numeric values at the edge
 * ({@code MetricsIdAppenderTest}), a card sent as a JSON double to the ingest scrub ({@code PrivacyScrubProcessorTest}).
 */
class HuntFoundTest {

    /**
     * Invisible characters that {@link Fold} does not leave out: format characters and marks outside the Basic Multilingual
     * Plane (tag characters U+E0000-E007F, variation selectors U+E0100-E01EF, U+1BCA0-1BCA3, U+1D173-1D17A: Fold maps one
     * UTF-16 char at a time, so a surrogate pair is kept), and blank-looking U+3164 HANGUL FILLER and U+2800 BRAILLE
     * PATTERN BLANK; every kind but e-mail is broken by them (U+2800 before an at-sign hides a whole address).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 41\uDB40\uDC2011 1111 1111 1111 x | card <card> x
            card 41\uDB40\uDD0011 1111 1111 1111 x | card <card> x
            ip 203.0.1\uD82F\uDCA013.5 x | ip <ip> x
            call +44 20 79\uD834\uDD7346 0958 x | call <phone> x
            Bea\uDB40\uDC20rer abcdefghijklmnop0123 x | <token> x
            Bearer abcdefgh\uDB40\uDC20ijklmnop0123 x | <token> x
            iban DE8937\uDB40\uDC010400440532013000 x | iban <iban> x
            ssn 12\uDB40\uDC203-45-6789 x | ssn <ssn> x
            card 41\u316411 1111 1111 1111 x | card <card> x
            card 41\u280011 1111 1111 1111 x | card <card> x
            to jane\u2800@example.org x | to <email> x
            """)
    void invisibleOutsideTheBmpAndBlankLookingCharacters(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Escapes {@link Decode} does not read: a JSON {@code \\u0040}, percent-encoded UTF-8 of look-alikes and invisible
     * characters ({@code %EF%BC%A0} is {@code ＠}), named references of dashes, thin spaces and invisible characters
     * ({@code &ndash; &minus; &thinsp; &shy; &zwnj;}), numeric references without {@code ;} or with many leading zeros, and
     * quoted-printable / RFC 2047 {@code =40}; and a {@code %} before digits, decoded as an escape ({@code %41} is {@code A})
     * that glues a letter to a card or phone number.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane\\u0040example.org x | to <email> x
            to jane%EF%BC%A0example.org x | to <email> x
            card 4111%C2%A01111%C2%A01111%C2%A01111 x | card <card> x
            call 415%E2%80%93555%E2%80%930133 x | call <phone> x
            ip 203%E3%80%820%E3%80%82113%E3%80%825 x | ip <ip> x
            call 415&ndash;555&ndash;0133 x | call <phone> x
            call 415&mdash;555&mdash;0133 x | call <phone> x
            call 415&minus;555&minus;0133 x | call <phone> x
            ssn 123&ndash;45&ndash;6789 x | ssn <ssn> x
            call 415&thinsp;555&thinsp;0133 x | call <phone> x
            to jane&shy;@example.org x | to <email> x
            card 41&shy;11 1111 1111 1111 x | card <card> x
            card 41&zwnj;11 1111 1111 1111 x | card <card> x
            to jane&#64example.org x | to <email> x
            to jane&#000000064;example.org x | to <email> x
            card 4111%E2%80%8B1111 1111 1111 x | card <card> x
            to jane&#x40example.org x | to <email> x
            =?UTF-8?Q?jane=40example.org?= | =?UTF-8?Q?<email>?=
            x %4111 1111 1111 1111 x | x %<card> x
            x %415-555-0133 x | x %<phone> x
            """)
    void escapesDecodeDoesNotRead(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #escapesDecodeDoesNotRead} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02, or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane=40example.org x | to <email> x
            """)
    void escapesDecodeDoesNotReadLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Form-encoded query strings ({@code application/x-www-form-urlencoded}: {@code +} is a blank): phones, SSNs and grouped
     * IBANs are missed (cards with {@code +} are found).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            phone=%2B1+415+555+0133&x=1 | phone=<phone>&x=1
            phone=415+555+0133&x=1 | phone=<phone>&x=1
            phone=%2B44+20+7946+0958&x=1 | phone=<phone>&x=1
            ssn=123+45+6789&x=1 | ssn=<ssn>&x=1
            iban=DE89+3704+0044+0532+0130+00&x=1 | iban=<iban>&x=1
            phone=(415)+555-0133&x=1 | phone=<phone>&x=1
            phone=(030)+1234+5678&x=1 | phone=<phone>&x=1
            """)
    void formEncodedQueryStrings(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * JSON-escaped text (a JSON document or multi-line message kept as a string): the letter of {@code \\n} or
     * {@code \\t} touches the value, and every family that refuses a value glued to a letter misses it (IPv4 and JWTs are
     * found); .NET System.Text.Json writes quotes and plus signs as {@code \\u0022 \\u002B} by default, whose hex digits glue to
     * the value (even IPv4 is missed).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            {"body":"line one\\n123-45-6789"} | {"body":"line one\\n<ssn>"}
            {"body":"line one\\n415-555-0133"} | {"body":"line one\\n<phone>"}
            {"body":"line one\\n+14155550133"} | {"body":"line one\\n<phone>"}
            {"body":"line one\\n4111111111111111"} | {"body":"line one\\n<card>"}
            {"body":"line one\\n4111 1111 1111 1111"} | {"body":"line one\\n<card>"}
            {"body":"line one\\nDE89370400440532013000"} | {"body":"line one\\n<iban>"}
            {"body":"line one\\n2001:db8::1"} | {"body":"line one\\n<ip>"}
            {"body":"line one\\nBearer abcdefghijklmnop0123"} | {"body":"line one\\n<token>"}
            {"body":"line one\\nghp_abcdefghijklmnopqrstuvwxyz0123456789"} | {"body":"line one\\n<token>"}
            {"Msg":"\\u0022415-555-0133\\u0022"} | {"Msg":"\\u0022<phone>\\u0022"}
            {"Msg":"\\u00224111111111111111\\u0022"} | {"Msg":"\\u0022<card>\\u0022"}
            {"Msg":"\\u0027123-45-6789\\u0027"} | {"Msg":"\\u0027<ssn>\\u0027"}
            {"Msg":"\\u0022203.0.113.5\\u0022"} | {"Msg":"\\u0022<ip>\\u0022"}
            {"Msg":"\\u0022Bearer abcdefghijklmnop0123\\u0022"} | {"Msg":"\\u0022<token>\\u0022"}
            {"Phone":"\\u002B14155550133"} | {"Phone":"<phone>"}
            """)
    void jsonEscapedText(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * A phone or SSN next to another number: two national numbers separated by one blank are both missed (the chain is
     * read as one, too long, and rejected whole), a number followed by {@code <blank><digit>} is missed, and one after
     * {@code <digit><blank>} (a date, a time, a count) is never tried.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            tel 415-555-0133 415-555-0134 x | tel <phone> <phone> x
            phones (415) 555-0133 (212) 555-0188 x | phones <phone> <phone> x
            home 030 1234 5678 0151 23456789 x | home <phone> <phone> x
            call 415-555-0133 5 times | call <phone> 5 times
            call (415) 555-0133 2 times | call <phone> 2 times
            call 020 7946 0958 2 times | call <phone> 2 times
            ssn 123 45 6789 2 x | ssn <ssn> 2 x
            ssns 123-45-6789 234-56-7890 x | ssns <ssn> <ssn> x
            2024-12-02 123-45-6789 x | 2024-12-02 <ssn> x
            10:00:00 415-555-0133 x | 10:00:00 <phone> x
            row 1 123-45-6789 x | row 1 <ssn> x
            7 415-555-0133 x | 7 <phone> x
            tel1 415-555-0133 x | tel1 <phone> x
            3) 415-555-0133 x | 3) <phone> x
            3) 123-45-6789 x | 3) <ssn> x
            call 415-555-0133 2024-01-01 verified | call <phone> 2024-01-01 verified
            call 415-555-0133 12:00 x | call <phone> 12:00 x
            2024-12-02 10:15:30.123+0000 415-555-0133 called | 2024-12-02 10:15:30.123+0000 <phone> called
            42 415-555-0133 Jane | 42 <phone> Jane
            Jane 415-555-0133 42 | Jane <phone> 42
            """)
    void numbersNextToOtherNumbers(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Phone formats: Brazilian, Russian (trunk 8), Swedish and Japanese national spellings, Chinese mobile numbers, a national
     * number followed by a bracketed label ({@code (home)}), blanks inside brackets, a bracketed country code before a
     * bracketed area, spaced dashes, double blanks, TABs, a number in brackets ({@code Key (phone)=(415-555-0133)}, PostgreSQL), after a path
     * segment, and after a label glued by {@code . _}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call (11) 91234-5678 now | call <phone> now
            call 8 (495) 123-45-67 now | call <phone> now
            call 03(1234)5678 now | call <phone> now
            call 415 - 555 - 0133 now | call <phone> now
            call +1\u0009415\u0009555\u00090133 now | call <phone> now
            Key (phone)=(415-555-0133) already exists. | Key (phone)=(<phone>) already exists.
            GET /api/users/415-555-0133 HTTP/1.1 | GET /api/users/<phone> HTTP/1.1
            Tel.030 12345678 | Tel.<phone>
            Ph.415-555-0133 | Ph.<phone>
            tel_415-555-0133 | tel_<phone>
            call +1  415  555  0133 now | call <phone> now
            call 415-555-0133 (home) x | call <phone> (home) x
            call (415) 555-0133 (home) x | call <phone> (home) x
            call 020 7946 0958 (work) x | call <phone> (work) x
            call (+1) (415) 555-0133 now | call (<phone> now
            call 030 / 1234 5678 now | call <phone> now
            call +49 (0) 30 / 1234 5678 now | call <phone> now
            call 089 / 123 456 78 now | call <phone> now
            call 020-123 4567 now | call <phone> now
            """)
    void phoneFormats(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Rows of {@link #phoneFormats} still missed after this round's fixes, not reported by decision (core README table,
     * reviewed on branches digits4 and digits5): a number glued to a number before ({@code 7/415-555-0133}: a path or
     * a fraction as likely). The other rows moved to {@link #phoneFormatsClosedOnDigits5}.
     */
    @Disabled("left open after the fixes of 2026-12-02, or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            phone 7/415-555-0133 x | phone 7/<phone> x
            """)
    void phoneFormatsLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * SSNs with mixed separators, spaced dashes and TABs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ssn 123-45 6789 x | ssn <ssn> x
            ssn 123 - 45 - 6789 x | ssn <ssn> x
            ssn 123\u000945\u00096789 x | ssn <ssn> x
            """)
    void ssnSpellings(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Cards glued to an expiry or a CVV by {@code / -}, five groups joined by {@code -}, a 14-digit Diners grouped 4-4-4-2, a
     * card in a REST path and after {@code No.}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 4111111111111111-123 x | card <card>-123 x
            card 4111-1111-1111-1111/12/25 x | card <card>/12/25 x
            card 4111-1111-1111-1111-1111 x | card <card>-1111 x
            card 4111 1111 1111 1111-123 x | card <card>-123 x
            card 3056 9309 0259 04 x | card <card> x
            card 3056-9309-0259-04 x | card <card> x
            GET /api/cards/4111111111111111/charge HTTP/1.1 | GET /api/cards/<card>/charge HTTP/1.1
            GET /v1/4111111111111111 HTTP/1.1 | GET /v1/<card> HTTP/1.1
            ref 2024-12-02_4111111111111111 x | ref 2024-12-02_<card> x
            """)
    void cardSpellings(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * IBANs grouped as bank code and account (DE, GB) or with a blank after the country code (closed by
     * {@code IbanDetector.loose}, branch digits4).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban DE89 37040044 0532013000 x | iban <iban> x
            iban GB82 WEST 123456 98765432 x | iban <iban> x
            iban DE 89 3704 0044 0532 0130 00 x | iban <iban> x
            IBAN: DE89 37040044 0532013000. | IBAN: <iban>.
            iban=DE 89 370400440532013000 | iban=<iban>
            iban FR76 30006 00001 12345678901 89 x | iban <iban> x
            """)
    void ibanGroupings(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * IPv6 after a {@code key:} with no blank (logfmt, SPF {@code ip6:}), an address with a 5-digit port as netstat prints it,
     * and addresses followed by {@code .port} as tcpdump prints them (IPv4: a collision with the five-part decision).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ip:2001:db8::1 x | ip:<ip> x
            client:2001:db8::1 x | client:<ip> x
            v=spf1 ip4:203.0.113.5 ip6:2001:db8::1 -all | v=spf1 ip4:<ip> ip6:<ip> -all
            tcp6 0 0 2001:db8::1:22 2001:db8::2:51234 ESTABLISHED | tcp6 0 0 <ip> <ip>:51234 ESTABLISHED
            IP6 2001:db8::1.443 > 2001:db8::2.51234: Flags [S] | IP6 <ip>.443 > <ip>.51234: Flags [S]
            IP6 ::ffff:203.0.113.5.443 > ::1.80: Flags [S] | IP6 <ip>.443 > <ip>.80: Flags [S]
            10:15:30.123456 IP 203.0.113.5.443 > 198.51.100.7.51234: Flags [S] | 10:15:30.123456 IP <ip>.443 > <ip>.51234: Flags [S]
            """)
    void ipv6AfterAKeyAndWithAPort(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Spacing combining marks (category Mc: the vowel signs of Devanagari, Tamil, Bengali, Khmer, …) are not address
     * characters, so Hindi or Tamil local parts are left whole and IDN domains are cut at their first vowel sign; a quoted
     * local part with an escaped quote leaves the part before it; addresses as typed in an "invalid email" log (a doubled
     * at-sign, a dot after it, brackets in the local part) are left whole.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to "jane\\"doe"@example.org x | to <email> x
            invalid email jane@@example.org | invalid email <email>
            invalid email jane@.example.org | invalid email <email>
            to पूजा@example.org x | to <email> x
            to ராஜா@example.org x | to <email> x
            to jane@उदाहरण.भारत x | to <email> x
            to jane@উদাহরণ.ভারত x | to <email> x
            to jane@ឧទាហរណ៍.កម្ពុជា x | to <email> x
            to jane@exam·ple.org x | to <email> x
            invalid email jane[doe]@example.org | invalid email <email>
            """)
    void emailSpellings(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * HTML markup inside a value (HTML mail bodies, rich-text fields): {@code <wbr>} before the at-sign, a highlighted group
     * of a phone number.
     */
    @Disabled("left open after the fixes of 2026-12-02, or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane<wbr>@example.org x | to <email> x
            call 415-<b>555</b>-0133 x | call <phone> x
            """)
    void htmlMarkupInsideAValue(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Look-alikes {@link Fold} does not read: mathematical digits outside the BMP (U+1D7CE-1D7FF, decimal digits too),
     * circled and superscript digits, U+30FC KATAKANA-HIRAGANA PROLONGED SOUND MARK and U+301C WAVE DASH typed as dashes
     * in Japanese, and dot and colon look-alikes (U+00B7 MIDDLE DOT, U+066B ARABIC DECIMAL SEPARATOR, U+3001, U+A789).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card \uD835\uDFD2\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF \uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF \uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF \uD835\uDFCF\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF x | card <card> x
            card ④①①① ①①①① ①①①① ①①①① x | card <card> x
            card ⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹ x | card <card> x
            call 03ー1234ー5678 now | call <phone> now
            ssn 123ー45ー6789 x | ssn <ssn> x
            ip 203·0·113·5 x | ip <ip> x
            ip 203٫0٫113٫5 x | ip <ip> x
            ip 2001꞉db8꞉꞉1 x | ip <ip> x
            call 03〜1234〜5678 now | call <phone> now
            ip 203、0、113、5 x | ip <ip> x
            """)
    void lookAlikesFoldDoesNotRead(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * JWTs whose JSON header has a blank or a line break after its brace (base64 {@code ewo…}, {@code eyA…} instead of
     * {@code eyJ…}), and credentials of the same families as the listed prefixes: AWS temporary key ids ({@code ASIA}),
     * OpenAI project keys ({@code sk-proj-}), Google OAuth access tokens ({@code ya29.}), Slack app and refresh tokens
     * ({@code xapp-}, {@code xoxe-}), Stripe restricted test keys ({@code rk_test_}), GitLab deploy tokens ({@code gldt-}), Google OAuth client
     * secrets ({@code GOCSPX-}), Docker Hub tokens ({@code dckr_pat_}); and a quoted Basic credential.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ewogICJhbGciOiAiSFMyNTYiCn0.ewogICJzdWIiOiAiMTIzIgp9.abcdefghijkl x | <token> x
            eyAiYWxnIjogIkhTMjU2IiB9.eyAic3ViIjogIjEyMyIgfQ.abcdefghijkl x | <token> x
            ASIAIOSFODNN7EXAMPLE x | <token> x
            sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ x | <token> x
            ya29.a0AfH6SMBabcdefghijklmnopqrstuvwxyz0123456789 x | <token> x
            xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd x | <token> x
            rk_test_abcdefghijklmnopqrstuvwx x | <token> x
            xoxe-1-abcdefghijklmnopqrstuvwxyz0123456789 x | <token> x
            Bearer = abcdefghijklmnop0123 x | <token> x
            gldt-abcdefghij0123456789 x | <token> x
            GOCSPX-abcdefghijklmnopqrstuvwx0123 x | <token> x
            dckr_pat_abcdefghijklmnopqrstuvwx012 x | <token> x
            Authorization: Basic "dmFsdXNlcjp2YWxwYXNzd29yZA==" x | Authorization: Basic "<token>" x
            """)
    void credentialVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * HTTP header folding (obsolete, RFC 7230 3.2.4, but still sent and logged): a line break and a blank between the
     * scheme word and the credential, or between the header name and the value (closed on branch mail5; the row was in
     * {@link #lineBreaks}, whose other rows are the digit pass's).
     */
    @org.junit.jupiter.api.Test
    void headerFolding() {
        assertThat(mask("Authorization: Basic\r\n dmFsdXNlcjp2YWxwYXNzd29yZA== x")).isEqualTo("Authorization: <token> x");
        assertThat(mask("Authorization: Basic\r\n\tdmFsdXNlcjp2YWxwYXNzd29yZA== x")).isEqualTo("Authorization: <token> x");
        assertThat(mask("Authorization: Bearer\n abcdefghijklmnop0123 x")).isEqualTo("Authorization: <token> x");
        assertThat(mask("Authorization:\r\n Basic dmFsdXNlcjp2YWxwYXNzd29yZA== x")).isEqualTo("Authorization:\r\n <token> x");
        assertThat(mask("Authorization:\r\n Bearer abcdefghijklmnop0123 x")).isEqualTo("Authorization:\r\n <token> x");
        assertThat(mask("Basic\r\n dmFsdXNlcjp2YWxwYXNzd29yZA== x")).isEqualTo("<token> x");
        assertThat(mask("Authorization: Basic\r\n \"dmFsdXNlcjp2YWxwYXNzd29yZA==\" x")).isEqualTo("Authorization: Basic\r\n \"<token>\" x");
        // a line that ends in the scheme word does not take the next line's first word
        assertThat(mask("use bearer\r\n tokens x")).isEqualTo("use bearer\r\n tokens x");
    }

    /**
     * Line breaks (LF, CR) between the groups of a card, a phone number or an SSN, and HTTP header folding: the README
     * says card groups may be joined by "any single non-alphanumeric character", but only TAB of the control characters is
     * accepted.
     */
    @Disabled("left open after the fixes of 2026-12-02: HTTP header folding (the digit rows moved to lineBreaksBetweenDigitGroups)")
    @org.junit.jupiter.api.Test
    void lineBreaks() {
        assertThat(mask("Authorization: Basic\r\n dmFsdXNlcjp2YWxwYXNzd29yZA== x")).isEqualTo("Authorization: <token> x");
    }

    /**
     * False positives found by the same review: innocent text that is masked today and must stay plain — prose after the
     * word Bearer (the next word is taken as the token), a {@code WWW-Authenticate} challenge's {@code realm=}, a list of
     * powers of two (Luhn-valid by chance), a signed counter ({@code +} and 8 or more digits), a lone {@code ::}
     * (Haskell type signatures) read as the unspecified IPv6 address.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'Bearer token expired for user 42'
            'Use Bearer authentication for the API'
            'WWW-Authenticate: Bearer realm="example", error="invalid_token"'
            'main :: IO ()'
            'length :: [a] -> Int'
            """)
    void falsePositives(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** Rows of {@link #falsePositives} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02, or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'delta +123456789 ms'
            """)
    void falsePositivesLeftOpen(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Rows of {@link #lineBreaks} closed on branch digits5 ({@link LineBreaks}: the digit families read LF, CR, VT, FF,
     * U+0085, U+2028 and U+2029 as blanks; a CRLF is one separator of two characters), and their neighbours: each line
     * break alone and as CRLF, a blank line, at the start and end of the value, IBANs of other countries, international
     * and trunk-prefix phone numbers.
     */
    @org.junit.jupiter.api.Test
    void lineBreaksBetweenDigitGroups() {
        assertThat(mask("card 4111\n1111\n1111\n1111 x")).isEqualTo("card <card> x");
        assertThat(mask("card 4111\r\n1111\r\n1111\r\n1111 x")).isEqualTo("card <card> x");
        assertThat(mask("call 415\n555\n0133")).isEqualTo("call <phone>");
        assertThat(mask("ssn 123\n45\n6789")).isEqualTo("ssn <ssn>");
        for (String br : new String[] {"\n", "\r", "\r\n", "\u000B", "\f", "\u0085", "\u2028", "\u2029", "\n\n"}) {
            String v = br.replace("\n", "\\n").replace("\r", "\\r");
            assertThat(mask("card 4111" + br + "1111" + br + "1111" + br + "1111 x")).as(v).isEqualTo("card <card> x");
            assertThat(mask("4111" + br + "1111" + br + "1111" + br + "1111")).as(v).isEqualTo("<card>");
            assertThat(mask("amex 3782" + br + "822463" + br + "10005" + br)).as(v).isEqualTo("amex <card>" + br);
            assertThat(mask("call 415" + br + "555" + br + "0133 now")).as(v).isEqualTo("call <phone> now");
            assertThat(mask("call +44" + br + "20" + br + "7946" + br + "0958")).as(v).isEqualTo("call <phone>");
            assertThat(mask("call 030" + br + "1234" + br + "5678")).as(v).isEqualTo("call <phone>");
            assertThat(mask("iban DE89" + br + "3704" + br + "0044" + br + "0532" + br + "0130" + br + "00 x")).as(v)
                    .isEqualTo("iban <iban> x");
            assertThat(mask("GB82" + br + "WEST" + br + "1234" + br + "5698" + br + "7654" + br + "32")).as(v).isEqualTo("<iban>");
            if (!br.equals("\n\n")) { // an SSN's parts are joined by one separator (or a CRLF, or three)
                assertThat(mask("ssn 123" + br + "45" + br + "6789 x")).as(v).isEqualTo("ssn <ssn> x");
            }
        }
        assertThat(mask("ssn:\r\n123-45-6789\r\n")).isEqualTo("ssn:\r\n<ssn>\r\n");
        assertThat(mask("line one\n4111 1111 1111 1111\nline two")).isEqualTo("line one\n<card>\nline two");
    }

    /**
     * Numbers one per line stay plain where the rules of their family say so: a column of ports, years or counts (no
     * Luhn-valid 13-19 digits from 2-6, no 3-3-4 NANP layout, no 3-2-4 SSN), a line break after a grouped number's
     * last group before more digits, lines of a stack trace.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "ports:\n8080\n443\n5432\n6379\n9200\n27017",
        "years:\n2019\n2020\n2021\n2022\n2023\n2024",
        "years:\r\n2019\r\n2020\r\n2021\r\n2022\r\n2023",
        "counts\n12\n345\n6789\n1011",
        "sizes\n2048\n4096\n8192\n1638",
        "at Foo.bar(Foo.java:123)\n\tat Baz.qux(Baz.java:45)\n\tat Main.main(Main.java:6789)",
        "ids\n100\n200\n300\n400\n500",
        "version\n1.2.3\n4.5.6",
        "total\n415\n555\n01334",
        "rows 123\n45\n67890",
    })
    void lineBreakListsStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Rows of {@link #phoneFormatsLeftOpen} closed on branch digits5, and neighbours: a dash or slash after a 2-digit area
     * code before groups of 2-3 digits (Stockholm, Brussels), China's mobile numbers 1[3-9]X grouped 3-4-4.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call 08-123 456 78 now | call <phone> now
            call 138 0013 8000 now | call <phone> now
            call 138-0013-8000 now | call <phone> now
            call 02 / 123 45 67 now | call <phone> now
            call 02/123 45 67 now | call <phone> now
            call 031-123 45 67 now | call <phone> now
            call 199 1234 5678. | call <phone>.
            (138 0013 8000) | (<phone>)
            tel:138-0013-8000 | tel:<phone>
            call 138 0013 8000 5 times | call <phone> 5 times
            call ( 415 ) 555-0133 now | call <phone> now
            call +44 (0 20) 7946 0958 now | call <phone> now
            call (415 ) 555-0133 now | call <phone> now
            call ( 415) 555-0133 now | call <phone> now
            call [ 415 ] 555-0133 now | call <phone> now
            call +1 ( 415 ) 555-0133 now | call <phone> now
            call +49 (0 30) 1234 5678 now | call <phone> now
            call ( 030 ) 1234 5678 now | call <phone> now
            call ( 11 ) 91234-5678 now | call <phone> now
            call (0)30 1234 5678 now | call <phone> now
            call (0) 30 1234 5678 now | call <phone> now
            call (0)6 1234 5678 now | call <phone> now
            тел.030 12345678 | тел.<phone>
            call (06 1) 234 5678 now | call <phone> now
            call 02/212 345 67 now | call <phone> now
            τηλ.030 12345678 x | τηλ.<phone> x
            """)
    void phoneFormatsClosedOnDigits5(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Neighbours of {@link #phoneFormatsClosedOnDigits5} that stay plain. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "on 05-2024 12345 x",
        "on 01/02 03 04 05 x",
        "ref 05-123 456 x",
        "ids 138-0013-8000-1 x",
        "ids 138 0013-8000 x",
        "ids 128 0013 8000 x",
        "ids 138 00138 8000 x",
        "ids 138 013 8000 x",
        "see ( 12 ) items",
        "see (0 1) 2",
        "note ( 1 ) 2 3",
        "list ( 415 ) ( 555 ) 0133",
        "f( 415 ) 555-0133",
        "see (0)30 x",
        "score (0) 0 1234 5678 x",
        "see (12 34) 5678 x",
        "list (1 2) 3 4",
    })
    void phoneFormatsClosedOnDigits5StayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Rows of the former {@code cardSpellingsLeftOpen} closed on branch digits5 (decision reversed: a Luhn-valid grouped
     * number after a label glued by {@code - . / _} is a card to a reader, when its groups are joined by another
     * character than the glue), and neighbours.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            No.4111 1111 1111 1111 | No.<card>
            item 12-4111 1111 1111 1111 x | item 12-<card> x
            id-4242 4242 4242 4242 | id-<card>
            Nr.4111-1111-1111-1111 x | Nr.<card> x
            card_4111 1111 1111 1111 x | card_<card> x
            ref/3782 822463 10005 x | ref/<card> x
            No.4111\u00A01111\u00A01111\u00A01111 | No.<card>
            """)
    void cardSpellingsClosedOnDigits5(String value, String masked) {
        assertThat(mask(unescapeJava(value))).isEqualTo(masked);
    }

    /** Neighbours of {@link #cardSpellingsClosedOnDigits5} that stay plain: groups joined by the glue character itself. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        // "id-4242-4242-4242-4242": a card since branch glue8 (GluedValuesFoundTest)
        "v1.2.4242.4242.4242.4242",
        "ip 1.255.255.255.255.255",
        "uuid 12345678-4242-4242-4242-424242424242",
        "No.4111 1111 1111 1112",
        "No.411 111 111 111 1111",
    })
    void cardSpellingsClosedOnDigits5StayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    private static String unescapeJava(String s) {
        return FoldTest.unescape(s);
    }

    /**
     * The row of {@link #falsePositivesLeftOpen} closed on branch digits5 (from a card number's third group on, no group
     * is longer than the one before it, but the last of a 13-digit 4-4-5), its neighbours, and the groupings that stay
     * cards.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "size 1024 2048 4096 8192 16384",
        "sizes 2048 4096 8192 16384 32768 65536",
        "n 411 111 1111 1114",
    })
    void growingGroupsAreNoCard(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            amex 3782 822463 10005 x | amex <card> x
            diners 3056 930902 5904 x | diners <card> x
            visa13 4222 2222 22222 x | visa13 <card> x
            visa19 4111 1111 1111 1111 003 x | visa19 <card> x
            diners 3056 9309 0259 04 x | diners <card> x
            """)
    void groupingsThatStayCards(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * False positives of the fifth hunt (hunt5, 2026-12-02) closed on branch digits5: fractional seconds of 7 or more
     * digits after seconds 00-09 read as a trunk-prefix number (a phone chain does not start after a digit and
     * {@code :}), Go's monotonic clock {@code m=+0.012345678} (no country code starts with 0), hex dumps (two groups of
     * zeros after the first; pairs only, unless exactly five not followed by another pair), a list of six or more
     * zero-padded pairs.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "2026-12-02T10:15:05.1234567+00:00 started",
        "at 10:15:05.942402454 x",
        "elapsed 00:00:01.2345678",
        "ts: 2026-12-02 10:15:30.123456789 +0000 UTC m=+0.012345678",
        "delta +0.123456789",
        "wire: 0d 0a 1f 8b 08 00 00 00 00 00 00 00 b4 53 c1 6e",
        "xxd 0800 0000 0000 0000 0000",
        "08 00 00 00 00 00",
        "lotto 07 12 23 34 45 48",
        "pairs 01 23 45 67 89 10 x",
        "ratio 1:06 12 34 56 78 x",
    })
    void falsePositivesOfTheFifthHunt(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** Numbers next to the rules of {@link #falsePositivesOfTheFifthHunt} that are still found. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call 01 23 45 67 89 x | call <phone> x
            call 06 98 76 54 32 x | call <phone> x
            at 10:30 030 1234 5678 x | at 10:30 <phone> x
            tel:030 1234 5678 x | tel:<phone> x
            call +33 1 23 45 67 89 x | call <phone> x
            call 030 1234 0000 x | call <phone> x
            call 0800 123 4567 x | call <phone> x
            """)
    void numbersNextToTheFifthHuntsRules(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * IBANs of the fifth hunt closed on branch digits5: lower and mixed case when grouped (a lower-case IBAN was half
     * masked: its tail read as a phone number) by blanks or tabs, tabs between groups (GapsFoundTest); a lower-case run
     * stays plain (a hex id as likely), so do groups joined by {@code - .} and a grouped one glued to a word before.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban de89 3704 0044 0532 0130 00 x | iban <iban> x
            iban De89 3704 0044 0532 0130 00 x | iban <iban> x
            iban gb82 west 1234 5698 7654 32 x | iban <iban> x
            iban fr76 3000 6000 0112 3456 7890 189 x | iban <iban> x
            (nl91 abna 0417 1643 00) | (<iban>)
            """)
    void lowerCaseIbansOfTheFifthHunt(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "id de89370400440532013000 x", // "iban de89…" (after its label) is reported since label8: LabeledNumbersFoundTest
        "hex ab12 cd34 ef56 7890 1234 56",
        "iban de89 3704 0044 0532 0130 0 x",
        "iban de89-3704-0044-0532-0130-00 x",
        "iban de89.3704.0044.0532.0130.00 x",
        "sha gb82 west 1234 5698 7654 33 x",
    })
    void lowerCaseIbanNeighboursStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Numbers glued to letters of scripts without case (fifth hunt, closed on branch digits5): Japanese, Chinese, Korean,
     * Thai and Arabic prose has no blanks between words, so a kana, kanji, hangul, Thai or Arabic letter next to a card,
     * phone number or IBAN does not glue it to a word ({@code Chars.glueAlnum}); Latin, Cyrillic and Greek letters still
     * do (hex ids, codes).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            お客様の電話番号は03-1234-5678です | お客様の電話番号は<phone>です
            携帯090-1234-5678まで | 携帯<phone>まで
            전화번호010-1234-5678 | 전화번호<phone>
            请拨打+86 138 0013 8000 | 请拨打<phone>
            手机号+8613800138000 | 手机号<phone>
            هاتف+971501234567 | هاتف<phone>
            カード番号4111111111111111 | カード番号<card>
            カード番号4111-1111-1111-1111です | カード番号<card>です
            카드4111111111111111 | 카드<card>
            口座DE89370400440532013000です | 口座<iban>です
            โทร081-234-5678ค่ะ | โทร<phone>ค่ะ
            """)
    void numbersGluedToCaselessScripts(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "x4111111111111111x",
        "id\u0434\u0435415-555-0133",
        "ref\u03b14111111111111111",
        "abc4111111111111111",
    })
    void numbersGluedToCasedLettersStayPlain(String value) {
        assertThat(mask(FoldTest.unescape(value))).isEqualTo(FoldTest.unescape(value));
    }

    /**
     * Line breaks between digit groups in text outside ASCII (fold6: the census tells the digit pass whether there is a
     * line break; outside ASCII it tests U+0085, U+2028 and U+2029 itself): full-width digits, groups between CJK
     * words, a break as the first or last character, and the break alone between two values (no number).
     */
    @org.junit.jupiter.api.Test
    void lineBreaksBetweenDigitGroupsOutsideAscii() {
        for (String br : new String[] {"\n", "\r\n", "\u2028", "\u2029", "\u0085"}) {
            String v = br.replace("\n", "\\n").replace("\r", "\\r");
            assertThat(mask("カード４１１１" + br + "１１１１" + br + "１１１１" + br + "１１１１です")).as(v).isEqualTo("カード<card>です");
            assertThat(mask("電話 415" + br + "555" + br + "0133 まで")).as(v).isEqualTo("電話 <phone> まで");
            assertThat(mask(br + "ｃａｌｌ ４１５" + br + "５５５" + br + "０１３３" + br)).as(v).isEqualTo(br + "ｃａｌｌ <phone>" + br);
            assertThat(mask("é ssn 123" + br + "45" + br + "6789")).as(v).isEqualTo("é ssn <ssn>");
            assertThat(mask("ü 4111" + br + "1111")).as(v).isEqualTo("ü 4111" + br + "1111");
        }
    }

    /**
     * Rows of the sixth attack review (hunt6, 2026-12-02) for the digit families, closed by branch digits6: an emoji
     * (a surrogate pair) glued before or after a card or phone number no longer hides it as a letter would
     * ({@code Chars.digitGlue}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            \uD83D\uDCB34111111111111111 | \uD83D\uDCB3<card>
            \uD83D\uDCB34111 1111 1111 1111 | \uD83D\uDCB3<card>
            card 4111111111111111\uD83D\uDC4D | card <card>\uD83D\uDC4D
            pay with 4111 1111 1111 1111\uD83D\uDE4F | pay with <card>\uD83D\uDE4F
            \uD83D\uDCDE415-555-0133 | \uD83D\uDCDE<phone>
            \uD83D\uDCDE(415) 555-0133 | \uD83D\uDCDE<phone>
            \uD83D\uDCDE+14155550133 | \uD83D\uDCDE<phone>
            \uD83D\uDCF107700 900123 | \uD83D\uDCF1<phone>
            \uD83D\uDCF1+44 7700 900123 | \uD83D\uDCF1<phone>
            \uD83D\uDCDE030 1234 5678 | \uD83D\uDCDE<phone>
            \uD83D\uDCDE+1 (415) 555-0133 | \uD83D\uDCDE<phone>
            call me \uD83D\uDC49415-555-0133 | call me \uD83D\uDC49<phone>
            call me 415-555-0133\uD83D\uDE42 | call me <phone>\uD83D\uDE42
            call me 415-555-0133\uD83D\uDC48 | call me <phone>\uD83D\uDC48
            """)
    void huntSixDigitRows(String value, String masked) {
        assertThat(mask(FoldTest.unescape(value))).isEqualTo(FoldTest.unescape(masked));
    }

    /** Neighbours of {@link #huntSixDigitRows} that stay plain: dates, times, versions and counts after an emoji. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "\uD83D\uDCC52026-12-02 10:15:30",
        "\uD83D\uDE80v1.2.3 released",
        "\uD83D\uDD22 2048 4096 8192 16384",
        "\u23F112:30:45.123456",
        "\uD83C\uDD9420261202101535",
        "\uD83D\uDCE6 build 415-555-0133-2",
    })
    void huntSixDigitRowsStayPlain(String value) {
        assertThat(mask(FoldTest.unescape(value))).isEqualTo(FoldTest.unescape(value));
    }

    /**
     * hunt6, batch 5 (closed by branch digits6): a count or a phone number before a grouped card, a blank, tab or line
     * break between, no longer takes the card's first groups ({@code CardDetector.fourGroupsAfter}); a phone number
     * that reads on into the card (E.164 allows 15 digits) is masked with it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            x 699799 4111 1111 1111 1111 y | x 699799 <card> y
            count 60000\\n4111 1111 1111 1111 | count 60000\\n<card>
            (415) 555-0134\\n 4111 1111 1111 1111, | <phone>\\n <card>,
            tel (415) 555-0134 4111 1111 1111 1111 12/25 | tel <phone> <card> 12/25
            tel +1 (415) 555-0134 4111 1111 1111 1111 12/25 | tel <card> 12/25
            amount 60000\\t4111 1111 1111 1111 | amount 60000\\t<card>
            card 3782 822463 10005 x | card <card> x
            """)
    void huntSixNumbersBeforeACard(String value, String masked) {
        assertThat(mask(value.replace("\\n", "\n").replace("\\t", "\t")))
                .isEqualTo(masked.replace("\\n", "\n").replace("\\t", "\t"));
    }

    /**
     * hunt6, batch 12 (closed by branch digits6): a national number that ends a sentence or a line, a point and a
     * blank, tab or line break after it, before a number (a count, the next line's timestamp).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Call me at 415-555-0133. 2 more questions | Call me at <phone>. 2 more questions
            call 030 12345678. 2 x | call <phone>. 2 x
            call (11) 91234-5678. 316533 x | call <phone>. 316533 x
            Phone: 415.555.0133.\\t17/06/09 20:10:56 INFO | Phone: <phone>.\\t17/06/09 20:10:56 INFO
            call 415-555-0133.\\n2026-12-02 10:00:00 next | call <phone>.\\n2026-12-02 10:00:00 next
            call 030 12345678.\\n2026-12-02T10:00:00Z x | call <phone>.\\n2026-12-02T10:00:00Z x
            """)
    void huntSixSentenceEnds(String value, String masked) {
        assertThat(mask(value.replace("\\n", "\n").replace("\\t", "\t")))
                .isEqualTo(masked.replace("\\n", "\n").replace("\\t", "\t"));
    }

    /** Neighbours of {@link #huntSixSentenceEnds} that stay plain: versions and dates with a point and a blank. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "v 1.2. 3 x",
        "x 2024. 12. 02 y",
        "at 10. 12. 2026 08. 30 x",
        "items 12. 34. 56. 78 x",
    })
    void huntSixSentenceEndsStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * hunt6, batches 14 and 15 (closed by branch digits6): a count field of 3, 5 or 6 digits before a card field of a
     * CSV or TSV row ({@code CardDetector.fourGroupsAfter}; a count of 4 digits is still open: the uniform run of the
     * card chain would need the same rule), a French number before a TAB and a number field.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'x,62078,4818 9416 6214 2834,y' | 'x,62078,<card>,y'
            x;58003;4411 3665 3800 1827;y | x;58003;<card>;y
            x\\t65768\\t4834 8770 8895 6318\\ty | x\\t65768\\t<card>\\ty
            'x,62078,4818-9416-6214-2834,y' | 'x,62078,<card>,y'
            Jane\\t01 23 45 67 89\\t42\\tParis | Jane\\t<phone>\\t42\\tParis
            Jane\\t06 12 34 56 78\\t12.50\\tParis | Jane\\t<phone>\\t12.50\\tParis
            """)
    void huntSixFieldsBeforeACard(String value, String masked) {
        assertThat(mask(value.replace("\\t", "\t"))).isEqualTo(masked.replace("\\t", "\t"));
    }

    /** Neighbours of {@link #huntSixFieldsBeforeACard}: a card followed by a year in its own grouping stays a card first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 4111 1111 1111 1111 2025 x | card <card> 2025 x
            'x,4111 1111 1111 1111,5800,y' | 'x,<card>,5800,y'
            """)
    void huntSixFieldsBeforeACardNeighbours(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** hunt6 (closed by branch digits6): a bracketed time or count after a number and a blank ends the number. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Call from (415) 555-0133 [10:30] | Call from <phone> [10:30]
            call 030 1234 5678 (12:00) x | call <phone> (12:00) x
            call +49 30 1234 5678 [2x] | call <phone> [2x]
            """)
    void huntSixBracketAfterANumber(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * hunt6, batches 16 and 17 (closed by branch plus6): phone numbers and IBANs in form-encoded text
     * ({@code application/x-www-form-urlencoded}: a {@code +} for every blank), the contract's {@code +1 (415) 555-0134}
     * as a browser posts it, in JSON and encoded twice; the second reading reads a {@code +} glued between a word and a
     * digit or bracket as a blank ({@code FormBlanks}). Rows after the first block: neighbours of the attack (the end of
     * the value, a sentence's point, another number after a word, encoded punctuation before the number).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            message=Please+call+me+at+415-555-0133+tomorrow | message=Please+call+me+at+<phone>+tomorrow
            message=Please+call+me+at+415-555-0133 | message=Please+call+me+at+<phone>
            message=Please+call+me+at+%28415%29+555-0133+tomorrow | message=Please+call+me+at+<phone>+tomorrow
            q=john+smith+%2B1+415+555+0134 | q=john+smith+<phone>
            comment=meine+Nummer%3A+030+12345678 | comment=meine+Nummer%3A+<phone>
            note=call+%2B44+20+7946+0958+thanks | note=call+<phone>+thanks
            note=call+415+555+0133+thanks | note=call+<phone>+thanks
            note=iban+DE89+3704+0044+0532+0130+00+thanks | note=iban+<iban>+thanks
            note=DE89+3704+0044+0532+0130+00+thanks | note=<iban>+thanks
            phone=%2B1+%28415%29+555-0134&x=1 | phone=<phone>&x=1
            phone=%2B1+(415)+555-0134&x=1 | phone=<phone>&x=1
            phone=+1+(415)+555-0134&x=1 | phone=<phone>&x=1
            phone=%2B44+%280%2920+7946+0958&x=1 | phone=<phone>&x=1
            phone=%2B49+%280%2930+12345678&x=1 | phone=<phone>&x=1
            phone=%2B33+%280%291+23+45+67+89&x=1 | phone=<phone>&x=1
            phone=8+%28495%29+123-45-67&x=1 | phone=<phone>&x=1
            {"body":"phone=%2B1+%28415%29+555-0134"} | {"body":"phone=<phone>"}
            q=%252B1%2B%2528415%2529%2B555-0134&y=1 | q=<phone>&y=1
            message=call+me+at+415.555.0133+tomorrow | message=call+me+at+<phone>+tomorrow
            message=call+me+at+(415)+555-0133 | message=call+me+at+<phone>
            message=call+415-555-0133%2C+thanks | message=call+<phone>%2C+thanks
            message=Please+call+me+at+415-555-0133+tomorrow+or+415-555-0134 | message=Please+call+me+at+<phone>+tomorrow+or+<phone>
            message=call+me+at+415-555-0133.+Thanks | message=call+me+at+<phone>.+Thanks
            message=Call+(415)+555-0133+or+%2B44+20+7946+0958 | message=Call+<phone>+or+<phone>
            body=Hi%2C+my+number+is+%2B1+415+555+0134.+Thanks | body=Hi%2C+my+number+is+<phone>.+Thanks
            call+%2B1+%28415%29+555-0134 | call+<phone>
            msg=Tel.%3A+%2B49+30+12345678 | msg=Tel.%3A+<phone>
            text=Ruf+mich+an%3A+0171+1234567&x=1 | text=Ruf+mich+an%3A+<phone>&x=1
            msg=%C3%A4rger%3A+030+12345678+bitte | msg=%C3%A4rger%3A+<phone>+bitte
            sms+to+07700+900123 | sms+to+<phone>
            message=Tel%3A+%2B33+1+23+45+67+89 | message=Tel%3A+<phone>
            message=call%20me%20at+415-555-0133 | message=call%20me%20at+<phone>
            """)
    void huntSixFormEncoded(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * hunt6 summary items 2 and 7 (closed by branch digits6): a national number before a spaced separator and a count
     * ({@code - 2}, {@code / 2}); trunk-prefix numbers with a blank after the area and dashes after it (Ukraine, Israel).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call 415-555-0133 - 2 more | call <phone> - 2 more
            call 030 1234 5678 / 2 x | call <phone> / 2 x
            call 067 123-45-67 now | call <phone> now
            call 052 577-9542 now | call <phone> now
            """)
    void huntSixSpacedSeparatorsAndDashes(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** hunt6's false positive closed by branch digits6: a count grouped by thousands is no trunk-prefix number. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "total 5 014 491 340 bytes",
        "read 12 034 567 890 rows",
        "size 1 099 511 627 776",
    })
    void huntSixThousandsStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Neighbours of {@link #huntSixFormEncoded} that stay plain: a {@code +} in sums, versions, media types, base64,
     * time zones, exponents and form-encoded counts, read as a blank or not, makes no number.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "a+b=c", "C++11", "x+1", "1+1=2", "v1.2.3+build.5", "Content-Type: text/plain+xml", "abc+def/123+456==",
        "2026-12-02T10:15:30+01:00", "2026-12-02T10:15:30+0100", "UTC+2", "size+4096", "100+200+300+400", "a+1+2+3+4",
        "1+2+3+4+5+6+7+8+9+10", "x=1+2&y=3+4", "q=version+1.2.3+build+456", "count+12345678+items", "sum=415+555+133",
        "id=abc+123+def+456", "build+20261202101535", "x+2026-12-02+10:15:30", "ts+1733131530123",
        "offset+442803283498403", "3.0e+08+1.5e+07", "a+0x7fff", "page+2+of+10", "lat+52.5200+lon+13.4050", "v2+1.0.0",
        "took+150+ms+and+1000+ms", "q=error+404+not+found", "retry+3+of+5+after+1000+ms", "sha=abc123+def456+789012",
    })
    void huntSixFormEncodedStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }
}
