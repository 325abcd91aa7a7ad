package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The card chain's two shortcuts ({@code CardDetector.Chain.uniform}: a run of groups of one length and one separator,
 * attempted with one check per group; {@code Chain.fresh}: an attempt without the chain when the next group cannot be
 * attempted) find what the engine of issue 13 finds, in runs built to reach their edges: numbers hidden in runs of
 * like groups, runs that change length or separator, end at the text's end, or are glued. The seed is printed; repeat
 * with {@code -Dpii.seed=…}.
 */
class CardUniformRunTest {

    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestSeed.of(CardUniformRunTest.class);
    }

    @Test
    void aNumberAmongLikeGroupsIsFoundAtItsPlace() {
        // 4242 4242 4242 4242 passes the Luhn check, 4111 4111 4111 4111 does not.
        String text = "ref 4111 4111 4111 4111 4242 4242 4242 4242 4111 4111 4111 4111 end";
        assertThat(PiiScanner.scan(text)).containsExactly(new Finding(PiiKind.CARD, 24, 43));
        assertThat(PiiScanner.mask("4111 4111 4242 4242 4242 4242 4111", k -> "#")).isEqualTo("4111 4111 # 4111");
    }

    @Test
    void aRunOfValidNumbersIsMaskedNumberByNumber() {
        String text = "4242 ".repeat(12);
        assertThat(PiiScanner.scan(text)).containsExactly(new Finding(PiiKind.CARD, 0, 19),
                new Finding(PiiKind.CARD, 20, 39), new Finding(PiiKind.CARD, 40, 59));
    }

    @Test
    void likeGroupsGluedToAWordAreNoNumber() {
        // Groups joined by the glue: an identifier until branch glue8; a Luhn-valid 4-4-4-4 grouping in an issuer range
        // is a card to any reader (CardDetector.gluedRun).
        assertThat(PiiScanner.scan("id-4242-4242-4242-4242")).containsExactly(new Finding(PiiKind.CARD, 3, 22));
        assertThat(PiiScanner.scan("id-4242-4242-4242-4243")).isEmpty(); // not Luhn-valid
        // A label glued by another character than the groups' separator: a card (since branch digits5; was empty).
        assertThat(PiiScanner.scan("id-4242 4242 4242 4242")).containsExactly(new Finding(PiiKind.CARD, 3, 22));
        assertThat(PiiScanner.scan("4242 4242 4242 4242x")).isEmpty(); // touches a letter
        // Glued to a word after: no card until branch glue8 (a path: /cards/4242-4242-4242-4242/charge)
        assertThat(PiiScanner.scan("4242 4242 4242 4242/x")).containsExactly(new Finding(PiiKind.CARD, 0, 19));
        assertThat(PiiScanner.scan("4242--4242--4242--4242 4111")).containsExactly(new Finding(PiiKind.CARD, 0, 22));
        // The longest valid number: 19 digits fail the Luhn check, 16 pass.
        assertThat(PiiScanner.scan("4242 4242 4242 4242 424")).containsExactly(new Finding(PiiKind.CARD, 0, 19));
    }

    private static final String[] SEPS = {" ", " ", "  ", "-", "--", ".", "..", "/", "_", "__", "+", "(", ":", "\t",
        "\u00a0", "a", "\n", ","};

    private static String digits(SplittableRandom r, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) (i == 0 && r.nextInt(5) != 0 ? '2' + r.nextInt(5) : '0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /** n digits starting with 2-6 that pass the Luhn check. */
    private static String luhnValid(SplittableRandom r, int n) {
        char[] d = digits(r, n).toCharArray();
        d[0] = (char) ('2' + r.nextInt(5));
        for (char last = '0'; last <= '9'; last++) {
            d[n - 1] = last;
            if (CardDetector.luhn(new String(d))) {
                break;
            }
        }
        return new String(d);
    }

    /** A run of groups of one length and separator, with numbers split into groups of that length inside it. */
    private static String run(SplittableRandom r) {
        int len = r.nextInt(8) == 0 ? 3 + r.nextInt(5) : 4 + r.nextInt(3);
        String sep = SEPS[r.nextInt(SEPS.length)];
        String same = digits(r, len);
        StringBuilder sb = new StringBuilder();
        if (r.nextBoolean()) {
            sb.append(SEPS[r.nextInt(SEPS.length)]);
        }
        for (int g = 1 + r.nextInt(24); g > 0; g--) {
            int kind = r.nextInt(20);
            if (kind < 3) {
                String number = luhnValid(r, 13 + r.nextInt(7));
                for (int at = 0; at < number.length(); at += len) {
                    boolean last = at + len >= number.length();
                    // After the number's last group, now and then another separator (one '-' glues it to the next).
                    sb.append(number, at, Math.min(number.length(), at + len))
                            .append(last && r.nextInt(3) == 0 ? SEPS[r.nextInt(SEPS.length)] : sep);
                }
            } else {
                String group = kind < 12 ? same : kind < 19 ? digits(r, len) : digits(r, 1 + r.nextInt(9));
                sb.append(group).append(kind == 19 && r.nextBoolean() ? SEPS[r.nextInt(SEPS.length)] : sep);
            }
        }
        if (r.nextBoolean()) {
            sb.setLength(sb.length() - sep.length()); // ends with a group
        }
        return sb.toString();
    }

    @Test
    void runsOfLikeGroupsAsTheEngineOfIssue13() {
        assertAsReference(CardUniformRunTest::run, 1_000);
    }

    // Since branch cardspeed5: Chain.uniform goes on past groups that start with 1 or 7-9 (no attempt there) and
    // through separators of one length that differ from link to link; a group from 0 ends it.

    @Test
    void aNumberAmongAlternatingGroupsIsFoundAtItsPlace() {
        String text = "4111 1111 ".repeat(3) + "4242 4242 4242 4242 " + "4111 1111 ".repeat(2);
        assertThat(PiiScanner.scan(text, EnumSet.of(PiiKind.CARD))).containsExactly(new Finding(PiiKind.CARD, 30, 49));
        String other = "1234 7890 1234 7890 4242 4242 4242 4242 1234 7890";
        assertThat(PiiScanner.scan(other, EnumSet.of(PiiKind.CARD))).containsExactly(new Finding(PiiKind.CARD, 20, 39));
        assertThat(PiiScanner.mask("4111 1111 7111 8111 4242 4242 4242 4242 8111", k -> "#"))
                .isEqualTo("4111 1111 7111 8111 # 8111"); // 7111 8111 4242 4242 passes Luhn: no card from 7
    }

    @Test
    void separatorsThatChangeFromLinkToLinkStillLinkTheGroups() {
        String text = "4111 1111@4111 1111@4242 4242@4242 4242@4111 1111@4111";
        assertThat(PiiScanner.scan(text, EnumSet.of(PiiKind.CARD))).containsExactly(new Finding(PiiKind.CARD, 20, 39));
        assertThat(PiiScanner.scan(text)).isEqualTo(EquivalenceTest.reference(text, EnumSet.allOf(PiiKind.class)));
        // One glue character, or separators of two lengths: no uniform run there, the chain reads them.
        for (String t : new String[] {"4111 1111 4242 4242-4242 4242 4111", "4111 1111 4242 4242--4242 4242 4111",
            "4111  1111  4242--4242  4242  4242  4111", "4111 1111 4111 1111-x 4242 4242 4242 4242"}) {
            assertThat(PiiScanner.scan(t)).as(t).isEqualTo(EquivalenceTest.reference(t, EnumSet.allOf(PiiKind.class)));
        }
        assertThat(PiiScanner.scan("4111  1111  4242--4242  4242  4242  4111", EnumSet.of(PiiKind.CARD)))
                .containsExactly(new Finding(PiiKind.CARD, 12, 34));
    }

    @Test
    void aGroupFromZeroInARunIsLeftToThePhoneDetector() {
        for (String text : new String[] {"4111 1111 4111 0133 4111 1111 4111 1111", "4111 1111 020 7946 0958 4111",
            "4111 1111 4111 0171 234 5678 4111 1111"}) {
            assertThat(PiiScanner.scan(text)).as(text)
                    .isEqualTo(EquivalenceTest.reference(text, EnumSet.allOf(PiiKind.class)));
        }
    }

    private static final String[] SEPS_ONE = {" ", " ", "@", ":", ",", "#", "\t", "\u00a0", "-", "+", "(", "[", "a", "\n"};
    private static final String[] SEPS_TWO = {"  ", "--", "..", "@@", "::", "__", "\t\t", "+-"};

    /** Groups of one length from a pool of two or three (any first digit), separators of one length that change. */
    private static String alternating(SplittableRandom r) {
        int len = 4 + r.nextInt(3);
        String[] seps = r.nextInt(3) == 0 ? SEPS_TWO : SEPS_ONE;
        String[] pool = new String[2 + r.nextInt(2)];
        for (int k = 0; k < pool.length; k++) {
            pool[k] = r.nextInt(4) == 0 ? digits(r, len) : (char) ('0' + r.nextInt(10)) + digits(r, len - 1);
        }
        String sep = seps[r.nextInt(seps.length)];
        StringBuilder sb = new StringBuilder();
        for (int g = 0, count = 4 + r.nextInt(30); g < count; g++) {
            int kind = r.nextInt(30);
            if (kind == 0) {
                String number = luhnValid(r, len == 5 ? 15 : len == 6 ? 18 : 16);
                for (int at = 0; at < number.length(); at += len) {
                    sb.append(number, at, at + len).append(r.nextInt(4) == 0 ? seps[r.nextInt(seps.length)] : sep);
                }
            } else {
                sb.append(kind == 1 ? digits(r, 1 + r.nextInt(8)) : pool[g % pool.length])
                        .append(r.nextInt(4) == 0 ? seps[r.nextInt(seps.length)] : sep);
            }
        }
        if (r.nextBoolean()) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    @Test
    void runsOfAlternatingGroupsAsTheEngineOfIssue13() {
        assertAsReference(CardUniformRunTest::alternating, 500);
    }

    /** 5,000 texts of {@code gen}: the engine finds what the reference finds, of cards and of every kind. */
    private static void assertAsReference(java.util.function.Function<SplittableRandom, String> gen, int withCards) {
        SplittableRandom r = new SplittableRandom(seed);
        int withFindings = 0;
        for (int i = 0; i < 5_000; i++) {
            String text = gen.apply(r);
            List<Finding> expected = EquivalenceTest.reference(text, EnumSet.of(PiiKind.CARD));
            assertThat(PiiScanner.scan(text, EnumSet.of(PiiKind.CARD))).as("seed %d, card in [%s]", seed, text)
                    .isEqualTo(expected);
            assertThat(PiiScanner.scan(text)).as("seed %d, all kinds in [%s]", seed, text)
                    .isEqualTo(EquivalenceTest.reference(text, EnumSet.allOf(PiiKind.class)));
            withFindings += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withFindings).as("runs with a card number").isGreaterThan(withCards);
    }
}
