package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.privacymetrics.core.pii.reference.ReferenceScanner;

/**
 * Detection is unchanged by the speed work: on random, mutated and adversarial inputs, {@link PiiScanner} reports
 * exactly what the engine of issue 13 reported ({@link ReferenceScanner}, a frozen copy in the test sources), for all
 * kinds together and for each kind alone (as the ingest scrub runs them). The inputs are built to hit the detectors'
 * edges: dense mixes of their trigger characters, generated PII of every family glued to separators, and mutations
 * of both. The seed is printed; repeat with {@code -Dpii.seed=…}.
 */
class EquivalenceTest {

    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestSeed.of(EquivalenceTest.class);
    }

    /** Alphabets dense in the characters the detectors look at. */
    private static final String[] ALPHABETS = {
        "0123456789 .:-+@()abcdefABCDEFxyz/_%4＠\"eyJ",
        "0123456789 -./()+_\t",
        "0123456789.",
        "0123456789abcdefABCDEF:.",
        "@%40a.-_é＠\"ä ",
        "eyJhbGciOi._-=Bearer Basic ghp_glpat-AKIAxoxb-sk_live_npm_: \t",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ",
        "2345 -",
        "0123456789０１２３．＠。ｅé中\u0301 .-@:",
        "13579-+ ()/.",
        "1250 .[](){}dotDOT", // defanged dots (ipname9)
    };

    private static final String[] GLUE = {"", " ", "-", ".", ":", "@", "%40", "/", "_", "a", "1", "(", ")", "+", "\"", "\n", ", ", "=", "ä"};

    private static String piece(SplittableRandom r) {
        return switch (r.nextInt(14)) {
            case 0 -> PiiPropertiesTest.email(r);
            case 1 -> PiiPropertiesTest.ipv4(r);
            case 2 -> PiiPropertiesTest.ipv6(r);
            case 3 -> PiiPropertiesTest.card(r);
            case 4 -> PiiPropertiesTest.phone(r);
            case 5 -> PiiPropertiesTest.token(r);
            case 6 -> PiiPropertiesTest.iban(r);
            case 7 -> PiiPropertiesTest.ssn(r);
            case 8 -> defanged(r, PiiPropertiesTest.ipv4(r));
            case 9 -> separated(r); // ipsep10
            default -> randomWord(r, ALPHABETS[r.nextInt(ALPHABETS.length)], 1 + r.nextInt(30));
        };
    }

    /** {@code ip} with some of its dots defanged ({@code 203[.]0.113(dot)5}, blanks beside), or an address in hex, four or five parts (since ipname9). */
    private static String defanged(SplittableRandom r, String ip) {
        String[] seps = {".", "[.]", "(.)", "{.}", "[dot]", "(DOT)", " [.] ", "[.] ", " {dot}", "  [.]", "[ . ]"};
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(4) == 0) { // in hexadecimal, 0xCB.0x00.0x71.0x16 (a part of three hex digits now and then)
            for (int k = 0, parts = r.nextInt(5) == 0 ? 5 : 4; k < parts; k++) {
                sb.append(k > 0 ? "." : "").append(r.nextBoolean() ? "0x" : "0X").append(Integer.toHexString(r.nextInt(r.nextInt(8) == 0 ? 4096 : 256)));
            }
            return sb.toString();
        }
        for (char c : ip.toCharArray()) {
            sb.append(c == '.' ? seps[r.nextInt(seps.length)] : String.valueOf(c));
        }
        return sb.toString();
    }

    /**
     * A label (or none) and an IPv4 with other separators ({@code ip=203,0,113,5}, {@code 203 dot 0 dot 113 dot 5}), an
     * integer, or an IPv6 with some colons defanged {@code [:]} (since ipsep10).
     */
    private static String separated(SplittableRandom r) {
        String[] labels = {"", "ip", "IP", "client", "from", "clientIp", "addr", "ipv4", "x", "id", "srcip", "\"ip"};
        String[] connectors = {"", " ", "=", ": ", "\": \"", "  =  ", "_", "\t", "'"};
        String[] seps = {"-", ",", " . ", " dot ", " DoT ", "  ", ".", " , ", " ", " .", ". "}; // " ", " .", ". ": ip11
        StringBuilder sb = new StringBuilder(RandomTexts.pick(r, labels)).append(RandomTexts.pick(r, connectors));
        int kind = r.nextInt(3);
        if (kind == 0) {
            long v = r.nextBoolean() ? r.nextLong(1L << 32) : r.nextLong(1L << (1 + r.nextInt(36)));
            return sb.append(v).toString();
        }
        String ip = kind == 1 ? PiiPropertiesTest.ipv4(r) : PiiPropertiesTest.ipv6(r);
        String sep = RandomTexts.pick(r, seps);
        for (char c : ip.toCharArray()) {
            boolean swap = r.nextInt(6) != 0;
            sb.append(c == '.' && swap ? sep : c == ':' && swap ? "[:]" : String.valueOf(c));
        }
        return sb.toString();
    }

    private static String randomWord(SplittableRandom r, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Deletes, inserts, duplicates or replaces a few characters. */
    private static String mutate(SplittableRandom r, String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int m = r.nextInt(4); m > 0 && sb.length() > 0; m--) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABETS[0].charAt(r.nextInt(ALPHABETS[0].length())));
                case 2 -> sb.insert(at, sb.charAt(at));
                default -> sb.setCharAt(at, ALPHABETS[r.nextInt(ALPHABETS.length)].charAt(0));
            }
        }
        return sb.toString();
    }

    /**
     * What the engine of issue 13 finds in {@code text} as the scanner reads it since look-alikes are folded
     * and escapes decoded ({@link Fold}, {@link Decode}: the reference scans the folded text, its findings mapped back to the original). For ASCII text
     * folding changes nothing, so this is the reference's answer on the text itself.
     */
    static List<Finding> reference(String text, Set<PiiKind> kinds) {
        Fold.Folded fold = Fold.apply(text.toCharArray());
        Fold.Folded folded = Decode.apply(fold);
        List<Finding> found = referenceOn(folded, kinds);
        List<Finding> both = found;
        for (SecondReading r = SecondReading.of(fold, folded, kinds); r != null; r = r.also) { // and form blanks beside
            both = union(both, r);
        }
        return both;
    }

    /** {@code found} with the findings of the reading {@code second} (a text read two ways: what either reading finds). */
    private static List<Finding> union(List<Finding> found, SecondReading second) {
        List<Finding> both = new ArrayList<>(found);
        char[] t = second.chars();
        int[] windows = second.windows(); // the reference scans the same stretches of the second reading
        List<Finding> more = new ArrayList<>();
        for (int w = 0; w < windows.length; w += 2) {
            int a = windows[w];
            int b = windows[w + 1];
            for (Finding f : ReferenceScanner.scan(new String(t, a, b - a), second.kinds)) {
                if (second.keeps(f.start() + a, f.end() + a, a, b)) {
                    more.add(new Finding(f.kind(), f.start() + a, f.end() + a));
                }
            }
        }
        for (Finding f : ReferenceScanner.merge(more)) {
            Fold.Folded text = second.text();
            Finding g = text.moved() ? new Finding(f.kind(), text.start(f.start()), text.end(f.end())) : f;
            if (found.stream().noneMatch(h -> h.start() <= g.start() && g.end() <= h.end())) {
                both.add(g); // a finding inside one of the first reading adds nothing
            }
        }
        return ReferenceScanner.merge(both);
    }

    /** The reference's findings in one reading of a text, mapped back to the text. */
    private static List<Finding> referenceOn(Fold.Folded folded, Set<PiiKind> kinds) {
        List<Finding> found = ReferenceScanner.scan(new String(folded.s()), kinds);
        if (!folded.moved()) {
            return found;
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : found) {
            out.add(new Finding(f.kind(), folded.start(f.start()), folded.end(f.end())));
        }
        return out;
    }

    private static void assertSame(String text) {
        // The reference has no work budget (WorkBudget): a value over it is one DENSE finding, masked whole, and the
        // families are compared with the budget off (DENSE not asked for).
        EnumSet<PiiKind> families = EnumSet.complementOf(EnumSet.of(PiiKind.DENSE));
        if (PiiScanner.contains(text, PiiKind.DENSE)) {
            assertThat(PiiScanner.scan(text)).as("seed %d, over the work budget [%s]", seed, text)
                    .containsExactly(new Finding(PiiKind.DENSE, 0, text.length()));
        } else {
            assertThat(PiiScanner.scan(text)).as("seed %d, all kinds in [%s]", seed, text)
                    .isEqualTo(reference(text, families));
        }
        assertThat(PiiScanner.scan(text, families)).as("seed %d, every family in [%s]", seed, text)
                .isEqualTo(reference(text, families));
        for (PiiKind k : families) {
            List<Finding> expected = reference(text, EnumSet.of(k));
            assertThat(PiiScanner.scan(text, EnumSet.of(k))).as("seed %d, %s in [%s]", seed, k, text).isEqualTo(expected);
        }
    }

    private static int check(String family, int runs, Function<SplittableRandom, String> gen) {
        SplittableRandom r = new SplittableRandom(seed ^ family.hashCode());
        int withFindings = 0;
        for (int i = 0; i < runs; i++) {
            String text = gen.apply(r);
            assertSame(text);
            withFindings += reference(text, EnumSet.allOf(PiiKind.class)).isEmpty() ? 0 : 1;
        }
        return withFindings;
    }

    @Test
    void randomMixesOfTriggerCharacters() {
        int found = check("mix", 25_000, r -> randomWord(r, ALPHABETS[r.nextInt(ALPHABETS.length)], 1 + r.nextInt(120)));
        assertThat(found).as("inputs with findings (the comparison must cover findings)").isGreaterThan(2_000);
    }

    @Test
    void generatedPiiGluedAndMutated() {
        int found = check("glued", 15_000, r -> {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(5); k > 0; k--) {
                sb.append(piece(r)).append(GLUE[r.nextInt(GLUE.length)]);
            }
            return r.nextBoolean() ? mutate(r, sb.toString()) : sb.toString();
        });
        assertThat(found).isGreaterThan(7_000);
    }

    @Test
    void benchmarkShapesAndTheirSlices() {
        SplittableRandom r = new SplittableRandom(seed);
        for (DetectorBenchmark.Shape shape : DetectorBenchmark.SHAPES) {
            String big = shape.make(4096);
            assertSame(big);
            for (int k = 0; k < 300; k++) {
                int a = r.nextInt(big.length());
                int b = Math.min(big.length(), a + 1 + r.nextInt(200));
                String slice = big.substring(a, b);
                assertSame(k % 2 == 0 ? slice : mutate(r, slice));
            }
        }
    }

    /**
     * 15,000 texts of 1 to {@code most} random {@code tokens}, a third of them mutated, compared with the reference; how
     * many have findings.
     */
    private static int tokenChains(String family, String[] tokens, int most) {
        return check(family, 15_000, r -> {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(most); k > 0; k--) {
                sb.append(tokens[r.nextInt(tokens.length)]);
            }
            return r.nextInt(3) == 0 ? mutate(r, sb.toString()) : sb.toString();
        });
    }

    /**
     * Chains of bracketed at-signs ({@code (at) [at] {at} %40}), groups and local runs (since 2026-12-04: the walk back
     * from a {@code (at)} or {@code [at]} is memoised as the one from {@code {at}}, so that no walk crosses an earlier
     * one): the memo must find what a walk through the earlier at-sign finds.
     */
    @Test
    void bracketedAtSignChains() {
        String[] tokens = {"(at)", "[at]", "(AT)", "{at}", "%40", "<at>", "[@]", "a", "ab", "中", "é", "(y)", "[z]", "()",
            " ", "  ", ".", "-", "+", "/", "=", ":", "\"", "@", ".org", ".com", "example", "x.y", "(", ")", "[", "]", "1"};
        assertThat(tokenChains("bracketed", tokens, 40)).as("chains with findings").isGreaterThan(1_000);
    }

    /**
     * Chains of scheme words and base64 (since 2026-12-04: a Basic attempt inside the base64 run of an earlier failed
     * one reuses its end and, at the same alignment, its failure): the memo must find what reading again finds.
     */
    @Test
    void schemeWordChains() {
        String[] tokens = {"Basic", "basic", "Bearer", "+", " ", "  ", "Basic+", "dXNlcjpwYXNz", "YWxhOmJi", "YQ", "Og",
            "=", "==", ":", "a", "ab", "abc", "1", "/", "-", "_", ".", "\"", "Authorization: ", "\n"};
        assertThat(tokenChains("schemes", tokens, 30)).as("chains with findings").isGreaterThan(1_000);
    }

    /**
     * Chains of secret keys and values (since 2026-12-04: a value that starts inside the run of value characters an
     * earlier one was read from ends where it ends, and a token there fails when the earlier one failed for what it
     * lacked): the memo must find what reading again finds.
     */
    @Test
    void keyChains() {
        String[] tokens = {"apikey", "api-key", "token", "secret", "password", "pass", "pwd", "sig", ":", "=", ": ", " ",
            "\"", "'", "-", "_", "xoxb-", "glpat-", "abc", "ABC", "aB", "1", "$", "*", "xx", ".", "..", "/", "&", ";",
            ",", "--token ", " -p", " -u root", "login u password ", "encoded", "dXNlcjpwYXNz", "token:$", "%x", "-token:"};
        // a placeholder's first character fails the first token, not the later ones in its run
        for (String text : new String[] {"token:$x-token:aB1cdefgh", "apikey:%x_apikey:AbCdEfGh12", "secret=/p.secret=Abcdefgh1",
            "x_token=abcdefgh-x_token=abcdefgh1", "token:****-token:Abcdefgh"}) {
            assertSame(text);
            assertThat(PiiScanner.scan(text)).as(text).isNotEmpty();
        }
        assertThat(tokenChains("keys", tokens, 30)).as("chains with findings").isGreaterThan(1_000);
    }

    /**
     * Long chains of digit groups, for the card detector's chain of groups (CardDetector.Chain): mostly 4-digit groups
     * with runs of other lengths, one separator that changes now and then (doubled, mixed, a letter, a line break), so
     * that chains end, restart at their last group, and outgrow the ring of eight groups.
     */
    @Test
    void cardGroupChains() {
        String[] seps = {" ", "  ", "-", "--", ".", "/", "a", " -", "\n", "_"};
        int found = check("chains", 10_000, r -> {
            StringBuilder sb = new StringBuilder();
            String sep = seps[r.nextInt(seps.length)];
            for (int g = 1 + r.nextInt(14); g > 0; g--) {
                int len = r.nextInt(10) < 7 ? 4 : 1 + r.nextInt(r.nextInt(10) < 8 ? 7 : 20);
                for (int k = 0; k < len; k++) {
                    sb.append((char) ('0' + (r.nextInt(3) == 0 ? 4 : r.nextInt(10))));
                }
                if (r.nextInt(8) == 0) {
                    sep = seps[r.nextInt(seps.length)];
                }
                sb.append(sep);
            }
            return sb.toString();
        });
        assertThat(found).as("chains with findings (about one in twenty)").isGreaterThan(250);
    }

    /**
     * Long chains of groups for the card chain's fast path (the next attempt at the group after the last one): valid
     * card numbers of 13-19 digits split into groups of 3-6 inside the chain (so attempts restart after a finding,
     * inside a chain), random groups of 2-7 digits and runs of 13-25 digits mid-chain, and a separator that changes
     * now and then (to one of the same length, a doubled one, or one that ends the chain).
     */
    @Test
    void cardChainsWithNumbersInside() {
        String[] seps = {" ", "  ", "-", "--", ".", "/", "_", " -", ":", "\t", "a", "\n"};
        int found = check("chains-inside", 10_000, r -> {
            StringBuilder sb = new StringBuilder();
            String sep = seps[r.nextInt(seps.length)];
            for (int g = 1 + r.nextInt(12); g > 0; g--) {
                int kind = r.nextInt(10);
                if (kind < 3) {
                    String digits = luhnValid(r, 13 + r.nextInt(7));
                    for (int at = 0; at < digits.length(); ) {
                        int len = Math.min(digits.length() - at, 3 + r.nextInt(4));
                        sb.append(digits, at, at + len).append(sep);
                        at += len;
                    }
                } else {
                    int len = kind < 8 ? 4 : kind == 8 ? 2 + r.nextInt(6) : 13 + r.nextInt(13);
                    sb.append(kind == 9 && r.nextBoolean() ? luhnValid(r, Math.min(len, 19)) : randomDigits(r, len));
                    sb.append(sep);
                }
                if (r.nextInt(6) == 0) {
                    sep = seps[r.nextInt(seps.length)];
                }
            }
            return sb.toString();
        });
        assertThat(found).as("chains with findings").isGreaterThan(2_000);
    }

    private static String randomDigits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append((char) ('0' + (k == 0 ? 2 + r.nextInt(5) : r.nextInt(10))));
        }
        return sb.toString();
    }

    /** {@code n} digits starting with 2-6 whose Luhn sum is valid. */
    private static String luhnValid(SplittableRandom r, int n) {
        String head = randomDigits(r, n - 1);
        for (char check = '0'; ; check++) {
            if (CardDetector.luhn(head + check)) {
                return head + check;
            }
        }
    }
}
