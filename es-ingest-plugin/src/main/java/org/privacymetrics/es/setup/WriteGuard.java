package org.privacymetrics.es.setup;

import java.util.List;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkShardRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.support.ActionFilter;
import org.elasticsearch.action.support.ActionFilterChain;
import org.elasticsearch.cluster.ClusterStateObserver;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.threadpool.ThreadPool;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.index.reindex.ReindexRequest;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.ComposableIndexTemplate;
import org.elasticsearch.cluster.metadata.IndexAbstraction;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.regex.Regex;
import java.util.Map;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.util.concurrent.ThreadContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.action.IndicesRequest;
import org.elasticsearch.ingest.IngestMetadata;
import org.elasticsearch.rest.RestStatus;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.common.OwnRequests;
import org.privacymetrics.es.common.RawNames;
import org.privacymetrics.es.compat.EsAdapter;
import org.privacymetrics.es.compat.ProjectView;

/**
 * Only the plugin decides where raw events live and what they hold. An action filter (security runs first), so it
 * holds for every role, the superuser included:
 * <ol>
 *   <li>Clients write raw events to the intake {@value Names#INTAKE_INDEX} only: a write, update or delete naming a raw
 *       index ({@code .privacy-metrics-events-*}) or any other {@code metrics-events*} name is refused (400), unless it
 *       comes from the plugin itself (its origin): forget deletes through it.</li>
 *   <li>No update of any form touches raw events: {@code _update}, {@code _bulk} {@code update} items and the
 *       by-query actions are refused for raw and intake names, so nothing can be stored without the final pipeline.</li>
 *   <li>Until the templates and pipelines exist, writes to the intake wait for them (setup is a barrier: a node that
 *       just started, or a cluster whose setup is in flight, holds the write up to {@code privacy_metrics.setup.write_wait}, 30s), then are refused
 *       with 503 naming what is missing, rather than create an index without the final pipeline.</li>
 *   <li>Where a routed event is about to be stored (the shard-level bulk, after ingest), every document must have
 *       passed the scrub pipeline (ingest lists the pipelines it ran on each intake document), and the target raw index
 *       itself is checked: one whose {@code index.final_pipeline} is not the scrub or that has a default pipeline
 *       (pre-created by an admin, or changed later) is never written (503 naming the index), nor is anything while the
 *       route or scrub pipeline differs from the plugin's definition ({@link ManagedPipelines}: 503 naming it, here and
 *       at the intake). The final pipeline also sets each document's routing to its re-keyed {@code metrics_id},
 *       replacing any routing the client sent, so no writer chooses a shard.</li>
 * </ol>
 */
public final class WriteGuard implements ActionFilter {

    static final String INTAKE_TEMPLATE = "metrics-events-intake";
    static final String DAILY_TEMPLATE = "metrics-events-daily";
    static final String ROUTE_PIPELINE = "metrics-events-route";
    static final String SCRUB_PIPELINE = "metrics-events-scrub";
    private static final String NO_PIPELINE = "_none";

    /** Dynamic: how long a write to the intake waits for the plugin's templates and pipelines before 503. */
    public static final org.elasticsearch.common.settings.Setting<TimeValue> SETUP_WAIT = org.elasticsearch.common.settings.Setting
        .timeSetting("privacy_metrics.setup.write_wait", TimeValue.timeValueSeconds(30), TimeValue.ZERO, TimeValue.timeValueMinutes(5),
            org.elasticsearch.common.settings.Setting.Property.NodeScope, org.elasticsearch.common.settings.Setting.Property.Dynamic);
    private static final Logger LOGGER = LogManager.getLogger(WriteGuard.class);

    private volatile ClusterService clusterService;
    private volatile ThreadPool threadPool;

    public WriteGuard() {
        ManagedPipelines.edited(null); // reads the plugin's definitions now, while the plugin loads, not on a first write
    }

    /** Set once the node's components exist; action filters are created before them. */
    public void setServices(ClusterService clusterService, ThreadPool threadPool) {
        this.threadPool = threadPool;
        this.clusterService = clusterService;
    }

    @Override
    public int order() {
        return 0; // after security (which runs first), before the action
    }

