package org.privacymetrics.es.rollup;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.SearchPlugin;
import org.elasticsearch.rest.RestHandler;
import org.privacymetrics.es.compat.EsAdapter;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.rollup.action.RollupActions;
import org.privacymetrics.es.rollup.action.RunJobRequest;
import org.privacymetrics.es.rollup.onepass.BoundedRollupAggregationBuilder;
import org.privacymetrics.es.rollup.rest.RollupRestHandlers;

/**
 * Everything the plugin class registers for the rollup engine, so that the plugin class needs one line per hook:
 * settings, transport actions, REST handlers, the system index and the node component.
 */
public final class RollupFeature {
    private RollupFeature() {}

    public static List<Setting<?>> settings() {
        return List.of(RollupServices.EPSILON_PER_EPOCH, RollupServices.PAGE_SIZE, RollupServices.MAX_CONCURRENT_RUNS, RollupScheduler.INTERVAL,
            RunPauses.SETTING, JobQuota.MAX_JOBS);
    }

    public static List<ActionPlugin.ActionHandler> actions() {
        return List.of(
            new ActionPlugin.ActionHandler(RollupActions.PUT_JOB, RollupActions.TransportPutJob.class),
            new ActionPlugin.ActionHandler(RollupActions.RUN_JOB, RollupActions.TransportRunJob.class),
            new ActionPlugin.ActionHandler(RollupActions.GET_BUDGET, RollupActions.TransportGetBudget.class),
            new ActionPlugin.ActionHandler(RollupActions.GET_JOB, RollupActions.TransportGetJob.class),
            new ActionPlugin.ActionHandler(RollupActions.DELETE_JOB, RollupActions.TransportDeleteJob.class));
    }

    /** The search aggregations: {@code privacy_bounded_rollup}, with an unseeded SecureRandom per shard for subset selection. */
    public static List<SearchPlugin.AggregationSpec> aggregations() {
        return List.of(BoundedRollupAggregationBuilder.spec(BoundedRollupAggregationBuilder.secureRandomness()));
    }

    public static List<RestHandler> restHandlers() {
        return RollupRestHandlers.all();
    }

    public static Collection<SystemIndexDescriptor> systemIndexDescriptors() {
        return List.of(SystemIndex.descriptor());
    }

    /**
     * The node components (the services and the scheduler, wired here so neither refers to the other); return them from
     * {@code createComponents} so the transport actions can inject them.
     */
    public static List<Object> createComponents(Plugin.PluginServices services) {
        RollupServices rollups = new RollupServices(services.client(), services.clusterService(), EsAdapter.CURRENT.bigArrays(services));
        Client client = services.client();
        RollupScheduler scheduler = new RollupScheduler(client, services.clusterService(), rollups.clock(), (job, start) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("window_start", start.toString());
            body.put("run_id", RollupScheduler.runId(start));
            // through the transport action, as the plugin, so the run is a task like any other
            new OriginSettingClient(client, Names.ORIGIN).execute(RollupActions.RUN_JOB, new RunJobRequest(job.name(), body)).actionGet();
        });
        return List.of(rollups, scheduler);
    }
}
