package org.privacymetrics.core.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The PII engine: finds e-mail addresses, IP addresses, IBANs, card numbers, SSNs, phone numbers and credentials in
 * text, and masks them. Used by the Logback appender ({@code [masked:<kind>]}) and the Elasticsearch ingest scrub
 * ({@code [redacted:<kind>]}). The rules of each family are documented on its detector class.
 * <p>
 * <b>Linear time.</b> Every detector is a hand-written scanner whose work is bounded by a constant per input
 * character (no regular expressions, no backtracking): an attacker-controlled value of n characters costs O(n),
 * whatever its shape. {@code DetectorBenchmark} measures the worst shapes found so far against plain text.
 * <p>
 * Stateless and thread-safe.
 */
public final class PiiScanner {

    private static final Set<PiiKind> ALL = Collections.unmodifiableSet(EnumSet.allOf(PiiKind.class));

    private PiiScanner() {
    }

    /** Every finding of every kind, ordered by start, not overlapping (see {@link #scan(CharSequence, Set)}). */
    public static List<Finding> scan(CharSequence text) {
        return scan(text, ALL);
    }

    /**
     * The findings of the given kinds, ordered by start. Findings that overlap are merged into one spanning both,
     * reported as the kind that comes first in {@link PiiKind}'s order, so that no part of either is left unmasked.
     */
    public static List<Finding> scan(CharSequence text, Set<PiiKind> kinds) {
        return find(text, kinds, true).toList();
    }

    /**
     * {@link #scan(CharSequence, Set)}'s findings, packed: {@link #mask} and {@link #contains} never box them. Without
     * {@code spans}, only whether there is one is meant: not merged nor mapped back (neither changes that).
     */
    private static Findings find(CharSequence text, Set<PiiKind> kinds, boolean spans) {
        Findings out = new Findings();
        String str = text.toString();
        char[] chars = str.toCharArray(); // one copy; the detectors read the array, not the CharSequence
        // The work budget (WorkBudget): a long value that would cost too much to read is one finding of DENSE, masked
        // whole, before anything else is spent on it.
        boolean budget = kinds.contains(PiiKind.DENSE) && WorkBudget.applies(chars.length);
        // The cost without the relief of punctuation between letters first (one look-up a character); the relief only
        // for a value over the budget without it (CJK prose; WorkBudget.relieve).
        long units = budget ? WorkBudget.upperCost(chars) : 0;
        boolean relieved = false;
        if (budget && WorkBudget.exceeds(units, chars.length)) {
            units = WorkBudget.relieve(chars, units);
            relieved = true;
            if (WorkBudget.exceeds(units, chars.length)) {
                out.add(PiiKind.DENSE, 0, chars.length);
                return out;
            }
        }
        // Asked for DENSE alone (contains(text, DENSE)): whether a scan of every kind would be over the budget, so its
        // second reading is that of every kind, and the detectors run for what they spend at their stops (their findings
        // are left out).
        boolean budgetOnly = kinds.size() == 1 && kinds.contains(PiiKind.DENSE);
        if (budgetOnly) {
            if (!budget) {
                return out;
            }
            kinds = ALL;
        }
        // The text as the detectors read it: look-alikes as ASCII, invisible characters left out (Fold), escapes decoded
        // (Decode); findings are mapped back to the original characters at the end. ASCII text without '%' or '&' is
        // read as it is.
        Reading reading = Reading.of(str, chars);
        Fold.Folded fold = reading.fold();
        Fold.Folded folded = reading.folded();
        // A value that folding or decoding could read two ways (SecondReading) is scanned both ways: the second reading
        // around the places where it differs. None when folding left nothing out, nothing was decoded and no character
        // is at or above U+3001 (full-width text, accented Latin, Cyrillic): SecondReading.of would find no gap between
        // digits (no character left out), no escape (fold is the first reading) and no ideographic comma (U+3001,
        // U+FE11, U+FF64), and return null; its look at every character is spared, unless the text has a '+' (a blank of
        // form encoding, FormBlanks: a plain ASCII value too).
        SecondReading second;
        if (fold == null) { // ASCII without escapes: no gap, comma or escape, only the blanks of form encoding
            second = str.indexOf('+') < 0 ? null : SecondReading.blanksOnly(new Fold.Folded(chars, null, null), kinds);
        } else if (fold == folded && fold.narrow()) {
            second = SecondReading.blanksOnly(fold, kinds);
        } else {
            second = SecondReading.of(fold, folded, kinds);
        }
        if (budget && WorkBudget.exceeds(units, chars.length, second) && !relieved) {
            units = WorkBudget.relieve(chars, units);
            relieved = true;
        }
        if (budget && WorkBudget.exceeds(units, chars.length, second)) {
            out.add(PiiKind.DENSE, 0, chars.length); // its second reading's windows are what it would cost
            return out;
        }
        // What is left is what the detectors may spend at their stops (WorkBudget.LABEL, …); past it they give up, and
        // the value is masked whole too. Reckoned from the cost before the relief when that was within the budget: the
        // relief is added when they run out (Findings.spend), so the verdict is that of the exact cost.
        long left = budget ? WorkBudget.left(units, chars.length, second) : Long.MAX_VALUE;
        Findings found = read(reading, chars, kinds, spans || budgetOnly, second, left, budget && !relieved ? chars : null);
        if (found.overBudget()) {
            out.add(PiiKind.DENSE, 0, chars.length);
            return out;
        }
        return budgetOnly ? out : found;
    }

