package org.privacymetrics.es.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short values that one {@code privacy_scrub} processor has already scanned and found clean (no detector matched), so
 * that the next event carrying the same value is not scanned again: the free-text fields of usage events are mostly a
 * handful of repeated words ({@code login}, {@code sync}), and scanning them was most of the scrub's cost.
 *
 * <p>A value is the same string or not: the verdict of the detectors depends on nothing else, and a processor (one
 * detector configuration) has its own instance. Bounded: only values of at most {@value #MAX_LENGTH} characters are
 * kept, and the set is emptied when it reaches {@value #MAX_SIZE} entries, so a writer sending ever new values costs
 * scans (as without the set), never memory. Values with a finding are never kept.
 */
final class CleanValues {

    static final int MAX_LENGTH = 64;
    static final int MAX_SIZE = 4096;

    private final Map<String, Boolean> clean = new ConcurrentHashMap<>();

    /** Whether {@code value} was found clean before. */
    boolean contains(String value) {
        return value.length() <= MAX_LENGTH && clean.containsKey(value);
    }

    /** Records that every detector found nothing in {@code value}. */
    void add(String value) {
        if (value.length() > MAX_LENGTH) {
            return;
        }
        if (clean.size() >= MAX_SIZE) {
            clean.clear();
        }
        clean.put(value, Boolean.TRUE);
    }

    int size() {
        return clean.size();
    }
}
