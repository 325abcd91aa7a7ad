package org.privacymetrics.logback.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user would check in a spool directory a service left behind. */
public final class SpoolAssertions {
    private SpoolAssertions() {
    }

    /** Segment files with pseudonymized events only (no raw uid), owner-only files in an owner-only directory. */
    public static void assertHoldsOnlyPseudonymizedEventsPrivately(Path dir, String rawUidMarker) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        List<Path> segments = files.stream().filter(p -> p.getFileName().toString().endsWith(".spool")).toList();
        assertThat(segments).as("segment files in " + dir).isNotEmpty();
        String all = "";
        for (Path seg : segments) {
            all += new String(Files.readAllBytes(seg), StandardCharsets.UTF_8);
        }
        assertThat(all).contains("\"metrics_id\":\"").contains("\"metrics_epoch\":\"").doesNotContain(rawUidMarker);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            for (Path f : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }
}
