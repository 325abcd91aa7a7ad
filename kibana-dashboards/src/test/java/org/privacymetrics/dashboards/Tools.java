package org.privacymetrics.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the module's Node tooling (tools/*.mjs) and the set-up script, capturing their output. */
final class Tools {

    record Result(int exitCode, String output) {
    }

    static Path dir() {
        return Paths.get(System.getProperty("dashboards.dir", ".")).toAbsolutePath().normalize();
    }

    static Result run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir().toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println(text);
        return new Result(p.exitValue(), text);
    }

    private Tools() {
    }
}
