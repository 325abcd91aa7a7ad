package org.privacymetrics.logback.event;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The appender's counters: forwarded events, dropped events by reason, dropped values by reason. Thread-safe. */
public final class Counters {

    /** Every forwarded event adds one, from many logging threads at once: a LongAdder keeps them off one contended word. */
    private final LongAdder forwarded = new LongAdder();
    private final AtomicLongArray events = new AtomicLongArray(EventDrop.values().length);
    private final AtomicLongArray values = new AtomicLongArray(ValueDrop.values().length);

    /** Counts one forwarded event. */
    public void forwarded() {
        forwarded.increment();
    }

    /** Counts one dropped event; returns the new count for that reason. */
    public long dropped(EventDrop reason) {
        return events.incrementAndGet(reason.ordinal());
    }

    private final AtomicLong valuesTotal = new AtomicLong();

    /** Counts one dropped value. */
    public void dropped(ValueDrop reason) {
        values.incrementAndGet(reason.ordinal());
        valuesTotal.incrementAndGet();
    }

    /** All dropped values so far (cheap: for deciding whether to report). */
    public long valueDropsTotal() {
        return valuesTotal.get();
    }

    public long forwardedCount() {
        return forwarded.sum();
    }

    /** Non-zero event drops by reason, in declaration order. */
    public Map<EventDrop, Long> eventDrops() {
        Map<EventDrop, Long> m = new EnumMap<>(EventDrop.class);
        for (EventDrop d : EventDrop.values()) {
            long n = events.get(d.ordinal());
            if (n > 0) {
                m.put(d, n);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Non-zero value drops by reason, in declaration order. */
    public Map<ValueDrop, Long> valueDrops() {
        Map<ValueDrop, Long> m = new EnumMap<>(ValueDrop.class);
        for (ValueDrop d : ValueDrop.values()) {
            long n = values.get(d.ordinal());
            if (n > 0) {
                m.put(d, n);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
