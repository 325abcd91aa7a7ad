package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Branch label8 (2026-12-03): numbers right after a label that names their family ({@link LabeledNumbers}), which
 * without the label are ambiguous and were not reported ({@code value | what the masked value must be}); each row of
 * the found groups failed on main at e619364. The engine and the reference engine must agree on texts made of labels,
 * gaps and numbers ({@link #sameAsTheReference}): {@code EquivalenceTest}'s random texts seldom hold a label.
 */
class LabeledNumbersFoundTest {

    /** Phone numbers of 7 digits or national runs after a phone label, in English and the common European languages. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            phone: 555-0133 | phone: <phone>
            tel 555 0133 | tel <phone>
            Tel. 555 0133 | Tel. <phone>
            call me at 555-0133 | call me at <phone>
            Call us on 555.0133 today | Call us on <phone> today
            mobile=07700900123 | mobile=<phone>
            mobile: 5550133 | mobile: <phone>
            '{"phone":"5550133"}' | '{"phone":"<phone>"}'
            '{\\"phone\\":\\"5550133\\"}' | '{\\"phone\\":\\"<phone>\\"}'
            phone_number=5550133 | phone_number=<phone>
            phoneNumber: 555 0133 | phoneNumber: <phone>
            contact_phone: 5550133 | contact_phone: <phone>
            my phone number is 555 0133. | my phone number is <phone>.
            phone no. 5550133 | phone no. <phone>
            tel # 5550133 | tel # <phone>
            fax: 7946 0958 | fax: <phone>
            Cell: 555-0133 | Cell: <phone>
            Telefon: 5550133 | Telefon: <phone>
            Handy 01701234567 | Handy <phone>
            Rufnummer 5550133 | Rufnummer <phone>
            Telefonnummer: 555 01 33 | Telefonnummer: <phone>
            téléphone : 5550133 | téléphone : <phone>
            portable: 0612345678 | portable: <phone>
            teléfono: 5550133 | teléfono: <phone>
            móvil 612345678 | móvil <phone>
            telefone: 5550133 | telefone: <phone>
            celular: 5550133 | celular: <phone>
            TEL: 5550133 | TEL: <phone>
            phone: (555) 0133 | phone: <phone>
            phone=(415)+55-0133&x=1 | phone=<phone>&x=1
            """)
    void phones(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Nine bare digits after an SSN label, with the SSA's rules; IBANs in lower case in one run after "iban". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            SSN 123456789 | SSN <ssn>
            ssn: 123456789 | ssn: <ssn>
            SSN#123456789 | SSN#<ssn>
            ssn=123456789 | ssn=<ssn>
            social security number 123456789 | social security number <ssn>
            Social Security No. 123456789 | Social Security No. <ssn>
            socialSecurityNumber: 123456789 | socialSecurityNumber: <ssn>
            user_ssn: 123456789, | user_ssn: <ssn>,
            iban: de89370400440532013000 | iban: <iban>
            IBAN=gb82west12345698765432 | IBAN=<iban>
            iban De89370400440532013000 | iban <iban>
            """)
    void ssnsAndIbans(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Innocent text next to a label or a label's letters: stays plain. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "hotel 12345 guests", "hotel 1234567 guests", "intel 8086", "Intel 80386123", "phone_count=1234567",
        "phoneCount: 1234567", "phone count 1234567", "order 1234567", "call 3 of 12", "call 1234567",
        "SSN length 9", "SSN length 123456789", "ssn: 000123456", "ssn 666123456", "ssn 912345678", "ssn 123006789",
        "ssn 123450000", "SSN 1234567890", "phone: 123456", "phone: 1234567890123456", "phone: 2026-12-03",
        "phone: 03.12.2026", "phone: 5550133abc", "phone: 555-0133-x1", "tel5550133",
        "phone updated 5550133", "iban: de89370400440532013001", "iban: xx89370400440532013000",
        "iban: de8937040044053201300", "the telephone rang 12 times in 2026", "cell 12", "tel: v1.2.3",
        "phone 2026-12-03T08:30:00Z", "mobile app build 1234567", "the cell was 3 x 12 x 1234",
        "security 123456789", "Sozialversicherungsnummer 123456789"})
    void stayPlain(String value) {
        assertThat(PiiScanner.scan(value)).isEmpty();
    }

    /**
     * Secrets named by their key (KeyedSecrets): {@code auth} ({@code _auth} of .npmrc, {@code basic_auth}), {@code pass},
     * {@code credentials}, the German, French, Spanish and Portuguese words for password, and a password glued to
     * {@code -p} after {@code -u user} or {@code -uuser} (mysql).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            auth=dmFsdXNlcjp2YWxwYXNzd29yZA | auth=<token>
            _auth=dmFsdXNlcjp2YWxwYXNzd29yZA== | _auth=<token>
            '{"_auth": "dmFsdXNlcjp2YWxwYXNzd29yZA"}' | '{"_auth": "<token>"}'
            '"auth": "Basic dmFsdXNlcjp2YWxwYXNzd29yZA=="' | '"auth": "<token>"'
            basic_auth=jane:hunter | basic_auth=<token>
            basicAuth: admin:s3cret | basicAuth: <token>
            pass=hunter2 | pass=<token>
            db_pass: 'Tr0ub4dor&3' | db_pass: '<token>'
            credentials=abc123xyz | credentials=<token>
            aws_credentials: hunter22 | aws_credentials: <token>
            Passwort: hunter2 | Passwort: <token>
            Kennwort=geheim | Kennwort=<token>
            mot de passe: hunter2 | mot de passe: <token>
            mot_de_passe=hunter2 | mot_de_passe=<token>
            motDePasse=hunter2 | motDePasse=<token>
            contraseña=hunter2 | contraseña=<token>
            CONTRASEÑA: hunter2 | CONTRASEÑA: <token>
            senha=hunter2 | senha=<token>
            mysql -u root -phunter2 mydb | mysql -u root -p<token> mydb
            mysql -uroot -phunter2 -h db | mysql -uroot -p<token> -h db
            """)
    void secrets(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Text next to the secret words that names no secret: counts, placeholders, prose, ports and uids. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "tests pass=12/12 fail=0", "pass: 100%", "check pass: PASSED", "pass=true", "bypass=hunter2", "pass_rate=0.95",
        "auth=required", "auth: none", "auth=ok", "oauth=enabled", "auth_method=password", "credentials=none",
        "credentials: [FILTERED]", "mysql -u root -p", "mysql -u root -p3306", "docker run -u 1000 -p8080:80 nginx",
        "ps -p1234", "gcc -pthread -o x", "password is wrong", "the password is too short", "mot de passe oublié",
        "passe: 3"})
    void secretsStayPlain(String value) {
        assertThat(PiiScanner.scan(value)).isEmpty();
    }

    /** A dotted quad after a phone label is an IP address (IpDetector), not a phone number. */
    @Test
    void aDottedQuadIsNoPhone() {
        assertThat(PiiScanner.scan("phone 10.20.30.40", EnumSet.of(PiiKind.PHONE))).isEmpty();
        assertThat(mask("phone 10.20.30.40")).isEqualTo("phone <ip>");
    }

    private static final String[] LABELS = {"phone", "Phone", "tel", "Tel.", "TEL", "mobile", "fax", "call", "Telefon",
        "téléphone", "móvil", "Handy", "ssn", "SSN", "social security", "socialSecurity", "security", "iban", "IBAN",
        "hotel", "phone_count", "phoneNumber", "phone_", "contact_phone", "x", "no", "number"};
    private static final String[] GAPS = {"", " ", ": ", "=", "#", " no. ", " number is ", " me at ", "\": \"", " - ",
        "\t", "  ", "_", ".", " is ", " at ", ",", " foo ", "'", "\\\"", ":", " on "};
    private static final String[] NUMBERS = {"5550133", "555-0133", "555 0133", "(555) 0133", "+1 5550133", "123456789",
        "000123456", "1234567890123456", "2026-12-03", "10.20.30.40", "de89370400440532013000",
        "DE89370400440532013000", "gb82west12345698765432", "de8937040044053201300", "12", "1", "555-0133-1",
        "5550133x", "(020) 7946 0958", "555.0133.", "123 456 789", "+44 20 7946 0958", "07700 900123"};
    private static final String[] AFTER = {"", " ", ".", "a", "1", "-1", "-", ",", " x", "/2", "\n", ")"};

    /** The engine and the reference agree on labels, gaps and numbers glued in every way, all kinds and each alone. */
    @Test
    void sameAsTheReference() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom r = new SplittableRandom(seed);
        for (int run = 0; run < 4000; run++) {
            StringBuilder sb = new StringBuilder();
            for (int parts = 1 + r.nextInt(3); parts > 0; parts--) {
                sb.append(RandomTexts.pick(r, LABELS)).append(RandomTexts.pick(r, GAPS));
                if (r.nextInt(4) == 0) {
                    sb.append(RandomTexts.pick(r, GAPS));
                }
                sb.append(RandomTexts.pick(r, NUMBERS)).append(RandomTexts.pick(r, AFTER));
            }
            String text = r.nextInt(5) == 0 ? RandomTexts.mutate(r, sb.toString(), "0123456789 -.:(+_eEnlLxaZ") : sb.toString();
            assertThat(PiiScanner.scan(text)).as("seed %d, all kinds in [%s]", seed, text)
                    .isEqualTo(EquivalenceTest.reference(text, EnumSet.allOf(PiiKind.class)));
            for (PiiKind k : List.of(PiiKind.PHONE, PiiKind.SSN, PiiKind.IBAN)) {
                assertThat(PiiScanner.scan(text, EnumSet.of(k))).as("seed %d, %s in [%s]", seed, k, text)
                        .isEqualTo(EquivalenceTest.reference(text, EnumSet.of(k)));
            }
        }
    }
}
