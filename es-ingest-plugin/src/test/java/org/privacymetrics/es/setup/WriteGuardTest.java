package org.privacymetrics.es.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.junit.jupiter.api.Test;

class WriteGuardTest {

    @Test
    void guardsWritesToTheIntakeAndDailyIndicesOnly() {
        for (String raw : new String[] {"metrics-events", "metrics-events-2026.11.22", "metrics-events-anything", "<metrics-events-{now/d}>"}) {
            assertThat(WriteGuard.isRawEventIndex(raw)).as(raw).isTrue();
        }
        for (String other : new String[] {"metrics-eventsx", "privacy-rollups-usage", "logs-2026", ".privacy-metrics-rollups", "metrics"}) {
            assertThat(WriteGuard.isRawEventIndex(other)).as(other).isFalse();
        }
        BulkRequest mixed = new BulkRequest().add(new IndexRequest("logs").source("{}", org.elasticsearch.xcontent.XContentType.JSON))
                .add(new IndexRequest("metrics-events").source("{}", org.elasticsearch.xcontent.XContentType.JSON));
        assertThat(WriteGuard.writesRawEvents(mixed)).isTrue();
        BulkRequest deletes = new BulkRequest().add(new DeleteRequest("metrics-events-2026.11.22", "x"));
        assertThat(WriteGuard.writesRawEvents(deletes)).as("deleting raw events (forget) is never blocked").isFalse();
        assertThat(WriteGuard.writesRawEvents(new IndexRequest("privacy-rollups-usage"))).isFalse();
    }
}
