package org.privacymetrics.es.rollup;

import java.util.Map;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.DocWriteResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.index.engine.VersionConflictEngineException;
import org.privacymetrics.es.rollup.run.RunStore;

/** Run records in the plugin's system index, with compare-and-set on sequence number and primary term. */
final class SystemIndexRunStore implements RunStore {
    private final SystemIndex index;

    SystemIndexRunStore(SystemIndex index) {
        this.index = index;
    }

    @Override
    public Versioned get(String id) {
        GetResponse get = index.get(id);
        return get.isExists() ? new Versioned(get.getSourceAsMap(), get.getSeqNo(), get.getPrimaryTerm()) : null;
    }

    @Override
    public Versioned create(String id, Map<String, Object> source) {
        try {
            DocWriteResponse r = index.write(new IndexRequest(SystemIndex.NAME).id(id).source(source).opType(DocWriteRequest.OpType.CREATE)
                .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
            return new Versioned(source, r.getSeqNo(), r.getPrimaryTerm());
        } catch (VersionConflictEngineException exists) {
            return null;
        }
    }

    @Override
    public Versioned replace(String id, Map<String, Object> source, long seqNo, long primaryTerm) {
        try {
            DocWriteResponse r = index.write(new IndexRequest(SystemIndex.NAME).id(id).source(source).setIfSeqNo(seqNo)
                .setIfPrimaryTerm(primaryTerm).setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
            return new Versioned(source, r.getSeqNo(), r.getPrimaryTerm());
        } catch (VersionConflictEngineException changed) {
            return null;
        }
    }

    @Override
    public boolean delete(String id, long seqNo, long primaryTerm) {
        try {
            index.delete(new DeleteRequest(SystemIndex.NAME, id).setIfSeqNo(seqNo).setIfPrimaryTerm(primaryTerm)
                .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
            return true;
        } catch (VersionConflictEngineException changed) {
            return false;
        }
    }
}
