package org.privacymetrics.es.ingest;

import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.support.ActionFilter;
import org.elasticsearch.action.support.ActionFilterChain;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.tasks.Task;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.common.RawNames;

/**
 * Counts every raw-event document a {@code _bulk} write did not store, whatever refused it: the plugin's processors
 * (which also count their rule), Elasticsearch before the pipeline (a source that is no valid JSON, invalid UTF-8) or
 * after it (a value Lucene cannot index), the write guard. Duplicates (409) are not rejections. Single-document writes
 * run as a one-item bulk and are counted the same way. Errors of Elasticsearch's own that would quote the document
 * back are replaced by ones that name only the kind of problem ({@link #withoutContent}).
 */
final class RejectionCounter implements ActionFilter {

    private final IngestStats stats;

    RejectionCounter(IngestStats stats) {
        this.stats = stats;
    }

    @Override
    public int order() {
        return -1; // before the write guard (0), so that what it refuses is counted too
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(Task task, String action, Request request,
            ActionListener<Response> listener, ActionFilterChain<Request, Response> chain) {
        if (!(request instanceof BulkRequest bulk) || Simulations.isSimulation(action)) { // a simulation stores nothing
            chain.proceed(task, action, request, listener);
            return;
        }
        int raw = 0;
        for (DocWriteRequest<?> item : bulk.requests()) {
            if (isRaw(item.index())) {
                raw++;
            }
        }
        if (raw == 0) {
            chain.proceed(task, action, request, listener);
            return;
        }
        int rawItems = raw;
        ActionListener<Response> counting = ActionListener.wrap(response -> {
            if (response instanceof BulkResponse r && r.hasFailures()) {
                BulkItemResponse[] items = r.getItems(); // the response's own array: replaced in place
                for (int i = 0; i < items.length; i++) {
                    BulkItemResponse item = items[i];
                    if (item.isFailed() && (isRaw(item.getIndex()) || isRaw(bulk.requests().get(item.getItemId()).index()))) {
                        if (item.status() != RestStatus.CONFLICT) {
                            stats.rejectedDocument();
                        }
                        String quiet = withoutContent(item.getFailure().getCause());
                        if (quiet != null) {
                            items[i] = BulkItemResponse.failure(item.getItemId(), item.getOpType(), new BulkItemResponse.Failure(
                                item.getIndex(), item.getId(), new ElasticsearchStatusException(quiet, RestStatus.BAD_REQUEST), item.status()));
                        }
                    }
                }
            }
            listener.onResponse(response);
        }, e -> {
            for (int i = 0; i < rawItems; i++) {
                stats.rejectedDocument();
            }
            listener.onFailure(e);
        });
        chain.proceed(task, action, request, counting);
    }

    /**
     * The message replacing an Elasticsearch error that would echo the document's content (a JSON parse error quotes up to
     * 500 bytes of the source; an immense-term error the first bytes of the value; a mapping error a preview of the
     * value), or null when the error is the plugin's own or quotes nothing. The sender gets the kind of problem, not
     * its own data back, so that nothing a client logs from a rejection holds the value.
     */
    static String withoutContent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String type = t.getClass().getSimpleName();
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (type.equals("XContentParseException") || type.endsWith("JsonParseException") || type.endsWith("ConstraintsException")
                    || message.contains("Source: (")) {
                return "the document is not valid JSON (syntax, encoding or nesting depth); its content is not echoed";
            }
            if (message.contains("immense term")) {
                return "a value is too long to index (a keyword holds at most 32766 bytes); its content is not echoed";
            }
            if (message.contains("Preview of field's value")) {
                return message.substring(0, message.indexOf("Preview of field's value")).trim() + " (the value is not echoed)";
            }
        }
        return null;
    }

    /** The intake, the plugin's raw indices and every other {@code metrics-events*} name. */
    static boolean isRaw(String index) {
        if (index == null) {
            return false;
        }
        String name = index.startsWith("<") ? index.substring(1) : index;
        return name.startsWith(Names.INTAKE_INDEX) || name.startsWith(Names.RAW_INDEX_PREFIX.substring(0, Names.RAW_INDEX_PREFIX.length() - 1))
            || RawNames.isRawEventIndex(index) || RawNames.isPluginRawIndex(index); // date math spelling the name as a literal
    }
}
