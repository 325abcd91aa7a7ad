package org.privacymetrics.es.ingest;

import java.util.Map;
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;

/**
 * {@code event_dedupe}: the "no duplicates" rule. The document id becomes the {@code event_id}, and the document is
 * written with external version 1: a second document with the same {@code event_id} is then a version conflict
 * (409 in the bulk response) for {@code create} and {@code index} actions alike, instead of an overwrite.
 *
 * <p>It also sets the routing to the (re-keyed) {@code metrics_id}, whatever the client sent: every event of one user of
 * one epoch then lies in one shard of the epoch's raw index (what a one-pass rollup bounds per shard), and two copies of
 * one event (same {@code event_id}, same user) meet in the same shard, where the second is the version conflict. Runs last
 * in the final pipeline, after {@code metrics_rekey}, so no client chooses a shard.
 */
public final class EventDedupeProcessor extends AbstractProcessor {

    public static final String TYPE = "event_dedupe";

    private final IngestStats stats;

    EventDedupeProcessor(String tag, String description, IngestStats stats) {
        super(tag, description);
        this.stats = stats;
    }

    @Override
    public IngestDocument execute(IngestDocument doc) {
        Object eventId = doc.getSource().get("event_id");
        if (eventId == null) {
            stats.rejection("missing_event_id");
            throw new IllegalArgumentException("field [event_id] is required");
        }
        Object metricsId = doc.getSource().get("metrics_id");
        if (metricsId == null) {
            stats.rejection("missing_metrics_id");
            throw new IllegalArgumentException("field [metrics_id] is required");
        }
        doc.getMetadata().setId(String.valueOf(eventId).toLowerCase(java.util.Locale.ROOT));
        // Replaces any client-chosen routing: a user's events of an epoch, and every copy of one event, share one shard.
        doc.getMetadata().setRouting(String.valueOf(metricsId));
        doc.getMetadata().setVersion(1L);
        doc.getMetadata().setVersionType("external");
        return doc;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** No options. */
    public static final class Factory implements Processor.Factory {
        private final IngestStats stats;

        public Factory(IngestStats stats) {
            this.stats = stats;
        }

        @Override
        public EventDedupeProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                           Map<String, Object> config, ProjectId projectId) {
            return new EventDedupeProcessor(tag, description, stats);
        }
    }
}
