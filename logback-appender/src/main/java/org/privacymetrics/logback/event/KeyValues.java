package org.privacymetrics.logback.event;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import org.slf4j.event.KeyValuePair;

/**
 * The key-value pairs of one built event: filled by {@link EventBuilder}, then read-only (every mutator of
 * {@link java.util.List} throws), without the copy or the wrapper an {@code ArrayList} made read-only would need.
 */
final class KeyValues extends AbstractList<KeyValuePair> implements RandomAccess {

    private KeyValuePair[] pairs;
    private int size;

    KeyValues(int capacity) {
        this.pairs = new KeyValuePair[Math.max(1, capacity)];
    }

    /** Appends a pair; only the builder calls this, before the event is handed on. */
    @Override
    public boolean add(KeyValuePair pair) {
        if (sealed) {
            throw new UnsupportedOperationException("the key-value pairs of a built event are read-only");
        }
        if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, size * 2);
        }
        pairs[size++] = pair;
        return true;
    }

    /** Closes the list to {@link #add}: from here on it is read-only. */
    KeyValues seal() {
        sealed = true;
        return this;
    }

    private boolean sealed;

    @Override
    public KeyValuePair get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index [" + index + "] out of [0, " + size + ")");
        }
        return pairs[index];
    }

    @Override
    public int size() {
        return size;
    }
}
