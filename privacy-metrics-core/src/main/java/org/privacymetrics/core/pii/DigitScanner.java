package org.privacymetrics.core.pii;


/**
 * One pass for the detectors that start at digits: IBANs (at their check digits), cards, SSNs and phone numbers. A
 * digit run is visited at its first digit (no number of these kinds starts inside a run: a digit would precede it),
 * and {@code +}, {@code (} and {@code [} (phone numbers only); each requested detector is asked whether a number starts there.
 * Each detector keeps its own resume point: after a finding it skips the positions the finding covers, as when it ran
 * alone, so the findings of each kind are exactly those of a separate scan. The pass reads the text with its line
 * breaks as blanks ({@link LineBreaks}, since branch digits5: a copy, of the same length, only when it has one).
 * <p>
 * <b>First stage: a window filter without a branch per character.</b> Before the detectors' own conditions are
 * tested at a position p, a filter ({@link Window}) rules out almost every position of digit-dense text from the
 * characters p-2 … p+6 alone: each way a number can start there (an IBAN's check digits, a card's first group of 3 or
 * of 4 and more digits, an SSN's area, a phone number's first group of three digits, "1" or "0x…", a {@code +} or
 * {@code (}) is a conjunction of conditions on pairs of neighbouring characters, and all of them are evaluated at once
 * with two table lookups and a shift and an OR per character (shift-or over 8 lanes of 8 bits). The only
 * data-dependent branch per character is "some way is still open here", rarely taken on adversarial text (random
 * symbols, separators between single digits, brackets, dates), where the former visit of every digit run
 * mispredicted several branches each. Stretches where no way is open (words, long digit runs) are skipped to the next
 * possible start as before. Every condition of the filter is a necessary condition of the detector call or finding it
 * guards (proofs at {@link Window}), and each position that passes is handled exactly as before ({@link #visit}), so
 * the findings, the resume points and the card chain's calls are those of the former visit of every run.
 */
final class DigitScanner {

    private final Text t;
    private final char[] s;
    private final int n;
    private final Findings out;
    private int ibanNext; // first position each detector may start at
    private int cardNext;
    private int ssnNext;
    private int phoneNext;
    private final PhoneDetector.Groups groups;
    private final CardDetector.Chain cardChain;
    private int runEnd; // end of the last digit run read by visit
    private boolean stretches; // visit may attempt the card groups after its own directly (cardStretch)

    private DigitScanner(Text t, boolean iban, boolean card, boolean ssn, boolean phone, Findings out) {
        this.t = t;
        this.s = t.s;
        this.n = s.length;
        this.out = out;
        ibanNext = iban ? 0 : Integer.MAX_VALUE;
        cardNext = card ? 0 : Integer.MAX_VALUE;
        ssnNext = ssn ? 0 : Integer.MAX_VALUE;
        phoneNext = phone ? 0 : Integer.MAX_VALUE;
        groups = phone ? new PhoneDetector.Groups() : null;
        cardChain = card ? new CardDetector.Chain(s) : null;
    }

    static void scan(Text t, boolean iban, boolean card, boolean ssn, boolean phone, Findings out) {
        scan(t, DigitMap.of(t.s), iban, card, ssn, phone, out);
    }

    /** {@link #scan(Text, boolean, boolean, boolean, boolean, Findings)} with the map of {@code t}'s digits, built once. */
    static void scan(Text t, DigitMap map, boolean iban, boolean card, boolean ssn, boolean phone, Findings out) {
        // the copy with line breaks as blanks has the same digits and openers at the same places: the map is its too
        t = LineBreaks.asBlanks(t); // line breaks are read as blanks by every digit family
        pass(t, map, iban, card, ssn, phone, out);
        glued(t, map, card, ssn, out);
    }

