package org.privacymetrics.es.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticsearch.cluster.service.ClusterService;

/** Assembles {@code GET _privacy/stats} for this node: counters and key ids, never values or secrets. */
public final class IngestStatsService {

    private final IngestStats stats;
    private final ClusterService clusterService;
    private final String keyId;
    private final KeyIdGuard guard;

    IngestStatsService(IngestStats stats, ClusterService clusterService, String keyId, KeyIdGuard guard) {
        this.stats = stats;
        this.clusterService = clusterService;
        this.keyId = keyId;
        this.guard = guard;
    }

    /** This node's id, the key of its section in the response. */
    public String nodeId() {
        return clusterService.localNode().getId();
    }

    /** This node's section of the response: name, key ids, counters (names and counts only). */
    public Map<String, Object> nodeSection() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", clusterService.localNode().getName());
        node.put("rekey_key_id", keyId);
        node.put("cluster_rekey_key_id", guard.recorded());
        node.put("ingest", stats.snapshot());
        return node;
    }
}
