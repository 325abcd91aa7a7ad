package org.privacymetrics.es.ingest;

import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.support.ActionFilter;
import org.elasticsearch.action.support.ActionFilterChain;
import org.elasticsearch.common.util.concurrent.ThreadContext;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.tasks.Task;

/**
 * Marks ingest simulations ({@code POST _ingest/_simulate}, {@code POST _ingest/<index>/_simulate},
 * {@code POST _ingest/pipeline/_simulate}) in the thread context they run in, so that {@code metrics_rekey} refuses to
 * run inside one. A simulation answers with the transformed document: with the re-key in it, it would be an oracle from
 * any edge id to its stored id, and Elasticsearch lets any role with {@code create_doc} (the shipped writer) simulate
 * writes to the intake. A service operator holds the edge secret; with that oracle it could find a person in a leaked
 * raw index without the re-key secret, which the separation of the two secrets is there to prevent. The rest of the
 * pipelines (route, schema, detectors) still simulate.
 *
 * <p>The mark is a transient of the thread context, which Elasticsearch carries to the threads the simulation runs on;
 * a simulation forwarded to another node passes this filter again there.
 */
final class Simulations implements ActionFilter {

    static final String MARK = "_privacy_metrics_simulation";

    private volatile ThreadContext threadContext;

    /** Set once the node's thread pool exists; action filters are created before it. */
    void setThreadContext(ThreadContext threadContext) {
        this.threadContext = threadContext;
    }

    /** Whether the current thread runs inside a simulation. */
    boolean active() {
        ThreadContext tc = threadContext;
        return tc != null && tc.getTransient(MARK) != null;
    }

    /** Elasticsearch's simulation actions: the bulk one (its name has moved between lines) and the pipeline one. */
    static boolean isSimulation(String action) {
        return action.equals("cluster:admin/ingest/pipeline/simulate") || action.startsWith("indices:data/") && action.contains("simulate/bulk");
    }

    @Override
    public int order() {
        return -2; // after security, before everything of the plugin's
    }

    @Override
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(Task task, String action, Request request,
            ActionListener<Response> listener, ActionFilterChain<Request, Response> chain) {
        if (!isSimulation(action)) {
            chain.proceed(task, action, request, listener);
            return;
        }
        ThreadContext tc = threadContext;
        if (tc == null) {
            listener.onFailure(new ElasticsearchStatusException("the node is still starting; retry shortly", RestStatus.SERVICE_UNAVAILABLE));
            return;
        }
        if (tc.getTransient(MARK) != null) {
            chain.proceed(task, action, request, listener);
            return;
        }
        try (ThreadContext.StoredContext restore = tc.newStoredContextPreservingResponseHeaders()) {
            tc.putTransient(MARK, Boolean.TRUE);
            chain.proceed(task, action, request, listener);
        }
    }
}
