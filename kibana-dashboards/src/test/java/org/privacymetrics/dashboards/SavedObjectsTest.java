package org.privacymetrics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The saved-objects file itself: up to date with the panel specs, importable, reading only the rollups. */
class SavedObjectsTest {

    @Test
    void committedNdjsonIsBuiltFromThePanelSpecs() throws Exception {
        Tools.Result r = Tools.run("node", "tools/build.mjs", "--check");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void structureReferencesAndIndicesPassTheChecks() throws Exception {
        Tools.Result r = Tools.run("node", "tools/check.mjs");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("structure: 9 objects, 6 Vega panels");
    }

    @Test
    void everyObjectCarriesBothMigrationVersionsAndNoRawIndexIsNamed() throws Exception {
        List<String> lines = Files.readAllLines(Tools.dir().resolve("privacy-metrics.ndjson"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(9);
        for (String line : lines) {
            assertThat(line).contains("\"coreMigrationVersion\":\"8.8.0\"", "\"typeMigrationVersion\":\"");
            assertThat(line).doesNotContain("metrics-events");
        }
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"dashboard\"", "Cross-service usage");
    }
}
