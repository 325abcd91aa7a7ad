package org.privacymetrics.es.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.xcontent.XContentType;
import java.util.List;
import java.util.Map;
import org.elasticsearch.cluster.metadata.AliasMetadata;
import org.elasticsearch.cluster.metadata.ComposableIndexTemplate;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.ingest.IngestMetadata;
import org.elasticsearch.ingest.PipelineConfiguration;
import org.junit.jupiter.api.Test;

class WriteGuardTest {

    static {
        // Elasticsearch's classes look up a logger when first loaded (the cluster state below); outside a node nobody
        // installed one.
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

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

    /**
     * Fifth review: with DEBUG logging on ingest, Elasticsearch logs the {@code _id} of every document a pipeline refuses;
     * a client's {@code _id} on an intake write (a writer can put anything there) was logged as sent. It is dropped before
     * ingest: no stored event keeps it anyway ({@code event_dedupe} sets the {@code event_id}).
     */
    @Test
    void aClientIdOnAnIntakeWriteIsDroppedBeforeIngest() {
        IndexRequest intake = doc("metrics-events").id("jane.doe@example.org");
        IndexRequest other = doc("logs").id("kept");
        WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(intake).add(other), EMPTY, false);
        assertThat(intake.id()).isNull();
        assertThat(other.id()).isEqualTo("kept");
        IndexRequest single = doc("metrics-events").id("jane.doe@example.org");
        WriteGuard.refusal("indices:data/write/index", single, EMPTY, false);
        assertThat(single.id()).isNull();
    }

