package org.privacymetrics.core.pii;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The findings of one scan as they are found, three ints each (kind, start, end) in one growing array: the detectors
 * add to it without allocating a {@link Finding} per match or growing an array of references (whose copies the
 * garbage collector must track); {@link PiiScanner#mask} reads them as they are, and {@link #toList} boxes each only
 * when it is read (a scan that only counts or masks its findings allocates none per finding). Adding is O(1)
 * amortised (the array doubles), so a scan stays linear in the number of findings, itself at most the length.
 */
final class Findings {

    private static final PiiKind[] KINDS = PiiKind.values();

    private static final int[] NONE = new int[0];

    private int[] a = NONE; // allocated at the first finding: most values have none
    private int size; // ints used: 3 per finding
    private long left = Long.MAX_VALUE; // work units the detectors may still spend at their stops (WorkBudget)
    private char[] unrelieved; // the value, when left was reckoned without its relief (WorkBudget.relief), else null

    /**
     * Sets the units the detectors may still spend at their stops on this value ({@link WorkBudget#LABEL}, …): what the
     * work budget leaves once the characters are charged. Without a call, no limit. {@code unrelieved} is the value
     * when its characters were charged without the relief of punctuation between letters ({@link WorkBudget#relief}),
     * which is added when the units run out, once; null when they were charged with it.
     */
    void allow(long units, char[] unrelieved) {
        left = units;
        this.unrelieved = unrelieved;
    }

    /** Continues the budget of {@code meter}: what it has left, relieved or not. */
    void allowAsIn(Findings meter) {
        allow(meter.left, meter.unrelieved);
    }

    /**
     * Charges {@code units} for a stop of a detector: false once the value is over its work budget, and the detector
     * returns at once (the value is then one finding of {@link PiiKind#DENSE}, PiiScanner).
     */
    boolean spend(int units) {
        return (left -= units) >= 0 || relieve();
    }

    /** Adds the relief the units were reckoned without, the first time they run out: whether they are enough then. */
    private boolean relieve() {
        if (unrelieved != null) {
            left += WorkBudget.relief(unrelieved);
            unrelieved = null;
        }
        return left >= 0;
    }

    /** Whether a detector has spent more than {@link #allow allowed}. */
    boolean overBudget() {
        return left < 0;
    }

    void add(PiiKind kind, int start, int end) {
        if (size == a.length) {
            a = java.util.Arrays.copyOf(a, Math.max(24, size * 2));
        }
        a[size] = kind.ordinal();
        a[size + 1] = start;
        a[size + 2] = end;
        size += 3;
    }

    /**
     * Room for at least {@code more} further findings, so that a detector that finds many (one per few characters) can
     * size the array once from the density it has seen instead of doubling it ~log(n) times.
     */
    void reserve(int more) {
        long need = size + 3L * more;
        if (need > a.length && need <= Integer.MAX_VALUE - 8) {
            a = java.util.Arrays.copyOf(a, (int) need);
        }
    }

    int count() {
        return size / 3;
    }

    /** Whether each finding starts at or after the end of the one before (then sorting and merging change nothing). */
    boolean ordered() {
        for (int k = 3; k < size; k += 3) {
            if (a[k + 1] < a[k - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sorts the findings by start and merges those that overlap into one spanning both, of the kind that comes first
     * in {@link PiiKind}'s order (see {@link PiiScanner#scan(CharSequence, java.util.Set)}), on the packed ints, no
     * boxing. Nothing to do when the detectors' findings are already {@link #ordered()}.
     * <p>
     * The order is by start, then by the order of adding (a stable sort). Each detector adds its findings mostly in
     * order of start, so they come as a few runs of non-decreasing starts (one or a few per detector): a natural merge
     * sort merges neighbouring runs, left before right on equal starts (so stable), until one is left: linear for a
     * fixed number of runs (a value with e-mail addresses and IP addresses in turn: two), O(m log m) at worst, in
     * place of a sort of m keys (the packed start and index), whose cost per finding grew with their number.
     */
    void merge() {
        if (ordered()) {
            return;
        }
        int[] b = sorted();
        int w = 0;
        for (int x = 0; x < size; x += 3) {
            int kind = b[x];
            int start = b[x + 1];
            int end = b[x + 2];
            if (w > 0 && start < b[w - 1]) { // overlaps the finding before: one finding spanning both
                b[w - 3] = Math.min(b[w - 3], kind);
                b[w - 1] = Math.max(b[w - 1], end);
            } else {
                b[w] = kind; // w <= x: writes only where the walk has been
                b[w + 1] = start;
                b[w + 2] = end;
                w += 3;
            }
        }
        a = b;
        size = w;
    }

    /** The findings (ints {@code [0, size)} of {@link #a}) stably sorted by start, in {@code a} or a new array: a natural merge sort. */
    private int[] sorted() {
        int[] runs = new int[size / 3 + 2]; // run boundaries (int offsets): 0, the start of each later run, size
        int r = 0;
        runs[r++] = 0;
        for (int k = 3; k < size; k += 3) {
            if (a[k + 1] < a[k - 2]) { // a start before the one before: a new run
                runs[r++] = k;
            }
        }
        runs[r++] = size;
        int[] src = a; // merged into dst, then back (a is replaced by the result)
        int[] dst = new int[size];
        while (r > 2) { // more than one run: merge runs 2j and 2j + 1
            int w = 0;
            int nr = 0;
            for (int j = 0; j + 1 < r; j += 2) {
                int lo = runs[j];
                int mid = runs[j + 1];
                int hi = j + 2 < r ? runs[j + 2] : mid;
                runs[nr++] = lo;
                int x = lo;
                int y = mid;
                while (x < mid && y < hi) {
                    if (src[y + 1] < src[x + 1]) { // right's start strictly before: left first on equal starts
                        dst[w] = src[y];
                        dst[w + 1] = src[y + 1];
                        dst[w + 2] = src[y + 2];
                        y += 3;
                    } else {
                        dst[w] = src[x];
                        dst[w + 1] = src[x + 1];
                        dst[w + 2] = src[x + 2];
                        x += 3;
                    }
                    w += 3;
                }
                System.arraycopy(src, x, dst, w, mid - x);
                w += mid - x;
                System.arraycopy(src, y, dst, w, hi - y);
                w += hi - y;
            }
            runs[nr++] = size;
            r = nr;
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    /**
     * Maps the findings ({@link #merge() merged}) from the text the detectors read to the scanned text, in place: back
     * through each round of {@link Decode}, last first, each one walk along its escapes ({@link Decode.Round#map}),
     * then through the characters {@link Fold} kept. The same spans as {@link Fold.Folded#start} and
     * {@link Fold.Folded#end} per finding, without a search per position or a {@link Finding} per round.
     */
    void mapBack(Fold.Folded folded) {
        Decode.Round[] rounds = folded.rounds();
        for (int r = rounds.length - 1; r >= 0; r--) {
            rounds[r].map(a, size);
        }
        int[] from = folded.from();
        if (from != null) {
            int[] to = folded.to();
            for (int f = 0; f < size; f += 3) {
                a[f + 1] = from[a[f + 1]];
                a[f + 2] = to[a[f + 2] - 1];
            }
        }
    }

    PiiKind kind(int i) {
        return KINDS[a[3 * i]];
    }

    int start(int i) {
        return a[3 * i + 1];
    }

    int end(int i) {
        return a[3 * i + 2];
    }

    /**
     * The findings as an unmodifiable list, in their order: each {@link Finding} is made when it is read (equal
     * each time: a record), so a caller that only counts them, or reads a few, does not pay for all of them.
     */
    List<Finding> toList() {
        return new Boxed(a, size / 3);
    }

    private static final class Boxed extends AbstractList<Finding> implements RandomAccess {
        private final int[] a;
        private final int count;

        Boxed(int[] a, int count) {
            this.a = a;
            this.count = count;
        }

        @Override
        public Finding get(int i) {
            Objects.checkIndex(i, count);
            return new Finding(KINDS[a[3 * i]], a[3 * i + 1], a[3 * i + 2]);
        }

        @Override
        public int size() {
            return count;
        }
    }
}
