package org.privacymetrics.es.setup;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.rest.RestStatus;
import org.privacymetrics.es.retention.DailyIndices;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.admin.indices.create.AutoCreateAction;
import org.elasticsearch.action.admin.indices.create.CreateIndexRequest;
import org.elasticsearch.action.admin.indices.create.CreateIndexResponse;
import org.elasticsearch.action.support.ActionFilter;
import org.elasticsearch.action.support.ActionFilterChain;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.xcontent.XContentType;
import org.privacymetrics.es.Names;

/**
 * Creates each raw daily index with the plugin's settings and mappings. Raw indices are system indices, and Elasticsearch
 * does not apply index templates when it auto-creates a system index; so when a routed event is about to auto-create
 * {@code .privacy-metrics-events-YYYY.MM.DD}, this filter creates it explicitly (as the plugin, with the settings and
 * mappings of the {@value WriteGuard#DAILY_TEMPLATE} template: final pipeline, strict mappings, hidden; plus the day it
 * parsed from the routed name in the mapping {@code _meta}, which retention deletes by) and answers the
 * auto-create as done. Should anything else create one, the write guard still refuses to write into it unless it
 * carries the scrub.
 */
public final class RawIndexCreation implements ActionFilter {

    private volatile Client client;
    private final Settings settings;
    private final Map<String, Object> mappings;

    @SuppressWarnings("unchecked")
    public RawIndexCreation() {
        SetupResources.Resource daily = SetupResources.load().stream()
            .filter(r -> r.kind() == SetupResources.Kind.INDEX_TEMPLATE && r.name().equals(WriteGuard.DAILY_TEMPLATE)).findFirst()
            .orElseThrow(() -> new IllegalStateException("index template [" + WriteGuard.DAILY_TEMPLATE + "] is missing from the plugin"));
        Map<String, Object> template = (Map<String, Object>) XContentHelper.convertToMap(new BytesArray(daily.json()), false, XContentType.JSON)
            .v2().get("template");
        this.settings = Settings.builder().loadFromMap((Map<String, Object>) template.get("settings")).put("index.hidden", true).build();
        this.mappings = (Map<String, Object>) template.get("mappings");
    }

    /** Set once the node's components exist; action filters are created before them. */
    public void setClient(Client client) {
        this.client = new OriginSettingClient(client, Names.ORIGIN);
    }

    /** The settings every raw daily index is created with. */
    public Settings settings() {
        return settings;
    }

    @Override
    public int order() {
        return 1; // after security, which checked the writer's auto_configure privilege on the name
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(Task task, String action, Request request,
            ActionListener<Response> listener, ActionFilterChain<Request, Response> chain) {
        Client c = client;
        if (c == null || !AutoCreateAction.NAME.equals(action) || !(request instanceof CreateIndexRequest create)
                || !WriteGuard.isPluginRawIndex(create.index())) {
            chain.proceed(task, action, request, listener);
            return;
        }
        LocalDate day = DailyIndices.rawNameDay(create.index());
        if (day == null) {
            // Only the route names raw indices, always .privacy-metrics-events-YYYY.MM.DD of a real day: anything else is
            // not created (and its name is not echoed).
            listener.onFailure(new ElasticsearchStatusException("privacy-metrics creates raw event indices only as ["
                + Names.RAW_INDEX_PREFIX + "YYYY.MM.DD] of a calendar day", RestStatus.BAD_REQUEST));
            return;
        }
        Map<String, Object> withDay = new HashMap<>(mappings);
        // The day the plugin parsed, recorded in the index itself: retention deletes by it, whatever the index is called.
        withDay.put("_meta", DailyIndices.meta(day));
        CreateIndexRequest explicit = new CreateIndexRequest(create.index()).settings(settings).mapping(withDay)
            .cause("privacy-metrics raw events").waitForActiveShards(create.waitForActiveShards());
        c.admin().indices().create(explicit, ActionListener.wrap(r -> listener.onResponse((Response) r), e -> {
            if (e instanceof ResourceAlreadyExistsException) {
                listener.onResponse((Response) new CreateIndexResponse(true, true, create.index()));
            } else {
                listener.onFailure(e);
            }
        }));
    }
}
