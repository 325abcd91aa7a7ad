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
 * Exact: {@link #nextDigit} is {@code Chars.next(s, i, Chars.DIGIT)}, {@link #nextOpener} is {@code Chars.next(s, i,
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
        byte[] kind = KIND;
        int i = 0;
        // Eight characters a step, with one branch on the text per step: a look-up each (no branch), their kinds ORed,
        // and only a step with a digit or an opener in it sets bits. Text with few digits (what the map is for) is
        // passed over at about a load and an OR a character, whatever profile the JIT compiled the method with (a
        // branch a character was compiled as a conditional move after digit-dense values, and cost twice as much);
        // digit-dense text is what the work budget charges most (WorkBudget.DIGIT). i is a multiple of 8: a step lies
        // in one word of the map.
        for (; i + 8 <= n; i += 8) {
            int any = kind[s[i]] | kind[s[i + 1]] | kind[s[i + 2]] | kind[s[i + 3]]
                    | kind[s[i + 4]] | kind[s[i + 5]] | kind[s[i + 6]] | kind[s[i + 7]];
            if (any != 0) {
                mark(s, i, i + 8, kind, digits, openers);
            }
        }
        mark(s, i, n, kind, digits, openers);
        return new DigitMap(digits, openers, n);
    }

    /** Sets the bits of the digits and openers among {@code s[from, to)} (one word of the map). */
    private static void mark(char[] s, int from, int to, byte[] kind, long[] digits, long[] openers) {
        long d = 0;
        long o = 0;
        for (int i = from; i < to; i++) {
            int k = kind[s[i]];
            d |= (long) (k & 1) << i; // a shift by i is a shift by i mod 64 (JLS 15.19)
            o |= (long) (k >>> 1) << i;
        }
        if (from < to) {
            digits[from >>> 6] |= d;
            openers[from >>> 6] |= d | o;
        }
    }

    // The kind of every UTF-16 unit (64 KiB, built once: a look-up without a branch on the text): 1 an ASCII digit,
    // 2 a '+', '(' or '[', 0 anything else.
    private static final byte[] KIND = new byte[65536];

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
