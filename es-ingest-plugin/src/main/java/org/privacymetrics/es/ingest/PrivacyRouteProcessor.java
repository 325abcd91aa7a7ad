package org.privacymetrics.es.ingest;

import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.ConfigurationUtils;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;

/**
 * {@code privacy_route}: sends a document written to {@code metrics-events} to the daily index
 * {@code <prefix>YYYY.MM.DD} of its {@code @timestamp} (UTC). Runs in the default pipeline of {@code metrics-events};
 * the daily index's final pipeline then scrubs it. (The distribution has no {@code date_index_name}.)
 */
public final class PrivacyRouteProcessor extends AbstractProcessor {

    public static final String TYPE = "privacy_route";

    private final String prefix;
    private final IngestStats stats;

    PrivacyRouteProcessor(String tag, String description, String prefix, IngestStats stats) {
        super(tag, description);
        this.prefix = prefix;
        this.stats = stats;
    }

    @Override
    public IngestDocument execute(IngestDocument doc) {
        Object ts = doc.getSource().get("@timestamp");
        if (ts == null) {
            stats.rejection("missing_timestamp");
            throw new IllegalArgumentException("field [@timestamp] is required");
        }
        java.time.LocalDate d;
        try {
            d = Timestamps.utcDate(String.valueOf(ts));
        } catch (DateTimeParseException | NumberFormatException e) {
            stats.rejection("timestamp_format");
            throw new IllegalArgumentException("field [@timestamp] must be an ISO-8601 date-time or epoch milliseconds");
        }
        doc.getMetadata().setIndex(prefix + Timestamps.dayLabel(d));
        return doc;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** Option {@code index_prefix}, default {@code metrics-events-}. */
    public static final class Factory implements Processor.Factory {
        private final IngestStats stats;

        public Factory(IngestStats stats) {
            this.stats = stats;
        }

        @Override
        public PrivacyRouteProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                            Map<String, Object> config, ProjectId projectId) {
            String prefix = ConfigurationUtils.readStringProperty(TYPE, tag, config, "index_prefix", "metrics-events-");
            if (!prefix.endsWith("-") || !prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
                throw ConfigurationUtils.newConfigurationException(TYPE, tag, "index_prefix",
                        "must be lowercase and end with [-], got [" + prefix + "]");
            }
            return new PrivacyRouteProcessor(tag, description, prefix, stats);
        }
    }
}
