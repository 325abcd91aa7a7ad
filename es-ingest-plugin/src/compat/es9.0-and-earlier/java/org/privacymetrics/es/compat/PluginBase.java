package org.privacymetrics.es.compat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.admin.cluster.snapshots.features.ResetFeatureStateResponse.ResetFeatureStateStatus;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.IngestPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.SystemIndexPlugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;

/**
 * Elasticsearch 9.0 and 8.19: {@code getRestHandlers} takes the node's services one by one, and {@code getActions}
 * returns typed {@code ActionHandler<Request, Response>} (raw from 9.1).
 */
public abstract class PluginBase extends Plugin implements ActionPlugin, IngestPlugin, SystemIndexPlugin {

    @Override
    public final Collection<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry namedWriteableRegistry,
            RestController restController, ClusterSettings clusterSettings, IndexScopedSettings indexScopedSettings,
            SettingsFilter settingsFilter, IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<DiscoveryNodes> nodesInCluster, Predicate<NodeFeature> clusterSupportsFeature) {
        return restHandlers(nodesInCluster, clusterSupportsFeature);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public final Collection<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
        List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> handlers = new ArrayList<>();
        for (ActionHandler handler : actionHandlers()) {
            handlers.add(handler); // each pairs an ActionType with its TransportAction of the same request and response
        }
        return handlers;
    }

    /** The plugin's REST handlers, whatever the line's hook signature. */
    protected abstract Collection<RestHandler> restHandlers(Supplier<DiscoveryNodes> nodesInCluster,
            Predicate<NodeFeature> clusterSupportsFeature);

    /** The plugin's transport actions, whatever the line's hook signature. */
    @SuppressWarnings("rawtypes")
    protected abstract Collection<ActionHandler> actionHandlers();

    /** Refused: see {@link FeatureReset}. */
    @Override
    public final void cleanUpFeature(ClusterService clusterService, Client client, ActionListener<ResetFeatureStateStatus> listener) {
        listener.onResponse(FeatureReset.refused(getFeatureName()));
    }
}
