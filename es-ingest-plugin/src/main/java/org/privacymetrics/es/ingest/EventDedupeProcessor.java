package org.privacymetrics.es.ingest;

import java.util.Map;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;
import org.privacymetrics.es.compat.ProcessorFactoryBase;

/**
 * {@code event_dedupe}: the "no duplicates" rule. The document id becomes the {@code event_id}, and the document is
 * written with external version 1: a second document with the same {@code event_id} is then a version conflict
 * (409 in the bulk response) for {@code create} and {@code index} actions alike, instead of an overwrite. The id
 * routes to one shard, so the rule holds across shards and nodes.
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
        doc.getMetadata().setId(String.valueOf(eventId).toLowerCase(java.util.Locale.ROOT));
        // A client-chosen routing could place two copies of one event_id on different shards; routing by _id cannot.
        doc.getMetadata().setRouting(null);
        doc.getMetadata().setVersion(1L);
        doc.getMetadata().setVersionType("external");
        return doc;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** No options. */
    public static final class Factory extends ProcessorFactoryBase {
        private final IngestStats stats;

        public Factory(IngestStats stats) {
            this.stats = stats;
        }

        @Override
        public EventDedupeProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                           Map<String, Object> config) {
            return new EventDedupeProcessor(tag, description, stats);
        }
    }
}
