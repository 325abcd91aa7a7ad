package org.privacymetrics.core.pii;

/**
 * The window filter of {@link DigitScanner}: the ways a number of the digit pass can start at a position p, each a
 * conjunction of conditions on the pairs of neighbouring characters (p-2, p-1), (p-1, p), …, (p+5, p+6), one pair per
 * offset o = -1 … 6 (the pair ending at p+o). Characters are reduced to 15 classes ({@link #CLASS}); {@link #DEAD}
 * holds, per pair of classes, the ways it closes at each offset (8 lanes of 8 bits of a long, lane o + 1 for offset
 * o). Shifting a long by one lane per character and OR-ing in the entry of the pair ending there (shift-or), the top
 * lane after character q holds the ways closed for a start at q - 6: two table lookups and a few operations per
 * character, whatever the text. Characters outside the text are in the class of other symbols; so is every
 * non-ASCII character, which may be a letter or not: a class closes a way only where every character of it would.
 * <p>
 * <b>Soundness.</b> Each condition below is necessary for the detector call it guards in {@link DigitScanner#visit}
 * (or for that call to return a finding, where the detector is a pure function of the text: IBAN, SSN and phone; the
 * card chain keeps state, so the card ways are necessary for the call itself), so a position with no open way is one
 * where the former visit called no detector, or found nothing and changed nothing. Notation: D a digit 0-9, U an
 * upper-case A-Z, SEP one of {@code space tab - . /}, GLUE one of {@code - . / _}; "alnum" a letter
 * or digit; (a, b) the pair at an offset; a digit start p is the first digit of a run (every way needs a non-digit at
 * p-1, which is all the former scan visited) and len the run's length. "Same" compares classes: equal characters have
 * equal classes.
 * <ul>
 *   <li>{@link #IBAN}: {@code IbanDetector.at(s, p-2)} is called only with U at p-2 and p-1 and len ≥ 2 (D at p,
 *       p+1); {@code IbanDetector.loose} also with U at p-2 and a blank at p-1 (its javadoc: the blank at p+2 and
 *       BBAN characters at p+3 … p+6 fit the lanes below). A finding needs p-2 + 15 ≤ n and, in {@code match}, a group separator (blank, {@code - . /}, in SEP, {@code +} or, since branch digits6, {@code _}: IBAN_SEP) or a BBAN character (D or U) at p+2; at p+3 a BBAN character or the same separator again (a
 *       separator of two); BBAN characters at p+4 … p+6 (the separators of the grouped form are at p+2 and p+3 at
 *       most, then after the next group of four), but since branch glue8 ({@code loose}: a second blank, groups of one letter or two digits, Italy's CIN
 *       {@code IT 60 X 05428 …}) a blank at p+4 after D or U and at p+5, p+6; and a letter of
 *       any case at p+2 (a run in lower case after the label {@code iban}, {@code IbanDetector.label} until branch fold9: now LabeledNumbers', the lane left as it was). Since branch digits5 a grouped IBAN may be in lower or mixed case
 *       ({@code IbanDetector.at}): two letters of any case at p-2, p-1, and a BBAN character (D or a letter of any
 *       case) where U stood at p+3 … p+6.</li>
 *   <li>{@link #CARD3}, {@link #CARD4}: the chain is asked only with no alnum at p-1, not GLUE after an alnum
 *       ({@code gluedBefore}) unless len ≥ 13 or len ≥ 4 before another separator ({@code labelGlued}; CARD4 allows GLUE after an alnum), 2-6 at p, len ≥ 3 (D at p+1, p+2), and len ≥ 13 or (len ≤ 6 and
 *       {@code cardGroupAfter(runEnd)}: three digits from runEnd + 1, or from runEnd + 2 when the character there is the
 *       one at runEnd). CARD3, len == 3: no D at p+3; D at p+4 or the same class as p+3 or a blank and a dash (two
 *       characters read as one separator, {@code CardDetector.sepEnd}: identical, a surrogate pair, both OTHER, or a
 *       blank beside a dash since branch digits6: CARD_GROUP); D at p+5 and p+6 (the group starts at p+4 or p+5).
 *       CARD4, len ≥ 4: D at p+3; at p+5 and at p+6 the pair (a, b) has a D or is CARD_GROUP's: len == 4 puts
 *       the group at p+5 (D at p+5, p+6) or at p+6 with p+4, p+5 one separator (D at p+6); len == 5 has D at p+4 and
 *       at p+6 D or p+5, p+6 one separator; len ≥ 6 has D at p+4, p+5.</li>
 *   <li>{@link #SSN}: {@code SsnDetector.at} is called with len == 3 and finds a number only with no D at p-1,
 *       not an SSN_SEP other than a blank or tab after D or {@code )}, an area below 900 (0-8 at p, D at p+1, p+2), a separator
 *       ({@code SsnDetector.separator}: SSN_SEP, one of {@code space - . / _}) at p+3, one or three in all before
 *       the group's two digits, or two with a blank (SPACE: a blank or tab; two blanks since branch digits5, a blank
 *       beside another SSN_SEP since digits6): p+3 … p+6 is SSN_SEP D D SSN_SEP, SSN_SEP SSN_SEP SSN_SEP D or SSN_SEP
 *       SSN_SEP D D, so p+4 is D or SSN_SEP, the pair at p+5 is (D, D), (SSN_SEP, SSN_SEP) or (SSN_SEP, D), the pair
 *       at p+6 (D, SSN_SEP), (SSN_SEP, D) or (D, D).</li>
 *   <li>Phone, digit starts: {@code PhoneDetector.at} (pure: its scratch groups are written before they are read) is
 *       called only after {@code chainMayStart} (no alnum, {@code +} or {@code )} at p-1, not a SEP other than a
 *       blank or tab after D or {@code )}). The number found is a prefix of the chain read (the longest that is a
 *       number, {@code match}) with at least 9 digits, so p … p+6 lie in it. Its groups are joined by a separator of
 *       one to three SEP characters, or by one {@code +} between two digits (a form-encoded blank), or by nothing
 *       next to a bracket; brackets are OPENS ({@code ( [}) and CLOSES ({@code ) ]}; SQUARE stands for both
 *       square brackets). Every phone lane below also lets through the pairs (D, {@code +}), (CLOSES, {@code +}) and ({@code +}, D)
 *       ({@code plus}). A national number is NANP ({@code nanp}), has a trunk prefix ({@code trunk}), or is
 *       Brazil's bracketed form (a {@code (} start). {@link #P3}, called with len == 3 and 1-9 at p: NANP without
 *       country code (the trunk form needs 0 at p) or a Chinese mobile number (1 at p, since branch digits5): the first
 *       group ends at p+3 and the next is unbracketed after one to three SEP, so SEP at p+3; p+4 is D or SEP; at p+5
 *       (D, D) or (SEP, D or SEP); at p+6 (D, D) or (SEP, D). Since branch phone9 P3 is also called with len == 2,
 *       a blank after the run (Brazil's {@code 11 91234-5678}), and finds a number only as
 *       {@code PhoneDetector.brazilShape} reads it: D at p+1, a blank at p+2, 9 at p+3, D at p+4 … p+6; so p+2 may
 *       also be a blank, and the pair at p+3 (blank, 9). {@link #P1}, called with len == 1, "1" or "8" and SEP or OPENS after it: NANP with country
 *       code 1 or Russia's trunk prefix 8 ({@code russia}: an area from 3, then any digit first),
 *       one to three SEP (or none before a bracket), the area (2-9 first) bracketed or not, then the exchange; the
 *       layouts of p+1 … p+6 give the pairs of the table (a D is followed by D within the area; after SEP come SEP,
 *       2-9 or OPENS, and since branch nat8 any D, NANP dashed throughout having any area: {@code 1-123-456-7890};
 *       after OPENS 2-9; after the area SEP, D or CLOSES). {@link #P0}, called with 0 at p and 1-9
 *       at p+1: the trunk form only (an area starts with 2-9): groups of digits joined by separators, the second
 *       group alone may be bracketed ({@code 03(1234)5678}), 9 digits or more, so p+1 … p+6 hold D; SEP after D, SEP
 *       or CLOSES; OPENS after D or SEP; CLOSES after D ({@code TRUNK}); since branch digits5 a blank after OPENS and CLOSES after a
 *       blank too (blanks inside the bracketed group, {@code PhoneDetector.bracketed}). Since branch nat8 P0 is
 *       also called with 0 at p and 0 at p+1 (any D at p+1): an international prefix ({@code PhoneDetector.exitCode}:
 *       {@code 00} or {@code 011} and one blank, or {@code 00} glued to the country code, {@code 0044 20 …}) before a
 *       chain read as after a {@code +} with 8 digits or more after the prefix, so p … p+6 lie in the number; p+1 is D,
 *       p+2 D or a blank, and from there on the pairs are those of the prefix and of an international chain
 *       ({@code CHAIN_LINK} of PP, allowed beside TRUNK at p+2 … p+6: a prefix's pairs (D, D), (D, blank), (blank, D)
 *       are TRUNK's).</li>
 *   <li>{@link #PP}, {@code +}, {@code (} or {@code [}: a {@code +} is tried only with no alnum and no {@code +} at
 *       p-1 ({@code plusMayStart}), a bracket only after {@code chainMayStart}; the number read by {@code match} is
 *       a chain of groups of digits or bracketed digits, joined as above, with 8 digits or more (an international
 *       one: after the {@code +} D, OPENS ({@code +(44)}) or a blank ({@code + 44}) at p+1) or 9 or more (a national
 *       one starting with a bracket), so p+2 … p+6 lie in the chain, where D is followed by D, SEP, OPENS or CLOSES;
 *       SEP by D, OPENS or SEP; {@code (} by D; CLOSES by D, SEP or OPENS ({@code CHAIN_LINK}). Since branch digits5
 *       a bracketed group may have one blank inside after its opening bracket and before its closing one
 *       ({@code PhoneDetector.bracketed}: {@code ( 415 )}, {@code (0 20)}): OPENS may be followed by a blank (at p+1
 *       too, a national number starting there), {@code (} by a blank, and a blank by CLOSES.</li>
 * </ul>
 */
