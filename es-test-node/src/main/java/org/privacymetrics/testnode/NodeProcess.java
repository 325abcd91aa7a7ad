package org.privacymetrics.testnode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running {@code bin/elasticsearch} (through {@code runuser} when there is a run-as account): its launch with the
 * heap and JVM options in {@code ES_JAVA_OPTS}, its output appended to the console log, and the end of its whole
 * process tree (runuser, the CLI launcher, the server JVM) either cleanly or like {@code kill -9}.
 */
final class NodeProcess {

    private final Process process;

    private NodeProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the node in {@code home}; its pid goes to {@code home/es.pid} and its stdout and stderr to
     * {@code consoleLog}.
     */
    static NodeProcess launch(Path home, Path workDir, Path javaHome, RunAsAccount account, String heap,
            String extraJvmOptions, Path consoleLog) throws IOException {
        List<String> cmd = List.of(home.resolve("bin/elasticsearch").toString(), "-p", home.resolve("es.pid").toString());
        ProcessBuilder pb = new ProcessBuilder(account == null ? cmd : account.wrap(cmd)).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        DistributionTools.environment(pb.environment(), javaHome, workDir);
        pb.environment().put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap
                + (extraJvmOptions.isEmpty() ? "" : " " + extraJvmOptions));
        Process p = pb.start();
        p.getOutputStream().close();
        return new NodeProcess(p);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM to the tree, the server first so it shuts down cleanly; SIGKILL to what is left after 30 seconds. */
    void terminate() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.sort(Comparator.comparingLong(ProcessHandle::pid).reversed());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(30);
        for (ProcessHandle h : tree) {
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            try {
                h.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception timeoutOrInterrupt) {
                h.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL to the server JVM and its parents, no shutdown; waits up to 30 seconds for each to be gone. */
    void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or not: nothing else to do
            }
        }
    }

    /**
     * Stops a node an earlier test JVM left running (killed with SIGKILL, its pid file still in {@code home}), if that
     * pid is still an Elasticsearch process.
     */
    static void killStale(Path home, System.Logger log) throws IOException {
        Path pidFile = home.resolve("es.pid");
        if (!java.nio.file.Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                String cmd = h.info().commandLine().orElse("");
                if (cmd.contains("org.elasticsearch")) {
                    log.log(System.Logger.Level.WARNING, "stopping stale Elasticsearch process {0} from an earlier run", pid);
                    h.destroyForcibly();
                    h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(x -> null).join();
                }
            });
        } catch (NumberFormatException ignored) {
            // not a pid file we wrote
        }
    }
}
