package org.privacymetrics.testnode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs short-lived commands (system tools, the distribution's tools) to completion. Secrets go to a command's standard
 * input, never into its arguments: arguments are visible to every local user in {@code /proc/<pid>/cmdline} and
 * {@code ps}.
 */
final class Processes {

    private Processes() {
    }

    /** Runs a system command (id, useradd, chown) and waits for it; its output is discarded. */
    static int exec(List<String> cmd, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return run(pb, null, timeout, cmd.get(0));
    }

    /**
     * Starts {@code pb}, writes {@code stdin} (may be null) to its standard input and closes it, and waits.
     *
     * @param what the name used in errors (never the arguments, which are not secret but long)
     * @return the exit code
     */
    static int run(ProcessBuilder pb, String stdin, Duration timeout, String what) throws IOException {
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }
}
