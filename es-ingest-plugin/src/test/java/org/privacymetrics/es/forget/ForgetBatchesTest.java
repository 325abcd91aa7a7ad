package org.privacymetrics.es.forget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexVersion;
import org.junit.jupiter.api.Test;

class ForgetBatchesTest {

    private static final BiFunction<String, String, String> REKEY = (id, label) -> label + "/" + id;

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format(java.util.Locale.ROOT, "%032x", i)).toList();
    }

    private static Set<String> pairs(List<ForgetBatches.Batch> batches) {
        Set<String> out = new HashSet<>();
        for (ForgetBatches.Batch b : batches) {
            b.storedIdsByLabel().forEach((label, stored) -> stored.forEach(s -> {
                assertThat(s).startsWith(label + "/"); // each group is filtered on the label its ids were re-keyed for
                assertThat(out.add(s)).as("pair planned twice").isTrue();
            }));
        }
        return out;
    }

    @Test
    void tenThousandIdsTimesElevenLabelsStayBelowTheDefaultTermsLimit() {
        // the reported failure: 10,000 ids x 11 labels = 110,000 terms in one query
        List<String> labels = IntStream.rangeClosed(1, 11).mapToObj(m -> "2026-" + (m < 10 ? "0" : "") + m).toList();
        List<ForgetBatches.Batch> batches = ForgetBatches.plan(labels, ids(10_000), REKEY, ForgetService.MAX_TERMS_PER_QUERY,
            ForgetService.MAX_LABELS_PER_QUERY);
        assertThat(pairs(batches)).hasSize(110_000);
        assertThat(batches).hasSize(6).allSatisfy(b -> assertThat(b.terms()).isLessThanOrEqualTo(20_000));
        assertThat(batches.stream().mapToInt(ForgetBatches.Batch::terms).sum()).isEqualTo(110_000);
    }

    @Test
    void aLabelIsSplitWhenTheLimitIsSmallAndEveryPairIsPlannedOnce() {
        List<ForgetBatches.Batch> batches = ForgetBatches.plan(List.of("2026-W47", "2026-11", "2026-11-22"), ids(7), REKEY, 5, 10);
        assertThat(pairs(batches)).hasSize(21);
        assertThat(batches).allSatisfy(b -> assertThat(b.terms()).isLessThanOrEqualTo(5));
        assertThat(batches).hasSize(5); // ceil(21 / 5)
    }

    @Test
    void manyLabelsWithFewIdsAreGroupedUpToTheClauseLimit() {
        List<String> labels = IntStream.range(0, 1000).mapToObj(i -> String.format(java.util.Locale.ROOT, "2026-%02d-%02d", 1 + i / 28, 1 + i % 28))
            .toList();
        List<ForgetBatches.Batch> batches = ForgetBatches.plan(labels, ids(2), REKEY, 20_000, 256);
        assertThat(pairs(batches)).hasSize(2000);
        assertThat(batches).hasSize(4).allSatisfy(b -> assertThat(b.storedIdsByLabel()).hasSizeLessThanOrEqualTo(256));
    }

    @Test
    void duplicatesAreDroppedAndNoLabelsMeansNoQuery() {
        assertThat(pairs(ForgetBatches.plan(List.of("2026-11"), List.of("a", "a", "b"), REKEY, 10, 10))).hasSize(2);
        assertThat(ForgetBatches.plan(List.of(), ids(10), REKEY, 10, 10)).isEmpty();
        assertThatThrownBy(() -> ForgetBatches.plan(List.of("x"), ids(1), REKEY, 0, 1)).hasMessageContaining("terms [0]");
    }

    @Test
    void theQueryFiltersEachLabelAndItsIds() {
        String query = ForgetBatches.plan(List.of("2026-11"), ids(1), REKEY, 10, 10).get(0).query().toString();
        assertThat(query).contains("\"metrics_epoch\"").contains("2026-11").contains("\"metrics_id\"").contains("2026-11/" + ids(1).get(0));
    }

    @Test
    void theTermsPerQueryFollowTheLowestIndexLimitAndAClosedRawIndexFails() {
        IndexMetadata low = index("metrics-events-2026.11.01", Settings.builder().put("index.max_terms_count", 500), IndexMetadata.State.OPEN);
        IndexMetadata dflt = index(".privacy-metrics-events-2026.11.02", Settings.builder(), IndexMetadata.State.OPEN);
        assertThat(ForgetService.maxTermsPerQuery(List.of(dflt))).isEqualTo(ForgetService.MAX_TERMS_PER_QUERY);
        assertThat(ForgetService.maxTermsPerQuery(List.of(dflt, low))).isEqualTo(500);
        assertThat(ForgetService.maxTermsPerQuery(List.of())).isEqualTo(ForgetService.MAX_TERMS_PER_QUERY);
        IndexMetadata closed = index(".privacy-metrics-events-2026.11.03", Settings.builder(), IndexMetadata.State.CLOSE);
        assertThatThrownBy(() -> ForgetService.maxTermsPerQuery(new ArrayList<>(List.of(dflt, closed))))
            .isInstanceOf(ElasticsearchStatusException.class)
            .hasMessageContaining("raw index [.privacy-metrics-events-2026.11.03] is closed");
    }

    private static IndexMetadata index(String name, Settings.Builder settings, IndexMetadata.State state) {
        return IndexMetadata.builder(name).settings(settings.put(IndexMetadata.SETTING_VERSION_CREATED, IndexVersion.current())
            .put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, 1).put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0)).state(state).build();
    }
}
