package org.privacymetrics.es;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.ingest.Processor;
import org.elasticsearch.plugins.SearchPlugin;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.common.settings.Settings;
import org.privacymetrics.es.compat.PluginBase;
import org.privacymetrics.es.forget.ForgetFeature;
import org.privacymetrics.es.ingest.IngestFeature;
import org.privacymetrics.es.retention.RetentionFeature;
import org.privacymetrics.es.rollup.RollupFeature;
import org.privacymetrics.es.setup.SetupFeature;
import org.privacymetrics.es.setup.RawIndexCreation;
import org.privacymetrics.es.setup.WriteGuard;
import org.elasticsearch.action.support.ActionFilter;

/**
 * The {@code privacy-metrics} Elasticsearch plugin.
 *
 * <p>Each concern contributes to every hook from its own package, one block per concern, so they can be extended
 * independently:
 * <ul>
 *   <li>infrastructure ({@code org.privacymetrics.es.setup}, {@code .retention}, {@code .forget}): templates and pipelines,
 *       retention, forget</li>
 *   <li>ingest ({@code org.privacymetrics.es.ingest}): processors, stats</li>
 *   <li>rollups ({@code org.privacymetrics.es.rollup}): jobs, runs, budget ledger</li>
 * </ul>
 * Every REST endpoint is backed by a transport action under {@code cluster:admin/privacy_metrics/...} or
 * {@code cluster:monitor/privacy_metrics/...} so security roles can grant them.
 *
 * <p>It extends {@link PluginBase}, the Elasticsearch line's base class (compat layer), for the hooks whose signature
 * differs between the supported lines.
 */
public final class PrivacyMetricsPlugin extends PluginBase implements SearchPlugin {

    /** Name of the plugin, as in {@code plugin-descriptor.properties} and {@code _cat/plugins}. */
    public static final String NAME = "privacy-metrics";

    private final IngestFeature ingest = new IngestFeature();
    private final WriteGuard writeGuard = new WriteGuard();
    private final RawIndexCreation rawIndexCreation = new RawIndexCreation();

    @Override
    public Collection<ActionFilter> getActionFilters() {
        // infrastructure: raw event writes wait for templates and pipelines (fail closed)
        // and raw epoch indices are created with the plugin's settings (no template applies to system indices)
        // and every raw-event document a write did not store is counted (GET _privacy/stats documents_rejected)
        // and ingest simulations never run the re-key (an oracle from edge ids to stored ids)
        // and a stored raw event's answer carries no sequence number (a count of other services' writes to its shard)
        return List.of(writeGuard, rawIndexCreation, ingest.rejectionCounter(), ingest.simulations(), ingest.writeReceipts());
    }

    @Override
    public List<NamedWriteableRegistry.Entry> getNamedWriteables() {
        List<NamedWriteableRegistry.Entry> entries = new ArrayList<>();
        // infrastructure: the forget task's status
        entries.addAll(ForgetFeature.namedWriteables());
        return entries;
    }

    @Override
    public List<Setting<?>> getSettings() {
        List<Setting<?>> settings = new ArrayList<>();
        // infrastructure
        settings.addAll(SetupFeature.settings());
        settings.addAll(RetentionFeature.settings());
        // ingest
        settings.addAll(IngestFeature.settings());
        // rollups
        settings.addAll(RollupFeature.settings());
        return settings;
    }

    @Override
    public List<AggregationSpec> getAggregations() {
        List<AggregationSpec> aggregations = new ArrayList<>();
        // rollups: the one-pass, per-shard contribution bounding
        aggregations.addAll(RollupFeature.aggregations());
        return aggregations;
    }

    @Override
    public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
        Map<String, Processor.Factory> processors = new HashMap<>();
        // ingest (the custom pipeline step runs the operator's pipeline, as Elasticsearch's own pipeline processor does)
        org.elasticsearch.ingest.IngestService ingestService = parameters.ingestService;
        processors.putAll(ingest.processors(id -> {
            if (ingestService == null) {
                throw new IllegalStateException("this node runs no ingest service");
            }
            return ingestService.getPipeline(id);
        }));
        return processors;
    }

    @Override
    protected Collection<ActionHandler> actionHandlers() {
        List<ActionHandler> actions = new ArrayList<>();
        // infrastructure
        actions.addAll(SetupFeature.actions());
        actions.addAll(ForgetFeature.actions());
        // ingest
        actions.addAll(IngestFeature.actions());
        // rollups
        actions.addAll(RollupFeature.actions());
        return actions;
    }

    @Override
    protected Collection<RestHandler> restHandlers(Supplier<DiscoveryNodes> nodesInCluster,
            Predicate<NodeFeature> clusterSupportsFeature) {
        List<RestHandler> handlers = new ArrayList<>();
        // infrastructure
        handlers.addAll(SetupFeature.restHandlers());
        handlers.addAll(ForgetFeature.restHandlers());
        // ingest
        handlers.addAll(IngestFeature.restHandlers());
        // rollups
        handlers.addAll(RollupFeature.restHandlers());
        return handlers;
    }

    @Override
    public Collection<?> createComponents(PluginServices services) {
        List<Object> components = new ArrayList<>();
        // infrastructure
        components.add(SetupFeature.createComponent(services));
        writeGuard.setServices(services.clusterService(), services.threadPool());
        rawIndexCreation.setServices(services.client(), services.clusterService());
        components.add(RetentionFeature.createComponent(services));
        // ingest (first: it reads the re-key secret the forget service uses)
        components.addAll(ingest.createComponents(services));
        components.add(ForgetFeature.createComponent(services, ingest::rekeyFunction));
        // rollups
        components.addAll(RollupFeature.createComponents(services));
        return components;
    }

    @Override
    public Collection<SystemIndexDescriptor> getSystemIndexDescriptors(Settings settings) {
        List<SystemIndexDescriptor> descriptors = new ArrayList<>();
        // infrastructure: raw events, out of reach of built-in roles and of roles granted "*"
        descriptors.add(SetupFeature.rawEventsDescriptor());
        // rollups
        descriptors.addAll(RollupFeature.systemIndexDescriptors());
        return descriptors;
    }

    @Override
    public String getFeatureName() {
        return "privacy_metrics";
    }

    @Override
    public String getFeatureDescription() {
        return "Privacy metrics: raw usage events, rollup jobs, runs and the privacy budget ledger";
    }
}
