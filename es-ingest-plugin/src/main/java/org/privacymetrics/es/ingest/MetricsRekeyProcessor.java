package org.privacymetrics.es.ingest;

import java.util.Map;
import java.util.function.Supplier;
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;

/**
 * {@code metrics_rekey}: replaces the edge {@code metrics_id} by its re-keyed form ({@link Rekeyer}), keyed by the
 * document's {@code metrics_epoch}. Refuses to write when this node has no re-key secret, or when its key id differs
 * from the one the cluster recorded ({@link KeyIdGuard}): ids written with two secrets would silently never match.
 */
public final class MetricsRekeyProcessor extends AbstractProcessor {

    public static final String TYPE = "metrics_rekey";

    private final Supplier<Rekeyer> rekeyer;
    private final Supplier<KeyIdGuard> guard;
    private final IngestStats stats;

    MetricsRekeyProcessor(String tag, String description, Supplier<Rekeyer> rekeyer, Supplier<KeyIdGuard> guard, IngestStats stats) {
        super(tag, description);
        this.rekeyer = rekeyer;
        this.guard = guard;
        this.stats = stats;
    }

    @Override
    public IngestDocument execute(IngestDocument doc) {
        Rekeyer r = rekeyer.get();
        if (r == null) {
            stats.rejection("rekey_no_secret");
            throw new IllegalStateException("this node has no [privacy_metrics.rekey.secret] in its keystore; it refuses to ingest");
        }
        KeyIdGuard g = guard.get();
        String problem = g == null ? "the node is still starting; retry shortly" : g.problem(r.keyId());
        if (problem != null) {
            stats.rejection("rekey_key_mismatch");
            throw new IllegalStateException(problem);
        }
        Object id = doc.getSource().get("metrics_id");
        Object epoch = doc.getSource().get("metrics_epoch");
        if (id == null) {
            stats.rejection("missing_metrics_id");
            throw new IllegalArgumentException("field [metrics_id] is required");
        }
        if (epoch == null) {
            stats.rejection("missing_metrics_epoch");
            throw new IllegalArgumentException("field [metrics_epoch] is required to re-key [metrics_id]");
        }
        doc.getSource().put("metrics_id", r.rekey(String.valueOf(id), String.valueOf(epoch)));
        return doc;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** No options. */
    public static final class Factory implements Processor.Factory {
        private final Supplier<Rekeyer> rekeyer;
        private final Supplier<KeyIdGuard> guard;
        private final IngestStats stats;

        public Factory(Supplier<Rekeyer> rekeyer, Supplier<KeyIdGuard> guard, IngestStats stats) {
            this.rekeyer = rekeyer;
            this.guard = guard;
            this.stats = stats;
        }

        @Override
        public MetricsRekeyProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                            Map<String, Object> config, ProjectId projectId) {
            return new MetricsRekeyProcessor(tag, description, rekeyer, guard, stats);
        }
    }
}