    /**
     * The detectors' passes of their own after the digit pass (since branch glue8, the same in the reference engine;
     * their findings merge with the others'): cards of a card's own grouping glued to words or written after another
     * number ({@link CardDetector#gluedRun}); SSNs glued by {@code /} or {@code _} after another
     * ({@link SsnDetector#gluedRun}). Since branch digit10 both in one walk (they were two of the same shape): each
     * pass acts only at digit runs that hold a multiple of four, so the walk looks at every fourth character and reads
     * a run whole (back to its first digit, on to its end) where one of those is a digit, then goes on at the next
     * multiple of four after the run. The looks at non-digits are one bit each in the {@code map} (since 2026-12-04,
     * late night: {@link DigitMap#nextDigitAtFour}, 64 characters a step).
     * <p>
     * Why the steps are those of the two former walks: the former card walk made its step at each run holding a
     * multiple of four at or after its resume point {@code cardFrom} (a multiple of four: the card step's return rounded
     * up), i.e. at each run {@code [p, e)} with {@code cardFrom < e} that the walk meets (it meets every run holding
     * a multiple of four, at the first one); the former SSN walk acted at every run of exactly four digits (each holds
     * exactly one multiple of four), in order, and only where a {@code /} or {@code _} is among the four characters
     * after the look ({@link SsnDetector#slashOrUnderscoreAfter}). A look at a digit i is skipped, as by the former SSN
     * walk, when the card pass needs no run there ({@code cardFrom > i}: a run through i that reaches
     * {@code cardFrom} is met again at a later look) and the SSN pass none ending within four characters. Findings may
     * be added in another order than by the two walks; they are merged by start ({@link Findings#merge}).
     * <p>
     * Linear: each look is O(1); a run is read whole once per look that reads it, and every look that reads a run
     * moves the walk past it, so each character is read at most twice by the walk back and forth (the walk back stops
     * at the last run's end, which is no digit) besides the looks; each pass's step at a run is bounded (see
     * {@link CardDetector#gluedRun}, {@link SsnDetector#gluedRun}).
     */
    private static void glued(Text t, DigitMap map, boolean card, boolean ssn, Findings out) {
        if (!card && !ssn) {
            return;
        }
        char[] s = t.s;
        int n = s.length;
        int cardFrom = card ? 0 : Integer.MAX_VALUE; // the card pass's next look: runs ending after it are its
        int lastEnd = -1; // the SSN pass's last glued finding's end
        for (int i = 0; i < n; ) {
            if ((char) (s[i] - '0') > 9) {
                i = map.nextDigitAtFour(i); // the next look at a digit (i is a multiple of four): 64 characters a step
                continue;
            }
            if (cardFrom > i && !(ssn && (SsnDetector.slashOrUnderscoreAfter(s, i) || SsnDetector.dashBefore(s, i)))) {
                i += 4;
                continue;
            }
            int p = i;
            while (p > 0 && (char) (s[p - 1] - '0') <= 9) {
                p--;
            }
            int e = Chars.digitsEnd(s, i + 1); // [p, e) a whole run: p - 1 and e are no digits
            if (cardFrom < e) {
                cardFrom = (CardDetector.gluedRun(s, p, e, out) & ~3) + 4;
            }
            if (ssn) {
                lastEnd = SsnDetector.gluedRun(s, p, e, lastEnd, out);
            }
            i = (e & ~3) + 4; // the next multiple of four after e (e is no digit): every later run of 4 holds one
        }
    }

