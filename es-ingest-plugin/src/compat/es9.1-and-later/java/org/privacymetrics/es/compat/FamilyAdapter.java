package org.privacymetrics.es.compat;

import java.util.Map;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.ComponentTemplate;
import org.elasticsearch.cluster.metadata.ComposableIndexTemplate;
import org.elasticsearch.cluster.metadata.IndexAbstraction;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.cluster.metadata.ProjectMetadata;

/** Elasticsearch 9.1 and later: templates, pipelines and indices live in the cluster's {@code ProjectMetadata}. */
abstract class FamilyAdapter implements EsAdapter {

    @Override
    public final ProjectView project(ClusterState state) {
        ProjectMetadata project = state.metadata().getProject();
        return new ProjectView() {
            @Override
            public Map<String, IndexMetadata> indices() {
                return project.indices();
            }

            @Override
            public IndexMetadata index(String name) {
                return project.index(name);
            }

            @Override
            public IndexAbstraction lookup(String name) {
                return project.getIndicesLookup().get(name);
            }

            @Override
            public Map<String, ComposableIndexTemplate> templatesV2() {
                return project.templatesV2();
            }

            @Override
            public Map<String, ComponentTemplate> componentTemplates() {
                return project.componentTemplates();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T custom(String type) {
                Object custom = project.custom(type);
                return (T) custom;
            }
        };
    }

    /** Only {@code managed_index_mappings_version} is read. */
    @Override
    public final void managedSystemIndex(SystemIndexDescriptor.Builder builder, Map<String, Object> meta) {}
}
