package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.privacymetrics.logback.elasticsearch.ElasticsearchAppender;
import org.privacymetrics.logback.fluentd.FluentdAppender;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every old setting name of the transports still works, with the same effect as the Logback/logstash-logback-encoder
 * name that replaced it, and is reported once with a status warning naming the new name.
 */
class DeprecatedSettingsTest {

    private final List<LoggerContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(LoggerContext::stop);
    }

    private LoggerContext configure(String appenderXml) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        contexts.add(context);
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(context);
        c.doConfigure(new ByteArrayInputStream(("<configuration>" + appenderXml
                + "<root level=\"INFO\"><appender-ref ref=\"T\"/></root></configuration>").getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    private static AsyncTransportAppender appender(LoggerContext context) {
        return (AsyncTransportAppender) context.getLogger("ROOT").getAppender("T");
    }

    private static List<String> warnings(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == Status.WARN)
                .map(Status::getMessage).filter(m -> m.contains("is deprecated")).collect(Collectors.toList());
    }

    private static String fluentd(String settings) {
        return "<appender name=\"T\" class=\"" + FluentdAppender.class.getName() + "\"><jmx>false</jmx>" + settings
                + "</appender>";
    }

    private static String es(String settings) {
        return "<appender name=\"T\" class=\"" + ElasticsearchAppender.class.getName()
                + "\"><url>http://127.0.0.1:9</url><jmx>false</jmx>" + settings + "</appender>";
    }

    @ParameterizedTest(name = "<{0}> is <{1}>")
    @CsvSource(delimiter = '|', value = {
            "bufferSize|queueSize|<bufferSize>123</bufferSize>|<queueSize>123</queueSize>",
            "stopTimeout|shutdownGracePeriod|<stopTimeout>7 seconds</stopTimeout>|<shutdownGracePeriod>7 seconds</shutdownGracePeriod>",
            "fullBufferPolicy|appendTimeout|<fullBufferPolicy>BLOCK</fullBufferPolicy><blockTimeout>250 milliseconds</blockTimeout>|<appendTimeout>250 milliseconds</appendTimeout>",
            "fullBufferPolicy|appendTimeout|<fullBufferPolicy>DROP</fullBufferPolicy>|<appendTimeout>0 milliseconds</appendTimeout>",
            "connectTimeout|connectionTimeout|<connectTimeout>2 seconds</connectTimeout>|<connectionTimeout>2 seconds</connectionTimeout>",
            "host|destination|<host>fluentd.example</host><port>24225</port>|<destination>fluentd.example:24225</destination>",
    })
    void anOldNameHasTheEffectOfTheNewOneAndWarnsOnceNamingIt(String old, String replacement, String oldXml,
            String newXml) throws Exception {
        LoggerContext before = configure(fluentd(oldXml));
        LoggerContext after = configure(fluentd(newXml));
        FluentdAppender a = (FluentdAppender) appender(before);
        FluentdAppender b = (FluentdAppender) appender(after);
        assertThat(a.isStarted()).as(statusText(before)).isTrue();
        assertThat(b.isStarted()).as(statusText(after)).isTrue();

        assertThat(a.getQueueSize()).isEqualTo(b.getQueueSize());
        assertThat(a.getShutdownGracePeriod().getMilliseconds()).isEqualTo(b.getShutdownGracePeriod().getMilliseconds());
        assertThat(a.getAppendTimeout().getMilliseconds()).isEqualTo(b.getAppendTimeout().getMilliseconds());
        assertThat(a.getConnectionTimeout().getMilliseconds()).isEqualTo(b.getConnectionTimeout().getMilliseconds());
        assertThat(started(before)).isEqualTo(started(after));

        assertThat(warnings(before)).filteredOn(w -> w.contains("<" + old + "> is deprecated; use <" + replacement))
                .hasSize(1);
        // every old element of the pair (host and port, fullBufferPolicy and blockTimeout) is named once
        long oldElements = oldXml.chars().filter(ch -> ch == '<').count() / 2;
        assertThat(warnings(before)).hasSize((int) oldElements);
        assertThat(warnings(after)).isEmpty();
        // warned once over the appender's life: not again on a restart
        a.stop();
        a.start();
        assertThat(warnings(before)).filteredOn(w -> w.contains("<" + old + "> is deprecated")).hasSize(1);
    }

    /** The start-up status message, which names the destination, the timeouts aside. */
    private static String started(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage)
                .filter(m -> m.contains("]: started;")).findFirst().orElse("");
    }

    private static String statusText(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream().map(s -> s.getLevel() + " " + s.getMessage())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theTlsAliasesOfFluentdMeanSsl() throws Exception {
        LoggerContext old = configure(fluentd("<tls>true</tls><verifyHostname>false</verifyHostname>"));
        LoggerContext now = configure(fluentd("<ssl><hostnameVerification>false</hostnameVerification></ssl>"));
        assertThat(started(old)).contains("tls [JVM trust store, host name NOT verified]").isEqualTo(started(now));
        assertThat(warnings(old)).anyMatch(w -> w.contains("<tls> is deprecated; use <ssl/>"))
                .anyMatch(w -> w.contains("<verifyHostname> is deprecated; use <ssl><hostnameVerification>"));
        assertThat(started(configure(fluentd("<ssl/>")))).contains("tls [JVM trust store]")
                .doesNotContain("NOT verified");
        assertThat(started(configure(fluentd("")))).contains("tls [false]");
    }

    @Test
    void anOldAndANewNameForTheSameThingAreRefusedTogether() throws Exception {
        LoggerContext c = configure(fluentd("<fullBufferPolicy>BLOCK</fullBufferPolicy><appendTimeout>1 second</appendTimeout>"
                + "<host>a</host><destination>b:1</destination><ssl/><verifyHostname>false</verifyHostname>"));
        assertThat(appender(c).isStarted()).isFalse();
        assertThat(statusText(c))
                .contains("set [appendTimeout] only: [fullBufferPolicy] and [blockTimeout] are its deprecated aliases")
                .contains("set [destination] only: [host] and [port] are its deprecated aliases")
                .contains("set [ssl.hostnameVerification] only: [verifyHostname] is its deprecated alias");
    }

    @Test
    void theElasticsearchTransportSharesTheCommonAliases() throws Exception {
        LoggerContext old = configure(es("<bufferSize>77</bufferSize><stopTimeout>3 seconds</stopTimeout>"
                + "<fullBufferPolicy>BLOCK</fullBufferPolicy>"));
        AsyncTransportAppender a = appender(old);
        assertThat(a.isStarted()).as(statusText(old)).isTrue();
        assertThat(a.getQueueSize()).isEqualTo(77);
        assertThat(a.getShutdownGracePeriod().getMilliseconds()).isEqualTo(3000);
        // BLOCK without blockTimeout waited 100 ms: the same appendTimeout now
        assertThat(a.getAppendTimeout().getMilliseconds()).isEqualTo(100);
        assertThat(warnings(old)).hasSize(3);
    }

    @Test
    void aTransportPrintsItsWarningsOnTheConsoleUnlessAListenerIsConfiguredOrItIsSwitchedOff() throws Exception {
        assertThat(configure(es("")).getStatusManager().getCopyOfStatusListenerList()).singleElement()
                .isInstanceOf(net.logstash.logback.status.LevelFilteringStatusListener.class);
        assertThat(configure(es("<addDefaultStatusListener>false</addDefaultStatusListener>")).getStatusManager()
                .getCopyOfStatusListenerList()).isEmpty();
    }
}
