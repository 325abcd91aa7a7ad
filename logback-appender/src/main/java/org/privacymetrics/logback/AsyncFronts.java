package org.privacymetrics.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.Iterator;

/** Finds an asynchronous appender ({@link AsyncAppenderBase}) that forwards, directly or through others, to a target. */
final class AsyncFronts {

    private static final int MAX_DEPTH = 8;

    private AsyncFronts() {
    }

    /** The asynchronous appender in front of {@code target} among the context's loggers' appenders, or {@code null}. */
    static Appender<ILoggingEvent> find(LoggerContext context, Appender<ILoggingEvent> target) {
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> front = frontOf(it.next(), target, null, 0);
                if (front != null) {
                    return front;
                }
            }
        }
        return null;
    }

    /** The nearest asynchronous appender on a path from {@code a} to {@code target} ({@code asyncAbove}: one above a). */
    private static Appender<ILoggingEvent> frontOf(Appender<ILoggingEvent> a, Appender<ILoggingEvent> target,
            Appender<ILoggingEvent> asyncAbove, int depth) {
        if (a == target || depth > MAX_DEPTH || !(a instanceof AppenderAttachable<?>)) {
            return null;
        }
        Appender<ILoggingEvent> async = a instanceof AsyncAppenderBase<?> ? a : asyncAbove;
        @SuppressWarnings("unchecked")
        AppenderAttachable<ILoggingEvent> attachable = (AppenderAttachable<ILoggingEvent>) a;
        for (Iterator<Appender<ILoggingEvent>> it = attachable.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> next = it.next();
            if (next == target) {
                if (async != null) {
                    return async;
                }
                continue;
            }
            Appender<ILoggingEvent> found = frontOf(next, target, async, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
