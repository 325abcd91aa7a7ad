package org.privacymetrics.es.rollup.action;

import java.util.Map;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRunnable;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.ParentTaskAssigningClient;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.Writeable;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.CancellableTask;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.transport.TransportService;
import org.privacymetrics.es.rollup.RollupScheduler;
import org.privacymetrics.es.rollup.RollupService;
import org.privacymetrics.es.rollup.RollupServices;

/** The transport actions of the rollup API, so roles can grant each one; each takes its own request type. */
public final class RollupActions {
    private RollupActions() {}

    public static final ActionType<RollupResponse> PUT_JOB = new ActionType<>("cluster:admin/privacy_metrics/rollup/job/put");
    public static final ActionType<RollupResponse> RUN_JOB = new ActionType<>("cluster:admin/privacy_metrics/rollup/job/run");
    public static final ActionType<RollupResponse> GET_BUDGET = new ActionType<>("cluster:monitor/privacy_metrics/budget");
    public static final ActionType<RollupResponse> GET_JOB = new ActionType<>("cluster:monitor/privacy_metrics/rollup/job/get");
    public static final ActionType<RollupResponse> DELETE_JOB = new ActionType<>("cluster:admin/privacy_metrics/rollup/job/delete");

    /**
     * Base: the request is validated by the transport layer before {@link #doExecute}; the blocking service call then
     * runs on the generic pool, and whatever it throws goes to the listener.
     */
    abstract static class Base<R extends ActionRequest> extends HandledTransportAction<R, RollupResponse> {
        final ThreadPool threadPool;
        final RollupServices services;

        Base(String name, TransportService transportService, ActionFilters filters, Writeable.Reader<R> reader, RollupServices services) {
            super(name, transportService, filters, reader, EsExecutors.DIRECT_EXECUTOR_SERVICE);
            this.threadPool = transportService.getThreadPool();
            this.services = services;
        }

        @Override
        protected void doExecute(Task task, R request, ActionListener<RollupResponse> listener) {
            threadPool.generic().execute(ActionRunnable.supply(listener, () -> new RollupResponse(handle(task, request))));
        }

        abstract Map<String, Object> handle(Task task, R request);
    }

    public static final class TransportPutJob extends Base<PutJobRequest> {
        private final RollupScheduler scheduler;

        @Inject
        public TransportPutJob(TransportService transportService, ActionFilters filters, RollupServices services, RollupScheduler scheduler) {
            super(PUT_JOB.name(), transportService, filters, PutJobRequest::new, services);
            this.scheduler = scheduler;
        }

        @Override
        Map<String, Object> handle(Task task, PutJobRequest request) {
            Map<String, Object> response = services.putJob(request.name(), request.body());
            if (Boolean.TRUE.equals(request.body().get("schedule"))) {
                scheduler.tickSoon(); // closed windows run now, not a tick later
            }
            return response;
        }
    }

    public static final class TransportGetJob extends Base<GetJobRequest> {
        private final RollupScheduler scheduler;

        @Inject
        public TransportGetJob(TransportService transportService, ActionFilters filters, RollupServices services, RollupScheduler scheduler) {
            super(GET_JOB.name(), transportService, filters, GetJobRequest::new, services);
            this.scheduler = scheduler;
        }

        @Override
        Map<String, Object> handle(Task task, GetJobRequest request) {
            return scheduler.describeJob(request.name());
        }
    }

    public static final class TransportDeleteJob extends Base<DeleteJobRequest> {
        @Inject
        public TransportDeleteJob(TransportService transportService, ActionFilters filters, RollupServices services) {
            super(DELETE_JOB.name(), transportService, filters, DeleteJobRequest::new, services);
        }

        @Override
        Map<String, Object> handle(Task task, DeleteJobRequest request) {
            return services.jobs().delete(request.name());
        }
    }

    public static final class TransportRunJob extends Base<RunJobRequest> {
        private final ClusterService clusterService;
        private final Client client;

        @Inject
        public TransportRunJob(TransportService transportService, ActionFilters filters, RollupServices services,
                               ClusterService clusterService, Client client) {
            super(RUN_JOB.name(), transportService, filters, RunJobRequest::new, services);
            this.clusterService = clusterService;
            this.client = client;
        }

        @Override
        Map<String, Object> handle(Task task, RunJobRequest request) {
            CancellableTask cancellable = (CancellableTask) task;
            // Child searches carry this task as parent, so cancelling the run cancels them too.
            RollupService service = services.service(new ParentTaskAssigningClient(client, clusterService.localNode(), task));
            request.progress("(starting)");
            RollupService.Progress progress = new RollupService.Progress() {
                @Override
                protected void onChange() {
                    request.progress(toString());
                }
            };
            return service.run(request.name(), request.body(), cancellable, progress);
        }
    }

    public static final class TransportGetBudget extends Base<GetBudgetRequest> {
        @Inject
        public TransportGetBudget(TransportService transportService, ActionFilters filters, RollupServices services) {
            super(GET_BUDGET.name(), transportService, filters, GetBudgetRequest::new, services);
        }

        @Override
        Map<String, Object> handle(Task task, GetBudgetRequest request) {
            return services.budget();
        }
    }
}