final class Window {

    static final int IBAN = 1;
    static final int CARD3 = 1 << 1;
    static final int CARD4 = 1 << 2;
    static final int SSN = 1 << 3;
    static final int P3 = 1 << 4;
    static final int P1 = 1 << 5;
    static final int P0 = 1 << 6;
    static final int PP = 1 << 7;

    // Character classes: each condition below is a function of them.
    private static final int C0 = 0;
    private static final int C1 = 1;
    private static final int C2_6 = 2;
    private static final int C7_8 = 3;
    private static final int C9 = 4;
    private static final int UPPER = 5;
    private static final int LOWER = 6; // other ASCII letters
    private static final int SPACE = 7;
    private static final int MINUS = 8;
    private static final int DOT_SLASH = 9; // '.' and '/'
    private static final int UNDERSCORE = 10;
    private static final int OPEN = 11;
    private static final int CLOSE = 12;
    private static final int PLUS = 13;
    static final int OTHER = 14; // other ASCII, every non-ASCII character, outside the text
    private static final int SQUARE = 15; // '[' and ']': a phone group's brackets as well as '(' and ')'

    /** The class of each char (64 KiB, so that the scan indexes it by the char without a range test). */
    static final byte[] CLASS = new byte[65536];
    /** Ways closed by the pair (previous class, class) at each offset, at index {@code previous << 4 | class}. */
    static final long[] DEAD = new long[256];

