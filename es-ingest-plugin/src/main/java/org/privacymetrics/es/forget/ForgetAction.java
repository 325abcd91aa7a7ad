package org.privacymetrics.es.forget;

import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.TransportService;
import org.privacymetrics.es.common.ActionRunnableSupport;
import org.privacymetrics.es.common.MapResponse;

/** {@code cluster:admin/privacy_metrics/forget}: deletes one user's raw events everywhere. */
public final class ForgetAction {

    /** The action; roles grant it by this name. */
    public static final ActionType<MapResponse> TYPE = new ActionType<>("cluster:admin/privacy_metrics/forget");

    private ForgetAction() {
    }

    /** Runs {@link ForgetService#forget} on the generic pool. */
    public static final class Transport extends HandledTransportAction<ForgetRequest, MapResponse> {
        private final ThreadPool threadPool;
        private final ForgetService service;

        /** Injected by Elasticsearch. */
        @Inject
        public Transport(TransportService transportService, ActionFilters filters, ForgetService service) {
            super(TYPE.name(), transportService, filters, ForgetRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
            this.threadPool = transportService.getThreadPool();
            this.service = service;
        }

        @Override
        protected void doExecute(Task task, ForgetRequest request, ActionListener<MapResponse> listener) {
            threadPool.generic().execute(ActionRunnableSupport.run(listener, () -> new MapResponse(service.forget(request.metricsIds()))));
        }
    }
}
