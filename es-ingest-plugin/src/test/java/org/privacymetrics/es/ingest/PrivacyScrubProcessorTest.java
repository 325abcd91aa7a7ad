package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.elasticsearch.ElasticsearchParseException;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.junit.jupiter.api.Test;

class PrivacyScrubProcessorTest {

    private final IngestStats stats = new IngestStats();

    @org.junit.jupiter.api.BeforeAll
    static void esLogging() {
        // Elasticsearch's exception classes look up a logger when first loaded; outside a node nobody installed one.
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    private static Map<String, Object> valid() {
        return TestEvents.valid();
    }

    private static IngestDocument doc(Map<String, Object> source) {
        return new IngestDocument(".privacy-metrics-events-2026-10", "1", 1, null, VersionType.INTERNAL, source);
    }

    private PrivacyScrubProcessor scrub(Map<String, Object> config) {
        return new PrivacyScrubProcessor.Factory(stats).create(Map.of(), "t", null, new HashMap<>(config));
    }

    @Test
    void validDocumentPassesUnchangedAndUnknownFieldsAreDroppedAndCounted() {
        Map<String, Object> src = valid();
        src.put("level", "INFO");
        src.put("jane@example.org", "x");
        src.put("jane_doe_4155550123", "x");
        IngestDocument d = scrub(Map.of()).execute(doc(src));
        assertThat(d.getSource()).isEqualTo(valid());
        assertThat(stats.snapshot().get("dropped_fields").toString()).contains("level=1").contains("unknown_field=2").doesNotContain("jane");
    }

    @Test
    void forbiddenFieldsFailNamingTheFieldNotTheValue() {
        for (String f : new String[] {"uid", "user_id", "email", "ip", "ip_address", "user_agent"}) {
            Map<String, Object> src = valid();
            src.put(f, "secret-value-42");
            assertThatThrownBy(() -> scrub(Map.of()).execute(doc(src)))
                    .hasMessageContaining("field [" + f + "] is not allowed").message().doesNotContain("secret-value-42");
        }
        Map<String, Object> src = valid();
        src.put("account", "a");
        assertThatThrownBy(() -> scrub(Map.of("forbidden_fields", java.util.List.of("account"))).execute(doc(src)))
                .hasMessageContaining("field [account] is not allowed");
    }

    @Test
    void detectorsRedactByDefault() {
        Map<String, Object> src = valid();
        src.put("event", "mail jane@example.org from 203.0.113.7 or 2001:db8::1 card 4111 1111 1111 1111 Bearer abc.def phone +49 30 1234 5678");
        IngestDocument d = scrub(Map.of()).execute(doc(src));
        assertThat(d.getSource().get("event")).isEqualTo(
                "mail [redacted:email] from [redacted:ip] or [redacted:ip] card [redacted:card] [redacted:token] phone [redacted:phone]");
        assertThat(stats.snapshot().get("redactions").toString()).contains("email=1", "ip=1", "card=1", "token=1", "phone=1");
    }

    @Test
    void eventAndServiceNamesAreAlsoReadWithTheirJoinersAsBlanks() {
        String[][] cases = {
            {"pay_4111_1111_1111_1111", "pay_[redacted:card]"}, {"pay-4111-1111-1111-1111", "pay-[redacted:card]"},
            {"sms_415_555_0133", "sms_[redacted:phone]"}, {"ip_203_0_113_22", "ip_[redacted:ip]"},
            {"call:+1:415:555:0133", "call:[redacted:phone]"}, {"order_2026_12_02", "order_2026_12_02"},
        };
        for (String[] c : cases) {
            Map<String, Object> src = valid();
            src.put("event", c[0]);
            IngestDocument d = scrub(Map.of()).execute(doc(src));
            assertThat(d.getSource().get("event")).as(c[0]).isEqualTo(c[1]);
        }
        // the service name is read the same ways; free text (a blank in it) only as it is
        Map<String, Object> src = valid();
        src.put("service", "pay_4111_1111_1111_1111");
        assertThat(scrub(Map.of()).execute(doc(src)).getSource().get("service")).isEqualTo("pay_[redacted:card]");
        Map<String, Object> text = valid();
        text.put("event", "order_2026_12_02 at 10_15_30");
        assertThat(scrub(Map.of()).execute(doc(text)).getSource().get("event")).isEqualTo("order_2026_12_02 at 10_15_30");
        // detectors that fail the document read the event name the same ways
        Map<String, Object> failing = valid();
        failing.put("event", "sms_415_555_0133");
        assertThatThrownBy(() -> scrub(Map.of("detectors", Map.of("phone", "fail"))).execute(doc(failing)))
                .hasMessageContaining("field [event] contains personal data [phone]");
    }

    @Test
    void aNameCleanAsFreeTextInAnotherFieldIsStillReadAsAName() {
        // hunt7: the clean-value memory once ignored the field, so a value first seen clean in an allowed free-text field
        // was not read as a name when it came again as the event or service
        PrivacyScrubProcessor p = scrub(Map.of("allowed_fields", java.util.List.of("plan")));
        for (String[] c : new String[][] {{"sms_415_555_0133", "sms_[redacted:phone]"}, {"pay_3782_822463_10005", "pay_[redacted:card]"},
                {"ip_203_0_113_22", "ip_[redacted:ip]"}}) { // a 4-4-4-4 card glued by "_" is a card as free text too (glue8)
            Map<String, Object> first = valid();
            first.put("plan", c[0]);
            assertThat(p.execute(doc(first)).getSource().get("plan")).as("free text").isEqualTo(c[0]);
            for (String field : new String[] {"event", "service"}) {
                Map<String, Object> then = valid();
                then.put(field, c[0]);
                assertThat(p.execute(doc(then)).getSource().get(field)).as(field + " " + c[0]).isEqualTo(c[1]);
            }
        }
    }

    @Test
    void aFaultWhileScanningRefusesTheDocumentCountedAndWithoutTheValue() {
        Map<String, Object> src = valid();
        src.put("event", new Object() {
            @Override
            public String toString() {
                throw new IndexOutOfBoundsException("jane@example.org");
            }
        });
        assertThatThrownBy(() -> scrub(Map.of()).execute(doc(src)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the document could not be scanned for personal data (IndexOutOfBoundsException); it is refused")
                .hasNoCause();
        assertThat(stats.snapshot().get("rejections").toString()).contains("scan_error=1");
    }

    @Test
    void theDetectorGapsOfIssue13AreRedacted() {
        String[][] cases = {
            {"josé.val3@example.org", "email"}, {"val.email4@exämple.org", "email"}, {"val.email5＠example.org", "email"},
            {"val.email6%40example.org", "email"}, {"\"val email7\"@example.org", "email"}, {"203.0.113.22.", "ip"},
            {"4111  1111  1111  1111", "card"}, {"4111_1111_1111_1111", "card"}, {"4111/1111/1111/1111", "card"},
            {"(415) 555-0133", "phone"}, {"+1 (415) 555-0134", "phone"}, {"Basic dmFsdXNlcjp2YWxwYXNzd29yZA==", "token"},
        };
        for (String[] c : cases) {
            Map<String, Object> src = valid();
            src.put("event", "x " + c[0] + " y");
            IngestDocument d = scrub(Map.of()).execute(doc(src));
            String trailing = c[0].endsWith(".") ? ". y" : " y";
            assertThat(d.getSource().get("event")).as(c[0]).isEqualTo("x [redacted:" + c[1] + "]" + trailing);
        }
    }

    @Test
    void lookAlikeInvisibleAndEscapedSpellingsAreRedacted() {
        String[][] cases = {
            {"４１１１ １１１１ １１１１ １１１１", "card"}, {"٤١١١١١١١١١١١١١١١", "card"}, {"203。0。113。5", "ip"},
            {"２０３.０.１１３.５", "ip"}, {"val\u200B@example.org", "email"}, {"val﹫example.org", "email"},
            {"+1\u2011415\u2011555\u20110134", "phone"}, {"＋14155550134", "phone"}, {"val%2540example.org", "email"},
            {"val&#64;example.org", "email"}, {"203%2E0%2E113%2E5", "ip"}, {"Bearer%20abcdefghijklmnop0123", "token"},
        };
        for (String[] c : cases) {
            Map<String, Object> src = valid();
            src.put("event", "x " + c[0] + " y");
            IngestDocument d = scrub(Map.of()).execute(doc(src));
            assertThat(d.getSource().get("event")).as(c[0]).isEqualTo("x [redacted:" + c[1] + "] y");
        }
    }

    @Test
    void detectorActionsDropAndFail() {
        Map<String, Object> src = valid();
        src.put("event", "jane@example.org");
        IngestDocument d = scrub(Map.of("detectors", Map.of("email", "drop"))).execute(doc(src));
        assertThat(d.getSource()).doesNotContainKey("event");
        Map<String, Object> src2 = valid();
        src2.put("event", "jane@example.org");
        assertThatThrownBy(() -> scrub(Map.of("detectors", Map.of("email", "fail"))).execute(doc(src2)))
                .hasMessage("field [event] contains personal data [email]; the document is rejected");
        assertThatThrownBy(() -> scrub(Map.of("detectors", Map.of("email", "shout"))))
                .isInstanceOf(ElasticsearchParseException.class).hasMessageContaining("unknown action [shout]");
    }

    /**
     * The work budget (WorkBudget): a value of 1 KiB or more, too dense with digits and symbols to read cheaply, is
     * judged by {@code detectors.dense} unread, before any other detector, and counted under {@code dense}.
     */
    @Test
    void aValueOverTheWorkBudgetIsRedactedWholeOrDroppedOrRefusedAsConfigured() {
        String dense = "call 415-555-0133 or jane@example.org ".repeat(40);
        Map<String, Object> src = valid();
        src.put("plan", dense);
        PrivacyScrubProcessor p = scrub(Map.of("allowed_fields", java.util.List.of("plan")));
        assertThat(p.execute(doc(src)).getSource()).containsEntry("plan", "[redacted:dense]");
        assertThat(stats.snapshot().get("redactions").toString()).contains("dense=1").doesNotContain("email", "phone");
        // a number too: a JSON number of 2,000 digits is as dense as its text
        Map<String, Object> number = valid();
        number.put("plan", new java.math.BigInteger("4111".repeat(500)));
        assertThat(p.execute(doc(number)).getSource()).containsEntry("plan", "[redacted:dense]");
        assertThat(stats.snapshot().get("redactions").toString()).contains("dense=2");

        Map<String, Object> dropped = valid();
        dropped.put("plan", dense);
        // whatever the other detectors' actions: an e-mail detector set to fail does not read the value either
        assertThat(scrub(Map.of("allowed_fields", java.util.List.of("plan"), "detectors", Map.of("dense", "drop", "email", "fail")))
                .execute(doc(dropped)).getSource()).doesNotContainKey("plan");

        Map<String, Object> refused = valid();
        refused.put("event", dense);
        assertThatThrownBy(() -> scrub(Map.of("detectors", Map.of("dense", "fail"))).execute(doc(refused)))
                .hasMessageContaining("field [event]").hasMessageContaining("[dense]").message()
                .doesNotContain("555-0133").doesNotContain("jane");
        assertThat(stats.snapshot().get("redactions").toString()).contains("dense=4");

        // long prose in any script is read, its punctuation included, and only its findings are redacted
        Map<String, Object> prose = valid();
        String cjk = "用户今天在手机上打开了应用，同步了三个文件夹，然后退出。这句话里没有任何个人信息：只有普通的文字、标点和「引号」！";
        prose.put("plan", (cjk + cjk + cjk + "jane.doe@example.org ").repeat(10));
        assertThat(p.execute(doc(prose)).getSource().get("plan").toString()).contains("[redacted:email]", "同步了三个文件夹")
                .doesNotContain("jane.doe", "dense");

        // just under the length the budget applies from, the same text is read and its findings redacted one by one
        Map<String, Object> shorter = valid();
        shorter.put("plan", dense.substring(0, 1000));
        assertThat(p.execute(doc(shorter)).getSource().get("plan").toString()).contains("[redacted:phone]", "[redacted:email]")
                .doesNotContain("dense");
    }

    @Test
    void cardNumbersNeedAValidLuhnDigitAndEpochsAreNotPhoneNumbers() {
        Map<String, Object> src = valid();
        src.put("event", "order 4111111111111112");
        src.put("metrics_epoch", "2026-10-15");
        IngestDocument d = scrub(Map.of()).execute(doc(src));
        assertThat(d.getSource().get("event")).isEqualTo("order 4111111111111112");
        assertThat(d.getSource().get("metrics_epoch")).isEqualTo("2026-10-15");
    }

    @Test
    void badIdsTimestampsAndDevicesFailWithAClearReason() {
        Object[][] cases = {
            {"metrics_id", "ABC", "field [metrics_id] must be 32 lowercase hex characters"},
            {"metrics_key_id", "jane_doe", "field [metrics_key_id] must be 8 lowercase hex characters"},
            {"metrics_key_id", "1F85F13B", "field [metrics_key_id] must be 8 lowercase hex characters"},
            {"event_id", "not-a-uuid", "field [event_id] must be a UUID"},
            {"@timestamp", "yesterday", "field [@timestamp] must be an ISO-8601 date-time or epoch milliseconds"},
            {"device", "fridge", "field [device] must be one of [bot, desktop, mobile, tablet, unknown]"},
        };
        for (Object[] c : cases) {
            Map<String, Object> src = valid();
            src.put((String) c[0], c[1]);
            assertThatThrownBy(() -> scrub(Map.of()).execute(doc(src))).hasMessage((String) c[2]);
        }
        assertThat(stats.snapshot().get("rejections").toString()).contains("metrics_id_format=1", "metrics_key_id_format=2", "event_id_format=1", "device_value=1");
    }

    @Test
    void operatorsCanAllowMoreKeywordFieldsButNotForbiddenOnes() {
        Map<String, Object> src = valid();
        src.put("plan", "premium");
        assertThat(scrub(Map.of("allowed_fields", java.util.List.of("plan"))).execute(doc(src)).getSource()).containsEntry("plan", "premium");
        assertThatThrownBy(() -> scrub(Map.of("allowed_fields", java.util.List.of("email"))))
                .hasMessageContaining("field [email] is forbidden and cannot be allowed");
    }

    @Test
    void rekeyAndDedupeAndRoute() {
        Rekeyer r = new Rekeyer("test-only-rekey-secret-0123456789abcdef".getBytes());
        String a = r.rekey("aff5f76fbe7a03ef1d8632fa1a6c0ff6", "2026-10");
        assertThat(a).matches("[0-9a-f]{32}").isNotEqualTo("aff5f76fbe7a03ef1d8632fa1a6c0ff6");
        assertThat(r.rekey("aff5f76fbe7a03ef1d8632fa1a6c0ff6", "2026-11")).isNotEqualTo(a);
        assertThat(new Rekeyer("test-only-rekey-secret-0123456789abcdef".getBytes()).rekey("aff5f76fbe7a03ef1d8632fa1a6c0ff6", "2026-10"))
                .isEqualTo(a);
        assertThat(r.toString()).doesNotContain("test-only");

        IngestDocument clientRouted = doc(valid());
        clientRouted.getMetadata().setRouting("chosen-by-the-client");
        IngestDocument d = new EventDedupeProcessor(null, null, stats).execute(clientRouted);
        assertThat(d.getMetadata().getId()).isEqualTo("7d444840-9dc0-11d1-b245-5ffdce74fad2");
        assertThat(d.getMetadata().getVersionType()).isEqualTo("external");
        // routed by the (re-keyed) metrics id, whatever the client asked for: a user's events of an epoch share a shard
        assertThat(d.getMetadata().getRouting()).isEqualTo("aff5f76fbe7a03ef1d8632fa1a6c0ff6");

        EventCalendar calendar = EventCalendarTest.calendar("2026-10-20T12:00:00Z", org.privacymetrics.es.calendar.Rotation.MONTH);
        IngestDocument routed = new PrivacyRouteProcessor.Factory(() -> calendar, stats).create(Map.of(), null, null, new HashMap<>())
                .execute(new IngestDocument("metrics-events", "1", 1, null, VersionType.INTERNAL, valid()));
        assertThat(routed.getMetadata().getIndex()).isEqualTo(".privacy-metrics-events-2026-10");
        EventCalendar weekly = EventCalendarTest.calendar("2026-10-20T12:00:00Z", org.privacymetrics.es.calendar.Rotation.WEEK);
        Map<String, Object> weekEvent = valid();
        weekEvent.put("metrics_epoch", "2026-W42");
        assertThat(new PrivacyRouteProcessor.Factory(() -> weekly, stats).create(Map.of(), null, null, new HashMap<>())
                .execute(new IngestDocument("metrics-events", "1", 1, null, VersionType.INTERNAL, weekEvent)).getMetadata().getIndex())
                .isEqualTo(".privacy-metrics-events-2026-w42");
    }

    @Test
    void hkdfMatchesRfc5869Case1() {
        java.util.HexFormat hex = java.util.HexFormat.of();
        assertThat(hex.formatHex(Hkdf.sha256(hex.parseHex("0b".repeat(22)), hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void aNodeWithoutTheRekeySecretRefusesToIngest() {
        MetricsRekeyProcessor p = new MetricsRekeyProcessor(null, null, () -> null,
                () -> "this node has no [privacy_metrics.rekey.secret] in its keystore; it refuses to ingest", () -> null, () -> null, stats);
        assertThatThrownBy(() -> p.execute(doc(valid())))
                .hasMessage("this node has no [privacy_metrics.rekey.secret] in its keystore; it refuses to ingest");
        assertThat(stats.snapshot().get("rejections").toString()).contains("rekey_no_secret=1");
    }

    @Test
    void numbersAreScannedAsTheTextTheyAreStoredAs() {
        Map<String, Object> src = valid();
        src.put("event", 4111111111111111L);
        src.put("service", 42);
        IngestDocument d = scrub(Map.of()).execute(doc(src));
        assertThat(d.getSource().get("event")).isEqualTo("[redacted:card]");
        assertThat(d.getSource().get("service")).isEqualTo(42);
    }

    /**
     * Found by the third attack review: the redacting detectors ran one after another on the redacted text, so a
     * finding overlapping a token kept its rest ({@code [redacted:token]@janedoe.com}). They now run in one scan, as
     * the appender masks, and overlapping findings are redacted as one span.
     */
    @Test
    void overlappingFindingsOfDifferentKindsAreRedactedWhole() {
        for (String sent : new String[] {"Bearer jane@janedoe.com", "Bearer 2001:db8::1", "mail Bearer jane.doe@janedoe.com now"}) {
            Map<String, Object> src = valid();
            src.put("event", sent);
            IngestDocument d = scrub(Map.of()).execute(doc(src));
            String stored = (String) d.getSource().get("event");
            assertThat(stored).as(sent).contains("[redacted:").doesNotContain("janedoe").doesNotContain("db8");
        }
        assertThat(stats.snapshot().get("redactions").toString()).contains("token=3");
    }

    /** Found by an attack review: a double is written in exponent notation, which hid its digits from the detectors. */
    @Test
    void numbersInAnyNotationAreScannedByTheirDigits() {
        for (Object card : new Object[] {4111111111111111.0, Double.valueOf("4.111111111111111E15"),
                new java.math.BigDecimal("4111111111111111.00"), new java.math.BigDecimal("0.00004111111111111111"),
                new java.math.BigDecimal("4111111111111111.5"), new java.math.BigDecimal("4.111111111111111E+15"),
                new java.math.BigInteger("4111111111111111"), 378282246310005.0}) {
            Map<String, Object> src = valid();
            src.put("event", card);
            IngestDocument d = scrub(Map.of()).execute(doc(src));
            assertThat(d.getSource().get("event")).as(card.getClass().getSimpleName() + " " + card).isEqualTo("[redacted:card]");
        }
        for (Object plain : new Object[] {12.5, 1.0E20, new java.math.BigDecimal("1234.5678"), 0.123456789, Double.NaN, -3L,
                0.5800248845020607, 0.6081305f, new java.math.BigDecimal("0.4111111111111111")}) { // fp8: a fraction is a decimal
            Map<String, Object> src = valid();
            src.put("event", plain);
            IngestDocument d = scrub(Map.of()).execute(doc(src));
            assertThat(d.getSource().get("event")).as(String.valueOf(plain)).isEqualTo(plain);
        }
    }

    @Test
    void forbiddenFieldsHiddenInUnknownFieldsAlsoFail() {
        Map<String, Object> dotted = valid();
        dotted.put("user.uid", "raw-4711");
        assertThatThrownBy(() -> scrub(Map.of()).execute(doc(dotted))).hasMessageContaining("field [user.uid] is not allowed")
                .message().doesNotContain("raw-4711");
        Map<String, Object> nested = valid();
        nested.put("mdc", Map.of("request", java.util.List.of(Map.of("user_agent", "Mozilla/5.0"))));
        assertThatThrownBy(() -> scrub(Map.of()).execute(doc(nested))).hasMessageContaining("field [mdc.request.user_agent] is not allowed")
                .message().doesNotContain("Mozilla");
        Map<String, Object> oddName = valid();
        oddName.put("jane@example.org", Map.of("email", "jane@example.org"));
        assertThatThrownBy(() -> scrub(Map.of()).execute(doc(oddName))).hasMessageContaining("field [[unnamed].email] is not allowed")
                .message().doesNotContain("jane");
        Map<String, Object> harmless = valid();
        harmless.put("mdc", Map.of("request_id", "r-1"));
        assertThat(scrub(Map.of()).execute(doc(harmless)).getSource()).isEqualTo(valid());
    }
}