    private static void pass(Text t, DigitMap map, boolean iban, boolean card, boolean ssn, boolean phone, Findings out) {
        DigitScanner v = new DigitScanner(t, iban, card, ssn, phone, out);
        v.stretches = card;
        char[] s = t.s;
        int n = s.length;
        // Lane 7 (the top byte) of `dead` holds, after character q, the ways that are closed for a start at q - 6
        // (the ways of detectors not requested are closed in every entry of the table).
        int ways = Window.ways(iban, card, ssn, phone);
        long[] table = Window.dead(ways);
        byte[] classes = Window.CLASS;
        int prev = Window.OTHER << 4; // the class of the character before q, shifted: outside the text at q = 0
        long dead = -1L << 8 | table[prev | Window.OTHER]; // no way open for starts before 0; the pair at -1 for 0
        int q = 0;
        while (q < n) {
            int resume = -1;
            for (int end = Math.min(n, q + CHUNK); q < end; q++) {
                int c = classes[s[q]];
                dead = dead << 8 | table[(prev | c) & 0xFF];
                prev = c << 4;
                if (Long.compareUnsigned(dead, ALL_CLOSED) < 0) {
                    resume = v.visit(q - 6, (int) (~dead >>> 56));
                    if (resume > q) {
                        break;
                    }
                }
            }
            if (resume > q) {
                // A stretch of card groups was attempted directly (cardStretch): every start before `resume` is
                // handled, so the window restarts there with its two characters before, as after nextStart.
                prev = classes[s[resume - 1]];
                dead = -1L << 8 | table[classes[s[resume - 2]] << 4 | prev];
                prev <<= 4;
                q = resume;
                continue;
            }
            if ((dead | 0xFF) == -1L && q < n) {
                // No way is open for any start before q (lane 0, the start at q, may be: nextStart tests its pairs
                // itself; until 2026-12-04, late night, the skip waited for lane 0 to close too, which never happens
                // after a letter, where an IBAN's check digits or a glued number may start, so prose was stepped
                // through a character at a time): the next start is a '+' or '(' (phone) or a digit after a
                // non-digit, at or after q and not inside the last run visited. Sparse text (letters, long digit
                // runs) is skipped there as before the filter, and the window restarts with its two characters before.
                int next = nextStart(s, map, Math.max(q, v.runEnd), phone, ways);
                if (next >= n) {
                    return; // no start left: the positions after the text would open nothing
                }
                int before = next >= 2 ? classes[s[next - 2]] : Window.OTHER;
                prev = next >= 1 ? classes[s[next - 1]] : Window.OTHER;
                dead = -1L << 8 | table[before << 4 | prev];
                prev <<= 4;
                q = next;
            }
        }
        v.stretches = false;
        for (; q < n + 6; q++) { // the six positions after the text, for the starts near its end
            dead = dead << 8 | table[prev | Window.OTHER];
            prev = Window.OTHER << 4;
            if (Long.compareUnsigned(dead, ALL_CLOSED) < 0) {
                v.visit(q - 6, (int) (~dead >>> 56)); // no stretch: every start left is within six of the end
            }
        }
    }

    /** The least value of `dead` whose top lane is full: below it, some way is open for the start it holds. */
    private static final long ALL_CLOSED = 0xFF00_0000_0000_0000L;

    /** Characters between two tests for a stretch where no way is open. */
    private static final int CHUNK = 16;

    /**
     * The first position at or after {@code i} that may start a number: a '+', '(' or '[' (phone only), or a digit after a
     * non-digit, where the pairs of the window at offsets -1 and 0 leave a requested way open (a start after a
     * letter, for instance, opens none); or {@code n}.
     */
    private static int nextStart(char[] s, DigitMap map, int i, boolean phone, int ways) {
        int n = s.length;
        byte[] classes = Window.CLASS;
        while (true) {
            i = phone ? map.nextOpener(i) : map.nextDigit(i);
            if (i >= n) {
                return n;
            }
            if (i > 0 && (char) (s[i] - '0') <= 9 && (char) (s[i - 1] - '0') <= 9) {
                i = Chars.digitsEnd(s, i); // inside a run: no start before its end
                continue;
            }
            int a = i >= 2 ? classes[s[i - 2]] : Window.OTHER;
            int b = i >= 1 ? classes[s[i - 1]] : Window.OTHER;
            long[] table = Window.dead(ways);
            int shut = (int) table[a << 4 | b] | (int) (table[b << 4 | classes[s[i]]] >>> 8);
            if ((shut & 0xFF) != 0xFF) {
                return i;
            }
            i++;
        }
    }

