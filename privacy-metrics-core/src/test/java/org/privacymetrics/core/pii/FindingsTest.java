package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packed findings: merging overlapping ones and mapping them back through folding and decoding on the ints give
 * what the boxed definitions give (the sort-and-merge of {@link PiiScanner#scan(CharSequence, java.util.Set)}'s
 * contract, {@link Fold.Folded#start} and {@link Fold.Folded#end} per finding), and the list a caller gets behaves as
 * a list.
 */
class FindingsTest {

    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestSeed.of(FindingsTest.class);
    }

    /** The contract, on boxed findings: sorted by start, overlapping ones merged into the first kind of both. */
    private static List<Finding> mergedByDefinition(List<Finding> found) {
        List<Finding> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Finding::start));
        List<Finding> merged = new ArrayList<>();
        for (Finding f : sorted) {
            Finding cur = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (cur != null && f.start() < cur.end()) {
                PiiKind kind = f.kind().ordinal() < cur.kind().ordinal() ? f.kind() : cur.kind();
                merged.set(merged.size() - 1, new Finding(kind, cur.start(), Math.max(cur.end(), f.end())));
            } else {
                merged.add(f);
            }
        }
        return merged;
    }

    @Test
    void mergingThePackedFindingsGivesTheContractsMerge() {
        SplittableRandom r = new SplittableRandom(seed);
        PiiKind[] kinds = PiiKind.values();
        for (int round = 0; round < 20_000; round++) {
            Findings out = new Findings();
            List<Finding> added = new ArrayList<>();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) { // overlapping, nested, touching, equal starts: the detectors' findings in any order
                int start = r.nextInt(40);
                Finding f = new Finding(kinds[r.nextInt(kinds.length)], start, start + 1 + r.nextInt(8));
                out.add(f.kind(), f.start(), f.end());
                added.add(f);
            }
            out.merge();
            assertThat(out.toList()).as("seed %d, round %d: %s", seed, round, added).isEqualTo(mergedByDefinition(added));
        }
    }

    /**
     * As the detectors add them: a few runs in order of start (one per detector; fold6 merges such runs instead of
     * sorting), each run's findings overlapping or touching those of other runs, sometimes each other, with equal
     * starts across runs; up to hundreds of findings, which the merge takes in several rounds.
     */
    @Test
    void mergingRunsInOrderGivesTheContractsMerge() {
        SplittableRandom r = new SplittableRandom(seed + 1);
        PiiKind[] kinds = PiiKind.values();
        for (int round = 0; round < 5_000; round++) {
            Findings out = new Findings();
            List<Finding> added = new ArrayList<>();
            int runs = 1 + r.nextInt(7);
            for (int run = 0; run < runs; run++) {
                int at = r.nextInt(6);
                int count = r.nextInt(r.nextBoolean() ? 8 : 300);
                PiiKind kind = kinds[r.nextInt(kinds.length)];
                for (int i = 0; i < count; i++) {
                    at += r.nextInt(5); // sometimes the same start as the finding before
                    Finding f = new Finding(kind, at, at + 1 + r.nextInt(r.nextInt(10) == 0 ? 12 : 3));
                    out.add(f.kind(), f.start(), f.end());
                    added.add(f);
                }
            }
            out.merge();
            assertThat(out.toList()).as("seed %d, round %d", seed, round).isEqualTo(mergedByDefinition(added));
        }
    }

    @Test
    void mappingThePackedFindingsBackGivesEachSpanOfTheOriginal() {
        // Escapes of escapes, left-out characters (a zero-width space, an escaped soft hyphen) and look-alikes around
        // and inside findings: each finding of the decoded text maps to the span Folded.start/end give it.
        String[] parts = {"a", "@", ".", "%40", "%2540", "&#64;", "&amp;commat;", "\u200B", "&#173;", "%C2", "＠", "1",
            "4", "%34", "&#x31;", " ", "%", "&", "example.org"};
        SplittableRandom r = new SplittableRandom(seed ^ 0x3e5c);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(parts[r.nextInt(parts.length)]);
            }
            String text = sb.toString();
            Fold.Folded folded = Decode.apply(Fold.apply(text.toCharArray()));
            int len = folded.s().length;
            if (len == 0) {
                continue;
            }
            // Ordered, not overlapping findings anywhere in the decoded text, as the detectors' merged findings are.
            Findings out = new Findings();
            List<Finding> expected = new ArrayList<>();
            int at = r.nextInt(Math.min(len, 3));
            while (at < len) {
                int end = at + 1 + r.nextInt(Math.min(len - at, 6));
                out.add(PiiKind.EMAIL, at, end);
                expected.add(new Finding(PiiKind.EMAIL, folded.start(at), folded.end(end)));
                at = end + r.nextInt(4);
            }
            out.mapBack(folded);
            assertThat(out.toList()).as("seed %d, [%s]", seed, text).isEqualTo(expected);
        }
    }

    @Test
    void theListOfAScanReadsAsAList() {
        List<Finding> found = PiiScanner.scan("mail val%40example.org or 203.0.113.5 now");
        assertThat(found).containsExactly(new Finding(PiiKind.EMAIL, 5, 22), new Finding(PiiKind.IP, 26, 37));
        assertThat(found.get(1)).isEqualTo(found.get(1)).isEqualTo(new Finding(PiiKind.IP, 26, 37));
        assertThat(found.indexOf(new Finding(PiiKind.IP, 26, 37))).isEqualTo(1);
        assertThat(found.subList(1, 2)).containsExactly(new Finding(PiiKind.IP, 26, 37));
        assertThatThrownBy(() -> found.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> found.add(new Finding(PiiKind.IP, 0, 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(PiiScanner.scan("nothing personal here")).isEmpty();
    }
}
