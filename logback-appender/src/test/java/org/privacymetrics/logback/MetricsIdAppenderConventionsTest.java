package org.privacymetrics.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.logstash.logback.status.LevelFilteringStatusListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.privacymetrics.logback.event.EventDrop;

/**
 * The appender follows logstash-logback-encoder's conventions: warnings reach the console without configuration,
 * a composite JSON encoder that would lose the metrics fields is reported at start, and extra masking rules take
 * LLE's {@code <valueMask>} / {@code <valueMasker>} configuration.
 */
class MetricsIdAppenderConventionsTest {

    @TempDir
    Path dir;
    private LogbackFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private LogbackFixture configure(String encoder, String metricsSettings, String top) throws Exception {
        Path xml = dir.resolve("logback.xml");
        Files.writeString(xml, "<configuration>" + top
                + "<appender name=\"JSON\" class=\"ch.qos.logback.core.FileAppender\"><file>${OUT}</file>"
                + "<append>false</append>" + encoder + "</appender>"
                + "<appender name=\"METRICS\" class=\"org.privacymetrics.logback.MetricsIdAppender\"><service>sync</service>"
                + "<secret>${METRICS_SECRET}</secret><allowedKey>note</allowedKey>" + metricsSettings
                + "<appender-ref ref=\"JSON\"/></appender>"
                + "<logger name=\"usage\" level=\"INFO\" additivity=\"false\"><appender-ref ref=\"METRICS\"/></logger>"
                + "</configuration>");
        fx = LogbackFixture.fromFile(xml, dir, Map.of("METRICS_SECRET", MetricsIdAppenderTest.SECRET));
        return fx;
    }

