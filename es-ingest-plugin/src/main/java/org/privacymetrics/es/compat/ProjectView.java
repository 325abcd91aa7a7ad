package org.privacymetrics.es.compat;

import java.util.Map;
import org.elasticsearch.cluster.metadata.ComponentTemplate;
import org.elasticsearch.cluster.metadata.ComposableIndexTemplate;
import org.elasticsearch.cluster.metadata.IndexAbstraction;
import org.elasticsearch.cluster.metadata.IndexMetadata;

/**
 * What the plugin reads of the cluster metadata, with the names of {@code ProjectMetadata} (9.1+) so that call sites
 * read the same on every line ({@code EsAdapter.CURRENT.project(state)}); on 9.0 and 8.19 it is {@code Metadata}.
 */
public interface ProjectView {

    /** Every index by name. */
    Map<String, IndexMetadata> indices();

    /** The index of that name, or null. */
    IndexMetadata index(String name);

    /** What a name in a request resolves to (index, alias or data stream), or null when nothing has that name. */
    IndexAbstraction lookup(String name);

    /** Composable index templates by name. */
    Map<String, ComposableIndexTemplate> templatesV2();

    /** Component templates by name. */
    Map<String, ComponentTemplate> componentTemplates();

    /** The custom metadata of that type (e.g. {@code IngestMetadata.TYPE}), or null. */
    <T> T custom(String type);
}