    private Window() {
    }

    /** {@link #DEAD} with the ways of detectors not requested closed in every lane, per set of ways requested. */
    private static final long[][] DEAD_BY_WAYS = new long[256][];

    /** {@link #DEAD} for the ways {@code ways} ({@link #ways}): the other ways closed in every lane. */
    static long[] dead(int ways) {
        return DEAD_BY_WAYS[ways];
    }

    /** The ways of the requested detectors. */
    static int ways(boolean iban, boolean card, boolean ssn, boolean phone) {
        return (iban ? IBAN : 0) | (card ? CARD3 | CARD4 : 0) | (ssn ? SSN : 0) | (phone ? P3 | P1 | P0 | PP : 0);
    }

    // Sets of classes.
    private static final int D = 1 << C0 | 1 << C1 | 1 << C2_6 | 1 << C7_8 | 1 << C9;
    private static final int D2_9 = 1 << C2_6 | 1 << C7_8 | 1 << C9;
    private static final int D1_9 = D2_9 | 1 << C1;
    private static final int D0_8 = D & ~(1 << C9);
    private static final int U = 1 << UPPER;
    private static final int ALNUM = D | U | 1 << LOWER;
    private static final int LETTER = U | 1 << LOWER; // an ASCII letter (a lower-case IBAN's, since branch digits5)
    private static final int SEP = 1 << SPACE | 1 << MINUS | 1 << DOT_SLASH;
    private static final int GLUE = 1 << MINUS | 1 << DOT_SLASH | 1 << UNDERSCORE;
    private static final int SSN_SEP = 1 << SPACE | 1 << MINUS | 1 << DOT_SLASH | 1 << UNDERSCORE | 1 << PLUS;
    private static final int IBAN_SEP = SEP | 1 << PLUS | 1 << UNDERSCORE; // '_' since branch digits6
    private static final int CHAIN_PREV = ~ALNUM & ~(1 << PLUS | 1 << CLOSE);
    /** Brackets of a phone group: '(' or '[' opens, ')' or ']' closes (SQUARE is either). */
    private static final int OPENS = 1 << OPEN | 1 << SQUARE;
    private static final int CLOSES = 1 << CLOSE | 1 << SQUARE;
    private static final int ANY_CLASS = ~0;

