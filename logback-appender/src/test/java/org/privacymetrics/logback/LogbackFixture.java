package org.privacymetrics.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.event.KeyValuePair;

/** A Logback context configured from an XML fixture named after the test, writing JSON lines to a temp file. */
final class LogbackFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final LoggerContext context = new LoggerContext();
    final Path out;

    LogbackFixture(Class<?> test, String fixture, Path dir, Map<String, String> properties) throws Exception {
        out = dir.resolve("out.json");
        context.setName(test.getSimpleName());
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.putProperty("OUT", out.toString());
        properties.forEach(context::putProperty);
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(context);
        try (InputStream in = test.getResourceAsStream(fixture)) {
            c.doConfigure(in);
        }
    }

    private LogbackFixture(Path config, Path dir, Map<String, String> properties) throws Exception {
        out = dir.resolve("out.json");
        context.setName("file-config");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.putProperty("OUT", out.toString());
        properties.forEach(context::putProperty);
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(context);
        c.doConfigure(config.toFile());
    }

    /** A context configured from an XML file (e.g. a fixture rewritten by the test). */
    static LogbackFixture fromFile(Path config, Path dir, Map<String, String> properties) throws Exception {
        return new LogbackFixture(config, dir, properties);
    }

    Logger usage() {
        return context.getLogger("usage");
    }

    /** Logs an event at a fixed instant with key-value pairs, as SLF4J 2's fluent API would, but backdated. */
    void logAt(Instant at, String message, Object[] args, Throwable t, Object... kv) {
        Logger logger = usage();
        LoggingEvent ev = new LoggingEvent(Logger.FQCN, logger, Level.INFO, message, t, args);
        ev.setInstant(at);
        List<KeyValuePair> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            pairs.add(new KeyValuePair((String) kv[i], kv[i + 1]));
        }
        ev.setKeyValuePairs(pairs);
        logger.callAppenders(ev);
    }

    String output() throws Exception {
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : output().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readValue(line, Map.class));
            }
        }
        return out;
    }

    /**
     * Status messages, without Logback's own "value ... substituted for ${...}" lines: Joran records every variable
     * substitution, the secret's included, which is why the README recommends {@code <secretEnv>}.
     */
    String statuses() {
        return context.getStatusManager().getCopyOfStatusList().stream().map(Status::toString)
                .filter(s -> !s.contains("substituted for")).collect(Collectors.joining("\n"));
    }

    List<Status> errors() {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= Status.ERROR).toList();
    }

    MetricsIdAppender metricsAppender() {
        return (MetricsIdAppender) usage().getAppender("METRICS");
    }

    @Override
    public void close() {
        context.stop();
    }
}
