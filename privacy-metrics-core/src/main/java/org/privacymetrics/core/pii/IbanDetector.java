package org.privacymetrics.core.pii;

import java.util.List;

/**
 * IBANs (ISO 13616): an IBAN country code, two check digits and a BBAN of 11-30 upper-case letters and digits,
 * 15-34 characters in all, written in one run or in groups of four separated by single spaces (the last group may be
 * shorter); valid when the number (country code and check digits moved to the end, letters as 10-35) is 1 mod 97.
 * Upper case only: lower-case hex ids would otherwise match about once in 2,000. The longest valid prefix that ends
 * at a group end and touches no letter or digit is reported.
 * <p>
 * Linear: attempts start only at a word start and read at most 34 characters plus 8 spaces.
 */
final class IbanDetector {

    /** Countries that use IBANs (SWIFT registry), two letters each. */
    private static final String COUNTRIES = "AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL GR "
            + "GT HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI NL NO OM PK PL PS PT QA RO RS RU SA SC SD "
            + "SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE";

    /** COUNTRIES as a table indexed by (first letter, second letter), for an O(1) lookup per attempt. */
    private static final boolean[] COUNTRY = new boolean[26 * 26];

    static {
        for (int k = 0; k + 1 < COUNTRIES.length(); k += 3) {
            COUNTRY[(COUNTRIES.charAt(k) - 'A') * 26 + COUNTRIES.charAt(k + 1) - 'A'] = true;
        }
    }

    private IbanDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        int n = s.length();
        for (int i = 0; i + 15 <= n; i++) {
            if (!Chars.upper(s.charAt(i)) || Chars.alnumAt(s, i - 1)) {
                continue;
            }
            int end = match(s, i);
            if (end > 0) {
                out.add(new Finding(PiiKind.IBAN, i, end));
                i = end - 1;
            }
        }
    }

    private static int match(CharSequence s, int i) {
        char c0 = s.charAt(i);
        char c1 = s.charAt(i + 1);
        if (!Chars.upper(c1) || !Chars.digit(s.charAt(i + 2)) || !Chars.digit(s.charAt(i + 3)) || !country(c0, c1)) {
            return -1;
        }
        int n = s.length();
        // The moved part: country letters and check digits, appended after the BBAN when the remainder is taken.
        int[] tail = {c0 - 'A' + 10, c1 - 'A' + 10, s.charAt(i + 2) - '0', s.charAt(i + 3) - '0'};
        int k = i + 4;
        boolean grouped = k < n && s.charAt(k) == ' ';
        long r = 0; // the BBAN as a number so far, congruent mod 97
        int len = 4;
        int best = -1;
        int inGroup = 0;
        while (len < 34) {
            if (grouped && inGroup == 4) {
                if (k + 1 < n && s.charAt(k) == ' ' && alnumUpper(s.charAt(k + 1))) {
                    k++;
                    inGroup = 0;
                } else {
                    break;
                }
            } else if (grouped && inGroup == 0 && len == 4) {
                k++; // the space after the check digits
            }
            if (k >= n || !alnumUpper(s.charAt(k))) {
                break;
            }
            char c = s.charAt(k++);
            // Reduced mod 97 only when large: r stays below 10^15 * 100, far from overflow.
            r = Chars.digit(c) ? r * 10 + (c - '0') : r * 100 + (c - 'A' + 10);
            if (r >= 1_000_000_000_000_000L) {
                r %= 97;
            }
            len++;
            inGroup++;
            if (len >= 15 && !Chars.alnumAt(s, k) && finish((int) (r % 97), tail) == 1) {
                best = k;
            }
        }
        return best;
    }

    private static int finish(int r, int[] tail) {
        for (int v : tail) {
            r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
        }
        return r;
    }

    private static boolean alnumUpper(char c) {
        return Chars.digit(c) || Chars.upper(c);
    }

    private static boolean country(char c0, char c1) {
        return COUNTRY[(c0 - 'A') * 26 + c1 - 'A']; // both upper-case letters, checked by the caller
    }
}
