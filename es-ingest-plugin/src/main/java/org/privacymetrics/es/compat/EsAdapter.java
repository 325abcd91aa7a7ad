package org.privacymetrics.es.compat;

import java.util.Map;
import org.apache.lucene.search.TotalHits;
import org.elasticsearch.action.ingest.PutPipelineRequest;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.xcontent.XContentType;

/**
 * The few server APIs that differ between the Elasticsearch lines the plugin is built for.
 *
 * <p>The main code is written against the newest line; where an older supported line has another API, the call goes
 * through this interface or through a base class of this package. The build adds two source folders for the
 * {@code elasticsearch.version} it compiles against (see the es-* profiles of {@code es-ingest-plugin/pom.xml} and
 * "Elasticsearch versions" in docs/operations.md):
 * <ul>
 *   <li>the line's folder {@code src/compat/<line>/java} ({@code es9.5}; {@code es9.1} for 9.1 to 9.3; {@code es9.0};
 *       {@code es8.19}): {@code LineAdapter} (this interface) and what only that line has;</li>
 *   <li>the family's folder: {@code src/compat/es9.1-and-later/java} (cluster state with projects,
 *       {@code ProjectMetadata}, processor factories taking a {@code ProjectId}) or
 *       {@code src/compat/es9.0-and-earlier/java} (one {@code Metadata}, no project id): {@code FamilyAdapter},
 *       {@code ProcessorFactoryBase}, {@code TransportRequestBase} and, for 9.0 and 8.19, {@code PluginBase}.</li>
 * </ul>
 */
public interface EsAdapter {

    /** The adapter of the line this plugin was built for. */
    EsAdapter CURRENT = new LineAdapter();

    /** The compatibility line, e.g. {@code es9.5}; for logs and tests. */
    String line();

    /** The node's {@link BigArrays} (with circuit-breaker accounting). */
    BigArrays bigArrays(Plugin.PluginServices services);

    /** Templates, pipelines and indices of the cluster's (only) project: {@code ProjectMetadata} from 9.1, {@code Metadata} before. */
    ProjectView project(ClusterState state);

    /** A put-pipeline request with both timeouts (8.19's constructor takes none: they are set on the request). */
    PutPipelineRequest putPipelineRequest(TimeValue timeout, String id, BytesReference source, XContentType type);

    /** The number of hits (Lucene 10's {@code value()}, Lucene 9's field {@code value} in 8.19). */
    long totalHits(TotalHits hits);

    /**
     * What a managed system index descriptor needs beyond {@code managed_index_mappings_version} in the mappings'
     * {@code _meta} (which every line reads): 8.19 also requires a key under {@code _meta} holding the node version
     * that wrote the mappings, so it sets that key on {@code builder} and puts the version in {@code meta}; later lines
     * do nothing.
     */
    void managedSystemIndex(SystemIndexDescriptor.Builder builder, Map<String, Object> meta);
}
