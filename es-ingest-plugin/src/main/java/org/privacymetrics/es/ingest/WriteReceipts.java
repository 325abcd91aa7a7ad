package org.privacymetrics.es.ingest;

import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.DocWriteResponse;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexResponse;
import org.elasticsearch.action.support.ActionFilter;
import org.elasticsearch.action.support.ActionFilterChain;
import org.elasticsearch.index.seqno.SequenceNumbers;
import org.elasticsearch.tasks.Task;
import org.privacymetrics.es.common.OwnRequests;

/**
 * What a stored raw event answers: its index, {@code _id}, version, result and shard copies, but not its shard's
 * {@code _seq_no} or {@code _primary_term} (Elasticsearch's "unassigned" instead, -2 and 0, the same for every write). A sequence number counts every write to its shard, so two writes of one writer told it how
 * many events all services stored in between in that shard, and the shard of a user of its choice is the one its own
 * event with that user's edge id is routed to (routing is the re-keyed id): a service operator could follow another
 * person's activity in other services without reading a raw event. Nobody needs them: no client may update or delete
 * raw events (write guard), so there is nothing to compare-and-set. The list of executed pipelines is left out too (the
 * write guard asks ingest for it, for its own shard-level check). The plugin's own requests (forget) and simulations
 * (which store nothing) keep theirs.
 */
final class WriteReceipts implements ActionFilter {

    @Override
    public int order() {
        return -2; // outermost of the plugin's filters: its listener answers last
    }

    @Override
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(Task task, String action, Request request,
            ActionListener<Response> listener, ActionFilterChain<Request, Response> chain) {
        if (!(request instanceof BulkRequest bulk) || OwnRequests.isOwn(request) || Simulations.isSimulation(action) || !anyRaw(bulk)) {
            chain.proceed(task, action, request, listener);
            return;
        }
        chain.proceed(task, action, request, listener.map(response -> {
            if (response instanceof BulkResponse r) {
                withoutSequenceNumbers(r);
            }
            return response;
        }));
    }

    private static boolean anyRaw(BulkRequest bulk) {
        for (DocWriteRequest<?> item : bulk.requests()) {
            if (RejectionCounter.isRaw(item.index())) {
                return true;
            }
        }
        return false;
    }

    /** Replaces, in the response's own array, every stored raw event's answer by one without sequence numbers. */
    static void withoutSequenceNumbers(BulkResponse response) {
        BulkItemResponse[] items = response.getItems();
        for (int i = 0; i < items.length; i++) {
            BulkItemResponse item = items[i];
            if (!item.isFailed() && item.getResponse() instanceof IndexResponse stored
                    && stored.getClass() == IndexResponse.class && RejectionCounter.isRaw(item.getIndex())) {
                items[i] = BulkItemResponse.success(item.getItemId(), item.getOpType(), receipt(stored));
            }
        }
    }

    private static IndexResponse receipt(IndexResponse stored) {
        IndexResponse receipt = new IndexResponse(stored.getShardId(), stored.getId(), SequenceNumbers.UNASSIGNED_SEQ_NO,
            SequenceNumbers.UNASSIGNED_PRIMARY_TERM, stored.getVersion(), stored.getResult() == DocWriteResponse.Result.CREATED, null);
        receipt.setShardInfo(stored.getShardInfo());
        receipt.setForcedRefresh(stored.forcedRefresh());
        return receipt;
    }
}
