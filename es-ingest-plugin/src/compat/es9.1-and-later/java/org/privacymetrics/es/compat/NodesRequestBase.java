package org.privacymetrics.es.compat;

import org.elasticsearch.action.support.nodes.BaseNodesRequest;

/**
 * A request fanned out to nodes by {@code TransportNodesAction}, declared {@code Request extends NodesRequestBase<Request>}.
 * Elasticsearch 9.1 and later: {@code BaseNodesRequest} is not generic (8.19's is, over its own subclass: hence {@code R}).
 */
public abstract class NodesRequestBase<R extends NodesRequestBase<R>> extends BaseNodesRequest {

    /** @param nodeIds the nodes to ask (none: every node) */
    protected NodesRequestBase(String[] nodeIds) {
        super(nodeIds);
    }
}
