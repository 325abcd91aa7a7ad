package org.privacymetrics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * Every panel's query runs against a real node holding rollups that the plugin produced from raw events, and every
 * Vega-Lite spec renders with the real response in headless Chromium.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class DashboardsIT {

    private static final List<String> SERVICES = List.of("sync", "hello", "readinglist");
    private static final List<String> DEVICES = List.of("mobile", "tablet", "desktop");

    @BeforeAll
    static void rollupsProducedByThePlugin(ElasticsearchNode node) throws Exception {
        NodeHttp es = node.http();
        es.request("POST", "/_privacy/setup", null).assertSuccess();
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        Random rnd = new Random(5);
        for (YearMonth month : List.of(current.minusMonths(2), current.minusMonths(1))) {
            StringBuilder bulk = new StringBuilder();
            for (int u = 0; u < 400; u++) {
                byte[] id = new byte[16];
                rnd.nextBytes(id);
                String metricsId = HexFormat.of().formatHex(id); // an edge id: 32 lowercase hex
                String device = DEVICES.get(rnd.nextInt(DEVICES.size()));
                Set<String> used = new HashSet<>();
                used.add("sync");
                if (rnd.nextDouble() < 0.4) used.add("hello");
                if (rnd.nextDouble() < 0.3) used.add("readinglist");
                if (u % 10 == 0) event(bulk, month, rnd, metricsId, "sync", "signup", device);
                event(bulk, month, rnd, metricsId, "sync", "login", device);
                for (String s : used) {
                    for (int k = 0; k < 1 + rnd.nextInt(3); k++) event(bulk, month, rnd, metricsId, s, "call", device);
                }
            }
            NodeHttp.Response r = es.request("POST", "/_bulk?refresh=true", bulk.toString(), "application/x-ndjson").assertSuccess();
            assertThat(r.body()).contains("\"errors\":false");
        }
        for (String job : List.of("services", "signups", "logins")) {
            String body = Files.readString(Tools.dir().resolve("jobs/" + job + ".json"), StandardCharsets.UTF_8);
            es.request("PUT", "/_privacy/rollup/job/" + job, body).assertSuccess();
            for (YearMonth month : List.of(current.minusMonths(2), current.minusMonths(1))) {
                es.request("POST", "/_privacy/rollup/job/" + job + "/_run",
                        "{\"window_start\":\"" + month.atDay(1) + "\",\"run_id\":\"dash-" + job + "-" + month + "\"}").assertSuccess();
            }
        }
        es.request("POST", "/privacy-rollups-*/_refresh", null).assertSuccess();
    }

    private static void event(StringBuilder bulk, YearMonth month, Random rnd, String metricsId, String service, String event,
                              String device) {
        LocalDate day = month.atDay(1 + rnd.nextInt(month.lengthOfMonth()));
        // through the intake, as services write: it routes each event to its raw index (writes naming one are refused)
        bulk.append("{\"create\":{\"_index\":\"metrics-events\"}}\n");
        bulk.append(String.format(Locale.ROOT,
                "{\"@timestamp\":\"%sT12:00:00Z\",\"event_id\":\"%s\",\"service\":\"%s\",\"event\":\"%s\",\"metrics_id\":\"%s\","
                        + "\"metrics_epoch\":\"%s\",\"metrics_key_id\":\"0badc0de\",\"device\":\"%s\"}\n",
                day, UUID.randomUUID(), service, event, metricsId, month, device));
    }

    @Test
    void everyPanelQueryReturnsItsFieldsAndEverySpecRenders(ElasticsearchNode node) throws Exception {
        Tools.Result setup = Tools.run("bash", "tools/setup.sh");
        assertThat(setup.exitCode()).as(setup.output()).isZero();
        Path out = Tools.dir().resolve("target/previews");
        Tools.Result check = Tools.run("node", "tools/check.mjs", "--es", node.baseUrl(), "--out", out.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("dashboard checks passed (6 previews)");

        for (String panel : List.of("active-users-per-service", "multi-service-users", "signups", "logins-by-device", "events-per-service",
                "budget-by-period")) {
            BufferedImage img = ImageIO.read(out.resolve(panel + ".png").toFile());
            assertThat(img).as(panel).isNotNull();
            // A drawn chart has axes, labels, marks in several colours: far more than a blank or error page.
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as(panel + " distinct colours").isGreaterThan(20);
        }
    }
}
