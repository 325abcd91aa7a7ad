package org.privacymetrics.core.pii.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiCensus;
import org.privacymetrics.core.pii.PiiKind;

/**
 * The PII engine as it was before the single-pass rewrite (commit 9a5cb58, issue 13), frozen in the test sources as
 * the oracle of {@code EquivalenceTest}: the detectors in this package are verbatim copies of that commit's, only
 * the package changed. It runs every requested detector (no census), then merges overlaps exactly as
 * {@code PiiScanner.scan} does. Not used by production code.
 */
public final class ReferenceScanner {

    private ReferenceScanner() {
    }

    /** Every kind, with the census that PiiScanner ran before each detector then (for DetectorBenchmark's old column). */
    public static List<Finding> scanWithCensus(CharSequence text) {
        PiiCensus census = PiiCensus.of(text);
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        for (PiiKind k : PiiKind.values()) {
            if (census.mayContain(k)) {
                kinds.add(k);
            }
        }
        return scan(text, kinds);
    }

    public static List<Finding> scan(CharSequence text, Set<PiiKind> kinds) {
        List<Finding> found = new ArrayList<>();
        for (PiiKind kind : kinds) {
            switch (kind) {
                case TOKEN -> TokenDetector.scan(text, found);
                case EMAIL -> EmailDetector.scan(text, found);
                case IP -> IpDetector.scan(text, found);
                case IBAN -> IbanDetector.scan(text, found);
                case CARD -> CardDetector.scan(text, found);
                case SSN -> SsnDetector.scan(text, found);
                case PHONE -> PhoneDetector.scan(text, found);
            }
        }
        // added 2026-12-03 (branch label8), in the engine too: numbers after a label that names their family
        LabeledNumbers.scan(text, kinds.contains(PiiKind.PHONE), kinds.contains(PiiKind.SSN), kinds.contains(PiiKind.IBAN),
                found);
        return merge(found);
    }

    /**
     * {@code found} ordered by start, overlapping findings merged into one spanning both, of the kind that comes first in
     * {@link PiiKind}'s order (as {@code PiiScanner.scan} does; also for the union of a text's two readings).
     */
    public static List<Finding> merge(List<Finding> found) {
        if (found.size() <= 1) {
            return found;
        }
        found.sort(Comparator.comparingInt(Finding::start));
        List<Finding> merged = new ArrayList<>(found.size());
        Finding cur = found.get(0);
        for (int i = 1; i < found.size(); i++) {
            Finding f = found.get(i);
            if (f.start() < cur.end()) {
                PiiKind kind = f.kind().ordinal() < cur.kind().ordinal() ? f.kind() : cur.kind();
                cur = new Finding(kind, cur.start(), Math.max(cur.end(), f.end()));
            } else {
                merged.add(cur);
                cur = f;
            }
        }
        merged.add(cur);
        return merged;
    }
}
