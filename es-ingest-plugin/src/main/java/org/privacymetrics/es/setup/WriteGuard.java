package org.privacymetrics.es.setup;

import java.util.List;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.ActionFilter;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.ProjectMetadata;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.ingest.IngestMetadata;
import org.elasticsearch.rest.RestStatus;

/**
 * Fails writes to raw event indices closed while the plugin's templates and pipelines are not installed.
 *
 * <p>Automatic setup runs just after a master is elected. A document written to {@code metrics-events} or
 * {@code metrics-events-*} before then would create an index without the final pipeline and strict mappings, and every
 * later document in that index would be stored unscrubbed (and an intake index {@code metrics-events} that exists is
 * never deleted by retention). So until the index templates {@value #INTAKE_TEMPLATE} and {@value #DAILY_TEMPLATE} and
 * the pipelines {@value #ROUTE_PIPELINE} and {@value #SCRUB_PIPELINE} exist, such writes are refused with 503 (clients
 * retry), and everything else passes untouched.
 */
public final class WriteGuard extends ActionFilter.Simple {

    static final String INTAKE_TEMPLATE = "metrics-events-intake";
    static final String DAILY_TEMPLATE = "metrics-events-daily";
    static final String ROUTE_PIPELINE = "metrics-events-route";
    static final String SCRUB_PIPELINE = "metrics-events-scrub";
    private static final String RAW_PREFIX = "metrics-events";

    private volatile ClusterService clusterService;

    /** Set once the node's components exist; action filters are created before them. */
    public void setClusterService(ClusterService clusterService) {
        this.clusterService = clusterService;
    }

    @Override
    public int order() {
        return 0; // after security (which runs first), before the action
    }

    @Override
    protected boolean apply(String action, ActionRequest request, ActionListener<?> listener) {
        ClusterService cs = clusterService;
        if (cs == null || !writesRawEvents(request)) {
            return true;
        }
        String missing = missing(cs.state());
        if (missing == null) {
            return true;
        }
        listener.onFailure(new ElasticsearchStatusException("privacy-metrics is not set up yet: " + missing
                + " is missing, so writes to [metrics-events*] are refused rather than stored unscrubbed. Automatic setup runs"
                + " when a master is elected; or run POST _privacy/setup. Retry shortly.", RestStatus.SERVICE_UNAVAILABLE));
        return false;
    }

    /** Whether the request creates or replaces documents in {@code metrics-events} or {@code metrics-events-*}. */
    static boolean writesRawEvents(ActionRequest request) {
        List<DocWriteRequest<?>> items;
        if (request instanceof BulkRequest bulk) {
            items = bulk.requests();
        } else if (request instanceof IndexRequest index) {
            items = List.of(index);
        } else {
            return false;
        }
        for (DocWriteRequest<?> item : items) {
            if (item instanceof IndexRequest && isRawEventIndex(item.index())) {
                return true;
            }
        }
        return false;
    }

    static boolean isRawEventIndex(String index) {
        if (index == null) {
            return false;
        }
        String name = index.startsWith("<") ? index.substring(1) : index; // date math: <metrics-events-{now/d}>
        return name.equals(RAW_PREFIX) || name.startsWith(RAW_PREFIX + "-") || name.startsWith(RAW_PREFIX + "-{")
                || name.startsWith(RAW_PREFIX + ">");
    }

    /** The first missing template or pipeline, as {@code index template [name]}, or null when all exist. */
    static String missing(ClusterState state) {
        ProjectMetadata project = state.metadata().getProject();
        for (String t : List.of(INTAKE_TEMPLATE, DAILY_TEMPLATE)) {
            if (!project.templatesV2().containsKey(t)) {
                return "index template [" + t + "]";
            }
        }
        IngestMetadata ingest = project.custom(IngestMetadata.TYPE);
        for (String p : List.of(ROUTE_PIPELINE, SCRUB_PIPELINE)) {
            if (ingest == null || !ingest.getPipelines().containsKey(p)) {
                return "ingest pipeline [" + p + "]";
            }
        }
        return null;
    }
}
