package org.privacymetrics.testnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's secrets reach the distribution's tools on standard input, never as arguments (which every local user can
 * read in /proc/&lt;pid&gt;/cmdline). The tools are replaced by scripts that record their arguments and input.
 */
class NodeConfigurationTest {

    @TempDir
    Path dir;

    private Path home;

    private void fakeTool(String name) throws IOException {
        Path tool = home.resolve("bin").resolve(name);
        Files.createDirectories(tool.getParent());
        // records "<tool> <args>" in calls.txt and the standard input in stdin.txt
        Files.writeString(tool, "#!/bin/sh\necho \"" + name + " $*\" >> \"$(dirname \"$0\")/../calls.txt\"\n"
                + "cat >> \"$(dirname \"$0\")/../stdin.txt\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void passwordsAndKeystoreValuesGoToStandardInputNotToTheCommandLine() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("config"));
        fakeTool("elasticsearch-users");
        fakeTool("elasticsearch-keystore");
        NodeConfiguration configuration = new NodeConfiguration(List.of(), Map.of("privacy_metrics.rekey.secret",
                "k3ystore-value"), List.of(new NodeUser("admin", "adm1n-password", List.of("superuser"))), Map.of(),
                Map.of(), "c");

        configuration.apply(home, new DistributionTools(home, dir, Path.of(System.getProperty("java.home"))));

        String calls = Files.readString(home.resolve("calls.txt"));
        String stdin = Files.readString(home.resolve("stdin.txt"));
        assertTrue(calls.contains("elasticsearch-users useradd admin -r superuser"), calls);
        assertTrue(calls.contains("elasticsearch-keystore add --force --stdin privacy_metrics.rekey.secret"), calls);
        assertFalse(calls.contains("adm1n-password"), calls);
        assertFalse(calls.contains("k3ystore-value"), calls);
        // the password and its confirmation, as the tool prompts for them
        assertTrue(stdin.contains("adm1n-password\nadm1n-password\n"), stdin);
        assertTrue(stdin.contains("k3ystore-value"), stdin);
        String log = Files.readString(dir.resolve("tools.log"));
        assertFalse(log.contains("adm1n-password") || log.contains("k3ystore-value"), log);
    }

    @Test
    void aFailingToolIsNamedWithoutItsInput() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        Path tool = Files.createDirectories(home.resolve("bin")).resolve("elasticsearch-users");
        Files.writeString(tool, "#!/bin/sh\ncat > /dev/null\nexit 3\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        NodeConfiguration configuration = new NodeConfiguration(List.of(), Map.of(),
                List.of(new NodeUser("admin", "adm1n-password", List.of())), Map.of(), Map.of(), "c");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configuration.apply(home,
                new DistributionTools(home, dir, Path.of(System.getProperty("java.home")))));
        assertTrue(e.getMessage().contains("elasticsearch-users useradd") && e.getMessage().contains("exit code 3"),
                e.getMessage());
        assertFalse(e.getMessage().contains("adm1n-password"), e.getMessage());
    }

    @Test
    void settingsAreQuotedAndListsKeptVerbatim() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("config"));
        new NodeConfiguration(List.of(), Map.of(), List.of(), Map.of(),
                Map.of("xpack.security.enabled", "true", "a.list", "[x, y]", "q", "say \"hi\""), "cluster-x")
                .writeSettings(home, 1234, 5678);
        List<String> yml = Files.readAllLines(home.resolve("config/elasticsearch.yml"));
        assertTrue(yml.contains("http.port: \"1234\""), yml.toString());
        assertTrue(yml.contains("transport.port: \"5678\""), yml.toString());
        assertTrue(yml.contains("cluster.name: \"cluster-x\""), yml.toString());
        assertTrue(yml.contains("a.list: [x, y]"), yml.toString());
        assertTrue(yml.contains("q: \"say \\\"hi\\\"\""), yml.toString());
        // a given setting overrides the default (security off) in place, not as a second key
        assertEquals(1, yml.stream().filter(l -> l.startsWith("xpack.security.enabled:")).count(), yml.toString());
        assertTrue(yml.contains("xpack.security.enabled: \"true\""), yml.toString());
    }
}
