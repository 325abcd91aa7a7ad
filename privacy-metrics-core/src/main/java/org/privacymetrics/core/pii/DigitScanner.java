package org.privacymetrics.core.pii;


/**
 * One pass for the detectors that start at digits: IBANs (at their check digits), cards, SSNs and phone numbers. It
 * visits each digit run once, at its first digit (no number of these kinds starts inside a run: a digit would precede
 * it), and each {@code +} and {@code (} (phone numbers only), and asks each requested detector whether a number starts
 * there. Each detector keeps its own resume point: after a finding it skips the positions the finding covers, as when
 * it ran alone, so the findings of each kind are exactly those of a separate scan, for the cost of one skip loop and
 * one read of each run.
 */
final class DigitScanner {

    private DigitScanner() {
    }

    static void scan(Text t, boolean iban, boolean card, boolean ssn, boolean phone, Findings out) {
        char[] s = t.s;
        int n = s.length;
        int flag = phone ? Chars.PHONE_START : Chars.DIGIT;
        int ibanNext = iban ? 0 : Integer.MAX_VALUE;
        int cardNext = card ? 0 : Integer.MAX_VALUE; // first position each detector may start at
        int ssnNext = ssn ? 0 : Integer.MAX_VALUE;
        int phoneNext = phone ? 0 : Integer.MAX_VALUE;
        PhoneDetector.Groups groups = phone ? new PhoneDetector.Groups() : null;
        CardDetector.Chain cardChain = card ? new CardDetector.Chain(s) : null;
        int i = 0;
        while (true) {
            i = Chars.nextNear(s, i, flag);
            if (i >= n) {
                return;
            }
            char d = s[i];
            if ((char) (d - '0') > 9) { // '+' or '(': only a phone number starts here
                if (i >= phoneNext
                        && (d == '+' ? PhoneDetector.plusMayStart(s, i) : PhoneDetector.chainMayStart(s, i))) {
                    int end = PhoneDetector.at(t, i, i, groups);
                    if (end > 0) {
                        out.add(PiiKind.PHONE, i, end);
                        phoneNext = end;
                    }
                }
                i++;
                continue;
            }
            int runEnd = t.digitsEnd(i + 1);
            int len = runEnd - i;
            // An IBAN starts two letters before its check digits, which start a digit run of 2 or more (a letter
            // precedes them): visiting the runs visits every position where IbanDetector.at can match, in order.
            int c = i - 2;
            if (len >= 2 && c >= ibanNext && Chars.upper(s[c]) && Chars.upper(s[i - 1])) {
                int end = IbanDetector.at(s, c);
                if (end > 0) {
                    out.add(PiiKind.IBAN, c, end);
                    ibanNext = end;
                }
            }
            // Cheap necessary conditions, inline, before any detector is called (each returns -1 without them; the
            // first-group rules are on CardDetector, SsnDetector.at and PhoneDetector.at). Most digit runs of
            // ordinary or adversarial text (counts, dates, single digits) fail all three, for a few compares.
            // Card: the first group has 3 or more digits and starts with 2-6; a card of one group has 13-19 digits,
            // a first group of 3-6 needs a next group of 3 or more digits after one or two separator characters (an
            // attempt stops at once otherwise: CardDetector.Chain); and no "- . / _" glues it to a letter or digit
            // before (255.255.255…, id-4111…), nor follows a letter: tested here, so the chain is asked directly.
            if (len >= 3 && d >= '2' && d <= '6' && i >= cardNext
                    && (len >= 13 || len <= 6 && cardGroupAfter(s, runEnd)) && !Chars.gluedBefore(s, i)) {
                int end = Chars.alnumAt(s, i - 1) ? -1 : cardChain.attempt(i);
                if (end > 0) {
                    out.add(PiiKind.CARD, i, end);
                    cardNext = end;
                }
            }
            // SSN: an area of exactly 3 digits, then the separator of AAA-GG-SSSS or AAA GG SSSS.
            if (len == 3 && i >= ssnNext && runEnd < n && (s[runEnd] == '-' || s[runEnd] == ' ')) {
                int end = SsnDetector.at(s, i, runEnd);
                if (end > 0) {
                    out.add(PiiKind.SSN, i, end);
                    ssnNext = end;
                }
            }
            // Phone: a national number's first group is "1", three digits from 2, or "0" and a non-zero digit, and a
            // separator or bracket follows it; and no chain goes on through i (PhoneDetector.chainMayStart).
            if (i >= phoneNext && runEnd < n
                    && (len == 1 ? d == '1' : len == 3 && d >= '2' || d == '0' && s[i + 1] != '0')
                    && PhoneDetector.separatorOrBracket(s[runEnd]) && PhoneDetector.chainMayStart(s, i)) {
                int end = PhoneDetector.at(t, i, runEnd, groups);
                if (end > 0) {
                    out.add(PiiKind.PHONE, i, end);
                    phoneNext = end;
                }
            }
            i = runEnd;
        }
    }

    /** Whether 3 digits follow one separator character at {@code e}, or two identical ones. */
    private static boolean cardGroupAfter(char[] s, int e) {
        int g = e + 1 < s.length && s[e + 1] == s[e] ? e + 2 : e + 1;
        return g + 3 <= s.length
                && (char) (s[g] - '0') <= 9 && (char) (s[g + 1] - '0') <= 9 && (char) (s[g + 2] - '0') <= 9;
    }
}
