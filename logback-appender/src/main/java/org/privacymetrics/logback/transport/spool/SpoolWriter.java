package org.privacymetrics.logback.transport.spool;

import org.privacymetrics.logback.transport.TransportEvent;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/** Appends records to one new segment file (0600). Used by the spool's writer thread only. */
final class SpoolWriter implements Closeable {
    private final FileChannel channel;
    private long size;
    private boolean dirty;

    /** Creates {@code file} (it must not exist) and writes the segment header. */
    SpoolWriter(Path file) throws IOException {
        channel = SpoolFormat.createPrivateFile(file, false);
        try {
            writeFully(ByteBuffer.wrap(SpoolFormat.MAGIC));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        size = SpoolFormat.HEADER_BYTES;
        dirty = true;
    }

    /** Appends the records of {@code events} (written to the OS at once, durable after {@link #sync()}). */
    void append(List<TransportEvent> events, int totalBytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(totalBytes);
        for (TransportEvent e : events) {
            SpoolFormat.encode(e, buf);
        }
        buf.flip();
        writeFully(buf);
        size += totalBytes;
        dirty = true;
    }

    private void writeFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** The file's length: header plus every record appended. */
    long size() {
        return size;
    }

    /** fsync, if anything was written since the last one. */
    void sync() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }
}
