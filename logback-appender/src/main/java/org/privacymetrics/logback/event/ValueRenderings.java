package org.privacymetrics.logback.event;

/**
 * The folded renderings of one value that {@link UidEcho} compares with a uid: the value itself, and the value
 * URL-decoded, with JSON escapes resolved and base64-decoded (each {@code null} when that decoding does not apply).
 * They depend on the value only, not on the uid, so a value seen again (a plan, an event name) need not be decoded
 * and normalized again: see {@link Cache}.
 */
final class ValueRenderings {

    final String value;
    final String folded;
    final String urlDecoded;
    final String jsonUnescaped;
    final String base64Decoded;

    private ValueRenderings(String value) {
        this.value = value;
        this.folded = UidEcho.fold(value);
        String url = value.indexOf('%') >= 0 || value.indexOf('+') >= 0 ? UidEcho.urlDecoded(value) : null;
        this.urlDecoded = url == null ? null : UidEcho.fold(url);
        this.jsonUnescaped = value.indexOf('\\') >= 0 ? UidEcho.fold(UidEcho.jsonUnescaped(value)) : null;
        String b64 = UidEcho.base64Decoded(value.strip());
        this.base64Decoded = b64 == null ? null : UidEcho.fold(b64);
    }

    /** The renderings of {@code value}, computed now. */
    static ValueRenderings of(String value) {
        return new ValueRenderings(value);
    }

    /**
     * Renderings of values that already left the process unchanged — an event name forwarded as given, an allowed
     * value in which the PII engine found nothing to mask — so a value seen again is neither decoded nor normalized
     * nor scanned again (only compared with the new event's uid). Never a value that was dropped or masked: the cache
     * holds nothing the output did not already carry. A fixed number of slots chosen by the value's hash (a newer
     * value replaces the one in its slot), so memory is bounded and nothing is locked: entries are immutable, and a
     * reader that misses another thread's write computes the renderings itself.
     */
    static final class Cache {
        private final ValueRenderings[] slots;

        Cache(int slots) {
            if (Integer.bitCount(slots) != 1) {
                throw new IllegalArgumentException("slots must be a power of two, got [" + slots + "]");
            }
            this.slots = new ValueRenderings[slots];
        }

        /** The cached renderings of {@code value}, or null. */
        ValueRenderings get(String value) {
            ValueRenderings r = slots[slot(value)];
            return r != null && r.value.equals(value) ? r : null;
        }

        /** Keeps {@code r}; call only for a value that is forwarded unchanged. */
        void put(ValueRenderings r) {
            slots[slot(r.value)] = r;
        }

        private int slot(String value) {
            int h = value.hashCode();
            return (h ^ (h >>> 16)) & (slots.length - 1);
        }
    }
}
