package org.privacymetrics.es.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.xcontent.XContentType;
import org.junit.jupiter.api.Test;

class WriteGuardTest {

    private static final ClusterState EMPTY = ClusterState.builder(ClusterName.DEFAULT).build();

    private static IndexRequest doc(String index) {
        return new IndexRequest(index).source("{}", XContentType.JSON);
    }

    @Test
    void recognisesTheIntakeLegacyNamesAndThePluginsRawIndices() {
        for (String raw : new String[] {"metrics-events", "metrics-events-2026.11.22", "metrics-events-anything", "<metrics-events-{now/d}>",
                "metrics-events*"}) {
            assertThat(WriteGuard.isRawEventIndex(raw)).as(raw).isTrue();
        }
        for (String other : new String[] {"metrics-eventsx", "privacy-rollups-usage", "logs-2026", ".privacy-metrics-rollups", "metrics"}) {
            assertThat(WriteGuard.isRawEventIndex(other)).as(other).isFalse();
        }
        for (String raw : new String[] {".privacy-metrics-events-2026.11.22", ".privacy-metrics-events-2026-11", ".privacy-metrics-events-2026-w48",
                ".privacy-metrics-events-2026-11-30", ".privacy-metrics-events", ".privacy-metrics-events*", "<.privacy-metrics-events-{now/M}>"}) {
            assertThat(WriteGuard.isPluginRawIndex(raw)).as(raw).isTrue();
        }
    }

    @Test
    void onlyTheIntakeMayBeNamedAndNothingIsUpdated() {
        String[] named = {".privacy-metrics-events-2026-11", ".privacy-metrics-events-2026-w48", ".privacy-metrics-events-2026.11.22",
            "metrics-events-2026.11.22", "metrics-events-2026-11", "metrics-events-keep-forever-2026.11.22", "<.privacy-metrics-events-{now/d}>"};
        for (String index : named) {
            assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("logs")).add(doc(index)), EMPTY, false))
                .as(index).hasMessageContaining("may only be written to the intake index [metrics-events]")
                .message().doesNotContain(index);
            assertThat(WriteGuard.refusal("indices:data/write/index", doc(index), EMPTY, false)).as(index).isNotNull();
            assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(new DeleteRequest(index, "x")), EMPTY, false))
                .as("deletes only through forget: " + index).isNotNull();
            assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(new DeleteRequest(index, "x")), EMPTY, true))
                .as("the plugin's own forget").isNull();
        }
        for (boolean plugin : new boolean[] {false, true}) {
            for (String index : new String[] {".privacy-metrics-events-2026-11", ".privacy-metrics-events-2026.11.22", "metrics-events"}) {
                assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(new UpdateRequest(index, "x").doc("{}", XContentType.JSON)),
                    EMPTY, plugin)).as("update of " + index).hasMessageContaining("updates of raw usage events are refused");
            }
        }
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), EMPTY, false))
            .as("intake before setup").hasMessageContaining("is not set up yet");
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("logs")), EMPTY, false)).isNull();
        assertThat(WriteGuard.refusal("indices:data/write/index", doc("privacy-rollups-usage"), EMPTY, false)).isNull();
    }
}
