package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.index.IndexResponse;
import org.elasticsearch.action.support.ActionFilterChain;
import org.elasticsearch.common.Strings;
import org.elasticsearch.index.Index;
import org.elasticsearch.index.shard.ShardId;
import org.elasticsearch.tasks.Task;
import org.junit.jupiter.api.Test;
import org.privacymetrics.es.common.OwnRequests;

class WriteReceiptsTest {

    private static final String RAW = ".privacy-metrics-events-2026-12";

    private static BulkResponse stored(String index, long seqNo) {
        IndexResponse r = new IndexResponse(new ShardId(new Index(index, "uuid"), 0), "6f1c1c7e-2d1a-4c55-9a7e-0c1b2a3d4e5f", seqNo, 3, 1,
            true, List.of("metrics-events-route", "metrics-events-scrub"));
        return new BulkResponse(new BulkItemResponse[] {BulkItemResponse.success(0, DocWriteRequest.OpType.CREATE, r)}, 1);
    }

    /** Runs the filter on a bulk to {@code index} whose shard answers {@code answer}; returns the JSON the client gets. */
    private static String answered(String action, BulkRequest bulk, BulkResponse answer) {
        List<String> out = new ArrayList<>();
        new WriteReceipts().apply(null, action, bulk, ActionListener.<BulkResponse>wrap(r -> out.add(Strings.toString(r.getItems()[0])), e -> {
            throw new AssertionError(e);
        }), new ActionFilterChain<BulkRequest, BulkResponse>() {
            @Override
            public void proceed(Task task, String a, BulkRequest request, ActionListener<BulkResponse> listener) {
                listener.onResponse(answer);
            }
        });
        return out.get(0);
    }

    @Test
    void aStoredRawEventIsAnsweredWithoutTheShardsSequenceNumber() {
        // a writer's two events 41 writes apart told it that 40 other events (any service's) were stored in that shard
        String json = answered("indices:data/write/bulk", new BulkRequest().add(new IndexRequest("metrics-events").source("{}",
            org.elasticsearch.xcontent.XContentType.JSON)), stored(RAW, 41));
        assertThat(json).contains("\"_index\":\"" + RAW + "\"").contains("\"_id\":\"6f1c1c7e-2d1a-4c55-9a7e-0c1b2a3d4e5f\"")
            .contains("\"result\":\"created\"").contains("\"_version\":1").contains("\"status\":201")
            .contains("\"_seq_no\":-2,\"_primary_term\":0") // Elasticsearch's "unassigned", the same for every write
            .doesNotContain("41").doesNotContain("\"_primary_term\":3").doesNotContain("executed_pipelines");
    }

    @Test
    void otherIndicesThePluginsOwnRequestsAndSimulationsKeepTheirAnswer() {
        BulkRequest logs = new BulkRequest().add(new IndexRequest("logs").source("{}", org.elasticsearch.xcontent.XContentType.JSON));
        assertThat(answered("indices:data/write/bulk", logs, stored("logs", 41))).contains("\"_seq_no\":41");
        BulkRequest own = OwnRequests.mark(new BulkRequest().add(new IndexRequest("metrics-events").source("{}",
            org.elasticsearch.xcontent.XContentType.JSON)));
        try {
            assertThat(answered("indices:data/write/bulk", own, stored(RAW, 41))).contains("\"_seq_no\":41");
        } finally {
            OwnRequests.release(own);
        }
        BulkRequest simulated = new BulkRequest().add(new IndexRequest("metrics-events").source("{}", org.elasticsearch.xcontent.XContentType.JSON));
        assertThat(answered("indices:data/write/simulate/bulk", simulated, stored(RAW, 41))).contains("\"_seq_no\":41");
    }
}
