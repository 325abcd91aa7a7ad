package org.privacymetrics.logback.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Delivers batches of encoded events to one kind of receiver. Called from the transport's single sender thread only,
 * so implementations need not be thread-safe.
 */
public interface BatchSender extends Closeable {

    /**
     * Sends {@code batch} and tells what became of each event.
     *
     * @return the outcome; events listed as {@linkplain BatchOutcome#retry() to retry} are sent again after a backoff
     * @throws Exception when the whole batch failed in a way worth retrying (receiver down, timeout, missing ack): every
     *                   event of the batch is retried
     */
    BatchOutcome send(List<TransportEvent> batch) throws Exception;

    @Override
    default void close() throws IOException {
    }
}
