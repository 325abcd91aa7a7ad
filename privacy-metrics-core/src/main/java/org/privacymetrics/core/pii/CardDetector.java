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
 * Linear: the scan ({@link DigitScanner}) jumps from digit run to digit run; from each run that can start a number at
 * most seven groups (19 digits) are tried, each in O(1) with its end and Luhn sums read once and kept for the next
 * attempts ({@link Groups}).
 */
final class CardDetector {

    private CardDetector() {
    }

    /**
     * The digit groups read by recent attempts: every group of {@code 4111 4111 …} starts an attempt that reads the
     * next three or four, so each group's end, Luhn sums and separator are kept, by start position, in a small direct-mapped
     * table. One attempt reads at most seven groups within 32 positions (19 digits, 6 separators of at most 2), whose
     * starts therefore fall in distinct slots; a slot holding another start is recomputed, so the table is only a
     * cache.
     */
    static final class Groups {
        // One int array, eight ints per slot (one bounds-checked array and one cache line per group, instead of
        // eight arrays): the group's start (-1 for an empty slot), end, its two Luhn sums, and INFO.
        private static final int START = 0;
        private static final int END = 1;
        private static final int EVEN = 2; // Luhn sum doubling the group's digits of even index (from its first)
        private static final int ODD = 3; // … of odd index
        private static final int INFO = 4; // SEP_KEY | END_OK | MORE
        static final int SEP_KEY = 0x3FFFF; // the separator after the group: char | length (1 or 2) << 16; 0 if none can follow
        static final int END_OK = 1 << 20; // a number may end after this group
        static final int MORE = 1 << 21; // a digit follows the separator

        /** A digit doubled as Luhn doubles it: 2d, minus 9 when that has two digits. */
        private static final int[] DOUBLED = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

        final int[] a = new int[32 * 8];

        Groups() {
            for (int k = 0; k < 32; k++) {
                a[k * 8 + START] = -1;
            }
        }

        /**
         * The offset in {@link #a} of the group (digit run) starting at {@code g}, filled if needed. Kept tiny so
         * that the JIT inlines it into {@link #match}: the hit is the common case (four of the five groups an
         * attempt on {@code 4111 4111 …} reads); the fill is a call.
         */
        int slot(Text t, int g) {
            int b = (g & 31) << 3;
            if (a[b + START] != g) {
                fill(t, g, b);
            }
            return b;
        }

        private void fill(Text t, int g, int b) {
            int[] a = this.a;
            { // (block kept for the diff's sake: the body of the former slot)
                char[] s = t.s;
                int n = s.length;
                int e = t.digitsEnd(g);
                int ev = 0;
                int od = 0;
                if (e - g <= 19) { // longer runs are no card group: no sums needed
                    // Digits in pairs (even index, odd index), doubled through a table: no branch per digit.
                    int plainEven = 0;
                    int plainOdd = 0;
                    int doubledEven = 0;
                    int doubledOdd = 0;
                    int i = g;
                    for (; i + 1 < e; i += 2) {
                        int d0 = s[i] - '0';
                        int d1 = s[i + 1] - '0';
                        plainEven += d0;
                        doubledEven += DOUBLED[d0];
                        plainOdd += d1;
                        doubledOdd += DOUBLED[d1];
                    }
                    if (i < e) {
                        int d0 = s[i] - '0';
                        plainEven += d0;
                        doubledEven += DOUBLED[d0];
                    }
                    ev = doubledEven + plainOdd;
                    od = plainEven + doubledOdd;
                }
                int info = !Chars.alnumAt(s, e) && !Chars.gluedAfter(s, e) ? END_OK : 0;
                // The separator to the next group: one or two identical non-alphanumeric characters.
                boolean none = e >= n || Chars.alnum(s[e]) || Character.isISOControl(s[e]) && s[e] != '\t';
                if (!none) {
                    int sepLen = e + 1 < n && s[e + 1] == s[e] ? 2 : 1;
                    info |= s[e] | sepLen << 16;
                    info |= Chars.digitAt(s, e + sepLen) ? MORE : 0;
                }
                a[b + START] = g;
                a[b + END] = e;
                a[b + EVEN] = ev;
                a[b + ODD] = od;
                a[b + INFO] = info;
            }
        }
    }

    /** The end of the card number starting at the digit run {@code [i, runEnd)}, or -1 (visited by {@link DigitScanner}). */
    static int at(Text t, int i, int runEnd, Groups groups) {
        char[] s = t.s;
        // Cheap rejections first: a number's first group has 3 or more digits and starts with 2-6.
        boolean candidate = runEnd - i >= 3 && s[i] >= '2' && s[i] <= '6';
        return !candidate || Chars.alnumAt(s, i - 1) || Chars.gluedBefore(s, i) ? -1 : match(t, i, groups);
    }

    /** End of the longest card number starting at the digit group at {@code start}, or -1. */
    private static int match(Text t, int start, Groups cache) {
        char[] s = t.s;
        char first = s[start];
        if (first < '2' || first > '6') {
            return -1;
        }
        // Luhn: from the right, every second digit is doubled. Groups are added from the left, so keep both sums:
        // evenDoubled doubles the digits at even indices (0, 2, …), oddDoubled those at odd ones; a number of m
        // digits doubles the indices of the parity opposite to m - 1's. A group's own sums (cached) are added as
        // they are when it starts at an even index, swapped when at an odd one.
        int evenDoubled = 0;
        int oddDoubled = 0;
        int m = 0;
        int best = -1;
        int g = start;
        int sep = 0; // the separator (Groups.SEP_KEY: character and length), 0 before the first one
        int[] a = cache.a;
        for (int groups = 0; groups < 7; groups++) {
            int b = cache.slot(t, g);
            int ge = a[b + Groups.END];
            int len = ge - g;
            if (m + len > 19 || len < 3) {
                break; // every group of a card number has 3 or more digits
            }
            if ((m & 1) == 0) {
                evenDoubled += a[b + Groups.EVEN];
                oddDoubled += a[b + Groups.ODD];
            } else {
                evenDoubled += a[b + Groups.ODD];
                oddDoubled += a[b + Groups.EVEN];
            }
            m += len;
            int info = a[b + Groups.INFO];
            // A grouped number (groups > 0) has groups of 3-6 digits, the last one included.
            if (m >= 13 && (info & Groups.END_OK) != 0 && (groups == 0 || len <= 6)) {
                int sum = (m - 1) % 2 == 1 ? evenDoubled : oddDoubled;
                if (sum % 10 == 0) {
                    best = ge;
                }
            }
            // The separator to the next group: one or two identical non-alphanumeric characters, the same throughout;
            // every group but the last has 3-6 digits.
            int key = info & Groups.SEP_KEY;
            if (key == 0 || len > 6 || (info & Groups.MORE) == 0) {
                break;
            }
            if (sep == 0) {
                sep = key;
            } else if (key != sep) {
                break;
            }
            g = ge + (key >>> 16);
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
