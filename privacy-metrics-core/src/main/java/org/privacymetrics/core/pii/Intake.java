package org.privacymetrics.core.pii;

/**
 * The scanner's copy of the text, folded ({@link Fold}) and counted ({@link PiiCensus}) in one pass over the copied
 * characters: per character one look-up in the fold table, one store, and one look-up in a table of census counts,
 * without a data-dependent branch. This replaced four passes (the non-ASCII check, the fold, the check for escape
 * characters and the census), which on full-width or other non-Latin text cost as much as some detectors.
 * <p>
 * Every count is a function of the folded character alone, so the census taken here is the census of the folded text
 * ({@link PiiCensus#of(char[])}): the characters left out count nothing (their fold is {@link Fold#DROP}, outside
 * ASCII) and are subtracted from the length. When the folded text has a {@code '%'} or {@code '&'}, {@link Decode} may
 * change it, and the scanner takes the census of the decoded text again.
 */
final class Intake {

    /** The folded text, left-out characters still in place as {@link Fold#DROP} (see {@link #folded()}). */
    final char[] s;
    /** How many characters are left out. */
    final int dropped;
    /** Whether the folded text has a {@code '%'} or {@code '&'} (only then can {@link Decode} change it). */
    final boolean escapeChars;
    private final int digits;
    private final int dots;
    private final int colons;
    private final boolean atLike;

    private Intake(char[] s, int dropped, boolean escapeChars, int digits, int dots, int colons, boolean atLike) {
        this.s = s;
        this.dropped = dropped;
        this.escapeChars = escapeChars;
        this.digits = digits;
        this.dots = dots;
        this.colons = colons;
        this.atLike = atLike;
    }

    // What a folded character adds to the counts, in 8-bit lanes of a long, indexed by min(c, 128) (index 128: any
    // character outside ASCII, DROP included, counts nothing). Lanes are flushed every 255 characters, so none overflows.
    private static final long DIGIT = 1;
    private static final long DOT = 1L << 8;
    private static final long COLON = 1L << 16;
    private static final long AT_LIKE = 1L << 24; // '@' or '%' (as in PiiCensus.of(char[]): '%' may be an escape left undecoded)
    private static final long ESCAPE = 1L << 32; // '%' or '&'
    private static final int CHUNK = 255;

    private static final long[] LANES = new long[129];

    static {
        for (char c = 0; c < 128; c++) {
            LANES[c] = (c >= '0' && c <= '9' ? DIGIT : 0) | (c == '.' ? DOT : 0) | (c == ':' ? COLON : 0)
                    | (c == '@' || c == '%' ? AT_LIKE : 0) | (c == '%' || c == '&' ? ESCAPE : 0);
        }
    }

    /** Copies {@code text}, folds the copy and counts it. */
    static Intake of(String text) {
        char[] s = text.toCharArray(); // an intrinsic copy (or inflation of a Latin-1 string), cheaper than charAt
        char[] table = Fold.TABLE;
        long[] lanes = LANES;
        int dropped = 0;
        int digits = 0;
        int dots = 0;
        int colons = 0;
        int at = 0;
        int escapes = 0;
        int n = s.length;
        boolean folding = false; // whether the last chunk had a character outside ASCII
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            long acc = 0;
            if (!folding) { // ASCII text needs no folding: count only, and note whether anything was outside ASCII
                int or = 0;
                for (int i = from; i < to; i++) {
                    char c = s[i];
                    or |= c;
                    acc += lanes[Math.min(c, 128)];
                }
                folding = or >= 128;
            }
            if (folding) { // this chunk again (or the first time, after a chunk outside ASCII): fold and count
                acc = 0;
                int or = 0;
                for (int i = from; i < to; i++) {
                    char c = s[i];
                    char m = table[c]; // ASCII maps to itself
                    s[i] = m;
                    or |= c;
                    dropped += (m + 1) >>> 16; // 1 exactly when m == DROP (U+FFFF)
                    acc += lanes[Math.min(m, 128)];
                }
                folding = or >= 128;
            }
            digits += (int) (acc & 0xFF);
            dots += (int) (acc >>> 8 & 0xFF);
            colons += (int) (acc >>> 16 & 0xFF);
            at |= (int) (acc >>> 24 & 0xFF);
            escapes |= (int) (acc >>> 32 & 0xFF);
        }
        return new Intake(s, dropped, escapes != 0, digits, dots, colons, at != 0);
    }

    /** The folded text without its left-out characters, and where each character came from. */
    Fold.Folded folded() {
        return dropped == 0 ? new Fold.Folded(s, null, null) : Fold.compact(s, dropped);
    }

    /** The census of the folded text (equal to {@link PiiCensus#of(char[])} of {@link #folded()}'s text). */
    PiiCensus census() {
        return PiiCensus.counted(s.length - dropped, digits, dots, colons, atLike);
    }
}
