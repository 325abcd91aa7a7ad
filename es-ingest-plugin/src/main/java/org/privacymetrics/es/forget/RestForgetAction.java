package org.privacymetrics.es.forget;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.logging.LogManager;
import org.elasticsearch.logging.Logger;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.rest.action.RestCancellableNodeClient;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.xcontent.XContentParser;
import org.privacymetrics.es.common.MapResponse;

/**
 * {@code POST _privacy/forget} with {@code {"metrics_ids": [...]}}, answering {@code {"deleted": N}}; with
 * {@code ?wait_for_completion=false} it answers {@code {"task": "<node>:<id>"}} at once, and
 * {@code GET _tasks/<node>:<id>} shows the progress, then the response (stored in the tasks index), as for
 * {@code _delete_by_query}. A waiting request whose HTTP connection closes cancels its task.
 */
public final class RestForgetAction extends BaseRestHandler {

    private static final Logger LOG = LogManager.getLogger(RestForgetAction.class);

    @Override
    public String getName() {
        return "privacy_metrics_forget";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.POST, "/_privacy/forget"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        boolean waitForCompletion = request.paramAsBoolean("wait_for_completion", true);
        Map<String, Object> body = null;
        if (request.hasContent()) {
            try (XContentParser parser = request.contentParser()) {
                body = parser.map();
            }
        }
        ForgetRequest forget = ForgetRequest.fromBody(body);
        if (waitForCompletion) {
            return channel -> new RestCancellableNodeClient(client, request.getHttpChannel())
                .execute(ForgetAction.TYPE, forget, new RestToXContentListener<>(channel));
        }
        if (forget.validate() != null) {
            // same 400 as a waiting request: no task is started for a bad body
            return channel -> client.execute(ForgetAction.TYPE, forget, new RestToXContentListener<>(channel));
        }
        forget.setShouldStoreResult(true);
        return channel -> {
            Task task = client.executeLocally(ForgetAction.TYPE, forget, ActionListener.<MapResponse>wrap(r -> { },
                // the stored task result carries the failure; the log gets only its kind, never ids
                e -> LOG.warn("privacy-metrics forget task failed: {}", e.getClass().getSimpleName())));
            XContentBuilder builder = channel.newBuilder();
            builder.startObject().field("task", client.getLocalNodeId() + ":" + task.getId()).endObject();
            channel.sendResponse(new RestResponse(RestStatus.OK, builder));
        };
    }
}
