package org.privacymetrics.es.rollup.run;

import org.elasticsearch.cluster.node.DiscoveryNode;
import org.elasticsearch.cluster.node.DiscoveryNodes;

/**
 * Who owns a run: a node id and its ephemeral id. The ephemeral id changes at every restart, so a run owned by a node
 * that restarted is not owned by anyone alive, whatever the clock says.
 */
public record NodeIdentity(String nodeId, String ephemeralId) {

    public static NodeIdentity of(DiscoveryNode node) {
        return new NodeIdentity(node.getId(), node.getEphemeralId());
    }

    /** Whether this exact node incarnation is in the cluster. */
    public boolean isIn(DiscoveryNodes nodes) {
        DiscoveryNode n = nodes.get(nodeId);
        return n != null && n.getEphemeralId().equals(ephemeralId);
    }
}
