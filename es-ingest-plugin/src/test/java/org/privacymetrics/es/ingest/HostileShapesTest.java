package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node-level benchmark's shapes: the detector benchmark's, sized in UTF-8 bytes up to the keyword limit. */
class HostileShapesTest {

    private static final Path DETECTOR_BENCHMARK = Path.of(System.getProperty("basedir", "."))
            .resolve("../privacy-metrics-core/src/test/java/org/privacymetrics/core/pii/DetectorBenchmark.java");

    @Test
    void theShapesAreTheDetectorBenchmarksInItsOrder() throws Exception {
        // A shape added to DetectorBenchmark must be copied to HostileShapes, so both tables list the same rows.
        String source = Files.readString(DETECTOR_BENCHMARK, StandardCharsets.UTF_8);
        assertThat(HostileShapes.SHAPES.stream().map(HostileShapes.Shape::name).toList()).isEqualTo(shapeNames(source));
    }

    @Test
    void theLongestValueOfEveryShapeIsTheLongestAKeywordHolds() {
        for (HostileShapes.Shape shape : HostileShapes.SHAPES) {
            String value = shape.ofUtf8Bytes(PrivacyScrubProcessor.MAX_KEYWORD_BYTES);
            assertThat(PrivacyScrubProcessor.utf8Length(value)).as(shape.name())
                    .isLessThanOrEqualTo(PrivacyScrubProcessor.MAX_KEYWORD_BYTES)
                    .isGreaterThan(PrivacyScrubProcessor.MAX_KEYWORD_BYTES - 4); // a character is at most 3 bytes here
        }
    }

    @Test
    void aMultiByteShapeKeepsItsPatternWhenSizedInBytes() {
        HostileShapes.Shape unicode = HostileShapes.SHAPES.stream().filter(s -> s.name().startsWith("é...é@ä")).findFirst().orElseThrow();
        String value = unicode.ofUtf8Bytes(1024);
        assertThat(value).contains("@").startsWith("é").endsWith("ä");
        assertThat(HostileShapes.utf8(value)).isBetween(1022, 1024);
    }

    /** The names of {@code new Shape("…", …)} in Java source, in order (string escapes \" and \\ undone). */
    static List<String> shapeNames(String source) {
        List<String> names = new ArrayList<>();
        String marker = "new Shape(\"";
        for (int at = source.indexOf(marker); at >= 0; at = source.indexOf(marker, at + 1)) {
            StringBuilder name = new StringBuilder();
            for (int i = at + marker.length(); source.charAt(i) != '"'; i++) {
                char c = source.charAt(i);
                if (c == '\\') {
                    c = source.charAt(++i);
                }
                name.append(c);
            }
            names.add(name.toString());
        }
        return names;
    }
}