    /**
     * The scan without the window filter: every digit run's first digit, and every {@code +}, {@code (} and {@code [} when phone
     * numbers are requested, visited as before the filter; the oracle of {@code DigitScannerTest}.
     */
    static void scanEveryStart(Text t, boolean iban, boolean card, boolean ssn, boolean phone, Findings out) {
        t = LineBreaks.asBlanks(t);
        DigitScanner v = new DigitScanner(t, iban, card, ssn, phone, out);
        char[] s = t.s;
        for (int i = 0; i < s.length; i++) {
            char c = s[i];
            if ((char) (c - '0') <= 9 ? i == 0 || (char) (s[i - 1] - '0') > 9 : phone && (c == '+' || c == '(' || c == '[')) {
                v.visit(i, 0xFF); // stretches false: every start visited
            }
        }
        glued(t, DigitMap.of(t.s), card, ssn, out);
    }

    /**
     * The former visit of a position: {@code i} holds {@code +}, {@code (} or {@code [} (phone requested), or the first digit of
     * a run. Every test here is the former one, in the former order, skipped for the detectors whose ways are closed
     * ({@code open}: the ways of {@link Window} the window left open; a closed way is one where the detector would
     * not be called or would find nothing).
     */
    private int visit(int i, int open) {
        char[] s = this.s;
        char d = s[i];
        if ((char) (d - '0') > 9) { // '+', '(' or '[': only a phone number starts here
            if (i >= phoneNext && (d == '+' ? PhoneDetector.plusMayStart(s, i) : PhoneDetector.chainMayStart(s, i))) {
                int end = PhoneDetector.at(t, i, i, groups);
                if (end > 0) {
                    out.add(PiiKind.PHONE, i, end);
                    phoneNext = end;
                }
            }
            return -1;
        }
        // An IBAN starts two letters before its check digits, which start a digit run of 2 or more (a letter
        // precedes them): visiting the runs visits every position where IbanDetector.at can match, in order.
        // National groupings (IbanDetector.loose) also start two letters and a blank before them.
        int c = i >= 1 && s[i - 1] == ' ' ? i - 3 : i - 2;
        if ((open & Window.IBAN) != 0 && i + 1 < n && (char) (s[i + 1] - '0') <= 9 && c >= ibanNext
                && c >= 0 && Chars.asciiLetter(s[c]) && Chars.asciiLetter(s[c + 1])) { // lower case: IbanDetector.at
            int end = c == i - 2 ? IbanDetector.at(s, c) : -1;
            if (end < 0) {
                end = IbanDetector.loose(s, c);
            }
            if (end > 0) {
                out.add(PiiKind.IBAN, c, end);
                ibanNext = end;
            }
        }
        if ((open & ~Window.IBAN) == 0) {
            return -1;
        }
        int runEnd = t.digitsEnd(i + 1);
        this.runEnd = runEnd;
        int len = runEnd - i;
        // Cheap necessary conditions, inline, before any detector is called (each returns -1 without them; the
        // first-group rules are on CardDetector, SsnDetector.at and PhoneDetector.at).
        // Card: the first group has 3 or more digits and starts with 2-6; a card of one group has 13-19 digits,
        // a first group of 3-6 needs a next group of 3 or more digits after one or two separator characters (an
        // attempt stops at once otherwise: CardDetector.Chain); it does not follow a letter, and no "- . / _" glues
        // a first group of 3-6 to a letter or digit before (255.255.255…, 4111-4111-…) unless it has 4-6 digits and
        // another separator follows it (labelGlued: No.4111 1111…, id-4242 4242…; a run of 13-19 may be
        // glued, /cards/4111…, but not be a decimal's fraction, 3311.4587…): tested here, so the chain is asked directly.
        boolean attempted = false;
        if ((open & (Window.CARD3 | Window.CARD4)) != 0 && len >= 3 && d >= '2' && d <= '6' && i >= cardNext
                && (len >= 13 ? !Chars.decimalBefore(s, i) : len <= 6 && cardGroupAfter(s, runEnd) && secondLinks(s, runEnd)
                        && (!Chars.gluedBefore(s, i) || labelGlued(s, i, runEnd)))
                && !Chars.digitGlueAt(s, i - 1)) {
            attempted = true;
            int end = cardChain.attempt(i);
            if (end > 0) {
                out.add(PiiKind.CARD, i, end);
                cardNext = end;
            }
        }
        // SSN: an area of exactly 3 digits, then a separator (SsnDetector.separator).
        if ((open & Window.SSN) != 0 && len == 3 && i >= ssnNext && runEnd < n && SsnDetector.separator(s[runEnd])) {
            int end = SsnDetector.at(s, i, runEnd);
            if (end > 0) {
                out.add(PiiKind.SSN, i, end);
                ssnNext = end;
            }
        }
        // Phone: a national number's first group is "1", three digits from 1, or "0" and a non-zero digit, an
        // international prefix is "00" and 0-3 digits or "011" (PhoneDetector.exitCode, since branch nat8), and a
        // separator or bracket follows it; and no chain goes on through i (PhoneDetector.chainMayStart).
        if ((open & (Window.P3 | Window.P1 | Window.P0)) != 0 && i >= phoneNext && runEnd < n
                && (len == 1 ? d == '1' || d == '8' : len == 3 && d >= '1' || d == '0' && (s[i + 1] != '0' || len <= 5)
                        || len == 2 && (s[runEnd] == ' ' || s[runEnd] == '\t')) // Brazil's "11 91234-5678" (PhoneDetector.brazilShape, phone9; a tab since phone10)
                && PhoneDetector.separatorOrBracket(s[runEnd]) && PhoneDetector.chainMayStart(s, i)) {
            int end = PhoneDetector.at(t, i, runEnd, groups);
            if (end > 0) {
                out.add(PiiKind.PHONE, i, end);
                phoneNext = end;
            }
        }
        return attempted && stretches ? cardStretch(i, runEnd) : -1;
    }