    /**
     * The findings of the detectors in {@code reading} and its {@code second} readings, which may spend {@code left}
     * units at their stops: those found, or some and {@link Findings#overBudget()}.
     */
    private static Findings read(Reading reading, char[] chars, Set<PiiKind> kinds, boolean spans, SecondReading second,
            long left, char[] unrelieved) {
        Findings out = new Findings();
        out.allow(left, unrelieved);
        detect(reading.text(chars), kinds, out);
        if (out.overBudget()) {
            return out;
        }
        if (!spans) {
            for (SecondReading r = second; r != null && out.count() == 0; r = r.also) {
                Findings more = secondFindings(r, out);
                if (more.count() > 0 || out.overBudget()) {
                    more.allowAsIn(out);
                    return more;
                }
            }
            return out;
        }
        out.merge();
        Fold.Folded folded = reading.folded();
        if (folded != null && folded.moved()) {
            out.mapBack(folded);
        }
        for (SecondReading r = second; r != null && !out.overBudget(); r = r.also) {
            union(out, secondFindings(r, out), r); // the second reading, and that of form blanks beside it
        }
        return out;
    }

    /** {@code out} (merged, mapped back) with the findings {@code more} of the reading {@code second} that add to it. */
    private static void union(Findings out, Findings more, SecondReading second) {
        if (more.count() > 0) {
            more.merge();
            Fold.Folded text = second.text(); // its span maps built now, when a finding is kept (SecondReading#text)
            if (text.moved()) {
                more.mapBack(text);
            }
            int firsts = out.count();
            int j = 0;
            for (int i = 0; i < more.count(); i++) { // both ordered: one walk
                int start = more.start(i);
                int end = more.end(i);
                while (j < firsts && out.end(j) <= start) {
                    j++;
                }
                if (j < firsts && out.start(j) <= start && end <= out.end(j)) {
                    continue; // inside a finding of the first reading: it adds nothing (and keeps that one's kind)
                }
                out.add(more.kind(i), start, end);
            }
            out.merge();
        }
    }

    /**
     * The text as the detectors read it: {@code fold} folded, not yet decoded, and {@code folded} folded and decoded;
     * both {@code null} for ASCII text without '%' or '&' (read as it is).
     */
    record Reading(Fold.Folded fold, Fold.Folded folded) {

        static Reading of(String str, char[] chars) {
            boolean escapes = Fold.mayHaveEscapes(str); // whether the folded text has a '%' or '&', read off the original
            if (Fold.hasNonAscii(chars)) {
                Fold.Folded fold = Fold.apply(chars);
                return new Reading(fold, escapes ? Decode.apply(fold) : fold);
            }
            if (escapes) {
                Fold.Folded fold = new Fold.Folded(chars, null, null);
                return new Reading(fold, Decode.apply(fold));
            }
            return new Reading(null, null);
        }

        /** What the detectors read: the folded and decoded text, or {@code chars} as they are. */
        char[] text(char[] chars) {
            return folded == null ? chars : folded.s();
        }
    }

    /** The findings of the second reading that it keeps ({@link SecondReading#keeps}), in positions of its text. */
    static Findings secondFindings(SecondReading second) {
        return secondFindings(second, new Findings());
    }

    /**
     * {@link #secondFindings(SecondReading)}, its detectors spending at their stops what {@code meter} has left (and
     * taking it off): once over the budget, they stop and {@code meter} is {@link Findings#overBudget()}.
     */
    static Findings secondFindings(SecondReading second, Findings meter) {
        char[] text = second.chars();
        int[] windows = second.windows();
        Findings more = new Findings();
        for (int w = 0; w < windows.length; w += 2) {
            int a = windows[w];
            int b = windows[w + 1];
            Findings part = new Findings(); // allocates nothing until it holds a finding
            part.allowAsIn(meter);
            detect(a == 0 && b == text.length ? text : java.util.Arrays.copyOfRange(text, a, b), second.kinds, part);
            meter.allowAsIn(part);
            if (part.overBudget()) {
                return more;
            }
            part.merge(); // overlapping findings as one before keeps: a finding beside a mark that overlaps one covering it
            for (int i = 0; i < part.count(); i++) {
                int start = part.start(i) + a;
                int end = part.end(i) + a;
                if (second.keeps(start, end, a, b)) {
                    more.add(part.kind(i), start, end);
                }
            }
        }
        return more;
    }

