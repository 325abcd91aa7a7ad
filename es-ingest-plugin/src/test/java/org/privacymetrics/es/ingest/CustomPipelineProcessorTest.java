package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.elasticsearch.ElasticsearchParseException;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.CompoundProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Pipeline;
import org.elasticsearch.ingest.Processor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The custom pipeline step runs the operator's pipeline inside the managed final pipeline, before the scrub: what it adds
 * is scrubbed, and what it may not do (move the event, change what identifies it, fail, loop) fails the event, counted.
 */
class CustomPipelineProcessorTest {

    private static final String CUSTOM = "metrics-events@custom";
    private static final String SCRUB = "metrics-events-scrub";
    private static final String INDEX = ".privacy-metrics-events-2026-10";

    private final IngestStats stats = new IngestStats();
    /** The node's pipelines, as {@code IngestService.getPipeline} sees them. */
    private final Map<String, Pipeline> pipelines = new HashMap<>();

    @BeforeAll
    static void esLogging() {
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    private static Map<String, Object> valid() {
        return TestEvents.valid();
    }

    private static IngestDocument doc() {
        return new IngestDocument(INDEX, "1", 1, null, VersionType.INTERNAL, valid());
    }

    /** A processor of a test custom pipeline: does {@code change} to the document. */
    private static Processor doing(String type, Consumer<IngestDocument> change) {
        return new AbstractProcessor("t-" + type, null) {
            @Override
            public IngestDocument execute(IngestDocument d) {
                change.accept(d);
                return d;
            }

            @Override
            public String getType() {
                return type;
            }
        };
    }

    private void install(String id, Processor... processors) {
        pipelines.put(id, new Pipeline(id, null, null, null, new CompoundProcessor(processors)));
    }

    private CustomPipelineProcessor step() {
        Map<String, Object> config = new HashMap<>(Map.of("pipeline", CUSTOM));
        return new CustomPipelineProcessor.Factory(pipelines::get, stats).create(Map.of(), "custom", null, config);
    }

    /** The managed final pipeline's first two steps: the custom pipeline, then the scrub. */
    private Pipeline scrubPipeline() {
        Processor scrub = new PrivacyScrubProcessor.Factory(stats).create(Map.of(), "scrub", null, new HashMap<>());
        return new Pipeline(SCRUB, null, null, null, new CompoundProcessor(step(), scrub));
    }

    /** Runs the final pipeline on {@code d} as ingest does: the result, or the failure. */
    private static Object run(Pipeline p, IngestDocument d) {
        AtomicReference<Object> out = new AtomicReference<>("not called");
        d.executePipeline(p, (result, e) -> out.set(e != null ? e : result));
        return out.get();
    }

    private static String message(Object failure) {
        assertThat(failure).isInstanceOf(Exception.class);
        StringBuilder all = new StringBuilder();
        for (Throwable t = (Throwable) failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private Map<String, Long> rejections() {
        @SuppressWarnings("unchecked")
        Map<String, Long> r = (Map<String, Long>) stats.snapshot().get("rejections");
        return r;
    }

    @Test
    void withoutACustomPipelineTheEventIsScrubbedAsBefore() {
        Object result = run(scrubPipeline(), doc());
        assertThat(result).isInstanceOf(IngestDocument.class);
        assertThat(((IngestDocument) result).getSource()).isEqualTo(valid());
        assertThat(rejections()).isEmpty();
    }

    @Test
    void whatTheCustomPipelineAddsIsScrubbed() {
        install(CUSTOM, doing("set", d -> {
            d.getSource().put("event", "login by alice@example.org from 203.0.113.9");
            d.getSource().put("customer", "raw-uid-4711");
            d.getSource().put("service", "sync-EU");
        }));
        IngestDocument stored = (IngestDocument) run(scrubPipeline(), doc());
        assertThat(stored.getSource().get("event")).isEqualTo("login by [redacted:email] from [redacted:ip]");
        assertThat(stored.getSource()).doesNotContainKey("customer"); // not in the schema: dropped, counted
        assertThat(stored.getSource().get("service")).isEqualTo("sync-EU"); // a legitimate change stays
        assertThat(stats.snapshot().get("redactions").toString()).contains("email=1").contains("ip=1");
    }

    @Test
    void aForbiddenFieldTheCustomPipelineAddsFailsTheEventInTheScrub() {
        install(CUSTOM, doing("set", d -> d.getSource().put("user", Map.of("email", "alice@example.org"))));
        String m = message(run(scrubPipeline(), doc()));
        assertThat(m).contains("field [user.email] is not allowed").doesNotContain("alice");
        assertThat(rejections()).containsEntry("forbidden_field", 1L);
    }

    @Test
    void changingTheTargetIndexFailsTheEvent() {
        install(CUSTOM, doing("reroute", d -> d.getMetadata().setIndex("somewhere-else")));
        String m = message(run(scrubPipeline(), doc()));
        assertThat(m).contains("the pipeline [" + CUSTOM + "] changed the target index");
        assertThat(rejections()).containsEntry("custom_pipeline_changed_index", 1L);
        assertThat(stats.snapshot().get("documents_scrubbed")).isEqualTo(0L);
    }

    /**
     * Elasticsearch's {@code reroute} processor (ingest-common) calls {@link IngestDocument#reroute}, which sets a flag
     * that makes every pipeline still running skip its remaining processors. Rerouted to the index the event is already
     * in, nothing looks moved, and the scrub after the custom step would be skipped: the event stored as sent.
     */
    @Test
    void aRerouteToTheSameIndexDoesNotSkipTheScrub() {
        install(CUSTOM, doing("reroute", d -> {
            d.getSource().put("event", "login by alice@example.org");
            d.reroute(INDEX);
        }));
        Object result = run(scrubPipeline(), doc());
        assertThat(result).isInstanceOf(IngestDocument.class);
        assertThat(((IngestDocument) result).getSource().get("event")).isEqualTo("login by [redacted:email]");
        assertThat(stats.snapshot().get("documents_scrubbed")).isEqualTo(1L);
    }

    @Test
    void aTerminateInTheCustomPipelineEndsOnlyTheCustomPipeline() {
        install(CUSTOM, doing("terminate", d -> {
            d.getSource().put("event", "login by alice@example.org");
            d.terminate();
        }));
        Object result = run(scrubPipeline(), doc());
        assertThat(((IngestDocument) result).getSource().get("event")).isEqualTo("login by [redacted:email]");
    }

    @Test
    void changingWhatIdentifiesTheEventFailsIt() {
        for (String field : CustomPipelineProcessor.IDENTITY) {
            install(CUSTOM, doing("set", d -> d.getSource().put(field, "00000000000000000000000000000000")));
            assertThat(message(run(scrubPipeline(), doc()))).contains("changed field [" + field + "]");
        }
        install(CUSTOM, doing("remove", d -> d.getSource().remove("metrics_id")));
        assertThat(message(run(scrubPipeline(), doc()))).contains("changed field [metrics_id]");
        assertThat(rejections()).containsEntry("custom_pipeline_changed_identity", (long) CustomPipelineProcessor.IDENTITY.size() + 1);
    }

    @Test
    void routingAndIdItSetsAreLeftToTheManagedStepsAfterIt() {
        install(CUSTOM, doing("set", d -> {
            d.getMetadata().setRouting("attacker-shard");
            d.getMetadata().setId("attacker-id");
        }));
        IngestDocument d = doc();
        Object result = run(scrubPipeline(), d);
        assertThat(result).isInstanceOf(IngestDocument.class);
        new EventDedupeProcessor.Factory(stats).create(Map.of(), null, null, new HashMap<>()).execute(d);
        assertThat(d.getMetadata().getRouting()).isEqualTo(valid().get("metrics_id"));
        assertThat(d.getMetadata().getId()).isEqualTo(valid().get("event_id"));
    }

    @Test
    void aFailingCustomPipelineFailsTheEventNamingThePipelineAndProcessorButNotItsMessage() {
        install(CUSTOM, doing("fail", d -> {
            throw new IllegalArgumentException("bad user " + d.getSource().get("metrics_id"));
        }));
        String m = message(run(scrubPipeline(), doc()));
        assertThat(m).contains("the pipeline [" + CUSTOM + "] failed at processor [fail] tag [t-fail]")
            .contains("_simulate").doesNotContain("aff5f76f");
        assertThat(rejections()).containsEntry("custom_pipeline_failed", 1L);
    }

    @Test
    void aCustomPipelineThatCallsItselfOrTheScrubIsACycleNotAStackOverflow() {
        install(CUSTOM, step());
        assertThat(message(run(scrubPipeline(), doc()))).contains("the pipeline [" + CUSTOM + "] failed")
            .contains("Cycle detected for pipeline: " + CUSTOM);
        // as Elasticsearch's pipeline processor would call the managed pipeline back
        Pipeline scrub = scrubPipeline();
        install(CUSTOM, new AbstractProcessor("back", null) {
            @Override
            public void execute(IngestDocument d, java.util.function.BiConsumer<IngestDocument, Exception> handler) {
                d.executePipeline(scrub, handler);
            }

            @Override
            public boolean isAsync() {
                return true;
            }

            @Override
            public String getType() {
                return "pipeline";
            }
        });
        assertThat(message(run(scrub, doc()))).contains("Cycle detected for pipeline: " + SCRUB);
        assertThat(rejections()).containsEntry("custom_pipeline_failed", 2L);
    }

    @Test
    void aDroppedEventIsNotStoredAndCounted() {
        install(CUSTOM, dropping());
        assertThat(run(scrubPipeline(), doc())).isNull();
        assertThat(rejections()).containsEntry("custom_pipeline_dropped", 1L);
    }

    @Test
    void theOptionNamesAnAtCustomPipeline() {
        var factory = new CustomPipelineProcessor.Factory(pipelines::get, stats);
        assertThat(factory.create(Map.of(), null, null, new HashMap<>(Map.of("pipeline", "x@custom"))).pipeline()).isEqualTo("x@custom");
        for (String bad : new String[] {SCRUB, "@custom", "metrics-events@custom-2"}) {
            assertThatThrownBy(() -> factory.create(Map.of(), null, null, new HashMap<>(Map.of("pipeline", bad))))
                .isInstanceOf(ElasticsearchParseException.class).hasMessageContaining("ending in [@custom]");
        }
        assertThatThrownBy(() -> factory.create(Map.of(), null, null, new HashMap<>()))
            .isInstanceOf(ElasticsearchParseException.class).hasMessageContaining("[pipeline] required property is missing");
    }

    private static Processor dropping() {
        return new AbstractProcessor("drop", null) {
            @Override
            public IngestDocument execute(IngestDocument d) {
                return null;
            }

            @Override
            public String getType() {
                return "drop";
            }
        };
    }

    /** A {@code privacy_custom_pipeline} step the operator put inside the custom pipeline, running {@code id}. */
    private CustomPipelineProcessor nestedStep(String id) {
        return new CustomPipelineProcessor.Factory(pipelines::get, stats).create(Map.of(), "nested", null, new HashMap<>(Map.of("pipeline", id)));
    }

    @Test
    void aDropInANestedCustomPipelineIsCountedOnce() {
        install(CUSTOM, nestedStep("more@custom"));
        install("more@custom", dropping());
        assertThat(run(scrubPipeline(), doc())).isNull();
        assertThat(rejections()).containsExactlyEntriesOf(Map.of("custom_pipeline_dropped", 1L));
    }

    @Test
    void aNestedFailureTheCustomPipelineIgnoresIsNotCountedAsARejection() {
        pipelines.put(CUSTOM, new Pipeline(CUSTOM, null, null, null, new CompoundProcessor(true, List.of(nestedStep("more@custom")), List.of())));
        install("more@custom", doing("fail", d -> {
            throw new IllegalArgumentException("no");
        }));
        assertThat(run(scrubPipeline(), doc())).isInstanceOf(IngestDocument.class); // stored: ignore_failure
        assertThat(rejections()).isEmpty();
        // not ignored: failed, once
        install(CUSTOM, nestedStep("more@custom"));
        assertThat(message(run(scrubPipeline(), doc()))).contains("the pipeline [more@custom] failed at processor [fail]");
        assertThat(rejections()).containsExactlyEntriesOf(Map.of("custom_pipeline_failed", 1L));
    }

    @Test
    void anEventElasticsearchCannotCopyIsCountedAndItsValueNotEchoed() {
        install(CUSTOM, doing("set", d -> d.getSource().put("service", "other")));
        IngestDocument d = doc();
        d.getSource().put("junk", new BigInteger("123456789012345678901234567890")); // a JSON integer beyond long
        String m = message(run(scrubPipeline(), d));
        assertThat(m).contains("the pipeline [" + CUSTOM + "] cannot run on this event").doesNotContain("1234567890");
        assertThat(rejections()).containsExactlyEntriesOf(Map.of("custom_pipeline_failed", 1L));
    }

    @Test
    void dynamicTemplatesChangedInPlaceStayBehind() {
        install(CUSTOM, doing("script", d -> d.getMetadata().getDynamicTemplates().put("service", "raw_text")));
        IngestDocument d = doc();
        d.getMetadata().put("_dynamic_templates", new HashMap<>(Map.of("event", "keyword"))); // set by an earlier pipeline
        assertThat(run(scrubPipeline(), d)).isSameAs(d);
        assertThat(d.getMetadata().getDynamicTemplates()).isEqualTo(Map.of("event", "keyword"));
    }
}
