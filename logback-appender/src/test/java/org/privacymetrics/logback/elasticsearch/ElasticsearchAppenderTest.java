package org.privacymetrics.logback.elasticsearch;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.privacymetrics.logback.transport.Await;
import org.privacymetrics.logback.transport.CapturingAppender;
import org.privacymetrics.logback.transport.DropReason;
import org.privacymetrics.logback.transport.LogbackFixture;
import org.privacymetrics.logback.transport.TransportStats;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchAppenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "s3cr3t-pa55word-xyz";

    private BulkTestServer server;
    private LogbackFixture logback;

    @AfterEach
    void tearDown() {
        if (logback != null) {
            logback.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ElasticsearchAppender configure(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(extra);
        props.put("es.url", server.url());
        props.put("es.password", PASSWORD);
        logback = new LogbackFixture(getClass(), "ElasticsearchAppenderTest.xml", props);
        ElasticsearchAppender appender = logback.appender("ES");
        assertThat(appender.isStarted()).as(logback.statusText()).isTrue();
        return appender;
    }

    private Logger log() {
        return logback.logger("org.example.sync.Usage");
    }

    private Set<String> createdMessages() {
        return server.createdDocs().stream().map(d -> {
            try {
                return JSON.readTree(d).path("message").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> messages(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void bulkCreatesCarryExactlyTheEncoderJson() throws Exception {
        server = new BulkTestServer().start();
        ElasticsearchAppender appender = configure(Map.of());

        log().info("file_synced", kv("metrics_id", "3f2a9c0e5b7d41a8b6c2d9e0f1a2b3c4"), kv("metrics_epoch", "2026-11"),
                kv("service", "sync"), kv("event", "file_synced"), kv("event_id", "7d5e1c2a-0000-4000-8000-000000000001"),
                kv("device", "mobile"));
        log().info("file_shared", kv("metrics_id", "00112233445566778899aabbccddeeff"), kv("event_id", "e-2"));

        Await.until("both documents created", () -> appender.getStats().sent() == 2, () -> appender.getStats().toString());
        List<String> lines = new ArrayList<>();
        for (BulkTestServer.Request r : server.requests()) {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/_bulk");
            assertThat(r.header("Content-Type")).contains("json");
            assertThat(r.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString(("metrics-writer:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            assertThat(r.body()).endsWith("\n");
            assertThat(r.body()).doesNotContain(PASSWORD);
            lines.addAll(r.lines());
        }
        List<CapturingAppender.Captured> expected = logback.<CapturingAppender>appender("FILE_EQUIVALENT").captured();
        assertThat(lines).hasSize(4);
        for (int i = 0; i < 2; i++) {
            assertThat(JSON.readTree(lines.get(2 * i)))
                    .isEqualTo(JSON.readTree("{\"create\":{\"_index\":\"metrics-events\"}}"));
            // byte for byte what LogstashEncoder writes to a file, minus the line break
            assertThat(lines.get(2 * i + 1)).isEqualTo(expected.get(i).json());
        }
        assertThat(JSON.readTree(lines.get(1)).path("device").asText()).isEqualTo("mobile");
        // Logback 1.5 itself reports every ${...} substitution with its value (qos-ch/logback#986); everything else,
        // our appender's messages included, must not show the password
        String ours = logback.statusText().lines().filter(l -> !l.contains("substituted for \"${es.password}\""))
                .collect(Collectors.joining("\n"));
        assertThat(ours).contains("user [metrics-writer]").doesNotContain(PASSWORD);
        assertThat(appender.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void anOutageThenRecoveryLosesNothing() throws Exception {
        server = new BulkTestServer(); // node down: connection refused
        ElasticsearchAppender appender = configure(Map.of("batchSize", "25"));
        for (int i = 0; i < 100; i++) {
            log().info("event-" + i);
        }
        Await.until("several failed attempts", () -> appender.getStats().failedAttempts() >= 3,
                () -> appender.getStats().toString());
        assertThat(appender.getStats().sent()).isZero();
        assertThat(appender.getStats().buffered()).isEqualTo(100);

        // the node comes back but is still unhealthy for a few requests
        server.failNextRequests(3, 503);
        server.start();
        for (int i = 100; i < 120; i++) {
            log().info("event-" + i);
        }
        Await.until("all 120 created", () -> appender.getStats().sent() == 120, () -> appender.getStats().toString());
        assertThat(createdMessages()).isEqualTo(messages("event-", 0, 120));
        TransportStats stats = appender.getStats();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.retried()).isPositive();
        assertThat(logback.statusText()).contains("retrying with backoff").contains("receiver reachable again");
    }

    @Test
    void conflictsAreDuplicatesRejectionsAreCountedWithTheirReasonAndOverloadIsRetried() throws Exception {
        server = new BulkTestServer().start();
        Set<String> busyOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        server.setItemStatus(doc -> {
            if (doc.contains("\"dup-")) {
                return 409;
            }
            if (doc.contains("\"bad-")) {
                return 400;
            }
            if (doc.contains("\"busy-")) {
                return busyOnce.add(doc) ? 429 : 201;
            }
            return 201;
        });
        ElasticsearchAppender appender = configure(Map.of());
        for (int i = 0; i < 3; i++) {
            log().info("dup-" + i);
        }
        for (int i = 0; i < 2; i++) {
            log().info("bad-" + i);
        }
        for (int i = 0; i < 4; i++) {
            log().info("ok-" + i);
            log().info("busy-" + i);
        }
        Await.until("every item settled", () -> appender.getStats().buffered() == 0
                && appender.getStats().sent() + appender.getStats().duplicates()
                + appender.getStats().dropped(DropReason.REJECTED) == 13, () -> appender.getStats().toString());
        TransportStats stats = appender.getStats();
        assertThat(stats.sent()).isEqualTo(8);
        assertThat(stats.duplicates()).isEqualTo(3);
        assertThat(stats.dropped(DropReason.REJECTED)).isEqualTo(2);
        assertThat(stats.retried()).isGreaterThanOrEqualTo(4);
        assertThat(stats.rejectionReasons()).containsOnlyKeys(
                "400 [document_parsing_exception] [1:42] failed to parse field [count] of type [long]");
        assertThat(stats.rejectionReasons().values()).containsExactly(2L);
        assertThat(createdMessages()).isEqualTo(new TreeSet<>(List.of("ok-0", "ok-1", "ok-2", "ok-3",
                "busy-0", "busy-1", "busy-2", "busy-3")));
        // duplicates are not retried: each dup document was sent exactly once
        long dupSends = server.requests().stream().flatMap(r -> r.lines().stream()).filter(l -> l.contains("\"dup-"))
                .count();
        assertThat(dupSends).isEqualTo(3);
        String status = logback.statusText();
        assertThat(status).contains("document_parsing_exception").doesNotContain("SECRET-VALUE")
                .doesNotContain("bad-0");
    }

    @Test
    void statisticsAreAnMBeanWhileStarted() throws Exception {
        server = new BulkTestServer().start();
        ElasticsearchAppender appender = configure(Map.of());
        ObjectName name = new ObjectName("org.privacymetrics.logback:type=Transport,name=ES");
        assertThat(appender.getObjectName()).isEqualTo(name);
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        log().info("one");
        Await.until("sent", () -> appender.getStats().sent() == 1);
        assertThat(mbeans.getAttribute(name, "Sent")).isEqualTo(1L);
        assertThat(mbeans.getAttribute(name, "BufferCapacity")).isEqualTo(1000);
        assertThat(mbeans.getAttribute(name, "DroppedTotal")).isEqualTo(0L);
        appender.stop();
        assertThat(mbeans.isRegistered(name)).isFalse();
        assertThat(appender.getStats().sent()).as("stats survive stop").isEqualTo(1);
        appender.start();
        assertThat(appender.isStarted()).isTrue();
        assertThat(mbeans.isRegistered(name)).isTrue();
        appender.start(); // safe twice
        appender.stop();
        appender.stop();
        assertThat(mbeans.isRegistered(name)).isFalse();
    }

    @Test
    void badSettingsKeepTheAppenderStoppedWithAClearErrorAndNoSecret() {
        LoggerContext context = new LoggerContext();
        try {
            ElasticsearchAppender noUrl = new ElasticsearchAppender();
            noUrl.setContext(context);
            noUrl.setName("ES1");
            noUrl.start();
            assertThat(noUrl.isStarted()).isFalse();

            ElasticsearchAppender credentialsInUrl = new ElasticsearchAppender();
            credentialsInUrl.setContext(context);
            credentialsInUrl.setName("ES2");
            credentialsInUrl.setUrl("http://elastic:" + PASSWORD + "@127.0.0.1:9200");
            credentialsInUrl.start();
            assertThat(credentialsInUrl.isStarted()).isFalse();

            ElasticsearchAppender passwordOnly = new ElasticsearchAppender();
            passwordOnly.setContext(context);
            passwordOnly.setName("ES3");
            passwordOnly.setUrl("http://127.0.0.1:9200");
            passwordOnly.setPassword(PASSWORD);
            passwordOnly.setAppendTimeout(ch.qos.logback.core.util.Duration.buildByMilliseconds(-1));
            passwordOnly.setQueueSize(0);
            passwordOnly.start();
            assertThat(passwordOnly.isStarted()).isFalse();

            String status = context.getStatusManager().getCopyOfStatusList().stream()
                    .map(s -> s.getLevel() + " " + s.getMessage()).collect(Collectors.joining("\n"));
            assertThat(status).contains("Appender [ES1]: field [url] is required")
                    .contains("Appender [ES2]: field [url] must not carry credentials")
                    .contains("Appender [ES3]: fields [username] and [password] must be given together")
                    .contains("Appender [ES3]: field [appendTimeout] must be a duration of at least 0 ms")
                    .contains("Appender [ES3]: field [queueSize] must be at least 1, got [0]")
                    .doesNotContain(PASSWORD);
            assertThat(context.getStatusManager().getCopyOfStatusList()).allMatch(s -> s.getLevel() == 2);
        } finally {
            context.stop();
        }
    }

    @Test
    void anApiKeyIsSentAndNeverShown() throws Exception {
        server = new BulkTestServer().start();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        ElasticsearchAppender appender = new ElasticsearchAppender();
        appender.setContext(context);
        appender.setName("ES_APIKEY");
        appender.setUrl(server.url());
        appender.setApiKey("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        appender.setJmx(false);
        appender.start();
        try {
            assertThat(appender.isStarted()).isTrue();
            Logger logger = context.getLogger("x");
            logger.addAppender(appender);
            logger.info("with api key");
            Await.until("sent", () -> appender.getStats().sent() == 1);
            assertThat(server.requests().get(0).header("Authorization"))
                    .isEqualTo("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
            appender.stop();
            String status = context.getStatusManager().getCopyOfStatusList().stream().map(s -> s.getMessage())
                    .collect(Collectors.joining("\n"));
            assertThat(status).contains("api key").doesNotContain("VnVhQ2ZH");
        } finally {
            context.stop();
        }
    }

    @Test
    void aDocumentIdFieldBecomesTheIdOfTheCreate() throws Exception {
        server = new BulkTestServer().start();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        ElasticsearchAppender appender = new ElasticsearchAppender();
        appender.setContext(context);
        appender.setName("ES_ID");
        appender.setUrl(server.url());
        appender.setDocumentIdField("event_id");
        appender.setJmx(false);
        appender.start();
        try {
            Logger logger = context.getLogger("x");
            logger.addAppender(appender);
            logger.info("with id", kv("event_id", "7d5e1c2a-0000-4000-8000-000000000009"),
                    kv("nested", Map.of("event_id", "not-this-one")));
            logger.info("without id");
            Await.until("sent", () -> appender.getStats().sent() == 2);
            List<String> actions = new ArrayList<>();
            for (BulkTestServer.Request r : server.requests()) {
                List<String> lines = r.lines();
                for (int i = 0; i < lines.size(); i += 2) {
                    actions.add(lines.get(i));
                }
            }
            assertThat(actions).hasSize(2);
            assertThat(JSON.readTree(actions.get(0))).isEqualTo(JSON.readTree(
                    "{\"create\":{\"_id\":\"7d5e1c2a-0000-4000-8000-000000000009\",\"_index\":\"metrics-events\"}}"));
            assertThat(JSON.readTree(actions.get(1))).isEqualTo(JSON.readTree("{\"create\":{\"_index\":\"metrics-events\"}}"));
        } finally {
            context.stop();
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tempDir;

    /** {@code <ssl><trustStore>} (new) or the deprecated {@code <trustStore>} settings: the same TLS set-up. */
    private static void trust(ElasticsearchAppender a, java.nio.file.Path store, boolean deprecatedForm) {
        if (deprecatedForm) {
            a.setTrustStore(store.toString());
            a.setTrustStorePassword(org.privacymetrics.logback.transport.TestCertificates.TRUST_PASSWORD);
        } else {
            org.privacymetrics.logback.transport.TlsConfiguration ssl = new org.privacymetrics.logback.transport.TlsConfiguration();
            ch.qos.logback.core.net.ssl.KeyStoreFactoryBean ts = new ch.qos.logback.core.net.ssl.KeyStoreFactoryBean();
            ts.setLocation(store.toUri().toString());
            ts.setPassword(org.privacymetrics.logback.transport.TestCertificates.TRUST_PASSWORD);
            ts.setType("PKCS12");
            ssl.setTrustStore(ts);
            a.setSsl(ssl);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "deprecated trustStore settings: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void httpsWithATrustStoreVerifiesTheHostName(boolean deprecatedForm) throws Exception {
        org.privacymetrics.logback.transport.TestCertificates certs =
                org.privacymetrics.logback.transport.TestCertificates.create(tempDir);
        server = new BulkTestServer().withTls(certs.serverContext()).start();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        try {
            ElasticsearchAppender trusted = new ElasticsearchAppender();
            trusted.setContext(context);
            trusted.setName("ES_TLS");
            trusted.setUrl(server.url()); // https://localhost:<port>, the certificate's name
            trust(trusted, certs.trustStore(), deprecatedForm);
            trusted.setJmx(false);
            trusted.start();
            assertThat(trusted.isStarted()).isTrue();

            ElasticsearchAppender wrongName = new ElasticsearchAppender();
            wrongName.setContext(context);
            wrongName.setName("ES_TLS_IP");
            wrongName.setUrl(server.url().replace("localhost", "127.0.0.1"));
            trust(wrongName, certs.trustStore(), deprecatedForm);
            wrongName.setJmx(false);
            wrongName.setShutdownGracePeriod(ch.qos.logback.core.util.Duration.buildByMilliseconds(300));
            wrongName.start();
            assertThat(wrongName.isStarted()).isTrue();

            Logger logger = context.getLogger("x");
            logger.addAppender(trusted);
            logger.addAppender(wrongName);
            logger.info("over https");
            Await.until("sent over TLS", () -> trusted.getStats().sent() == 1);
            Await.until("refused for the wrong name", () -> wrongName.getStats().failedAttempts() >= 2, () -> wrongName.getStats() + " " + context.getStatusManager().getCopyOfStatusList());
            assertThat(wrongName.getStats().sent()).isZero();
            assertThat(server.createdDocs()).hasSize(1);
            String status = context.getStatusManager().getCopyOfStatusList().stream().map(s -> s.getMessage())
                    .collect(Collectors.joining("\n"));
            // the client alone did not check host names; HostnameVerification makes it
            assertThat(status).contains("ES_TLS_IP: sending 1 event(s) failed, retrying with backoff")
                    .contains("No subject alternative names matching IP address 127.0.0.1")
                    .doesNotContain(org.privacymetrics.logback.transport.TestCertificates.TRUST_PASSWORD);
            assertThat(status.contains("<trustStore> is deprecated; use <ssl><trustStore><location>")).isEqualTo(deprecatedForm);
        } finally {
            context.stop();
        }
    }

    @Test
    void aBatchTooLargeForTheClusterIsSplitAndOnlyAnOversizedEventIsRejected() throws Exception {
        server = new BulkTestServer().start();
        server.setMaxBodyBytes(3000);
        ElasticsearchAppender appender = configure(Map.of("batchSize", "50"));
        for (int i = 0; i < 20; i++) {
            log().info("event-" + i);
        }
        log().info("huge-" + "x".repeat(5000));
        Await.until("all settled", () -> appender.getStats().buffered() == 0 && appender.getStats().sent()
                + appender.getStats().dropped(DropReason.REJECTED) == 21, () -> appender.getStats().toString());
        assertThat(appender.getStats().sent()).isEqualTo(20);
        assertThat(appender.getStats().dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(appender.getStats().rejectionReasons()).containsOnlyKeys("http 413 [content_too_long_exception]");
        assertThat(createdMessages()).isEqualTo(messages("event-", 0, 20));
    }
}
