package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The work budget's charge for the detectors' stops (since 2026-12-04, evening, {@link WorkBudget#LABEL},
 * {@link WorkBudget#TOKEN}): words a detector stops at and reads closely (labels before numbers, scheme words, header
 * names, token prefixes, secret keys) are charged as the detectors meet them, from what the characters leave of the
 * budget; a value that runs out is masked whole, as one over the budget by its characters is. Before, such words were
 * charged as the letters they are: {@code ssn ssn …} after a few digits read at 4.6 times plain text.
 */
class StopChargeTest {

    private static final String PROSE = "The quick brown fox jumps over the lazy dog while the user opens the app on a "
            + "mobile device, syncs three folders and logs out again; nothing in this sentence is personal at all. ";

    private static String repeat(String unit, int length) {
        return unit.repeat(length / unit.length() + 1).substring(0, length);
    }

    private static boolean overByCharacters(String s) {
        return WorkBudget.exceeds(WorkBudget.cost(s.toCharArray()), s.length());
    }

    private static void assertMaskedWhole(String s) {
        assertThat(PiiScanner.scan(s)).as(s.substring(0, 40)).containsExactly(new Finding(PiiKind.DENSE, 0, s.length()));
        assertThat(PiiScanner.contains(s, PiiKind.DENSE)).as(s.substring(0, 40)).isTrue();
        assertThat(PiiScanner.mask(s, k -> "[masked:" + k.label() + "]")).isEqualTo("[masked:dense]");
    }

    private static void assertRead(String s) {
        assertThat(PiiScanner.contains(s, PiiKind.DENSE)).as(s.substring(0, 40)).isFalse();
        assertThat(PiiScanner.scan(s)).as(s.substring(0, 40)).noneMatch(f -> f.kind() == PiiKind.DENSE);
    }

    @Test
    void labelWordsAreChargedAsTheLabelPassReadsThem() {
        // Digits turn the label pass on, and it reads the words within its reach before each digit (REACH): label
        // words there are letters, within the budget by their characters, and each is charged as a label.
        for (String label : new String[] {"ssn ", "IBAN ", "tel no ", "call me at ", "whatsApp ", "Tel. Nr. "}) {
            String s = repeat("4 " + label.repeat(58 / label.length()), 4096);
            assertThat(overByCharacters(s)).as(label).isFalse();
            assertMaskedWhole(s);
        }
        // The same words further apart are read, and a labelled number among them is found.
        String apart = "4 4 4 4 " + repeat("ssn " + "x".repeat(40) + " ", 4096) + " ssn: 078-05-1120";
        assertRead(apart);
        assertThat(PiiScanner.scan(apart)).extracting(Finding::kind).containsExactly(PiiKind.SSN);
        // Label words out of the label pass's reach of any digit are not read, so not charged: a long value of them
        // after a few digits costs their characters (it was masked whole when every word was read)
        String farFromDigits = "4 4 4 4 " + repeat("ssn ", 4096);
        assertRead(farFromDigits);
    }

    @Test
    void credentialWordsAreChargedAsTheTokenPassReadsThem() {
        for (String word : new String[] {"Basic+", "Bearer ", "apikey ", "xoxb-apikey:glpat-abcde", "--password "}) {
            String s = repeat(word, 4096);
            assertThat(overByCharacters(s)).as(word).isFalse();
            assertMaskedWhole(s);
        }
        String apart = repeat("Bearer " + "x".repeat(40) + ". ", 4096) + " Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abc";
        assertRead(apart);
        assertThat(PiiScanner.scan(apart)).extracting(Finding::kind).contains(PiiKind.TOKEN);
    }

    @Test
    void theIpPassStopsAreChargedInAValueWithDigits() {
        // Since 2026-12-04, late night (WorkBudget.IP_STOP): a few digits turn the IP pass on, which stops at every dot,
        // also between words where the relief charges it 4 units. At the budget's edge by its characters, such a value
        // read at 3.2-3.6x plain text (docs/benchmarks.md); its dots are charged as the pass stops at them now.
        String dots = repeat("4 4 " + ".ey ".repeat(25), 4096);
        assertThat(overByCharacters(dots)).isFalse();
        assertMaskedWhole(dots);
        // Without digits the IP pass does not run: the same dots are charged as their characters, and read.
        assertRead(dots.replace('4', 'a'));
        // Further apart (two digits every 500 characters, the dots as before), read, and an address among them found.
        String apart = repeat("4 4 " + ".ey ".repeat(125), 4096) + " from 203.0.113.22";
        assertRead(apart);
        assertThat(PiiScanner.scan(apart)).extracting(Finding::kind).containsExactly(PiiKind.IP);
    }

    @Test
    void proseWithItsLabelsAndKeysIsStillRead() {
        // A long support note: label words, a scheme word and a key now and then, with the numbers they name.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 16 * 1024; i++) {
            sb.append(PROSE).append("The customer called from her mobile phone about the app, case ").append(i)
                    .append("; the agent sent the Bearer token docs and the api key guide. ");
            if (i % 8 == 0) {
                sb.append("Call me at 415-555-0133, phone: 415 555 0134. ");
            }
        }
        String s = sb.toString();
        assertRead(s);
        List<Finding> found = PiiScanner.scan(s);
        assertThat(found).extracting(Finding::kind).contains(PiiKind.PHONE).doesNotContain(PiiKind.DENSE);
        assertThat(PiiScanner.mask(s, k -> "<" + k.label() + ">")).doesNotContain("555-0133", "555 0134");
    }

    @Test
    void theReliefOfPunctuationIsAddedWhenTheStopsRunOut() {
        // Two values of the same characters but one: '-' between letters (charged 4 units there, WorkBudget
        // BETWEEN_LETTERS) or '(' (charged 40 anywhere). Without the relief both cost the same, and within the budget
        // (so the relief is not reckoned before the detectors run); with their label stops both are over it; with the
        // stops and the relief the first is within it. It must be read, the second masked whole.
        // (the digits turn the label pass on, for IBANs: PiiCensus; each label is within its reach of a digit)
        String relieved = repeat("x".repeat(26) + "-" + "x".repeat(26) + " ssn 4 ", 2048);
        String charged = relieved.replace('-', '(');
        char[] a = relieved.toCharArray();
        int n = a.length;
        long stops = (long) WorkBudget.LABEL * (relieved.split("ssn", -1).length - 1);
        assertThat(WorkBudget.upperCost(a)).isEqualTo(WorkBudget.upperCost(charged.toCharArray()));
        assertThat(WorkBudget.exceeds(WorkBudget.upperCost(a), n)).isFalse();
        assertThat(WorkBudget.exceeds(WorkBudget.upperCost(a) + stops, n)).isTrue();
        assertThat(WorkBudget.exceeds(WorkBudget.cost(a) + stops, n)).isFalse();
        assertThat(WorkBudget.exceeds(WorkBudget.cost(charged.toCharArray()) + stops, n)).isTrue();
        assertRead(relieved);
        assertMaskedWhole(charged);
    }

    @Test
    void everyCallerGetsTheSameVerdict() {
        // contains(DENSE) runs the detectors for their stops and leaves their findings out: the verdict of a scan.
        String[] values = {
            "4 4 4 4 " + repeat("ssn " + "x".repeat(8) + " ", 2048),
            "4 4 4 4 " + repeat("ssn " + "x".repeat(16) + " ", 2048),
            repeat("Basic+" + "x".repeat(4), 2048),
            repeat("Basic+" + "x".repeat(12), 2048),
            "1 " + repeat("apikey: " + "y".repeat(10) + " ", 3000),
            "1 " + repeat("apikey: " + "y".repeat(30) + " ", 3000),
        };
        boolean sawDense = false;
        boolean sawRead = false;
        for (String s : values) {
            boolean dense = PiiScanner.contains(s, PiiKind.DENSE);
            sawDense |= dense;
            sawRead |= !dense;
            List<Finding> found = PiiScanner.scan(s);
            assertThat(found.size() == 1 && found.get(0).kind() == PiiKind.DENSE).as(s.substring(0, 30)).isEqualTo(dense);
            assertThat(PiiScanner.mask(s, k -> "[" + k.label() + "]").equals("[dense]")).as(s.substring(0, 30)).isEqualTo(dense);
        }
        assertThat(sawDense).isTrue();
        assertThat(sawRead).isTrue();
    }

    @Test
    void shortValuesAreReadHoweverManyStopsTheyHave() {
        String s = "4 " + repeat("ssn Basic+", 1000);
        assertThat(PiiScanner.scan(s)).noneMatch(f -> f.kind() == PiiKind.DENSE);
        assertThat(PiiScanner.contains(s, PiiKind.DENSE)).isFalse();
    }
}
