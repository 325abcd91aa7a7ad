package org.privacymetrics.core.pii;

/**
 * The detectors' work budget for one value: a deterministic bound on what reading a value may cost, checked before the
 * detectors run, that fails closed. A value of at least {@link #MIN_LENGTH} characters whose reading would cost more
 * than {@link #PER_CHAR} units per character is not read: the whole value is one finding of {@link PiiKind#DENSE}, and
 * is masked (or dropped, or refused, as the ingest scrub's {@code detectors.dense} says) and counted under that name.
 * The same idea as Elasticsearch's {@code script.painless.regex.limit-factor}: a cost bounded by a factor of the input's
 * length, fixed in advance, so that a hostile value costs the node no more than a few times plain text of its size.
 * <p>
 * <b>The units.</b> One unit is what the engine spends on a character of plain prose (an ASCII letter or a blank,
 * about 4.6 ns on the benchmark machine, docs/benchmarks.md). A character that some detector stops at costs more, and
 * is charged as what folding reads ({@link #weightOf}): a digit {@link #DIGIT}, an at-sign {@link #AT} (the e-mail
 * pass reads the words either side of it), other punctuation, control and invisible characters {@link #TRIGGER}
 * ({@link #BETWEEN_LETTERS} for punctuation between letters, where no detector stops long). Other non-ASCII
 * characters (accented and non-Latin letters) are charged {@link #OTHER}. The second reading ({@link SecondReading})
 * rescans windows around the places where a value reads two ways; each character of its windows is charged
 * {@link #WINDOW} units (the detectors run again there), known once the second reading is built, before any detector
 * runs ({@link #exceeds(long, int, SecondReading)}). What the characters leave of the budget ({@link #left}) the
 * detectors spend as they run, at the words they stop at and read around (since 2026-12-04, evening: labels {@link #LABEL},
 * {@link #LOOK}; credentials {@link #TOKEN}, {@link #KEY}; since 2026-12-04, late night, the IP pass's dots, colons and dashes
 * {@link #IP_STOP}; {@link Findings#spend}): past it they give up, and the value
 * is masked whole too. Measured, not derived: each weight is at least what the benchmark's costliest shape of that
 * character or stop spends on it; privacy-metrics-core's README explains them.
 * <p>
 * <b>Who is affected.</b> Only values of at least {@link #MIN_LENGTH} characters: a shorter value is always read,
 * whatever its shape, and costs at most about 0.1 ms. A long value passes when fewer than about one character in twenty
 * is a digit or a symbol other than punctuation between words: prose of any script is read, and a long log line full
 * of numbers, a list of addresses, a hex dump or a run of symbols is masked whole. Metric events carry short values
 * (names, plans, device classes): a value over 1 KiB that is mostly digits and symbols is not one the dashboards can
 * use, and reading it is what an attacker would make the node do.
 */
public final class WorkBudget {

    /** The shortest value the budget applies to: shorter values are always read in full. */
    public static final int MIN_LENGTH = 1024;
    /** Units a value may cost per character. */
    public static final int PER_CHAR = 3;
    /** Units charged for a character that a detector stops at. */
    static final int TRIGGER = 40;
    /**
     * Units charged for a digit (of any script, as folding reads it): the four digit detectors, the IP passes and the
     * labels all stop at digits; at 40 the shapes at the budget's edge made of digits cost 3.2-3.5x plain text.
     */
    static final int DIGIT = 60;
    /** Units charged for an at-sign: the e-mail pass reads the words either side of each. */
    static final int AT = 80;
    /** Units charged for another non-ASCII character. */
    static final int OTHER = 1;
    /** Units charged for each character of the second reading's windows. */
    static final int WINDOW = 6;
    /**
     * Units charged for punctuation between two characters of one unit (letters of any script, blanks): no detector
     * stops long there. Measured between letters (Latin, hexadecimal, CJK), one symbol every two to three characters
     * with the budget off: 0.5-2.7 units for every ASCII and CJK punctuation mark but {@code :} and {@code =} (3.7) and
     * the three that start escapes, {@code % & \} (5-6), which stay at {@link #TRIGGER} like {@code @}, digits,
     * invisible characters and specials; nor brackets {@code ( ) [ ] { } < >}, which make groups and bracketed
     * at-signs ({@code a(at)} between letters read at up to 1800x plain text when relieved). So prose of any script,
     * CJK prose with its full-width marks included, is charged about two units a character. Two marks together
     * between letters ({@code 」！}) are both relieved; a mark beside a digit, at either end of the value or in the
     * middle of a run of three is charged in full.
     */
    static final int BETWEEN_LETTERS = 4;

