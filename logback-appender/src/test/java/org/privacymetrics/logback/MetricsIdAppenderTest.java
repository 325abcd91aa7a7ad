package org.privacymetrics.logback;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** The README's logback.xml: JSON out, spec metrics ids in, no raw uid anywhere. */
class MetricsIdAppenderTest {

    // Vector 1 of docs/metrics-id.md.
    static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String UID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final Instant AT = Instant.parse("2026-10-15T08:30:00Z");
    static final String METRICS_ID = "aff5f76fbe7a03ef1d8632fa1a6c0ff6";
    static final String KEY_ID = "1f85f13b";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

    @TempDir
    Path dir;
    LogbackFixture fx;

    @BeforeEach
    void configure() throws Exception {
        fx = new LogbackFixture(MetricsIdAppenderTest.class, "MetricsIdAppenderTest.xml", dir, Map.of("METRICS_SECRET", SECRET));
        assertThat(fx.errors()).isEmpty();
    }

    @AfterEach
    void close() {
        fx.close();
        MDC.clear();
    }

    private void assertNoRawUid() throws Exception {
        assertThat(fx.output()).doesNotContain(UID);
        assertThat(fx.statuses()).doesNotContain(UID).doesNotContain(SECRET);
    }

    @Test
    void keyValueUidBecomesTheSpecMetricsIdAsTopLevelJsonFields() throws Exception {
        fx.logAt(AT, "login", null, null, "uid", UID, "event", "login", "user_agent", IPHONE);

        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(1);
        Map<String, Object> json = lines.get(0);
        assertThat(json).containsEntry("metrics_id", METRICS_ID).containsEntry("metrics_epoch", "2026-10")
                .containsEntry("metrics_key_id", KEY_ID).containsEntry("service", "sync").containsEntry("event", "login")
                .containsEntry("device", "mobile").doesNotContainKeys("uid", "user_agent");
        assertThat((String) json.get("event_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(json.get("@timestamp").toString()).startsWith("2026-10-15T");
        assertNoRawUid();
        assertThat(fx.metricsAppender().getStats().forwarded()).isEqualTo(1);
    }

    @Test
    void uidFromMdcStructuredArgumentAndMarkerIsReplacedToo() throws Exception {
        MDC.put("uid", UID);
        fx.logAt(AT, "from mdc", null, null, "event", "login");
        MDC.clear();
        fx.logAt(AT, "from argument {}", new Object[] {kv("uid", UID)}, null);
        fx.usage().info(Markers.append("uid", UID), "from marker");

        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).containsEntry("metrics_id", METRICS_ID).containsEntry("event", "login");
        assertThat(lines.get(1)).containsEntry("metrics_id", METRICS_ID).doesNotContainKey("uid");
        // The marker event is logged now, so its id is the one of the current epoch, but never the raw uid.
        assertThat((String) lines.get(2).get("metrics_id")).matches("[0-9a-f]{32}");
        assertNoRawUid();
    }

    @Test
    void uidInMessageAndExceptionsIsReplacedByTheMetricsId() throws Exception {
        Exception cause = new IllegalStateException("lookup failed for " + UID);
        Exception top = new RuntimeException("user " + UID + " could not sync", cause);
        top.addSuppressed(new IllegalArgumentException("suppressed " + UID));
        fx.logAt(AT, "sync failed for user {}", new Object[] {UID}, top, "uid", UID);

        String out = fx.output();
        assertThat(out).contains("sync failed for user " + METRICS_ID).contains("could not sync").contains("lookup failed for " + METRICS_ID);
        assertNoRawUid();
    }

    @Test
    void callerEventIdIsKept() throws Exception {
        fx.logAt(AT, "login", null, null, "uid", UID, "event_id", "7d444840-9dc0-11d1-b245-5ffdce74fad2");
        assertThat(fx.lines().get(0)).containsEntry("event_id", "7d444840-9dc0-11d1-b245-5ffdce74fad2").containsEntry("event", "login");
    }

    @Test
    void onlyAllowedExtraKeysPassAndTheirPiiIsMasked() throws Exception {
        fx.logAt(AT, "contact jane.doe@example.org from 203.0.113.7", null, null, "uid", UID, "plan", "premium",
                "note", "mail jane.doe@example.org from 203.0.113.7 / 2001:db8::1 with Bearer abc.DEF-123_x at 10:15:30",
                "email", "jane.doe@example.org", "ip", "203.0.113.7", "country", "DE");

        Map<String, Object> json = fx.lines().get(0);
        assertThat(json).containsEntry("plan", "premium").doesNotContainKeys("email", "ip", "country");
        assertThat((String) json.get("note")).isEqualTo(
                "mail [masked:email] from [masked:ip] / [masked:ip] with [masked:token] at 10:15:30");
        assertThat(fx.output()).doesNotContain("jane.doe@example.org").doesNotContain("203.0.113.7").doesNotContain("2001:db8::1")
                .doesNotContain("abc.DEF-123_x");
        assertThat(fx.metricsAppender().getStats().keysRemoved()).isEqualTo(3);
    }

    @Test
    void eventsWithoutUidAreDroppedCountedAndWarnedAbout() throws Exception {
        fx.logAt(AT, "anonymous visit", null, null, "event", "visit");
        fx.logAt(AT, "anonymous visit", null, null, "event", "visit");
        assertThat(fx.output()).isEmpty();
        assertThat(fx.metricsAppender().getStats().droppedMissingUid()).isEqualTo(2);
        // Throttled: one warning for both.
        assertThat(fx.statuses().split("without \\[uid\\]", -1)).hasSize(2);
    }

    @Test
    void deviceClasses() {
        assertThat(DeviceClass.of(IPHONE)).isEqualTo(DeviceClass.MOBILE);
        assertThat(DeviceClass.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"))
                .isEqualTo(DeviceClass.MOBILE);
        assertThat(DeviceClass.of("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148")).isEqualTo(DeviceClass.TABLET);
        assertThat(DeviceClass.of("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"))
                .isEqualTo(DeviceClass.TABLET);
        assertThat(DeviceClass.of("Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0")).isEqualTo(DeviceClass.DESKTOP);
        assertThat(DeviceClass.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0")).isEqualTo(DeviceClass.DESKTOP);
        assertThat(DeviceClass.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).isEqualTo(DeviceClass.BOT);
        assertThat(DeviceClass.of("curl/8.5.0")).isEqualTo(DeviceClass.BOT);
        assertThat(DeviceClass.of(null)).isEqualTo(DeviceClass.UNKNOWN);
        assertThat(DeviceClass.of("SomethingElse/1.0")).isEqualTo(DeviceClass.UNKNOWN);
    }

    @Test
    void stoppingTheContextStopsTheDownstreamAppendersSoThatTransportsDeliverWhatTheyBuffer() {
        MetricsIdAppender metrics = fx.metricsAppender();
        ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> downstream = metrics.getAppender("JSON");
        assertThat(downstream.isStarted()).isTrue();
        fx.usage().getLoggerContext().stop();
        assertThat(metrics.isStarted()).isFalse();
        assertThat(downstream.isStarted()).isFalse();
    }
}
