package org.privacymetrics.es.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * The shell commands of the READMEs and docs work verbatim. Every fenced {@code sh}/{@code bash} block that talks to
 * Elasticsearch ({@code curl} on {@code localhost:9200} or {@code $ES}) runs, as written, against the module's real
 * node with security on and docs/roles.yml as shipped; only the documented placeholders are filled: the node's address
 * for {@code localhost:9200} / {@code $ES}, and for each documented user name ({@code -u sync-service}) a file-realm
 * user with the role the docs give it, with its password. Any HTTP error fails the block ({@code curl --fail-with-body}),
 * as does any failing command ({@code set -euo pipefail}).
 *
 * <p>Every other command of a shell block must start with a command listed in {@link #NOT_RUN_HERE}, with what runs it
 * (or why nothing here can); a new kind of command in the docs fails this test until it is run here or accounted for.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class DocsCommandsIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> DOCS = List.of("README.md", "docs/operations.md", "docs/rollups.md", "docs/privacy.md",
        "docs/architecture.md", "docs/threat-model.md", "docs/metrics-id.md", "kibana-dashboards/README.md",
        "logback-appender/README.md", "logback-appender/TRANSPORTS.md");

    /** The users the docs name, and the test node's user holding the role the docs give them. */
    private static final Map<String, String> USERS = Map.of(
        "sync-service", "pm-writer:pm-writer-pw",       // privacy_metrics_writer (operations.md, Security: roles)
        "analyst", "pm-viewer:pm-viewer-pw",            // privacy_metrics_viewer
        "ops", "pm-admin:pm-admin-pw",                  // privacy_metrics_admin
        "admin", "test-superuser:test-superuser-pw");   // an Elasticsearch administrator (superuser)

    /** First words of the commands this test does not run, and what runs them (or why nothing here can). */
    private static final Map<String, String> NOT_RUN_HERE = new LinkedHashMap<>();
    static {
        NOT_RUN_HERE.put("./demo.sh", "DemoIT runs the demo end to end");
        NOT_RUN_HERE.put("./test.sh", "CI itself (.ci/run)");
        NOT_RUN_HERE.put(". scripts/env.sh", "sourced by test.sh, demo.sh and every script");
        NOT_RUN_HERE.put("scripts/", "build scripts: the per-version builds and smoke tests of test.sh use build-plugin(s).sh;"
            + " release.sh is run by hand before a release (it builds every zip)");
        NOT_RUN_HERE.put("sha256sum", "verifying a downloaded zip: on the operator's machine");
        NOT_RUN_HERE.put("mvn", "the Maven build itself (install, install:install-file of a release bundle)");
        NOT_RUN_HERE.put("bin/elasticsearch-plugin", "es-test-node installs the plugin zip with it for every test node");
        NOT_RUN_HERE.put("bin/elasticsearch-keystore", "es-test-node creates the keystore and adds the re-key secret with it");
        NOT_RUN_HERE.put("bin/elasticsearch-users", "file-realm users: es-test-node writes the users and roles files of every node");
        NOT_RUN_HERE.put("./import.sh", "needs Kibana, which cannot be installed here: ImportScriptTest runs it against a fake Kibana");
        NOT_RUN_HERE.put("KIBANA_AUTH=", "needs Kibana, which cannot be installed here: ImportScriptTest runs it against a fake Kibana");
        NOT_RUN_HERE.put("openssl", "secret generation on the operator's machine");
    }

    private static ElasticsearchNode node;

    @BeforeAll
    static void setUp(ElasticsearchNode n) {
        node = n;
    }

    @AfterAll
    static void restoreSettings() {
        // the retention example changes a cluster setting of the shared node: back to the node's own value
        node.http().put("/_cluster/settings", "{\"persistent\": {\"privacy_metrics.events.retention\": null}}").assertSuccess();
    }

    record Block(String file, int line, String text) {
        boolean talksToElasticsearch() {
            return text.contains("curl") && (text.contains("localhost:9200") || text.contains("$ES")) && !text.contains("kibana");
        }

        String where() {
            return file + ":" + line;
        }
    }

    static List<Block> shellBlocks() throws IOException {
        Pattern fence = Pattern.compile("(?m)^```(sh|bash|shell)\\n(.*?)^```", Pattern.DOTALL);
        List<Block> out = new ArrayList<>();
        for (String doc : DOCS) {
            Path p = ROOT.resolve(doc);
            if (!Files.exists(p)) {
                continue;
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            Matcher m = fence.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                out.add(new Block(doc, line, m.group(2)));
            }
        }
        return out;
    }

    /** The block with its placeholders filled, as a script that fails on any failing command or HTTP error. */
    static String script(Block b, URI es) {
        String body = b.text().replace("localhost:9200", es.getHost() + ":" + es.getPort());
        Matcher m = Pattern.compile("-u ([A-Za-z0-9_-]+)(?=[\\s'\"])").matcher(body);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String user = USERS.get(m.group(1));
            if (user == null) {
                throw new AssertionError(b.where() + ": user [" + m.group(1) + "] is not one of the documented users " + USERS.keySet());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement("-u " + user));
        }
        m.appendTail(sb);
        return "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; echo; }\nES='" + es + "'\n" + sb;
    }

    /**
     * A fresh directory in which the doc's own directory is visible (links to its files, e.g. kibana-dashboards' jobs/),
     * so files a block writes (ids.json) do not land in the checkout.
     */
    private static Path workDir(Block b) throws IOException {
        Path dir = Files.createTempDirectory("doc-block-");
        try (var entries = Files.list(ROOT.resolve(b.file()).getParent())) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                Files.createSymbolicLink(dir.resolve(e.getFileName()), e);
            }
        }
        return dir;
    }

    @Test
    void everyElasticsearchCommandOfTheDocsWorksVerbatim() throws Exception {
        URI es = URI.create(node.baseUrl());
        NodeHttp admin = node.http();
        admin.post("/_privacy/setup", null).assertSuccess();
        List<Block> blocks = shellBlocks();
        int ran = 0;
        List<String> failures = new ArrayList<>();
        for (Block b : blocks) {
            if (!b.talksToElasticsearch()) {
                continue;
            }
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", script(b, es)).directory(workDir(b).toFile()).redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                failures.add(b.where() + ": timed out");
            } else if (p.exitValue() != 0) {
                failures.add(b.where() + ": exit " + p.exitValue() + "\n" + output);
            }
            ran++;
        }
        assertThat(failures).as("doc blocks that failed").isEmpty();
        assertThat(ran).as("Elasticsearch command blocks found in the docs").isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyOtherCommandOfTheDocsIsAccountedFor() throws Exception {
        List<String> unknown = new ArrayList<>();
        for (Block b : shellBlocks()) {
            if (b.talksToElasticsearch()) {
                continue;
            }
            for (String line : b.text().split("\n")) {
                String cmd = line.strip();
                if (cmd.isEmpty() || cmd.startsWith("#") || cmd.startsWith("-") || cmd.startsWith("|") || cmd.startsWith("'")) {
                    continue; // comments, continuation lines
                }
                if (cmd.contains("kibana.example.org")) {
                    continue; // Kibana's API: Kibana cannot be installed here (ImportScriptTest checks import.sh's requests)
                }
                if (NOT_RUN_HERE.keySet().stream().noneMatch(cmd::startsWith)) {
                    unknown.add(b.where() + ": " + cmd);
                }
            }
        }
        assertThat(unknown).as("doc commands neither run by this test nor listed in NOT_RUN_HERE").isEmpty();
    }
}