    /**
     * Units charged for a combining mark after a letter (since 2026-12-04): a non-spacing mark ({@code Mn}: Thai vowels
     * and tone marks, Devanagari virama and nukta, Arabic harakat, the accents of decomposed Latin) or a zero-width
     * joiner or non-joiner, right after a character of one unit, or after such a mark with one after it (a stack of two:
     * Vietnamese {@code ệ} decomposed, Arabic shadda and fatha). Folding leaves them out, and the detectors read the
     * letters around them; charged as a stop ({@link #TRIGGER}) they made prose of these scripts (and decomposed
     * Vietnamese) over the budget at 1 KiB and masked whole. A mark after a digit or a symbol, or the middle of a run of
     * three, is charged in full: gaps between digits are read a second way.
     */
    static final int AFTER_LETTER = 4;

    /**
     * Units charged for each label the label pass reads a word back as ({@link LabeledNumbers}: three letters that end a
     * label, then a gap character, and the word is one), for each connector word it reads after a label, and for an
     * IBAN's run after {@code iban}, charged as the detectors run ({@link Findings#spend}). Since 2026-12-04, evening: charged as
     * the letters they are, {@code ssn ssn …} and {@code IBAN IBAN …} after a few digits cost 5-7 times plain text.
     */
    static final int LABEL = 30;

    /**
     * Units charged for a short look back that finds nothing to read further: where the label pass reads a word back
     * that ends like a label but is none ({@code while}, {@code customer}, {@code all}: one compare, a few nanoseconds;
     * common in prose, so charged little), and, with 2 units a character of the name, where the token pass reads a key
     * name back before {@code :} or {@code =} ({@link KeyedSecrets}).
     */
    static final int LOOK = 6;

    /**
     * Units charged for each credential the token pass starts to read after a word ({@link TokenDetector}: a scheme
     * word, a token prefix, a JWT header; {@link KeyedSecrets}: an option after a blank, a netrc {@code password}),
     * charged as the detectors run. Since 2026-12-04, evening: charged as the letters they are, {@code Basic+…} repeated cost
     * 3.4 times plain text.
     */
    static final int TOKEN = 30;

    /**
     * Units charged for each header or key name the token pass reads a value after ({@link TokenDetector}:
     * {@code Authorization}, {@code api-key}; {@link KeyedSecrets}: a key naming a secret before {@code :} or
     * {@code =}): such an attempt reads the separator and up to 20 characters of a credential after the name, more than
     * a scheme word's; a key's value is charged a unit a character on top ({@link KeyedSecrets}: it is read whole to
     * judge it). Since 2026-12-04, evening: {@code xoxb-apikey:glpat-…} repeated cost 3.7 times plain text, and at 30 units
     * {@code api-key} and {@code Authorization:} at the budget's edge 3.1-3.5 times.
     */
    static final int KEY = 60;

    /**
     * Units charged for each stop of the IP pass ({@link IpDetector#scan}: a dot, colon or dash, or a bracket of a
     * defanged dot), charged as it runs. Since 2026-12-04, late night: the pass runs only in a value with digits, and then
     * stops at every dot between words, which the relief charges {@link #BETWEEN_LETTERS}, measured without digits;
     * {@code ٤ ٤ .ey .ey …} at the budget's edge cost 3.2-3.6 times plain text, a third of its excess over 3 the IP pass
     * at its dots (about 1.6 units each).
     */
    static final int IP_STOP = 2;

