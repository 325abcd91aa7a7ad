package org.privacymetrics.logback.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fields read from one event's channels: an insertion-ordered map from key to value (a later put of a key replaces
 * its value in place, as {@link java.util.LinkedHashMap} does), held in two arrays because an event has a handful of
 * fields and this is built for every event. Beyond {@value #INDEXED_FROM} keys a hash index keeps look-ups constant.
 * Not thread-safe: one per event.
 */
final class Fields {

    static final int INDEXED_FROM = 16;

    private static final int INITIAL = 8;
    /** Arrays that grew past this are not kept for the next event. */
    private static final int KEPT = 64;

    private String[] keys = new String[INITIAL];
    private Object[] values = new Object[INITIAL];
    /** Slots used, removed ones included (their key is null). */
    private int used;
    private int live;
    private Map<String, Integer> index;

    /**
     * Sets {@code key} to {@code value} (may be null). A null key throws: a channel that yields one is malformed, and
     * the appender drops the event as failed rather than forwarding it without that field.
     */
    void put(String key, Object value) {
        Objects.requireNonNull(key, "field key");
        int i = indexOf(key);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (used == keys.length) {
            keys = Arrays.copyOf(keys, used * 2);
            values = Arrays.copyOf(values, used * 2);
        }
        keys[used] = key;
        values[used] = value;
        if (index != null) {
            index.put(key, used);
        } else if (used + 1 == INDEXED_FROM) {
            index = new HashMap<>(INDEXED_FROM * 4);
            for (int k = 0; k <= used; k++) {
                if (keys[k] != null) {
                    index.put(keys[k], k);
                }
            }
        }
        used++;
        live++;
    }

    /** Removes {@code key}; returns its value, or null when absent (or null). */
    Object remove(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object v = values[i];
        keys[i] = null;
        values[i] = null;
        live--;
        if (index != null) {
            index.remove(key);
        }
        return v;
    }

    /** Forgets every field (no value of the last event stays reachable from here). */
    void clear() {
        if (keys.length > KEPT) {
            keys = new String[INITIAL];
            values = new Object[INITIAL];
        } else {
            Arrays.fill(keys, 0, used, null);
            Arrays.fill(values, 0, used, null);
        }
        used = 0;
        live = 0;
        index = null;
    }

    /** Number of keys present. */
    int size() {
        return live;
    }

    /** Slots to visit with {@link #keyAt} and {@link #valueAt}, in insertion order. */
    int slots() {
        return used;
    }

    /** The key in slot {@code i}, or null when that slot was removed. */
    String keyAt(int i) {
        return keys[i];
    }

    Object valueAt(int i) {
        return values[i];
    }

    private int indexOf(String key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < used; i++) {
            if (key.equals(keys[i])) {
                return i;
            }
        }
        return -1;
    }
}
