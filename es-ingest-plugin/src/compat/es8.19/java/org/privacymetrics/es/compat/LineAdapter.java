package org.privacymetrics.es.compat;

import java.util.Map;
import org.apache.lucene.search.TotalHits;
import org.elasticsearch.Version;
import org.elasticsearch.action.ingest.PutPipelineRequest;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.xcontent.XContentType;

/**
 * Elasticsearch 8.19: the 9.0-and-earlier family (no projects) on Lucene 9 ({@code TotalHits.value} is a field); the
 * put-pipeline request takes its timeouts by setter; a managed system index also records the node version in its
 * mappings' {@code _meta} (key {@code version}).
 */
final class LineAdapter extends FamilyAdapter {

    @Override
    public String line() {
        return "es8.19";
    }

    @Override
    public PutPipelineRequest putPipelineRequest(TimeValue timeout, String id, BytesReference source, XContentType type) {
        PutPipelineRequest request = new PutPipelineRequest(id, source, type);
        request.masterNodeTimeout(timeout);
        request.ackTimeout(timeout);
        return request;
    }

    @Override
    public long totalHits(TotalHits hits) {
        return hits.value;
    }

    @Override
    public void managedSystemIndex(SystemIndexDescriptor.Builder builder, Map<String, Object> meta) {
        builder.setVersionMetaKey("version");
        meta.put("version", Version.CURRENT.toString());
    }
}
