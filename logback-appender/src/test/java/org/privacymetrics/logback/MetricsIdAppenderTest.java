package org.privacymetrics.logback;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.privacymetrics.logback.event.EventDrop;
import org.privacymetrics.logback.event.ValueDrop;
import org.slf4j.MDC;

/** The README's logback.xml: JSON out, spec metrics ids in, only the allowlisted fields, no raw uid anywhere. */
class MetricsIdAppenderTest {

    // Vector 1 of docs/metrics-id.md.
    static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String UID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final Instant AT = Instant.parse("2026-10-15T08:30:00Z");
    static final String METRICS_ID = "aff5f76fbe7a03ef1d8632fa1a6c0ff6";
    static final String KEY_ID = "1f85f13b";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";
    /** Everything LogstashEncoder with default settings writes for a built event without extras. */
    static final Set<String> DEFAULT_ENCODER_KEYS = Set.of("@timestamp", "@version", "message", "logger_name", "thread_name", "level",
            "level_value", "metrics_id", "metrics_epoch", "metrics_key_id", "service", "event", "event_id", "device");

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

    private MetricsIdAppender.Stats stats() {
        return fx.metricsAppender().getStats();
    }

    @Test
    void keyValueUidBecomesTheSpecMetricsIdAndTheEventHasOnlyTheAllowlistedFields() throws Exception {
        fx.logAt(AT, "login", null, null, "uid", UID, "event", "login", "user_agent", IPHONE);

        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(1);
        Map<String, Object> json = lines.get(0);
        assertThat(json).containsEntry("metrics_id", METRICS_ID).containsEntry("metrics_epoch", "2026-10")
                .containsEntry("metrics_key_id", KEY_ID).containsEntry("service", "sync").containsEntry("event", "login")
                .containsEntry("device", "mobile").containsEntry("message", "login").containsEntry("logger_name", "metrics")
                .containsEntry("thread_name", "sync").containsEntry("level", "INFO");
        // LogstashEncoder with its defaults (includeContext true): nothing but what the appender chose; the fixture's
        // context properties (OUT, METRICS_SECRET) are not there.
        assertThat(json.keySet()).isEqualTo(DEFAULT_ENCODER_KEYS);
        assertThat((String) json.get("event_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(json.get("@timestamp").toString()).startsWith("2026-10-15T");
        assertThat(fx.output()).doesNotContain(dir.toString());
        assertNoRawUid();
        assertThat(stats().forwarded()).isEqualTo(1);
    }

    @Test
    void uidFromMdcStructuredArgumentAndMarkerIsConsumedToo() throws Exception {
        MDC.put("uid", UID);
        fx.logAt(AT, "from mdc", null, null, "event", "login");
        MDC.clear();
        fx.logAt(AT, "signup", new Object[] {kv("uid", UID)}, null);
        fx.usage().info(Markers.append("uid", UID), "logout");

        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).containsEntry("metrics_id", METRICS_ID).containsEntry("event", "login").containsEntry("message", "login");
        assertThat(lines.get(1)).containsEntry("metrics_id", METRICS_ID).containsEntry("event", "signup").doesNotContainKey("uid");
        // The marker event is logged now, so its id is the one of the current epoch, but never the raw uid.
        assertThat(lines.get(2)).containsEntry("event", "logout").doesNotContainKey("tags");
        assertThat((String) lines.get(2).get("metrics_id")).matches("[0-9a-f]{32}");
        assertNoRawUid();
    }

    @Test
    void messageTextArgumentsAndExceptionsNeverLeave() throws Exception {
        Exception cause = new IllegalStateException("lookup failed for " + UID.toUpperCase());
        Exception top = new RuntimeException("user " + UID + " could not sync", cause);
        top.addSuppressed(new IllegalArgumentException("suppressed " + UID));
        fx.logAt(AT, "sync failed for user {} ({})", new Object[] {UID.toUpperCase(), "other-user-4711"}, top, "uid", UID,
                "event", "sync_failed");

        Map<String, Object> json = fx.lines().get(0);
        assertThat(json).containsEntry("message", "sync_failed").containsEntry("event", "sync_failed").containsEntry("metrics_id", METRICS_ID);
        assertThat(json.keySet()).isEqualTo(DEFAULT_ENCODER_KEYS);
        assertThat(fx.output()).doesNotContain("sync failed").doesNotContain("could not sync").doesNotContain("other-user-4711")
                .doesNotContainIgnoringCase(UID).doesNotContain("RuntimeException");
        assertNoRawUid();
    }

    @Test
    void theMessagePatternIsTheEventNameOnlyWhenItIsAName() throws Exception {
        fx.logAt(AT, "page_view", new Object[] {UID}, null, "uid", UID);
        fx.logAt(AT, "opened page {} of {}", new Object[] {7, 17}, null, "uid", UID);
        fx.logAt(AT, "login", null, null, "uid", UID, "event", "log in!");

        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).containsEntry("event", "page_view");
        assertThat(stats().dropped(EventDrop.INVALID_EVENT)).isEqualTo(2);
        assertThat(fx.statuses()).contains("invalid_event");
    }

