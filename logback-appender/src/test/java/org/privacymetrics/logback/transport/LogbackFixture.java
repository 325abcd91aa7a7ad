package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fresh Logback context configured from an XML fixture on the test class path, with properties for the
 * {@code ${...}} placeholders (ports, buffer sizes). Closing it stops the context and with it the appenders.
 */
public final class LogbackFixture implements AutoCloseable {
    private final LoggerContext context = new LoggerContext();

    public LogbackFixture(Class<?> testClass, String resource, Map<String, String> properties) throws JoranException {
        context.setName(testClass.getSimpleName());
        // a hand-made context has no MDC adapter; share SLF4J's so MDC.put() reaches it
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        properties.forEach(context::putProperty);
        URL url = testClass.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("fixture [" + resource + "] not found next to " + testClass.getName());
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
    }

    public LoggerContext context() {
        return context;
    }

    public Logger logger(String name) {
        return context.getLogger(name);
    }

    @SuppressWarnings("unchecked")
    public <T extends Appender<?>> T appender(String name) {
        Appender<?> a = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
        if (a == null) {
            throw new IllegalArgumentException("no appender [" + name + "] on the root logger");
        }
        return (T) a;
    }

    /** Every status message so far, one per line, with its level. */
    public String statusText() {
        return statuses().stream().map(s -> levelName(s) + " " + s.getMessage()).collect(Collectors.joining("\n"));
    }

    public List<Status> statuses() {
        return context.getStatusManager().getCopyOfStatusList();
    }

    private static String levelName(Status s) {
        switch (s.getLevel()) {
            case Status.ERROR:
                return "ERROR";
            case Status.WARN:
                return "WARN";
            default:
                return "INFO";
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