    private WorkBudget() {
    }

    /** Whether {@code chars} is long enough for the budget to apply. */
    static boolean applies(int length) {
        return length >= MIN_LENGTH;
    }

    /** The first reading's cost of {@code chars} in units ({@link WorkBudget}: one per plain character and more). */
    public static long cost(char[] chars) {
        return upperCost(chars) - relief(chars);
    }

    /**
     * The cost of {@code chars} with no punctuation relieved ({@link #BETWEEN_LETTERS}): at least {@link #cost}, one
     * table look-up a character. A value within the budget at this cost is within it; {@link #relief} is looked at
     * only for one that is not (PiiScanner).
     */
    static long upperCost(char[] chars) {
        long units = 0;
        for (char c : chars) {
            units += WEIGHTS[c];
        }
        return units;
    }

    /**
     * The cost of {@code chars} whose {@link #upperCost} is {@code upper}: exact ({@link #cost}), or {@code upper} when
     * not even every character relieved would bring the value within the budget (digits and symbols alone: the relief
     * pass is spared).
     */
    static long relieve(char[] chars, long upper) {
        long most = (long) (TRIGGER - Math.min(BETWEEN_LETTERS, AFTER_LETTER)) * chars.length;
        return exceeds(upper - most, chars.length) ? upper : upper - relief(chars);
    }

    /**
     * What punctuation between letters and combining marks after them take off {@link #upperCost}
     * ({@link #BETWEEN_LETTERS}, {@link #relievedOf}, {@link #AFTER_LETTER}).
     */
    static long relief(char[] chars) {
        int n = chars.length;
        if (n < 3) {
            return 0; // neither end is relieved
        }
        // Without a branch on the input: the classes of a character and its two neighbours, two bits each, in a window
        // that slides a character a step, look up the middle one's relief (a branch per character cost 7 ns a
        // character on random symbols, mispredicted; this about 1.5).
        long relief = 0;
        int window = CLASS[chars[0]] << 2 | CLASS[chars[1]];
        for (int i = 2; i < n; i++) {
            window = (window << 2 | CLASS[chars[i]]) & 63;
            relief += RELIEF[window];
        }
        return relief;
    }

    /** Units for one character, whatever its neighbours. */
    static int weight(char c) {
        return WEIGHTS[c];
    }

    /** Whether {@code c} is charged {@link #BETWEEN_LETTERS} between two characters of one unit. */
    static boolean relieved(char c) {
        return CLASS[c] == MARK;
    }

    /** Whether {@code c} is charged {@link #AFTER_LETTER} after a character of one unit. */
    static boolean combining(char c) {
        return CLASS[c] == COMBINING;
    }

    // weightOf(c) for every UTF-16 unit, built once (64 KiB): one look-up per character, no branch on random input.
    private static final byte[] WEIGHTS = new byte[65536];
    // The class of every UTF-16 unit for the relief: OTHER, ONE (charged one unit), MARK (relievedOf) or COMBINING
    // (combiningOf).
    private static final byte[] CLASS = new byte[65536];
    private static final int OTHER_CLASS = 0;
    private static final int ONE = 1;
    private static final int MARK = 2;
    private static final int COMBINING = 3;
    // The relief of the middle character of three, by their classes (two bits each, the first highest): a mark with a
    // character of one unit on one side and one of one unit or another mark on the other; a combining mark after a
    // character of one unit, or after another combining mark with one of one unit after it.
    private static final int[] RELIEF = new int[64];

    static {
        for (int c = 0; c < 65536; c++) {
            WEIGHTS[c] = (byte) weightOf((char) c);
            CLASS[c] = (byte) (relievedOf((char) c) ? MARK : combiningOf((char) c) ? COMBINING
                    : WEIGHTS[c] == 1 ? ONE : OTHER_CLASS);
        }
        for (int before = 0; before < 4; before++) {
            for (int after = 0; after < 4; after++) {
                boolean relieved = before == ONE ? after == ONE || after == MARK : before == MARK && after == ONE;
                RELIEF[before << 4 | MARK << 2 | after] = relieved ? TRIGGER - BETWEEN_LETTERS : 0;
                boolean joined = before == ONE || before == COMBINING && after == ONE;
                RELIEF[before << 4 | COMBINING << 2 | after] = joined ? TRIGGER - AFTER_LETTER : 0;
            }
        }
    }

