package org.privacymetrics.core.pii;

/**
 * Where the ASCII digits of a text are, and the characters that may open a phone number ({@link Chars#PHONE_OPENER}:
 * a digit, {@code +}, {@code (} or {@code [}): one bit a character, built in one walk, so that the passes that go from
 * digit to digit ({@link DigitScanner}, {@link LabeledNumbers}, {@link IpDetector#labeled}) skip 64 characters with
 * neither at a time instead of reading each (since 2026-12-04, late night).
 * <p>
 * Why: the work budget ({@link WorkBudget}) charges a digit, not the walks a few digits turn on. Four walks over the
 * whole value, one character at a time, cost about 1.3 ns a character on prose with one date in it (0.65 of plain
 * prose's time again), and made the budget's costliest shapes with a few digits in them (docs/benchmarks.md) up to 3.7
 * times plain text. With the map, they cost one walk, shared, and a look per 64 characters.
 * <p>
 * Exact: {@link #nextDigit} is {@link Chars#nextDigit}, {@link #nextOpener} is {@code Chars.next(s, i,
 * Chars.PHONE_OPENER)}, for the text the map was built from or any text with the same digits and openers at the same
 * places (the digit pass's copy with line breaks as blanks, {@link LineBreaks}). {@code DigitMapTest} checks both
 * against the character walks on random texts.
 */
final class DigitMap {

    /** A bit every fourth character, from the first: positions that are multiples of four (64 is one too). */
    private static final long EVERY_FOURTH = 0x1111_1111_1111_1111L;

    private final long[] digits;
    private final long[] openers; // digits and + ( [
    private final int n;

    private DigitMap(long[] digits, long[] openers, int n) {
        this.digits = digits;
        this.openers = openers;
        this.n = n;
    }

    /** The map of {@code s}. */
    static DigitMap of(char[] s) {
        int n = s.length;
        int words = (n + 63) >>> 6;
        long[] digits = new long[words];
        long[] openers = new long[words];
        for (int i = 0; i < n; i++) {
            char c = s[i];
            // a branch a character, taken rarely in text with few digits (what the map is for); digit-dense text is
            // what the work budget charges most (WorkBudget.DIGIT)
            if (c < 128 && KIND[c] != 0) {
                long bit = 1L << i; // a shift by i is a shift by i mod 64 (JLS 15.19)
                openers[i >>> 6] |= bit;
                if (KIND[c] == 1) {
                    digits[i >>> 6] |= bit;
                }
            }
        }
        return new DigitMap(digits, openers, n);
    }

    private static final byte[] KIND = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            KIND[c] = 1;
        }
        KIND['+'] = 2;
        KIND['('] = 2;
        KIND['['] = 2;
    }

    /** The first index at or after {@code i} that holds an ASCII digit, or the text's length. */
    int nextDigit(int i) {
        return next(digits, i, -1L);
    }

    /** The first index at or after {@code i} that holds a digit, {@code +}, {@code (} or {@code [}, or the text's length. */
    int nextOpener(int i) {
        return next(openers, i, -1L);
    }

    /**
     * The first index at or after {@code i} (a multiple of four) that is a multiple of four and holds an ASCII digit,
     * or the text's length: the looks of {@link DigitScanner}'s glued walk, which reads every fourth character.
     */
    int nextDigitAtFour(int i) {
        return next(digits, i, EVERY_FOURTH);
    }

    private int next(long[] bits, int i, long mask) {
        if (i >= n) {
            return n;
        }
        int w = i >>> 6;
        long word = bits[w] & mask & (-1L << i); // the bits at and after i in its word (a shift by i mod 64)
        while (word == 0) {
            if (++w == bits.length) {
                return n;
            }
            word = bits[w] & mask;
        }
        return (w << 6) + Long.numberOfTrailingZeros(word); // bits past the end are never set
    }
}
