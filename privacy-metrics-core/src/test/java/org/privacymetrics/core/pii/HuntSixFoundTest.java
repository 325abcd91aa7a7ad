package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Variants of the families of issue 13 found by the sixth attack review (hunt6, 2026-12-02, on main at 6dc21c4) that
 * the engine then missed ({@code value | what the masked value must be}), and innocent log text it masked; each row
 * failed on that engine. Every group is disabled for the fixers ({@code digits6}: cards, phones, IBANs; {@code mail6}:
 * e-mail, credentials); the lead enables what they close. Rows after a {@code # decision} comment line touch a decision
 * of the core README's table and are listed because an evaluator would plausibly try them. Characters outside the BMP
 * are written as surrogate pairs ({@code \\uD83D\\uDCDE} is the telephone receiver emoji). Found with: the Loghub 2k
 * samples (logpai/loghub, 16 systems) and elastic/examples' Apache log scanned whole, PII values mixed into random Loghub
 * lines and CSV/TSV rows, Python Faker's phone formats of 70 locales, libphonenumber's example numbers, the contract's
 * values form-encoded, URI-encoded, HTML- and CSV-escaped, a value before or after every separator and bracket, and
 * generated timestamps and counts. Nothing was found for SSNs and IP addresses. Not repeated here: the rows of {@link
 * HuntFiveFoundTest}, {@link HuntFoundTest} and {@link GapsFoundTest}.
 */
class HuntSixFoundTest {

    /**
     * Cards: an emoji (a surrogate pair, which the character table counts as a letter) glued before or after the number;
     * a count, an SSN or a phone number just before a grouped card (a blank, or the field separator of a CSV, TSV or
     * pipe-separated row, between) that makes, with the card's first groups, another Luhn-valid number (one time in
     * ten), so that the card's last one or two groups (up to 8 digits) are left.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            \uD83D\uDCB34111111111111111 | \uD83D\uDCB3<card>
            \uD83D\uDCB34111 1111 1111 1111 | \uD83D\uDCB3<card>
            card 4111111111111111\uD83D\uDC4D | card <card>\uD83D\uDC4D
            pay with 4111 1111 1111 1111\uD83D\uDE4F | pay with <card>\uD83D\uDE4F
            x 699799 4111 1111 1111 1111 y | x 699799 <card> y
            x,62078,4818 9416 6214 2834,y | x,62078,<card>,y
            x;58003;4411 3665 3800 1827;y | x;58003;<card>;y
            x,62078,4818-9416-6214-2834,y | x,62078,<card>,y
            x\t65768\t4834 8770 8895 6318\ty | x\t65768\t<card>\ty
            'x|53502|4846 5555 8884 3055|y' | 'x|53502|<card>|y'
            """)
    void cards(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #cards} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt6), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            tel +1 (415) 555-0134 4111 1111 1111 1111 12/25 | tel <phone> <card> 12/25
            ssn 123-45-6789 4111 1111 1111 1111 x | ssn <ssn> <card> x
            """)
    void cardsLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #cards} with a line break before the card. */
    @Test
    void cardsAfterALineBreak() {
        assertThat(mask("(415) 555-0134\n 4111 1111 1111 1111,")).isEqualTo("<phone>\n <card>,");
        assertThat(mask("count 60000\n4111 1111 1111 1111")).isEqualTo("count 60000\n<card>");
    }

    /**
     * Phones: an emoji glued before or after the number (as for cards); a national number (NANP or with a trunk prefix)
     * followed by a blank, a separator and a digit, by a blank and a bracket before a digit (a time, a date, a count,
     * a second number), or ending a sentence before a digit ({@code . 2}), which is left whole — international numbers
     * are found there; trunk-prefix numbers whose
     * separators change from a blank to dashes or slashes (Ukraine, Belarus, Israel, Bulgaria, Hungary: Faker's
     * formats of those locales); an international number just before a national one (the second one's tail is left);
     * the contract's {@code +1 (415) 555-0134} as a browser form-encodes it ({@code +} for a blank before a bracket);
     * any phone number in form-encoded prose (a contact form's message: {@code +} for every blank, after a word).
     * By decision today: Brazil's numbers without brackets around the area code.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            \uD83D\uDCDE415-555-0133 | \uD83D\uDCDE<phone>
            \uD83D\uDCDE(415) 555-0133 | \uD83D\uDCDE<phone>
            \uD83D\uDCDE+14155550133 | \uD83D\uDCDE<phone>
            \uD83D\uDCF107700 900123 | \uD83D\uDCF1<phone>
            \uD83D\uDCF1+44 7700 900123 | \uD83D\uDCF1<phone>
            \uD83D\uDCDE030 1234 5678 | \uD83D\uDCDE<phone>
            call me \uD83D\uDC49415-555-0133 | call me \uD83D\uDC49<phone>
            call me 415-555-0133\uD83D\uDE42 | call me <phone>\uD83D\uDE42
            call me 415-555-0133\uD83D\uDC48 | call me <phone>\uD83D\uDC48
            Call from (415) 555-0133 [10:30] | Call from <phone> [10:30]
            415-555-0133 (10:30) | <phone> (10:30)
            Tel. 030 1234 5678 (9-17 Uhr) | Tel. <phone> (9-17 Uhr)
            Tél. 01 23 45 67 89 (9h-18h) | Tél. <phone> (9h-18h)
            Jane Doe - 415-555-0133 - 2026-12-02 | Jane Doe - <phone> - 2026-12-02
            Missed call: (415) 555-0133 - 2 min ago | Missed call: <phone> - 2 min ago
            phone: 415-555-0133 (2 lines) | phone: <phone> (2 lines)
            415-555-0133 / 415-555-0134 | <phone> / <phone>
            (415) 555-0133 / (415) 555-0134 | <phone> / <phone>
            030 1234 5678 / 030 1234 5679 | <phone> / <phone>
            415-555-0133 - 415-555-0134 | <phone> - <phone>
            (415) 555-0133 – 2 | <phone> – 2
            Call me at 415-555-0133. 2 more questions | Call me at <phone>. 2 more questions
            call 030 12345678. 2 x | call <phone>. 2 x
            call (11) 91234-5678. 316533 x | call <phone>. 316533 x
            Phone: 415.555.0133.\t17/06/09 20:10:56 INFO | Phone: <phone>.\t17/06/09 20:10:56 INFO
            Jane\t01 23 45 67 89\t42\tParis | Jane\t<phone>\t42\tParis
            Jane\t06 12 34 56 78\t12.50\tParis | Jane\t<phone>\t12.50\tParis
            phone=%2B1+%28415%29+555-0134&x=1 | phone=<phone>&x=1
            phone=%2B1+(415)+555-0134&x=1 | phone=<phone>&x=1
            phone=+1+(415)+555-0134&x=1 | phone=<phone>&x=1
            phone=%2B44+%280%2920+7946+0958&x=1 | phone=<phone>&x=1
            phone=%2B49+%280%2930+12345678&x=1 | phone=<phone>&x=1
            phone=%2B33+%280%291+23+45+67+89&x=1 | phone=<phone>&x=1
            phone=8+%28495%29+123-45-67&x=1 | phone=<phone>&x=1
            {"body":"phone=%2B1+%28415%29+555-0134"} | {"body":"phone=<phone>"}
            q=%252B1%2B%2528415%2529%2B555-0134&y=1 | q=<phone>&y=1
            message=Please+call+me+at+415-555-0133+tomorrow | message=Please+call+me+at+<phone>+tomorrow
            message=Please+call+me+at+415-555-0133 | message=Please+call+me+at+<phone>
            message=Please+call+me+at+%28415%29+555-0133+tomorrow | message=Please+call+me+at+<phone>+tomorrow
            q=john+smith+%2B1+415+555+0134 | q=john+smith+<phone>
            comment=meine+Nummer%3A+030+12345678 | comment=meine+Nummer%3A+<phone>
            note=call+%2B44+20+7946+0958+thanks | note=call+<phone>+thanks
            note=call+415+555+0133+thanks | note=call+<phone>+thanks
            call 067 123-45-67 now | call <phone> now
            call 050 123-45-67 now | call <phone> now
            тел. 067 123-45-67 | тел. <phone>
            call 044 123-45-67 now | call <phone> now
            call 029 123-45-67 now | call <phone> now
            call 052 577-9542 now | call <phone> now
            call 0760 313-721 now | call <phone> now
            """)
    void phones(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #phones} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt6), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call 06-1/234-5678 now | call <phone> now
            call 06-30/123-4567 now | call <phone> now
            call 0 44 123 45 67 now | call <phone> now
            a +1 415 555 0133 030 1234 5678 b | a <phone> <phone> b
            a +1 415 555 0133 (415) 555-0133 b | a <phone> <phone> b
            call 01 123 456 now | call <phone> now
            call 08 370 362 now | call <phone> now
            call (8 12) 34-56-78 now | call <phone> now
            call 8 66 123456 now | call <phone> now
            call 012 34567 now | call <phone> now
            # decision: national formats without a trunk prefix (Brazil's without brackets: Faker pt_BR's formats)
            call 11 91234-5678 now | call <phone> now
            call 21 3456-7890 now | call <phone> now
            """)
    void phonesLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #phones} with a line break after the number: the next line starts with a digit or a bracketed time. */
    @Test
    void phonesBeforeALineBreak() {
        assertThat(mask("call 415-555-0133.\n2026-12-02 10:00:00 next")).isEqualTo("call <phone>.\n2026-12-02 10:00:00 next");
        assertThat(mask("call 030 12345678.\n2026-12-02T10:00:00Z x")).isEqualTo("call <phone>.\n2026-12-02T10:00:00Z x");
        assertThat(mask("call 0171 1234567\n[10.30 17:52:06] x")).isEqualTo("call <phone>\n[10.30 17:52:06] x");
    }

    /**
     * IBANs: one double blank (a paste typo) among single ones leaves the head, the tail is read as a phone number; a
     * grouped IBAN in form-encoded text followed by another word ({@code +} for every blank).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            note=iban+DE89+3704+0044+0532+0130+00+thanks | note=iban+<iban>+thanks
            note=DE89+3704+0044+0532+0130+00+thanks | note=<iban>+thanks
            """)
    void ibans(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #ibans} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt6), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban DE89 3704  0044 0532 0130 00 x | iban <iban> x
            """)
    void ibansLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * E-mail: the contract's quoted local part in a CSV field, where RFC 4180 doubles the quotes inside a quoted field
     * ({@code """val email7""@example.org"}), is not masked at all (the address with its doubled quotes is to be); a
     * value cut right after the at-sign (a truncated log message) leaves the local part.
     * By decision today, the word {@code dot} without brackets (only the single-label part is masked).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '1,\"\"\"val email7\"\"@example.org\",x' | '1,\"<email>\",x'
            'id;\"\"\"val email7\"\"@example.org\";2026-12-02' | 'id;\"<email>\";2026-12-02'
            login failed for jane.doe@ | login failed for <email>
            """)
    void emails(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #emails} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt6), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # decision: the words at and dot without brackets (prose)
            to jane@example dot org x | to <email> x
            """)
    void emailsLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Credentials: Elasticsearch's own — an enrollment token (one base64 part of JSON holding an API key {@code id:key};
     * ES prints it at first start), a service-account token ({@code AAEAA…}, base64 of {@code elastic/kibana/name:secret})
     * outside an Authorization header, the {@code encoded} API key of {@code POST /_security/api_key}'s response; a
     * bracketed value after {@code Bearer}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Enrollment token: eyJ2ZXIiOiI4LjE0LjAiLCJhZHIiOlsiMTcyLjE4LjAuMjo5MjAwIl0sImZnciI6IjQ4YzBkM2Y1YjZhNmE0YTNlOWYwYjFjMmQzZTRmNWE2YjdjOGQ5ZTBmMWEyYjNjNGQ1ZTZmN2E4YjljMGQxZTIiLCJrZXkiOiJWdWFDZkdjQkNkYmtRbS1lNWFPeDp1aTJscDJheFRObXN5YWt3OXR2Tm53In0= | Enrollment token: <token>
            bin/elasticsearch --enrollment-token eyJ2ZXIiOiI4LjE0LjAiLCJhZHIiOlsiMTcyLjE4LjAuMjo5MjAwIl0sImZnciI6IjQ4YzBkM2Y1YjZhNmE0YTNlOWYwYjFjMmQzZTRmNWE2YjdjOGQ5ZTBmMWEyYjNjNGQ1ZTZmN2E4YjljMGQxZTIiLCJrZXkiOiJWdWFDZkdjQkNkYmtRbS1lNWFPeDp1aTJscDJheFRObXN5YWt3OXR2Tm53In0= | bin/elasticsearch --enrollment-token <token>
            elasticsearch.serviceAccountToken: AAEAAWVsYXN0aWMva2liYW5hL215LXRva2VuOnBwb2RRanBHUl9xRUFDd2ZTSU1UUFE | elasticsearch.serviceAccountToken: <token>
            {"created":true,"token":{"name":"my-token","value":"AAEAAWVsYXN0aWMva2liYW5hL215LXRva2VuOnBwb2RRanBHUl9xRUFDd2ZTSU1UUFE"}} | {"created":true,"token":{"name":"my-token","value":"<token>"}}
            {"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-key","api_key":"ui2lp2axTNmsyakw9tvNnw","encoded":"VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="} | {"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-key","api_key":"<token>","encoded":"<token>"}
            Authorization: Bearer [abc123def456ghi789] | Authorization: Bearer [<token>]
            """)
    void credentials(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Innocent log text masked today, from the Loghub samples: every HDFS line ({@code yyMMdd HHmmss} read as a trunk
     * prefix number), Chromium's log prefix ({@code [MMDD/HHMMSS:LEVEL:…]}), HDFS block ids (Luhn-valid 64-bit decimals
     * after {@code blk_}), HealthApp step reports (a 4-6-3 grouping, which no card network uses), sensor readings
     * (Luhn-valid by chance), Akka/Pekko actor-system addresses and Message-IDs (read as e-mail addresses), a git remote;
     * then generated: NMEA GPS times ({@code hhmmss.sss} before 10:00), counts grouped by thousands with blanks (as
     * {@code NumberFormat} writes them for fr, ru, sv, pl, nb, fi, cs, hu: a group starting with 0 starts a trunk-prefix
     * chain) or with dots and inconsistent zero padding (read as an IPv4 address); UPS and USPS tracking numbers as
     * the carriers display them (a trunk-prefix phone number, a Luhn-valid window of 16 digits); read as e-mail
     * addresses: npm/yarn package versions with a semver prerelease, GitHub Actions references ({@code @v4}, a commit
     * SHA), systemd template instances without the {@code .service} suffix.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'PacketResponder 1 for block blk_-3228470001178394592 terminating'
            'listening on addresses :[akka.tcp://sparkExecutorActorSystem@mesos-slave-07:55904]'
            'pekko://ClusterSystem@node-1:7354/user/worker'
            'postfix/cleanup[123]: 4F2A1C: message-id=<20261202170000.4F2A1C@mail.example.org>'
            'Message-ID: <1234567890.12345.1764694800000@mail.example.org>'
            'Cloning into ''repo''... git@github.com:org/repo.git'
            'total 5 014 491 340 bytes'
            'total 5\u202F014\u202F491\u202F340 octets'
            'Размер: 8\u00A0021\u00A0896\u00A0476 байт'
            'total 1 045 678 901 234 bytes'
            'npm install typescript@5.3.0-dev.20231201'
            'npm install @scope/pkg@1.2.3-beta.1'
            'warning react-dom@18.3.0-canary-8c8ee9ee6-20231026 has unmet peer dependency'
            'yarn add next@14.0.4-canary.37'
            'npm ERR! notarget No matching version found for left-pad@1.3.1-rc.0.'
            'Download action repository ''actions/checkout@v4'' (SHA:b4ffde65f46336ab88eb53be808477a3936bae11)'
            'uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11'
            '- uses: github/codeql-action/init@v3'
            'systemctl restart postgresql@15-main'
            'systemctl status wg-quick@wg0'
            'journalctl -u getty@tty1 -f'
            """)
    void falsePositives(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** Rows of {@link #falsePositives} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt6), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating'
            '[0701/114930:WARNING:dns_config_service_posix.cc(306)] Failed to read DnsConfig.'
            'Receiving block blk_4343207286455274569 of size 67108864'
            'REPORT : 7024 5015 150454 240'
            '[0923/101500:ERROR:gpu_init.cc(523)] Passthrough is not supported'
            '$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*76'
            'total 1.212.077.016 Bytes'
            'tracking 1Z 999 AA1 01 2345 6784'
            'USPS tracking 9205 5902 3456 7890 1234 56'
            'USPS 420 94105 9405 5036 9930 0123 4567 89'
            # decision: a list of numbers that happens to form a Luhn-valid number in groups of 3-6 is masked (as with blanks)
            'Fan speeds ( 3552 3534 3375 4530 3515 3479 )'
            # decision: four-part versions are masked as IPv4 addresses (here in user agents, which the corpus keeps plain)
            'Mozilla/5.0 (Windows; U; Windows NT 5.2; en-US; rv:1.8.1.4) Gecko/20070515 Firefox/2.0.0.4'
            'Mozilla/5.0 (Linux; Android 4.4.2) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/30.0.0.0 Mobile Safari/537.36'
            'curl/7.22.0 (x86_64-pc-linux-gnu) libcurl/7.22.0 OpenSSL/1.0.1 zlib/1.2.3.4'
            """)
    void falsePositivesLeftOpen(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Event names ({@code [A-Za-z0-9_.:-]{1,64}}: the appender forwards a name the engine leaves unchanged, the scrub
     * stores it in {@code event}) with digit groups joined by {@code _} or {@code -} after a word. By the engine's
     * decisions these stay plain (a grouped number glued to a word by its own separator; underscores between phone
     * groups and IP parts, open since hunt5); a fix may belong outside the engine (scan an event name a second time
     * with {@code _ - . :} read as blanks, where {@code pay 4111 1111 1111 1111} is found). Closed outside the
     * free-text reading: the appender and the scrub read an event name with {@link NameReading}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            pay_4111_1111_1111_1111 | pay_<card>
            pay-4111-1111-1111-1111 | pay-<card>
            sms_415_555_0133 | sms_<phone>
            ip_203_0_113_22 | ip_<ip>
            """)
    void eventNames(String value, String masked) {
        assertThat(PiiScanner.mask(value, NameReading.scan(value, java.util.EnumSet.allOf(PiiKind.class)),
                k -> "<" + k.label() + ">")).isEqualTo(masked);
    }

    /**
     * Spellings: the emoji of {@link #phones} and {@link #cards} percent-encoded as UTF-8 (a form post) or as a JSON
     * encoder escapes non-ASCII text ({@code \\ud83d\\udcde}, a literal backslash); the HTML reference
     * {@code &#128222;} is read.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            {"msg":"\\ud83d\\udcde415-555-0133"} | {"msg":"\\ud83d\\udcde<phone>"}
            %F0%9F%93%9E415-555-0133 | %F0%9F%93%9E<phone>
            text=%F0%9F%92%B34111111111111111 | text=%F0%9F%92%B3<card>
            """)
    void escapesInvisibleAndLookAlikes(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }
}
