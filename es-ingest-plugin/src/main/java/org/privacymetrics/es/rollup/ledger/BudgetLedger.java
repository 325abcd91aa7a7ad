package org.privacymetrics.es.rollup.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.index.engine.VersionConflictEngineException;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.calendar.Rotation;
import org.privacymetrics.es.rollup.SystemIndex;

/**
 * The privacy budget ledger: one document per rotation epoch (the privacy unit), holding the exact epsilon spent and
 * the limit that binds it, updated with optimistic concurrency (seq_no / primary_term) so that concurrent runs can
 * never overspend.
 *
 * <p>Epochs come from the calendar of the cluster's pinned rotation, never from the data: a run is charged on every
 * epoch its window overlaps before it reads anything. So no copy, relabelling or absence of data changes what is
 * charged.
 *
 * <p>The limit in force when an epoch is first charged is recorded in its entry and binds that epoch for good: raising
 * {@code privacy_metrics.budget.epsilon_per_epoch} later opens fresh epochs only. The rotation in force at the first
 * charge is recorded too; a node with another rotation refuses to charge (its labels would open fresh budgets for the
 * same people).
 */
public final class BudgetLedger {
    private static final int MAX_ATTEMPTS = 1000;
    static final String ROTATION_DOC = "ledger-rotation";
    private final SystemIndex index;
    private final Supplier<BigDecimal> limit;
    private final Rotation rotation;
    private final Clock clock;
    private final BudgetSummaries summaries;

    public BudgetLedger(SystemIndex index, Supplier<BigDecimal> limit, Rotation rotation, Clock clock) {
        this(index, limit, rotation, clock, BudgetSummaries.NONE);
    }

    /** A ledger that mirrors each epoch's summary to {@code summaries} after every change. */
    public BudgetLedger(SystemIndex index, Supplier<BigDecimal> limit, Rotation rotation, Clock clock, BudgetSummaries summaries) {
        this.index = index;
        this.limit = limit;
        this.rotation = rotation;
        this.clock = clock;
        this.summaries = summaries;
    }

    static String docId(String epoch) {
        return "ledger:" + epoch;
    }

    /**
     * Charges {@code epsilon} to run {@code runRef} on every epoch of {@code epochs}, all or nothing. Idempotent per run:
     * an epoch that already holds this run's charge is not charged again, so a run resumed after a crash at any point is
     * charged exactly once. Epochs are charged one by one with compare-and-set; if one is exhausted, the charges made by
     * this call are refunded (nothing has been read or released yet) and the call fails.
     *
     * @throws PrivacyBudgetExhaustedException if any epoch would exceed its limit
     */
    public void spend(List<String> epochs, BigDecimal epsilon, String runRef) {
        checkRotation();
        List<String> charged = new ArrayList<>();
        try {
            for (String epoch : epochs) {
                Outcome change = change(epoch, runRef, epsilon);
                if (change.kind() == Change.EXHAUSTED) {
                    throw new PrivacyBudgetExhaustedException("run [" + runRef + "] needs epsilon [" + epsilon.toPlainString()
                        + "] on each epoch its window overlaps " + epochs + "; exhausted: " + change.exhausted()
                        + ". An epoch's limit is the value of [privacy_metrics.budget.epsilon_per_epoch] when it was first charged");
                }
                if (change.kind() == Change.DONE) {
                    charged.add(epoch);
                }
            }
        } catch (RuntimeException e) {
            for (String epoch : charged) {
                try {
                    change(epoch, runRef, null);
                } catch (RuntimeException refundFailed) {
                    e.addSuppressed(refundFailed); // over-charged, never under-charged: conservative
                }
            }
            throw e;
        }
    }

    /**
     * Removes run {@code runRef}'s charges from {@code epochs}: only for a run that released nothing and never will (its
     * charge was refused part-way, before it read anything).
     */
    public void refund(List<String> epochs, String runRef) {
        for (String epoch : epochs) {
            change(epoch, runRef, null);
        }
    }

    private enum Change { DONE, ALREADY, EXHAUSTED }

    /** What one change did; {@code exhausted} says why an epoch refused. */
    private record Outcome(Change kind, String exhausted) {
        static final Outcome DONE = new Outcome(Change.DONE, null);
        static final Outcome ALREADY = new Outcome(Change.ALREADY, null);
    }

