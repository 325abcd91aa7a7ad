package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.math.BigDecimal;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Variants of the families of issue 13 found by the fifth attack review (hunt5, 2026-12-02, on main at 9100d67) that
 * the engine then missed ({@code value | what the masked value must be}), and innocent log text it masked; each row
 * failed on that engine. The rows that the same day's fixes close ({@code digits5}: cards, phones, SSNs, IBANs; {@code
 * decode5}: escapes, invisible characters, look-alikes; {@code mail5}: e-mail, IP, credentials) run as tests (134 of
 * 272); the rest are in the disabled {@code …LeftOpen} twin of each group: left open, or, after a {@code # decision}
 * comment line, not reported by the core README's decision (listed because an evaluator would plausibly try them). Characters are written as Java unicode escapes
 * where they are invisible or outside the BMP (a surrogate pair); {@code \\u} and {@code \\n} are a literal backslash
 * and letters, as in JSON-escaped text. Not repeated here: the rows of {@link GapsFoundTest} and {@link HuntFoundTest}.
 */
class HuntFiveFoundTest {

    /**
     * Cards: numbers in Japanese, Korean or Thai prose, which has no blanks (kana, kanji, hangul and Thai letters count
     * as letters touching the number, before or after it), magnetic-stripe track 1 ({@code %B4} is read as a percent
     * escape and glues a character to the number), two different separator characters per gap, control characters and a
     * character outside the BMP as the "single character" separator, 17- and 18-digit numbers (Maestro) grouped by four
     * with a short last group, a second grouped number after {@code /}, a grouped number before a dot and a word, a
     * number as Java ({@code Double.toString}) or pandas write a double ({@code 4.111111111111111E15}, {@code
     * 4111111111111111.0}) in text.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            カード番号4111111111111111 | カード番号<card>
            カード番号4111-1111-1111-1111です | カード番号<card>です
            カード番号は4111 1111 1111 1111です | カード番号は<card>です
            카드4111111111111111 | 카드<card>
            บัตร4111111111111111 | บัตร<card>
            card 4111111111111111です | card <card>です
            card 4111\u000B1111\u000B1111\u000B1111 x | card <card> x
            card 4111\f1111\f1111\f1111 x | card <card> x
            card 4111\u00851111\u00851111\u00851111 x | card <card> x
            card 4111 1111 1111 1111/5555 5555 5555 4444 x | card <card>/<card> x
            # closed by digits6
            card 4111- 1111- 1111- 1111 x | card <card> x
            card 4111 -1111 -1111 -1111 x | card <card> x
            card 4111\uD83D\uDD391111\uD83D\uDD391111\uD83D\uDD391111 x | card <card> x
            card 4111 1111 1111 1111.Thanks | card <card>.Thanks
            """)
    void cards(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #cards} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            %B4111111111111111^DOE/JANE^2512101? | %B<card>^DOE/JANE^2512101?
            card 6111 1111 1111 1111 13 x | card <card> x
            card 6111 1111 1111 1111 1 x | card <card> x
            card 4.111111111111111E15 x | card <card> x
            card 4.111111111111111e+15 x | card <card> x
            # decision: a run glued by a point to a digit (a decimal) — here pandas' float rendering of a PAN column
            card 4111111111111111.0 x | card <card> x
            pan,exp\\n4111111111111111.0,1225 | pan,exp\\n<card>,1225
            # decision: a grouped number glued to a word by - . / _, a number touching a letter
            card-4111-1111-1111-1111 | card-<card>
            /cards/4111-1111-1111-1111/charge | /cards/<card>/charge
            PAN4111111111111111 | PAN<card>
            # decision: first digit 1 (UATP airline cards, in Presidio's and other test lists)
            card 122000000000003 x | card <card> x
            card 1220 0000 0000 003 x | card <card> x
            """)
    void cardsLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Phones: numbers in CJK, Thai, Arabic, Cyrillic or Portuguese prose glued to the word before (even with a {@code
     * +}), a Cyrillic label glued by {@code .} (an ASCII one works), a Latin or bracketed label glued without a
     * separator, German switchboard numbers with an extension after {@code -}, the Belgian national format, DACH
     * numbers with a bracketed trunk zero but no country code, a Brazilian mobile with the 9 set apart, an alternative
     * last group after {@code /}, a pause-dial suffix; national numbers with a trunk prefix as libphonenumber 8.13.52
     * formats its own example numbers ({@code NATIONAL}: Argentina, Malaysia, Sweden, Hungary, Ireland, Chile, Belarus,
     * Kazakhstan, Lithuania, Bulgaria, Bosnia, Slovakia) and the Turkish trunk before a bracket; two numbers joined by
     * {@code /}, a number before a dot and a word (file names, a sentence end without a blank), underscores between
     * groups. By decision today: the {@code 00}/{@code 011} prefixes (Python Faker's en_US {@code phone_number()}
     * writes {@code 001-###-###-####} in two of its formats) and labelled bare digit runs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            お客様の電話番号は03-1234-5678です | お客様の電話番号は<phone>です
            携帯090-1234-5678まで | 携帯<phone>まで
            電話は090-1234-5678 | 電話は<phone>
            전화번호010-1234-5678 | 전화번호<phone>
            โทร081-234-5678ค่ะ | โทร<phone>ค่ะ
            тел.8 (495) 123-45-67 | тел.<phone>
            тел.030 12345678 | тел.<phone>
            请拨打+86 138 0013 8000 | 请拨打<phone>
            手机号+8613800138000 | 手机号<phone>
            电话+86-10-12345678 | 电话<phone>
            هاتف+971501234567 | هاتف<phone>
            call (0)30 1234 5678 now | call <phone> now
            call (0) 30 1234 5678 now | call <phone> now
            call (06 1) 234 5678 now | call <phone> now
            call 02/212 345 67 now | call <phone> now
            # closed by digits6
            call 030/123456-0 now | call <phone> now
            call 030 123456-78 now | call <phone> now
            call 02/123.45.67 now | call <phone> now
            call (11) 9 1234-5678 now | call <phone> now
            call 415-555-0133/0134 now | call <phone>/0134 now
            file 415-555-0133.vcf | file <phone>.vcf
            file (415) 555-0133.vcf | file <phone>.vcf
            file 030 1234 5678.vcf | file <phone>.vcf
            Call me at 415-555-0133.Thanks | Call me at <phone>.Thanks
            call +1 415 555 0133p22 now | call <phone>p22 now
            call 030 212-345 now | call <phone> now
            """)
    void phones(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #phones} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            (home)415-555-0133 | (home)<phone>
            телефон8 (495) 123-45-67 | телефон<phone>
            fone(11) 91234-5678 | fone<phone>
            TEL03-1234-5678 | TEL<phone>
            tel+14155550133 | tel<phone>
            Tel+49 30 12345678 | Tel<phone>
            Phone(415) 555-0133 | Phone<phone>
            tel 415-555-0133/415-555-0134 x | tel <phone>/<phone> x
            call 415_555_0133 now | call <phone> now
            call 011 15-2345-6789 now | call <phone> now
            call 011 2345-6789 now | call <phone> now
            call 03-2385 6789 now | call <phone> now
            call 08-12 34 56 now | call <phone> now
            call (022) 12345 now | call <phone> now
            call (2) 2123 4567 now | call <phone> now
            call 8 029 491-19-11 now | call <phone> now
            call 8 (71234) 5 67 89 now | call <phone> now
            call (0-612) 34567 now | call <phone> now
            call 02 123 456 now | call <phone> now
            call 0 (532) 123 45 67 now | call <phone> now
            call 0(532) 123 45 67 now | call <phone> now
            # decision: the 00 prefix (Python Faker's en_US phone_number() writes 001-###-###-#### one time in five)
            call 001-415-555-0133x1234 now | call <phone>x1234 now
            call 001-415-555-0133 now | call <phone> now
            call 0033 1 23 45 67 89 now | call <phone> now
            call 011 972 52 1234567 now | call <phone> now
            # decision: bare digit runs
            call 447700900123 now | call <phone> now
            phone=4155550133 | phone=<phone>
            call 0612345678 now | call <phone> now
            {"mobile":"13800138000"} | {"mobile":"<phone>"}
            """)
    void phonesLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * SSNs: a list joined by {@code /}, a blank after or before each dash. By decision today: tax forms named by SSN
     * after a digit and a separator, double blanks, an ITIN, nine bare digits after an {@code ssn} label.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # decision: after a digit and a separator (tax forms named by SSN), continued by its separator and a digit
            # decision: two-character separators; an ITIN (area 9xx)
            'ssn 123  45  6789 x' | ssn <ssn> x
            # closed by digits6
            ssn 123- 45- 6789 x | ssn <ssn> x
            ssn 123 -45 -6789 x | ssn <ssn> x
            """)
    void ssns(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #ssns} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ssn 123-45-6789/234-56-7890 | ssn <ssn>/<ssn>
            # decision: after a digit and a separator (tax forms named by SSN), continued by its separator and a digit
            file W2_123-45-6789.pdf | file W2_<ssn>.pdf
            file w2-123-45-6789-2025.pdf | file w2-<ssn>-2025.pdf
            # decision: two-character separators; an ITIN (area 9xx)
            {"ssn":"123456789"} | {"ssn":"<ssn>"}
            SSN: 123456789 | SSN: <ssn>
            itin 912-70-1234 x | itin <ssn> x
            """)
    void ssnsLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * IBANs: glued to Japanese text after them, Iranian (Sheba) and Moroccan numbers (IBAN format, outside the SWIFT
     * registry); groups joined by TABs (pasted from a spreadsheet: the tail is masked as a phone, the head left), by
     * {@code /} or {@code _}; lower or mixed case leaks half (the tail is taken for a phone).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban DE89\t3704\t0044\t0532\t0130\t00 x | iban <iban> x
            iban DE89370400440532013000です | iban <iban>です
            # not in the SWIFT registry, in daily use: Iran's Sheba numbers, Morocco
            # decision: lower case (today half of it is masked as a phone)
            iban de89 3704 0044 0532 0130 00 x | iban <iban> x
            iban De89 3704 0044 0532 0130 00 x | iban <iban> x
            # closed by digits6
            iban DE89/3704/0044/0532/0130/00 x | iban <iban> x
            iban DE89_3704_0044_0532_0130_00 x | iban <iban> x
            iban DE89370400440532013000EUR | iban <iban>EUR
            """)
    void ibans(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #ibans} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # not in the SWIFT registry, in daily use: Iran's Sheba numbers, Morocco
            iban IR799458073021573681930364 x | iban <iban> x
            iban IR79 9458 0730 2157 3681 9303 64 x | iban <iban> x
            iban MA77 2621 2997 2200 3322 4538 3236 x | iban <iban> x
            """)
    void ibansLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * E-mail: the valid addresses of Wikipedia's and RFC 3696's lists ({@code / =} in the local part, a user before an
     * address literal, emoji), VERP/SRS bounce addresses, other RFC 5322 atext ({@code & ?}), single quotes as users
     * type a quoted local part, a backslash-escaped at-sign, obfuscations next to the supported ones, URL passwords
     * with {@code /} or {@code ?} (half the password is left) or empty, quotes swallowed into a finding (SQL, {@code
     * toString()}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to postmaster@[123.123.123.123] x | to <email> x
            to _test@[IPv6:2001:0db8:85a3:0000:0000:8a2e:0370:7334] x | to <email> x
            to "val email7"@[203.0.113.5] x | to <email> x
            to jane.doe@[203.0.113.5] x | to <email> x
            'to ''val email7''@example.org x' | to <email> x
            to jane\\@example.org x | to <email> x
            'Duplicate entry ''jane@example.org'' for key ''users.email''' | 'Duplicate entry ''<email>'' for key ''users.email'''
            'User{id=42, email=''jane@example.org'', plan=''free''}' | 'User{id=42, email=''<email>'', plan=''free''}'
            to name/surname@example.com x | to <email> x
            to customer/department=shipping@example.com x | to <email> x
            to I\u2764\uFE0FCHOCOLATE@example.com x | to <email> x
            to jane@i\u2764\uFE0F.ws x | to <email> x
            to jane@\u2603.net x | to <email> x
            to bounce+jane=example.org@lists.example.net x | to <email> x
            to jane&doe@example.org x | to <email> x
            to jane=doe@example.org x | to <email> x
            to jane?doe@example.org x | to <email> x
            to ""@example.org x | to <email> x
            https://user:p/ss@host.example.org/ | https://<email>/
            https://user:p?ss@host.example.org/ | https://<email>/
            http://user:@host.example.org/ | http://<email>/
            """)
    void emails(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #emails} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # decision: obfuscations other than bracketed at and dot words are not read ("(a)" is code: f(a)b.c)
            to jane [ at ] example [ dot ] org x | to <email> x
            to jane(a)example.org x | to <email> x
            """)
    void emailsLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * IP: Java 8-13's {@code InetSocketAddress.toString()} (eight uncompressed groups and a port of 1-4 digits),
     * Graphite/StatsD metric paths ({@code _} for dots), an IPv6 address before a dot and a word, a mapped address with
     * a port, a range written with {@code ..}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            connected /2001:db8:0:0:0:0:0:1:8080 x | connected /<ip>:8080 x
            ip ::ffff:203.0.113.5:8080 x | ip <ip>:8080 x
            failed from 2001:db8::1.Retrying | failed from <ip>.Retrying
            ip 203.0.113.5..203.0.113.9 x | ip <ip>..<ip> x
            """)
    void ips(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #ips} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            servers.203_0_113_5.cpu 0.5 1764670530 | servers.<ip>.cpu 0.5 1764670530
            host_203_0_113_5 x | host_<ip> x
            """)
    void ipsLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Credentials: Laravel Sanctum tokens ({@code id|secret}), Authorization values with a {@code :} (Azure SharedKey,
     * AWS SigV2, FCM {@code key=}), bearer values with other symbols; header dumps where the name is not followed by
     * {@code :} or {@code =} (Go {@code http.Header}, PHP {@code print_r}, HAR, Python tuples, XML, TAB), for schemes
     * other than Bearer and Basic; HTTP Basic credentials on a command line; signatures of presigned URLs; JWS with a
     * detached payload; header names and token prefixes not in the lists.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'Authorization: Bearer 1|AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd x' | Authorization: <token> x
            'Bearer 1|AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd x' | <token> x
            'Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08=' | Authorization: <token>
            Authorization: AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg= x | Authorization: <token> x
            Authorization: Bearer abc:def0123456789xyz x | Authorization: <token> x
            map[Authorization:[Token abcdefghijklmnop0123] Accept:[*/*]] | map[Authorization:[<token>] Accept:[*/*]]
            Array ( [Authorization] => Token abcdefghijklmnop0123 ) | Array ( [Authorization] => <token> )
            Array ( [HTTP_AUTHORIZATION] => Token abcdefghijklmnop0123 ) | Array ( [HTTP_AUTHORIZATION] => <token> )
            {"name":"Authorization","value":"Token abcdefghijklmnop0123"} | {"name":"Authorization","value":"<token>"}
            {"name":"X-Api-Key","value":"abcdefghijklmnop0123"} | {"name":"X-Api-Key","value":"<token>"}
            '[(''Authorization'', ''Token abcdefghijklmnop0123'')]' | '[(''Authorization'', ''<token>'')]'
            ("Authorization", "Token abcdefghijklmnop0123") | ("Authorization", "<token>")
            <Authorization>Token abcdefghijklmnop0123</Authorization> | <Authorization><token></Authorization>
            Authorization\tToken abcdefghijklmnop0123 | Authorization\t<token>
            Authorization -> Token abcdefghijklmnop0123 | Authorization -> <token>
            eyJhbGciOiJQUzI1NiIsImtpZCI6IjEyMyJ9..abcdefghijklmnopqrstuvwxyz0123456789 x | <token> x
            Authorization: key=AAAAabcdEFG:APA91bHPRgkFLJu4yVe8FzmGDTZW0mWp_abcdefghijklmnop x | Authorization: <token> x
            Authorization: Bearer abc!defghijklmnop0123 x | Authorization: <token> x
            Authorization: Bearer abc*defghijklmnop0123 x | Authorization: <token> x
            --api-key abcdefghijklmnop0123 | --api-key <token>
            curl -u valuser:valpassword https://example.org | curl -u <token> https://example.org
            curl --user valuser:valpassword https://example.org | curl --user <token> https://example.org
            GET /k?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261202%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef HTTP/1.1 | GET /k?X-Amz-Credential=<token>%2F20261202%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=<token> HTTP/1.1
            GET /c/f?sv=2022-11-02&ss=b&sig=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG%3D HTTP/1.1 | GET /c/f?sv=2022-11-02&ss=b&sig=<token> HTTP/1.1
            X-Vault-Token: hvs.CAESIJlWh6Hn1vVvs0b8e1m0e2qxRL1aGK4ELVi0ZXk0b3JrR2QaHgoca | X-Vault-Token: <token>
            X-Amz-Security-Token: IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ x | X-Amz-Security-Token: <token> x
            PRIVATE-TOKEN: abcdEFGH1234ijklMNOP | PRIVATE-TOKEN: <token>
            X-Access-Token: abcdefghijklmnop0123 | X-Access-Token: <token>
            Ocp-Apim-Subscription-Key: 0123456789abcdef0123456789abcdef | Ocp-Apim-Subscription-Key: <token>
            aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | aws_secret_access_key=<token>
            -H Authorization:Bearer\\ abcdefghijklmnop0123 | -H Authorization:<token>
            ATATT3xFfGF0abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ x | <token> x
            dapi0123456789abcdef0123456789abcdef x | <token> x
            PMAK-0123456789abcdef01234567-0123456789abcdef0123456789abcdef01 x | <token> x
            Cookie: session=abcdefghijklmnop0123; theme=dark | Cookie: session=<token>; theme=dark
            jdbc:postgresql://db:5432/app?user=jane&password=s3cr3tPassw0rd | jdbc:postgresql://db:5432/app?user=jane&password=<token>
            docker login -u jane -p s3cr3tPassw0rd registry.example.org | docker login -u jane -p <token> registry.example.org
            machine api.example.org login jane password s3cr3tPassw0rd | machine api.example.org login jane password <token>
            """)
    void credentials(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Spellings: SQL {@code LIKE '%…%'} patterns ({@code %41}, {@code %20} read as escapes: the number is glued to a
     * letter, or the IP loses its first digits), the typographic apostrophe of autocorrected names ({@code o’brien@…}),
     * HTML named references of letters ({@code &uuml; &eacute; &ccedil; &auml; &szlig;}: every Unicode local part or
     * domain written by an HTML encoder) and of brackets ({@code &lt;at&gt;}), typographic quotes around a quoted local
     * part, Latin-1 percent escapes ({@code %A0}, {@code %AD}), {@code \\u{…}} escapes (Rust, ES6, Swift), an escaped
     * backslash before {@code \\u0040}, Latin-1 {@code \\xE9}, letter look-alikes (mathematical, circled, Greek) in a
     * scheme word or an IBAN's country code, BULLET and ARABIC FULL STOP as separators, CJK numerals as digits
     * (Japanese vertical text) and the DIGIT COMMA forms U+1F101-1F10A.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to o’brien@example.org x | to <email> x
            to d’angelo.marco@example.it x | to <email> x
            to m&uuml;ller@example.org x | to <email> x
            to fran&ccedil;ois@example.org x | to <email> x
            to jos&eacute;.val3@example.org x | to <email> x
            to jane@m&uuml;ller.de x | to <email> x
            to val.email4@ex&auml;mple.org x | to <email> x
            to jane@stra&szlig;e.de x | to <email> x
            to “jane”@example.org x | to <email> x
            to “val email7”@example.org x | to <email> x
            to ”val email7”@example.org x | to <email> x
            to „val email7“@example.org x | to <email> x
            to ‘val email7’@example.org x | to <email> x
            to «val email7»@example.org x | to <email> x
            to &ldquo;val email7&rdquo;@example.org x | to <email> x
            to jane&lt;at&gt;example&lt;dot&gt;org x | to <email> x
            to jane&lsqb;at&rsqb;example&lsqb;dot&rsqb;org x | to <email> x
            WHERE phone LIKE '%415-555-0133%' | WHERE phone LIKE '%<phone>%'
            WHERE card LIKE '%4111111111111111%' | WHERE card LIKE '%<card>%'
            WHERE ip LIKE '%203.0.113.5%' | WHERE ip LIKE '%<ip>%'
            card 4111%A01111%A01111%A01111 x | card <card> x
            card 41%AD11 1111 1111 1111 x | card <card> x
            call 415%A0555%A00133 now | call <phone> now
            card 4111\\u{a0}1111\\u{a0}1111\\u{a0}1111 x | card <card> x
            to jane\\u{200b}@example.org x | to <email> x
            to jane\\u{40}example.org x | to <email> x
            to jane\\\\\\u0040example.org x | to <email> x
            iban \uD835\uDC03\uD835\uDC0489370400440532013000 x | iban <iban> x
            iban \u24B9\u24BA89370400440532013000 x | iban <iban> x
            call 415\u2022555\u20220133 now | call <phone> now
            call +1\u2022415\u2022555\u20220133 now | call <phone> now
            ssn 123\u202245\u20226789 x | ssn <ssn> x
            ip 203\u20220\u2022113\u20225 x | ip <ip> x
            ip 203\u06D40\u06D4113\u06D45 x | ip <ip> x
            call 415\u05BE555\u05BE0133 now | call <phone> now
            call 415\u2796555\u27960133 now | call <phone> now
            ssn 123\u301C45\u301C6789 x | ssn <ssn> x
            call 03\u30301234\u30305678 now | call <phone> now
            ip 203\uFE120\uFE12113\uFE125 x | ip <ip> x
            ip 203\u2E310\u2E31113\u2E315 x | ip <ip> x
            ip 2001\u02D0db8\u02D0\u02D01 x | ip <ip> x
            ip 2001\u02F8db8\u02F8\u02F81 x | ip <ip> x
            call 【415】 555-0133 now | call <phone> now
            call 〔415〕 555-0133 now | call <phone> now
            to jane@ex%E4mple.org x | to <email> x
            email=jos%E9.val3%40ex%E4mple.org&x=1 | email=<email>&x=1
            """)
    void escapesInvisibleAndLookAlikes(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Rows of {@link #escapesInvisibleAndLookAlikes} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jos\\xe9.val3@example.org x | to <email> x
            iban D\u039589370400440532013000 x | iban <iban> x
            \u0392earer abcdefghijklmnop0123 | <token>
            電話 〇九〇-一二三四-五六七八 | 電話 <phone>
            card 四一一一 一一一一 一一一一 一一一一 x | card <card> x
            card \uD83C\uDD05\uD83C\uDD02\uD83C\uDD02\uD83C\uDD02 1111 1111 1111 x | card <card> x
            """)
    void escapesInvisibleAndLookAlikesLeftOpen(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Innocent log text masked today: Java {@code Object.toString()} ({@code Class@hash}), systemd template units,
     * image digests, Go module and npm versions, Elasticsearch's own {@code @custom}/{@code @settings} names, Java 9+
     * stack frames of named modules, JSON objects with an {@code @}-key after another key ({@code ","@timestamp} read
     * as a quoted local part), display modes; Go's monotonic clock and other signed decimals (phone); fractional
     * seconds of 7 or more digits with seconds 00-09 and .NET {@code TimeSpan} (phone); compact timestamps, Go
     * pseudo-versions, disk sizes, decimal 64-bit ids, offsets and byte counts that are Luhn-valid (card); Maven's
     * {@code Project :: Module} and Python slices (IPv6); hex dumps and zero-padded two-digit lists (phone); {@code
     * Basic} before an ordinary word whose base64 reading holds a colon (token); a challenge under an Authorization
     * name; spaced arithmetic (SSN).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@71e9ddb4'
            'java.lang.IllegalStateException: com.acme.Order@5e2de80c'
            'lock java.util.concurrent.locks.ReentrantLock@4e25154f[Locked by thread main]'
            'Started getty@tty1.service - Getty on tty1.'
            'Started user@1000.service - User Manager for UID 1000.'
            'Pulling image "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"'
            'go: downloading golang.org/x/net@v0.17.0'
            'npm install react@latest'
            'npm info using node@v20.20.2'
            'PUT _component_template/metrics-events@custom'
            'using ecs@mappings and logs@settings'
            'at io.netty.transport@4.1.135.Final/io.netty.channel.AbstractChannelHandlerContext.invokeChannelRead(AbstractChannelHandlerContext.java:444)'
            '{"level":"INFO","@timestamp":"2026-12-02T10:15:30Z","message":"login"}'
            '{"message":"login","@version":"1"}'
            '{"a":"b","@type":"type.googleapis.com/google.rpc.ErrorInfo"}'
            'ts: 2026-12-02 10:15:30.123456789 +0000 UTC m=+0.012345678'
            'delta +0.123456789'
            '2026-12-02T10:15:05.1234567+00:00 started'
            '10:15:05.942402454 tick'
            'at 2026-12-02T10:15:09.12345678+01:00'
            '[INFO] Privacy metrics :: Core'
            'python arr[1::2] sliced'
            'return s[::-1]'
            'wire: 0d 0a 1f 8b 08 00 00 00 00 00 00 00 b4 53 c1 6e'
            '00000010: 0800 0000 0000 0000 0000 0000 0000 0000  ................'
            'page Basic Options viewed'
            'chapter Basic Operations'
            'see Basic Overview'
            'Elapsed 00:00:01.2345678'
            'Request finished in 00:00:03.1234567 200 application/json'
            # closed by digits6: five pairs after a pair and a blank end a longer list
            'days 01 02 03 04 05 06 07'
            # closed by digits6: one run of 13-19 digits needs an issuer range of its length (Issuers)
            'trace_id=3904241685677371103'
            'offset=442803283498403'
            'bytes=2655679831965'
            'id 20261202101535 created'
            'backup-20261202101535.tar.gz'
            'file report_20261202101535.csv'
            'batch 20261202101549123 done'
            'go: downloading golang.org/x/exp v0.0.0-20231201143051-4a8fbb1c6b53'
            'Disk /dev/sda: 1.82 TiB, 2000398934016 bytes, 3907029168 sectors'
            'dd.trace_id=5722964446230409099 dd.span_id=3127385791812300213'
            'created temp dir /tmp/junit-5722964446230409099'
            'seed -60823376807835718'
            'Authorization: Basic realm="Access to staging"'
            'size 1920x1080@60Hz'
            """)
    void falsePositives(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** Rows of {@link #falsePositives} still missed after this round's fixes: left open, or not reported by decision (core README table). */
    @Disabled("left open after the fixes of 2026-12-02 (hunt5), or not reported by decision: see the core README table")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'change +12.3456789%'
            '"lat": +37.774929, "lon": -122.419416'
            'score +1234.5678'
            'loc +28.817613,-140.497160'
            'delta +7608.0228'
            'x = 123 - 45 - 6789'
            'numbers drawn: 07 12 23 34 45'
            """)
    void falsePositivesLeftOpen(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Outside the detectors: a number's text ({@link NumberText}, read by the appender and the ingest scrub) keeps a
     * card number in a fraction glued to the leading zeros before it, so {@code 0.00004111111111111111} passes; a phone
     * number sent as a JSON number or logged as a long is a bare digit run (by decision). Since {@code fp8} only a
     * BigDecimal's written zeros read a fraction apart; a double's fraction is a decimal ({@link OrdinaryDataTest}).
     */
    @Test
    void numbers() {
        assertThat(PiiScanner.contains(NumberText.of(new BigDecimal("0.00004111111111111111")), PiiKind.CARD)).isTrue();
        assertThat(PiiScanner.contains(NumberText.of(4.111111111111111E-5), PiiKind.CARD)).isFalse(); // fp8: 3% of doubles
        assertThat(PiiScanner.contains(NumberText.of(new BigDecimal("-0.0004111111111111111")), PiiKind.CARD)).isTrue();
        assertThat(NumberText.of(0.25)).isEqualTo("0.25");
        assertThat(NumberText.of(new BigDecimal("10.0500"))).isEqualTo("10 0.05");
    }

    /** A phone number sent as a JSON number or logged as a long is a bare digit run: not reported, by decision. */
    @Disabled("not reported by decision: bare digit runs (core README table)")
    @Test
    void numbersByDecision() {
        assertThat(PiiScanner.contains(NumberText.of(14155550133L), PiiKind.PHONE)).isTrue();
    }
}
