package org.privacymetrics.logback.transport.spool;

import org.privacymetrics.logback.transport.TransportEvent;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A durable FIFO of encoded events in one directory: append-only segment files ({@link SpoolWriter},
 * {@link SpoolReader}) plus an acknowledgement watermark ({@code ack}). Events leave the spool only when acknowledged;
 * a segment file is deleted once the watermark passed all of it. On open, whatever a previous process left behind
 * after the watermark is read first, oldest first.
 *
 * <p>Threads: logging threads call {@link #tryReserve}/{@link #reserve}/{@link #unreserve} (a byte budget, never a
 * file operation); one writer thread calls {@link #append} and {@link #sync}; one sender thread calls
 * {@link #read}, {@link #awaitAvailable} and {@link #ack}.
 *
 * <p>A damaged segment (bad header, a record with an impossible length, running past the end of the file or failing
 * its CRC32C) or a damaged {@code ack} file is skipped from the damaged point on, counted ({@link #corrupt()}) and
 * reported through the warning callback; it is never fatal.
 */
public final class Spool implements Closeable {
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{19})\\.spool");
    private static final String ACK = "ack";
    private static final String LOCK = "lock";
    private static final byte[] ACK_MAGIC = {'P', 'M', 'A', 'C', 'K', '0', '0', '1'};

    /** Where the sender got to: segment sequence number and byte offset in it. */
    public record Position(long segment, long offset) {
    }

    /** Events read from the spool, and the position to acknowledge once all of them were dealt with. */
    public record Batch(List<TransportEvent> events, Position end) {
    }

    private static final class Segment {
        final long seq;
        final Path path;
        long end;
        long fileBytes;
        int records;
        int read;
        boolean damaged;

        Segment(long seq, Path path) {
            this.seq = seq;
            this.path = path;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Consumer<String> warn;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private final AtomicLong used = new AtomicLong();
    private final Object budgetMonitor = new Object();
    private final AtomicLong corrupt = new AtomicLong();

    // guarded by this
    private final Deque<Segment> segments = new ArrayDeque<>();
    private Segment active;
    private SpoolWriter writer;
    private long nextSeq;
    private Segment readSegment;
    private SpoolReader reader;
    private long readPos;
    private long unread;
    private long unacked;
    /** unread + unacked, readable without the lock (statistics must not wait for an fsync). */
    private volatile long pending;
    private Position acked;
    private boolean closed;
    private final int replayed;

    private Spool(Path dir, long maxBytes, Consumer<String> warn, FileChannel lockChannel, FileLock lock)
            throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(4096, Math.min(16L << 20, maxBytes / 8));
        this.warn = warn;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.replayed = load();
    }

    /**
     * Opens (creating it with owner-only permissions if needed) the spool in {@code dir}, holding an exclusive lock
     * on it until {@link #close()}.
     *
     * @param maxBytes bound on the segment files plus the reservations of events not yet written
     * @param warn     receives the reports of damaged files (never event contents)
     * @throws IOException when the directory cannot be created, read or locked (for example another process uses it)
     */
    public static Spool open(Path dir, long maxBytes, Consumer<String> warn) throws IOException {
        SpoolFormat.createPrivateDirectory(dir);
        FileChannel lockChannel = SpoolFormat.createPrivateFile(dir.resolve(LOCK), true);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("spool directory [" + dir + "] is in use by another appender or process");
        }
        try {
            return new Spool(dir, maxBytes, warn, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** Reads the watermark and the segments a previous run left; returns the number of events to replay. */
    private int load() throws IOException {
        acked = readAck();
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "segment-*.spool")) {
            for (Path p : ds) {
                Matcher m = SEGMENT.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.put(Long.parseLong(m.group(1)), p);
                }
            }
        }
        long maxSeq = 0;
        int total = 0;
        for (var e : found.entrySet()) {
            long seq = e.getKey();
            Path path = e.getValue();
            maxSeq = Math.max(maxSeq, seq);
            if (seq < acked.segment()) {
                Files.deleteIfExists(path); // fully acknowledged before a crash kept us from deleting it
                continue;
            }
            Segment s = new Segment(seq, path);
            s.fileBytes = Files.size(path);
            try (SpoolReader r = new SpoolReader(path)) {
                if (!r.hasValidHeader()) {
                    reportCorrupt("segment file [" + path.getFileName() + "] has no valid header; skipped");
                    Files.deleteIfExists(path);
                    continue;
                }
                long from = SpoolFormat.HEADER_BYTES;
                if (seq == acked.segment()) {
                    if (acked.offset() > s.fileBytes) {
                        reportCorrupt("the acknowledgement is past the end of [" + path.getFileName()
                                + "]; its records are replayed from the start");
                    } else {
                        from = Math.max(from, acked.offset());
                    }
                }
                SpoolReader.Scan scan = r.scan(from);
                s.end = scan.end();
                s.records = scan.records();
                s.damaged = scan.damaged();
                if (segments.isEmpty()) {
                    readPos = from;
                }
            }
            segments.add(s);
            used.addAndGet(s.fileBytes);
            total += s.records;
        }
        nextSeq = maxSeq + 1;
        unread = total;
        updatePending();
        readSegment = segments.peekFirst();
        return total;
    }

    private Position readAck() {
        Path p = dir.resolve(ACK);
        if (!Files.exists(p)) {
            return new Position(0, 0);
        }
        try {
            byte[] b = Files.readAllBytes(p);
            ByteBuffer buf = ByteBuffer.wrap(b);
            if (b.length == 28 && java.util.Arrays.equals(java.util.Arrays.copyOf(b, 8), ACK_MAGIC)) {
                long seq = buf.getLong(8);
                long off = buf.getLong(16);
                int crc = buf.getInt(24);
                if (crc == ackCrc(seq, off) && seq >= 0 && off >= 0) {
                    return new Position(seq, off);
                }
            }
            reportCorrupt("the acknowledgement file is damaged; every spooled event is replayed (at least once)");
        } catch (IOException e) {
            reportCorrupt("the acknowledgement file cannot be read (" + e.getClass().getSimpleName()
                    + "); every spooled event is replayed (at least once)");
        }
        return new Position(0, 0);
    }

    private static int ackCrc(long seq, long off) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(16).putLong(seq).putLong(off).flip());
        return (int) c.getValue();
    }

    private void writeAck(Position p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put(ACK_MAGIC).putLong(p.segment()).putLong(p.offset()).putInt(ackCrc(p.segment(), p.offset())).flip();
        Path tmp = dir.resolve(ACK + ".tmp");
        try (FileChannel ch = SpoolFormat.createPrivateFile(tmp, true)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        Files.move(tmp, dir.resolve(ACK), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void reportCorrupt(String message) {
        corrupt.incrementAndGet();
        warn.accept("spool [" + dir + "]: " + message);
    }

    // ------------------------------------------------------------------------------------------- budget (any thread)

    /** Bytes an event takes in the spool. */
    public static int sizeOf(TransportEvent e) {
        return SpoolFormat.recordSize(e);
    }

    /** Reserves room for {@code bytes} without waiting; false when the spool is full. */
    public boolean tryReserve(int bytes) {
        while (true) {
            long u = used.get();
            if (u + bytes > maxBytes) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    /** Reserves room for {@code bytes}, waiting up to {@code timeoutNanos} for acknowledged segments to be deleted. */
    public boolean reserve(int bytes, long timeoutNanos) throws InterruptedException {
        if (tryReserve(bytes)) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (budgetMonitor) {
            while (!tryReserve(bytes)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(budgetMonitor, left);
            }
            return true;
        }
    }

    /** Gives back a reservation whose event was not appended. */
    public void unreserve(int bytes) {
        used.addAndGet(-bytes);
        synchronized (budgetMonitor) {
            budgetMonitor.notifyAll();
        }
    }

    // ------------------------------------------------------------------------------------------------ writer thread

    /**
     * Appends events whose room was reserved, in order. They are in the OS at once (a killed process loses none of
     * them) and on disk after the next {@link #sync()}.
     */
    public synchronized void append(List<TransportEvent> events) throws IOException {
        if (closed) {
            throw new IOException("spool closed");
        }
        int i = 0;
        while (i < events.size()) {
            if (writer == null) {
                roll();
            }
            // as many events as fit in the active segment (at least one, so a large event gets a segment of its own)
            int bytes = SpoolFormat.recordSize(events.get(i));
            int j = i + 1;
            while (j < events.size() && writer.size() + bytes + SpoolFormat.recordSize(events.get(j)) <= segmentBytes) {
                bytes += SpoolFormat.recordSize(events.get(j));
                j++;
            }
            if (writer.size() > SpoolFormat.HEADER_BYTES && writer.size() + bytes > segmentBytes) {
                closeWriter();
                continue;
            }
            writer.append(events.subList(i, j), bytes);
            active.end = writer.size();
            active.fileBytes = writer.size();
            active.records += j - i;
            unread += j - i;
            i = j;
        }
        updatePending();
        notifyAll();
    }

    private void roll() throws IOException {
        long seq = nextSeq++;
        Path path = dir.resolve(String.format("segment-%019d.spool", seq));
        writer = new SpoolWriter(path);
        active = new Segment(seq, path);
        active.end = writer.size();
        active.fileBytes = writer.size();
        used.addAndGet(active.fileBytes);
        segments.add(active);
        if (readSegment == null) {
            readSegment = active;
            readPos = active.end;
        }
    }

    private void closeWriter() throws IOException {
        SpoolWriter w = writer;
        writer = null;
        active = null;
        if (w != null) {
            w.close();
        }
    }

    /** fsync of the active segment (closed segments were synced when closed). */
    public synchronized void sync() throws IOException {
        if (writer != null) {
            writer.sync();
        }
    }

    // ------------------------------------------------------------------------------------------------ sender thread

    /** Waits until at least {@code n} events can be read, or {@code nanos} passed; returns whether they can. */
    public synchronized boolean awaitAvailable(int n, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (unread < n && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return unread >= n;
    }

    /** Events appended (or left by an earlier run) and not yet read. */
    public synchronized long available() {
        return unread;
    }

    /**
     * Reads up to {@code max} events after the last one read. Damaged records are skipped (counted and reported);
     * the batch may then be empty but still has a position to acknowledge.
     */
    public synchronized Batch read(int max) {
        List<TransportEvent> out = new ArrayList<>(Math.min(max, 1024));
        while (out.size() < max && readSegment != null && !closed) {
            Segment s = readSegment;
            if (readPos >= s.end) {
                if (s == active) {
                    break;
                }
                if (s.damaged) {
                    s.damaged = false;
                    reportCorrupt("segment [" + s.path.getFileName() + "] is truncated or damaged after byte "
                            + s.end + "; the rest of it is skipped");
                }
                Segment next = after(s);
                if (next == null) {
                    break;
                }
                closeReader();
                readSegment = next;
                readPos = SpoolFormat.HEADER_BYTES;
                continue;
            }
            try {
                if (reader == null) {
                    reader = new SpoolReader(s.path);
                }
                SpoolReader.Result r = reader.read(readPos, s.end);
                if (r.corrupt()) {
                    skipRestOf(s, "a record at byte " + readPos + " fails its checksum");
                    continue;
                }
                out.add(r.event());
                readPos = r.next();
                s.read++;
                unread--;
            } catch (IOException e) {
                skipRestOf(s, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        unacked += out.size();
        updatePending();
        Position end = readSegment == null ? acked : new Position(readSegment.seq, readPos);
        return new Batch(out, end);
    }

    private void skipRestOf(Segment s, String why) {
        int left = s.records - s.read;
        reportCorrupt("segment [" + s.path.getFileName() + "] " + why + "; its remaining " + left
                + " record(s) are skipped");
        unread -= left;
        s.read = s.records;
        s.damaged = false;
        readPos = s.end;
        if (s == active) {
            // never expected (we wrote it): stop appending to a file we cannot read back
            try {
                closeWriter();
            } catch (IOException ignored) {
                // reported above
            }
        }
    }

    private Segment after(Segment current) {
        boolean found = false;
        for (Segment s : segments) {
            if (found) {
                return s;
            }
            found = s == current;
        }
        return null;
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only channel
            }
            reader = null;
        }
    }

    /**
     * Acknowledges every event read up to {@code end} ({@code count} of them): they leave the spool. Persists the
     * watermark (at least once: if it is lost, the events are sent again) and deletes segments behind it.
     */
    public synchronized void ack(Position end, int count) throws IOException {
        if (closed) {
            return;
        }
        unacked = Math.max(0, unacked - count);
        updatePending();
        acked = end;
        if (active != null && unread == 0 && unacked == 0 && active.seq == end.segment()
                && end.offset() >= active.end && active.end >= segmentBytes / 2) {
            closeWriter(); // all of it acknowledged: retire it so its bytes are freed
        }
        writeAck(end);
        deleteAcknowledgedSegments();
    }

    private void deleteAcknowledgedSegments() throws IOException {
        long freed = 0;
        while (!segments.isEmpty()) {
            Segment s = segments.peekFirst();
            boolean behind = s.seq < acked.segment() || (s.seq == acked.segment() && acked.offset() >= s.end);
            if (s == active || !behind) {
                break;
            }
            if (s == readSegment) {
                closeReader();
                readSegment = after(s);
                readPos = SpoolFormat.HEADER_BYTES;
            }
            segments.removeFirst();
            Files.deleteIfExists(s.path);
            freed += s.fileBytes;
        }
        if (freed > 0) {
            used.addAndGet(-freed);
            synchronized (budgetMonitor) {
                budgetMonitor.notifyAll();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- statistics

    /** Events in the spool not yet acknowledged (read or not). */
    public long pending() {
        return pending;
    }

    private void updatePending() {
        pending = unread + unacked;
    }

    /** Bytes of the segment files plus reservations of events not yet written. */
    public long usedBytes() {
        return Math.max(0, used.get());
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Damaged files or records skipped since open. */
    public long corrupt() {
        return corrupt.get();
    }

    /** Events a previous run left in the spool, found on open. */
    public int replayed() {
        return replayed;
    }

    public Path directory() {
        return dir;
    }

    /** Syncs and closes the files and releases the directory lock; what is not acknowledged stays. Safe twice. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll();
        IOException failure = null;
        try {
            closeWriter();
        } catch (IOException e) {
            failure = e;
        }
        closeReader();
        try {
            // segments whose every record was acknowledged (the last one included) are not needed any more
            for (Segment s : new ArrayList<>(segments)) {
                boolean behind = s.seq < acked.segment() || (s.seq == acked.segment() && acked.offset() >= s.end);
                if (behind) {
                    segments.remove(s);
                    Files.deleteIfExists(s.path);
                    used.addAndGet(-s.fileBytes);
                }
            }
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        try {
            lock.release();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        lockChannel.close();
        if (failure != null) {
            throw failure;
        }
    }
}