    @Override
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(Task task, String action, Request request,
            ActionListener<Response> listener, ActionFilterChain<Request, Response> chain) {
        ClusterService cs = clusterService;
        ThreadPool tp = threadPool;
        if (cs == null || tp == null) {
            chain.proceed(task, action, request, listener);
            return;
        }
        boolean fromPlugin = Names.ORIGIN.equals(tp.getThreadContext().getTransient(ThreadContext.ACTION_ORIGIN_TRANSIENT_NAME))
            || OwnRequests.isOwn(request);
        ClusterState state = cs.state();
        RuntimeException refusal = refusal(action, request, state, fromPlugin);
        if (refusal == null) {
            chain.proceed(task, action, request, listener);
        } else if (isSetupMissing(refusal) ) {
            // Setup is a barrier: wait (bounded) for the templates and pipelines, then decide again.
            ClusterStateObserver.waitForState(cs, tp.getThreadContext(), new ClusterStateObserver.Listener() {
                @Override
                public void onNewClusterState(ClusterState installed) {
                    RuntimeException again = refusal(action, request, installed, fromPlugin);
                    if (again != null) {
                        listener.onFailure(again);
                    } else {
                        tp.executor(ThreadPool.Names.WRITE).execute(() -> chain.proceed(task, action, request, listener));
                    }
                }

                @Override
                public void onClusterServiceClose() {
                    listener.onFailure(refusal);
                }

                @Override
                public void onTimeout(TimeValue timeout) {
                    listener.onFailure(refusal);
                }
            }, s -> missing(s) == null, cs.getClusterSettings().get(SETUP_WAIT), LOGGER);
        } else {
            listener.onFailure(refusal);
        }
    }

    private static boolean isSetupMissing(RuntimeException refusal) {
        return refusal instanceof ElasticsearchStatusException e && e.status() == RestStatus.SERVICE_UNAVAILABLE
            && String.valueOf(e.getMessage()).startsWith(NOT_SET_UP);
    }

    private static final String NOT_SET_UP = "privacy-metrics is not set up yet: ";

    /** Why {@code request} is refused, or null when it may go on. */
    static RuntimeException refusal(String action, ActionRequest request, ClusterState state, boolean fromPlugin) {
        if (request instanceof BulkShardRequest shard) {
            return targetRefusal(shard, state);
        }
        // The by-query actions (reindex module) write through _bulk, which is checked below; refusing them up front gives
        // the clearer error and costs no scan.
        if (action.endsWith("/byquery") && request instanceof IndicesRequest byQuery && !fromPlugin) {
            for (String index : byQuery.indices()) {
                if (isRawEventIndex(index) || isPluginRawIndex(index)) {
                    return new ElasticsearchStatusException("[" + action + "] is refused on raw usage events: they are written only"
                        + " through [" + Names.INTAKE_INDEX + "] and deleted only by retention and POST _privacy/forget", RestStatus.BAD_REQUEST);
                }
            }
            return null;
        }
        if (request instanceof ReindexRequest reindex && !fromPlugin) {
            for (String index : reindex.getSearchRequest().indices()) {
                if (RawNames.mayReadRawEvents(index)) {
                    return new ElasticsearchStatusException("raw usage events are not copied: [_reindex] from raw event indices is refused;"
                        + " they live only where retention and POST _privacy/forget reach them (name the source indices without wildcards"
                        + " that match them)", RestStatus.BAD_REQUEST);
                }
            }
        }
        List<? extends DocWriteRequest<?>> items;
        if (request instanceof BulkRequest bulk) {
            items = bulk.requests();
        } else if (request instanceof DocWriteRequest<?> single) {
            items = List.of(single);
        } else {
            return null;
        }
        boolean intake = false;
        for (DocWriteRequest<?> item : items) {
            if (item instanceof IndexRequest index && isIntake(index.index())) {
                // Ingest records each pipeline it runs on the request; the shard-level check below requires the scrub.
                index.setListExecutedPipelines(true);
                // A client's _id never names a stored event (event_dedupe sets the event_id), and ingest logs the _id of
                // every document a pipeline refuses (DEBUG): dropped before ingest, so a value put there is not logged.
                index.id(null);
            }
            String index = item.index();
            boolean raw = isPluginRawIndex(index) || (isRawEventIndex(index) && !isIntake(index));
            if (item instanceof UpdateRequest && (raw || isIntake(index))) {
                return new ElasticsearchStatusException("updates of raw usage events are refused: an update would store values the final"
                    + " pipeline never checked; write new events to [" + Names.INTAKE_INDEX + "]", RestStatus.BAD_REQUEST);
            }
            if (raw && !fromPlugin) {
                // The name is not echoed: a client may have put anything in it.
                return new ElasticsearchStatusException("raw usage events may only be written to the intake index [" + Names.INTAKE_INDEX
                    + "], which routes them; writes, updates and deletes naming raw event indices directly are refused"
                    + " (delete with POST _privacy/forget)", RestStatus.BAD_REQUEST);
            }
            intake |= item instanceof IndexRequest && isIntake(index);
        }
        if (intake) {
            String missing = missing(state);
            if (missing != null) {
                return new ElasticsearchStatusException(NOT_SET_UP + missing + " is missing, so writes to ["
                    + Names.INTAKE_INDEX + "] are refused rather than stored unscrubbed (after waiting [" + SETUP_WAIT.getKey()
                    + "] for it). Automatic setup runs when a master is elected; or run POST _privacy/setup. Retry shortly.", RestStatus.SERVICE_UNAVAILABLE);
            }
            String edited = edited(state);
            if (edited != null) {
                return editedRefusal(edited);
            }
            String notIntake = intakeProblem(EsAdapter.CURRENT.project(state));
            if (notIntake != null) {
                return new ElasticsearchStatusException("[" + Names.INTAKE_INDEX + "] " + notIntake + ", so writes to it are refused rather"
                    + " than stored where the scrub may not run. Remove it (the plugin's template creates the intake on the next write);"
                    + " POST _privacy/setup reports what is wrong", RestStatus.SERVICE_UNAVAILABLE);
            }
        }
        return null;
    }

