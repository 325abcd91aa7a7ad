package org.privacymetrics.es.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elasticsearch.ExceptionsHelper;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.FailedNodeException;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.nodes.BaseNodeResponse;
import org.elasticsearch.action.support.nodes.BaseNodesResponse;
import org.elasticsearch.action.support.nodes.TransportNodesAction;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.cluster.node.DiscoveryNode;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.TransportService;
import org.elasticsearch.xcontent.ToXContentObject;
import org.elasticsearch.xcontent.XContentBuilder;
import org.privacymetrics.es.compat.NodesRequestBase;
import org.privacymetrics.es.compat.TransportRequestBase;

/**
 * {@code GET _privacy/stats} ({@code cluster:monitor/privacy_metrics/stats}): the ingest counters of every node, collected
 * by the receiving node with Elasticsearch's {@link TransportNodesAction} (per-node action
 * {@code cluster:monitor/privacy_metrics/stats[n]}, as {@code _nodes/stats} does), so that one call shows what each node
 * dropped, redacted and rejected, and which node holds another re-key secret. A role granted
 * {@code cluster:monitor/privacy_metrics/stats} (or {@code .../*}) is also granted the per-node action: cluster
 * privileges given as action names match the name as a prefix.
 */
public final class StatsAction {

    public static final ActionType<Response> TYPE = new ActionType<>("cluster:monitor/privacy_metrics/stats");

    private StatsAction() {
    }

    /** Every node of the cluster (the REST API takes no node filter). */
    public static final class Request extends NodesRequestBase<Request> {
        public Request() {
            super(new String[0]);
        }

        @Override
        public ActionRequestValidationException validate() {
            return null;
        }
    }

    /** What the receiving node sends to each node: nothing to choose. */
    public static final class NodeRequest extends TransportRequestBase {
        NodeRequest() {
        }

        NodeRequest(StreamInput in) throws IOException {
            super(in);
        }
    }

    /** One node's section: name, key ids, counters (names and counts only). */
    public static final class NodeResponse extends BaseNodeResponse {
        private final Map<String, Object> section;

        NodeResponse(DiscoveryNode node, Map<String, Object> section) {
            super(node);
            this.section = section;
        }

        NodeResponse(StreamInput in, DiscoveryNode node) throws IOException {
            super(in, node);
            this.section = in.readGenericMap();
        }

        NodeResponse(StreamInput in) throws IOException {
            super(in);
            this.section = in.readGenericMap();
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            super.writeTo(out);
            out.writeGenericMap(section);
        }

        Map<String, Object> section() {
            return section;
        }
    }

    /** {@code {"_nodes": {"total", "successful", "failed", "failures": [{"node_id", "reason"}]}, "nodes": {id: section}}}. */
    public static final class Response extends BaseNodesResponse<NodeResponse> implements ToXContentObject {
        Response(ClusterName clusterName, List<NodeResponse> nodes, List<FailedNodeException> failures) {
            super(clusterName, nodes, failures);
        }

        @Override
        protected List<NodeResponse> readNodesFrom(StreamInput in) throws IOException {
            return in.readCollectionAsList(NodeResponse::new);
        }

        @Override
        protected void writeNodesTo(StreamOutput out, List<NodeResponse> nodes) throws IOException {
            out.writeCollection(nodes);
        }

        /** The response as a map, in rendering order. */
        public Map<String, Object> body() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("total", getNodes().size() + failures().size());
            summary.put("successful", getNodes().size());
            summary.put("failed", failures().size());
            if (!failures().isEmpty()) {
                List<Map<String, Object>> failed = new ArrayList<>();
                for (FailedNodeException f : failures()) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("node_id", f.nodeId());
                    Throwable cause = f.getCause() == null ? f : f.getCause();
                    one.put("reason", String.valueOf(ExceptionsHelper.unwrapCause(cause).getMessage()));
                    failed.add(one);
                }
                summary.put("failures", failed);
            }
            Map<String, Object> nodes = new TreeMap<>();
            for (NodeResponse n : getNodes()) {
                nodes.put(n.getNode().getId(), n.section());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("_nodes", summary);
            out.put("nodes", nodes);
            return out;
        }

        @Override
        public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
            return builder.map(body());
        }
    }

    /** Fans out to every node (management pool) and merges their sections. */
    public static final class Transport extends TransportNodesAction<Request, Response, NodeRequest, NodeResponse, Void> {
        private final IngestStatsService service;

        @Inject
        public Transport(ThreadPool threadPool, ClusterService clusterService, TransportService transportService, ActionFilters filters,
                         IngestStatsService service) {
            super(TYPE.name(), clusterService, transportService, filters, NodeRequest::new,
                threadPool.executor(ThreadPool.Names.MANAGEMENT));
            this.service = service;
        }

        @Override
        protected Response newResponse(Request request, List<NodeResponse> responses, List<FailedNodeException> failures) {
            return new Response(clusterService.getClusterName(), responses, failures);
        }

        @Override
        protected NodeRequest newNodeRequest(Request request) {
            return new NodeRequest();
        }

        @Override
        protected NodeResponse newNodeResponse(StreamInput in, DiscoveryNode node) throws IOException {
            return new NodeResponse(in, node);
        }

        @Override
        protected NodeResponse nodeOperation(NodeRequest request, Task task) {
            return new NodeResponse(clusterService.localNode(), service.nodeSection());
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
            return channel -> client.execute(TYPE, new Request(), new RestToXContentListener<>(channel));
        }
    }
}
