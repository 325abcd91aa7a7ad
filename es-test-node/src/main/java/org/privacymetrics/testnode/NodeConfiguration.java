package org.privacymetrics.testnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node is configured with, written into an unpacked home: plugins, keystore entries, file-realm users,
 * extra config files and {@code elasticsearch.yml} (single node on loopback, the given ports, security off unless a
 * setting says otherwise). Keystore values and passwords reach the tools on standard input only.
 */
final class NodeConfiguration {

    private final List<Path> plugins;
    private final Map<String, String> keystore;
    private final List<NodeUser> users;
    private final Map<String, Path> configFiles;
    private final Map<String, String> settings;
    private final String clusterName;

    NodeConfiguration(List<Path> plugins, Map<String, String> keystore, List<NodeUser> users,
            Map<String, Path> configFiles, Map<String, String> settings, String clusterName) {
        this.plugins = List.copyOf(plugins);
        this.keystore = new LinkedHashMap<>(keystore);
        this.users = List.copyOf(users);
        this.configFiles = new LinkedHashMap<>(configFiles);
        this.settings = new LinkedHashMap<>(settings);
        this.clusterName = clusterName;
    }

    /** Installs the plugins, writes the keystore, the users and the config files with the distribution's tools. */
    void apply(Path home, DistributionTools tools) throws IOException {
        for (Path plugin : plugins) {
            if (!Files.isRegularFile(plugin)) {
                throw new IllegalStateException("plugin zip [" + plugin + "] does not exist");
            }
            tools.run(null, "bin/elasticsearch-plugin", "install", "--batch", plugin.toAbsolutePath().toUri().toString());
        }
        if (!keystore.isEmpty()) {
            tools.run(null, "bin/elasticsearch-keystore", "create");
            for (Map.Entry<String, String> e : keystore.entrySet()) {
                tools.run(e.getValue(), "bin/elasticsearch-keystore", "add", "--force", "--stdin", e.getKey());
            }
        }
        for (NodeUser u : users) {
            List<String> args = new ArrayList<>(List.of("useradd", u.name()));
            if (!u.roles().isEmpty()) {
                args.add("-r");
                args.add(String.join(",", u.roles()));
            }
            // No -p: the tool prompts for the password and its confirmation, which it reads from standard input.
            tools.run(u.password() + "\n" + u.password() + "\n", "bin/elasticsearch-users", args.toArray(String[]::new));
        }
        Path configDir = home.resolve("config");
        for (Map.Entry<String, Path> e : configFiles.entrySet()) {
            Path target = configDir.resolve(e.getKey()).normalize();
            if (!target.startsWith(configDir)) {
                throw new IllegalArgumentException("config file [" + e.getKey() + "] must stay inside config/");
            }
            Files.createDirectories(target.getParent());
            Files.copy(e.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code config/elasticsearch.yml}: the defaults of a single test node, then the given settings. */
    void writeSettings(Path home, int httpPort, int transportPort) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("cluster.name", clusterName);
        all.put("node.name", "node-0");
        all.put("network.host", "127.0.0.1");
        all.put("http.port", Integer.toString(httpPort));
        all.put("transport.port", Integer.toString(transportPort));
        all.put("discovery.type", "single-node");
        // Shared CI disks can be fuller than the default watermarks; a test node must still allocate shards.
        all.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        all.put("xpack.security.enabled", "false");
        all.putAll(settings);
        StringBuilder yml = new StringBuilder("# written by ").append(ElasticsearchNode.class.getName()).append('\n');
        all.forEach((k, v) -> yml.append(k).append(": ").append(yamlValue(v)).append('\n'));
        Files.writeString(home.resolve("config/elasticsearch.yml"), yml, StandardCharsets.UTF_8);
    }

    static String yamlValue(String v) {
        if (v.startsWith("[")) {
            return v; // a YAML/JSON list given verbatim
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String toString() {
        return "NodeConfiguration[plugins=" + plugins.size() + ", keystoreKeys=" + keystore.keySet() + ", users=" + users
                + ", settings=" + settings.keySet() + "]";
    }
}
