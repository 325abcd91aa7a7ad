package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Variants of the families of issue 13 found by an attack review of the engine (look-alike characters, escapes,
 * invisible characters, mixed card separators): each is masked whole ({@code value | what the masked value must be}).
 * They were missed before {@link Fold}, {@link Decode} and mixed card separators. The variants the engine deliberately
 * does not report are in {@link #notReportedByDecision}, with the reason.
 */
class GapsFoundTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            val﹫example.org                | <email>
            val%2540example.org            | <email>
            val&#64;example.org            | <email>
            val\u200b@example.org          | <email>
            val@exa\u00admple.org          | <email>
            "val@email8"@example.org       | <email>
            "val email7"@example.org       | <email>
            x "val@email8"@example.org y   | x <email> y
            https://valuser:valpassword@example.org/ | https://<email>/
            ftp://valuser@example.org      | ftp://<email>
            ftp://valuser:valpassword@example.org:21/x | ftp://<email>:21/x
            redis://:valpassword@example.org:6379 | redis://<email>:6379
            user:valpassword@203.0.113.5   | <email>
            https://valuser:valpassword@203.0.113.5:8443/ | https://<email>:8443/
            https://valuser:valpassword@[2001:db8::1]/ | https://<email>/
            https://val%75ser:val%70assword@example.org/ | https://<email>/
            https://valuser:val%40pass@example.org/ | https://<email>/
            postgres://valuser:p@ss@example.org:5432/db | postgres://<email>:5432/db
            val [at] example [dot] org     | <email>
            val [AT] example [DOT] org     | <email>
            val(at)example.org             | <email>
            val{at}example(dot)org         | <email>
            val<at>example<dot>org         | <email>
            val[@]example[.]org            | <email>
            val (at) example (dot) org     | <email>
            val＠example［dot］org           | <email>
            पूजा@example.org                | <email>
            ராஜா@example.org                | <email>
            jane@उदाहरण.भारत                | <email>
            jane@உதாரணம்.இந்தியா             | <email>
            jane@exa_mple.org              | <email>
            jane@@example.org              | <email>
            jane@.example.org              | <email>
            """)
    void emailVariants(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    /**
     * Spellings as they appear inside a logged JSON or Java string literal (the backslashes are in the text): an
     * escaped at-sign, a quoted local part whose quotes are escaped, an escaped quote inside a quoted local part.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            val\\u0040example.org            | <email>
            val\\uFF20example.org            | <email>
            {"to":"val\\u0040example.org"}   | {"to":"<email>"}
            \\"val email7\\"@example.org       | <email>
            \\"val@email8\\"@example.org       | <email>
            "val\\"x"@example.org            | <email>
            {"to":"\\"val@email8\\"@example.org"} | {"to":"<email>"}
            """)
    void emailVariantsInLoggedStrings(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ２０３.０.１１３.５              | <ip>
            203。0。113。5                  | <ip>
            203．0．113．5                  | <ip>
            user@[IPv6:2001:db8::1]        | <email>
            user@[ipv6:2001:db8::1]        | <email>
            ip-203-0-113-5.ec2.internal    | ip-<ip>.ec2.internal
            ec2-203-0-113-5.compute-1.amazonaws.com | ec2-<ip>.compute-1.amazonaws.com
            host ip-10-0-0-1 down          | host ip-<ip> down
            ip-10-0-0-1-eu.example         | ip-<ip>-eu.example
            203-0-113-5.static.example.net | <ip>.static.example.net
            ip:2001:db8::1 x               | ip:<ip> x
            src:2001:db8::1, x             | src:<ip>, x
            v=spf1 ip6:2001:db8::1 -all    | v=spf1 ip6:<ip> -all
            tcp6 0 0 2001:db8::2:51234 ESTABLISHED | tcp6 0 0 <ip>:51234 ESTABLISHED
            """)
    void ipVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            4111-1111 1111.1111            | <card>
            ４１１１１１１１１１１１１１１１   | <card>
            ４１１１ １１１１ １１１１ １１１１  | <card>
            """)
    void cardVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            (+44) 20 7946 0958             | (<phone>
            (+1)415-555-0134               | (<phone>
            +１ ４１５ ５５５ ０１３４          | <phone>
            ＋14155550134                  | <phone>
            +1\u2011415\u2011555\u20110134 | <phone>
            030/1234 5678                  | <phone>
            0171/1234567                   | <phone>
            030/1234-5678                  | <phone>
            (415)5550133                   | <phone>
            1 (415)5550133                 | <phone>
            """)
    void phoneVariants(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Bearer%20abcdefghijklmnop0123          | <token>
            Bearer: abcdefghijklmnop0123           | <token>
            Bearer=abcdefghijklmnop0123            | <token>
            Authorization: bearer: abcdefghijklmnop0123 | Authorization: <token>
            Basic: dmFsdXNlcjp2YWxwYXNzd29yZA==    | <token>
            basic=dmFsdXNlcjp2YWxwYXNzd29yZA==     | <token>
            eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0 | <token>
            eyJhbGciOiJSU0EtT0FFUCJ9.OKOawDo13gRp.48V1_ALb6US04U3b.5eym8TW_c8Su.XFBoMYUZodetZdvTiFvSkQ | <token>
            x_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozj | x_<token>
            JWTeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozj | JWT<token>
            Authorization=Bearer+abcdefghijklmnop0123&x=1 | Authorization=<token>&x=1
            Basic dmFsdXNlcjp2YWxw-XNzd29yZA       | <token>
            Basic dmFsdXNlcjp2YWxw_XNzd29yZA==     | <token>
            x_ghp_abcdefghijklmnopqrstuvwxyz0123456789 | x_<token>
            MY_KEY_AKIAIOSFODNN7EXAMPLE            | MY_KEY_<token>
            Bearer%09abcdefghijklmnop0123          | <token>
            Bearer&#9;abcdefghijklmnop0123         | <token>
            Bearer&Tab;abcdefghijklmnop0123        | <token>
            Bearer\tabcdefghijklmnop0123           | <token>
            Bearer%0D%0Aabcdefghijklmnop0123       | <token>
            Basic%0AdmFsdXNlcjp2YWxwYXNzd29yZA==   | <token>
            Authorization: Token abcdefghijklmnop0123 | Authorization: <token>
            Authorization: ApiKey abcdefghijklmnop0123 | Authorization: <token>
            Authorization: abcdefghijklmnop0123    | Authorization: <token>
            Proxy-Authorization: Digest username="valuser", realm="x", response="6629fae49393a05397450978507c4ef1" | Proxy-Authorization: <token>
            authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7 | authorization: <token>
            {"Authorization":"Token abcdefghijklmnop0123","x":1} | {"Authorization":"<token>","x":1}
            {Authorization=Token abcdefghijklmnop0123, Accept=*/*} | {Authorization=<token>, Accept=*/*}
            Authorization=Token+abcdefghijklmnop0123&x=1 | Authorization=<token>&x=1
            HTTP_AUTHORIZATION=Token abcdefghijklmnop0123 | HTTP_AUTHORIZATION=<token>
            X-Api-Key: abcdefghijklmnop0123        | X-Api-Key: <token>
            Authorisation: Token abcdefghijklmnop0123 | Authorisation: <token>
            authorization => 'Token abcdefghijklmnop0123' | authorization => '<token>'
            api_token=abcdefghijklmnop0123         | api_token=<token>
            X-Auth-Token: abcdefghijklmnop0123     | X-Auth-Token: <token>
            api_key=abcdefghijklmnop0123&x=1       | api_key=<token>&x=1
            ASIAIOSFODNN7EXAMPLE                   | <token>
            xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef | <token>
            sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ | <token>
            sk-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst | <token>
            sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789 | <token>
            ya29.a0AfH6SMBabcdefghijklmnopqrstuvwxyz0123456789 | <token>
            rk_test_abcdefghijklmnop0123           | <token>
            xoxe.xoxp-1-abcdefghijklmnop0123       | <token>
            hf_abcdefghijklmnopqrstuvwxyzABCDEFGH  | <token>
            ewogICJhbGciOiAiSFMyNTYiCn0.ewogICJzdWIiOiAiMTIzIgp9.abcdefghijkl | <token>
            eyAiYWxnIjogIkhTMjU2IiB9.eyAic3ViIjogIjEyMyIgfQ.abcdefghijkl | <token>
            Bearer = abcdefghijklmnop0123          | <token>
            Bearer : abcdefghijklmnop0123          | <token>
            {"Bearer":"abcdefghijklmnop0123"}      | {"<token>"}
            auth_Basic dmFsdXNlcjp2YWxwYXNzd29yZA== | auth_<token>
            """)
    void credentialVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Look-alikes found by the third review (2026-12-02, 11:00): other digit forms, dashes, dots and colons. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card ④①①① ①①①① ①①①① ①①①① x       | card <card> x
            card ⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹ x       | card <card> x
            card ₄₁₁₁ ₁₁₁₁ ₁₁₁₁ ₁₁₁₁ x       | card <card> x
            call 03ー1234ー5678 now           | call <phone> now
            ssn 123ー45ー6789 x               | ssn <ssn> x
            call 415˗555˗0133 now           | call <phone> now
            call 415⁃555⁃0133 now           | call <phone> now
            ip 203·0·113·5 x                | ip <ip> x
            ip 203‧0‧113‧5 x                | ip <ip> x
            ip 203∙0∙113∙5 x                | ip <ip> x
            ip 203⋅0⋅113⋅5 x                | ip <ip> x
            ip 203٫0٫113٫5 x                | ip <ip> x
            ip 2001꞉db8꞉꞉1 x                | ip <ip> x
            """)
    void lookAlikesOfTheThirdReview(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Prose with the same look-alikes stays as it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'コーヒー・ケーキ'
            'col·legi de 12·3 m²'
            'H₂O at 10² °C'
            'chapter ① and ②'
            """)
    void lookAlikesInProseStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** Credentials as they appear inside a logged JSON or Java string literal (the backslashes are in the text). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Bearer\\tabcdefghijklmnop0123          | <token>
            Bearer\\u0020abcdefghijklmnop0123      | <token>
            Basic\\r\\ndmFsdXNlcjp2YWxwYXNzd29yZA== | <token>
            {\\"Authorization\\":\\"Digest username=\\"valuser\\", response=\\"6629fae49393a05397450978507c4ef1\\"\\"} | {\\"Authorization\\":\\"<token>\\"}
            {"body":"line one\\nBearer abcdefghijklmnop0123"} | {"body":"line one\\n<token>"}
            {"body":"line one\\nghp_abcdefghijklmnopqrstuvwxyz0123456789"} | {"body":"line one\\n<token>"}
            Bearer jane@janedoe.com                | <token>
            {"url":"https:\\/\\/valuser:valpassword@example.org\\/x"} | {"url":"https:\\/\\/<email>\\/x"}
            """)
    void credentialVariantsInLoggedStrings(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Digit-family variants of the second review (2026-12-02), closed on branch gapsdigit: SSNs with dots, slashes or
     * underscores, spaced separators, or a glued label; IBANs grouped by dashes, dots or double blanks, or after a
     * glued label.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ssn 123.45.6789 x              | ssn <ssn> x
            SSN123-45-6789                 | SSN<ssn>
            ssn=123-45-6789x               | ssn=<ssn>x
            123/45/6789                    | <ssn>
            123_45_6789                    | <ssn>
            123 - 45 - 6789                | <ssn>
            123.45-6789                    | <ssn>
            GB82-WEST-1234-5698-7654-32    | <iban>
            GB82.WEST.1234.5698.7654.32    | <iban>
            'GB82  WEST  1234  5698  7654  32' | <iban>
            ibanGB82WEST12345698765432     | iban<iban>
            IBAN:DE89-3704-0044-0532-0130-00 | IBAN:<iban>
            """)
    void ssnAndIbanVariants(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Phone variants of the second review (2026-12-02), closed on branch gapsdigit: a bracketed country code after the
     * plus, a blank after the plus, square brackets, an extension glued by {@code x} or {@code ext}, a number inside
     * brackets that do not close its first group.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            +(44) 20 7946 0958             | <phone>
            +1 [415] 555-0134              | <phone>
            [415] 555-0134                 | <phone>
            1 [415] 555-0134               | <phone>
            +44 [0]20 7946 0958            | <phone>
            415-555-0133x22                | <phone>x22
            415-555-0133ext.22             | <phone>ext.22
            +1 415 555 0134X7              | <phone>X7
            + 44 20 7946 0958              | <phone>
            call (415-555-0133)            | call (<phone>)
            (030 1234 5678)                | (<phone>)
            [+44] 20 7946 0958             | [<phone>
            """)
    void phoneVariantsOfTheSecondReview(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Found by the hunt of 2026-12-02 (hunt3), closed on branch gapsdigit: numbers next to other numbers (a chain that
     * is no number backs off to its longest prefix ending before a blank), numbers after a date, a time or a count
     * and a blank, labels glued by {@code . _ -}, tabs, SSN separators mixed, numbers inside brackets after a word.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            tel 415-555-0133 415-555-0134 x          | tel <phone> <phone> x
            phones (415) 555-0133 (212) 555-0188 x   | phones <phone> <phone> x
            home 030 1234 5678 0151 23456789 x       | home <phone> <phone> x
            call 415-555-0133 5 times                | call <phone> 5 times
            call (415) 555-0133 2 times              | call <phone> 2 times
            ssn 123 45 6789 2 x                      | ssn <ssn> 2 x
            ssns 123-45-6789 234-56-7890 x           | ssns <ssn> <ssn> x
            2024-12-02 123-45-6789 x                 | 2024-12-02 <ssn> x
            10:00:00 123-45-6789 x                   | 10:00:00 <ssn> x
            row 1 123-45-6789 x                      | row 1 <ssn> x
            7 415-555-0133 x                         | 7 <phone> x
            2024-12-02 10:00:00 415-555-0133         | 2024-12-02 10:00:00 <phone>
            Tel.030 12345678                         | Tel.<phone>
            Ph.415-555-0133                          | Ph.<phone>
            tel_415-555-0133                         | tel_<phone>
            call 415\u0009555\u00090133 now          | call <phone> now
            call +1\u0009415\u0009555\u00090133 now  | call <phone> now
            ssn 123\u000945\u00096789 x              | ssn <ssn> x
            ssn 123-45 6789 x                        | ssn <ssn> x
            Key (phone)=(415-555-0133) already exists. | Key (phone)=(<phone>) already exists.
            call 415 - 555 - 0133 now                | call <phone> now
            call +1  415  555  0133 now              | call <phone> now
            call +1 - 415 - 555 - 0133 now           | call <phone> now
            030 - 1234 - 5678                        | <phone>
            415--555--0134                           | <phone>
            phone=415+555+0133&x=1                   | phone=<phone>&x=1
            phone=%2B1+415+555+0133&x=1              | phone=<phone>&x=1
            phone=%2B44+20+7946+0958&x=1             | phone=<phone>&x=1
            ssn=123+45+6789&x=1                      | ssn=<ssn>&x=1
            iban=DE89+3704+0044+0532+0130+00&x=1     | iban=<iban>&x=1
            call (11) 91234-5678 now                 | call <phone> now
            call (11) 1234-5678 now                  | call <phone> now
            call 03(1234)5678 now                    | call <phone> now
            call 415-555-0133 (home) x               | call <phone> (home) x
            call 8 (495) 123-45-67 now               | call <phone> now
            call 8 800 555 35 35 now                 | call <phone> now
            call 030 / 1234 5678 now                 | call <phone> now
            call 020-123 4567 now                    | call <phone> now
            call 020 - 123 4567 now                  | call <phone> now
            call (415) 555-0133(home) x              | call <phone>(home) x
            call (+1) (415) 555-0133 now             | call (<phone> now
            3) 415-555-0133 x                        | 3) <phone> x
            2) (415) 555-0133                        | 2) <phone>
            3) 123-45-6789 x                         | 3) <ssn> x
            42 415-555-0133 Jane                     | 42 <phone> Jane
            tel1 415-555-0133 x                      | tel1 <phone> x
            call 415-555-0133 12:00 x                | call <phone> 12:00 x
            """)
    void digitVariantsOfTheHunt(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    /** Separators that must stay plain text: a scheme word before prose, a JWT header before a non-JSON part. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'basic=plan'
            'bearer:'
            'eyJhbGciOiJIUzI1NiJ9.abcdefgh'
            'valid 01/2024 1234 rows'
            'route 030-1234/5678 x'
            'keyJsonMapper.readValue.apply'
            'com.acme.keyJsonMapperFactory.eyJ.x'
            'basic+plan'
            'order (123)4567890 x'
            'items 415 5550133 x'
            'basic plan-b'
            'Basic auth-header-missing'
            'user_npm_packages_count'
            'val (at) home'
            'meet me (at) noon.'
            'see [at] the end [dot] of it'
            'we met at example dot org'
            'lodash@4.17.21'
            'email:(at) x'
            'price (at) 4.50'
            'map[at]=x.y'
            'path\\u0040'
            'C:\\users\\val'
            'Authorization: required'
            'Authorization: denied for user bob'
            'authorization failed for user bob'
            'authorization header contains invalid characters'
            'Authorization: none'
            'api_key=${API_KEY}'
            'X-Api-Key: <redacted>'
            'reauthorization: abcdefghijklmnop0123'
            'the bearer\nof this letter'
            'api-keys: 12'
            'Bearer token expired for user 42'
            'Use Bearer authentication for the API'
            'the bearer of this card'
            'WWW-Authenticate: Bearer realm="example", error="invalid_token"'
            'auth scheme is Bearer and user is jane'
            'the bearer, not the holder'
            "the bearer's card"
            'should skip the sk-ip list'
            'ewok village'
            'version 1.123.45.6789'
            'build 123.45.67890'
            'id 1234.56.7890'
            'ssn 000.12.3456'
            'ssn 123.00.4567'
            'pi 3.14159 e 2.71828 phi 1.618'
            'GB82-WEST-1234-5698-7654-33'
            'GB82-WEST-1234-5698-7654-3'
            'DE89-3704 0044-0532 0130-00'
            'gb82-west-1234-5698-7654-32'
            'order [123]4567890 x'
            'range 10-20-30-40 ok'
            'mac:00:11:22:33:44:55'
            'key:value:other'
            'std::vector<int>'
            'at 10:15:30.123 ok'
            'id 415-555-0133-2'
            'build 5-123-45-6789'
            'uuid deadbeef-0123-4567-8901-234567890123'
            'uuid 123e4567-e89b-12d3-a456-426614174000'
            'x-415-555-0133'
            'ab12-415-555-0133'
            'order 1234 5678 90 x'
            'id 415 - 555 - 0133 - 2'
            'total 12+345+6789 x'
            'items 8 123 456 78 90'
            'x (10) 1234-5678'
            'page (12) 123-4567'
            'sum 2+2=4 and 10+20+30+40'
            'x 415 ---- 555 ---- 0133'
            'total 1 - 2 - 3 - 4 - 5 - 6 - 7 - 8 - 9 - 10'
            'ip-10-0-0-256.ec2.internal'
            'ip-1-2-3-4-5'
            'ip-10-0-0-1a'
            'on 2026-12-02 10-20 x'
            'ref 415-555-0133xyz'
            'ref 415-555-0133x1234567'
            'sum + 1234 apples'
            'code +(1234) 567 8901 x'
            'items (12-34-56) x'
            'iban DE89 37040044 0532013001 x'
            'iban DE89 37040044 0532013000X x'
            'iban DE89 37040044 053201300 x'
            'iban xDE89 37040044 0532013000 x'
            'iban DE89 370 40044 0532013000 x'
            'iban DE89 37040044 05320130 00X x'
            'iban GB82 WEST 12345698 765432AB x'
            'iban DE 8937040044 0532013000 x'
            'iban DE 89 3704 0044 0532 0130 0 x'
            'page=(12)+123-4567&x=1'
            'sum=(415)+555&x=1'
            'page=(415)+55-0133&x=1'
            'at 10:15:30.443 ok'
            'ratio 12:34.5 x'
            'v 2001:db8::1.443a x'
            'v 2001:db8::1.123456 x'
            'id-1234567890123'
            'GET /api/cards/4111111111111112/charge HTTP/1.1'
            'order4111111111111111 x'
            'ref 4111111111111111x x'
            'ts 2026-12-02T10:15:30.123456789Z'
            'id 550e8400-e29b-41d4-a716-446655440000'
            'ratio 3311.4587498874744 x'
            'ratio 4587498874744.25 x'
            'ratio 0.4587498874744.1 x'
            'id 4111-1111-1111-1111-12345 x'
            'id 4111-1111-1111-1111-1111abc x'
            'id 4111-1111-1111-1111/12a x'
            'card 3056 9309 0259 05 x'
            'card 3056 9309 0259 04a x'
            """)
    void stillPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by the same review and not reported, by decision (the "deliberately not reported" column of the core
     * README): bare national digit runs and the {@code 00} prefix (counts, ids and order numbers look the same), a
     * group of seven or more digits inside a grouped card number and separators of three characters (decimals and
     * lists of numbers), a number touching letters (hex ids), lower-case IBANs (hex ids pass mod-97 one time in a
     * hundred), spaces around an at-sign and the words "at" and "dot" without brackets (prose), OAuth parameters such as {@code access_token=} (another family than
     * HTTP credentials and JWTs).
     * hundred), SSN parts joined by two separator characters ({@code 123--45--6789}: the digit pass's window tells one
     * and three apart, not two) or after a digit and a separator ({@code 1.123-45-6789}, a chain), spaces around an
     * at-sign (prose), OAuth parameters such as {@code access_token=} (another family than
     * HTTP credentials and JWTs). One gap is left open: a quoted local part with an at-sign inside
     * ({@code "val@email8"@example.org}: the quoted part is masked as an address, the outer domain is left).
     */
    @Disabled("not reported by decision, or left open: see the javadoc")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            val @ example.org              | <email>
            val at example dot org         | <email>
            4111 11111111 1111             | <card>
            4111 - 1111 - 1111 - 1111      | <card>
            x4111111111111111x             | x<card>x
            0044 20 7946 0958              | <phone>
            ００４４ ２０ ７９４６ ０９５８       | <phone>
            4155550134                     | <phone>
            14155550134                    | <phone>
            access_token=abcdefghijklmnop0123      | access_token=<token>
            de89370400440532013000         | <iban>
            ssn 123--45--6789              | ssn <ssn>
            v1.123-45-6789                 | v1.<ssn>
            """)
    void notReportedByDecision(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Found by the second review (2026-12-02) and left open, reported: each needs a change to the digit pass's
     * prefilter ({@code Window}) or inline conditions ({@code DigitScanner}), which other helpers were editing —
     * SSNs with dots or glued to a letter (the SSN lane requires {@code -} or a blank after the area and no
     * letter before it); or a new trigger in the IP loop, which jumps between dots and colons (the EC2 host name
     * {@code ip-203-0-113-5}); or a widening whose false positives were not weighed in time ({@code +(44)},
     * square brackets, an extension glued by {@code x}, IBANs grouped by {@code -}).
     * Found by the second review (2026-12-02) in detectors other helpers were editing, left open and reported: the
     * user name of a URL's user-info is left when the password and host are masked as an address
     * ({@code https://valuser:valpassword@example.org/}).
     */
    /**
     * Found by the second review (2026-12-02) and left open then, closed on branch gapsdigit: the rows moved to
     * {@link #ssnAndIbanVariants}, {@link #phoneVariantsOfTheSecondReview} and {@link #ipVariants}.
     */

    /**
     * Found by branch mail5 (2026-12-02): an IPv4 address followed by its port as tcpdump prints it (five dotted
     * numbers: the first four are reported when the fifth is above 255, or when the run stands after {@code IP } or
     * {@code > }, or before {@code  > }); and spellings of the contract's IP families that were found and must stay so.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            10:15:30.123456 IP 203.0.113.5.80 > 198.51.100.7.53: Flags [S] | 10:15:30.123456 IP <ip>.80 > <ip>.53: Flags [S]
            '    203.0.113.5.80 > 198.51.100.7.53: Flags [S]'   | '    <ip>.80 > <ip>.53: Flags [S]'
            IP 203.0.113.5.22 x                  | IP <ip>.22 x
            x 203.0.113.5.51234 x                | x <ip>.51234 x
            x 203.0.113.5.443.                   | x <ip>.443.
            IP 010.000.113.005.443 > 1.2.3.4.80: x | IP <ip>.443 > <ip>.80: x
            ip 203.000.113.005 x                 | ip <ip> x
            ip [203.0.113.5]:443 x               | ip [<ip>]:443 x
            ip 203.0.113.5/24 x                  | ip <ip>/24 x
            ip ::FFFF:cb00:7105 x                | ip <ip> x
            ip 0:0:0:0:0:ffff:203.0.113.5 x      | ip <ip> x
            ip [::ffff:203.0.113.5]:443 x        | ip [<ip>]:443 x
            ip fe80::1%eth0 x                    | ip <ip>%eth0 x
            ip 2001:0DB8:0000:0000:0000:0000:0000:0001 x | ip <ip> x
            ip ::1 x                             | ip <ip> x
            ip ::ffff:0:0 x                      | ip <ip> x
            """)
    void ipVariantsOfMail5(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Plain text next to the IP widenings of branch mail5: five-part version strings and OIDs not in tcpdump's places,
     * runs of six parts, a fifth part above 65535 or after two dots, {@code IP} glued to a word; the unspecified
     * address {@code ::} alone (Haskell's {@code ::}, {@code [::]:80}), not reported anywhere by decision.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'version 1.2.3.4.5 x'
            'oid 1.3.6.1.4.1.2021 x'
            'oid 1.3.6.1.4 x'
            'x 1.2.3.4.5.6 x'
            'x 1.2.3.4..443 x'
            'x 1.2.3.4.65536 x'
            'x 1.2.3.4.100000 x'
            'SHIP 1.2.3.4.5 x'
            'HTTP 1.2.3.4.5 x'
            'x 1.2.3.4.5 >x'
            'main :: IO ()'
            'x :: y'
            'ip :: x'
            'listen [::]:80 x'
            'from=::'
            """)
    void stillPlainOfMail5(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by branch mail5 (2026-12-02): quoted credentials (the credential inside its quotes is the finding, the scheme
     * word and the quotes are kept; a scheme word that is itself a quoted key, {@code {"Bearer":"…"}}, is reported with
     * the credential as before), any scheme of an Authorization header with a quoted credential, also without its
     * closing quote (a cut line), and the signature of an AWS signature version 2 header after the key id.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Basic "dmFsdXNlcjp2YWxwYXNzd29yZA==" x          | Basic "<token>" x
            Basic 'dmFsdXNlcjp2YWxwYXNzd29yZA==' x          | Basic '<token>' x
            Basic: "dmFsdXNlcjp2YWxwYXNzd29yZA==" x         | Basic: "<token>" x
            Basic='dmFsdXNlcjp2YWxwYXNzd29yZA==' x          | Basic='<token>' x
            basic "dmFsdXNlcjp2YWxwYXNzd29yZA" x            | basic "<token>" x
            Bearer "abcdefghijklmnop0123" x                 | Bearer "<token>" x
            Bearer 'abcdefghijklmnop0123' x                 | Bearer '<token>' x
            Bearer "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcdefghijkl" x | Bearer "<token>" x
            Bearer \\"abcdefghijklmnop0123\\" x             | Bearer \\"<token>\\" x
            x "Bearer abcdefghijklmnop0123" x               | x "<token>" x
            {"Bearer":"abcdefghijklmnop0123"}               | {"<token>"}
            {"Authorization":"Basic dmFsdXNlcjp2YWxwYXNzd29yZA=="} | {"Authorization":"<token>"}
            {"Authorization": "Bearer abcdefghijklmnop0123"} | {"Authorization": "<token>"}
            Authorization: Bearer "abcdefghijklmnop0123" x  | Authorization: Bearer "<token>" x
            Authorization: Token "abcdef0123456789abcdef" x | Authorization: Token "<token>" x
            Authorization: token 'abcdef0123456789abcdef' x | Authorization: token '<token>' x
            Authorization: Token "abcdef0123456789abcdef    | Authorization: Token "<token>
            Authorization: Basic "dmFsdXNlcjp2YWxwYXNzd29yZA== x | Authorization: Basic "<token> x
            Authorization: AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg= x | Authorization: <token> x
            Authorization: Bearer abcdefghijklmnop0123: denied | Authorization: <token>: denied
            """)
    void quotedCredentials(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    /** Plain text next to the credential widenings of branch mail5: a short word in quotes after a scheme word. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            use the Bearer "token" scheme
            Basic "plan" x
            basic "dmFsdXNlcg==" x
            Bearer "hunter" x
            Authorization: Token "short" x
            Authorization: "none"
            """)
    void stillPlainNextToQuotedCredentials(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by branch mail5 (2026-12-02): an address as typed in an "invalid email" log, with a bracketed group in its
     * local part ({@code [doe]}, {@code (comment)}, RFC 5322 comments; also at its start, or empty after a letter),
     * masked whole rather than from the group on ({@code jane[<email>} would leave the name).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            invalid email jane[doe]@example.org  | invalid email <email>
            to jane(comment)@example.org x       | to <email> x
            to jane[doe]x@example.org x          | to <email> x
            to ja[n]e(d).doe@example.org x       | to <email> x
            to [jane]@example.org x              | to <email> x
            to (jane.doe)@example.org x          | to <email> x
            to jane[]@example.org x              | to <email> x
            to jane[doe]＠example.org x          | to <email> x
            to jane[doe]%40example.org x         | to <email> x
            email=jane[doe]@example.org&x=1      | email=<email>&x=1
            [jane@example.org] x                 | [<email>] x
            foo(jane@example.org) x              | foo(<email>) x
            """)
    void bracketedGroupsInLocalParts(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Plain text next to the bracketed groups of branch mail5: no letter or digit, no domain, or a blank inside. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'see []@ x'
            '[]@example.org'
            '()@example.org'
            '(.)@example.org'
            'f(x)@ 2'
            'items[0]@4.17.21'
            """)
    void stillPlainNextToBracketedGroups(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by branch mail5 (2026-12-02): address literals (RFC 5321) as the domain, which left the local part when
     * only the IP inside was masked; Perl's escaped at-sign ({@code "jane\\@example.org"} in a double-quoted string);
     * and spellings of the contract's e-mail families that were found and must stay so (tags, subdomains, IDN
     * punycode, mailto, angle brackets, display names, URLs, JSON, start and end of the value, upper case, a trailing
     * dot).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane@[203.0.113.5] x              | to <email> x
            to jane@[IPv6:2001:db8::1] x         | to <email> x
            to jane@[ipv6:2001:db8::1]. x        | to <email>. x
            to jane@[2001:db8::1] x              | to <email> x
            to "jane doe"@[203.0.113.5] x        | to <email> x
            <jane@[203.0.113.5]>                 | <<email>>
            to jane\\@example.org x              | to <email> x
            print "jane\\@example.org";          | print "<email>";
            to jane+tag@mail.example.co.uk x     | to <email> x
            to jane@xn--bcher-kva.example x      | to <email> x
            to jane@example.xn--p1ai x           | to <email> x
            mailto:jane@example.org?cc=john@example.org | mailto:<email>?cc=<email>
            From: "Jane Doe" <jane@example.org>  | From: "Jane Doe" <<email>>
            https://example.org/?email=jane%40example.org&x=1 | https://example.org/?email=<email>&x=1
            {"email":"JANE@EXAMPLE.ORG"}         | {"email":"<email>"}
            jane@example.org                     | <email>
            to jane@example.org.                 | to <email>.
            """)
    void emailVariantsOfMail5(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Plain text next to the e-mail widenings of branch mail5: brackets after an at-sign that hold no address literal. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'x@[abc] y'
            'x@[1.2.3] y'
            'x@[12:34] y'
            'x@[1] y'
            'e.g.\\@ the end'
            'path\\@ 2'
            """)
    void stillPlainNextToEmailVariantsOfMail5(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by the fourth review (hunt5, 2026-12-02) and closed on branch mail5: header dumps whose separator is not
     * {@code :} or {@code =} (Go's {@code %v} of an http.Header, PHP's {@code print_r}, HAR header arrays, Python
     * tuples, XML, TSV, Scala), Laravel Sanctum's {@code id|secret} and {@code id:secret} bearer tokens, signatures
     * after a key id ({@code SharedKey account:signature}), IPv6 with a port of 1-4 digits as Java's InetSocketAddress
     * prints it, an IPv4-mapped address with a port.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '\'', textBlock = """
            map[Authorization:[Token abcdefghijklmnop0123] Accept:[*/*]] ¦ map[Authorization:[<token>] Accept:[*/*]]
            Array ( [Authorization] => Token abcdefghijklmnop0123 ) ¦ Array ( [Authorization] => <token> )
            Array ( [HTTP_AUTHORIZATION] => Token abcdefghijklmnop0123 ) ¦ Array ( [HTTP_AUTHORIZATION] => <token> )
            {"name":"Authorization","value":"Token abcdefghijklmnop0123"} ¦ {"name":"Authorization","value":"<token>"}
            {"name":"X-Api-Key","value":"abcdefghijklmnop0123"} ¦ {"name":"X-Api-Key","value":"<token>"}
            [('Authorization', 'Token abcdefghijklmnop0123')] ¦ [('Authorization', '<token>')]
            setRequestHeader("Authorization", "Token abcdefghijklmnop0123") ¦ setRequestHeader("Authorization", "<token>")
            <Authorization>Token abcdefghijklmnop0123</Authorization> ¦ <Authorization><token></Authorization>
            Authorization\u0009Token abcdefghijklmnop0123 ¦ Authorization\u0009<token>
            Authorization -> Token abcdefghijklmnop0123 ¦ Authorization -> <token>
            Authorization: Bearer 1|AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd x ¦ Authorization: <token> x
            Bearer 1|AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd x ¦ <token> x
            {"Authorization":"Bearer 12|AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"} ¦ {"Authorization":"<token>"}
            Authorization: Bearer abc:def0123456789xyz x ¦ Authorization: <token> x
            Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08= ¦ Authorization: <token>
            connected /2001:db8:0:0:0:0:0:1:8080 x ¦ connected /<ip>:8080 x
            ip ::ffff:203.0.113.5:8080 x ¦ ip <ip>:8080 x
            to postmaster@[123.123.123.123] x ¦ to <email> x
            to "val email7"@[203.0.113.5] x ¦ to <email> x
            User{id=42, email='jane@example.org'} ¦ User{id=42, email='<email>'}
            INSERT INTO t VALUES ('jane@example.org') ¦ INSERT INTO t VALUES ('<email>')
            see `jane@example.org` x ¦ see `<email>` x
            """)
    void huntFiveRowsClosedByMail5(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(unescape(masked));
    }

    /**
     * False positives of the fourth review (hunt5) in the e-mail, IP and credential detectors, plain since branch
     * mail5: an {@code @} key after another key in JSON ({@code "@timestamp"}, every ECS line: a quoted local part needs a
     * letter or digit), Java's {@code Object.toString()}, systemd units, image digests, Go module and npm versions,
     * Elasticsearch's component templates and npm's dist-tags, Python slices and Maven's {@code Project :: Module}; and
     * prose after a header name with a comma.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '\'', textBlock = """
            '{"level":"INFO","@timestamp":"2026-12-02T10:15:30Z","message":"login"}'
            '{"a":"b","@version":"1","@type":"x"}'
            'HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@71e9ddb4'
            'bytes [B@6d06d69c'
            'ReentrantLock@4e25154f[Locked by thread main]'
            'Started getty@tty1.service - Getty on tty1.'
            'Stopped user@1000.service.'
            'Pulling image "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"'
            'go: downloading golang.org/x/net@v0.17.0'
            'npm install react@latest'
            'npm info using node@v20.20.2'
            'PUT _component_template/metrics-events@custom'
            'PUT _index_template/logs@settings'
            'python arr[1::2] sliced'
            'x = arr[::2]'
            'y = m[i][::-1]'
            '[INFO] Privacy metrics :: Core'
            'authorization, Token required'
            'Authorization, please retry'
            'Bearer token:expired'
            """)
    void huntFiveFalsePositivesClosedByMail5(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** Addresses next to the false-positive rules of branch mail5 stay masked: real domains, a version-like tail. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '\'', textBlock = """
            to jane@example.org.2 x ¦ to <email>.2 x
            to jane@cafe x ¦ to <email> x
            to jane@163.com x ¦ to <email> x
            to jane@v2 x ¦ to <email> x
            to jane@deadbeef.example.org x ¦ to <email> x
            to jane@service.example.org x ¦ to <email> x
            to "j"@example.org x ¦ to <email> x
            listen [2001:db8::1]:443 ¦ listen [<ip>]:443
            http://[::1]:8080/ ¦ http://[<ip>]:8080/
            addr=[2001:db8::1] ¦ addr=[<ip>]
            """)
    void stillMaskedNextToMail5FalsePositiveRules(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Also of the fourth review (hunt5), closed on branch mail5: a local part in typographic quotes (autocorrect's
     * quoted local part), a JWS with a detached payload ({@code header..signature}); and a Java module's version in a
     * stack frame, which is no address, next to an address whose domain starts with digits, which is one.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '\'', textBlock = """
            to “jane”@example.org x ¦ to <email> x
            to “val email7”@example.org x ¦ to <email> x
            to „val email7“@example.org x ¦ to <email> x
            to ‘jane doe’@example.org x ¦ to <email> x
            to 'jane doe'@example.org x ¦ to <email> x
            it's 'jane'@example.org x ¦ it's <email> x
            to «val email7»@example.org x ¦ to <email> x
            eyJhbGciOiJQUzI1NiIsImtpZCI6IjEyMyJ9..abcdefghijklmnopqrstuvwxyz0123456789 x ¦ <token> x
            x-jws-signature: eyJhbGciOiJQUzI1NiIsImtpZCI6IjEyMyJ9..abcdefghijklmnopqrstuvwxyz0123456789 ¦ x-jws-signature: <token>
            at io.netty.transport@4.1.135.Final/io.netty.channel.Foo.bar(Foo.java:1) ¦ at io.netty.transport@4.1.135.Final/io.netty.channel.Foo.bar(Foo.java:1)
            to jane@163.com/x ¦ to <email>/x
            to “”@example.org x ¦ to <email> x
            eyJhbGciOiJQUzI1NiIsImtpZCI6IjEyMyJ9..abc x ¦ eyJhbGciOiJQUzI1NiIsImtpZCI6IjEyMyJ9..abc x
            """)
    void typographicQuotesDetachedJwsAndModuleFrames(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Of the fourth review's later rows (hunt5, 14:17-14:29), closed on branch mail5: the typographic apostrophe in a
     * local part ({@code o’brien@…}, autocorrect); and the false positives of a title word after {@code Basic} whose
     * base64 reading holds a colon ({@code Basic Options}: page titles are what usage events carry) and Python's
     * {@code s[::-1]}. Real Basic credentials next to them stay masked.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '\'', textBlock = """
            to o’brien@example.org x ¦ to <email> x
            to d’angelo.marco@example.it x ¦ to <email> x
            page Basic Options viewed ¦ page Basic Options viewed
            Basic Operations ¦ Basic Operations
            menu Basic Overview. ¦ menu Basic Overview.
            return s[::-1] ¦ return s[::-1]
            Basic YWxhZGRpbjpvcGVuc2VzYW1l x ¦ <token> x
            Basic YTpi x ¦ <token> x
            Basic Options== x ¦ <token> x
            Basic 6Zu76Kmx OnBhc3M= x ¦ Basic 6Zu76Kmx OnBhc3M= x
            Basic 6Zu76KmxOnBhc3M= x ¦ <token> x
            """)
    void huntFiveLaterRowsClosedByMail5(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    private static String unescape(String s) {
        return FoldTest.unescape(s); // \\uXXXX escapes in a row
    }

    /**
     * Found by probing the contract's list on branch digits5 (2026-12-02, fifth session): IBANs grouped by tabs (a tab is
     * a blank in every other digit family). Regression rows beside them: grouped and run-together IBANs of other
     * countries, cards of every network and grouping, separators of every kind.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban DE89\u00093704\u00090044\u00090532\u00090130\u000900 x | iban <iban> x
            GB82\u0009WEST\u00091234\u00095698\u00097654\u000932 | <iban>
            iban DE89\u0009\u00093704\u0009\u00090044\u0009\u00090532\u0009\u00090130\u0009\u000900 x | iban <iban> x
            fr FR76 3000 6000 0112 3456 7890 189 x | fr <iban> x
            nl NL91 ABNA 0417 1643 00 x | nl <iban> x
            es ES91 2100 0418 4502 0005 1332 x | es <iban> x
            it IT60 X054 2811 1010 0000 0123 456 x | it <iban> x
            ch CH93 0076 2011 6238 5295 7 x | ch <iban> x
            at AT61 1904 3002 3457 3201 x | at <iban> x
            pl PL61 1090 1014 0000 0712 1981 2874 x | pl <iban> x
            pl PL61109010140000071219812874 x | pl <iban> x
            amex 3782 822463 10005 x | amex <card> x
            diners 3056 930902 5904 x | diners <card> x
            maestro 6799 9901 0000 0000 019 x | maestro <card> x
            mc2 2223 0000 4840 0011 x | mc2 <card> x
            card 4111\u20131111\u20131111\u20131111 x | card <card> x
            card 4111\u202F1111\u202F1111\u202F1111 x | card <card> x
            card 4111\u30001111\u30001111\u30001111 x | card <card> x
            card 4111\u20091111\u20091111\u20091111 x | card <card> x
            card 4111~1111~1111~1111 x | card <card> x
            {"pan":"4111111111111111"} | {"pan":"<card>"}
            call 415.555.0133 x | call <phone> x
            ssn "123-45-6789" | ssn "<ssn>"
            x 0626 00 484 000 y | x <phone> y
            x 0800 0000 0000 12 y | x 0800 0000 0000 12 y
            """)
    void digitVariantsOfTheFifthSession(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    /** Neighbours of {@link #digitVariantsOfTheFifthSession} that stay plain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'iban DE89\u00093704\u00090044\u00090532\u00090130\u00090 x'
            'iban GB82\u0009WEST 1234\u00095698 7654\u000932 x'
            'iban GB82\u0009WEST\u00091234\u00095698\u00097654\u000933 x'
            'cols 1234\u00095678\u00099012\u00093456'
            """)
    void digitVariantsOfTheFifthSessionStayPlain(String value) {
        assertThat(mask(unescape(value))).isEqualTo(unescape(value));
    }

    /**
     * Look-alikes found by the fourth review (decode5, 2026-12-02): dashes of other scripts and forms (every
     * {@link Character#DASH_PUNCTUATION}: Armenian, Hebrew maqaf, Canadian syllabics, Mongolian, double and oblique
     * hyphens, the wavy and katakana double hyphens; and the wave dashes {@code 〜 ～ ⁓} and the heavy minus), the
     * half-width and vertical ideographic commas between digits and the Arabic, vertical and stenographic full stops
     * as dots, C1 controls (U+0085 renders as nothing; U+0096 and U+0097 are windows-1252 dashes read as Latin-1). An
     * address before a Japanese comma keeps the comma and the prose after it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call 415\u058A555\u058A0133 x | call <phone> x
            call 415\u05BE555\u05BE0133 x | call <phone> x
            call 415\u1400555\u14000133 x | call <phone> x
            call 415\u1806555\u18060133 x | call <phone> x
            call 415\u2E17555\u2E170133 x | call <phone> x
            call 415\u2E1A555\u2E1A0133 x | call <phone> x
            call 415\u2E40555\u2E400133 x | call <phone> x
            call 03\uFF5E1234\uFF5E5678 now | call <phone> now
            call 03\u20531234\u20535678 now | call <phone> now
            call 415\u3030555\u30300133 x | call <phone> x
            call 415\u30A0555\u30A00133 x | call <phone> x
            call 415\u2796555\u27960133 x | call <phone> x
            ssn 123\u301C45\u301C6789 x | ssn <ssn> x
            ssn 123\uFF5E45\uFF5E6789 x | ssn <ssn> x
            call 415\u0096555\u00970133 x | call <phone> x
            ip 203\uFF640\uFF64113\uFF645 x | ip <ip> x
            ip 203\uFE110\uFE11113\uFE115 x | ip <ip> x
            ip 203\uFE120\uFE12113\uFE125 x | ip <ip> x
            ip 203\u06D40\u06D4113\u06D45 x | ip <ip> x
            ip 203\u2E3C0\u2E3C113\u2E3C5 x | ip <ip> x
            to jane@example\u06D4org x | to <email> x
            to jane@example\uFE12org x | to <email> x
            card 4111\u00851111 1111 1111 x | card <card> x
            card 41\u008111 1111 1111 1111 x | card <card> x
            to jane\u0085@example.org x | to <email> x
            メール jane@example.com\u3001よろしく | メール <email>\u3001よろしく
            """)
    void lookAlikesOfTheFourthReview(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * An invisible character of any kind, literal or escaped, between two groups of a card number
     * ({@code 4111<U+200C>1111 1111 1111}): left out, the number reads {@code 41111111 1111 1111}, which no card
     * grouping allows; {@link SecondReading} reads it as a separator too.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 4111\u200C1111 1111 1111 x | card <card> x
            card 4111\u200D1111 1111 1111 x | card <card> x
            card 4111\u20601111 1111 1111 x | card <card> x
            card 4111\u00AD1111 1111 1111 x | card <card> x
            card 4111\uFEFF1111 1111 1111 x | card <card> x
            card 4111\u200E1111 1111 1111 x | card <card> x
            card 4111\u202E1111 1111 1111 x | card <card> x
            card 4111\u20661111 1111 1111 x | card <card> x
            card 4111\uFE0F1111 1111 1111 x | card <card> x
            card 4111\u034F1111 1111 1111 x | card <card> x
            card 4111\u180E1111 1111 1111 x | card <card> x
            card 4111\u31641111 1111 1111 x | card <card> x
            card 4111\u28001111 1111 1111 x | card <card> x
            card 4111\u200B\u200C1111 1111 1111 x | card <card> x
            card 4111\uDB40\uDC201111 1111 1111 x | card <card> x
            card 4111\uDB40\uDD001111 1111 1111 x | card <card> x
            card 4111 1111\u200B1111 1111 x | card <card> x
            card 4111-1111\u200B1111-1111 x | card <card> x
            card 4111&#8203;1111 1111 1111 x | card <card> x
            card 4111&ZeroWidthSpace;1111 1111 1111 x | card <card> x
            card 4111\\u200B1111 1111 1111 x | card <card> x
            card 4111%u200B1111 1111 1111 x | card <card> x
            card 4111%C2%AD1111 1111 1111 x | card <card> x
            card 4111&shy;1111 1111 1111 x | card <card> x
            card 4111%EF%BB%BF1111 1111 1111 x | card <card> x
            card 4111%E2%81%A01111 1111 1111 x | card <card> x
            card 4111&zwj;1111 1111 1111 x | card <card> x
            card 4111%F3%A0%80%A01111 1111 1111 x | card <card> x
            card 4111%C2%851111 1111 1111 x | card <card> x
            card 4111&#x200b;1111 1111 1111 x | card <card> x
            """)
    void invisibleBetweenDigitGroups(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Escapes that can be read two ways ({@link SecondReading}): a percent escape of a letter or digit before digits
     * ({@code %41} is {@code A}, and {@code %4111 1111 1111 1111} a card after a {@code %}), a numeric reference
     * without its {@code ;} (read greedily by HTML: {@code &#4111} is U+100F, {@code &#x40e} U+040E; and as the
     * shortest prefix that is {@code @ . +}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            x %4111-1111-1111-1111 x | x %<card> x
            card=%4111 1111 1111 1111&x=1 | card=%<card>&x=1
            x %4111111111111111 x | x %<card> x
            x %415 555 0133 x | x %<phone> x
            x &#4111 1111 1111 1111 x | x &#<card> x
            x &#4111-1111-1111-1111 x | x &#<card> x
            call &#x2B14155550133 x | call <phone> x
            call &#4314155550133 x | call <phone> x
            to jane&#X40example.org x | to <email> x
            to jane&#x040example.org x | to <email> x
            to jane&#x40edu.example.org x | to <email> x
            ip 203&#x2E0&#x2E113&#x2E5 x | ip <ip> x
            """)
    void escapesReadBothWays(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**             =?UTF-8?Q?jane=40example.org?= | =?UTF-8?Q?<email>?=
            From: =?utf-8?q?jane=40example.org?= x | From: =?utf-8?q?<email>?= x
            Subject: =?UTF-8?Q?415_555?= =?UTF-8?Q?0133?= | Subject: =?UTF-8?Q?<phone>?=
            =?ISO-8859-1?Q?card_4111=201111=201111=201111?= | =?ISO-8859-1?Q?card_<card>?=
            =?UTF-8?Q?jane=EF=BC=A0example.org?= | =?UTF-8?Q?<email>?=
            =?UTF-8?Q?ip_203=2E0=2E113=2E5?= | =?UTF-8?Q?ip_<ip>?=
            =?UTF-8*en?Q?jane=40example.org?= | =?UTF-8*en?Q?<email>?=
            =?UTF-8?Q?Bearer_abcdefghijklmnop0123?= | =?UTF-8?Q?<token>?= encoded words of the Q encoding ({@link EncodedWord}): read as a mail reader shows them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            =?UTF-8?Q?jane=40example.org?= | =?UTF-8?Q?<email>?=
            From: =?utf-8?q?jane=40example.org?= x | From: =?utf-8?q?<email>?= x
            Subject: =?UTF-8?Q?415_555?= =?UTF-8?Q?0133?= | Subject: =?UTF-8?Q?<phone>?=
            =?ISO-8859-1?Q?card_4111=201111=201111=201111?= | =?ISO-8859-1?Q?card_<card>?=
            =?UTF-8?Q?jane=EF=BC=A0example.org?= | =?UTF-8?Q?<email>?=
            =?UTF-8?Q?ip_203=2E0=2E113=2E5?= | =?UTF-8?Q?ip_<ip>?=
            =?UTF-8*en?Q?jane=40example.org?= | =?UTF-8*en?Q?<email>?=
            =?UTF-8?Q?Bearer_abcdefghijklmnop0123?= | =?UTF-8?Q?<token>?=
            """)
    void mimeEncodedWords(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Innocent text next to the readings added by the fourth review: quoted-printable {@code =40} outside an encoded
     * word (not read, by decision: {@code key=value}), {@code =?} that starts no encoded word, a percent sign before
     * digits that is no escape of a letter, a reference without {@code ;} that hides nothing, invisible characters
     * between single digits, the wave dash of a range, Japanese commas between words and between three numbers.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'a=40'
            'width=40px'
            '?limit=40&x=1'
            'size=40mb.zip'
            'scale=40x.png'
            'progress 100%41 ok'
            'rate 95%415 ms'
            'total 50%12345678 x'
            'see &#4111 ok'
            'id %31%32%33 ok'
            'a=?b'
            'x=? y ?= z'
            '=?UTF-8?Q??='
            'version 1\u200B2\u200B3'
            'pages 10\uFF5E20'
            'scores 10\u300120\u300130 ok'
            '東京\u3001大阪\u3001名古屋'
            'mode=?debug&id=1'
            'q=?a?=b'
            """)
    void fourthReviewStillPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Rows of the fifth attack review (hunt5, 2026-12-02) in the spellings Fold and Escape own: named references of
     * letters with diacritics as an HTML encoder writes a Unicode address, {@code &lt;at&gt;} and {@code &lsqb;at&rsqb;},
     * typographic quotes around a quoted local part and apostrophes inside one, bullets, raised dots and superscript
     * minus between groups.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to m&uuml;ller@example.org x | to <email> x
            to jos&eacute;.val3@example.org x | to <email> x
            to jane@ex&auml;mple.org x | to <email> x
            to jane&lt;at&gt;example&lt;dot&gt;org x | to <email> x
            to jane&lsqb;at&rsqb;example&lsqb;dot&rsqb;org x | to <email> x
            to “jane”@example.org x | to <email> x
            to “val email7”@example.org x | to <email> x
            to &ldquo;val email7&rdquo;@example.org x | to <email> x
            to o’brien@example.org x | to <email> x
            to d’angelo.marco@example.it x | to <email> x
            call 415•555•0133 x | call <phone> x
            ssn 123•45•6789 x | ssn <ssn> x
            ip 203•0•113•5 x | ip <ip> x
            call 415&bull;555&bull;0133 x | call <phone> x
            call 415⁻555⁻0133 x | call <phone> x
            ip 203⸱0⸱113⸱5 x | ip <ip> x
            """)
    void spellingsOfTheFifthReview(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Prose next to the spellings of {@link #spellingsOfTheFifthReview}: quotes, apostrophes, bullets, escaped brackets. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            She said “hello” and don’t worry
            • item one • item two
            a &lt; b &gt; c
            """)
    void fifthReviewStillPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Escapes of the fifth review: a percent byte that starts no UTF-8 sequence, read as Latin-1 (ISO-8859-1 form posts:
     * {@code %A0}, {@code %AD}, {@code ex%E4mple.org}), and <code>&#92;u{H…}</code> escapes (Rust's Debug, JavaScript,
     * Swift, Ruby).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 4111%A01111%A01111%A01111 x | card <card> x
            card 41%AD11 1111 1111 1111 x | card <card> x
            call 415%A0555%A00133 x | call <phone> x
            to jane@ex%E4mple.org x | to <email> x
            to jane\\u{200b}@example.org x | to <email> x
            to jane\\u{40}example.org x | to <email> x
            card 4111\\u{a0}1111\\u{a0}1111\\u{a0}1111 x | card <card> x
            ip 203\\u{2E}0\\u{2e}113\\u{2E}5 x | ip <ip> x
            card 4111 \\u{1D7CF}111 1111 1111 x | card <card> x
            """)
    void latin1AndBracedEscapes(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Text next to {@link #latin1AndBracedEscapes} that stays as it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            price 100%A3 ok
            x \\u{zz} y
            x \\u{} y
            path C:\\users\\u{1234567} y
            """)
    void latin1AndBracedEscapesStillPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * SQL {@code LIKE} patterns as ORM debug and slow-query logs print them (fifth review): {@code %41} decodes to
     * {@code A} and {@code %20} to a blank, gluing a letter to the number or cutting digits off it; the second reading
     * ({@link SecondReading}) reads them as written too. Quoted with {@code "} here, as the rows hold {@code '}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            WHERE phone LIKE '%415-555-0133%' | WHERE phone LIKE '%<phone>%'
            WHERE pan LIKE '%4111111111111111%' | WHERE pan LIKE '%<card>%'
            WHERE ip LIKE '%203.0.113.5%' | WHERE ip LIKE '%<ip>%'
            """)
    void sqlLikePatterns(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Look-alikes of the fifth review's sweep: IPA colons in an IPv6 address, CJK brackets around an area code. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ip 2001\u02D0db8\u02D0\u02D01 x | ip <ip> x
            ip 2001\u02F8db8\u02F8\u02F81 x | ip <ip> x
            call \u3010415\u3011 555-0133 now | call <phone> now
            call \u3014415\u3015 555-0133 now | call <phone> now
            """)
    void colonsAndBracketsOfTheFifthReview(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** A CJK bracketed title next to a year stays plain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            \u3010重要\u3011 お知らせ 2026
            """)
    void colonsAndBracketsStillPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Letter look-alikes of the fifth review: mathematical letters (the "Unicode fonts" of styled text) and circled letters
     * in an IBAN's country code or a scheme word, read as their letter ({@link Astral}, {@link Fold}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban \uD835\uDC03\uD835\uDC0489370400440532013000 x | iban <iban> x
            iban \u24B9\u24BA89370400440532013000 x | iban <iban> x
            \uD835\uDC01\uD835\uDC1E\uD835\uDC1A\uD835\uDC2B\uD835\uDC1E\uD835\uDC2B abcdefghijklmnop0123 x | <token> x
            \u24B7earer abcdefghijklmnop0123 x | <token> x
            """)
    void styledLettersOfTheFifthReview(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Styled prose stays plain: a prose word after a styled {@code Bearer}, circled letters before words. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            \uD835\uDC01\uD835\uDC1E\uD835\uDC1A\uD835\uDC2B\uD835\uDC1E\uD835\uDC2B token expired
            \u24B6\u24B7\u24B8 news today
            """)
    void styledLettersStillPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Cards of one run of 13-19 digits (since branch digits6): the test numbers of the networks, one run each, stay
     * reported under the issuer ranges by length ({@code Issuers}): Visa 13/16/19, Mastercard and its 2-series,
     * Amex, Diners of 14 and 16, Discover, JCB, UnionPay 16 and 19, Maestro 16 and 19, Mir, Dankort, Hipercard.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 4222222222222 x | card <card> x
            card 4012888888881881 x | card <card> x
            card 4000000000000000006 x | card <card> x
            card 5555555555554444 x | card <card> x
            card 2223003122003222 x | card <card> x
            card 378282246310005 x | card <card> x
            card 371449635398431 x | card <card> x
            card 30569309025904 x | card <card> x
            card 38520000023237 x | card <card> x
            card 36227206271667 x | card <card> x
            card 3056930009020004 x | card <card> x
            card 6011111111111117 x | card <card> x
            card 6011000000000000001 x | card <card> x
            card 3530111333300000 x | card <card> x
            card 3566002020360505 x | card <card> x
            card 3528000000000000007 x | card <card> x
            card 6200000000000005 x | card <card> x
            card 6205500000000000004 x | card <card> x
            card 6759649826438453 x | card <card> x
            card 6799990100000000019 x | card <card> x
            card 6500020000000000009 x | card <card> x
            card 2201382000000013 x | card <card> x
            card 5019717010103742 x | card <card> x
            card 6062828888666688 x | card <card> x
            card 3841001111222233338 x | card <card> x
            {"pan":"4012888888881881"} | {"pan":"<card>"}
            /cards/378282246310005/charge | /cards/<card>/charge
            """)
    void cardRunsOfTheNetworks(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Found by branch mail6 (2026-12-02): secrets named by the key before them (KeyedSecrets) — passwords in
     * connection strings, properties, environment variables, JSON and YAML; tokens, secrets, signatures, sessions and
     * keys under a header or key whose last word names one; command-line options ({@code --password},
     * {@code curl -u user:password}, {@code -u user -p …}, .netrc); opaque bearer values with symbols; more token
     * prefixes. The key is kept, the value masked.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Server=db;User Id=jane;Password=s3cr3tPassw0rd;Database=app | Server=db;User Id=jane;Password=<token>;Database=app
            spring.datasource.password=s3cr3tPassw0rd | spring.datasource.password=<token>
            DB_PASSWORD=hunter22 x | DB_PASSWORD=<token> x
            PGPASSWORD=hunter22 psql -h db | PGPASSWORD=<token> psql -h db
            {"password":"s3cr3t Passw0rd"} | {"password":"<token>"}
            {\\"password\\":\\"s3cr3tPassw0rd\\"} | {\\"password\\":\\"<token>\\"}
            'password: ''hunter22''' | 'password: ''<token>'''
            :password => "hunter22" | :password => "<token>"
            dbPassword=hunter22 x | dbPassword=<token> x
            client_secret=AbCdEfGhIjKlMnOp1234 x | client_secret=<token> x
            clientSecret: AbCdEfGhIjKlMnOp1234 | clientSecret: <token>
            refresh_token=AbCdEfGhIjKlMnOp1234&x=1 | refresh_token=<token>&x=1
            ?access_token=AbCdEfGhIjKlMnOp1234 HTTP/1.1 | ?access_token=<token> HTTP/1.1
            X-Auth-Token: abcdefghijklmnop0123 | X-Auth-Token: <token>
            X-Shopify-Access-Token: abcdefghijklmnop0123 | X-Shopify-Access-Token: <token>
            AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH== x | AccountKey=<token> x
            DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abcdefghijklmnop0123==;EndpointSuffix=core.windows.net | DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=<token>;EndpointSuffix=core.windows.net
            SharedAccessSignature=sv=2022&sig=abcdefghijklmnop0123 x | SharedAccessSignature=sv=2022&sig=<token> x
            Set-Cookie: JSESSIONID=ABCDEF0123456789ABCDEF; Path=/ | Set-Cookie: JSESSIONID=<token>; Path=/
            session_id=abcdefghijklmnop0123 x | session_id=<token> x
            sessionId: abcdefghijklmnop0123 | sessionId: <token>
            --password hunter22 | --password <token>
            --client-secret=AbCdEfGhIjKlMnOp1234 | --client-secret=<token>
            --token AbCdEfGhIjKlMnOp1234 x | --token <token> x
            'curl -u ''jane:hunter22'' https://example.org' | 'curl -u ''<token>'' https://example.org'
            curl -u jane:hunter22 -X POST | curl -u <token> -X POST
            mysql -u root -p hunter22 db | mysql -u root -p <token> db
            login jane password hunter22 | login jane password <token>
            PASSWORD = hunter22 | PASSWORD = <token>
            Authorization: Bearer abc#def$ghijklmnop0123 x | Authorization: <token> x
            Bearer abc!defghijklmnop0123 | <token>
            curl -H Authorization:\\ Bearer\\ abcdefghijklmnop0123 | curl -H Authorization:\\ <token>
            Authorization: key=AIzaSyAbCdEfGhIjKlMnOpQrStUvWxYz0123456 | Authorization: <token>
            ATATT3xFfGF0T4xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdEFGH=0A1B2C3D | <token>
            token dapi0123456789abcdef0123456789abcdef-2 x | token <token> x
            """)
    void secretsNamedByTheirKey(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Luhn-valid runs outside every network's range of their length stay plain (since branch digits6): compact
     * timestamps from 2 (14 and 17 digits), byte counts of 13 digits from 2, offsets of 15 digits from 4, trace ids
     * of 19 digits from 3, 5 or 6 outside Diners, JCB, Discover, UnionPay and Maestro.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'id 20261202101535 created'
            'batch 20261202101549123 done'
            'bytes=2655679831965'
            'offset=442803283498403'
            'trace_id=3904241685677371103'
            'dd.trace_id=5722964446230409099'
            'seed -60823376807835718'
            'ts=20231201143051'
            """)
    void cardRunsOutsideTheNetworksStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Plain text next to the keyed secrets of branch mail6: a secret word that is not the key's last word, {@code key}
     * or {@code id} after another word, placeholders, short or one-case values, paths, options of other commands.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            password_policy=strict min_length=12
            token_type=Bearer expires_in=3600
            max_tokens=4096 input_tokens=120
            key=users.email sort_key=created_at cache_key=user:42:profile
            password: required
            password=true
            Password reset requested for account 42
            signature=verified session=expired
            session=42 sessionTimeout=1800
            secret: null
            '{"password":"***","user":"jane"}'
            password=${DB_PASSWORD}
            PWD=/home/jane/project
            api_key_id=12 token_count=5
            the password is wrong, token refresh failed
            ps -u root -o pid
            sort -u -k 2 file.txt
            docker run -p 8080:80 nginx
            ssh -p 2222 host
            curl -u jane https://example.org
            login jane password
            Time: 10:15:30 user=jane
            'Authorization: Basic realm="Access to staging"'
            tokenizer: standard
            passwords_checked=15
            keyboard layout: us
            secret_name=db-creds
            """)
    void stillPlainNextToKeyedSecrets(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Card separators of two characters read as one gap (since branch digits6): a blank beside a dash, an emoji (a
     * surrogate pair); a grouped number before a sentence after a point.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            card 4111- 1111- 1111- 1111 | card <card>
            card 4111 -1111 -1111 -1111 | card <card>
            card 4111 -1111- 1111 1111 x | card <card> x
            card 3782 -822463- 10005 x | card <card> x
            card 4111\u2013 1111\u2013 1111\u2013 1111 x | card <card> x
            card 4111\uD83D\uDCB31111\uD83D\uDCB31111\uD83D\uDCB31111 x | card <card> x
            card 4111\uD83D\uDD391111 1111 1111 x | card <card> x
            card 4111-1111-1111-1111.Thanks | card <card>.Thanks
            Card 4111 1111 1111 1111.Please charge | Card <card>.Please charge
            """)
    void cardSeparatorsOfTwoCharacters(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Neighbours of {@link #cardSeparatorsOfTwoCharacters} that stay plain: lists after a comma, ranges. (A file name
     * {@code card 4111 1111 1111 1111.txt} is a card since branch glue8: GluedValuesFoundTest.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'ports 4111, 1111, 1111, 1111'
            'years 2021 -2022 -2023 -2024 -2025'
            'ids 4111- 1111- 1111- 1112 x'
            'x 4111\uD83D\uDD391111\uD83D\uDD391111\uD83D\uDD391112 x'
            """)
    void cardSeparatorsOfTwoCharactersStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** IBANs (since branch digits6): groups joined by {@code /} or {@code _}, a currency code glued after. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            iban GB82/WEST/1234/5698/7654/32 x | iban <iban> x
            iban GB82_WEST_1234_5698_7654_32 x | iban <iban> x
            iban DE89//3704//0044//0532//0130//00 x | iban <iban> x
            iban DE89370400440532013000USD x | iban <iban>USD x
            DE89370400440532013000EUR;100.00 | <iban>EUR;100.00
            iban GB82WEST12345698765432GBP | iban <iban>GBP
            """)
    void ibanSeparatorsAndCurrencies(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Neighbours of {@link #ibanSeparatorsAndCurrencies} that stay plain: paths going on, longer words, bad checks. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'x /DE89/3704/0044/0532/0130/00/x'
            'iban DE89370400440532013000EURO'
            'iban DE89370400440532013000eur'
            'iban DE89_3704_0044_0532_0130_01 x'
            'ref DE89370400440532013001EUR'
            """)
    void ibanSeparatorsAndCurrenciesStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by branch mail6 (2026-12-02): the RFC 5322 atext {@code / = ? &} inside a local part (VERP, SRS, BATV
     * bounce addresses, {@code name/surname@…}), emoji of the BMP in local parts and domains, the empty quoted local
     * part, URL passwords with {@code / ?} or empty; and the keys, URLs and query strings next to them whose address
     * alone is masked ({@code user=jane@…}, {@code /api/users/jane@…}, {@code ?to=…&from=…}); a login at a shell
     * prompt ({@code jane@devbox:~$}) is an identity and reported.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane/doe@example.org. | to <email>.
            mailto:bounce+jane=example.org@lists.example.net | mailto:<email>
            Return-Path: <bounce+jane=example.org@lists.example.net> | Return-Path: <<email>>
            from SRS0=HHH=TT=example.org=jane@forwarder.example.net x | from <email> x
            from prvs=0123abcd=jane@example.org x | from <email> x
            {"to":"customer/department=shipping@example.com"} | {"to":"<email>"}
            to jane%26doe@example.org x | to <email> x
            to jane{doe}@example.org x | to <email> x
            to jane!doe#x$y%z@example.org x | to <email> x
            to ☃jane@example.org x | to <email> x
            to jane@例え.テスト x | to <email> x
            to jane+tag/x=y@example.org x | to <email> x
            email: jane&doe@example.org | email: <email>
            to=jane=doe@example.org | to=<email>
            https://user:p/ss?w@host.example.org/path | https://<email>/path
            ftp://user:@ftp.example.org/ | ftp://<email>/
            to ""@example.org | to <email>
            jane@devbox:~$ ls | <email>:~$ ls
            user=jane@example.org action=login | user=<email> action=login
            https://example.org/?email=jane%40example.org&x=1 | https://example.org/?email=<email>&x=1
            GET /api/users/jane@example.org/profile | GET /api/users/<email>/profile
            https://example.org/users/jane@example.org | https://example.org/users/<email>
            mailto:jane@example.org?cc=john@example.org | mailto:<email>?cc=<email>
            ?to=jane@example.org&from=john@example.org | ?to=<email>&from=<email>
            a=b&to=jane@example.org | a=b&to=<email>
            userEmail=jane@example.org | userEmail=<email>
            {"email":"jane@example.org"} | {"email":"<email>"}
            e=jane@example.org | e=<email>
            """)
    void emailAtextAndEmojiOfMail6(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Plain text next to the e-mail widenings of branch mail6: npm scopes and versions, git reflogs, display modes, hashes, templates. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            npm install @scope/pkg@1.2.3
            npm install @babel/core@7.0.0-beta
            git reflog HEAD@{1}
            size 1920x1080@60Hz
            video 1080p@30fps
            java.lang.Object@1b6d3586
            PUT _component_template/logs@custom
            """)
    void stillPlainNextToEmailAtextOfMail6(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Phone numbers (since branch digits6): a blank after the area code before dash-joined groups, a switchboard's
     * one-digit extension after a dash, Belgian groups after a slash joined by points, Brazil's mobile 9 set apart, an
     * alternative last group after a slash, a file extension or a sentence after a point, a pause before dialling on.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call 030 1234-5678 now | call <phone> now
            call 089 123-4567 now | call <phone> now
            call 0221/4711-0 now | call <phone> now
            call 04/123.45.67 now | call <phone> now
            call (21) 9 8765-4321 now | call <phone> now
            call (415) 555-0133/34 now | call <phone>/34 now
            call +49 30 1234 5678.Thanks | call <phone>.Thanks
            contact_030_1234_5678.vcf | contact_030_1234_5678.vcf
            call 415-555-0133P1234 now | call <phone>P1234 now
            tel 415-555-0133/415-555-0134 x | tel <phone>/415-555-0134 x
            """)
    void phoneVariantsOfTheSixthSession(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Neighbours of {@link #phoneVariantsOfTheSixthSession} that stay plain: dates after a number, dotted chains, paths. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'build 010 2024-12'
            'day 031 2026-12-02 x'
            'x 415.555.0133.vcf'
            'id 030 2024-12-02'
            'v 415-555-0133/x1'
            'ref 415-555-0133pm'
            'page 012 34-56 x'
            'weeks 01 02 03 04 05 06'
            'rows 10 12 23 34 45 56 x'
            """)
    void phoneVariantsOfTheSixthSessionStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by the review of 2026-12-04, late night, of national formats with brackets (the issue names them): a
     * bracketed area of three digits from 3-9 before groups of 3, 2 and 2 (Russia without its trunk {@code 8}, Turkey's
     * mobiles, with their trunk {@code 0} left) was read as nothing.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            call (495) 123-45-67 now | call <phone> now
            call 0 (532) 123 45 67 now | call 0 <phone> now
            mobil: (532) 123 45 67. | mobil: <phone>.
            tel [532] 123 45 67 | tel <phone>
            (532)123-45-67 | <phone>
            x (532) 123.45.67 y | x <phone> y
            llamar al (91) 123 45 67 | llamar al <phone>
            +34 (91) 123 45 67 | <phone>
            """)
    void phoneBracketedAreaAndThreeTwoTwo(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Neighbours that stay plain: an area from 0-2 (a count), other groupings after a bracketed count. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'items (100) 200 30 40'
            'x (250) 12 34 56 y'
            'v (310) 12 345 67'
            'x (12) 345 67 89 y'
            'x (1) 234 56 78 y'
            """)
    void phoneBracketedAreaAndThreeTwoTwoNeighboursStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Found by branch mail6 (2026-12-02): IPv4 ranges written with {@code ..}, an IPv6 address before a dot and a
     * capitalised word (a sentence glued to it: {@code …::1.Retrying}, also when the word starts with hex letters).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            failed from 2001:db8::1.Retrying | failed from <ip>.Retrying
            ip 203.0.113.5..203.0.113.9 x | ip <ip>..<ip> x
            failed from 2001:db8::1.Abort | failed from <ip>.Abort
            failed from 2001:db8::1. Retrying | failed from <ip>. Retrying
            range 10.0.0.1..10.0.0.255 | range <ip>..<ip>
            range 10.0.0.1..10.0.0.255. | range <ip>..<ip>.
            range 10.0.0.1..10.0.0.2..10.0.0.3 | range <ip>..<ip>..<ip>
            [10.0.0.1..10.0.0.9] | [<ip>..<ip>]
            """)
    void ipRangesAndSentencesOfMail6(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Plain text next to them: version ranges of three parts, three dots, C++ and Haskell names before a dot. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            version 1.2.3..1.2.4
            version 1.2...5.6.7.8.9
            Foo::bar.Baz
            std::vector.Size
            dead::beef.cafe
            """)
    void stillPlainNextToIpRangesOfMail6(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Of the sixth review (hunt6, 2026-12-02), closed on branch mail6: Elasticsearch's own credentials (an enrollment
     * token after its label or option, a service-account token {@code AAEAA…} anywhere, the {@code encoded} API key of
     * {@code POST /_security/api_key}), a bracketed bearer value; addresses of persons next to the machine-address
     * rules (a git user at another host, a student number, a dotted local part with a word).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Enrollment token: eyJ2ZXIiOiI4LjE0LjAiLCJhZHIiOlsiMTcyLjE4LjAuMjo5MjAwIl0sImZnciI6IjQ4YzBkM2Y1YjZhNmE0YTNlOWYwYjFjMmQzZTRmNWE2YjdjOGQ5ZTBmMWEyYjNjNGQ1ZTZmN2E4YjljMGQxZTIiLCJrZXkiOiJWdWFDZkdjQkNkYmtRbS1lNWFPeDp1aTJscDJheFRObXN5YWt3OXR2Tm53In0= | Enrollment token: <token>
            bin/elasticsearch --enrollment-token eyJ2ZXIiOiI4LjE0LjAiLCJhZHIiOlsiMTcyLjE4LjAuMjo5MjAwIl0sImZnciI6IjQ4YzBkM2Y1YjZhNmE0YTNlOWYwYjFjMmQzZTRmNWE2YjdjOGQ5ZTBmMWEyYjNjNGQ1ZTZmN2E4YjljMGQxZTIiLCJrZXkiOiJWdWFDZkdjQkNkYmtRbS1lNWFPeDp1aTJscDJheFRObXN5YWt3OXR2Tm53In0= | bin/elasticsearch --enrollment-token <token>
            elasticsearch.serviceAccountToken: AAEAAWVsYXN0aWMva2liYW5hL215LXRva2VuOnBwb2RRanBHUl9xRUFDd2ZTSU1UUFE | elasticsearch.serviceAccountToken: <token>
            {"created":true,"token":{"name":"my-token","value":"AAEAAWVsYXN0aWMva2liYW5hL215LXRva2VuOnBwb2RRanBHUl9xRUFDd2ZTSU1UUFE"}} | {"created":true,"token":{"name":"my-token","value":"<token>"}}
            {"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-key","api_key":"ui2lp2axTNmsyakw9tvNnw","encoded":"VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="} | {"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-key","api_key":"<token>","encoded":"<token>"}
            Authorization: Bearer [abc123def456ghi789] | Authorization: Bearer [<token>]
            akka://ClusterSystem@10.0.0.5:2552/user/worker | akka://ClusterSystem@<ip>:2552/user/worker
            to git@example.org x | to <email> x
            to jane@github.com:443 x | to <email>:443 x
            to 12345678@student.example.edu x | to <email> x
            to 20261202.jane@example.org x | to <email> x
            encoded: VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw== | encoded: <token>
            """)
    void credentialsAndMachineAddressesOfHunt6(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Plain text of the sixth review closed on branch mail6: git remotes, Akka/Pekko actor systems, Message-IDs; and
     * next to the new credential rules, an unclosed bracket and {@code encoded} values that are no {@code id:key}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            From: 1234567890.12345@example.org
            Authorization: Bearer [abc123def456ghi789
            '"encoded":"YWJjOmRlZg=="'
            encoded=SGVsbG8gV29ybGQgdGhpcyBpcyB0ZXh0
            'Cloning into ''repo''... git@github.com:org/repo.git'
            listening on addresses :[akka.tcp://sparkExecutorActorSystem@mesos-slave-07:55904]
            pekko://ClusterSystem@node-1:7354/user/worker
            postfix/cleanup[123]: 4F2A1C: message-id=<20261202170000.4F2A1C@mail.example.org>
            Message-ID: <1234567890.12345.1764694800000@mail.example.org>
            ssh://git@github.com/org/repo.git
            git clone git@gitlab.example.org:group/project.git
            """)
    void machineAddressesOfHunt6StayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Of the sixth review (hunt6, batch 13), closed on branch mail6: package managers, CI and systemd write names with
     * an at-sign — semver prereleases ({@code typescript@5.3.0-dev.20231201}), pinned GitHub Actions
     * ({@code actions/checkout@v4}, {@code …@<sha>}), systemd template instances where a unit is expected
     * ({@code systemctl restart postgresql@15-main}, {@code journalctl -u wg-quick@wg0}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            npm install typescript@5.3.0-dev.20231201
            npm install @scope/pkg@1.2.3-beta.1
            warning react-dom@18.3.0-canary-8c8ee9ee6-20231026 has unmet peer dependency
            yarn add next@14.0.4-canary.37
            npm ERR! notarget No matching version found for left-pad@1.3.1-rc.0.
            uses: actions/checkout@v4
            uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11
            - uses: github/codeql-action/init@v3
            systemctl restart postgresql@15-main
            sudo systemctl status openvpn-client@work
            journalctl -u wg-quick@wg0 -f
            """)
    void versionsActionsAndUnitsOfHunt6StayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /** Addresses next to those rules: a {@code v}-label without a path, a path with a mail domain, a verb without systemctl, digit labels before a word. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            to jane@v2 x | to <email> x
            to jane/doe@example.org x | to <email> x
            restart jane@example.org | restart <email>
            to jane@1.2.3.example.org x | to <email> x
            """)
    void addressesNextToVersionsActionsAndUnits(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Of the sixth review (hunt6, batch 18), closed on branch mail6: a quoted local part in a CSV field, its quotes
     * doubled (RFC 4180); and a password after {@code -u user -p} in quotes, next to a port mapping after a uid.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            1,\"""val email7""@example.org",x | 1,"<email>",x
            id;\"""val email7""@example.org";2026-12-02 | id;"<email>";2026-12-02
            \"""jane""@example.org" | "<email>"
            'docker login -u jane -p ''hunter22'' registry' | 'docker login -u jane -p ''<token>'' registry'
            docker run -u 1000 -p 127.0.0.1:8080:80 nginx | docker run -u 1000 -p <ip>:8080:80 nginx
            """)
    void csvQuotedLocalPartsAndDockerOptions(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Plain next to them: {@code docker run -u uid:gid -p host:container}, an empty pair of quotes before an at-sign. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            docker run -u 1000:1000 -p 8080:80 nginx
            'say "" and ""@ sign'
            """)
    void csvQuotedLocalPartsAndDockerOptionsStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * Of the sixth review (hunt6), closed on branch mail6: a value cut right after the at-sign (a truncated log
     * message) masks its local part when it holds a {@code . _ + -} or a digit; an at-sign inside the text before a blank is no address (open by decision).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            login failed for jane.doe@ | login failed for <email>
            jane_doe@ | <email>
            '"val.email7"@' | <email>
            user=jane.doe@ | user=<email>
            """)
    void valuesCutAfterTheAtSign(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Plain next to it: an at-sign with no local part before it, and a local part and at-sign before a blank. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            see @
            x @@
            login failed for jane.doe@ x
            path\\u0040
            ping jane@
            """)
    void atSignsBeforeTheEndStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }
}
