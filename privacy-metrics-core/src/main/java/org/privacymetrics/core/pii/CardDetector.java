package org.privacymetrics.core.pii;

/**
 * Payment card numbers (ISO/IEC 7812): 13-19 digits passing the Luhn check, whose first digit is 2-6 (the major
 * industry identifiers of Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay/Maestro). Numbers
 * starting with 1, 7, 8 or 9 (airline, petroleum, telecom, national cards) are not reported: epoch milliseconds and
 * microseconds (13-16 digits starting with 1 until 2033) would otherwise be masked one time in ten.
 * <p>
 * Written either as one run of 13-19 digits, or as groups of 3-6 digits ({@code 4-4-4-4}, Amex {@code 4-6-5},
 * {@code 4-4-4-4-3}, …) joined by one separator used throughout the number: one non-alphanumeric character, or two
 * identical ones ({@code 4111  1111  1111  1111} with two spaces is a card; {@code 4111-1111 1111-1111} is not).
 * Groups of 3-6 digits keep decimals such as {@code 3.14159265358979} out. The number must not touch a letter or
 * digit on either side, nor be glued to one by {@code - . / _} (the digit groups of a UUID, {@code id-4111…}).
 * <p>
 * Linear: the scan ({@link DigitScanner}) jumps from digit run to digit run; from each run that can start a number at most seven groups
 * (19 digits) are tried, each in O(1): group ends and Luhn sums of windows come from arrays computed once per text
 * ({@link Text}), so no attempt reads a digit.
 */
final class CardDetector {

    private CardDetector() {
    }

    /** The end of the card number starting at the digit run {@code [i, runEnd)}, or -1 (visited by {@link DigitScanner}). */
    static int at(Text t, int i, int runEnd) {
        char[] s = t.s;
        // Cheap rejections first: a number's first group has 3 or more digits and starts with 2-6.
        boolean candidate = runEnd - i >= 3 && s[i] >= '2' && s[i] <= '6';
        return !candidate || Chars.alnumAt(s, i - 1) || Chars.gluedBefore(s, i) ? -1 : match(t, i);
    }

    /** End of the longest card number starting at the digit group at {@code start}, or -1. */
    private static int match(Text t, int start) {
        char[] s = t.s;
        char first = s[start];
        if (first < '2' || first > '6') {
            return -1;
        }
        int n = s.length;
        // Luhn sums of the candidate windows from prefix sums (Text.luhnPrefix): O(1) per group, however many
        // attempts read the same groups (every group of "4111 4111 …" starts one that reads the next four).
        int[] luhn = null; // computed for the first text with a candidate of 13 digits
        int m = 0;
        int best = -1;
        int g = start;
        char sep = 0; // the separator character, 0 before the first one
        int sepLen = 0;
        for (int groups = 0; groups < 7; groups++) {
            int ge = t.digitsEnd(g);
            int len = ge - g;
            if (m + len > 19 || len < 3) {
                break; // every group of a card number has 3 or more digits
            }
            m += len;
            boolean grouped = groups > 0;
            if (m >= 13 && !Chars.alnumAt(s, ge) && !Chars.gluedAfter(s, ge)) {
                boolean groupOk = !grouped || len >= 3 && len <= 6;
                luhn = luhn == null ? t.luhnPrefix() : luhn;
                if (groupOk && Text.luhnSum(luhn, start, ge) % 10 == 0) {
                    best = ge;
                }
            }
            // The separator to the next group: one or two identical non-alphanumeric characters, the same throughout.
            if (ge >= n || Chars.alnum(s[ge]) || Character.isISOControl(s[ge]) && s[ge] != '\t') {
                break;
            }
            int sl = ge + 1 < n && s[ge + 1] == s[ge] ? 2 : 1;
            if (len < 3 || len > 6) {
                break; // every group but the last has 3-6 digits
            }
            if (sep == 0) {
                sep = s[ge];
                sepLen = sl;
            } else if (s[ge] != sep || sl != sepLen) {
                break;
            }
            if (!Chars.digitAt(s, ge + sl)) {
                break;
            }
            g = ge + sl;
        }
        return best;
    }

    /** The Luhn check over the digits of {@code s} (other characters ignored), for at least 13 digits. */
    static boolean luhn(CharSequence s) {
        int sum = 0;
        int n = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (!Chars.digit(c)) {
                continue;
            }
            int d = c - '0';
            if (n++ % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return n >= 13 && sum % 10 == 0;
    }
}