    private static boolean in(int set, int c) {
        return (set >>> c & 1) != 0;
    }

    /** A condition on the pair (a, b) of classes at one offset. */
    private interface Pair {
        boolean test(int a, int b);
    }

    private static Pair b(int set) {
        return (a, b) -> in(set, b);
    }

    private static final Pair ANY = b(ANY_CLASS);
    /** PhoneDetector.chainMayStart at p, on (p-2, p-1). */
    private static final Pair CHAIN = (a, b) -> in(CHAIN_PREV, b) && !(in(SEP & ~(1 << SPACE), b) && in(D | 1 << CLOSE, a));
    /** No alnum before a card, and not glued to one by GLUE (Chars.gluedBefore). */
    private static final Pair CARD_BEFORE = (a, b) -> !in(ALNUM, b) && !(in(GLUE, b) && in(ALNUM, a));
    /** No alnum before a card whose first run may have 13-19 digits (such a run may be glued: DigitScanner.visit). */
    private static final Pair CARD_RUN_BEFORE = (a, b) -> !in(ALNUM, b);
    /** A digit, or two characters that may be one separator (CardDetector.sepEnd: equal classes, a blank and a dash). */
    private static final Pair CARD_GROUP = (a, b) -> in(D, a) || in(D, b) || a == b || a == SPACE && b == MINUS
            || a == MINUS && b == SPACE;
    private static final Pair TRUNK = (a, b) -> in(D, b) || in(SEP, b) && in(D | SEP | CLOSES, a)
            || in(OPENS, b) && in(D | SEP, a) || in(CLOSES, b) && in(D, a)
            || b == SPACE && in(OPENS, a) || in(CLOSES, b) && a == SPACE; // "03( 1234 )5678" (PhoneDetector.bracketed)
    /**
     * {@code p} or a {@code +} between two digits, or after a closing bracket and before a digit (a form-encoded blank
     * in a phone chain: {@code 415+555+0133}, {@code (415)+555-0133}).
     */
    private static Pair plus(Pair p) {
        return (a, b) -> p.test(a, b) || in(D | CLOSES, a) && b == PLUS || a == PLUS && in(D, b);
    }

    private static final Pair CHAIN_LINK = (a, b) -> in(D | SEP | OPENS | CLOSES, b)
            && (!in(SEP, a) || in(D | OPENS | SEP, b) || a == SPACE && in(CLOSES, b)) && (a != OPEN || in(D | 1 << SPACE, b))
            && (a != CLOSE || in(D | SEP | OPENS, b)) && (a != SQUARE || in(D | SEP | OPENS, b));

