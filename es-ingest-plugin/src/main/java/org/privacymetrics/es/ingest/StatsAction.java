package org.privacymetrics.es.ingest;

import java.util.List;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;
import org.privacymetrics.es.common.EmptyRequest;
import org.privacymetrics.es.common.MapResponse;

/** {@code GET _privacy/stats} ({@code cluster:monitor/privacy_metrics/stats}): ingest counters of the receiving node. */
public final class StatsAction {

    public static final ActionType<MapResponse> TYPE = new ActionType<>("cluster:monitor/privacy_metrics/stats");

    private StatsAction() {
    }

    /** Answers from {@link IngestStatsService}. */
    public static final class Transport extends HandledTransportAction<EmptyRequest, MapResponse> {
        private final IngestStatsService service;

        @Inject
        public Transport(TransportService transportService, ActionFilters filters, IngestStatsService service) {
            super(TYPE.name(), transportService, filters, EmptyRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
            this.service = service;
        }

        @Override
        protected void doExecute(Task task, EmptyRequest request, ActionListener<MapResponse> listener) {
            ActionListener.completeWith(listener, () -> new MapResponse(service.nodeStats()));
        }
    }

    /** {@code GET /_privacy/stats}. */
    public static final class Rest extends BaseRestHandler {
        @Override
        public String getName() {
            return "privacy_metrics_stats";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/_privacy/stats"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            return channel -> client.execute(TYPE, new EmptyRequest(), new RestToXContentListener<>(channel));
        }
    }
}
