package org.privacymetrics.es.forget;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.xcontent.XContentParser;

/** {@code POST _privacy/forget} with {@code {"metrics_ids": [...]}}, answering {@code {"deleted": N}}. */
public final class RestForgetAction extends BaseRestHandler {
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
        Map<String, Object> body = null;
        if (request.hasContent()) {
            try (XContentParser parser = request.contentParser()) {
                body = parser.map();
            }
        }
        ForgetRequest forget = ForgetRequest.fromBody(body);
        return channel -> client.execute(ForgetAction.TYPE, forget, new RestToXContentListener<>(channel));
    }
}
