package org.privacymetrics.es.compat;

import org.apache.lucene.search.TotalHits;
import org.elasticsearch.action.ingest.PutPipelineRequest;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.xcontent.XContentType;

/** Elasticsearch 9.1 to 9.3: {@code PluginServices} has no {@code bigArrays()}; the indices service holds the node's. */
final class LineAdapter extends FamilyAdapter {

    @Override
    public String line() {
        return "es9.1";
    }

    @Override
    public BigArrays bigArrays(Plugin.PluginServices services) {
        return services.indicesService().getBigArrays();
    }

    @Override
    public PutPipelineRequest putPipelineRequest(TimeValue timeout, String id, BytesReference source, XContentType type) {
        return new PutPipelineRequest(timeout, timeout, id, source, type);
    }

    @Override
    public long totalHits(TotalHits hits) {
        return hits.value();
    }
}
