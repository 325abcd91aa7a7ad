package org.privacymetrics.es.ingest;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;
import org.privacymetrics.es.compat.ProcessorFactoryBase;

/**
 * {@code metrics_rekey}: replaces the edge {@code metrics_id} by its re-keyed form ({@link Rekeyer}), keyed by the
 * document's {@code metrics_epoch}, after checking the calendar rules ({@link EventCalendar}) and that the target is the
 * raw index of the event's epoch. Refuses to write when this node has no re-key secret, or when its key id differs
 * from the one the cluster recorded ({@link KeyIdGuard}): ids written with two secrets would silently never match.
 */
public final class MetricsRekeyProcessor extends AbstractProcessor {

    public static final String TYPE = "metrics_rekey";

    private final Supplier<Rekeyer> rekeyer;
    private final Supplier<String> secretProblem;
    private final Supplier<KeyIdGuard> guard;
    private final Supplier<EventCalendar> calendar;
    private final IngestStats stats;
    private final BooleanSupplier simulating;

    MetricsRekeyProcessor(String tag, String description, Supplier<Rekeyer> rekeyer, Supplier<String> secretProblem,
                          Supplier<KeyIdGuard> guard, Supplier<EventCalendar> calendar, IngestStats stats) {
        this(tag, description, rekeyer, secretProblem, guard, calendar, stats, () -> false);
    }

    MetricsRekeyProcessor(String tag, String description, Supplier<Rekeyer> rekeyer, Supplier<String> secretProblem,
                          Supplier<KeyIdGuard> guard, Supplier<EventCalendar> calendar, IngestStats stats, BooleanSupplier simulating) {
        super(tag, description);
        this.simulating = simulating;
        this.rekeyer = rekeyer;
        this.secretProblem = secretProblem;
        this.guard = guard;
        this.calendar = calendar;
        this.stats = stats;
    }

    @Override
    public IngestDocument execute(IngestDocument doc) {
        if (simulating.getAsBoolean()) {
            // not counted: a simulation stores nothing (Simulations)
            throw new IllegalStateException("[" + TYPE + "] does not run in simulations: its result would reveal the stored id of any"
                + " edge id, which only the re-key secret may compute");
        }
        Rekeyer r = rekeyer.get();
        if (r == null) {
            stats.rejection("rekey_no_secret");
            String problem = secretProblem.get();
            throw new IllegalStateException(problem != null ? problem : "the node is still starting; retry shortly");
        }
        KeyIdGuard g = guard.get();
        String problem = g == null ? "the node is still starting; retry shortly" : g.problem(r.keyId());
        if (problem != null) {
            stats.rejection("rekey_key_mismatch");
            throw new IllegalStateException(problem);
        }
        EventCalendar c = calendar.get();
        if (c == null) {
            throw new IllegalStateException("the node is still starting; retry shortly");
        }
        Object id = doc.getSource().get("metrics_id");
        if (id == null) {
            stats.rejection("missing_metrics_id");
            throw new IllegalArgumentException("field [metrics_id] is required");
        }
        // The final pipeline's own check of the calendar rules (the route's check can be skipped by a pipeline parameter
        // or a direct write, this one cannot): the label that keys the re-key is the one of the event's own day.
        java.time.LocalDate day = c.check(doc.getSource(), stats);
        c.checkIndex(doc.getMetadata().getIndex(), day, stats);
        Object epoch = doc.getSource().get("metrics_epoch");
        doc.getSource().put("metrics_id", r.rekey(String.valueOf(id), String.valueOf(epoch)));
        return doc;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** No options. */
    public static final class Factory extends ProcessorFactoryBase {
        private final Supplier<Rekeyer> rekeyer;
        private final Supplier<String> secretProblem;
        private final Supplier<KeyIdGuard> guard;
        private final Supplier<EventCalendar> calendar;
        private final IngestStats stats;
        private final BooleanSupplier simulating;

        public Factory(Supplier<Rekeyer> rekeyer, Supplier<String> secretProblem, Supplier<KeyIdGuard> guard,
                       Supplier<EventCalendar> calendar, IngestStats stats, BooleanSupplier simulating) {
            this.simulating = simulating;
            this.rekeyer = rekeyer;
            this.secretProblem = secretProblem;
            this.guard = guard;
            this.calendar = calendar;
            this.stats = stats;
        }

        @Override
        public MetricsRekeyProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                            Map<String, Object> config) {
            return new MetricsRekeyProcessor(tag, description, rekeyer, secretProblem, guard, calendar, stats, simulating);
        }
    }
}