    /**
     * Adds ({@code epsilon} not null) or removes (null) run {@code runRef}'s charge on one epoch, with compare-and-set,
     * creating the entry (and recording the limit now in force) on first use.
     */
    @SuppressWarnings("unchecked")
    private Outcome change(String epoch, String runRef, BigDecimal epsilon) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            GetResponse get = index.get(docId(epoch));
            Map<String, Object> src = get.isExists() ? get.getSourceAsMap() : Map.of();
            List<Map<String, Object>> charges = new ArrayList<>();
            if (src.get("charges") instanceof List<?> l) {
                for (Object o : l) {
                    charges.add((Map<String, Object>) o);
                }
            }
            boolean present = charges.stream().anyMatch(c -> runRef.equals(c.get("run")));
            BigDecimal spent = get.isExists() ? new BigDecimal((String) src.get("spent")) : BigDecimal.ZERO;
            BigDecimal max = get.isExists() ? limitOf(src) : limit.get();
            BigDecimal next;
            if (epsilon != null) {
                if (present) {
                    return Outcome.ALREADY;
                }
                next = spent.add(epsilon);
                if (next.compareTo(max) > 0) {
                    return new Outcome(Change.EXHAUSTED, "epoch [" + epoch + "] spent [" + plain(spent) + "] of its limit [" + plain(max)
                        + "], remaining [" + plain(max.subtract(spent).max(BigDecimal.ZERO)) + "]");
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("run", runRef);
                c.put("epsilon", epsilon.toPlainString());
                charges.add(c);
            } else {
                if (!present) {
                    return Outcome.ALREADY;
                }
                BigDecimal removed = BigDecimal.ZERO;
                for (Map<String, Object> c : charges) {
                    if (runRef.equals(c.get("run"))) {
                        removed = removed.add(new BigDecimal((String) c.get("epsilon")));
                    }
                }
                charges.removeIf(c -> runRef.equals(c.get("run")));
                next = spent.subtract(removed).max(BigDecimal.ZERO);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("type", "ledger");
            doc.put("epoch", epoch);
            doc.put("rotation", rotation.name());
            doc.put("limit", max.toPlainString());
            doc.put("spent", next.toPlainString());
            doc.put("runs", charges.size());
            doc.put("charges", charges);
            doc.put("created_at", get.isExists() ? src.get("created_at") : Instant.now(clock).toString());
            doc.put("updated_at", Instant.now(clock).toString());
            IndexRequest req = new IndexRequest(SystemIndex.NAME).id(docId(epoch)).source(doc)
                .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
            if (get.isExists()) {
                req.setIfSeqNo(get.getSeqNo()).setIfPrimaryTerm(get.getPrimaryTerm());
            } else {
                req.opType(DocWriteRequest.OpType.CREATE);
            }
            try {
                long seqNo = index.write(req).getSeqNo();
                summaries.publish(epoch, BudgetSummaries.summary(epoch, rotation.name(), max, next, charges.size(), doc.get("updated_at")),
                    seqNo);
                return Outcome.DONE;
            } catch (VersionConflictEngineException conflict) {
                // someone charged this epoch concurrently: re-read and re-check
            }
        }
        throw new IllegalStateException("could not update the budget ledger after [" + MAX_ATTEMPTS + "] attempts");
    }

    /** The rotation is recorded at the first charge; a node with another one refuses (400: a configuration error). */
    private void checkRotation() {
        GetResponse get = index.get(ROTATION_DOC);
        if (get.isExists()) {
            Object recorded = get.getSourceAsMap().get("rotation");
            if (!rotation.name().equals(recorded)) {
                throw new ElasticsearchStatusException("this node's [" + Names.ROTATION_SETTING + "] is [" + rotation.name()
                    + "] but the budget ledger was started with [" + recorded + "]; every node must keep the rotation the ledger"
                    + " started with (changing it would open fresh budgets for the same people)", RestStatus.BAD_REQUEST);
            }
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "ledger_rotation");
        doc.put("rotation", rotation.name());
        doc.put("created_at", Instant.now(clock).toString());
        try {
            index.write(new IndexRequest(SystemIndex.NAME).id(ROTATION_DOC).source(doc).opType(DocWriteRequest.OpType.CREATE)
                .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
        } catch (VersionConflictEngineException raced) {
            checkRotation(); // another node recorded it first: compare with that
        }
    }

    private BigDecimal limitOf(Map<String, Object> entry) {
        Object recorded = entry.get("limit");
        // Entries of releases before the limit was recorded: the limit in force now binds from this first use on.
        return recorded instanceof String s ? new BigDecimal(s) : limit.get();
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /**
     * The ledger as shown by {@code GET _privacy/budget}: the rotation, the limit new epochs will get, then per epoch its
     * own limit, spent, remaining and its runs.
     */
    public Map<String, Object> describe() {
        Map<String, List<Map<String, Object>>> runsByEpoch = new HashMap<>();
        // Only the fields listed: a run record also holds its whole released answer (up to 200,000 rows), which the
        // listing does not show and must not load.
        String[] runFields = {"job", "run_id", "window_start", "epsilon", "status", "error", "created_at", "epochs"};
        for (Map<String, Object> run : search("run", "created_at", runFields)) {
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
        for (Map<String, Object> doc : search("ledger", "epoch", null)) {
            String epoch = (String) doc.get("epoch");
            BigDecimal spent = new BigDecimal((String) doc.get("spent"));
            BigDecimal max = limitOf(doc);
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("epoch", epoch);
            unit.put("epsilon_limit", max.doubleValue());
            unit.put("epsilon_spent", spent.doubleValue());
            unit.put("epsilon_remaining", max.subtract(spent).max(BigDecimal.ZERO).doubleValue());
            unit.put("exhausted", spent.compareTo(max) >= 0);
            unit.put("updated_at", doc.get("updated_at"));
            unit.put("runs", runsByEpoch.getOrDefault(epoch, List.of()));
            units.add(unit);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rotation", rotation.name());
        out.put("epsilon_per_epoch", limit.get().doubleValue());
        out.put("epochs", units);
        return out;
    }

    private List<Map<String, Object>> search(String type, String sortField, String[] fields) {
        SearchSourceBuilder source = new SearchSourceBuilder().query(QueryBuilders.termQuery("type", type)).size(10_000)
            .sort(sortField, SortOrder.ASC);
        if (fields != null) {
            source.fetchSource(fields, null);
        }
        SearchRequest req = new SearchRequest(SystemIndex.NAME).source(source);
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
