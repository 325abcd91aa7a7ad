package org.privacymetrics.es.rollup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.action.admin.indices.create.CreateIndexRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.common.settings.Settings;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.rollup.job.RollupJob;

/**
 * Writes a run's released rows to {@code privacy-rollups-<job>}, as the plugin (no shipped role may write there). Ids
 * are {@code <run_id>:<n>}, so writing the same stored answer again (a resumed run) overwrites, never duplicates.
 */
final class ResultsWriter {
    private final Client client;

    ResultsWriter(Client client) {
        this.client = client;
    }

    static String index(String job) {
        return Names.ROLLUP_RESULTS_PREFIX + job;
    }

    /** Rows per bulk request: a 200,000-row answer is written in bounded pieces, not one request holding every row. */
    static final int ROWS_PER_BULK = 5000;

    @SuppressWarnings("unchecked")
    void write(RollupJob job, Map<String, Object> response, String generatedAt) {
        String index = index(job.name());
        String runId = (String) response.get("run_id");
        ensureIndex(index, job);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) response.get("results");
        for (int from = 0; from < rows.size(); from += ROWS_PER_BULK) {
            boolean last = from + ROWS_PER_BULK >= rows.size();
            // visible once the last piece is written (a run interrupted in between rewrites every row on retry)
            BulkRequest bulk = new BulkRequest().setRefreshPolicy(last ? WriteRequest.RefreshPolicy.IMMEDIATE : WriteRequest.RefreshPolicy.NONE);
            for (int i = from; i < Math.min(rows.size(), from + ROWS_PER_BULK); i++) {
                Map<String, Object> row = rows.get(i);
                Map<String, Object> doc = new LinkedHashMap<>(row);
                doc.put("job", job.name());
                doc.put("window_start", response.get("window_start"));
                doc.put("window", job.window().apiName());
                doc.put("run_id", runId);
                doc.put("epsilon", job.measures().get(org.privacymetrics.es.rollup.job.Measure.fromApiName((String) row.get("measure"))).epsilonValue());
                doc.put("generated_at", generatedAt);
                bulk.add(new IndexRequest(index).id(runId + ":" + i).source(doc));
            }
            BulkResponse r = client.bulk(bulk).actionGet();
            if (r.hasFailures()) {
                throw new IllegalStateException("writing results to [" + index + "] failed: " + r.buildFailureMessage());
            }
        }
    }

    private void ensureIndex(String index, RollupJob job) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String d : job.dimensions().keySet()) {
            properties.put(d, Map.of("type", "keyword"));
        }
        for (String f : List.of("measure", "job", "window", "epochs", "run_id")) {
            properties.put(f, Map.of("type", "keyword"));
        }
        properties.put("value", Map.of("type", "long"));
        properties.put("ci95", Map.of("type", "long"));
        properties.put("noise_scale", Map.of("type", "double"));
        properties.put("epsilon", Map.of("type", "double"));
        properties.put("window_start", Map.of("type", "date", "format", "strict_date_optional_time"));
        properties.put("generated_at", Map.of("type", "date"));
        try {
            client.admin().indices().create(new CreateIndexRequest(index)
                .settings(Settings.builder().put("index.number_of_shards", 1).put("index.auto_expand_replicas", "0-1"))
                .mapping(Map.of("properties", properties))).actionGet();
        } catch (ResourceAlreadyExistsException exists) {
            // created by an earlier run
        }
    }
}