    /** A non-spacing mark, or a zero-width joiner or non-joiner, that folding leaves out ({@link #AFTER_LETTER}). */
    private static boolean combiningOf(char c) {
        // not the variation selectors (U+FE00-U+FE0F, Mn too): an emoji's presentation, nothing a script needs
        return weightOf(c) == TRIGGER && Fold.map(c) == Fold.DROP && c < 0xFE00
                && (Character.getType(c) == Character.NON_SPACING_MARK || c == '\u200C' || c == '\u200D');
    }

    /**
     * Punctuation that costs little between letters ({@link #BETWEEN_LETTERS}): a character charged {@link #TRIGGER}
     * that is, or folds to, ASCII punctuation other than {@code : = % & \} and control characters, or is a mark of
     * general punctuation or CJK symbols (U+2010-U+2027, U+2030-U+205E, U+3001-U+303F) that folding keeps.
     */
    private static boolean relievedOf(char c) {
        if (weightOf(c) != TRIGGER) {
            return false;
        }
        char m = c < 128 ? c : Fold.map(c);
        if (m < 128) {
            // brackets are not relieved: found by the attack review of the relief (2026-12-04), bracketed at-signs and
            // groups between letters ("a(at)", "中(ab)中") cost the e-mail pass far more than 4 units
            return m > ' ' && m < 127 && ":=%&\\()[]{}<>".indexOf(m) < 0;
        }
        return m != Fold.DROP && (c >= 0x2010 && c <= 0x2027 || c >= 0x2030 && c <= 0x205E || c >= 0x3001 && c <= 0x303F);
    }

    /**
     * A character is charged as what the detectors read: as the ASCII character it folds to ({@link Fold#map}: digits
     * of every script, {@code · − ։ ⁽ ⁾} and the no-break space read as {@code 0-9 . - : ( )} and a blank, found by the
     * attack review of the budget, 2026-12-03), as a stop when folding leaves it out (an invisible character between
     * digits is read a second way), and otherwise by its block.
     */
    private static int weightOf(char c) {
        char m = c < 128 ? c : Fold.map(c);
        if (m < 128) {
            return m == ' ' || (m | 0x20) >= 'a' && (m | 0x20) <= 'z' ? 1 : m == '@' ? AT : m >= '0' && m <= '9' ? DIGIT : TRIGGER;
        }
        if (m == Fold.DROP || c >= 0x2000 && c <= 0x206F || c >= 0x3000 && c <= 0x303F || c >= 0xD800 && c <= 0xDFFF
                || c >= 0xFE00) {
            return TRIGGER;
        }
        return OTHER;
    }

    /**
     * The units the detectors may spend at their stops in a value of {@code length} characters whose characters cost
     * {@code units} and whose {@code second} readings' windows are charged too: the rest of its budget.
     */
    static long left(long units, int length, SecondReading second) {
        long total = units;
        for (SecondReading r = second; r != null; r = r.also) {
            int[] w = r.windows();
            for (int i = 0; i < w.length; i += 2) {
                total += (long) WINDOW * (w[i + 1] - w[i]);
            }
        }
        return (long) PER_CHAR * length - total;
    }

    /** Whether a value of {@code length} characters costing {@code units} is over its budget. */
    public static boolean exceeds(long units, int length) {
        return units > (long) PER_CHAR * length;
    }

    /**
     * Whether a value of {@code length} characters whose first reading costs {@code units} is over its budget once the
     * windows of its second reading ({@code second}, and the readings chained to it, or null) are charged.
     */
    static boolean exceeds(long units, int length, SecondReading second) {
        return left(units, length, second) < 0;
    }
}
