package org.privacymetrics.core.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one scan as they are found, three ints each (kind, start, end) in one growing array: the detectors
 * add to it without allocating a {@link Finding} per match or growing an array of references (whose copies the
 * garbage collector must track); {@link #toList} boxes them once, into a list of the exact size. Adding is O(1)
 * amortised (the array doubles), so a scan stays linear in the number of findings, itself at most the length.
 */
final class Findings {

    private static final PiiKind[] KINDS = PiiKind.values();

    private static final int[] NONE = new int[0];

    private int[] a = NONE; // allocated at the first finding: most values have none
    private int size; // ints used: 3 per finding

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

    /** The findings, boxed, in the order they were added. */
    List<Finding> toList() {
        List<Finding> list = new ArrayList<>(size / 3);
        for (int k = 0; k < size; k += 3) {
            list.add(new Finding(KINDS[a[k]], a[k + 1], a[k + 2]));
        }
        return list;
    }
}
