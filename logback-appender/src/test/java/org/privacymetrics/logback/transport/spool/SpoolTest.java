package org.privacymetrics.logback.transport.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.privacymetrics.logback.transport.TransportEvent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The spool on its own: order, acknowledgement, replay after reopen, bound, permissions, damaged files. */
class SpoolTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private Spool open(Path dir, long max) throws IOException {
        return Spool.open(dir, max, warnings::add);
    }

    private static TransportEvent event(int i) {
        return new TransportEvent(Instant.ofEpochSecond(1_700_000_000L + i, 123_456_789),
                ("{\"message\":\"event " + i + "\",\"event_id\":\"id-" + i + "\"}").getBytes(StandardCharsets.UTF_8),
                "id-" + i);
    }

    private static void append(Spool spool, int from, int to) throws IOException {
        List<TransportEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            TransportEvent e = event(i);
            assertThat(spool.tryReserve(Spool.sizeOf(e))).isTrue();
            events.add(e);
        }
        spool.append(events);
        spool.sync();
    }

    private static List<String> ids(Spool.Batch b) {
        return b.events().stream().map(TransportEvent::eventId).toList();
    }

    private static List<String> ids(int from, int to) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add("id-" + i);
        }
        return l;
    }

    private List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    @Test
    void eventsComeBackInOrderWithTimestampPayloadAndId() throws IOException {
        try (Spool spool = open(tmp.resolve("s"), 1 << 20)) {
            append(spool, 0, 10);
            assertThat(spool.pending()).isEqualTo(10);
            Spool.Batch b = spool.read(4);
            assertThat(ids(b)).isEqualTo(ids(0, 4));
            TransportEvent first = b.events().get(0);
            assertThat(first.timestamp()).isEqualTo(event(0).timestamp());
            assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo(
                    new String(event(0).payload(), StandardCharsets.UTF_8));
            spool.ack(b.end(), 4);
            assertThat(spool.pending()).isEqualTo(6);
            assertThat(ids(spool.read(100))).isEqualTo(ids(4, 10));
        }
    }

    @Test
    void whatWasNotAcknowledgedIsReplayedAfterReopenOldestFirst() throws IOException {
        Path dir = tmp.resolve("s");
        try (Spool spool = open(dir, 1 << 20)) {
            append(spool, 0, 10);
            Spool.Batch b = spool.read(3);
            spool.ack(b.end(), 3);
            spool.read(3); // read but never acknowledged: sent again after a restart
        }
        try (Spool spool = open(dir, 1 << 20)) {
            assertThat(spool.replayed()).isEqualTo(7);
            append(spool, 10, 12);
            assertThat(ids(spool.read(100))).isEqualTo(ids(3, 12));
        }
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndTheirBytesFreed() throws IOException {
        Path dir = tmp.resolve("s");
        long max = 64 * 1024; // segments of 8 KB
        try (Spool spool = open(dir, max)) {
            int n = 0;
            while (spool.tryReserve(2000)) {
                spool.unreserve(2000);
                append(spool, n, n + 10);
                n += 10;
            }
            assertThat(segments(dir).size()).isGreaterThan(3);
            assertThat(spool.usedBytes()).isLessThanOrEqualTo(max);
            Spool.Batch all = spool.read(100_000);
            assertThat(all.events()).hasSize(n);
            spool.ack(all.end(), n);
            assertThat(segments(dir).size()).as("only the segment being written stays").isLessThanOrEqualTo(1);
            assertThat(spool.pending()).isZero();
            assertThat(spool.tryReserve((int) (max / 2))).as("room again").isTrue();
        }
    }

    @Test
    void theBoundRefusesReservationsAndBlockingReservationsWaitForAcknowledgements() throws Exception {
        try (Spool spool = open(tmp.resolve("s"), 64 * 1024)) {
            assertThat(spool.tryReserve(60 * 1024)).isTrue();
            assertThat(spool.tryReserve(8 * 1024)).isFalse();
            long t0 = System.nanoTime();
            assertThat(spool.reserve(8 * 1024, 200_000_000L)).isFalse();
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(150_000_000L);
            Thread freer = new Thread(() -> spool.unreserve(60 * 1024));
            freer.start();
            assertThat(spool.reserve(8 * 1024, 30_000_000_000L)).isTrue();
            freer.join();
        }
    }

    @Test
    void filesAreOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dir = tmp.resolve("a/b/spool");
        try (Spool spool = open(dir, 1 << 20)) {
            append(spool, 0, 3);
            spool.ack(spool.read(1).end(), 1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                            .isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void oneSpoolPerDirectory() throws IOException {
        Path dir = tmp.resolve("s");
        try (Spool spool = open(dir, 1 << 20)) {
            assertThatThrownBy(() -> open(dir, 1 << 20)).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        open(dir, 1 << 20).close(); // released on close
    }

    @Test
    void aTruncatedTailIsSkippedCountedAndReported() throws IOException {
        Path dir = tmp.resolve("s");
        try (Spool spool = open(dir, 1 << 20)) {
            append(spool, 0, 5);
        }
        Path seg = segments(dir).get(0);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 7); // a crash in the middle of the last record
        }
        try (Spool spool = open(dir, 1 << 20)) {
            assertThat(spool.replayed()).isEqualTo(4);
            append(spool, 5, 7);
            assertThat(ids(spool.read(100))).isEqualTo(List.of("id-0", "id-1", "id-2", "id-3", "id-5", "id-6"));
            assertThat(spool.corrupt()).isEqualTo(1);
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains(seg.getFileName().toString())
                    .contains("truncated"));
        }
    }

    @Test
    void aRecordFailingItsChecksumEndsItsSegmentButNotTheSpool() throws IOException {
        Path dir = tmp.resolve("s");
        try (Spool spool = open(dir, 1 << 20)) {
            append(spool, 0, 5);
        }
        try (Spool spool = open(dir, 1 << 20)) {
            append(spool, 5, 8); // a second segment
        }
        Path first = segments(dir).get(0);
        byte[] bytes = Files.readAllBytes(first);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("event 2");
        bytes[at] ^= 0x20; // one flipped bit inside the third record
        Files.write(first, bytes);
        try (Spool spool = open(dir, 1 << 20)) {
            assertThat(ids(spool.read(100))).isEqualTo(List.of("id-0", "id-1", "id-5", "id-6", "id-7"));
            assertThat(spool.corrupt()).isEqualTo(1);
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("checksum").contains("3 record(s)"));
            assertThat(warnings.toString()).doesNotContain("event 3"); // never the contents
        }
    }

    @Test
    void aFileThatIsNotASegmentAndADamagedAckAreSkippedNotFatal() throws IOException {
        Path dir = tmp.resolve("s");
        try (Spool spool = open(dir, 1 << 20)) {
            append(spool, 0, 3);
            spool.ack(spool.read(2).end(), 2);
        }
        Files.writeString(dir.resolve("segment-0000000000000000000.spool"), "garbage");
        Files.writeString(dir.resolve("ack"), "not an ack");
        try (Spool spool = open(dir, 1 << 20)) {
            assertThat(spool.corrupt()).isEqualTo(2);
            // without a trustworthy watermark everything is sent again: at least once
            assertThat(ids(spool.read(100))).isEqualTo(ids(0, 3));
        }
    }
}
