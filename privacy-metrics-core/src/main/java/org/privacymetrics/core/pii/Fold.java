package org.privacymetrics.core.pii;

/**
 * Look-alike characters read as the ASCII characters they stand for, and invisible characters left out, before the
 * detectors run: PII written with them is PII all the same ({@code ４１１１ １１１１ …}, {@code 203。0。113。5},
 * {@code val\u200B@example.org}, {@code +1\u2011415\u2011555\u20110134}), and a detector that reads ASCII would
 * otherwise pass it. The detectors then see one text in one alphabet; a finding covers the original characters,
 * invisible ones inside it included.
 * <p>
 * What is folded (every rule a function of one character, so folding is one linear pass):
 * <ul>
 *   <li>full-width forms of ASCII ({@code U+FF01..U+FF5D}) and the ideographic space; the full-width tilde
 *       {@code ～} to {@code -} (typed for a wave dash);</li>
 *   <li>decimal digits of every script ({@link Character#DECIMAL_DIGIT_NUMBER}: Arabic-Indic, Devanagari, full-width,
 *       …) and the other single digits ({@link Character#OTHER_NUMBER} of value 0-9: circled, parenthesized,
 *       superscript, subscript) to {@code 0-9}; circled letters ({@code Ⓓ ⓓ}) to {@code A-Z a-z};</li>
 *   <li>space separators (no-break, figure, thin, … spaces) to a space; every dash ({@link Character#DASH_PUNCTUATION})
 *       and the minus sign to {@code -}, with the dash look-alikes {@code ˗ ⁃ ー ⁓ 〜 ➖}; full stops of other scripts
 *       and forms ({@code 。 ｡ ﹒ ․ ۔}) (the ideographic comma {@code 、} between digits only in {@link SecondReading}),
 *       middle dots, bullets and dot operators ({@code · ‧ • ∙ ⋅ ・}) and the Arabic decimal separator to {@code .};
 *       typographic quotes and apostrophes ({@code “ ” „ « » ‘ ’}) to {@code "} and {@code '}; colon
 *       look-alikes ({@code ꞉ ︓ ։ ː ˸}) to {@code :}; CJK brackets {@code 【】〔〕} to {@code ( )}; the small forms of
 *       {@code @ + ( ) : - .}, superscript and subscript {@code + ( )}, fraction and division slashes to their ASCII
 *       character;</li>
 *   <li>left out: C1 controls ({@code U+0080..U+009F}, which render as nothing; U+0096 and U+0097, the windows-1252
 *       dashes read as Latin-1, to {@code -}), format characters ({@link Character#FORMAT}: zero-width space and joiners, soft hyphen, word joiner,
 *       byte-order mark, direction marks) and combining marks ({@link Character#NON_SPACING_MARK},
 *       {@link Character#ENCLOSING_MARK}), which render as nothing or on the character before; and the characters
 *       that render blank though they are letters or symbols (Hangul fillers U+3164, U+115F, U+1160, U+FFA0, the
 *       Braille blank U+2800, the object replacement U+FFFC): read as a space, {@code jane<U+2800>@example.org}
 *       would hide the address, and a space is there for whoever wants one;</li>
 *   <li>outside the BMP ({@link Astral}, for a text with surrogates): invisible characters left out (tag characters,
 *       variation selectors, format characters, marks, emoji modifiers) and digits read as ASCII digits.</li>
 * </ul>
 * Other characters, letters of other scripts included, are kept as they are (the e-mail detector reads Unicode local
 * parts and domains). ASCII text is never changed, and costs one OR per character to find that out.
 */
final class Fold {

    /** {@link #map} of a character that is left out. */
    static final char DROP = '\uFFFF';

    private Fold() {
    }

