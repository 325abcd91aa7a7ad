package org.privacymetrics.es.ingest;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;
import org.privacymetrics.es.Names;

/**
 * {@code privacy_route}: sends a document written to {@code metrics-events} to the hidden raw index of the rotation
 * epoch of its {@code @timestamp} (UTC), {@code .privacy-metrics-events-<epoch label>} ({@link Names#rawIndex}). Runs in the default pipeline of
 * {@code metrics-events}; the raw index's final pipeline then scrubs it. The calendar rules ({@link EventCalendar}) are
 * checked here first, so a refused event never creates an index. The target name is the plugin's alone: there is no
 * option to change it.
 */
public final class PrivacyRouteProcessor extends AbstractProcessor {

    public static final String TYPE = "privacy_route";

    private final Supplier<EventCalendar> calendar;
    private final IngestStats stats;

    PrivacyRouteProcessor(String tag, String description, Supplier<EventCalendar> calendar, IngestStats stats) {
        super(tag, description);
        this.calendar = calendar;
        this.stats = stats;
    }

    @Override
    public IngestDocument execute(IngestDocument doc) {
        EventCalendar c = calendar.get();
        if (c == null) {
            throw new IllegalStateException("the node is still starting; retry shortly");
        }
        LocalDate day = c.check(doc.getSource(), stats);
        doc.getMetadata().setIndex(c.rawIndex(day));
        return doc;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** No options. */
    public static final class Factory implements Processor.Factory {
        private final Supplier<EventCalendar> calendar;
        private final IngestStats stats;

        public Factory(Supplier<EventCalendar> calendar, IngestStats stats) {
            this.calendar = calendar;
            this.stats = stats;
        }

        @Override
        public PrivacyRouteProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                            Map<String, Object> config, ProjectId projectId) {
            return new PrivacyRouteProcessor(tag, description, calendar, stats);
        }
    }
}