    @Test
    void dateMathSpellingARawNameAsLiteralTextIsARawName() {
        // a date format may hold quoted literal text: the expression's text starts with neither name, what it resolves to does
        for (String index : new String[] {"<{now/M{'.privacy-metrics-events-'yyyy-MM}}>", "<{now/d{'metrics-events-keep-'yyyy.MM.dd}}>",
                "<{now/d{'metrics-events'}}>", "<{now/d{'.privacy-metrics-events-3000-01'}}>"}) {
            assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc(index)), EMPTY, false)).as(index)
                .hasMessageContaining("may only be written to the intake index [metrics-events]");
            assertThat(WriteGuard.refusal("indices:data/write/update/byquery", new org.elasticsearch.index.reindex.UpdateByQueryRequest(index),
                EMPTY, false)).as(index).isNotNull();
        }
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("<logs-{now/d}>")), EMPTY, false)).isNull();
    }

    @Test
    void rawEventsAreNeverCopiedOutByReindex() {
        // a copy would outlive retention and forget (and a non-hidden one is read by Elasticsearch's built-in viewer)
        for (String source : new String[] {".privacy-metrics-events-2026-11", ".privacy-metrics-events-*", ".p*", ".*", "*", "_all",
                "metrics-events-2026.11.22", "metr*", "<{now/M{'.privacy-metrics-events-'yyyy-MM}}>"}) {
            org.elasticsearch.index.reindex.ReindexRequest r = new org.elasticsearch.index.reindex.ReindexRequest().setSourceIndices("logs", source);
            r.setDestIndex("copy");
            assertThat(WriteGuard.refusal("indices:data/write/reindex", r, EMPTY, false)).as(source)
                .hasMessageContaining("raw usage events are not copied");
        }
        org.elasticsearch.index.reindex.ReindexRequest ordinary = new org.elasticsearch.index.reindex.ReindexRequest().setSourceIndices("logs-*");
        ordinary.setDestIndex("copy");
        assertThat(WriteGuard.refusal("indices:data/write/reindex", ordinary, EMPTY, false)).isNull();
    }

    @Test
    void anAliasOrAnotherTemplatesIndexNamedLikeTheIntakeIsNeverWrittenThrough() {
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), state(b -> {}), false))
            .as("set up, intake not created yet").isNull();
        // a careless admin deleted the intake and made its name an alias of another index: the writer's privilege on the
        // name would let Elasticsearch write there, where none of the plugin's pipelines runs
        ClusterState aliased = state(b -> b.put(IndexMetadata.builder("events-archive").settings(indexSettings())
            .putAlias(AliasMetadata.builder("metrics-events").writeIndex(true))));
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), aliased, false))
            .hasMessageContaining("[metrics-events] is an alias or a data stream");
        // another template of higher priority would create the intake without its pipelines
        ClusterState shadowed = state(b -> b.put("careless", template("metrics-*", 900)));
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), shadowed, false))
            .hasMessageContaining("would be created by another index template");
        // the plugin's own template, edited in place (setup has not run since): the intake would be created without its pipelines
        for (Settings edited : List.of(Settings.builder().put("index.final_pipeline", "metrics-events-scrub").build(),
                Settings.builder().put("index.default_pipeline", "metrics-events-route").put("index.final_pipeline", "_none").build(),
                Settings.EMPTY)) {
            ClusterState careless = state(b -> b.put("metrics-events-intake", intakeTemplate(edited)));
            assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), careless, false))
                .as(edited.toString()).hasMessageContaining("without the intake's pipelines");
        }
    }

    @Test
    void nothingIsWrittenWhileAManagedPipelineIsNotThePluginsDefinition() {
        // a careless superuser (manage_pipeline) copies GET _ingest/pipeline/metrics-events-scrub, edits it and puts it back:
        // the index settings still name the scrub, which no longer refuses what it should
        String scrub = pipelines().get("metrics-events-scrub");
        String route = pipelines().get("metrics-events-route");
        List<String[]> edits = List.of(
            new String[] {"metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} },", "")},
            // a pipeline-level on_failure lets an event the scrub refuses be stored as sent
            new String[] {"metrics-events-scrub", scrub.replaceFirst("\"processors\"",
                "\"on_failure\": [{\"privacy_custom_pipeline\": {\"pipeline\": \"none@custom\"}}], \"processors\"")},
            new String[] {"metrics-events-scrub", "{\"processors\": [{\"privacy_scrub\": {}}]}"},
            // the step kept, but made skippable
            new String[] {"metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} }",
                "{ \"privacy_scrub\": {\"ignore_failure\": true, \"allowed_fields\": [\"plan\"]} }")},
            new String[] {"metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} }", "{ \"privacy_scrub\": {\"if\": \"false\"} }")},
            new String[] {"metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} }",
                "{ \"privacy_scrub\": {\"on_failure\": [{\"privacy_custom_pipeline\": {\"pipeline\": \"none@custom\"}}]} }")},
            new String[] {"metrics-events-route", route.replace("{ \"privacy_route\": {} }", "")});
        for (String[] edit : edits) {
            String name = edit[0];
            assertThat(edit[1]).as("the edit changes something").isNotEqualTo(pipelines().get(name));
            ClusterState edited = state(b -> {}, Map.of(name, edit[1]));
            assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), edited, false))
                .as(edit[1]).hasMessageContaining("ingest pipeline [" + name + "] is not the definition privacy-metrics installed")
                .hasMessageContaining("POST _privacy/setup");
        }
        // the options operations.md documents for privacy_scrub are the operator's to change
        ClusterState options = state(b -> {}, Map.of("metrics-events-scrub", scrub.replace("{ \"privacy_scrub\": {} }",
            "{ \"privacy_scrub\": {\"allowed_fields\": [\"plan\"], \"forbidden_fields\": [\"account\"], \"detectors\": {\"email\": \"fail\"}} }")));
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), options, false)).isNull();
        // a rolling upgrade: the other release's definition (its own version, the plugin's _meta) is not an edit
        ClusterState upgrading = state(b -> {}, Map.of("metrics-events-scrub", scrub.replaceFirst("\"version\": \\d+", "\"version\": 99")
            .replace("{ \"event_dedupe\": {} }", "{ \"event_dedupe\": {} }, { \"privacy_route\": {} }")));
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("metrics-events")), upgrading, false)).isNull();
        assertThat(WriteGuard.refusal("indices:data/write/bulk", new BulkRequest().add(doc("logs")), state(b -> {},
            Map.of("metrics-events-scrub", "{\"processors\":[]}")), false)).as("other indices are none of its business").isNull();
    }

    private static Map<String, String> pipelines() {
        Map<String, String> out = new java.util.HashMap<>();
        for (SetupResources.Resource r : SetupResources.load()) {
            if (r.kind() == SetupResources.Kind.PIPELINE) {
                out.put(r.name(), new String(r.json(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static ClusterState state(java.util.function.Consumer<Metadata.Builder> more) {
        return state(more, Map.of());
    }

    /** Set up as the plugin does, with the plugin's pipelines, except those in {@code replaced} (name to definition). */
    private static ClusterState state(java.util.function.Consumer<Metadata.Builder> more, Map<String, String> replaced) {
        Map<String, PipelineConfiguration> installed = new java.util.HashMap<>();
        pipelines().forEach((name, json) -> installed.put(name, new PipelineConfiguration(name,
            new BytesArray(replaced.getOrDefault(name, json)), XContentType.JSON)));
        Metadata.Builder b = Metadata.builder().put("metrics-events-intake", intakeTemplate(Settings.builder()
                .put("index.final_pipeline", "metrics-events-scrub").put("index.default_pipeline", "metrics-events-route").build()))
            .put("metrics-events-daily", template(".privacy-metrics-events-*", 500))
            .putCustom(IngestMetadata.TYPE, new IngestMetadata(installed));
        more.accept(b);
        return ClusterState.builder(ClusterName.DEFAULT).metadata(b).build();
    }

    private static ComposableIndexTemplate intakeTemplate(Settings settings) {
        return ComposableIndexTemplate.builder().indexPatterns(List.of("metrics-events")).priority(501L)
            .template(new org.elasticsearch.cluster.metadata.Template(settings, null, null)).build();
    }

    private static ComposableIndexTemplate template(String pattern, long priority) {
        return ComposableIndexTemplate.builder().indexPatterns(List.of(pattern)).priority(priority).build();
    }

    private static Settings.Builder indexSettings() {
        return Settings.builder().put(IndexMetadata.SETTING_VERSION_CREATED, IndexVersion.current())
            .put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, 1).put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0);
    }
}