    /**
     * After a card attempt at a group ending at {@code e} (and every other detector's turn there), the card attempts
     * at the groups the chain has already read after it, made directly, without the window or a visit, while each
     * group's start is one that only the card detector can use. Returns the end of the last group attempted, where the
     * window restarts (every start before it handled), or -1 if none was.
     * <p>
     * Why only cards can start in the stretch: its digit runs are the chain's groups (its separators are not digits),
     * each of 4-6 digits from 2-6, after one or two separator characters that are not '+', '(' or '[' and not
     * alphanumeric (Chain.after). Then at such a group's start the visit's IBAN test fails (the character before is
     * not an upper-case letter), the SSN test fails (an area has exactly 3 digits), the phone test fails (a national
     * number's first group is "1", three digits, or "0" and a non-zero digit); no other position of the stretch is a
     * visit position (digits inside a run; separators that are not '+' or '('). The card test made here is the
     * visit's own, in the same order of positions, so the chain sees the calls of the visit of every start
     * ({@link #scanEveryStart}), and the findings are added in the same order.
     */
    private int cardStretch(int gs, int e) {
        char[] s = this.s;
        CardDetector.Chain chain = cardChain;
        int last = -1;
        int n = this.n;
        while (e + 1 < n) {
            // The separator first (the same one or two characters as s[g - 1]): '+', '(', '[' and one glue character
            // (4111-4111: the next group is glued, no attempt there) end the stretch before the chain is asked.
            char sep = s[e];
            if (sep == '+' || sep == '(' || sep == '[' || (sep == '-' || sep == '.' || sep == '/' || sep == '_') && s[e + 1] != sep) {
                break;
            }
            int g0 = s[e + 1] == sep ? e + 2 : e + 1; // the next group's start, if the chain links to one
            if (g0 >= n || (char) (s[g0] - '1') > 8) {
                break; // no card attempt there, and no uniform run from 1 or 7-9 either (Chain.uniform)
            }
            if ((char) (s[g0] - '2') > 4) {
                // From 1 or 7-9 only a uniform run goes on (the chain's next group is no attempt): it needs G_1
                // linked, i.e. after the group's e - gs digits a separator of the first one's length that passes its
                // tests and a digit (Chain.uniform, group); without one it makes no attempt.
                int p = g0 + (e - gs);
                int sepLen = g0 - e;
                if (p + sepLen >= n || (char) (s[p + sepLen] - '0') > 9 || sepLen == 2 && s[p + 1] != s[p]
                        || s[p] != sep && !CardDetector.Chain.linkSeparator(s[p], sepLen)) {
                    break;
                }
            }
            // A uniform chain ahead (groups of one length and separator): its attempts with one check per group
            // (Chain.uniform, which proves they are those of this loop); it empties the chain, so the stretch ends.
            long u = chain.uniform(gs, e, cardNext);
            if (u >= 0) {
                last = (int) (u >>> 32);
                int end = (int) u;
                if (end > 0) {
                    out.add(PiiKind.CARD, last - (e - gs), end);
                    cardNext = end;
                }
                break;
            }
            long next = chain.nextRead();
            if (next < 0) {
                break;
            }
            int g = (int) (next >>> 32);
            int ge = (int) next;
            char d = s[g];
            int len = ge - g;
            if (len < 4 || len > 6 || d < '2' || d > '6' || g < cardNext || s[g - 1] != sep
                    || Chars.alnum(sep) || (char) (sep - '0') <= 9
                    || !cardGroupAfter(s, ge) || Chars.gluedBefore(s, g)) {
                break;
            }
            int end = chain.attempt(g);
            if (end > 0) {
                out.add(PiiKind.CARD, g, end);
                cardNext = end;
            }
            last = ge;
            gs = g;
            e = ge;
        }
        if (last > 0) {
            runEnd = last;
        }
        return last;
    }

