package org.privacymetrics.es.compat;

import java.util.Collection;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.admin.cluster.snapshots.features.ResetFeatureStateResponse.ResetFeatureStateStatus;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.project.ProjectResolver;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.IngestPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.SystemIndexPlugin;
import org.elasticsearch.rest.RestHandler;

/** Elasticsearch 9.5: {@code getRestHandlers} takes a {@code RestHandlersServices}; {@code getActions} returns raw {@code ActionHandler}s. */
public abstract class PluginBase extends Plugin implements ActionPlugin, IngestPlugin, SystemIndexPlugin {

    @Override
    public final Collection<RestHandler> getRestHandlers(RestHandlersServices services, Supplier<DiscoveryNodes> nodesInCluster,
            Predicate<NodeFeature> clusterSupportsFeature) {
        return restHandlers(nodesInCluster, clusterSupportsFeature);
    }

    @Override
    public final Collection<ActionHandler> getActions() {
        return actionHandlers();
    }

    /** The plugin's REST handlers, whatever the line's hook signature. */
    protected abstract Collection<RestHandler> restHandlers(Supplier<DiscoveryNodes> nodesInCluster,
            Predicate<NodeFeature> clusterSupportsFeature);

    /** The plugin's transport actions, whatever the line's hook signature. */
    protected abstract Collection<ActionHandler> actionHandlers();

    /** Refused: see {@link FeatureReset}. */
    @Override
    public final void cleanUpFeature(ClusterService clusterService, ProjectResolver projectResolver, Client client,
            TimeValue masterNodeTimeout, ActionListener<ResetFeatureStateStatus> listener) {
        listener.onResponse(FeatureReset.refused(getFeatureName()));
    }
}
