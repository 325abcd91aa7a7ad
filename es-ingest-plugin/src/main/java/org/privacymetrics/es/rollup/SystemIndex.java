package org.privacymetrics.es.rollup;

import java.util.List;
import java.util.Map;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.action.DocWriteResponse;
import org.elasticsearch.action.admin.indices.create.CreateIndexRequest;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexNotFoundException;
import org.elasticsearch.indices.SystemIndexDescriptor;

/**
 * The plugin's system index {@code .privacy-metrics-rollups}: jobs, run records and the budget ledger. Every access runs
 * with the {@link #ORIGIN} origin (with security on: as the internal user, not as the caller), so callers need only the
 * rollup action privileges and no user needs, or should get, privileges on the ledger itself. Calls block: callers run
 * on the generic thread pool.
 */
public final class SystemIndex {
    public static final String NAME = org.privacymetrics.es.Names.ROLLUP_SYSTEM_INDEX;
    public static final String PATTERN = NAME + "*";

    /** Fields that are searched; everything else (job definitions, stored responses) is kept in _source only. */
    static final Map<String, Object> MAPPINGS = Map.of(
        "dynamic", false,
        "properties", Map.of(
            "type", Map.of("type", "keyword"),
            "epoch", Map.of("type", "keyword"),
            "job", Map.of("type", "keyword"),
            "run_id", Map.of("type", "keyword"),
            "status", Map.of("type", "keyword"),
            "schedule", Map.of("type", "boolean"),
            "created_at", Map.of("type", "date"),
            "updated_at", Map.of("type", "date")));

    /** Origin of the plugin's own operations. */
    public static final String ORIGIN = org.privacymetrics.es.Names.ORIGIN;

    private final Client client;

    public SystemIndex(Client client) {
        this.client = new OriginSettingClient(client, ORIGIN);
    }

    /** Descriptor registered by the plugin (unmanaged: the index is created by {@link #ensureExists()}). */
    public static SystemIndexDescriptor descriptor() {
        return SystemIndexDescriptor.builder()
            .setIndexPattern(PATTERN)
            .setDescription("privacy-metrics rollup jobs, runs and the privacy budget ledger")
            .setType(SystemIndexDescriptor.Type.INTERNAL_UNMANAGED)
            .build();
    }

    public void ensureExists() {
        try {
            client.admin().indices().create(new CreateIndexRequest(NAME)
                .settings(Settings.builder().put("index.number_of_shards", 1).put("index.auto_expand_replicas", "0-1").put("index.hidden", true))
                .mapping(MAPPINGS)).actionGet();
        } catch (ResourceAlreadyExistsException exists) {
            // fine: created by an earlier call or another node
        }
    }

    public GetResponse get(String id) {
        return client.get(new GetRequest(NAME, id)).actionGet();
    }

    public DocWriteResponse write(IndexRequest request) {
        return client.index(request).actionGet();
    }

    public void delete(String id) {
        client.delete(new DeleteRequest(NAME, id).setRefreshPolicy(org.elasticsearch.action.support.WriteRequest.RefreshPolicy.IMMEDIATE)).actionGet();
    }

    public void delete(DeleteRequest request) {
        client.delete(request).actionGet();
    }

    /** Search, or null if the index does not exist yet. The caller must decRef the response. */
    public SearchResponse search(SearchRequest request) {
        try {
            return client.search(request).actionGet();
        } catch (IndexNotFoundException missing) {
            return null;
        }
    }

    static List<String> names() {
        return List.of(NAME);
    }
}