    /**
     * A first group of 4-6 digits {@code [i, e)} glued to a word before by one of {@code - . / _} may start a card if
     * the character after it is another one (since branch digits5, the same in the reference engine): a label glued
     * to a grouped number ({@code No.4111 1111 1111 1111}, {@code item 12-4111 1111 1111 1111},
     * {@code id-4242 4242 4242 4242}); groups joined by the glue character itself ({@code 1.2345.6789.…}, the digit
     * groups of a UUID) and groups of three ({@code 255.255.255…}) stay out. Window: CARD4 (len ≥ 4) already lets GLUE
     * after an alnum through.
     */
    private static boolean labelGlued(char[] s, int i, int e) {
        return e - i >= 4 && s[e] != s[i - 1];
    }

    /**
     * A necessary condition of a card number starting with a group of 3-6 digits ending at {@code e} (since branch
     * cardspeed5; without it no attempt, and no stretch, which would make none: the next group neither links nor has
     * three digits after it): the group after it (one separator character at e, or two identical ones, as the chain reads it) has
     * at most 6 digits and a digit follows one or two characters after them. Proof: the number has 13-19 digits, so it
     * ends after the second group or later; after the second only if that group has 13 - 6 = 7 digits or more, which is
     * no middle group (3-6) and not the 2-digit last group of a 14-digit number, so no end there (Chain.attempt, fresh);
     * later only if the second group links (3-6 digits, one or two identical separator characters, a digit: LINK).
     */
    private static boolean secondLinks(char[] s, int e) {
        int n = s.length;
        int g = CardDetector.sepEnd(s, e);
        int k = g;
        while (k < n && k - g < 7 && (char) (s[k] - '0') <= 9) {
            k++;
        }
        return k - g <= 6 && (k + 1 < n && (char) (s[k + 1] - '0') <= 9 || k + 2 < n && (char) (s[k + 2] - '0') <= 9);
    }

    /** Whether 3 digits follow one separator character at {@code e}, or two read as one (CardDetector.sepEnd). */
    private static boolean cardGroupAfter(char[] s, int e) {
        int g = CardDetector.sepEnd(s, e);
        return g + 3 <= s.length
                && (char) (s[g] - '0') <= 9 && (char) (s[g + 1] - '0') <= 9 && (char) (s[g + 2] - '0') <= 9;
    }
}
