package org.privacymetrics.logback.transport.spool;

import org.privacymetrics.logback.transport.TransportEvent;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the records of one segment file. A record whose length is impossible, that runs past the end of the file, or
 * whose CRC32C does not match ends the readable part of the segment: nothing after it can be trusted to start at a
 * record boundary.
 */
final class SpoolReader implements Closeable {
    /** The result of reading one record. */
    record Result(TransportEvent event, long next, boolean corrupt) {
    }

    /** The records found by {@link #scan}: how many, where the readable part ends, and whether damage was seen. */
    record Scan(int records, long end, boolean damaged) {
    }

    /** Bytes read from the file at a time: one system call serves many records. */
    private static final int WINDOW_BYTES = 256 * 1024;

    private final FileChannel channel;
    /** A window of the file: bytes [windowStart, windowStart + window.limit()). */
    private ByteBuffer window = ByteBuffer.allocate(0);
    private long windowStart;

    SpoolReader(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Whether the file starts with the segment header. */
    boolean hasValidHeader() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SpoolFormat.HEADER_BYTES);
        readFully(b, 0);
        return !b.hasRemaining() && Arrays.equals(b.array(), SpoolFormat.MAGIC);
    }

    /**
     * Walks the record headers from {@code from} to the end of the file without reading bodies (cheap), to count the
     * records a spool left behind. CRCs are checked later, when each record is read.
     */
    Scan scan(long from) throws IOException {
        long fileSize = channel.size();
        long pos = from;
        int records = 0;
        while (pos < fileSize) {
            if (!ensureWindow(pos, SpoolFormat.RECORD_HEADER_BYTES, fileSize)) {
                return new Scan(records, pos, true);
            }
            int length = window.getInt((int) (pos - windowStart));
            if (length < SpoolFormat.BODY_FIXED_BYTES || length > SpoolFormat.MAX_BODY_BYTES
                    || pos + SpoolFormat.RECORD_HEADER_BYTES + length > fileSize) {
                return new Scan(records, pos, true);
            }
            pos += SpoolFormat.RECORD_HEADER_BYTES + length;
            records++;
        }
        return new Scan(records, pos, false);
    }

    /** Reads the record at {@code pos}, which must end at or before {@code end}. */
    Result read(long pos, long end) throws IOException {
        if (!ensureWindow(pos, SpoolFormat.RECORD_HEADER_BYTES, end)) {
            return new Result(null, end, true);
        }
        int at = (int) (pos - windowStart);
        int length = window.getInt(at);
        int crc = window.getInt(at + 4);
        long next = pos + SpoolFormat.RECORD_HEADER_BYTES + (long) length;
        if (length < SpoolFormat.BODY_FIXED_BYTES || length > SpoolFormat.MAX_BODY_BYTES || next > end
                || !ensureWindow(pos, SpoolFormat.RECORD_HEADER_BYTES + length, end)) {
            return new Result(null, end, true);
        }
        at = (int) (pos - windowStart) + SpoolFormat.RECORD_HEADER_BYTES;
        byte[] body = new byte[length];
        window.get(at, body);
        if (SpoolFormat.crc(body) != crc) {
            return new Result(null, end, true);
        }
        TransportEvent event = SpoolFormat.decode(body);
        return event == null ? new Result(null, end, true) : new Result(event, next, false);
    }

    /** Makes bytes [pos, pos + n) available in the window, reading ahead up to {@code end}; false if the file is shorter. */
    private boolean ensureWindow(long pos, int n, long end) throws IOException {
        if (pos >= windowStart && pos + n <= windowStart + window.limit()) {
            return true;
        }
        long want = Math.max(n, Math.min(WINDOW_BYTES, end - pos));
        ByteBuffer b = window.capacity() >= want ? window.clear() : ByteBuffer.allocate((int) want);
        b.limit((int) want);
        readFully(b, pos);
        b.flip();
        window = b;
        windowStart = pos;
        return window.limit() >= n;
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = channel.read(b, p);
            if (n < 0) {
                return;
            }
            p += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
