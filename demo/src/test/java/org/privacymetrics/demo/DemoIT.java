package org.privacymetrics.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Runs the README's demo end to end on a real node, with a smaller population. */
class DemoIT {

    @Test
    void answersTheFourQuestionsWithinTheirErrorBars() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path workDir = Paths.get(System.getProperty("demo.workdir", "target/demo-it-node"));
        Demo.Options options = Demo.Options.parse(new String[] {"--users", "3000", "--workdir", workDir.toString()});

        Demo.Result result = new Demo(options, new PrintStream(new TeeStream(buf, System.out), true, StandardCharsets.UTF_8)).run();

        // Every event the services sent is valid, so every one of them is stored exactly once.
        assertThat(result.eventsStored()).isEqualTo(result.eventsSent());
        assertThat(result.reports()).hasSize(2);
        for (Report report : result.reports().values()) {
            assertThat(report.rows()).extracting(Report.Row::question).contains(
                    "sign-ups this month", "users of sync", "users of hello", "users of readinglist",
                    "users who logged in from a mobile device", "users of more than one service");
            for (Report.Row row : report.rows()) {
                assertThat(row.ci95()).as(row.question()).isPositive();
                // P(|noise| > 4 * ci95) < 0.05^4 per value: a false failure over 14 values is below 1e-4.
                assertThat(Math.abs(row.noised() - row.truth())).as(row.question()).isLessThanOrEqualTo(4 * row.ci95());
            }
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("sign-ups this month", "±", "truth");

        // The dashboard previews were rendered from the demo's own rollups.
        assertThat(result.previews()).extracting(p -> p.getFileName().toString()).contains(
                "active-users-per-service.png", "multi-service-users.png", "signups.png", "logins-by-device.png", "events-per-service.png");
        for (Path png : result.previews()) {
            assertThat(javax.imageio.ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
        }
    }

    /** Lets the test keep the demo's output while still showing it in the build log. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