    /** The shard-level write, after ingest: a raw index that lost its scrub is never written. */
    private static RuntimeException targetRefusal(BulkShardRequest shard, ClusterState state) {
        String index = shard.shardId().getIndexName();
        if (!isPluginRawIndex(index) && !isRawEventIndex(index)) {
            return null;
        }
        boolean writes = false;
        for (BulkItemRequest item : shard.items()) {
            if (item != null && item.request() instanceof IndexRequest doc) {
                writes = true;
                List<String> executed = doc.getExecutedPipelines();
                if (executed == null || !executed.contains(SCRUB_PIPELINE)) {
                    return new ElasticsearchStatusException("a document for raw event index [" + index + "] did not pass the pipeline ["
                        + SCRUB_PIPELINE + "]: it is not stored. Write raw events to [" + Names.INTAKE_INDEX + "] only",
                        RestStatus.SERVICE_UNAVAILABLE);
                }
            }
        }
        if (!writes) {
            return null; // deletes (forget) need no scrub
        }
        String edited = edited(state);
        if (edited != null) {
            return editedRefusal(edited);
        }
        String problem = unsafeSettings(EsAdapter.CURRENT.project(state).index(index));
        if (problem == null) {
            return null;
        }
        return new ElasticsearchStatusException("raw event index [" + index + "] " + problem + ": events are not written there. Delete"
            + " the index (it was not created by privacy-metrics) or run POST _privacy/setup to see what is wrong", RestStatus.SERVICE_UNAVAILABLE);
    }

    /** The managed pipeline whose installed definition is not the plugin's ({@link ManagedPipelines}), or null. */
    static String edited(ClusterState state) {
        return ManagedPipelines.edited(EsAdapter.CURRENT.project(state).custom(IngestMetadata.TYPE));
    }

    private static RuntimeException editedRefusal(String edited) {
        return new ElasticsearchStatusException(edited + " is not the definition privacy-metrics installed (edited?), so writes"
            + " to [" + Names.INTAKE_INDEX + "] are refused rather than stored without every step of the scrub. Run POST _privacy/setup,"
            + " which restores it (put your own steps in [metrics-events@custom])", RestStatus.SERVICE_UNAVAILABLE);
    }

