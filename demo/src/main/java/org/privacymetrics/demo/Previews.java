package org.privacymetrics.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders the dashboard previews from the demo's own rollups with the dashboard checker
 * ({@code kibana-dashboards/tools/check.mjs}): every panel's query runs against the demo node and every Vega-Lite spec
 * is drawn to PNG in headless Chromium, as Kibana would draw it in the browser.
 */
final class Previews {

    private Previews() {
    }

    /** The kibana-dashboards directory: system property {@code demo.dashboards}, else looked up from the working directory. */
    static Path dashboardsDir() {
        String configured = System.getProperty("demo.dashboards");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        for (Path candidate : List.of(Paths.get("kibana-dashboards"), Paths.get("../kibana-dashboards"))) {
            if (Files.isRegularFile(candidate.resolve("tools/check.mjs"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find kibana-dashboards/tools/check.mjs; set -Ddemo.dashboards=DIR");
    }

    /**
     * Installs the renderer's tools if missing ({@code tools/setup.sh}: Debian chromium, pinned npm packages), then
     * checks and renders every panel into {@code outDir}.
     *
     * @return the PNG files written
     */
    static List<Path> render(String esUrl, Path outDir, PrintStream out) throws IOException, InterruptedException {
        Path dir = dashboardsDir();
        out.println("Rendering the dashboard previews from the demo's rollups into " + outDir);
        run(dir, out, "bash", "tools/setup.sh");
        Files.createDirectories(outDir);
        run(dir, out, "node", "tools/check.mjs", "--es", esUrl, "--out", outDir.toString());
        try (Stream<Path> files = Files.list(outDir)) {
            List<Path> pngs = files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList();
            pngs.forEach(p -> out.println("  " + p));
            return pngs;
        }
    }

    private static void run(Path dir, PrintStream out, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                out.println("  | " + line);
            }
        }
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 15 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
    }
}
