package org.privacymetrics.testnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the tools under the unpacked distribution's {@code bin/} ({@code elasticsearch-plugin},
 * {@code elasticsearch-keystore}, {@code elasticsearch-users}) with the node's environment; their output goes to
 * {@code tools.log} in the work directory. Secrets are passed on standard input only.
 */
final class DistributionTools {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final Path workDir;
    private final Path javaHome;

    DistributionTools(Path home, Path workDir, Path javaHome) {
        this.home = home;
        this.workDir = workDir;
        this.javaHome = javaHome;
    }

    /**
     * Runs {@code bin/<tool> args...}, feeding {@code stdin} (may be null).
     *
     * @throws IllegalStateException naming the tool and its first argument (never the other arguments or the input)
     *                               when it exits with a non-zero code
     */
    void run(String stdin, String tool, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve(tool).toString());
        cmd.addAll(List.of(args));
        String what = tool + (args.length > 0 ? " " + args[0] : "");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
        environment(pb.environment(), javaHome, workDir);
        Path log = workDir.resolve("tools.log");
        Files.writeString(log, "### " + what + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        int rc = Processes.run(pb, stdin, TIMEOUT, what);
        if (rc != 0) {
            throw new IllegalStateException(what + " failed with exit code " + rc + "; output in " + log);
        }
    }

    /** The environment of the node and its tools: the JDK, the temporary directory, nothing inherited that changes them. */
    static void environment(Map<String, String> env, Path javaHome, Path workDir) {
        env.put("ES_JAVA_HOME", javaHome.toString());
        env.put("ES_TMPDIR", workDir.resolve("tmp").toString());
        env.remove("JAVA_HOME");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.remove("ES_JAVA_OPTS");
        env.remove("ES_PATH_CONF");
    }
}
