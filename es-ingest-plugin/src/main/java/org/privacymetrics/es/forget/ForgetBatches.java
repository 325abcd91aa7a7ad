package org.privacymetrics.es.forget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;

/**
 * Splits the (edge id × epoch label) pairs of one forget request into queries that each stay within the terms and
 * clause limits of a search. The stored id of an event depends on its {@code metrics_epoch}, so each label gets its own
 * {@code terms} query on {@code metrics_id}, filtered on the label; a batch is a disjunction of such groups.
 */
final class ForgetBatches {

    /** One query: stored ids per label, at most the batch's term and group limits. */
    record Batch(Map<String, List<String>> storedIdsByLabel) {

        int terms() {
            return storedIdsByLabel.values().stream().mapToInt(List::size).sum();
        }

        /** {@code bool.should} of (label filter AND stored-id terms), at least one must match. */
        QueryBuilder query() {
            BoolQueryBuilder any = QueryBuilders.boolQuery().minimumShouldMatch(1);
            storedIdsByLabel.forEach((label, ids) -> any.should(QueryBuilders.boolQuery()
                .filter(QueryBuilders.termQuery(ForgetService.EPOCH_FIELD, label))
                .filter(QueryBuilders.termsQuery(ForgetService.ID_FIELD, ids))));
            return QueryBuilders.constantScoreQuery(any);
        }
    }

    private ForgetBatches() {
    }

    /**
     * @param labels the epoch labels present in the raw indices
     * @param edgeIds the request's edge ids (duplicates are dropped)
     * @param rekey (edge id, label) to stored id
     * @param maxTerms most stored ids in one batch, so in each of its terms queries (below {@code index.max_terms_count})
     * @param maxGroups most labels in one batch (bounds the boolean clauses)
     * @return batches covering every (id, label) pair exactly once; empty when there are no labels
     */
    static List<Batch> plan(Iterable<String> labels, List<String> edgeIds, BiFunction<String, String, String> rekey, int maxTerms,
                            int maxGroups) {
        if (maxTerms < 1 || maxGroups < 1) {
            throw new IllegalArgumentException("batch limits must be positive, got terms [" + maxTerms + "] groups [" + maxGroups + "]");
        }
        List<String> ids = List.copyOf(new TreeSet<>(edgeIds));
        List<Batch> batches = new ArrayList<>();
        Map<String, List<String>> current = new LinkedHashMap<>();
        int currentTerms = 0;
        for (String label : new TreeSet<String>(toList(labels))) {
            int from = 0;
            while (from < ids.size()) {
                if (currentTerms == maxTerms || current.size() == maxGroups) {
                    batches.add(new Batch(current));
                    current = new LinkedHashMap<>();
                    currentTerms = 0;
                }
                int to = Math.min(ids.size(), from + maxTerms - currentTerms);
                List<String> stored = new ArrayList<>(to - from);
                for (String id : ids.subList(from, to)) {
                    stored.add(rekey.apply(id, label));
                }
                // a label split over two batches is two groups, one per batch
                current.put(label, stored);
                currentTerms += stored.size();
                from = to;
                if (from < ids.size()) {
                    batches.add(new Batch(current));
                    current = new LinkedHashMap<>();
                    currentTerms = 0;
                }
            }
        }
        if (current.isEmpty() == false) {
            batches.add(new Batch(current));
        }
        return batches;
    }

    private static List<String> toList(Iterable<String> labels) {
        List<String> out = new ArrayList<>();
        labels.forEach(out::add);
        return out;
    }
}
