package org.privacymetrics.es.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.ConfigurationUtils;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Pipeline;
import org.elasticsearch.ingest.Processor;
import org.privacymetrics.es.compat.ProcessorFactoryBase;

/**
 * {@code privacy_custom_pipeline}: the operator's extension point. Runs the pipeline {@code pipeline} (an
 * {@code ...@custom} name, {@code metrics-events@custom} in the managed scrub pipeline) if it exists; does nothing if it
 * does not, which is the normal case.
 *
 * <p>It is the first processor of the final pipeline, so everything the custom pipeline adds still passes the schema,
 * the PII scrub, the re-key and the de-duplication that follow. What the custom pipeline may not do fails the document,
 * counted under {@code rejections} of {@code GET _privacy/stats}:
 * <ul>
 *   <li>change the target index ({@code custom_pipeline_changed_index}): the plugin alone decides where events go
 *       (Elasticsearch would refuse it too, after the whole final pipeline);</li>
 *   <li>change what identifies the event ({@code @timestamp}, {@code event_id}, {@code metrics_id},
 *       {@code metrics_epoch}, {@code metrics_key_id}: {@code custom_pipeline_changed_identity}): who sent it, which event
 *       it is and which epoch it counts in are the edge's, as the de-duplication and the privacy budget assume;</li>
 *   <li>fail, or call a pipeline that is already running, a cycle ({@code custom_pipeline_failed}).</li>
 * </ul>
 * A document the custom pipeline drops is not stored and is counted ({@code custom_pipeline_dropped}). It runs on a
 * copy of the event of which only the source is kept: routing, id or version it sets are left behind (and
 * {@code event_dedupe} decides them after it), and a {@code reroute} or {@code terminate} inside it cannot make the
 * managed pipeline skip the scrub. Errors name the pipeline and the failing
 * processor's type and tag, never the processor's own message, which may quote a value of the event.
 *
 * <p>Runs the pipeline itself (Elasticsearch's {@code pipeline} processor lives in the {@code ingest-common} module,
 * which a node need not have), through {@link IngestDocument#executePipeline}: Elasticsearch's cycle and depth checks
 * apply.
 */
public final class CustomPipelineProcessor extends AbstractProcessor {

    public static final String TYPE = "privacy_custom_pipeline";

    /** The suffix every pipeline this processor runs must have. */
    static final String SUFFIX = "@custom";

    /** Source fields a custom pipeline may not change. */
    static final List<String> IDENTITY = List.of("@timestamp", "event_id", "metrics_id", "metrics_epoch", "metrics_key_id");

    private final String pipeline;
    private final Function<String, Pipeline> pipelines;
    private final IngestStats stats;

    CustomPipelineProcessor(String tag, String description, String pipeline, Function<String, Pipeline> pipelines, IngestStats stats) {
        super(tag, description);
        this.pipeline = pipeline;
        this.pipelines = pipelines;
        this.stats = stats;
    }

    /** The pipeline it runs. */
    public String pipeline() {
        return pipeline;
    }

    /**
     * The copies a custom pipeline is running on. A step that gets one runs nested inside another step's custom pipeline
     * (an operator's {@code privacy_custom_pipeline} inside {@code metrics-events@custom}): it counts nothing, the
     * outermost step counts what becomes of the event, once (a nested drop would be counted twice, and a nested failure
     * the custom pipeline ignores would be counted for an event that is stored).
     */
    private static final Set<IngestDocument> RUNNING = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    @Override
    public void execute(IngestDocument doc, BiConsumer<IngestDocument, Exception> handler) {
        boolean nested = RUNNING.contains(doc);
        Pipeline custom;
        try {
            custom = pipelines.apply(pipeline);
        } catch (RuntimeException e) {
            count(nested, "custom_pipeline_failed");
            handler.accept(null, new IllegalStateException("cannot look up the pipeline [" + pipeline + "]: the event is not stored", e));
            return;
        }
        if (custom == null) {
            handler.accept(doc, null); // no extension installed: the normal case
            return;
        }
        String index = doc.getMetadata().getIndex();
        List<Object> identity = identity(doc);
        // On a copy: a reroute or terminate inside the custom pipeline sets flags on the document it runs on, and a
        // reroute flag makes every running pipeline skip its remaining processors, the scrub included (rerouted to the
        // same index, nothing would look moved). The copy keeps the pipelines already running (cycle check); only its
        // source comes back, so the flags, and whatever metadata it set, stay behind.
        IngestDocument copy;
        try {
            copy = new IngestDocument(doc);
            // the copy's metadata is a shallow clone: give it its own dynamic templates, or changing them in place
            // (ctx._dynamic_templates.put(...) in a script) would change the event's
            Map<String, String> templates = doc.getMetadata().getDynamicTemplates();
            if (templates != null) {
                copy.getMetadata().put("_dynamic_templates", new HashMap<>(templates));
            }
        } catch (RuntimeException e) {
            // a value Elasticsearch cannot copy (a number beyond long in the JSON, a self-reference): the class only
            count(nested, "custom_pipeline_failed");
            handler.accept(null, new Failure("the pipeline [" + pipeline + "] cannot run on this event (" + e.getClass().getSimpleName()
                + "): the event is not stored"));
            return;
        }
        RUNNING.add(copy);
        copy.executePipeline(custom, (result, e) -> {
            RUNNING.remove(copy);
            if (e != null) {
                count(nested, "custom_pipeline_failed");
                handler.accept(null, new Failure("the pipeline [" + pipeline + "] failed" + where(e)
                    + ": the event is not stored (see why with POST _ingest/pipeline/" + pipeline + "/_simulate)"));
            } else if (result == null) {
                count(nested, "custom_pipeline_dropped");
                handler.accept(null, null);
            } else if (!Objects.equals(index, result.getMetadata().getIndex())) {
                count(nested, "custom_pipeline_changed_index");
                handler.accept(null, new Failure("the pipeline [" + pipeline + "] changed the target index: the"
                    + " event is not stored. Only privacy-metrics decides where raw events go"));
            } else if (!identity.equals(identity(result))) {
                count(nested, "custom_pipeline_changed_identity");
                handler.accept(null, new Failure("the pipeline [" + pipeline + "] changed " + changed(identity, result)
                    + ": the event is not stored. A custom pipeline may not change " + IDENTITY));
            } else {
                Map<String, Object> source = doc.getSource();
                source.clear();
                source.putAll(result.getSource());
                handler.accept(doc, null);
            }
        });
    }

