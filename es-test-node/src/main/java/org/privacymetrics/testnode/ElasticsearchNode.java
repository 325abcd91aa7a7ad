package org.privacymetrics.testnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One real Elasticsearch node for tests and the demo, run from the distribution zip.
 *
 * <p>{@link #start()} unpacks the zip into the work directory (by default {@code target/es-node} of the calling
 * module, {@link Distribution}), installs the plugin zips, writes the keystore entries, file-realm users and settings
 * with the distribution's own tools ({@link NodeConfiguration}), hands the work directory to the unprivileged account
 * when this JVM is root ({@link RunAsAccount}), starts {@code bin/elasticsearch} ({@link NodeProcess}) on two free
 * loopback ports and waits until the cluster health is yellow or green.
 *
 * <p>Elasticsearch refuses to run as root: when this JVM is root the node runs under an unprivileged account
 * ({@code esnode} by default, created with {@code useradd --system} if missing) via {@code runuser}.
 * The distribution zip has no bundled JDK, so the node runs on this JVM's {@code java.home} (must be 21+) unless
 * {@link Builder#javaHome(Path)} says otherwise.
 *
 * <p>{@link #stop()} is idempotent; a JVM shutdown hook stops the node also when tests fail or the JVM is
 * interrupted. Keystore values and passwords are never logged, shown by {@link #toString()} or passed on a command
 * line (the tools read them on standard input).
 */
public final class ElasticsearchNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ElasticsearchNode.class.getName());

    /** Default unprivileged account used when the JVM runs as root. */
    public static final String DEFAULT_RUN_AS = "esnode";

    private final Builder config;
    private final Path workDir;
    private final Path home;
    private final Object lock = new Object();
    private NodeProcess process;
    private Thread shutdownHook;
    private int httpPort;
    private int transportPort;
    private NodeHttp http;
    private boolean stopped;

    private ElasticsearchNode(Builder config) {
        this.config = config;
        this.workDir = config.workDir.toAbsolutePath().normalize();
        this.home = workDir.resolve("elasticsearch");
    }

    /** @return a builder with the defaults described on its methods */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Prepares and starts the node and waits until it is ready.
     *
     * @return this node
     * @throws IllegalStateException when the node cannot be prepared or does not become ready in time
     */
    public ElasticsearchNode start() {
        synchronized (lock) {
            Instant t0 = Instant.now();
            startWithoutWaiting();
            awaitReady();
            LOG.log(Level.INFO, "Elasticsearch ready at {0} after {1} s (work dir {2})", baseUrl(),
                    Duration.between(t0, Instant.now()).toSeconds(), workDir);
            return this;
        }
    }

    /**
     * Prepares the node and launches its process without waiting for it: its ports are known when this returns, so the
     * nodes of a cluster can be launched one after the other and then awaited together ({@link #awaitReady()}), which
     * overlaps their starts.
     *
     * @return this node
     * @throws IllegalStateException when the node cannot be prepared or launched
     */
    public ElasticsearchNode startWithoutWaiting() {
        synchronized (lock) {
            if (process != null) {
                throw new IllegalStateException("node already started");
            }
            try {
                NodeProcess.killStale(home, LOG);
                prepare();
                launch();
            } catch (IOException e) {
                stop();
                throw new IllegalStateException("cannot start Elasticsearch in " + workDir + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
            return this;
        }
    }

    /**
     * Waits until a node launched by {@link #startWithoutWaiting()} is ready; stops it when it does not become ready in
     * time.
     *
     * @return this node
     * @throws IllegalStateException when the node was not launched or does not become ready in time
     */
    public ElasticsearchNode awaitReady() {
        synchronized (lock) {
            if (process == null) {
                throw new IllegalStateException("node not started");
            }
            try {
                waitUntilReady();
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
            return this;
        }
    }

    private void prepare() throws IOException {
        Distribution.deleteTree(workDir);
        Files.createDirectories(workDir);
        new Distribution(config.distribution).unpackInto(home);
        Files.createDirectories(workDir.resolve("tmp"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("data"));
        NodeConfiguration configuration = new NodeConfiguration(config.plugins, config.keystore, config.users,
                config.configFiles, config.settings, config.clusterName);
        configuration.apply(home, new DistributionTools(home, workDir, javaHome()));
        httpPort = freePort();
        do {
            transportPort = freePort();
        } while (transportPort == httpPort);
        configuration.writeSettings(home, httpPort, transportPort);
        RunAsAccount account = runAsAccount();
        if (account != null) {
            account.prepare(workDir, javaHome());
        }
    }

    private void launch() throws IOException {
        process = NodeProcess.launch(home, workDir, javaHome(), runAsAccount(), config.heap, config.extraJvmOptions,
                consoleLog());
        shutdownHook = new Thread(this::stopFromHook, "es-node-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        http = new NodeHttp(URI.create("http://127.0.0.1:" + httpPort));
        if (config.authUser != null) {
            http = http.withBasicAuth(config.authUser.name(), config.authUser.password());
        }
    }

    private void waitUntilReady() {
        Instant deadline = Instant.now().plus(config.startTimeout);
        NodeHttp probe = http.withTimeout(Duration.ofSeconds(15));
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with code " + process.exitValue()
                        + " before it was ready; console output:\n" + tail(consoleLog(), 60));
            }
            try {
                NodeHttp.Response r = probe.get("/_cluster/health?wait_for_status=yellow&timeout=5s");
                if (r.status() == 200 && r.body().contains("\"timed_out\":false")) {
                    String pending = null;
                    for (String path : config.awaitPaths) {
                        NodeHttp.Response a = probe.get(path);
                        if (a.status() != 200) {
                            pending = path + " -> " + a.status();
                            break;
                        }
                    }
                    if (pending == null) {
                        return;
                    }
                    r = null;
                    last = "healthy, waiting for " + pending;
                }
                if (r != null) {
                    last = r.toString();
                }
            } catch (UncheckedIOException e) {
                last = e.getMessage();
            }
            sleep(500);
        }
        throw new IllegalStateException("Elasticsearch not ready after " + config.startTimeout.toSeconds()
                + " s (last health answer: " + last + "); console output:\n" + tail(consoleLog(), 60));
    }

    // ------------------------------------------------------------------------------------------------------------- stop

    /** Stops the node and waits for its processes to end. Safe to call more than once and from any thread. */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            removeShutdownHook();
            terminate();
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to run; it calls stop and finds stopped == true
            }
        }
    }

    /** Removes the shutdown hook before a stop that keeps the data; false when the JVM is shutting down already. */
    private boolean detachShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                return false; // the hook stops the node anyway
            }
            shutdownHook = null;
        }
        return true;
    }

    /**
     * Stops the node process like {@link #stop()} but keeps its home, data directory, ports and users, so that
     * {@link #restart()} brings the same node back with its indices. Does nothing if the process is not running.
     */
    public void stopKeepingData() {
        synchronized (lock) {
            if (stopped || process == null || !detachShutdownHook()) {
                return;
            }
            terminate();
            process = null;
        }
    }

    /**
     * Kills the node like {@link #kill()} ({@code kill -9}, no shutdown) but keeps its home, data directory, ports and
     * users, so that {@link #restart()} brings the same node (same node id, new ephemeral id) back with what it had
     * written: a crash followed by a restart. Does nothing if the process is not running.
     */
    public void killKeepingData() {
        synchronized (lock) {
            if (stopped || process == null || !detachShutdownHook()) {
                return;
            }
            process.kill();
            LOG.log(Level.INFO, "Elasticsearch at port {0} killed", Integer.toString(httpPort));
            process = null;
        }
    }

    /**
     * Starts the node again on the same home, data directory and ports after {@link #stopKeepingData()} and waits until
     * it is ready. Does nothing if it is running.
     *
     * @throws IllegalStateException after {@link #stop()}, or when the node does not become ready in time
     */
    public ElasticsearchNode restart() {
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("node was stopped for good; start a new one");
            }
            if (process != null && process.isAlive()) {
                return this;
            }
            try {
                launch();
            } catch (IOException e) {
                throw new IllegalStateException("cannot restart Elasticsearch in " + workDir + ": " + e.getMessage(), e);
            }
            waitUntilReady();
            LOG.log(Level.INFO, "Elasticsearch restarted at {0}", baseUrl());
            return this;
        }
    }

    private void stopFromHook() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            terminate();
        }
    }

    private void terminate() {
        if (process == null) {
            return;
        }
        process.terminate();
        LOG.log(Level.INFO, "Elasticsearch at port {0} stopped", Integer.toString(httpPort));
    }

    /**
     * Kills the node like {@code kill -9}: SIGKILL to the server JVM and its parents, no shutdown. For fault tests; safe
     * to call more than once.
     */
    public void kill() {
        synchronized (lock) {
            if (stopped || process == null) {
                return;
            }
            stopped = true;
            removeShutdownHook();
            process.kill();
            LOG.log(Level.INFO, "Elasticsearch at port {0} killed", Integer.toString(httpPort));
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------------------------------------------------- getters

    /** @return e.g. {@code http://127.0.0.1:40123} */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** @return the HTTP port on 127.0.0.1 */
    public int httpPort() {
        return httpPort;
    }

    /** @return the transport port on 127.0.0.1 */
    public int transportPort() {
        return transportPort;
    }

    /**
     * @return a REST helper authenticated as the configured admin user (see {@link Builder#authenticateAs(String)}),
     *     or unauthenticated when security is off
     */
    public NodeHttp http() {
        if (http == null) {
            throw new IllegalStateException("node not started");
        }
        return http;
    }

    /** Shortcut for {@code http().request(method, path, jsonBody)}. */
    public NodeHttp.Response request(String method, String path, String jsonBody) {
        return http().request(method, path, jsonBody);
    }

    /**
     * @param user a user added with {@link Builder#user(String, String, String...)} or any basic-auth user
     * @param password that user's password
     * @return a REST helper authenticated as that user
     */
    public NodeHttp httpAs(String user, String password) {
        return http().withBasicAuth(user, password);
    }

    /** @return the work directory (holds {@code elasticsearch/}, {@code tmp/}, {@code tools.log}) */
    public Path workDir() {
        return workDir;
    }

    /** @return the unpacked distribution ({@code ES_HOME}) */
    public Path homeDir() {
        return home;
    }

    /** @return the node's data directory ({@code path.data}) */
    public Path dataDir() {
        return home.resolve("data");
    }

    /** @return the node's log directory ({@code path.logs}) */
    public Path logsDir() {
        return home.resolve("logs");
    }

    /** @return the node's main server log, {@code logs/<cluster name>.log} */
    public Path logFile() {
        return logsDir().resolve(config.clusterName + ".log");
    }

    /** @return the file that receives the node process's stdout and stderr */
    public Path consoleLog() {
        return workDir.resolve("console.log");
    }

    /** @return the cluster name */
    public String clusterName() {
        return config.clusterName;
    }

    /** @return whether the node process is running */
    public boolean isRunning() {
        synchronized (lock) {
            return process != null && process.isAlive() && !stopped;
        }
    }

    @Override
    public String toString() {
        return "ElasticsearchNode[" + (httpPort == 0 ? "not started" : baseUrl()) + ", workDir=" + workDir
                + ", plugins=" + config.plugins.size() + ", keystoreKeys=" + config.keystore.keySet() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------- helpers

    private Path javaHome() {
        return config.javaHome != null ? config.javaHome : Path.of(System.getProperty("java.home"));
    }

    private RunAsAccount runAsAccount() {
        return RunAsAccount.forThisJvm(config.runAs);
    }

    static boolean isRoot() {
        return RunAsAccount.isRoot();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Configuration of a node. Every method returns this builder.
     */
    public static final class Builder {
        private Path distribution;
        private final List<Path> plugins = new ArrayList<>();
        private final Map<String, String> keystore = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, Path> configFiles = new LinkedHashMap<>();
        private final List<NodeUser> users = new ArrayList<>();
        private String authUserName;
        private NodeUser authUser;
        private Path workDir = Path.of("target", "es-node");
        private String heap = "512m";
        private String extraJvmOptions = "";
        private Path javaHome;
        private String runAs = DEFAULT_RUN_AS;
        private String clusterName = "privacy-metrics-test";
        private Duration startTimeout = Duration.ofSeconds(180);
        private final List<String> awaitPaths = new ArrayList<>();

        private Builder() {
        }

        /** @param zip the {@code integ-test-zip} (or default) distribution zip; required */
        public Builder distribution(Path zip) {
            this.distribution = Objects.requireNonNull(zip, "zip");
            return this;
        }

        /** @param zip a plugin zip installed with {@code elasticsearch-plugin install --batch}; may be called again */
        public Builder plugin(Path zip) {
            plugins.add(Objects.requireNonNull(zip, "zip"));
            return this;
        }

        /** Adds a string entry to the node's keystore. The value is never logged. */
        public Builder keystore(String key, String value) {
            keystore.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a line to {@code elasticsearch.yml}; overrides the defaults (e.g. {@code xpack.security.enabled},
         * which is {@code false} unless set here). A value starting with {@code [} is written verbatim as a list.
         */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a file-realm user with {@code elasticsearch-users useradd} (only effective with security on).
         * The first user with role {@code superuser} authenticates {@link ElasticsearchNode#http()} unless
         * {@link #authenticateAs(String)} names another.
         *
         * @param password at least 6 characters
         */
        public Builder user(String name, String password, String... roles) {
            if (password.length() < 6) {
                throw new IllegalArgumentException("password of user [" + name + "] must have at least 6 characters");
            }
            users.add(new NodeUser(name, password, List.of(roles)));
            return this;
        }

        /** @param name the user (added with {@link #user}) whose credentials the default REST helper sends */
        public Builder authenticateAs(String name) {
            this.authUserName = name;
            return this;
        }

        /** Copies {@code source} to {@code config/<name>} (e.g. {@code roles.yml}) before the node starts. */
        public Builder configFile(String name, Path source) {
            configFiles.put(name, source);
            return this;
        }

        /** @param dir work directory, deleted and recreated on start; default {@code target/es-node} */
        public Builder workDir(Path dir) {
            this.workDir = Objects.requireNonNull(dir);
            return this;
        }

        /** @param size heap (Xms = Xmx), default {@code 512m} */
        public Builder heap(String size) {
            this.heap = Objects.requireNonNull(size);
            return this;
        }

        /** @param options extra JVM options for the node, space separated */
        public Builder jvmOptions(String options) {
            this.extraJvmOptions = Objects.requireNonNull(options);
            return this;
        }

        /** @param dir JDK 21+ the node runs on; default this JVM's {@code java.home} */
        public Builder javaHome(Path dir) {
            this.javaHome = dir;
            return this;
        }

        /** @param user account the node runs under when this JVM is root; default {@value #DEFAULT_RUN_AS} */
        public Builder runAs(String user) {
            this.runAs = Objects.requireNonNull(user);
            return this;
        }

        /** @param name cluster name; the main log file is named after it */
        public Builder clusterName(String name) {
            this.clusterName = Objects.requireNonNull(name);
            return this;
        }

        /** @param timeout how long to wait for health yellow; default 180 s (shared 2-core machines are slow) */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * @param path a REST path that must answer 200 before the node counts as ready, e.g. a resource a plugin
         *     installs asynchronously after the master is elected; may be called again
         */
        public Builder awaitPath(String path) {
            awaitPaths.add(Objects.requireNonNull(path, "path"));
            return this;
        }

        /**
         * Reads the configuration from properties (the JUnit extension passes {@link System#getProperties()}):
         * <ul>
         *   <li>{@code privacy.es.zip} distribution zip (required)</li>
         *   <li>{@code privacy.es.plugin} plugin zip(s), comma separated</li>
         *   <li>{@code privacy.es.keystore.<key>} keystore string entries</li>
         *   <li>{@code privacy.es.setting.<key>} node settings</li>
         *   <li>{@code privacy.es.user.<name>} = {@code password:role1,role2} file-realm users</li>
         *   <li>{@code privacy.es.auth} user the default REST helper authenticates as</li>
         *   <li>{@code privacy.es.config.<file>} path of a file copied into {@code config/<file>}</li>
         *   <li>{@code privacy.es.workdir}, {@code privacy.es.heap}, {@code privacy.es.runas},
         *       {@code privacy.es.java.home}, {@code privacy.es.start.timeout} (seconds)</li>
         *   <li>{@code privacy.es.await} REST paths that must answer 200 before the node is ready, comma separated</li>
         * </ul>
         * Blank values are ignored.
         */
        public Builder fromProperties(Properties props) {
            for (String key : props.stringPropertyNames()) {
                String v = props.getProperty(key);
                if (!key.startsWith("privacy.es.") || v == null || v.isBlank()) {
                    continue;
                }
                String k = key.substring("privacy.es.".length());
                if (k.equals("zip")) {
                    distribution(Path.of(v.trim()));
                } else if (k.equals("plugin") || k.equals("plugins")) {
                    for (String p : v.split(",")) {
                        if (!p.isBlank()) {
                            plugin(Path.of(p.trim()));
                        }
                    }
                } else if (k.startsWith("keystore.")) {
                    keystore(k.substring("keystore.".length()), v);
                } else if (k.startsWith("setting.")) {
                    setting(k.substring("setting.".length()), v.trim());
                } else if (k.startsWith("user.")) {
                    int colon = v.indexOf(':');
                    String password = colon < 0 ? v : v.substring(0, colon);
                    String roles = colon < 0 ? "" : v.substring(colon + 1);
                    user(k.substring("user.".length()), password,
                            Stream.of(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toArray(String[]::new));
                } else if (k.equals("auth")) {
                    authenticateAs(v.trim());
                } else if (k.startsWith("config.")) {
                    configFile(k.substring("config.".length()), Path.of(v.trim()));
                } else if (k.equals("workdir")) {
                    workDir(Path.of(v.trim()));
                } else if (k.equals("heap")) {
                    heap(v.trim());
                } else if (k.equals("runas")) {
                    runAs(v.trim());
                } else if (k.equals("java.home")) {
                    javaHome(Path.of(v.trim()));
                } else if (k.equals("await")) {
                    for (String p : v.split(",")) {
                        if (!p.isBlank()) {
                            awaitPath(p.trim());
                        }
                    }
                } else if (k.equals("start.timeout")) {
                    startTimeout(Duration.ofSeconds(Long.parseLong(v.trim())));
                } else {
                    throw new IllegalArgumentException("unknown property [" + key + "]");
                }
            }
            return this;
        }

        /**
         * Validates the configuration.
         *
         * @return a node, not yet started
         */
        public ElasticsearchNode build() {
            if (distribution == null) {
                throw new IllegalStateException("distribution zip is required (property privacy.es.zip)");
            }
            if (javaHome == null && Runtime.version().feature() < 21) {
                throw new IllegalStateException("Elasticsearch needs JDK 21+, this JVM is " + Runtime.version()
                        + "; run on JDK 21+ or set javaHome");
            }
            if (authUserName != null) {
                authUser = users.stream().filter(u -> u.name().equals(authUserName)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("authenticateAs [" + authUserName
                                + "] names no user added with user(...)"));
            } else {
                authUser = users.stream().filter(u -> u.roles().contains("superuser")).findFirst().orElse(null);
            }
            if ("true".equals(settings.get("xpack.security.enabled")) && authUser == null) {
                throw new IllegalStateException("xpack.security.enabled=true needs a user with role [superuser]"
                        + " (or authenticateAs) so the node's health can be checked");
            }
            return new ElasticsearchNode(this);
        }

        /** Builds and starts the node. */
        public ElasticsearchNode start() {
            return build().start();
        }

        /** Builds the node and launches it without waiting until it is ready ({@link ElasticsearchNode#awaitReady()}). */
        public ElasticsearchNode startWithoutWaiting() {
            return build().startWithoutWaiting();
        }
    }

}
