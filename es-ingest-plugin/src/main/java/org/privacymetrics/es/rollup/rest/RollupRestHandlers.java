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
import org.privacymetrics.es.rollup.action.DeleteJobRequest;
import org.privacymetrics.es.rollup.action.GetBudgetRequest;
import org.privacymetrics.es.rollup.action.GetJobRequest;
import org.privacymetrics.es.rollup.action.PutJobRequest;
import org.privacymetrics.es.rollup.action.RunJobRequest;

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
            PutJobRequest r = new PutJobRequest(request.param("name"), body(request));
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
            RunJobRequest r = new RunJobRequest(request.param("name"), body(request));
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
            GetBudgetRequest r = new GetBudgetRequest();
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
            String name = request.param("name");
            if (request.method() == RestRequest.Method.DELETE) {
                DeleteJobRequest r = new DeleteJobRequest(name);
                return channel -> client.execute(RollupActions.DELETE_JOB, r, new RestToXContentListener<>(channel));
            }
            GetJobRequest r = new GetJobRequest(name);
            return channel -> client.execute(RollupActions.GET_JOB, r, new RestToXContentListener<>(channel));
        }
    }
}
