package org.privacymetrics.es.setup;

import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRunnable;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.TransportService;
import org.privacymetrics.es.common.MapResponse;

/** {@code cluster:admin/privacy_metrics/setup}: installs the plugin's index templates and pipelines (idempotent). */
public final class SetupAction {

    /** The action; roles grant it by this name. */
    public static final ActionType<MapResponse> TYPE = new ActionType<>("cluster:admin/privacy_metrics/setup");

    private SetupAction() {
    }

    /** Runs {@link SetupService#install()} on the generic pool ({@code ActionRunnable}: a rejection fails the listener). */
    public static final class Transport extends HandledTransportAction<SetupRequest, MapResponse> {
        private final ThreadPool threadPool;
        private final SetupService service;

        /** Injected by Elasticsearch. */
        @Inject
        public Transport(TransportService transportService, ActionFilters filters, SetupService service) {
            super(TYPE.name(), transportService, filters, SetupRequest::new, EsExecutors.DIRECT_EXECUTOR_SERVICE);
            this.threadPool = transportService.getThreadPool();
            this.service = service;
        }

        @Override
        protected void doExecute(Task task, SetupRequest request, ActionListener<MapResponse> listener) {
            threadPool.generic().execute(ActionRunnable.supply(listener, () -> new MapResponse(service.install())));
        }
    }
}
