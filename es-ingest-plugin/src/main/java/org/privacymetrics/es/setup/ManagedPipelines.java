package org.privacymetrics.es.setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.ingest.IngestMetadata;
import org.elasticsearch.ingest.PipelineConfiguration;
import org.elasticsearch.xcontent.XContentType;

/**
 * Whether the installed route and scrub pipelines are the plugin's own definitions. An index's settings can name the
 * scrub pipeline while the pipeline under that name no longer scrubs: a superuser ({@code manage_pipeline}) who edits
 * it, say by removing a step or adding a pipeline-level {@code on_failure} that lets a refused event through, would have
 * every later event stored as sent until someone runs setup. The write guard refuses writes while that is so.
 *
 * <p>The options of {@code privacy_scrub} are the operator's to change ({@link #withoutScrubOptions}).
 *
 * <p>A definition carrying the plugin's {@code _meta.managed_by} and another {@code version} than this release's is
 * taken as another release's: during a rolling upgrade of the plugin, nodes of both releases see one definition.
 */
final class ManagedPipelines {

    private static final String SCRUB_STEP = "privacy_scrub";
    private static final Set<String> SCRUB_OPTIONS = Set.of("allowed_fields", "forbidden_fields", "detectors", "tag", "description");
    private static final Map<String, Map<String, Object>> OURS = load();

    /** The last {@link IngestMetadata} judged, with its verdict: it changes only when a pipeline does. */
    private static volatile Object[] last = {null, null};

    private ManagedPipelines() {
    }

    /** The first managed pipeline whose installed definition is not the plugin's, as {@code ingest pipeline [name]}, or null. */
    static String edited(IngestMetadata ingest) {
        Object[] seen = last;
        if (ingest != null && seen[0] == ingest) {
            return (String) seen[1];
        }
        String verdict = judge(ingest);
        last = new Object[] {ingest, verdict};
        return verdict;
    }

    private static String judge(IngestMetadata ingest) {
        if (ingest == null) {
            return null; // missing pipelines are the write guard's other check
        }
        for (Map.Entry<String, Map<String, Object>> ours : OURS.entrySet()) {
            PipelineConfiguration installed = ingest.getPipelines().get(ours.getKey());
            if (installed == null) {
                continue;
            }
            Map<String, Object> config = withoutScrubOptions(withoutDates(installed.getConfig()));
            if (!config.equals(ours.getValue()) && !anotherRelease(config, ours.getValue())) {
                return "ingest pipeline [" + ours.getKey() + "]";
            }
        }
        return null;
    }

    private static boolean anotherRelease(Map<String, Object> installed, Map<String, Object> ours) {
        return installed.get("_meta") instanceof Map<?, ?> meta && ours.get("_meta") instanceof Map<?, ?> ourMeta
            && ourMeta.get("managed_by").equals(meta.get("managed_by")) && installed.get("version") != null
            && !installed.get("version").equals(ours.get("version"));
    }

    /**
     * The definition with the documented options of {@code privacy_scrub} left out: operators may change them in the
     * managed pipeline (operations.md, "Changing privacy_scrub options"), and none of them lets a value through unchecked
     * (a forbidden field cannot be allowed, every detector action keeps the value out). Anything else in that step
     * ({@code if}, {@code ignore_failure}, {@code on_failure}) stays and is compared.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutScrubOptions(Map<String, Object> config) {
        if (!(config.get("processors") instanceof List<?> processors)) {
            return config;
        }
        List<Object> copy = new ArrayList<>(processors.size());
        for (Object processor : processors) {
            if (processor instanceof Map<?, ?> m && m.size() == 1 && m.get(SCRUB_STEP) instanceof Map<?, ?> options) {
                Map<String, Object> kept = new HashMap<>((Map<String, Object>) options);
                kept.keySet().removeAll(SCRUB_OPTIONS);
                copy.add(Map.of(SCRUB_STEP, kept));
            } else {
                copy.add(processor);
            }
        }
        Map<String, Object> out = new HashMap<>(config);
        out.put("processors", copy);
        return out;
    }

    /** The definition without the dates Elasticsearch adds when it stores a pipeline (as setup compares them). */
    static Map<String, Object> withoutDates(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.keySet().removeIf(k -> k.startsWith("created_date") || k.startsWith("modified_date"));
        return copy;
    }

    private static Map<String, Map<String, Object>> load() {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (SetupResources.Resource r : SetupResources.load()) {
            if (r.kind() == SetupResources.Kind.PIPELINE) {
                out.put(r.name(), withoutScrubOptions(withoutDates(
                    XContentHelper.convertToMap(new BytesArray(r.json()), false, XContentType.JSON).v2())));
            }
        }
        return Map.copyOf(out);
    }
}
