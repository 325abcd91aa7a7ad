package org.privacymetrics.es.rollup.rest;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestCancellableNodeClient;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.xcontent.XContentParser;
import org.privacymetrics.es.rollup.action.RollupActions;
import org.privacymetrics.es.rollup.action.RollupRequest;

/** REST endpoints of the rollup API; each delegates to its transport action. */
public final class RollupRestHandlers {
    private RollupRestHandlers() {}

    public static List<RestHandler> all() {
        return List.of(new PutJob(), new RunJob(), new GetBudget(), new GetOrDeleteJob());
    }

    static Map<String, Object> body(RestRequest request) throws IOException {
        if (!request.hasContent()) {
            return null;
        }
        try (XContentParser parser = request.contentParser()) {
            return parser.mapOrdered();
        }
    }

    /** {@code PUT _privacy/rollup/job/{name}}. */
    public static final class PutJob extends BaseRestHandler {
        @Override
        public String getName() {
            return "privacy_metrics_rollup_put_job";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.PUT, "/_privacy/rollup/job/{name}"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
            RollupRequest r = new RollupRequest(request.param("name"), body(request));
            return channel -> client.execute(RollupActions.PUT_JOB, r, new RestToXContentListener<>(channel));
        }
    }

    /** {@code POST _privacy/rollup/job/{name}/_run}: cancelled when the client disconnects. */
    public static final class RunJob extends BaseRestHandler {
        @Override
        public String getName() {
            return "privacy_metrics_rollup_run_job";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.POST, "/_privacy/rollup/job/{name}/_run"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
            RollupRequest r = new RollupRequest(request.param("name"), body(request));
            return channel -> new RestCancellableNodeClient(client, request.getHttpChannel())
                .execute(RollupActions.RUN_JOB, r, new RestToXContentListener<>(channel));
        }
    }

    /** {@code GET _privacy/budget}. */
    public static final class GetBudget extends BaseRestHandler {
        @Override
        public String getName() {
            return "privacy_metrics_budget";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/_privacy/budget"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            RollupRequest r = new RollupRequest(null, null);
            return channel -> client.execute(RollupActions.GET_BUDGET, r, new RestToXContentListener<>(channel));
        }
    }

    /** {@code GET _privacy/rollup/job/{name}} (definition and schedule state), {@code DELETE _privacy/rollup/job/{name}}. */
    public static final class GetOrDeleteJob extends BaseRestHandler {
        @Override
        public String getName() {
            return "privacy_metrics_rollup_get_delete_job";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/_privacy/rollup/job/{name}"),
                new Route(RestRequest.Method.DELETE, "/_privacy/rollup/job/{name}"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            RollupRequest r = new RollupRequest(request.param("name"), null);
            var action = request.method() == RestRequest.Method.DELETE ? RollupActions.DELETE_JOB : RollupActions.GET_JOB;
            return channel -> client.execute(action, r, new RestToXContentListener<>(channel));
        }
    }
}