    /** Counts a rejection, unless this step runs nested inside another, which counts it. */
    private void count(boolean nested, String reason) {
        if (!nested) {
            stats.rejection(reason);
        }
    }

    @Override
    public IngestDocument execute(IngestDocument doc) {
        throw new UnsupportedOperationException("[" + TYPE + "] runs asynchronously");
    }

    @Override
    public boolean isAsync() {
        return true;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    private static List<Object> identity(IngestDocument doc) {
        List<Object> values = new ArrayList<>(IDENTITY.size());
        for (String field : IDENTITY) {
            values.add(doc.getSource().get(field));
        }
        return values;
    }

    private static String changed(List<Object> before, IngestDocument after) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < IDENTITY.size(); i++) {
            if (!Objects.equals(before.get(i), after.getSource().get(IDENTITY.get(i)))) {
                fields.add(IDENTITY.get(i));
            }
        }
        return "field " + fields;
    }

    /**
     * Where the custom pipeline failed: a cycle (its message holds pipeline names only), a nested custom pipeline step's
     * own failure, or the type and tag of the processor that failed (its message may quote the event, so it is left out).
     */
    static String where(Exception e) {
        String processor = null;
        String tag = null;
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            innermost = t;
            if (t instanceof Failure || t.getClass().getSimpleName().equals("GraphStructureException")) {
                return " (" + t.getMessage() + ")";
            }
            if (t instanceof ElasticsearchException es && header(es, "processor_type") != null) {
                processor = header(es, "processor_type"); // the innermost wins: the one that failed
                tag = header(es, "processor_tag");
            }
        }
        if (processor == null) {
            return " (" + innermost.getClass().getSimpleName() + ")";
        }
        return " at processor [" + processor + "]" + (tag == null ? "" : " tag [" + tag + "]");
    }

    /**
     * The first value of an ingest failure's header ({@code processor_type}, {@code processor_tag}), or null. Elasticsearch
     * 9.2 renamed {@code getHeader} to {@code getBodyHeader}; both are public, looked up by name (the split does not
     * follow the compatibility folders, 9.1 to 9.3 share one).
     */
    static String header(ElasticsearchException e, String key) {
        for (String getter : HEADER_GETTERS) {
            try {
                Object values = ElasticsearchException.class.getMethod(getter, String.class).invoke(e, key);
                return values instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : null;
            } catch (NoSuchMethodException absent) {
                // the other line's name
            } catch (ReflectiveOperationException | RuntimeException unexpected) {
                return null;
            }
        }
        return null;
    }

    private static final List<String> HEADER_GETTERS = List.of("getBodyHeader", "getHeader");

    /** This step's own refusals: their messages hold names only. */
    static final class Failure extends IllegalArgumentException {
        Failure(String message) {
            super(message);
        }
    }

    /** Option {@code pipeline}: the name of the pipeline to run, ending in {@code @custom}. */
    public static final class Factory extends ProcessorFactoryBase {
        private final Function<String, Pipeline> pipelines;
        private final IngestStats stats;

        /** @param pipelines the node's pipelines by id (null for a missing one) */
        public Factory(Function<String, Pipeline> pipelines, IngestStats stats) {
            this.pipelines = pipelines;
            this.stats = stats;
        }

        @Override
        public CustomPipelineProcessor create(Map<String, Processor.Factory> registry, String tag, String description,
                                              Map<String, Object> config) {
            String name = ConfigurationUtils.readStringProperty(TYPE, tag, config, "pipeline");
            if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
                throw ConfigurationUtils.newConfigurationException(TYPE, tag, "pipeline",
                    "must name an operator's pipeline ending in [" + SUFFIX + "]");
            }
            return new CustomPipelineProcessor(tag, description, name, pipelines, stats);
        }
    }
}
