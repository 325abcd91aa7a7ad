package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * tok11 (2026-12-03) made the token pass cheaper without changing what is reported: {@code KeyedSecrets} compares a
 * key name with its secret words only when the name ends as one of them (its last two characters, upper-case ASCII and
 * Latin-1 letters read as lower case), and {@code TokenDetector.scheme} compares the scheme word by hand, reads the
 * blanks after it once, and looks characters up in tables. Each row: a value and how it must be masked (the same
 * before and after); and the engine must report exactly what the frozen reference reports
 * ({@link EquivalenceTest#reference}). The rows hold the cases the new tests decide: names ending in upper case or in
 * a Latin-1 letter, camel case, names that end as no secret word, scheme words in any case, after {@code _}, with
 * escaped blanks, tabs and line breaks, quoted, after {@code :}, {@code =} and {@code +}, prose after the scheme.
 */
class TokElevenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            phone: 555-0133 | phone: <phone>
            call me, phone: 555-0133 or time: 12:30 | call me, phone: <phone> or time: 12:30
            CONTRASEÑA=Hunter2x | CONTRASEÑA=<token>
            contraseña: hunter22 | contraseña: <token>
            dbPASSWORD=s3cr3t! | dbPASSWORD=<token>
            X-Api-KEY: abcd1234efgh5678 | X-Api-KEY: <token>
            session_ID=AbCdEf123456 | session_ID=<token>
            mot de passe: hunter22 | mot de passe: <token>
            PGPASSWORD=hunter2 | PGPASSWORD=<token>
            name=jane x=ab Id=1 | name=jane x=ab Id=1
            pass=Secret12 | pass=<token>
            pass: PASSED | pass: PASSED
            encoded=ZWxhc3RpYzpzZWNyZXRzZWNyZXQ= | encoded=<token>
            curl --password hunter22 -u jane:p4ssw0rd | curl --password <token> -u <token>
            PHONE=555 token=AbCd1234EfGh | PHONE=555 token=<token>
            Bearer abc123def456 | <token>
            BEARER\tabc123def456 | <token>
            bearer\\nabc123def456 | <token>
            {"msg":"bearer\\\\nabc123def456"} | {"msg":"<token>"}
            Bearer "abc123def456" | Bearer "<token>"
            Bearer: abc123def456 | <token>
            Bearer = abc123def456 | <token>
            Authorization=Bearer+abc123def456 | Authorization=<token>
            the Bearer token expired | the Bearer token expired
            Bearer abc!def123 | <token>
            Bearer realm="api" | Bearer realm="api"
            Bearer\\u0020abc123def456 | <token>
            Basic dmFsdXNlcjp2YWxwYXNzd29yZA== | <token>
            basic plan | basic plan
            Basic Options | Basic Options
            x_Basic dmFsdXNlcjp2YWxwYXNzd29yZA== | x_<token>
            auth_bearer abc123def456 | auth_<token>
            Basic\\tdmFsdXNlcjp2YWxwYXNzd29yZA== | <token>
            Basic\tdmFsdXNlcjp2YWxwYXNzd29yZA== | <token>
            Basic dmFsdXNlcjp2YWxwYXNzd29yZA | <token>
            Basic w6lsw6k6cGFzcw== | <token>
            bearers of news | bearers of news
            Bearer x | Bearer x
            """)
    void sameAsTheReference(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        assertThat(PiiScanner.scan(value)).isEqualTo(EquivalenceTest.reference(value, EnumSet.allOf(PiiKind.class)));
    }
}
