package org.privacymetrics.logback.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.RetryConfig;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.privacymetrics.logback.transport.BatchOutcome;
import org.privacymetrics.logback.transport.BatchSender;
import org.privacymetrics.logback.transport.TransportEvent;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a batch as one {@code _bulk} request of {@code create} operations through the official Java client (its
 * default Rest5Client transport). The encoder's bytes are the documents, passed through unchanged.
 *
 * <p>Per item: 2xx is delivered; 409 (the event id already exists) is a duplicate, not retried; 429 and 5xx are
 * retried; other statuses are rejected with the error type and a reason stripped of any field value preview, never
 * the document. Whole-request failures (connection errors, 401/403/408/429/5xx) retry the batch; other 4xx reject it.
 */
final class ElasticsearchBatchSender implements BatchSender {
    private static final String JSON = "application/json";
    private static final int MAX_REASON_CHARS = 200;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final ElasticsearchClient client;
    private final String index;
    private final String idField;

    ElasticsearchBatchSender(List<URI> hosts, String index, String idField, String username, String password,
                             String apiKey, SSLContext sslContext) {
        this.index = index;
        this.idField = idField;
        this.client = ElasticsearchClient.of(b -> {
            b.hosts(hosts);
            // the transport's own backoff owns retries, so every retry is counted and stop() stays bounded
            b.retryConfig(RetryConfig.disabled());
            if (sslContext != null) {
                b.sslContext(sslContext);
            }
            if (apiKey != null) {
                b.apiKey(apiKey);
            } else if (username != null) {
                b.usernameAndPassword(username, password);
            }
            return b;
        });
    }

    @Override
    public BatchOutcome send(List<TransportEvent> batch) throws IOException {
        List<BulkOperation> ops = new ArrayList<>(batch.size());
        for (TransportEvent e : batch) {
            BinaryData doc = BinaryData.of(e.payload(), JSON);
            String id = idField == null ? null : topLevelString(e.payload(), idField);
            ops.add(BulkOperation.of(o -> o.create(c -> c.index(index).id(id).document(doc))));
        }
        BulkResponse response;
        try {
            response = client.bulk(BulkRequest.of(r -> r.operations(ops)));
        } catch (ElasticsearchException e) {
            return e.status() == 413 && batch.size() > 1 ? sendInHalves(batch)
                    : wholeRequestFailed(batch, e.status(), e.error() != null ? e.error().type() : null, e);
        } catch (TransportException e) {
            return e.statusCode() == 413 && batch.size() > 1 ? sendInHalves(batch)
                    : wholeRequestFailed(batch, e.statusCode(), null, e);
        }
        List<BulkResponseItem> items = response.items();
        if (items.size() != batch.size()) {
            throw new IOException("bulk response has " + items.size() + " items for " + batch.size() + " operations");
        }
        BatchOutcome outcome = new BatchOutcome();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            int status = item.status();
            if (item.error() == null && status >= 200 && status < 300) {
                outcome.delivered();
            } else if (status == 409) {
                outcome.duplicate();
            } else if (status == 429 || status >= 500) {
                outcome.retry(batch.get(i));
            } else {
                outcome.rejected(reason(status, item.error()));
            }
        }
        return outcome;
    }

    /**
     * The request was too large for the cluster ({@code http.max_content_length}): send each half on its own, down to
     * single events; only a single event that is too large on its own is rejected.
     */
    private BatchOutcome sendInHalves(List<TransportEvent> batch) throws IOException {
        int mid = batch.size() / 2;
        BatchOutcome merged = new BatchOutcome();
        for (List<TransportEvent> half : List.of(batch.subList(0, mid), batch.subList(mid, batch.size()))) {
            try {
                merged.absorb(send(half));
            } catch (IOException e) {
                // a transient failure of one half: retry just that half later
                half.forEach(merged::retry);
            }
        }
        return merged;
    }

    private static BatchOutcome wholeRequestFailed(List<TransportEvent> batch, int status, String type,
                                                   Exception cause) throws IOException {
        if (status == 0 || status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
            // transient, or credentials an operator can fix server-side without restarting us: keep the events
            throw new IOException(status == 0 ? cause.getMessage() : "http " + status + ": " + cause.getMessage(), cause);
        }
        BatchOutcome outcome = new BatchOutcome();
        String reason = "http " + status + (type != null ? " [" + type + "]" : "");
        for (int i = 0; i < batch.size(); i++) {
            outcome.rejected(reason);
        }
        return outcome;
    }

    /** The value of a top-level string field of a JSON object, or null (then Elasticsearch generates the id). */
    static String topLevelString(byte[] json, String field) {
        try (JsonParser p = JSON_FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean match = field.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (match) {
                    return value == JsonToken.VALUE_STRING && !p.getText().isEmpty() ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** "400 [mapper_parsing_exception] failed to parse field [x] of type [long]" - no document, no value preview. */
    static String reason(int status, ErrorCause error) {
        if (error == null) {
            return "http " + status;
        }
        String text = error.reason() == null ? "" : error.reason();
        // Elasticsearch appends the offending value ("Preview of field's value: ...") and document ids to some
        // reasons; those are event data, not a reason.
        int cut = text.indexOf("Preview of field's value");
        if (cut >= 0) {
            text = text.substring(0, cut);
        }
        cut = text.indexOf(" in document with id");
        if (cut >= 0) {
            text = text.substring(0, cut);
        }
        text = text.trim();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.length() > MAX_REASON_CHARS) {
            text = text.substring(0, MAX_REASON_CHARS) + "...";
        }
        return status + " [" + error.type() + "]" + (text.isEmpty() ? "" : " " + text);
    }

    @Override
    public void close() throws IOException {
        client._transport().close();
    }
}
