package org.privacymetrics.logback.elasticsearch;

import org.privacymetrics.logback.transport.SpoolingService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.privacymetrics.logback.transport.ServiceProcess;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.logback.transport.SpoolAssertions.assertHoldsOnlyPseudonymizedEventsPrivately;

/**
 * Edge faults for real: a service (its own JVM, MetricsIdAppender in front of the spooled Elasticsearch transport)
 * logs while the real node is down, is killed with SIGKILL or stopped, the node comes back, a new service process
 * with the same spool dir delivers everything: each event is stored exactly once ({@code documentIdField=event_id}:
 * a replayed event already stored is a 409, counted as a duplicate and acknowledged).
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class ElasticsearchSpoolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "c3Bvb2wtaXQtc2VjcmV0LW9mLWF0LWxlYXN0LTMyLWJ5dGVzIQ==";

    @TempDir
    Path tmp;

    private Map<String, String> props(ElasticsearchNode node, String index, Path spool, int bufferSize) {
        Map<String, String> p = new HashMap<>();
        p.put("es.url", node.baseUrl());
        p.put("es.index", index);
        p.put("es.username", "metrics_writer");
        p.put("es.password", "writer-password");
        p.put("buffer.size", Integer.toString(bufferSize));
        p.put("spool.dir", spool.toString());
        p.put("metrics.secret", SECRET);
        return p;
    }

    /** Every event id stored in {@code index}, asserting each document appears once and is pseudonymized. */
    private static Set<String> storedIds(NodeHttp es, String index, int expectedCount) throws Exception {
        es.post("/" + index + "/_refresh", null).assertSuccess();
        long count = JSON.readTree(es.get("/" + index + "/_count").assertSuccess().body()).path("count").asLong();
        assertThat(count).as("documents in " + index).isEqualTo(expectedCount);
        JsonNode hits = JSON.readTree(es.get("/" + index + "/_search?size=" + (expectedCount + 100)
                + "&_source_includes=event_id,metrics_id,metrics_epoch").assertSuccess().body()).path("hits").path("hits");
        Set<String> ids = new HashSet<>();
        for (JsonNode hit : hits) {
            String id = hit.path("_source").path("event_id").asText();
            assertThat(hit.path("_id").asText()).isEqualTo(id);
            assertThat(hit.path("_source").path("metrics_id").asText()).hasSize(32);
            assertThat(ids.add(id)).as("stored once: " + id).isTrue();
        }
        return ids;
    }

    /**
     * One node outage, two services (two node restarts would cost a minute more): the first logs 300 events with the
     * node up, 1,200 while it is down and is killed with SIGKILL a second after its last event; the second starts
     * during the outage with a memory buffer of 100 events, logs 1,500 and stops cleanly. The node comes back; a new
     * process on each spool dir logs 20 more and drains.
     */
    @Test
    void servicesKilledOrStoppedDuringAnOutageLoseNothingAndEachEventIsStoredOnce(ElasticsearchNode node, NodeHttp es)
            throws Exception {
        Path killedSpool = tmp.resolve("killed-spool");
        Path stoppedSpool = tmp.resolve("stopped-spool");
        Path log = tmp.resolve("services.log");
        try (ServiceProcess killed = ServiceProcess.start(log, props(node, "spool-it-kill", killedSpool, 10_000),
                "SpoolingService-es.xml", "kill", 1500, 300, "hang")) {
            killed.awaitLine("PAUSED");
            node.stopKeepingData();
            try {
                killed.resume(); // the other 1200 events are logged while the node is down
                // a memory buffer of 100 events: 15 times less than the outage produces
                try (ServiceProcess stopped = ServiceProcess.start(log,
                        props(node, "spool-it-long", stoppedSpool, 100), "SpoolingService-es.xml", "long", 1500, -1,
                        "stop")) {
                    killed.awaitLine("LOGGED");
                    TimeUnit.SECONDS.sleep(1); // the scenario: killed a second after its last event
                    killed.kill9();

                    String stats = stopped.awaitLine("STOPPED");
                    assertThat(stopped.awaitExit(60)).isZero();
                    assertThat(stats).contains("sent=0").contains("dropped=0").contains("spooled=1500");
                }
                assertHoldsOnlyPseudonymizedEventsPrivately(killedSpool, "raw-user-");
                assertHoldsOnlyPseudonymizedEventsPrivately(stoppedSpool, "raw-user-");
            } finally {
                node.restart();
            }
        }
        try (ServiceProcess afterKill = ServiceProcess.start(log, props(node, "spool-it-kill", killedSpool, 10_000),
                "SpoolingService-es.xml", "after-kill", 20, -1, "drain");
             ServiceProcess afterStop = ServiceProcess.start(log, props(node, "spool-it-long", stoppedSpool, 100),
                     "SpoolingService-es.xml", "after-long", 20, -1, "drain")) {
            assertThat(afterKill.awaitExit(150)).as("drained: " + afterKill.output()).isZero();
            assertThat(afterStop.awaitExit(150)).as("drained: " + afterStop.output()).isZero();
        }
        Set<String> expected = SpoolingService.expectedIds("kill", 1500);
        expected.addAll(SpoolingService.expectedIds("after-kill", 20));
        assertThat(storedIds(es, "spool-it-kill", 1520)).isEqualTo(expected);
        expected = SpoolingService.expectedIds("long", 1500);
        expected.addAll(SpoolingService.expectedIds("after-long", 20));
        assertThat(storedIds(es, "spool-it-long", 1520)).isEqualTo(expected);
    }
}
