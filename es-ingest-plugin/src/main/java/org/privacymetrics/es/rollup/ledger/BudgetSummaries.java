package org.privacymetrics.es.rollup.ledger;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.action.admin.indices.create.CreateIndexRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.index.engine.VersionConflictEngineException;
import org.privacymetrics.es.Names;

/**
 * Mirrors each epoch's budget summary (epoch, rotation, limit, spent, remaining, number of runs, last update: never data)
 * into {@value Names#BUDGET_SUMMARY_INDEX}, which analysts and the dashboards read with the shipped viewer role, since
 * Kibana panels can query indices but not {@code GET _privacy/budget}.
 *
 * <p>The ledger in the plugin's system index stays the only truth that runs are charged against; this index is a
 * read-only view for people (no shipped role may write it). Each summary is written with the ledger entry's sequence
 * number as its external version, so a slower writer can never replace a newer summary with an older one. A summary
 * that could not be written is logged and written again by the epoch's next change.
 */
public final class BudgetSummaries {
    private static final Logger LOG = LogManager.getLogger(BudgetSummaries.class);
    /** For tests and callers that keep no view. */
    public static final BudgetSummaries NONE = new BudgetSummaries(null);

    private final Client client;

    /** {@code client} must act as the plugin (an origin client). */
    public BudgetSummaries(Client client) {
        this.client = client;
    }

    /** The summary shown for one ledger entry. */
    static Map<String, Object> summary(String epoch, String rotation, BigDecimal limit, BigDecimal spent, int runs, Object updatedAt) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("epoch", epoch);
        doc.put("rotation", rotation);
        doc.put("epsilon_limit", limit.doubleValue());
        doc.put("epsilon_spent", spent.doubleValue());
        doc.put("epsilon_remaining", limit.subtract(spent).max(BigDecimal.ZERO).doubleValue());
        doc.put("exhausted", spent.compareTo(limit) >= 0);
        doc.put("runs", runs);
        doc.put("updated_at", updatedAt);
        return doc;
    }

    /** Writes {@code summary} of {@code epoch}, the state of its ledger entry at sequence number {@code seqNo}. */
    void publish(String epoch, Map<String, Object> summary, long seqNo) {
        if (client == null) {
            return;
        }
        try {
            ensureIndex();
            client.index(new IndexRequest(Names.BUDGET_SUMMARY_INDEX).id(epoch).source(summary)
                .versionType(VersionType.EXTERNAL).version(seqNo + 1)
                .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE)).actionGet();
        } catch (VersionConflictEngineException newer) {
            // a newer state of this epoch is shown already
        } catch (RuntimeException e) {
            LOG.warn("could not update the budget summary of epoch [{}] in [{}] (the ledger itself is up to date; the next charge of"
                + " this epoch writes it again): {}", epoch, Names.BUDGET_SUMMARY_INDEX, e.toString());
        }
    }

    private void ensureIndex() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("epoch", Map.of("type", "keyword"));
        properties.put("rotation", Map.of("type", "keyword"));
        for (String f : new String[] { "epsilon_limit", "epsilon_spent", "epsilon_remaining" }) {
            properties.put(f, Map.of("type", "double"));
        }
        properties.put("exhausted", Map.of("type", "boolean"));
        properties.put("runs", Map.of("type", "long"));
        properties.put("updated_at", Map.of("type", "date"));
        try {
            client.admin().indices().create(new CreateIndexRequest(Names.BUDGET_SUMMARY_INDEX)
                .settings(Settings.builder().put("index.number_of_shards", 1).put("index.auto_expand_replicas", "0-1"))
                .mapping(Map.of("dynamic", "strict", "properties", properties))).actionGet();
        } catch (ResourceAlreadyExistsException exists) {
            // created by an earlier charge
        }
    }
}
