package org.privacymetrics.logback.fluentd;

import org.privacymetrics.logback.transport.SpoolingService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.privacymetrics.logback.transport.ServiceProcess;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.logback.transport.SpoolAssertions.assertHoldsOnlyPseudonymizedEventsPrivately;

/**
 * The edge-fault scenarios of {@code ElasticsearchSpoolIT} with the spooled Fluentd transport against the forward
 * test server: every event arrives (at least once; Fluentd has no dedupe, downstream dedupes on event_id).
 */
class FluentdSpoolIT {
    private static final String SECRET = "c3Bvb2wtaXQtc2VjcmV0LW9mLWF0LWxlYXN0LTMyLWJ5dGVzIQ==";

    @TempDir
    Path tmp;

    private ForwardTestServer server;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> props(Path spool, int bufferSize) {
        Map<String, String> p = new HashMap<>();
        p.put("fluentd.port", Integer.toString(server.port()));
        p.put("buffer.size", Integer.toString(bufferSize));
        p.put("spool.dir", spool.toString());
        p.put("metrics.secret", SECRET);
        return p;
    }

    /** The distinct event ids received; every record pseudonymized. */
    private Set<String> receivedIds() {
        List<ForwardTestServer.Entry> entries = server.entries();
        Set<String> ids = new HashSet<>();
        for (ForwardTestServer.Entry e : entries) {
            assertThat(e.record().get("metrics_id")).asString().hasSize(32);
            assertThat(e.record().toString()).doesNotContain("raw-user-");
            ids.add((String) e.record().get("event_id"));
        }
        return ids;
    }

    @Test
    void aServiceKilledDuringAnOutageLosesNothing() throws Exception {
        server = new ForwardTestServer(0).start();
        Path spool = tmp.resolve("spool");
        Path log = tmp.resolve("services.log");
        try (ServiceProcess first = ServiceProcess.start(log, props(spool, 10_000), "SpoolingService-fluentd.xml",
                "kill", 1500, 300, "hang")) {
            first.awaitLine("PAUSED");
            server.stop();
            first.resume();
            first.awaitLine("LOGGED");
            TimeUnit.SECONDS.sleep(1); // the scenario: killed a second after its last event
            first.kill9();
        }
        assertHoldsOnlyPseudonymizedEventsPrivately(spool, "raw-user-");
        server.start();
        try (ServiceProcess second = ServiceProcess.start(log, props(spool, 10_000), "SpoolingService-fluentd.xml",
                "after-kill", 20, -1, "drain")) {
            assertThat(second.awaitExit(150)).as("drained: " + second.output()).isZero();
        }
        Set<String> expected = SpoolingService.expectedIds("kill", 1500);
        expected.addAll(SpoolingService.expectedIds("after-kill", 20));
        assertThat(receivedIds()).isEqualTo(expected);
    }

    @Test
    void anOutageLongerThanTheMemoryBufferAndAServiceRestartLoseNothing() throws Exception {
        server = new ForwardTestServer(0); // down from the start
        Path spool = tmp.resolve("spool");
        Path log = tmp.resolve("services.log");
        try (ServiceProcess first = ServiceProcess.start(log, props(spool, 100), "SpoolingService-fluentd.xml",
                "long", 1500, -1, "stop")) {
            String stopped = first.awaitLine("STOPPED");
            assertThat(first.awaitExit(60)).isZero();
            assertThat(stopped).contains("sent=0").contains("dropped=0").contains("spooled=1500");
        }
        assertHoldsOnlyPseudonymizedEventsPrivately(spool, "raw-user-");
        server.start();
        try (ServiceProcess second = ServiceProcess.start(log, props(spool, 100), "SpoolingService-fluentd.xml",
                "after-long", 20, -1, "drain")) {
            assertThat(second.awaitExit(150)).as("drained: " + second.output()).isZero();
        }
        Set<String> expected = SpoolingService.expectedIds("long", 1500);
        expected.addAll(SpoolingService.expectedIds("after-long", 20));
        assertThat(receivedIds()).isEqualTo(expected);
    }
}
