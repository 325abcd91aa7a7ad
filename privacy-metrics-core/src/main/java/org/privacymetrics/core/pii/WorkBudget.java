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
 * about 4.6 ns on the benchmark machine, docs/benchmarks.md). A character that some detector stops at costs more: every
 * ASCII digit, punctuation or control character, and every non-ASCII character that folding reads as one (general
 * punctuation and invisible characters U+2000-U+206F, CJK symbols U+3000-U+303F, full-width forms and specials
 * U+FE00-U+FFFF, and the surrogates of the mathematical digits) is charged {@link #TRIGGER} units, a digit
 * {@link #DIGIT}, an at-sign
 * {@link #AT} (the e-mail pass reads the words either side of it). Measured, not derived: random symbols spend about
 * 91 ns (20 units) on each such character, and shapes built to sit at the budget's edge (a finding every few
 * characters among letters) about twice that; at 40 units the edge shapes stay near 3x plain text. Other non-ASCII
 * characters (accented and non-Latin letters, which folding maps or keeps) are charged {@link #OTHER} units; a
 * character that folding reads as an ASCII one is charged as that one ({@link #weightOf}). The
 * second reading ({@link SecondReading}) rescans windows around the places where a value reads two ways; each character
 * of its windows is charged {@link #WINDOW} units (the detectors run again there, about 25 ns a character), known once
 * the second reading is built, before any detector runs ({@link #exceeds(long, int, SecondReading)}).
 * <p>
 * <b>Who is affected.</b> Only values of at least {@link #MIN_LENGTH} characters: a shorter value is always read,
 * whatever its shape, and costs at most about 0.1 ms. A long value passes when fewer than about one character in twenty
 * is a digit or a symbol (plain prose has three in a hundred); a long log line full of numbers, a list of addresses, a
 * hex dump or a run of symbols is masked whole. Metric events carry short values (names, plans, device classes): a
 * value over 1 KiB that is mostly digits and symbols is not one the dashboards can use, and reading it is what an
 * attacker would make the node do.
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

    private WorkBudget() {
    }

    /** Whether {@code chars} is long enough for the budget to apply. */
    static boolean applies(int length) {
        return length >= MIN_LENGTH;
    }

    /** The first reading's cost of {@code chars} in units ({@link WorkBudget}: one per plain character and more). */
    public static long cost(char[] chars) {
        long units = 0;
        for (char c : chars) {
            units += WEIGHTS[c];
        }
        return units;
    }

    /** Units for one character. */
    static int weight(char c) {
        return WEIGHTS[c];
    }

    // weightOf(c) for every UTF-16 unit, built once (64 KiB): one look-up per character, no branch on random input.
    private static final byte[] WEIGHTS = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            WEIGHTS[c] = (byte) weightOf((char) c);
        }
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

    /** Whether a value of {@code length} characters costing {@code units} is over its budget. */
    public static boolean exceeds(long units, int length) {
        return units > (long) PER_CHAR * length;
    }

    /**
     * Whether a value of {@code length} characters whose first reading costs {@code units} is over its budget once the
     * windows of its second reading ({@code second}, and the readings chained to it, or null) are charged.
     */
    static boolean exceeds(long units, int length, SecondReading second) {
        long total = units;
        for (SecondReading r = second; r != null; r = r.also) {
            int[] w = r.windows();
            for (int i = 0; i < w.length; i += 2) {
                total += (long) WINDOW * (w[i + 1] - w[i]);
            }
        }
        return exceeds(total, length);
    }
}
