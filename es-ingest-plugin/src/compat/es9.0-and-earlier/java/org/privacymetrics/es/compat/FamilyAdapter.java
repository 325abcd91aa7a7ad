package org.privacymetrics.es.compat;

import java.util.Map;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.ComponentTemplate;
import org.elasticsearch.cluster.metadata.ComposableIndexTemplate;
import org.elasticsearch.cluster.metadata.IndexAbstraction;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.plugins.Plugin;

/**
 * Elasticsearch 9.0 and 8.19: templates, pipelines and indices live in the cluster's {@code Metadata} (no projects);
 * {@code PluginServices} has no {@code bigArrays()}, the indices service holds the node's.
 */
abstract class FamilyAdapter implements EsAdapter {

    @Override
    public final ProjectView project(ClusterState state) {
        Metadata metadata = state.metadata();
        return new ProjectView() {
            @Override
            public Map<String, IndexMetadata> indices() {
                return metadata.indices();
            }

            @Override
            public IndexMetadata index(String name) {
                return metadata.index(name);
            }

            @Override
            public IndexAbstraction lookup(String name) {
                return metadata.getIndicesLookup().get(name);
            }

            @Override
            public Map<String, ComposableIndexTemplate> templatesV2() {
                return metadata.templatesV2();
            }

            @Override
            public Map<String, ComponentTemplate> componentTemplates() {
                return metadata.componentTemplates();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T custom(String type) {
                Object custom = metadata.custom(type);
                return (T) custom;
            }
        };
    }

    @Override
    public final BigArrays bigArrays(Plugin.PluginServices services) {
        return services.indicesService().getBigArrays();
    }

    /** Only {@code managed_index_mappings_version} is read. */
    @Override
    public void managedSystemIndex(SystemIndexDescriptor.Builder builder, Map<String, Object> meta) {}
}
