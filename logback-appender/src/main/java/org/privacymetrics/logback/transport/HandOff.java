package org.privacymetrics.logback.transport;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The buffer between the logging threads and a transport's consumer thread (the sender, or the spool writer): a
 * lock-free queue, so a logging thread never waits for a lock held by another logging thread or by the consumer (a
 * {@link java.util.concurrent.LinkedBlockingQueue} takes a lock on every insert, and another one to wake the consumer).
 * Unbounded: the transport bounds what it holds with its capacity semaphore before adding.
 *
 * <p>A consumer waiting in {@link #poll} announces itself; the first producer that adds after that wakes it, the others
 * pay nothing. Meant for one consumer at a time; a second concurrent one still gets every element, but may be woken
 * only by its timeout.
 */
final class HandOff<E> {

    private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Thread> waiter = new AtomicReference<>();

    /** Adds {@code e} (not null) and wakes the waiting consumer, if any. Never blocks. */
    void add(E e) {
        queue.add(e);
        if (waiter.get() != null) {
            Thread w = waiter.getAndSet(null);
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** The head element, waiting up to {@code timeout} for one; null when none came. */
    E poll(long timeout, TimeUnit unit) throws InterruptedException {
        E e = queue.poll();
        if (e != null || timeout <= 0) {
            return e;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        Thread me = Thread.currentThread();
        try {
            while (true) {
                waiter.set(me);
                // announced before looking again: an element added from here on wakes us, one added before is seen now
                e = queue.poll();
                if (e != null) {
                    return e;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiter.compareAndSet(me, null);
        }
    }

    /** Moves up to {@code max} elements into {@code into}; returns how many. */
    int drainTo(Collection<? super E> into, int max) {
        int n = 0;
        E e;
        while (n < max && (e = queue.poll()) != null) {
            into.add(e);
            n++;
        }
        return n;
    }

    /** Moves every element into {@code into}; returns how many. */
    int drainTo(Collection<? super E> into) {
        return drainTo(into, Integer.MAX_VALUE);
    }

    /** Removes {@code e} if it is still queued; whether it was. */
    boolean remove(E e) {
        return queue.remove(e);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    void clear() {
        queue.clear();
    }
}
