package org.privacymetrics.core.pii;

/**
 * What a value is made of, counted in one pass, so that detectors that cannot match are not run: most values are short
 * words ({@code login}, {@code sync}) that no detector but the token one could match. Each rule below is a necessary
 * condition of its detector (a property test checks that the census never skips a detector that would have matched).
 */
public final class PiiCensus {

    private final int length;
    private final int digits;
    private final int dots;
    private final int colons;
    private final int dashes;
    private final boolean atLike;
    private final boolean escapes; // a '%', '&' or '\\': escapes the scanner decodes may hide '@', '.' or ':' (Decode)
    private final boolean lineBreaks; // false only when no character is a line break (LineBreaks.lineBreak)

    private PiiCensus(int length, int digits, int dots, int colons, int dashes, boolean atLike, boolean escapes,
            boolean lineBreaks) {
        this.length = length;
        this.digits = digits;
        this.dots = dots;
        this.colons = colons;
        this.dashes = dashes;
        this.atLike = atLike;
        this.escapes = escapes;
        this.lineBreaks = lineBreaks;
    }

    /**
     * The census of {@code s} as the scanner reads it: look-alike characters counted as what they stand for ({@link Fold}),
     * and escapes ({@link Decode}) allowed for: decoding never adds length, but may add at-signs, dots and colons; and
     * digits only as many as the text has an {@code x} or {@code X}. Proof: every spelling of a character that folds to
     * a digit has a decimal digit in it ({@code %3X}, {@code &#4X;}, <code>&#92;u003X</code>, {@code %EF%BC%9X}, …)
     * except hex references, which have an {@code x} ({@code &#xaea;} is a Gujarati four), and so does every spelling of
     * {@code x} but itself (EscapeGapsTest checks every such character in every spelling); by induction over the rounds,
     * each digit or {@code x} of the decoded text stands for a span of the original with a digit or an {@code x} in
     * it, and the spans do not overlap. A surrogate pair may fold to one digit ({@link Astral}): each high surrogate is
     * counted as one too.
     */
    public static PiiCensus of(CharSequence s) {
        int digits = 0;
        int maybeDigits = 0; // x and X (hex references), high surrogates (astral digits)
        int dots = 0;
        int colons = 0;
        int dashes = 0;
        boolean atLike = false;
        boolean escapes = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                c = Fold.map(c); // what the scanner reads (PiiScanner folds look-alikes first)
            }
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dots++;
            } else if (c == ':') {
                colons++;
            } else if (c == '-') {
                dashes++;
            } else if (c == '@' || c == '[' || c == '(' || c == '{' || c == '<') {
                atLike = true; // '@', or a bracketed "[at]" (EmailDetector)
            } else if (c == '%' || c == '&' || c == '\\' || c == '?' && i > 0 && s.charAt(i - 1) == '=') {
                escapes = true; // and "=?", which starts a MIME encoded word (EncodedWord)
            } else if ((c | 0x20) == 'x' || Character.isHighSurrogate(c)) {
                maybeDigits++;
            }
        }
        return new PiiCensus(s.length(), digits + maybeDigits, dots, colons, dashes, atLike, escapes, true); // breaks not counted
    }

    /**
     * What each ASCII character adds to the counts of {@link #of(char[])}, in 10-bit lanes of a long: digits, dots,
     * colons, dashes, at-signs (and the brackets of {@code [at]}, escapes), line breaks.
     */
    private static final long ONE_DIGIT = 1;
    private static final long ONE_DOT = 1L << 10;
    private static final long ONE_COLON = 1L << 20;
    private static final long ONE_DASH = 1L << 30;
    private static final long AT_LIKE = 1L << 40;
    private static final long BREAK = 1L << 50;
    private static final int LANE = 1023; // characters between flushes: no 10-bit lane overflows

    /**
     * {@link #of(CharSequence)} of the scanner's copy of the text, without a data-dependent branch per character (a
     * mix of digits, dots and letters would otherwise mispredict on most characters): counts are summed in 10-bit
     * lanes of one long, flushed every 1,023 characters so that no lane overflows. It also tells whether the text has
     * a line break ({@link #lineBreaks()}), so that the digit pass need not look for one ({@link LineBreaks#asBlanks}).
     */
    static PiiCensus of(char[] s) {
        int digits = 0;
        int dots = 0;
        int colons = 0;
        int dashes = 0;
        boolean atLike = false;
        boolean breaks = false;
        int n = s.length;
        for (int from = 0; from < n; from += LANE) {
            long acc = 0;
            for (int i = from, to = Math.min(n, from + LANE); i < to; i++) {
                char c = s[i];
                acc += c < 128 ? LANES[c] : c == '\uFF20' ? AT_LIKE : c == '\u0085' | (c | 1) == '\u2029' ? BREAK : 0;
            }
            digits += (int) (acc & 0x3FF);
            dots += (int) (acc >>> 10 & 0x3FF);
            colons += (int) (acc >>> 20 & 0x3FF);
            dashes += (int) (acc >>> 30 & 0x3FF);
            atLike |= (acc >>> 40 & 0x3FF) != 0;
            breaks |= (acc >>> 50) != 0;
        }
        return new PiiCensus(n, digits, dots, colons, dashes, atLike, false, breaks); // the scanner's text is decoded already
    }

    private static final long[] LANES = new long[128];

    static {
        for (char c = 0; c < 128; c++) {
            LANES[c] = c >= '0' && c <= '9' ? ONE_DIGIT : c == '.' ? ONE_DOT : c == ':' ? ONE_COLON : c == '-' ? ONE_DASH
                    : c == '@' || c == '%' || c == '[' || c == '(' || c == '{' || c == '<' || c == '\\' ? AT_LIKE
                    : LineBreaks.lineBreak(c) ? BREAK : 0;
        }
    }

    /**
     * Whether the text may have a line break ({@link LineBreaks#lineBreak}): false only for a census of the scanner's
     * text ({@link #of(char[])}) that saw none. Proof: every character is counted, LF, VT, FF and CR in the ASCII
     * table, U+0085, U+2028 and U+2029 by the compares beside it (branch-free: {@code (c | 1) == 0x2029} is U+2028 or
     * U+2029). Their cost on text outside ASCII (a few tenths of a nanosecond per character) is less than the look of
     * {@link LineBreaks#asBlanks} they spare (about one).
     */
    boolean lineBreaks() {
        return lineBreaks;
    }

    /** False only when {@code kind}'s detector cannot find anything in a value of this census. */
    public boolean mayContain(PiiKind kind) {
        return switch (kind) {
            case EMAIL -> atLike || escapes; // local AT domain: '@', '＠', "%40", "[at]", "\u0040" or another escape of '@'
            case IP -> ipRuns() || defangedIp() || labeledIp(); // IpDetector's passes: runs (a.b.c.d, a-b-c-d, IPv6), defanged dots, other separators
            case CARD -> digits >= 13;
            case PHONE -> digits >= 7; // international 8-15, NANP 10, trunk prefix 9-12, after a label 7-15 (label8)
            case SSN -> digits >= 9;
            case IBAN -> digits >= 2 && length >= 15;
            case TOKEN -> length >= 5; // the shortest credential, "ghp_"…, "eyJ"…, "Basic x" is longer
            case DENSE -> length >= WorkBudget.MIN_LENGTH; // only values this long are weighed (WorkBudget)
        };
    }

    /**
     * Whether the text may hold a defanged IPv4 address ({@code 203[.]0[.]113[.]5}): four digits and a bracket
     * <code>[ ( &#123;</code> (or an at-sign, {@code %}, {@code <} or {@code \\}); since {@code ipname9},
     * {@link IpDetector#scan} stops at brackets only when true.
     */
    boolean defangedIp() {
        return digits >= 4 && atLike;
    }

    /**
     * Whether {@link IpDetector#scan} may find something: {@link #mayContain} of IP before {@code ipname9} (a dotted or
     * dashed quad, an IPv6 run, or escapes); text with brackets but no such run has the walk stop at brackets only.
     */
    boolean ipRuns() {
        return digits >= 4 && (dots >= 3 || dashes >= 3 || escapes) || colons >= 2 || escapes;
    }

    /**
     * Whether {@link IpDetector#labeled} may find something (since {@code ipsep10}): four digits (a quad with other
     * separators, {@code ip 203,0,113,5}, has four; an integer after {@code ip=} eight).
     */
    boolean labeledIp() {
        return digits >= 4;
    }

    /** Whether any detector could find something. */
    public boolean mayContainAny() {
        for (PiiKind k : PiiKind.values()) {
            if (mayContain(k)) {
                return true;
            }
        }
        return false;
    }
}
