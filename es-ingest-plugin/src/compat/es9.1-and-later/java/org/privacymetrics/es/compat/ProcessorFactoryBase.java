package org.privacymetrics.es.compat;

import java.util.Map;
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.ingest.Processor;

/**
 * Elasticsearch 9.1 and later: {@code Processor.Factory.create} also takes the pipeline's {@code ProjectId}, which the
 * plugin's processors do not use (one project per cluster); they implement the four-argument {@code create} of 9.0.
 */
public abstract class ProcessorFactoryBase implements Processor.Factory {

    @Override
    public final Processor create(Map<String, Processor.Factory> registry, String tag, String description,
            Map<String, Object> config, ProjectId projectId) throws Exception {
        return create(registry, tag, description, config);
    }

    /** The processor of this pipeline definition ({@code config}: its options, each consumed). */
    public abstract Processor create(Map<String, Processor.Factory> registry, String tag, String description,
            Map<String, Object> config) throws Exception;
}
