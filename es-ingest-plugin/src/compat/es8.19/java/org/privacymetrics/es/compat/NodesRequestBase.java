package org.privacymetrics.es.compat;

import org.elasticsearch.action.support.nodes.BaseNodesRequest;

/**
 * A request fanned out to nodes by {@code TransportNodesAction}, declared {@code Request extends NodesRequestBase<Request>}.
 * Elasticsearch 8.19: {@code BaseNodesRequest} is generic over its own subclass.
 */
public abstract class NodesRequestBase<R extends NodesRequestBase<R>> extends BaseNodesRequest<R> {

    /** @param nodeIds the nodes to ask (none: every node) */
    protected NodesRequestBase(String[] nodeIds) {
        super(nodeIds);
    }
}
