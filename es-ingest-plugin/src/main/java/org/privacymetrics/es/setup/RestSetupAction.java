package org.privacymetrics.es.setup;

import java.util.List;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;

/** {@code POST _privacy/setup}. */
public final class RestSetupAction extends BaseRestHandler {
    @Override
    public String getName() {
        return "privacy_metrics_setup";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.POST, "/_privacy/setup"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        return channel -> client.execute(SetupAction.TYPE, new SetupRequest(), new RestToXContentListener<>(channel));
    }
}