    // map(c) for every UTF-16 unit, built once (128 KiB): the rules below call Character.getType, a look-up in the
    // JDK's multi-level tables, which on full-width or other non-Latin text cost more than the detectors' own work.
    private static final char[] TABLE = new char[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            TABLE[c] = rule((char) c);
        }
    }

    /** The ASCII character {@code c} stands for, {@link #DROP} if it is left out, or {@code c} itself. */
    static char map(char c) {
        return TABLE[c];
    }

    private static char rule(char c) {
        if (c < 128) {
            return c;
        }
        if (c == '\uFF5E') {
            return '-'; // FULLWIDTH TILDE: what Japanese input methods type for the wave dash of 03～1234～5678
        }
        if (c >= '\uFF01' && c <= '\uFF5D') {
            return (char) (c - 0xFEE0); // full-width ASCII: U+FF01 '！' is '!' + 0xFEE0, through U+FF5D '｝'
        }
        if (c >= '\u0080' && c <= '\u009F') {
            // C1 controls render as nothing; U+0096 and U+0097 are the en and em dash of windows-1252 text read as
            // Latin-1 (as HTML5 reads &#150; and &#151;)
            return c == '\u0096' || c == '\u0097' ? '-' : DROP;
        }
        switch (c) {
            case '\u3000':
                return ' ';
            case '\u3002', '\uFF61', '\uFE52', '\u2024', '\uFE12', '\u06D4', '\u2E3C', '\u0701', '\u0702',
                    '\u00B7', '\u2027', '\u2219', '\u22C5', '\u30FB', '\uFF65', '\u066B':
                return '.'; // and the vertical ideographic, Arabic, Syriac and stenographic full stops, the middle dots,
                            // the dot operators and the Arabic decimal separator
            case '\uFE6B':
                return '@';
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB':
                return '"'; // typographic quotes, as autocorrect writes a quoted local part: “val email7”@example.org
            case '\u2018', '\u2019', '\u201B':
                return '\''; // typographic apostrophes: o’brien@example.org
            case '\u2022', '\u2E31', '\u2E33':
                return '.'; // bullet, word separator and raised dots between groups: 415•555•0133, 203•0•113•5
            case '\u207B', '\u208B':
                return '-'; // superscript and subscript minus
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63',
                    '\u02D7', '\u2043', '\u2E3A', '\u2E3B', '\uFE31', '\uFE32', '\u30FC', '\uFF70',
                    '\u2053', '\u2796', '\u301C', '\u3030':
                return '-'; // and the modifier minus, the hyphen bullet, the long and vertical dashes, the katakana long
                            // sound mark and the wave dashes (〜 ⁓ 〰) that Japanese input methods type for a dash in
                            // phone numbers, the heavy minus sign; every other dash (Pd) below
            case '\uFE62', '\u207A', '\u208A':
                return '+';
            case '\uFE59', '\u207D', '\u208D', '\u3010', '\u3014':
                return '('; // and the CJK lenticular and tortoise-shell brackets around an area code: 【415】 555-0133
            case '\uFE5A', '\u207E', '\u208E', '\u3011', '\u3015':
                return ')';
            case '\uFE55', '\u2236', '\uA789', '\uFE13', '\u0589', '\u02D0', '\u02F8':
                return ':';
            case '\u2044', '\u2215':
                return '/';
            case '\u3164', '\u115F', '\u1160', '\uFFA0', '\u2800', '\uFFFC':
                return DROP; // blank-rendering letters and symbols (Hangul fillers, Braille blank, object replacement)
            default:
                break;
        }
        switch (Character.getType(c)) {
            case Character.DECIMAL_DIGIT_NUMBER:
                return (char) ('0' + Character.digit(c, 10));
            case Character.OTHER_SYMBOL:
                if (c >= '\u24B6' && c <= '\u24E9') { // circled letters (Ⓓ, ⓓ): their letter, as the circled digits
                    return c <= '\u24CF' ? (char) ('A' + c - '\u24B6') : (char) ('a' + c - '\u24D0');
                }
                return c;
            case Character.OTHER_NUMBER: {
                // circled, parenthesized, superscript and subscript digits (①, ⑷, ⁴, ₄, ➊): digits all the same
                int v = Character.getNumericValue(c);
                return v >= 0 && v <= 9 ? (char) ('0' + v) : c;
            }
            case Character.SPACE_SEPARATOR:
                return ' ';
            case Character.DASH_PUNCTUATION:
                return '-'; // Armenian, Hebrew, Canadian syllabics, Mongolian hyphens, the double hyphens, …
            case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK:
                return DROP;
            default:
                return c;
        }
    }

    /**
     * Whether {@code s} has a character outside ASCII (only then can folding change it): in blocks of 256 characters,
     * no branch per character inside one, so that text outside ASCII (full-width, Unicode) is answered after its first
     * block instead of read whole; ASCII text is read whole, as before.
     */
    static boolean hasNonAscii(char[] s) {
        int n = s.length;
        for (int from = 0; from < n; from += 256) {
            int or = 0;
            for (int i = from, to = Math.min(n, from + 256); i < to; i++) {
                or |= s[i];
            }
            if (or >= 128) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code s}, once folded, has a {@code '%'}, {@code '&'} or {@code '\\'}, or {@code s} has an {@code =?}
     * ({@link EncodedWord}; only then can {@link Decode} change it): the only characters that fold to one are themselves and the full-width {@code '％'}, {@code '＆'}
     * and {@code '＼'} (FoldEscapeTest checks every character). Vectorised intrinsic scans of the original string
     * instead of a scalar loop over the folded copy; on a Latin-1 string the last three answer at once.
     */
    static boolean mayHaveEscapes(String s) {
        return s.indexOf('%') >= 0 || s.indexOf('&') >= 0 || s.indexOf('\\') >= 0 || s.indexOf('\uFF05') >= 0
                || s.indexOf('\uFF06') >= 0 || s.indexOf('\uFF3C') >= 0 || s.indexOf('=') >= 0 && s.indexOf("=?") >= 0; // and MIME words
    }

    /**
     * Folds {@code s} in place; when characters are left out, returns the shorter text and where each of its characters
     * came from in {@code s}.
     */
    static Folded apply(char[] s) {
        int dropped = 0; // characters left out, surrogates (astral characters) and a few others: see Astral.finish
        int or = 0;
        for (int i = 0; i < s.length; i++) {
            char m = TABLE[s[i]]; // ASCII maps to itself: no branch per character
            s[i] = m;
            dropped += m >= Character.MIN_SURROGATE ? 1 : 0; // DROP is U+FFFF
            or |= m; // each m <= or: or below NARROW says every folded character is
        }
        return dropped == 0 ? new Folded(s, null, null, Decode.NO_ROUNDS, or < NARROW) : Astral.finish(s);
    }

    /**
     * {@link Folded#narrow}'s bound: U+3001, the ideographic comma, the lowest of the characters that {@link SecondReading}
     * reads a second way without a left-out character or an escape (its half-width and vertical forms are above it).
     */
    static final char NARROW = '\u3001';

    /** {@code s}, folded in place with {@code dropped > 0} characters marked {@link #DROP}, without them. */
    static Folded compact(char[] s, int dropped) {
        char[] kept = new char[s.length - dropped];
        int[] from = new int[kept.length];
        int[] to = new int[kept.length];
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            char c = s[i];
            if (c != DROP) { // left-out characters were overwritten with DROP when folding
                kept[k] = c;
                from[k] = i;
                to[k++] = i + 1;
            }
        }
        return new Folded(kept, from, to);
    }

    /**
     * The text as the detectors read it, and the span of the scanned text each of its characters stands for: one
     * character (folded, or after left-out ones: {@code from}/{@code to}, {@code null} when none was left out), or an
     * escape that a round of {@link Decode} replaced ({@code %40}, {@code &#64;}: {@code rounds}, applied in order).
     * {@link #start} and {@link #end} map one position (a search per round); the scanner maps all its findings at once
     * ({@link Findings#mapBack}, one walk per round), to the same spans. {@code narrow}: every character of {@code s}
     * is below {@link #NARROW} (set by {@link #apply} only, when it left nothing out; false says nothing).
     */
    record Folded(char[] s, int[] from, int[] to, Decode.Round[] rounds, boolean narrow) {

        Folded(char[] s, int[] from, int[] to) {
            this(s, from, to, Decode.NO_ROUNDS);
        }

        Folded(char[] s, int[] from, int[] to, Decode.Round[] rounds) {
            this(s, from, to, rounds, false);
        }

        /** Where the span starting at {@code start} of the folded text starts in the scanned text. */
        int start(int start) {
            for (int r = rounds.length - 1; r >= 0; r--) {
                start = rounds[r].start(start);
            }
            return from == null ? start : from[start];
        }

        /** Where the span ending at {@code end} (exclusive) of the folded text ends in the scanned text. */
        int end(int end) {
            for (int r = rounds.length - 1; r >= 0; r--) {
                end = rounds[r].end(end);
            }
            return to == null ? end : to[end - 1];
        }

        boolean moved() {
            return from != null || rounds.length > 0;
        }
    }
}