    private List<String> warnings() {
        return fx.context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == Status.WARN)
                .map(Status::getMessage).collect(Collectors.toList());
    }

    private MetricsIdAppender metrics() {
        return (MetricsIdAppender) fx.context.getLogger("usage").getAppender("METRICS");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "composite without keyValuePairs|<providers><timestamp/><message/></providers>|has no key-value-pairs provider",
            "keyValuePairs excluding metrics_id|<providers><timestamp/><keyValuePairs><excludeKeyName>metrics_id</excludeKeyName></keyValuePairs></providers>|leaves out [metrics_id]",
            "keyValuePairs nested under a field|<providers><keyValuePairs><fieldName>kv</fieldName></keyValuePairs></providers>|nests the metrics fields under [kv]",
    })
    void aCompositeEncoderThatLosesTheMetricsFieldsIsReportedAtStart(String name, String providers, String problem)
            throws Exception {
        configure("<encoder class=\"net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder\">" + providers
                + "</encoder>", "", "");
        assertThat(metrics().isStarted()).isTrue();
        assertThat(warnings()).filteredOn(w -> w.contains("MetricsIdAppender [METRICS] forwards to [JSON], but")
                && w.contains(problem)).hasSize(1);
        // and it is true: the event written has no metrics_id at the top level
        fx.logAt(Instant.now(), "login", null, null, "uid", "user-1", "event", "login");
        assertThat(fx.lines()).singleElement().satisfies(l -> assertThat(l).doesNotContainKey("metrics_id"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "LogstashEncoder|<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>",
            "composite with keyValuePairs|<encoder class=\"net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder\"><providers><timestamp/><keyValuePairs/></providers></encoder>",
    })
    void encodersThatWriteTheMetricsFieldsAreNotReported(String name, String encoder) throws Exception {
        configure(encoder, "", "");
        assertThat(warnings()).noneMatch(w -> w.contains("forwards to [JSON], but"));
        fx.logAt(Instant.now(), "login", null, null, "uid", "user-1", "event", "login");
        assertThat(fx.lines()).singleElement().satisfies(l -> assertThat(l).containsKey("metrics_id"));
    }

    @Test
    void dropWarningsReachTheConsoleWithoutAStatusListenerButInfoDoesNot() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            configure("<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>", "", "");
            fx.logAt(Instant.now(), "login", null, null, "event", "login"); // no uid: dropped, counted, warned
        } finally {
            System.setOut(original);
        }
        assertThat(metrics().getStats().dropped(EventDrop.MISSING_UID)).isEqualTo(1);
        List<StatusListener> listeners = fx.context.getStatusManager().getCopyOfStatusListenerList();
        assertThat(listeners).singleElement().isInstanceOf(LevelFilteringStatusListener.class);
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("WARN").contains("events are dropped (missing_uid")
                // INFO statuses (the start-up message, Logback's ${} substitutions) stay off the console
                .doesNotContain("MetricsIdAppender [METRICS] started").doesNotContain(MetricsIdAppenderTest.SECRET);
    }

    @Test
    void aConfiguredStatusListenerOrTheSwitchKeepsTheDefaultOneAway() throws Exception {
        configure("<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>", "",
                "<statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>");
        assertThat(fx.context.getStatusManager().getCopyOfStatusListenerList()).singleElement()
                .isInstanceOf(ch.qos.logback.core.status.NopStatusListener.class);
        fx.close();
        configure("<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>",
                "<addDefaultStatusListener>false</addDefaultStatusListener>", "");
        assertThat(fx.context.getStatusManager().getCopyOfStatusListenerList()).isEmpty();
    }

    @Test
    void valueMasksAndValueMaskersOfLogstashLogbackEncoderApplyToAllowedValues() throws Exception {
        configure("<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>",
                "<valueMask><value>acct-[0-9]{4,}</value><mask>[masked:account]</mask></valueMask>"
                        + "<valueMask><values>order-[0-9]+, ticket-[0-9]+</values></valueMask>"
                        + "<valueMasker class=\"org.privacymetrics.logback.UpperCaseMasker\"><prefix>secret-</prefix></valueMasker>",
                "");
        assertThat(metrics().isStarted()).isTrue();
        fx.logAt(Instant.now(), "a", null, null, "uid", "user-1", "event", "a", "note", "moved acct-123456 to plan");
        fx.logAt(Instant.now(), "b", null, null, "uid", "user-1", "event", "b", "note", "order-77 and ticket-8");
        fx.logAt(Instant.now(), "c", null, null, "uid", "user-1", "event", "c", "note", "secret-xyz");
        fx.logAt(Instant.now(), "d", null, null, "uid", "user-1", "event", "d", "note", "mail bob@example.com");
        fx.logAt(Instant.now(), "e", null, null, "uid", "user-1", "event", "e", "note", "nothing to hide");
        assertThat(fx.lines()).extracting(l -> l.get("note")).containsExactly("moved [masked:account] to plan",
                "**** and ****", "[masked:SECRET]", "mail [masked:email]", "nothing to hide");
    }

    @Test
    void aFailingMaskerDropsTheEventInsteadOfLettingTheValueThrough() throws Exception {
        configure("<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>",
                "<valueMasker class=\"org.privacymetrics.logback.ThrowingMasker\"/>", "");
        fx.logAt(Instant.now(), "a", null, null, "uid", "user-1", "event", "a", "note", "boom acct");
        fx.logAt(Instant.now(), "b", null, null, "uid", "user-1", "event", "b", "note", "fine");
        assertThat(fx.lines()).extracting(l -> l.get("note")).containsExactly("fine");
        assertThat(metrics().getStats().dropped(EventDrop.FAILED)).isEqualTo(1);
        assertThat(fx.statuses()).doesNotContain("boom acct");
    }

    @Test
    void anInvalidMaskRegexKeepsTheAppenderStopped() throws Exception {
        configure("<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>",
                "<valueMask><value>acct-(unclosed</value></valueMask>", "");
        assertThat(metrics().isStarted()).isFalse();
        assertThat(fx.statuses()).contains("<valueMask> has a <value> that is not a valid regular expression")
                .doesNotContain("acct-(unclosed");
    }
}
