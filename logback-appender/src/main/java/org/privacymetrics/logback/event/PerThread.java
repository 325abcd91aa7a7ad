package org.privacymetrics.logback.event;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.privacymetrics.logback.id.MetricsIds;

/**
 * One thread's reusable state for the appender's hot path, behind a single {@link ThreadLocal} look-up per event: the
 * re-entrance guard of the metrics appenders (in place of Logback's one {@code ThreadLocal} per appender, read and
 * written three times per event), the channel reader, the uid echo and the MAC holder. Building an event then allocates
 * none of them and looks up no other thread-local.
 *
 * <p>An event built while this thread's state is in use (reading the channels or masking a value ran user code that
 * logged through another metrics appender) gets a fresh, unregistered state: the outer event's reader and echo are
 * never reset under it.
 *
 * <p>A stopped appender {@link #forgetAll forgets} every thread's echo (which holds the raw uid of the thread's last
 * event) and MAC: a thread of a pool that never logs again would keep them for its whole life otherwise.
 */
public final class PerThread {

    private static final ThreadLocal<PerThread> CURRENT = ThreadLocal.withInitial(PerThread::registered);
    /** Every thread's state, weakly: a dead thread's goes with it. */
    private static final Set<PerThread> ALL = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Counts {@link #forgetAll} calls: an event in flight during one forgets at its end what it left. */
    private static final AtomicInteger FORGOTTEN = new AtomicInteger();

    /** The appenders appending on this thread, innermost last (nearly always zero or one). */
    private Object[] active = new Object[4];
    private int depth;
    /** Whether {@link #read} and {@link #echo} hold an event being built. */
    private boolean busy;
    final Channels.Read read = new Channels.Read();
    /** The uid echo of this thread's last uid; null before the first event and after {@link #forgetAll}. */
    volatile UidEcho echo;
    final MetricsIds.MacHolder mac = new MetricsIds.MacHolder();
    /** {@link #FORGOTTEN} when this state last forgot. */
    private int forgotten = FORGOTTEN.get();

    private PerThread() {
    }

    private static PerThread registered() {
        PerThread t = new PerThread();
        ALL.add(t);
        return t;
    }

    /**
     * Forgets every thread's uid echo and MAC, now for threads between events and at the end of its event for a thread
     * building one (whose echo the event keeps using until then). Called when an appender stops.
     */
    public static void forgetAll() {
        FORGOTTEN.incrementAndGet();
        synchronized (ALL) {
            for (PerThread t : ALL) {
                t.forget();
            }
        }
    }

    private void forget() {
        echo = null;
        mac.clear();
    }

    /** The calling thread's state. */
    public static PerThread current() {
        return CURRENT.get();
    }

    /**
     * Marks {@code appender} as appending on this thread; false (and nothing marked) when it already is: the event is
     * a re-entrant one (its own downstream, or user code it ran, logged through it) and must not be appended.
     */
    public boolean enter(Object appender) {
        for (int i = 0; i < depth; i++) {
            if (active[i] == appender) {
                return false;
            }
        }
        if (depth == active.length) {
            active = java.util.Arrays.copyOf(active, depth * 2);
        }
        active[depth++] = appender;
        return true;
    }

    /** Ends the innermost {@link #enter} (call in a {@code finally}). */
    public void exit() {
        active[--depth] = null;
    }

    /** This state for building one event, or a fresh one when this one is building an event already. */
    PerThread claim() {
        if (busy) {
            PerThread fresh = new PerThread();
            fresh.busy = true;
            return fresh;
        }
        busy = true;
        return this;
    }

    /** Ends a {@link #claim}: clears the reader, so no value of the event stays reachable from it. */
    void release() {
        read.close();
        int f = FORGOTTEN.get();
        if (f != forgotten) { // an appender stopped during this event, after forgetting this thread's echo
            forget();
            forgotten = f;
        }
        busy = false;
    }

    /** The echo of {@code uid}: the thread's, made the echo of {@code uid} unless it already is. */
    UidEcho echoOf(String uid) {
        UidEcho e = echo;
        if (e == null) {
            e = new UidEcho(uid);
            echo = e;
        } else if (!uid.equals(e.uid())) {
            e.reset(uid);
        }
        return e;
    }
}
