package org.privacymetrics.logback.transport;

import ch.qos.logback.core.spi.ContextAware;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The asynchronous machinery shared by the network transports: a bounded buffer filled by logging threads, one sender
 * thread that batches, sends through a {@link BatchSender} and retries with {@link Backoff} while the receiver is
 * down, and a bounded flush on {@link #stop()}.
 *
 * <p>The buffer bound counts every accepted event until the receiver confirmed it or it was dropped, including the
 * batch in flight, so an outage never holds more than {@code bufferSize} events and never loses one of them while
 * the appender runs. Events are delivered at least once: a batch whose confirmation is lost is sent again.
 *
 * <p>Status messages go to the owning Logback component, throttled to one summary per status interval, so an outage
 * does not flood the status manager; the logging thread never writes a status message.
 */
public final class AsyncTransport {

    /** Immutable settings, validated by the appender before construction. */
    public static final class Settings {
        final int bufferSize;
        final int batchSize;
        final FullBufferPolicy policy;
        final long blockTimeoutNanos;
        final long flushIntervalNanos;
        final Backoff backoff;
        final long stopTimeoutNanos;
        final long statusIntervalNanos;

        public Settings(int bufferSize, int batchSize, FullBufferPolicy policy, long blockTimeoutMillis,
                        long flushIntervalMillis, Backoff backoff, long stopTimeoutMillis, long statusIntervalMillis) {
            this.bufferSize = bufferSize;
            this.batchSize = batchSize;
            this.policy = policy;
            this.blockTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(blockTimeoutMillis);
            this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMillis);
            this.backoff = backoff;
            this.stopTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(stopTimeoutMillis);
            this.statusIntervalNanos = TimeUnit.MILLISECONDS.toNanos(statusIntervalMillis);
        }
    }

    /** How long the sender thread waits for an event before looking at stop requests and status reports. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Extra time stop() grants a sender stuck inside a network call after the flush deadline. */
    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    /** Distinct rejection reasons kept; the rest are summed under "other" so a misbehaving receiver cannot grow memory. */
    private static final int MAX_REJECTION_REASONS = 32;
    private static final int MAX_MESSAGE_CHARS = 300;

    private final String name;
    private final BatchSender sender;
    private final ContextAware status;
    private final Settings settings;

    private final Semaphore capacity;
    private final LinkedBlockingQueue<TransportEvent> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Object accountLock = new Object();

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);
    private final Map<String, AtomicLong> rejectionReasons = new ConcurrentHashMap<>();

    private volatile boolean accepting;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    /** Set when stop() gave up waiting for the sender thread; from then on only stop() accounts. */
    private boolean abandoned;
    private Thread thread;
    private boolean stopped;

    // sender-thread state for throttled status messages
    private long lastReport;
    private String lastReportedStats = "";
    private long lastReportedDrops;
    private long lastFailureReport;
    private int consecutiveFailures;
    private long lastRejectReport;
    private volatile String lastEncodingError;

    public AsyncTransport(String name, BatchSender sender, ContextAware status, Settings settings) {
        this.name = name;
        this.sender = sender;
        this.status = status;
        this.settings = settings;
        this.capacity = new Semaphore(settings.bufferSize);
    }

    /** Starts the sender thread (a daemon, named after the appender). Call once. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        accepting = true;
        lastReport = System.nanoTime();
        thread = new Thread(this::run, "privacy-metrics-transport-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the calling thread is this transport's sender thread. */
    public boolean isSenderThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Puts an event in the buffer, from a logging thread. Never waits longer than the block timeout, and not at all
     * under {@link FullBufferPolicy#DROP}.
     *
     * @return whether the event was accepted; a refused event has been counted as dropped
     */
    public boolean offer(TransportEvent event) {
        if (!accepting) {
            countDrop(DropReason.SHUTDOWN, 1);
            return false;
        }
        boolean acquired;
        if (settings.policy == FullBufferPolicy.DROP) {
            acquired = capacity.tryAcquire();
        } else {
            try {
                acquired = capacity.tryAcquire(settings.blockTimeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                acquired = false;
            }
        }
        if (!acquired) {
            countDrop(settings.policy == FullBufferPolicy.DROP ? DropReason.BUFFER_FULL : DropReason.BLOCK_TIMEOUT, 1);
            return false;
        }
        queue.add(event);
        if (!accepting && queue.remove(event)) {
            // stop() ran while we waited for room: its final count may have missed this event, so count it here
            capacity.release();
            countDrop(DropReason.SHUTDOWN, 1);
            return false;
        }
        return true;
    }

    /** Counts an event the encoder failed on; the failure (class and message) appears in the next status report. */
    public void encodingFailed(Throwable e) {
        countDrop(DropReason.ENCODING_ERROR, 1);
        lastEncodingError = describe(e);
    }

    /** Counts events dropped before they reached the buffer (for example when the encoder failed). */
    public void countDrop(DropReason reason, long n) {
        dropped.addAndGet(reason.ordinal(), n);
    }

    /** A snapshot of the counters. */
    public TransportStats stats() {
        EnumMap<DropReason, Long> d = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            d.put(r, dropped.get(r.ordinal()));
        }
        Map<String, Long> reasons = new java.util.TreeMap<>();
        rejectionReasons.forEach((k, v) -> reasons.put(k, v.get()));
        return new TransportStats(sent.get(), retried.get(), duplicates.get(), failedAttempts.get(), buffered(),
                settings.bufferSize, d, reasons);
    }

    private int buffered() {
        return settings.bufferSize - capacity.availablePermits();
    }

    /**
     * Stops accepting events and flushes the buffer, retrying until the stop timeout. Whatever is still buffered then
     * is counted as dropped ({@link DropReason#SHUTDOWN}) and reported with {@code addError}. Safe to call twice.
     */
    public void stop() {
        synchronized (this) {
            if (thread == null || stopped) {
                return;
            }
            stopped = true;
        }
        accepting = false;
        stopDeadline = System.nanoTime() + settings.stopTimeoutNanos;
        stopping = true;
        stopSignal.countDown();
        long before = stats().dropped(DropReason.SHUTDOWN);
        boolean finished = join(settings.stopTimeoutNanos + STOP_GRACE_NANOS);
        synchronized (accountLock) {
            if (!finished) {
                abandoned = true;
            }
            // events appended while the thread drained its last batch, or left behind by a stuck thread
            int left = buffered();
            queue.clear();
            if (left > 0) {
                countDrop(DropReason.SHUTDOWN, left);
                capacity.release(left);
            }
        }
        if (!finished) {
            thread.interrupt();
        }
        long lost = stats().dropped(DropReason.SHUTDOWN) - before;
        if (lost > 0) {
            status.addError(name + ": " + lost + " buffered event(s) could not be delivered before the stop timeout and "
                    + "were dropped; " + stats());
        }
        try {
            sender.close();
        } catch (Exception | LinkageError e) {
            status.addWarn(name + ": closing the connection failed: " + describe(e));
        }
        status.addInfo(name + ": stopped; " + stats());
    }

    private boolean join(long nanos) {
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        try {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!(stopping && queue.isEmpty())) {
                maybeReport();
                TransportEvent first = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                List<TransportEvent> batch = new ArrayList<>(Math.min(settings.batchSize, 1024));
                batch.add(first);
                long lingerEnd = System.nanoTime() + settings.flushIntervalNanos;
                while (batch.size() < settings.batchSize) {
                    queue.drainTo(batch, settings.batchSize - batch.size());
                    long left = lingerEnd - System.nanoTime();
                    if (batch.size() >= settings.batchSize || stopping || left <= 0) {
                        break;
                    }
                    TransportEvent next = queue.poll(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
                deliver(batch);
            }
        } catch (InterruptedException e) {
            // stop() gave up on us and already accounted for the buffer
        } catch (RuntimeException | Error e) {
            status.addError(name + ": sender thread failed; buffered events will be counted as dropped on stop: "
                    + describe(e));
        }
    }

    private void deliver(List<TransportEvent> batch) throws InterruptedException {
        List<TransportEvent> pending = batch;
        int attempt = 0;
        while (true) {
            BatchOutcome outcome = null;
            Throwable failure = null;
            try {
                outcome = sender.send(pending);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | LinkageError e) {
                failure = e;
            }
            if (outcome != null) {
                pending = account(pending, outcome);
                if (pending == null) {
                    throw new InterruptedException("abandoned");
                }
            } else {
                failedAttempts.incrementAndGet();
                onFailure(failure, pending.size());
            }
            if (pending.isEmpty()) {
                if (consecutiveFailures > 0) {
                    status.addInfo(name + ": receiver reachable again after " + consecutiveFailures
                            + " failed attempt(s); " + stats());
                    consecutiveFailures = 0;
                }
                return;
            }
            maybeReport();
            long now = System.nanoTime();
            if (stopping && now - stopDeadline >= 0) {
                synchronized (accountLock) {
                    if (!abandoned) {
                        countDrop(DropReason.SHUTDOWN, pending.size());
                        capacity.release(pending.size());
                    }
                }
                return;
            }
            attempt++;
            long delayNanos = TimeUnit.MILLISECONDS.toNanos(settings.backoff.delayMillis(attempt));
            if (stopping) {
                // flushing: keep backing off, but never past the stop deadline
                long left = stopDeadline - now;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(delayNanos, left)));
            } else if (stopSignal.await(delayNanos, TimeUnit.NANOSECONDS)) {
                // stop() was called during the backoff: retry at once, the flush deadline now bounds us
            }
            retried.addAndGet(pending.size());
        }
    }

    /** Applies a batch outcome to the counters; returns the events to retry, or null if stop() abandoned us. */
    private List<TransportEvent> account(List<TransportEvent> batch, BatchOutcome outcome) {
        synchronized (accountLock) {
            if (abandoned) {
                return null;
            }
            sent.addAndGet(outcome.deliveredCount());
            duplicates.addAndGet(outcome.duplicateCount());
            int rejected = 0;
            for (Map.Entry<String, Integer> e : outcome.rejectedByReason().entrySet()) {
                String key = e.getKey();
                if (!rejectionReasons.containsKey(key) && rejectionReasons.size() >= MAX_REJECTION_REASONS) {
                    key = "other";
                }
                rejectionReasons.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(e.getValue());
                rejected += e.getValue();
            }
            countDrop(DropReason.REJECTED, rejected);
            int done = outcome.deliveredCount() + outcome.duplicateCount() + rejected;
            int retry = outcome.retry().size();
            if (done + retry != batch.size()) {
                // a sender that loses track of events must not leak buffer capacity: count the gap as rejected
                int gap = batch.size() - done - retry;
                if (gap > 0) {
                    countDrop(DropReason.REJECTED, gap);
                    rejectionReasons.computeIfAbsent("unaccounted", k -> new AtomicLong()).addAndGet(gap);
                    done += gap;
                }
            }
            capacity.release(done);
            long now = System.nanoTime();
            if (rejected > 0 && (lastRejectReport == 0 || now - lastRejectReport >= settings.statusIntervalNanos)) {
                lastRejectReport = now;
                status.addWarn(name + ": receiver rejected " + rejected + " event(s) permanently (not retried): "
                        + outcome.rejectedByReason() + "; further rejections are reported in the periodic statistics");
            }
            return outcome.retry();
        }
    }

    private void onFailure(Throwable e, int events) {
        consecutiveFailures++;
        long now = System.nanoTime();
        if (consecutiveFailures == 1) {
            lastFailureReport = now;
            status.addWarn(name + ": sending " + events + " event(s) failed, retrying with backoff: " + describe(e));
        } else if (now - lastFailureReport >= settings.statusIntervalNanos) {
            lastFailureReport = now;
            status.addWarn(name + ": receiver still unavailable after " + consecutiveFailures + " attempts: "
                    + describe(e) + "; " + stats());
        }
    }

    private void maybeReport() {
        long now = System.nanoTime();
        if (now - lastReport < settings.statusIntervalNanos) {
            return;
        }
        lastReport = now;
        TransportStats s = stats();
        String text = s.toString();
        if (text.equals(lastReportedStats)) {
            return;
        }
        lastReportedStats = text;
        long drops = s.droppedTotal();
        if (drops > lastReportedDrops) {
            String encoding = lastEncodingError;
            status.addWarn(name + ": dropped " + (drops - lastReportedDrops) + " event(s) since the last report; "
                    + text + (encoding != null ? "; last encoder failure: " + encoding : ""));
        } else {
            status.addInfo(name + ": " + text);
        }
        lastReportedDrops = drops;
    }

    /** A short description of a failure: class and message only (no stack, no payload), truncated. */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 3; depth++, t = t.getCause()) {
            if (depth > 0) {
                b.append(" <- ");
            }
            b.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return b.length() > MAX_MESSAGE_CHARS ? b.substring(0, MAX_MESSAGE_CHARS) + "..." : b.toString();
    }

    /** The live counters, for JMX. */
    TransportStatsMXBean mxBean() {
        return new TransportStatsMXBean() {
            @Override
            public long getSent() {
                return sent.get();
            }

            @Override
            public long getRetried() {
                return retried.get();
            }

            @Override
            public long getDuplicates() {
                return duplicates.get();
            }

            @Override
            public long getFailedAttempts() {
                return failedAttempts.get();
            }

            @Override
            public int getBuffered() {
                return buffered();
            }

            @Override
            public int getBufferCapacity() {
                return settings.bufferSize;
            }

            @Override
            public long getDroppedTotal() {
                return stats().droppedTotal();
            }

            @Override
            public Map<String, Long> getDropped() {
                Map<String, Long> m = new java.util.LinkedHashMap<>();
                stats().dropped().forEach((k, v) -> m.put(k.key(), v));
                return m;
            }

            @Override
            public Map<String, Long> getRejectionReasons() {
                return stats().rejectionReasons();
            }
        };
    }
}
