package org.privacymetrics.es.rollup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.DocWriteResponse;
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
import org.elasticsearch.index.get.GetResult;
import org.elasticsearch.index.seqno.SequenceNumbers;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.xcontent.json.JsonXContent;
import org.privacymetrics.es.compat.EsAdapter;

/**
 * The plugin's system index {@code .privacy-metrics-rollups}: jobs, run records and the budget ledger. Every access runs
 * with the {@link #ORIGIN} origin (with security on: as the internal user, not as the caller), so callers need only the
 * rollup action privileges and no user needs, or should get, privileges on the ledger itself. Calls block: callers run
 * on the generic thread pool.
 *
 * <p>The index is <em>managed</em> by Elasticsearch from {@link #descriptor()}: created with these settings and mappings
 * on the first write, and its mappings upgraded when {@link #MAPPINGS_VERSION} grows (raise it with every change of
 * {@link #MAPPINGS}). Until the first write it does not exist: reads find nothing ({@link #get} answers "not found",
 * {@link #search} null).
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

    /**
     * Version of {@link #MAPPINGS}, in the mappings' {@code _meta.managed_index_mappings_version}: Elasticsearch updates
     * the mappings of an existing index whose version is lower (1: the first managed mappings; an index of an earlier
     * release, created by the plugin itself, has none and is updated).
     */
    static final int MAPPINGS_VERSION = 1;

    static final Settings SETTINGS = Settings.builder()
        .put("index.number_of_shards", 1)
        .put("index.auto_expand_replicas", "0-1")
        .put("index.hidden", true)
        .build();

    /** Origin of the plugin's own operations. */
    public static final String ORIGIN = org.privacymetrics.es.Names.ORIGIN;

    private final Client client;

    public SystemIndex(Client client) {
        this.client = new OriginSettingClient(client, ORIGIN);
    }

    /** Descriptor registered by the plugin: a managed internal system index with its settings, mappings and origin. */
    public static SystemIndexDescriptor descriptor() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(SystemIndexDescriptor.VERSION_META_KEY, MAPPINGS_VERSION);
        SystemIndexDescriptor.Builder builder = SystemIndexDescriptor.builder()
            .setIndexPattern(PATTERN)
            .setPrimaryIndex(NAME)
            .setDescription("privacy-metrics rollup jobs, runs and the privacy budget ledger")
            .setType(SystemIndexDescriptor.Type.INTERNAL_MANAGED)
            .setSettings(SETTINGS)
            .setOrigin(ORIGIN);
        EsAdapter.CURRENT.managedSystemIndex(builder, meta);
        return builder.setMappings(mappings(meta)).build();
    }

    static XContentBuilder mappings(Map<String, Object> meta) {
        Map<String, Object> mappings = new LinkedHashMap<>();
        mappings.put("_meta", meta);
        mappings.putAll(MAPPINGS);
        try {
            return JsonXContent.contentBuilder().map(mappings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document, or one that does not exist when neither it nor the index (not yet written) exists. */
    public GetResponse get(String id) {
        try {
            return client.get(new GetRequest(NAME, id)).actionGet();
        } catch (IndexNotFoundException missing) {
            return new GetResponse(new GetResult(NAME, id, SequenceNumbers.UNASSIGNED_SEQ_NO, SequenceNumbers.UNASSIGNED_PRIMARY_TERM,
                -1, false, null, null, null));
        }
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
