package org.privacymetrics.es.common;

import java.util.concurrent.Callable;
import org.elasticsearch.action.ActionListener;

/** Runs blocking work (on a generic-pool thread) and completes a listener with its result or failure. */
public final class ActionRunnableSupport {
    private ActionRunnableSupport() {
    }

    /**
     * @param listener completed exactly once
     * @param work the blocking computation
     * @return a runnable for an executor
     */
    public static <T> Runnable run(ActionListener<T> listener, Callable<T> work) {
        return () -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                listener.onFailure(e);
                return;
            }
            listener.onResponse(result);
        };
    }
}
