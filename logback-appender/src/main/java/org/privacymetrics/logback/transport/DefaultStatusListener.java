package org.privacymetrics.logback.transport;

import ch.qos.logback.core.spi.ContextAware;
import ch.qos.logback.core.status.OnConsoleStatusListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusManager;
import net.logstash.logback.status.LevelFilteringStatusListener;

/**
 * What logstash-logback-encoder's appenders do on start ({@code addDefaultStatusListener}, default true): when the
 * Logback context has no status listener at all, register one that prints WARN and ERROR statuses on the console, so
 * dropped events and failures are seen without configuring anything. Its own listener class
 * ({@link LevelFilteringStatusListener} around {@link OnConsoleStatusListener}) is used, which prints nothing from
 * before its registration and nothing below WARN: Logback's INFO statuses, which quote the values of {@code ${...}}
 * substitutions (possibly secrets), stay off the console. A configured {@code <statusListener>} (or
 * {@code debug="true"}) replaces it.
 */
public final class DefaultStatusListener {

    private DefaultStatusListener() {
    }

    /** Registers the console listener for WARN and above if {@code component}'s context has no status listener. */
    public static void addIfNone(ContextAware component) {
        if (component.getContext() == null) {
            return;
        }
        StatusManager sm = component.getContext().getStatusManager();
        if (sm == null) {
            return;
        }
        synchronized (sm) {
            if (!sm.getCopyOfStatusListenerList().isEmpty()) {
                return;
            }
            LevelFilteringStatusListener listener = new LevelFilteringStatusListener();
            listener.setLevelValue(Status.WARN);
            listener.setDelegate(new OnConsoleStatusListener());
            listener.setContext(component.getContext());
            listener.start();
            sm.add(listener);
        }
    }
}
