package org.privacymetrics.es.compat;

import org.apache.lucene.search.TotalHits;
import org.elasticsearch.action.ingest.PutPipelineRequest;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.xcontent.XContentType;

/** Elasticsearch 9.0: the 9.0-and-earlier family (no projects) on Lucene 10. */
final class LineAdapter extends FamilyAdapter {

    @Override
    public String line() {
        return "es9.0";
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