    /** The findings of the given kinds in {@code chars} (the text as the detectors read it), added to {@code out}. */
    private static void detect(char[] chars, Set<PiiKind> kinds, Findings out) {
        PiiCensus census = PiiCensus.of(chars);
        Text t = new Text(chars, census.lineBreaks()); // the digit pass looks for line breaks only if the census saw one
        boolean iban = false;
        boolean card = false;
        boolean ssn = false;
        boolean phone = false;
        // Where the digits are (DigitMap), built once for the three passes that walk from digit to digit, when one runs.
        DigitMap digits = null;
        for (PiiKind kind : kinds) {
            if (out.overBudget()) {
                return; // a detector ran out of the work budget: the value is masked whole, no other one needs to run
            }
            if (census.mayContain(kind)) {
                switch (kind) {
                    case TOKEN -> TokenDetector.scan(chars, out);
                    case EMAIL -> EmailDetector.scan(chars, out);
                    case IP -> {
                        // runs and defanged dots (203[.]0[.]113[.]5, since ipname9) in one walk (since ipsep10)
                        IpDetector.scan(chars, census.ipRuns(), census.defangedIp(), out);
                        if (census.labeledIp()) {
                            digits = DigitMap.of(chars);
                            IpDetector.labeled(chars, digits, out); // ip 203,0,113,5, 203 dot 0 dot 113 dot 5 (since ipsep10)
                        }
                    }
                    case IBAN -> iban = true;
                    case CARD -> card = true;
                    case SSN -> ssn = true;
                    case PHONE -> phone = true;
                    case DENSE -> { } // decided before the detectors run (find, WorkBudget)
                }
            }
        }
        if ((iban || card || ssn || phone) && !out.overBudget()) {
            digits = digits != null ? digits : DigitMap.of(chars);
            DigitScanner.scan(t, digits, iban, card, ssn, phone, out); // the four detectors that start at digits, in one pass
        }
        if ((iban || ssn || phone) && !out.overBudget()) {
            digits = digits != null ? digits : DigitMap.of(chars);
            LabeledNumbers.scan(chars, digits, phone, ssn, iban, out); // numbers after a label naming them (since label8)
        }
    }

    /** Whether {@code text} contains anything of {@code kind}. */
    public static boolean contains(CharSequence text, PiiKind kind) {
        return find(text, EnumSet.of(kind), false).count() > 0;
    }

    /** {@code text} with every finding replaced by {@code replacement.apply(kind)}; the same instance if nothing is found. */
    public static String mask(String text, Function<PiiKind, String> replacement) {
        return mask(text, ALL, replacement);
    }

    /** {@link #mask(String, Function)} restricted to {@code kinds}. */
    public static String mask(String text, Set<PiiKind> kinds, Function<PiiKind, String> replacement) {
        Findings found = find(text, kinds, true);
        return replace(text, found.count(), found::kind, found::start, found::end, replacement);
    }

    /**
     * {@code text} with the given findings of a {@link #scan} of it replaced by {@code replacement.apply(kind)}: for a
     * caller that needs the findings too (the ingest scrub counts them by kind), without a second scan.
     */
    public static String mask(String text, List<Finding> findings, Function<PiiKind, String> replacement) {
        // Read by index: a list without constant-time get (a LinkedList) is copied first, or masking would be quadratic.
        List<Finding> list = findings instanceof RandomAccess ? findings : new ArrayList<>(findings);
        return replace(text, list.size(), i -> list.get(i).kind(), i -> list.get(i).start(), i -> list.get(i).end(),
                replacement);
    }

    /**
     * {@code text} with its {@code count} findings (ordered by start, not overlapping; finding {@code i} of kind
     * {@code kind.apply(i)} spans {@code [start(i), end(i))}) replaced by {@code replacement.apply(kind)}; the same
     * instance when there are none. One builder for both {@code mask}s: the packed findings and a list of them.
     */
    private static String replace(String text, int count, IntFunction<PiiKind> kind, IntUnaryOperator start,
            IntUnaryOperator end, Function<PiiKind, String> replacement) {
        if (count == 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (int i = 0; i < count; i++) {
            sb.append(text, at, start.applyAsInt(i)).append(replacement.apply(kind.apply(i)));
            at = end.applyAsInt(i);
        }
        return sb.append(text, at, text.length()).toString();
    }
}
