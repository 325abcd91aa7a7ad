package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The label pass reads only the words within {@link LabeledNumbers#REACH} before a digit (since 2026-12-04, night):
 * it finds exactly what the walk over every word finds ({@link LabeledNumbers#scanEveryWord}), on random text made of
 * labels, connector words, gap characters, numbers of every family the pass reads and filler words, the gap stretched
 * to its limit. The seed is printed; repeat with {@code -Dpii.seed=…}.
 */
class LabeledNumbersReachTest {

    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestSeed.of(LabeledNumbersReachTest.class);
    }

    private static final String[] LABELS = {"phone", "Phone", "tel", "Tel.", "TEL", "mobile", "cell", "fax", "telefon",
        "teléfono", "Rufnummer", "msisdn", "sms", "callto", "WhatsApp", "Whats App", "whats_app", "wa.me/", "call", "text",
        "ssn", "SSN", "social security", "Social_Security", "iban", "IBAN", "phoneNumber", "myTel", "hotel", "customer"};
    private static final String[] CONNECTORS = {"no", "nr", "Nr.", "num", "number", "nummer", "numero", "número", "is",
        "at", "on", "me", "us", "to", "count", "length"};
    private static final String[] GAPS = {" ", "  ", ": ", "=", "#", "-", "\"", "'", ".", "_", ">", "\\", "\t", "\": \"",
        " ".repeat(20), ": ".repeat(11), " - ", "/", ",", "("};
    private static final String[] NUMBERS = {"4155550133", "415-555-0133", "+1 415 555 0133", "+1 (415) 555-0133",
        "(415) 555-0133", "14155550133", "078-05-1120", "078 05 1120", "078051120", "DE89370400440532013000",
        "de89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "2026-12-03", "1234567", "42", "7", "203.0.113.5"};

    private static String piece(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1 -> LABELS[r.nextInt(LABELS.length)];
            case 2 -> CONNECTORS[r.nextInt(CONNECTORS.length)];
            case 3, 4 -> GAPS[r.nextInt(GAPS.length)];
            case 5 -> r.nextInt(3) == 0 ? PiiPropertiesTest.phone(r) : r.nextBoolean() ? PiiPropertiesTest.ssn(r)
                    : r.nextBoolean() ? PiiPropertiesTest.iban(r) : NUMBERS[r.nextInt(NUMBERS.length)];
            case 6 -> NUMBERS[r.nextInt(NUMBERS.length)];
            default -> "x".repeat(r.nextInt(60)) + (r.nextBoolean() ? " " : "");
        };
    }

    private static List<String> found(char[] s, boolean every) {
        Findings out = new Findings();
        if (every) {
            LabeledNumbers.scanEveryWord(s, true, true, true, out);
        } else {
            LabeledNumbers.scan(s, true, true, true, out);
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < out.count(); i++) {
            list.add(out.kind(i) + "@" + out.start(i) + "-" + out.end(i));
        }
        return list;
    }

    @Test
    void findsWhatTheWalkOverEveryWordFinds() {
        SplittableRandom r = new SplittableRandom(seed);
        int withFindings = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(40); k > 0; k--) {
                sb.append(piece(r));
            }
            char[] s = sb.toString().toCharArray();
            List<String> every = found(s, true);
            assertThat(found(s, false)).as(sb.toString()).isEqualTo(every);
            withFindings += every.isEmpty() ? 0 : 1;
        }
        assertThat(withFindings).as("inputs with a labelled number").isGreaterThan(500);
    }

    @Test
    void aLabelAtTheEndOfItsReachStillNamesItsNumber() {
        // the longest gap the pass reads (MAX_GAP characters after the letter after the label), then a '+', a blank and
        // a bracket before the first digit; and an IBAN's two letters after a gap as long
        for (String value : new String[] {"phone" + " ".repeat(24) + "+ (415) 555-0133", "iban" + " ".repeat(24) + "DE89370400440532013000",
                "call me at" + " ".repeat(17) + "+ (415) 555-0133", "x".repeat(3000) + " ssn" + ":".repeat(24) + "078-05-1120"}) {
            char[] s = value.toCharArray();
            assertThat(found(s, false)).as(value).isEqualTo(found(s, true)).isNotEmpty();
        }
    }
}
