package org.privacymetrics.logback.transport.spool;

import org.privacymetrics.logback.transport.TransportEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The on-disk format of a spool segment: an 8-byte header {@code PMSPOOL1}, then records
 * {@code [int length][int crc32c(body)][body]} with body {@code [long epochSecond][int nano][short idLength][id UTF-8]
 * [payload]}, big-endian. The payload is the encoded event exactly as the sender sends it.
 */
final class SpoolFormat {
    static final byte[] MAGIC = "PMSPOOL1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length;
    /** length + crc */
    static final int RECORD_HEADER_BYTES = 8;
    /** epochSecond + nano + idLength */
    static final int BODY_FIXED_BYTES = 14;
    /** A bound on one record, so a corrupt length field cannot make the reader allocate gigabytes. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SpoolFormat() {
    }

    static byte[] idBytes(TransportEvent e) {
        String id = e.eventId();
        if (id == null) {
            return new byte[0];
        }
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return b.length > Short.MAX_VALUE ? new byte[0] : b;
    }

    /** Bytes {@code e} takes in a segment. */
    static int recordSize(TransportEvent e) {
        return RECORD_HEADER_BYTES + BODY_FIXED_BYTES + idBytes(e).length + e.payload().length;
    }

    /** Appends the record of {@code e} to {@code out}, which must have {@link #recordSize} bytes left. */
    static void encode(TransportEvent e, ByteBuffer out) {
        byte[] id = idBytes(e);
        int bodyLength = BODY_FIXED_BYTES + id.length + e.payload().length;
        int start = out.position();
        out.putInt(bodyLength);
        out.putInt(0); // crc, filled in below
        int bodyStart = out.position();
        out.putLong(e.timestamp().getEpochSecond());
        out.putInt(e.timestamp().getNano());
        out.putShort((short) id.length);
        out.put(id);
        out.put(e.payload());
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(bodyStart).limit(out.position()));
        out.putInt(start + 4, (int) crc.getValue());
    }

    /** Decodes a body whose CRC was checked; null if its fields are inconsistent. */
    static TransportEvent decode(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        if (body.length < BODY_FIXED_BYTES) {
            return null;
        }
        long seconds = b.getLong();
        int nano = b.getInt();
        int idLength = b.getShort();
        if (nano < 0 || nano > 999_999_999 || idLength < 0 || idLength > b.remaining()) {
            return null;
        }
        String id = idLength == 0 ? null : new String(body, b.position(), idLength, StandardCharsets.UTF_8);
        b.position(b.position() + idLength);
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        Instant ts;
        try {
            ts = Instant.ofEpochSecond(seconds, nano);
        } catch (RuntimeException outOfRange) {
            return null;
        }
        return new TransportEvent(ts, payload, id);
    }

    static int crc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }

    /** Creates {@code dir} (and parents) with owner-only access where POSIX permissions are supported. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // createDirectories applies the umask; make sure it is 0700
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Opens a new file with owner-only read/write access (0600) where POSIX permissions are supported. */
    static FileChannel createPrivateFile(Path file, boolean replace) throws IOException {
        Set<StandardOpenOption> options = replace
                ? Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)
                : Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        FileChannel ch = FileChannel.open(file, options, attrs);
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return ch;
    }
}