    /** Why a raw index's settings would let an event skip the scrub, or null when they are as the plugin's template sets them. */
    public static String unsafeSettings(IndexMetadata meta) {
        if (meta == null) {
            return "does not exist";
        }
        String finalPipeline = IndexSettings.FINAL_PIPELINE.get(meta.getSettings());
        if (!SCRUB_PIPELINE.equals(finalPipeline)) {
            return "has [index.final_pipeline] other than [" + SCRUB_PIPELINE + "]";
        }
        String defaultPipeline = IndexSettings.DEFAULT_PIPELINE.get(meta.getSettings());
        boolean intake = Names.INTAKE_INDEX.equals(meta.getIndex().getName());
        String expectedDefault = intake ? ROUTE_PIPELINE : NO_PIPELINE;
        if (!expectedDefault.equals(defaultPipeline)) {
            return "has a changed [index.default_pipeline]";
        }
        return null;
    }

    /**
     * Why the name {@value Names#INTAKE_INDEX} would not lead to the plugin's intake index, or null when it does: it must
     * be a concrete index with the intake's pipelines, or not exist yet while the plugin's intake template is the one
     * that would create it. An alias or data stream of that name (a careless admin's, made after deleting the intake)
     * would send writer events wherever it points, where no pipeline of the plugin may run; the writer's privilege on the
     * name is enough for Elasticsearch to write there.
     */
    static String intakeProblem(ProjectView project) {
        IndexAbstraction existing = project.lookup(Names.INTAKE_INDEX);
        if (existing == null) {
            String winner = null;
            long best = Long.MIN_VALUE;
            for (Map.Entry<String, ComposableIndexTemplate> t : project.templatesV2().entrySet()) {
                long priority = t.getValue().priority() == null ? 0 : t.getValue().priority();
                if (priority > best && Regex.simpleMatch(t.getValue().indexPatterns(), Names.INTAKE_INDEX)) {
                    best = priority;
                    winner = t.getKey();
                }
            }
            if (!INTAKE_TEMPLATE.equals(winner)) {
                return "would be created by another index template than [" + INTAKE_TEMPLATE + "]";
            }
            return intakeTemplateProblem(project.templatesV2().get(winner));
        }
        if (existing.getType() != IndexAbstraction.Type.CONCRETE_INDEX) {
            return "is an alias or a data stream, not the plugin's intake index";
        }
        String unsafe = unsafeSettings(project.index(Names.INTAKE_INDEX));
        return unsafe == null ? null : unsafe;
    }

    /**
     * Why the plugin's intake template would create the intake without its pipelines (edited in place: its own settings
     * no longer name them, or it makes a data stream), or null. Its own settings win over any component template's.
     */
    private static String intakeTemplateProblem(ComposableIndexTemplate template) {
        org.elasticsearch.common.settings.Settings settings = template.template() == null || template.template().settings() == null
            ? org.elasticsearch.common.settings.Settings.EMPTY : template.template().settings();
        if (!SCRUB_PIPELINE.equals(settings.get(IndexSettings.FINAL_PIPELINE.getKey()))
                || !ROUTE_PIPELINE.equals(settings.get(IndexSettings.DEFAULT_PIPELINE.getKey())) || template.getDataStreamTemplate() != null) {
            return "would be created by index template [" + INTAKE_TEMPLATE + "] without the intake's pipelines (edited?)";
        }
        return null;
    }

    static boolean isIntake(String index) {
        return Names.INTAKE_INDEX.equals(index);
    }

    /** The plugin's own raw indices, {@code .privacy-metrics-events-*}, by text or by date-math resolution ({@link RawNames}). */
    static boolean isPluginRawIndex(String index) {
        return RawNames.isPluginRawIndex(index);
    }

    /** {@code metrics-events} and every name that starts with it, by text or by date-math resolution ({@link RawNames}). */
    static boolean isRawEventIndex(String index) {
        return RawNames.isRawEventIndex(index);
    }

    /** The first missing template or pipeline, as {@code index template [name]}, or null when all exist. */
    static String missing(ClusterState state) {
        ProjectView project = EsAdapter.CURRENT.project(state);
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
