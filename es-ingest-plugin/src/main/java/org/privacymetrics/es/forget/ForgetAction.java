package org.privacymetrics.es.forget;

import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRunnable;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.tasks.TaskId;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.TransportService;
import org.privacymetrics.es.common.MapResponse;

/**
 * {@code cluster:admin/privacy_metrics/forget}: deletes users' raw events everywhere, as a cancellable task
 * ({@link ForgetTask}) whose status shows the progress.
 */
public final class ForgetAction {

    /** The action; roles grant it by this name. */
    public static final ActionType<MapResponse> TYPE = new ActionType<>("cluster:admin/privacy_metrics/forget");

    private ForgetAction() {
    }

    /** Runs {@link ForgetService#forget} on the generic pool, as the child-task parent of its searches and deletions. */
    public static final class Transport extends HandledTransportAction<ForgetRequest, MapResponse> {
        private final ThreadPool threadPool;
        private final TransportService transportService;
        private final ForgetService service;

        /** Injected by Elasticsearch. */
        @Inject
        public Transport(TransportService transportService, ActionFilters filters, ForgetService service) {
            super(TYPE.name(), transportService, filters, ForgetRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
            this.threadPool = transportService.getThreadPool();
            this.transportService = transportService;
            this.service = service;
        }

        @Override
        protected void doExecute(Task task, ForgetRequest request, ActionListener<MapResponse> listener) {
            TaskId taskId = new TaskId(transportService.getLocalNode().getId(), task.getId());
            threadPool.generic().execute(ActionRunnable.supply(listener,
                () -> new MapResponse(service.forget(request.metricsIds(), (ForgetTask) task, taskId))));
        }
    }
}
