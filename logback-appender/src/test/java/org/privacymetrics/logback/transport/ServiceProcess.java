package org.privacymetrics.logback.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link SpoolingService} in its own JVM (the test class path), which the test can pause, kill -9 and wait for. */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Writer stdin;

    private ServiceProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "service-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code SpoolingService fixture prefix count pauseAfter mode} with {@code properties} as system properties;
     * its Logback status and console output go to {@code log}.
     */
    public static ServiceProcess start(Path log, Map<String, String> properties, String fixture, String prefix,
                                       int count, int pauseAfter, String mode) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SpoolingService.class.getName());
        cmd.add(fixture);
        cmd.add(prefix);
        cmd.add(Integer.toString(count));
        cmd.add(Integer.toString(pauseAfter));
        cmd.add(mode);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ServiceProcess(pb.start());
    }

    /** Waits for an output line starting with {@code prefix} and returns it. */
    public String awaitLine(String prefix) {
        String[] found = new String[1];
        Await.until("service prints " + prefix, () -> {
            for (String l : lines) {
                if (l.startsWith(prefix)) {
                    found[0] = l;
                    return true;
                }
            }
            if (!process.isAlive() && found[0] == null) {
                throw new AssertionError("service exited with " + process.exitValue() + " before printing " + prefix
                        + "; output: " + lines);
            }
            return false;
        }, () -> "output: " + lines);
        return found[0];
    }

    /** Lets a paused service go on. */
    public void resume() throws IOException {
        stdin.write("go\n");
        stdin.flush();
    }

    /** SIGKILL (what {@code kill -9} sends): no shutdown hook, no flush, nothing. */
    public void kill9() throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            process.destroyForcibly(); // SIGKILL on Linux too
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("service did not die");
        }
    }

    /** Waits for the service to exit and returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("service still running after " + seconds + " s; output: " + lines);
        }
        return process.exitValue();
    }

    public List<String> output() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
