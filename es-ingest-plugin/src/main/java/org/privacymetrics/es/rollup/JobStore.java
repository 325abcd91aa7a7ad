package org.privacymetrics.es.rollup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.privacymetrics.es.rollup.job.RollupJob;

/** Job definitions in the plugin's system index ({@code job:<name>}), next to their schedule state. */
public final class JobStore {
    private final SystemIndex index;
    private final Clock clock;

    public JobStore(SystemIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    static String docId(String name) {
        return "job:" + name;
    }

    /** Validates and stores a job (replacing one of the same name; its schedule state is kept). */
    public Map<String, Object> put(String name, Map<String, Object> body) {
        RollupJob job = RollupJob.parse(name, body);
        GetResponse existing = index.get(docId(name));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "job");
        doc.put("job", name);
        doc.put("definition", job.toMap());
        doc.put("schedule", job.schedule());
        doc.put("created_at", existing.isExists() ? existing.getSourceAsMap().get("created_at") : Instant.now(clock).toString());
        doc.put("updated_at", Instant.now(clock).toString());
        index.write(new IndexRequest(SystemIndex.NAME).id(docId(name)).source(doc).setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acknowledged", true);
        out.put("job", name);
        out.put("epsilon_per_run", job.epsilonPerRun().toBigDecimal().doubleValue());
        return out;
    }

    /** @throws ResourceNotFoundException (404) when there is no such job */
    @SuppressWarnings("unchecked")
    public RollupJob get(String name) {
        return RollupJob.parse(name, (Map<String, Object>) source(name).get("definition"));
    }

    /** When the job was first stored. */
    public Instant storedAt(String name) {
        return Instant.parse((String) source(name).get("created_at"));
    }

    private Map<String, Object> source(String name) {
        GetResponse get = index.get(docId(name));
        if (!get.isExists()) {
            throw new ResourceNotFoundException("rollup job [" + name + "] does not exist");
        }
        return get.getSourceAsMap();
    }

    /** Whether a job named {@code name} is stored. */
    public boolean exists(String name) {
        return index.get(docId(name)).isExists();
    }

    /** Names of the stored jobs, at most {@code limit} of them. */
    public List<String> names(int limit) {
        List<String> out = new ArrayList<>();
        SearchResponse resp = index.search(new SearchRequest(SystemIndex.NAME).source(new SearchSourceBuilder().size(limit)
            .fetchSource("job", null).query(QueryBuilders.termQuery("type", "job"))));
        if (resp == null) {
            return out;
        }
        try {
            for (SearchHit hit : resp.getHits().getHits()) {
                out.add(String.valueOf(hit.getSourceAsMap().get("job")));
            }
        } finally {
            resp.decRef();
        }
        return out;
    }

    /** Removes the job and its schedule state; its results, run records and ledger charges stay. */
    public Map<String, Object> delete(String name) {
        source(name);
        index.delete(docId(name));
        index.delete(ScheduleState.docId(name));
        return Map.of("acknowledged", true, "job", name);
    }

    /** Names of the stored scheduled jobs, with their definitions and when they were first stored. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> scheduled() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        SearchResponse resp = index.search(new SearchRequest(SystemIndex.NAME).source(new SearchSourceBuilder().size(10_000)
            .query(QueryBuilders.boolQuery().filter(QueryBuilders.termQuery("type", "job")).filter(QueryBuilders.termQuery("schedule", true)))));
        if (resp == null) {
            return out;
        }
        try {
            for (SearchHit hit : resp.getHits().getHits()) {
                Map<String, Object> src = hit.getSourceAsMap();
                out.put((String) src.get("job"), src);
            }
        } finally {
            resp.decRef();
        }
        return out;
    }
}
