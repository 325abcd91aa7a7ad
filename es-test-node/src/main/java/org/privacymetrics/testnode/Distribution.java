package org.privacymetrics.testnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch distribution zip (resolved by Maven, handed over as {@code privacy.es.zip}) and its unpacking into
 * a home directory whose path does not depend on the version.
 */
final class Distribution {

    private final Path zip;

    Distribution(Path zip) {
        this.zip = zip;
    }

    /**
     * Unpacks the zip into {@code home} without its top-level folder ({@code elasticsearch-<version>/}) and makes the
     * scripts under {@code bin/} executable.
     *
     * @throws IllegalStateException when the zip does not exist
     * @throws IOException when an entry would escape {@code home} or cannot be written
     */
    void unpackInto(Path home) throws IOException {
        if (zip == null || !Files.isRegularFile(zip)) {
            throw new IllegalStateException("distribution zip [" + zip + "] does not exist");
        }
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                int slash = name.indexOf('/');
                String rel = slash < 0 ? name : name.substring(slash + 1);
                if (rel.isEmpty()) {
                    continue;
                }
                Path out = home.resolve(rel).normalize();
                if (!out.startsWith(home)) {
                    throw new IOException("zip entry [" + name + "] escapes the target directory");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zf.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip does not expose unix modes; the scripts under bin/ are the only executables needed.
                if (rel.startsWith("bin/") || rel.contains("/bin/")) {
                    Set<PosixFilePermission> p = Files.getPosixFilePermissions(out);
                    p.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE));
                    Files.setPosixFilePermissions(out, p);
                }
            }
        }
    }

    /** Deletes {@code dir} and everything below it; nothing if it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return "Distribution[" + zip + "]";
    }
}