    static {
        for (int c = 0; c < CLASS.length; c++) {
            CLASS[c] = (byte) classOf(c);
        }
        Pair[][] ways = new Pair[8][];
        ways[0] = new Pair[] {(a, b) -> in(U, a) && in(U | 1 << SPACE, b) || in(LETTER, a) && in(LETTER, b), b(D), b(D),
            b(D | LETTER | IBAN_SEP), (a, b) -> in(D | LETTER, b) || a == b && in(IBAN_SEP, b),
            (a, b) -> in(D | LETTER, b) || in(D | U, a) && in(1 << SPACE, b), b(D | LETTER | 1 << SPACE),
            b(D | LETTER | 1 << SPACE)}; // IBAN
        ways[1] = new Pair[] {CARD_BEFORE, b(1 << C2_6), b(D), b(D), b(~D), CARD_GROUP, b(D),
            b(D)}; // CARD3
        ways[2] = new Pair[] {CARD_RUN_BEFORE, b(1 << C2_6), b(D), b(D), b(D), ANY, CARD_GROUP, CARD_GROUP}; // CARD4
        ways[3] = new Pair[] {(a, b) -> !in(D, b) && !(in(SSN_SEP & ~(1 << SPACE), b) && in(D | 1 << CLOSE, a)), b(D0_8), b(D),
            b(D), b(SSN_SEP), b(D | SSN_SEP), (a, b) -> in(D, a) && in(D, b) || in(SSN_SEP, a) && in(SSN_SEP | D, b),
            (a, b) -> in(D, a) && in(SSN_SEP, b) || in(SSN_SEP, a) && in(D, b) || in(D, a) && in(D, b)}; // SSN
        ways[4] = new Pair[] {CHAIN, b(D1_9), b(D), b(D | 1 << SPACE), plus((a, b) -> in(SEP, b) || a == SPACE && b == C9),
            plus(b(D | SEP)),
            plus((a, b) -> in(D, a) && in(D, b) || in(SEP, a) && in(D | SEP, b)),
            plus((a, b) -> in(D, a) && in(D, b) || in(SEP, a) && in(D, b))}; // P3
        ways[5] = new Pair[] {CHAIN, b(1 << C1 | 1 << C7_8), plus(b(SEP | OPENS)),
            plus((a, b) -> in(SEP, a) && in(D | OPENS | SEP, b) || in(OPENS, a) && in(D2_9, b)),
            plus((a, b) -> in(D, a) && in(D, b) || in(SEP, a) && in(D | OPENS | SEP, b) || in(OPENS, a) && in(D2_9, b)),
            plus((a, b) -> in(D, a) && in(D, b) || in(SEP, a) && in(D | OPENS, b) || in(OPENS, a) && in(D2_9, b)),
            plus((a, b) -> in(D, a) && in(D | SEP | CLOSES, b) || in(OPENS, a) && in(D2_9, b)),
            plus((a, b) -> in(SEP, a) && in(SEP | D, b) || in(D, a) && in(D | SEP | CLOSES, b)
                || in(CLOSES, a) && in(D | SEP, b))}; // P1
        Pair trunk = plus((a, b) -> TRUNK.test(a, b) || CHAIN_LINK.test(a, b)); // CHAIN_LINK: after "00 " (nat8)
        ways[6] = new Pair[] {CHAIN, b(1 << C0), b(D), trunk, trunk, trunk, trunk, trunk}; // P0
        Pair link = plus(CHAIN_LINK);
        ways[7] = new Pair[] {(a, b) -> !in(ALNUM, b) && b != PLUS, b(1 << PLUS | OPENS),
            (a, b) -> in(D, b) || a == PLUS && in(1 << SPACE | OPENS, b) || in(OPENS, a) && b == SPACE, link, link, link,
            link, link}; // PP
        for (int a = 0; a < 16; a++) {
            for (int b = 0; b < 16; b++) {
                long d = 0;
                for (int way = 0; way < 8; way++) {
                    for (int lane = 0; lane < 8; lane++) {
                        if (!ways[way][lane].test(a, b)) {
                            d |= 1L << (lane * 8 + way);
                        }
                    }
                }
                DEAD[a << 4 | b] = d;
            }
        }
        for (int kinds = 0; kinds < 16; kinds++) {
            int w = ways((kinds & 1) != 0, (kinds & 2) != 0, (kinds & 4) != 0, (kinds & 8) != 0);
            long[] table = new long[256];
            for (int k = 0; k < 256; k++) {
                table[k] = DEAD[k] | (~w & 0xFFL) * 0x0101_0101_0101_0101L;
            }
            DEAD_BY_WAYS[w] = table;
        }
    }

    private static int classOf(int c) {
        if (c >= '0' && c <= '9') {
            return c == '0' ? C0 : c == '1' ? C1 : c <= '6' ? C2_6 : c <= '8' ? C7_8 : C9;
        }
        if (c >= 'A' && c <= 'Z') {
            return UPPER;
        }
        if (c >= 'a' && c <= 'z') {
            return LOWER;
        }
        return switch (c) {
            case ' ', '\t' -> SPACE; // a tab separates phone and SSN parts as a blank does
            case '-' -> MINUS;
            case '.', '/' -> DOT_SLASH;
            case '_' -> UNDERSCORE;
            case '(' -> OPEN;
            case ')' -> CLOSE;
            case '+' -> PLUS;
            case '[', ']' -> SQUARE;
            default -> OTHER;
        };
    }
}
