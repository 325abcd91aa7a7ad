package org.privacymetrics.core.pii;

import java.util.List;

/**
 * One pass for the three detectors that start at digits: cards, SSNs and phone numbers. It visits each digit run
 * once, at its first digit (no number of these kinds starts inside a run: a digit would precede it), and each
 * {@code +} and {@code (} (phone numbers only), and asks each requested detector whether a number starts there. Each
 * detector keeps its own resume point: after a finding it skips the positions the finding covers, as when it ran
 * alone, so the findings of each kind are exactly those of a separate scan, for the cost of one skip loop and one
 * read of each run.
 */
final class DigitScanner {

    private DigitScanner() {
    }

    static void scan(Text t, boolean card, boolean ssn, boolean phone, List<Finding> out) {
        char[] s = t.s;
        int n = s.length;
        int flag = phone ? Chars.PHONE_START : Chars.DIGIT;
        int cardNext = card ? 0 : Integer.MAX_VALUE; // first position each detector may start at
        int ssnNext = ssn ? 0 : Integer.MAX_VALUE;
        int phoneNext = phone ? 0 : Integer.MAX_VALUE;
        PhoneDetector.Groups groups = phone ? new PhoneDetector.Groups() : null;
        CardDetector.Groups cardGroups = card ? new CardDetector.Groups() : null;
        int i = 0;
        while (true) {
            i = Chars.next(s, i, flag);
            if (i >= n) {
                return;
            }
            int runEnd = t.digitsEnd(i); // i for '+' and '('
            if (i >= cardNext && runEnd > i) {
                int end = CardDetector.at(t, i, runEnd, cardGroups);
                if (end > 0) {
                    out.add(new Finding(PiiKind.CARD, i, end));
                    cardNext = end;
                }
            }
            if (i >= ssnNext && runEnd > i) {
                int end = SsnDetector.at(s, i, runEnd);
                if (end > 0) {
                    out.add(new Finding(PiiKind.SSN, i, end));
                    ssnNext = end;
                }
            }
            if (i >= phoneNext) {
                int end = PhoneDetector.at(t, i, runEnd, groups);
                if (end > 0) {
                    out.add(new Finding(PiiKind.PHONE, i, end));
                    phoneNext = end;
                }
            }
            i = Math.max(runEnd, i + 1);
        }
    }
}
