package org.privacymetrics.core.pii;

/**
 * The text being scanned, copied once into an array (detectors read {@code s[i]}, not a CharSequence), with what the
 * card detector needs computed at most once per text: Luhn sums of digit windows. (Tables of digit-run ends were
 * tried and dropped: allocating and reading 8 bytes per character cost more than the loops they replaced.)
 */
final class Text {

    final char[] s;
    private int[] luhn;

    Text(char[] s) {
        this.s = s;
    }

    /** End of the run of ASCII digits starting at {@code i} ({@code i} itself when {@code s[i]} is no digit or i == n). */
    int digitsEnd(int i) {
        char[] s = this.s;
        while (i < s.length && (char) (s[i] - '0') <= 9) {
            i++;
        }
        return i;
    }

    /** The first index at or after {@code i} holding an ASCII digit, or {@code n}. */
    int nextDigit(int i) {
        char[] s = this.s;
        while (i < s.length && (char) (s[i] - '0') > 9) {
            i++;
        }
        return i;
    }

    /**
     * Luhn sums of every window of at most 28 digits in O(1): for each position p, packed in one int, the number of
     * digits before p and two sums over them, each modulo 256 (a window's true differences are below 256, so the
     * differences modulo 256 are exact): {@code even}, which doubles the digits of even index (counting every digit
     * of the text from 0), and {@code odd}, which doubles those of odd index.
     */
    int[] luhnPrefix() {
        int[] l = luhn;
        if (l == null) {
            l = luhn = luhnPrefix(s);
        }
        return l;
    }

    /**
     * The Luhn sum of the digits in {@code [a, b)}: from the right, every second digit doubled. The last digit of the
     * window has index cnt(b) - 1, so the doubled ones are those whose index has the parity of cnt(b).
     */
    static int luhnSum(int[] prefix, int a, int b) {
        int shift = (prefix[b] & 1) == 0 ? 8 : 16;
        return ((prefix[b] >>> shift) - (prefix[a] >>> shift)) & 0xFF;
    }

    private static final int[] DOUBLED = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

    private static int[] luhnPrefix(char[] s) {
        int n = s.length;
        int[] prefix = new int[n + 1];
        int count = 0;
        int even = 0;
        int odd = 0;
        for (int i = 0; i < n; i++) {
            int isDigit = ((char) (s[i] - '0') - 10) >>> 31;
            int d = s[i] - '0' & -isDigit; // 0 for any other character, which then adds nothing
            int dd = DOUBLED[d];
            int oddIndex = count & 1;
            even += oddIndex == 0 ? dd : d;
            odd += oddIndex == 0 ? d : dd;
            count += isDigit;
            prefix[i + 1] = count & 0xFF | (even & 0xFF) << 8 | (odd & 0xFF) << 16;
        }
        return prefix;
    }
}