    @Test
    void anEventNameThatRendersTheUidIsRefused() throws Exception {
        fx.logAt(AT, UID, null, null, "uid", UID);
        fx.logAt(AT, "login", null, null, "uid", UID, "event", UID.toUpperCase());
        assertThat(fx.output()).isEmpty();
        assertThat(stats().dropped(EventDrop.INVALID_EVENT)).isEqualTo(2);
    }

    @Test
    void uidsThatDisagreeAcrossChannelsDropTheEvent() throws Exception {
        MDC.put("uid", UID);
        fx.logAt(AT, "login", null, null, "uid", "someone-else-0042");
        fx.logAt(AT, "login", new Object[] {kv("uid", "someone-else-0042")}, null);
        fx.logAt(AT, "login", null, null, "uid", UID); // agreeing channels are fine
        MDC.clear();

        assertThat(fx.lines()).hasSize(1).first().satisfies(j -> assertThat(j).containsEntry("metrics_id", METRICS_ID));
        assertThat(stats().dropped(EventDrop.CONFLICTING_UID)).isEqualTo(2);
        assertThat(fx.output()).doesNotContain("someone-else-0042");
        assertThat(fx.statuses()).contains("conflicting_uid").doesNotContain("someone-else-0042");
    }

    @Test
    void blankAndUnrenderableUidsAreRefusedWithoutPrintingAnything() throws Exception {
        Object throwing = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no string for " + UID);
            }
        };
        fx.logAt(AT, "login", null, null, "uid", " ");
        fx.logAt(AT, "login", null, null, "uid", "");
        fx.usage().atInfo().addKeyValue("uid", throwing).log("login");

        assertThat(fx.output()).isEmpty();
        assertThat(stats().dropped(EventDrop.INVALID_UID)).isEqualTo(3);
        assertThat(fx.statuses()).doesNotContain(UID);
    }

    @Test
    void aThrowingArgumentIsNeverFormatted() throws Exception {
        Object throwing = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no string for " + UID);
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            fx.logAt(AT, "login {}", new Object[] {throwing}, null, "uid", UID, "event", "login", "plan", throwing);
        } finally {
            System.setErr(old);
        }
        assertThat(fx.lines()).hasSize(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(UID).doesNotContain("toString");
        assertThat(stats().dropped(ValueDrop.NOT_A_VALUE)).isEqualTo(1);
    }

    @Test
    void callerEventIdIsKeptOnlyWhenItIsAUuid() throws Exception {
        fx.logAt(AT, "login", null, null, "uid", UID, "event_id", "7D444840-9DC0-11D1-B245-5FFDCE74FAD2");
        fx.logAt(AT, "login", null, null, "uid", UID, "event_id", ("evt-" + UID).toUpperCase());
        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines.get(0)).containsEntry("event_id", "7d444840-9dc0-11d1-b245-5ffdce74fad2").containsEntry("event", "login");
        assertThat((String) lines.get(1).get("event_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(stats().dropped(ValueDrop.INVALID_EVENT_ID)).isEqualTo(1);
        assertNoRawUid();
    }

    @Test
    void onlyAllowedExtraKeysPassAndTheirPiiIsMasked() throws Exception {
        fx.logAt(AT, "contact", null, null, "uid", UID, "plan", "premium",
                "note", "mail jane.doe@example.org from 203.0.113.7 / 2001:db8::1 with Bearer abc.DEF-123_x at 10:15:30",
                "email", "jane.doe@example.org", "ip", "203.0.113.7", "country", "DE", "count", 3, "trial", true);

        Map<String, Object> json = fx.lines().get(0);
        assertThat(json).containsEntry("plan", "premium").containsEntry("count", 3).containsEntry("trial", true)
                .doesNotContainKeys("email", "ip", "country");
        assertThat((String) json.get("note")).isEqualTo(
                "mail [masked:email] from [masked:ip] / [masked:ip] with [masked:token] at 10:15:30");
        assertThat(fx.output()).doesNotContain("jane.doe@example.org").doesNotContain("203.0.113.7").doesNotContain("2001:db8::1")
                .doesNotContain("abc.DEF-123_x");
        assertThat(stats().dropped(ValueDrop.KEY_NOT_ALLOWED)).isEqualTo(3);
        // Visible to the operator as a (throttled) status warning naming the rule, never the values.
        assertThat(fx.statuses()).contains("MetricsIdAppender [METRICS]: fields are left out of forwarded events (key_not_allowed: the key is not allowed)")
                .doesNotContain("jane.doe@example.org").doesNotContain("203.0.113.7");
    }

    /**
     * Found by an attack review: the event name and numeric values never went through the PII engine, so
     * {@code usage.info("4111111111111111")} or a card number logged as a {@code long} reached every downstream
     * appender as sent. The engine's families in an event name drop the event; in a number, the value (both counted).
     */
    @Test
    void eventNamesAndNumbersCarryingPersonalDataNeverLeaveTheAppender() throws Exception {
        String[] names = {"4111111111111111", "4111-1111-1111-1111", "415-555-0133", "123-45-6789", "203.0.113.5", "2001:db8::1",
                "DE89370400440532013000", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "AKIAIOSFODNN7EXAMPLE", "jane.doe:4111111111111111",
                // joined by the event name's own joiners (read as blanks or dots: NameReading)
                "pay_4111_1111_1111_1111", "pay-4111-1111-1111-1111", "sms_415_555_0133", "ip_203_0_113_22", "ssn:123:45:6789"};
        for (String name : names) {
            fx.logAt(AT, name, null, null, "uid", UID);
            fx.logAt(AT, "{}", new Object[] {name}, null, "uid", UID, "event", name);
        }
        fx.logAt(AT, "checkout", null, null, "uid", UID, "count", 4111111111111111L, "note", 4.111111111111111E15, "plan",
                new java.math.BigDecimal("378282246310005"), "account", new java.math.BigInteger("5500000000000004"));
        fx.logAt(AT, "checkout", null, null, "uid", UID, "count", 1234567890123L, "note", 12.5, "plan", 20261202L);
        fx.logAt(AT, "order_2026_12_02", null, null, "uid", UID); // joined digits that are no personal data pass

        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).containsEntry("event", "order_2026_12_02");
        assertThat(lines.get(0)).containsEntry("event", "checkout").doesNotContainKeys("count", "note", "plan", "account");
        assertThat(lines.get(1)).containsEntry("count", 1234567890123L).containsEntry("note", 12.5).containsEntry("plan", 20261202);
        for (String name : names) {
            assertThat(fx.output()).doesNotContain(name);
        }
        assertThat(fx.output()).doesNotContain("4111111111111111").doesNotContain("4.111111111111111E15").doesNotContain("378282246310005")
                .doesNotContain("5500000000000004");
        assertThat(stats().dropped(EventDrop.PERSONAL_DATA_EVENT)).isEqualTo(2L * names.length);
        assertThat(stats().dropped(ValueDrop.PERSONAL_DATA_NUMBER)).isEqualTo(4);
    }

    @Test
    void allowedValuesAreScalarsOfBoundedLength() throws Exception {
        fx.logAt(AT, "login", null, null, "uid", UID, "plan", Map.of("tier", "premium"), "note", List.of("a", "b"),
                "account", new StringBuilder("x"), "count", "n".repeat(129), "trial", "y".repeat(128));
        Map<String, Object> json = fx.lines().get(0);
        assertThat(json).doesNotContainKeys("plan", "note", "account", "count").containsEntry("trial", "y".repeat(128));
        assertThat(stats().dropped(ValueDrop.NOT_A_VALUE)).isEqualTo(3);
        assertThat(stats().dropped(ValueDrop.TOO_LONG)).isEqualTo(1);
    }

    @Test
    void allowedValuesThatRenderTheUidAreDropped() throws Exception {
        String unicodeUid = "Jos\u00e9-M\u00fcller-4711";
        String nfd = java.text.Normalizer.normalize(unicodeUid, java.text.Normalizer.Form.NFD);
        fx.logAt(AT, "login", null, null, "uid", unicodeUid, "plan", nfd.toUpperCase(), "note",
                java.net.URLEncoder.encode(unicodeUid, java.nio.charset.StandardCharsets.UTF_8), "account",
                java.util.Base64.getEncoder().encodeToString(unicodeUid.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "trial", "  " + unicodeUid.toLowerCase() + "\n");
        fx.logAt(AT, "login", null, null, "uid", "4711081500", "count", 4711081500L, "plan", "vip-4711081500", "note",
                "Jos\\u00e9-M\\u00fcller-4711");
        fx.logAt(AT, "login", null, null, "uid", unicodeUid, "note", "Jos\\u00e9-M\\u00fcller-4711");

        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).doesNotContainKeys("plan", "note", "account", "trial");
        assertThat(lines.get(1)).doesNotContainKeys("count", "plan").containsKey("note"); // another uid's text is not this event's uid
        assertThat(lines.get(2)).doesNotContainKey("note");
        assertThat(stats().dropped(ValueDrop.UID_VALUE)).isEqualTo(7);
    }

    /** Another user's id of the same scheme in a free-text allowed key has the uid's shape and is dropped, counted. */
    @Test
    void allowedValuesHoldingAnotherUsersIdAreDropped() throws Exception {
        fx.logAt(AT, "share", null, null, "uid", "ZZ-UID-C02-ZZ", "plan", "premium", "note", "shared with ZZ-UID-C03-ZZ today",
                "account", "zz-uid-q77-aa", "count", 3);
        fx.logAt(AT, "share", null, null, "uid", UID, "note", "f0e1d2c3b4a5968778695a4b3c2d1e0f", "account", "order 12345678901234567890123456789012x",
                "plan", "premium");
        fx.logAt(AT, "share", null, null, "uid", "4711081500", "count", 4711081599L, "plan", "premium");
        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).doesNotContainKeys("note", "account").containsEntry("plan", "premium").containsEntry("count", 3);
        assertThat(lines.get(1)).doesNotContainKey("note").containsEntry("plan", "premium")
                .containsEntry("account", "order 12345678901234567890123456789012x"); // 33 characters: not the uid's shape
        assertThat(lines.get(2)).doesNotContainKey("count").containsEntry("plan", "premium");
        assertThat(fx.output()).doesNotContain("ZZ-UID-C03-ZZ").doesNotContain("zz-uid-q77-aa").doesNotContain("f0e1d2c3b4a5968778695a4b3c2d1e0f")
                .doesNotContain("4711081599");
        assertThat(stats().dropped(ValueDrop.UID_LIKE)).isEqualTo(4);
    }

    @Test
    void aKeyWithAClosedValueSetPassesOnlyItsValues() throws Exception {
        fx.logAt(AT, "login", null, null, "uid", UID, "tier", "premium");
        fx.logAt(AT, "login", null, null, "uid", UID, "tier", "someone-else-0042");
        fx.logAt(AT, "login", null, null, "uid", UID, "tier", "Premium");
        fx.logAt(AT, "login", null, null, "uid", UID, "tier", 1);
        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).containsEntry("tier", "premium");
        assertThat(lines.subList(1, 4)).allSatisfy(j -> assertThat(j).doesNotContainKey("tier"));
        assertThat(fx.output()).doesNotContain("someone-else-0042");
        assertThat(stats().dropped(ValueDrop.NOT_IN_VALUE_SET)).isEqualTo(3);
    }

    @Test
    void anUnreadableStructuredArgumentDropsTheEventItMightHaveAttributed() throws Exception {
        fx.logAt(AT, "login", new Object[] {kv("session", new Object())}, null, "uid", UID);
        assertThat(fx.output()).isEmpty();
        assertThat(stats().dropped(EventDrop.UNREADABLE_FIELD)).isEqualTo(1);
    }

    @Test
    void shortUidsCorruptNothing() throws Exception {
        fx.logAt(AT, "page_view", null, null, "uid", "e", "note", "opened page 7 of 17 at 07:00");
        fx.logAt(AT, "page_view", null, null, "uid", "7", "note", "opened page 7 of 17 at 07:00");
        List<Map<String, Object>> lines = fx.lines();
        assertThat(lines).hasSize(2).allSatisfy(j -> assertThat(j).containsEntry("event", "page_view")
                .containsEntry("note", "opened page 7 of 17 at 07:00"));
        assertThat(lines.get(0).get("metrics_id")).isNotEqualTo(lines.get(1).get("metrics_id"));
    }

    @Test
    void eventsWithoutUidAreDroppedCountedAndWarnedAbout() throws Exception {
        fx.logAt(AT, "visit", null, null, "event", "visit");
        fx.logAt(AT, "visit", null, null, "event", "visit");
        assertThat(fx.output()).isEmpty();
        assertThat(stats().dropped(EventDrop.MISSING_UID)).isEqualTo(2);
        // Throttled: one warning for both, naming the appender and the reason.
        assertThat(fx.statuses().split("missing_uid:", -1)).hasSize(2);
        assertThat(fx.statuses()).contains("MetricsIdAppender [METRICS]: events are dropped (missing_uid:");
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
        metrics.stop(); // twice is harmless
        assertThat(fx.statuses()).contains("stopped: forwarded=0");
    }
}
