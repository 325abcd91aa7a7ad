package org.privacymetrics.logback.transport;

import ch.qos.logback.core.spi.ContextAware;
import org.privacymetrics.logback.transport.spool.Spool;

import java.io.IOException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
        final long spoolFlushIntervalNanos;

        public Settings(int bufferSize, int batchSize, FullBufferPolicy policy, long blockTimeoutMillis,
                        long flushIntervalMillis, Backoff backoff, long stopTimeoutMillis, long statusIntervalMillis) {
            this(bufferSize, batchSize, policy, blockTimeoutMillis, flushIntervalMillis, backoff, stopTimeoutMillis,
                    statusIntervalMillis, 1000);
        }

        public Settings(int bufferSize, int batchSize, FullBufferPolicy policy, long blockTimeoutMillis,
                        long flushIntervalMillis, Backoff backoff, long stopTimeoutMillis, long statusIntervalMillis,
                        long spoolFlushIntervalMillis) {
            this.spoolFlushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(spoolFlushIntervalMillis);
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
    /** The durable buffer, or null: events then live in memory only. */
    private final Spool spool;

    private final Semaphore capacity;
    private final HandOff<TransportEvent> queue = new HandOff<>();
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
    /** With a spool: moves events from memory to the spool and fsyncs it. */
    private Thread writerThread;
    private volatile boolean writerDone;
    private boolean stopped;

    // sender-thread state for throttled status messages
    private long lastReport;
    private String lastReportedStats = "";
    private long lastReportedDrops;
    private long lastFailureReport;
    private int consecutiveFailures;
    private long lastRejectReport;
    private volatile String lastEncodingError;
    private long lastSpoolErrorReport;

    public AsyncTransport(String name, BatchSender sender, ContextAware status, Settings settings) {
        this(name, sender, status, settings, null);
    }

    /**
     * @param spool an open spool the transport takes over (closed by {@link #stop()}), or null for the memory-only
     *              buffer. With a spool, the memory buffer ({@code bufferSize}) only holds events on their way to the
     *              spool; the spool holds them until the receiver acknowledged them, across restarts.
     */
    public AsyncTransport(String name, BatchSender sender, ContextAware status, Settings settings, Spool spool) {
        this.spool = spool;
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
        thread = new Thread(spool == null ? this::run : this::runFromSpool, "privacy-metrics-transport-" + name);
        thread.setDaemon(true);
        if (spool != null) {
            writerThread = new Thread(this::writeToSpool, "privacy-metrics-spool-" + name);
            writerThread.setDaemon(true);
            writerThread.start();
        }
        thread.start();
    }

    /** Whether the calling thread is this transport's sender thread. */
    public boolean isSenderThread() {
        Thread t = Thread.currentThread();
        return t == thread || (writerThread != null && t == writerThread);
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
        long deadline = System.nanoTime() + settings.blockTimeoutNanos;
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
        int spoolBytes = 0;
        if (spool != null) {
            spoolBytes = Spool.sizeOf(event);
            boolean room;
            if (settings.policy == FullBufferPolicy.DROP) {
                room = spool.tryReserve(spoolBytes);
            } else {
                try {
                    room = spool.reserve(spoolBytes, deadline - System.nanoTime());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    room = false;
                }
            }
            if (!room) {
                capacity.release();
                countDrop(settings.policy == FullBufferPolicy.DROP ? DropReason.BUFFER_FULL
                        : DropReason.BLOCK_TIMEOUT, 1);
                return false;
            }
        }
        queue.add(event);
        if (!accepting && queue.remove(event)) {
            // stop() ran while we waited for room: its final count may have missed this event, so count it here
            capacity.release();
            if (spool != null) {
                spool.unreserve(spoolBytes);
            }
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
        if (spool == null) {
            return new TransportStats(sent.get(), retried.get(), duplicates.get(), failedAttempts.get(), buffered(),
                    settings.bufferSize, d, reasons);
        }
        return new TransportStats(sent.get(), retried.get(), duplicates.get(), failedAttempts.get(), buffered(),
                settings.bufferSize, d, reasons, spool.pending(), spool.usedBytes(), spool.maxBytes(),
                spool.corrupt());
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
        if (spool != null) {
            stopSpooled(before);
            return;
        }
        boolean finished = join(thread, settings.stopTimeoutNanos + STOP_GRACE_NANOS);
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
        closeSender();
        status.addInfo(name + ": stopped; " + stats());
    }

    private void closeSender() {
        try {
            sender.close();
        } catch (Exception | LinkageError e) {
            status.addWarn(name + ": closing the connection failed: " + describe(e));
        }
    }

    /**
     * stop() with a spool: the writer moves what is in memory to the spool and fsyncs it, the sender delivers until
     * the stop timeout; what is not acknowledged then stays in the spool for the next start (not a drop).
     */
    private void stopSpooled(long droppedBefore) {
        boolean writerFinished = join(writerThread, settings.stopTimeoutNanos + STOP_GRACE_NANOS);
        long left = stopDeadline + STOP_GRACE_NANOS - System.nanoTime();
        boolean finished = join(thread, Math.max(TimeUnit.MILLISECONDS.toNanos(1), left));
        synchronized (accountLock) {
            if (!finished) {
                abandoned = true;
            }
            // only if the writer got stuck (a hung disk): events that never reached the spool
            List<TransportEvent> notSpooled = new ArrayList<>();
            queue.drainTo(notSpooled);
            if (!notSpooled.isEmpty()) {
                countDrop(DropReason.SHUTDOWN, notSpooled.size());
                capacity.release(notSpooled.size());
                for (TransportEvent e : notSpooled) {
                    spool.unreserve(Spool.sizeOf(e));
                }
            }
        }
        if (!finished) {
            thread.interrupt();
        }
        if (!writerFinished) {
            writerThread.interrupt();
        }
        long lost = stats().dropped(DropReason.SHUTDOWN) - droppedBefore;
        if (lost > 0) {
            status.addError(name + ": " + lost + " event(s) could not be written to the spool before the stop timeout "
                    + "and were dropped; " + stats());
        }
        long pending = spool.pending();
        if (pending > 0) {
            status.addInfo(name + ": " + pending + " event(s) not yet acknowledged stay in the spool ["
                    + spool.directory() + "] and are sent first after the next start");
        }
        closeSender();
        TransportStats last = stats();
        if (writerFinished) {
            try {
                spool.close();
            } catch (IOException e) {
                status.addWarn(name + ": closing the spool failed: " + describe(e));
            }
        } else {
            status.addWarn(name + ": the spool writer did not finish in time; the spool is left open");
        }
        status.addInfo(name + ": stopped; " + last);
    }

    private static boolean join(Thread thread, long nanos) {
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

    /** The writer thread (spool only): memory to spool, at once; fsync at most one spool flush interval later. */
    private void writeToSpool() {
        List<TransportEvent> chunk = new ArrayList<>();
        boolean dirty = false;
        long syncDue = 0;
        try {
            while (true) {
                long wait = dirty ? Math.max(0, Math.min(POLL_NANOS, syncDue - System.nanoTime())) : POLL_NANOS;
                TransportEvent first = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    chunk.add(first);
                    queue.drainTo(chunk, 4095);
                    appendToSpool(chunk);
                    chunk.clear();
                    if (!dirty) {
                        dirty = true;
                        syncDue = System.nanoTime() + settings.spoolFlushIntervalNanos;
                    }
                }
                boolean done = stopping && queue.isEmpty();
                if (dirty && (done || System.nanoTime() - syncDue >= 0)) {
                    try {
                        spool.sync();
                    } catch (IOException | RuntimeException e) {
                        reportSpoolError("syncing the spool failed", e);
                    }
                    dirty = false;
                }
                if (done) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // stop() gave up on us and accounts for what is left in memory
        } catch (RuntimeException | Error e) {
            status.addError(name + ": spool writer thread failed: " + describe(e));
        } finally {
            writerDone = true;
        }
    }

    private void appendToSpool(List<TransportEvent> chunk) {
        try {
            spool.append(chunk);
        } catch (IOException | RuntimeException e) {
            for (TransportEvent ev : chunk) {
                spool.unreserve(Spool.sizeOf(ev));
            }
            countDrop(DropReason.SPOOL_ERROR, chunk.size());
            reportSpoolError(chunk.size() + " event(s) could not be written to the spool and were dropped", e);
        } finally {
            capacity.release(chunk.size());
        }
    }

    private void reportSpoolError(String what, Throwable e) {
        long now = System.nanoTime();
        if (lastSpoolErrorReport == 0 || now - lastSpoolErrorReport >= settings.statusIntervalNanos) {
            lastSpoolErrorReport = now;
            status.addError(name + ": " + what + ": " + describe(e) + "; " + stats());
        }
    }

    /**
     * The sender thread with a spool: reads batches from the spool (what an earlier run left first), delivers them,
     * and acknowledges each batch once every event of it was sent, found duplicate or rejected.
     */
    private void runFromSpool() {
        try {
            while (true) {
                maybeReport();
                if (stopping && ((writerDone && spool.available() == 0) || System.nanoTime() - stopDeadline >= 0)) {
                    return;
                }
                if (!spool.awaitAvailable(1, POLL_NANOS)) {
                    continue;
                }
                long lingerEnd = System.nanoTime() + settings.flushIntervalNanos;
                while (!stopping) {
                    long left = lingerEnd - System.nanoTime();
                    if (left <= 0 || spool.awaitAvailable(settings.batchSize, Math.min(left, POLL_NANOS))) {
                        break;
                    }
                }
                Spool.Batch batch = spool.read(settings.batchSize);
                if (!batch.events().isEmpty() && !deliver(batch.events())) {
                    return; // stop timeout: the batch stays in the spool
                }
                try {
                    spool.ack(batch.end(), batch.events().size());
                } catch (IOException e) {
                    // the events were delivered; if the watermark is lost they are sent again (at least once)
                    reportSpoolError("recording the acknowledgement in the spool failed", e);
                }
            }
        } catch (InterruptedException e) {
            // stop() gave up on us; what was not acknowledged stays in the spool
        } catch (RuntimeException | Error e) {
            status.addError(name + ": sender thread failed; spooled events are sent after the next start: "
                    + describe(e));
        }
    }

    /** Delivers a batch, retrying; false when the stop deadline came first (then the rest was given up). */
    private boolean deliver(List<TransportEvent> batch) throws InterruptedException {
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
                return true;
            }
            maybeReport();
            long now = System.nanoTime();
            if (stopping && now - stopDeadline >= 0) {
                if (spool == null) {
                    synchronized (accountLock) {
                        if (!abandoned) {
                            countDrop(DropReason.SHUTDOWN, pending.size());
                            capacity.release(pending.size());
                        }
                    }
                }
                return false;
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
            if (spool == null) {
                capacity.release(done); // with a spool, memory was freed when the event was written to it
            }
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

            @Override
            public long getSpooled() {
                return spool == null ? 0 : spool.pending();
            }

            @Override
            public long getSpoolBytes() {
                return spool == null ? 0 : spool.usedBytes();
            }

            @Override
            public long getSpoolCorrupt() {
                return spool == null ? 0 : spool.corrupt();
            }
        };
    }
}
