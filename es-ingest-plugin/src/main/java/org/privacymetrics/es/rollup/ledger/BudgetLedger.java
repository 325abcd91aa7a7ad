package org.privacymetrics.es.rollup.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.index.engine.VersionConflictEngineException;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;
import org.privacymetrics.es.rollup.SystemIndex;

/**
 * The privacy budget ledger: one document per epoch label of the raw data, holding the exact epsilon spent, updated with
 * optimistic concurrency (seq_no / primary_term) so that concurrent runs can never overspend.
 *
 * <p>Why the epoch label is the whole key: every raw event lives in {@code metrics-events-*} and the privacy unit is a
 * user within one id epoch, so all jobs, source patterns and window sizes reading events of epoch E draw on E's budget.
 * Keying by label alone is the conservative choice: no spelling of a pattern can open a fresh budget.
 */
public final class BudgetLedger {
    private static final int MAX_ATTEMPTS = 1000;
    private final SystemIndex index;
    private final Supplier<BigDecimal> limit;

    public BudgetLedger(SystemIndex index, Supplier<BigDecimal> limit) {
        this.index = index;
        this.limit = limit;
    }

    static String docId(String epoch) {
        return "ledger:" + epoch;
    }

    /**
     * Spends {@code epsilon} on every epoch of {@code epochs}, all or nothing: every unit is checked first, then updated
     * with compare-and-set; a conflict re-reads and re-checks.
     *
     * @throws PrivacyBudgetExhaustedException if any epoch would exceed the limit
     */
    public void spend(List<String> epochs, BigDecimal epsilon, String runRef) {
        // Runs touch at most one epoch (the service refuses windows spanning more), so all-or-nothing reduces to one
        // compare-and-set; for several we check all first and apply in order, refusing before any write.
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<GetResponse> current = new ArrayList<>();
            List<String> exhausted = new ArrayList<>();
            BigDecimal max = limit.get();
            for (String epoch : epochs) {
                GetResponse get = index.get(docId(epoch));
                current.add(get);
                BigDecimal spent = spentOf(get);
                if (spent.add(epsilon).compareTo(max) > 0) {
                    exhausted.add("epoch [" + epoch + "] spent [" + spent.stripTrailingZeros().toPlainString() + "] of [" + max.stripTrailingZeros().toPlainString()
                        + "], remaining [" + max.subtract(spent).max(BigDecimal.ZERO).stripTrailingZeros().toPlainString() + "]");
                }
            }
            if (!exhausted.isEmpty()) {
                throw new PrivacyBudgetExhaustedException("run [" + runRef + "] needs epsilon [" + epsilon.toPlainString()
                    + "] on each epoch it touches; exhausted units: " + String.join("; ", exhausted)
                    + ". Limit: cluster setting [privacy_metrics.budget.epsilon_per_epoch]");
            }
            try {
                for (int i = 0; i < epochs.size(); i++) {
                    GetResponse get = current.get(i);
                    BigDecimal next = spentOf(get).add(epsilon);
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("type", "ledger");
                    doc.put("epoch", epochs.get(i));
                    doc.put("spent", next.toPlainString());
                    doc.put("runs", runsOf(get) + 1);
                    doc.put("updated_at", Instant.now().toString());
                    IndexRequest req = new IndexRequest(SystemIndex.NAME).id(docId(epochs.get(i))).source(doc)
                        .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
                    if (get.isExists()) {
                        req.setIfSeqNo(get.getSeqNo()).setIfPrimaryTerm(get.getPrimaryTerm());
                    } else {
                        req.opType(DocWriteRequest.OpType.CREATE);
                    }
                    index.write(req);
                }
                return;
            } catch (VersionConflictEngineException conflict) {
                // Someone spent concurrently: re-read and re-check.
                if (epochs.size() > 1) {
                    throw new IllegalStateException("concurrent spend on a multi-epoch run; retry", conflict);
                }
            }
        }
        throw new IllegalStateException("could not update the budget ledger after [" + MAX_ATTEMPTS + "] attempts");
    }

    private static BigDecimal spentOf(GetResponse get) {
        if (!get.isExists()) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal((String) get.getSourceAsMap().get("spent"));
    }

    private static int runsOf(GetResponse get) {
        if (!get.isExists()) {
            return 0;
        }
        Object runs = get.getSourceAsMap().get("runs");
        return runs instanceof Number n ? n.intValue() : 0;
    }

    /** The ledger as shown by {@code GET _privacy/budget}: limit, then per epoch spent, remaining and its runs. */
    public Map<String, Object> describe() {
        BigDecimal max = limit.get();
        Map<String, List<Map<String, Object>>> runsByEpoch = new HashMap<>();
        for (Map<String, Object> run : search("run", "created_at")) {
            Object epochs = run.get("epochs");
            if (epochs instanceof List<?> list) {
                for (Object e : list) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    for (String k : List.of("job", "run_id", "window_start", "epsilon", "status", "error", "created_at")) {
                        if (run.get(k) != null) {
                            r.put(k, run.get(k));
                        }
                    }
                    runsByEpoch.computeIfAbsent(String.valueOf(e), x -> new ArrayList<>()).add(r);
                }
            }
        }
        List<Map<String, Object>> units = new ArrayList<>();
        for (Map<String, Object> doc : search("ledger", "epoch")) {
            String epoch = (String) doc.get("epoch");
            BigDecimal spent = new BigDecimal((String) doc.get("spent"));
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("epoch", epoch);
            unit.put("epsilon_spent", spent.doubleValue());
            unit.put("epsilon_remaining", max.subtract(spent).max(BigDecimal.ZERO).doubleValue());
            unit.put("exhausted", spent.compareTo(max) >= 0);
            unit.put("updated_at", doc.get("updated_at"));
            unit.put("runs", runsByEpoch.getOrDefault(epoch, List.of()));
            units.add(unit);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epsilon_per_epoch", max.doubleValue());
        out.put("epochs", units);
        return out;
    }

    private List<Map<String, Object>> search(String type, String sortField) {
        SearchRequest req = new SearchRequest(SystemIndex.NAME).source(new SearchSourceBuilder()
            .query(QueryBuilders.termQuery("type", type)).size(10_000).sort(sortField, SortOrder.ASC));
        List<Map<String, Object>> out = new ArrayList<>();
        SearchResponse resp = index.search(req);
        if (resp == null) {
            return out;
        }
        try {
            for (SearchHit hit : resp.getHits().getHits()) {
                out.add(hit.getSourceAsMap());
            }
        } finally {
            resp.decRef();
        }
        return out;
    }
}
