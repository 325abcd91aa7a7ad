package org.privacymetrics.es.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.ExceptionsHelper;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionListenerResponseHandler;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.node.DiscoveryNode;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.TransportService;
import org.elasticsearch.action.support.ContextPreservingActionListener;
import org.elasticsearch.common.util.concurrent.ThreadContext;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.common.EmptyRequest;
import org.privacymetrics.es.common.MapResponse;

/**
 * {@code GET _privacy/stats} ({@code cluster:monitor/privacy_metrics/stats}): the ingest counters of every node, collected
 * by the receiving node through the per-node action {@code cluster:monitor/privacy_metrics/stats[n]} (as
 * {@code _nodes/stats} does), so that one call shows what each node dropped, redacted and rejected, and which node
 * holds another re-key secret.
 */
public final class StatsAction {

    public static final ActionType<MapResponse> TYPE = new ActionType<>("cluster:monitor/privacy_metrics/stats");
    /** Answered by each node with its own section. */
    static final String NODE_ACTION = TYPE.name() + "[n]";

    private StatsAction() {
    }

    /** Fans out to every node of the cluster and merges their sections under {@code nodes}. */
    public static final class Transport extends HandledTransportAction<EmptyRequest, MapResponse> {
        private final TransportService transportService;
        private final ClusterService clusterService;
        private final ThreadPool threadPool;

        @Inject
        public Transport(TransportService transportService, ActionFilters filters, ClusterService clusterService, ThreadPool threadPool,
                         IngestStatsService service) {
            super(TYPE.name(), transportService, filters, EmptyRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
            this.transportService = transportService;
            this.clusterService = clusterService;
            this.threadPool = threadPool;
            transportService.registerRequestHandler(NODE_ACTION, EsExecutors.DIRECT_EXECUTOR_SERVICE, EmptyRequest::new,
                    (request, channel, task) -> {
                        Map<String, Object> one = new LinkedHashMap<>();
                        one.put(service.nodeId(), service.nodeSection());
                        channel.sendResponse(new MapResponse(one));
                    });
        }

        @Override
        protected void doExecute(Task task, EmptyRequest request, ActionListener<MapResponse> caller) {
            ThreadContext context = threadPool.getThreadContext();
            ActionListener<MapResponse> listener = ContextPreservingActionListener.wrapPreservingContext(caller, context);
            List<DiscoveryNode> nodes = new ArrayList<>();
            clusterService.state().nodes().forEach(nodes::add);
            Map<String, Object> sections = new TreeMap<>();
            List<Map<String, Object>> failures = new ArrayList<>();
            AtomicInteger pending = new AtomicInteger(nodes.size());
            Runnable done = () -> {
                Map<String, Object> out = new LinkedHashMap<>();
                Map<String, Object> summary = new LinkedHashMap<>();
                synchronized (sections) {
                    summary.put("total", nodes.size());
                    summary.put("successful", sections.size());
                    summary.put("failed", failures.size());
                    if (!failures.isEmpty()) {
                        summary.put("failures", List.copyOf(failures));
                    }
                    out.put("_nodes", summary);
                    out.put("nodes", new TreeMap<>(sections));
                }
                listener.onResponse(new MapResponse(out));
            };
            // The caller is authorised for this action; the per-node parts run as the plugin's internal origin, so a
            // role needs only the documented action name, not also the "[n]" sub-action.
            try (ThreadContext.StoredContext ignored = context.stashWithOrigin(Names.ORIGIN)) {
                fanOut(nodes, sections, failures, pending, done);
            }
        }

        private void fanOut(List<DiscoveryNode> nodes, Map<String, Object> sections, List<Map<String, Object>> failures,
                            AtomicInteger pending, Runnable done) {
            for (DiscoveryNode node : nodes) {
                transportService.sendRequest(node, NODE_ACTION, new EmptyRequest(), new ActionListenerResponseHandler<>(
                        ActionListener.<MapResponse>wrap(r -> {
                            synchronized (sections) {
                                sections.putAll(r.body());
                            }
                            if (pending.decrementAndGet() == 0) {
                                done.run();
                            }
                        }, e -> {
                            synchronized (sections) {
                                Map<String, Object> f = new LinkedHashMap<>();
                                f.put("node_id", node.getId());
                                f.put("reason", String.valueOf(ExceptionsHelper.unwrapCause(e).getMessage()));
                                failures.add(f);
                            }
                            if (pending.decrementAndGet() == 0) {
                                done.run();
                            }
                        }), MapResponse::new, EsExecutors.DIRECT_EXECUTOR_SERVICE));
            }
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
