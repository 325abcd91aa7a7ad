package org.privacymetrics.es.setup;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.rest.RestStatus;
import org.privacymetrics.es.calendar.Rotation;
import org.privacymetrics.es.retention.RawIndexDays;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Setting;
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
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.xcontent.XContentType;
import org.privacymetrics.es.Names;

/**
 * Creates each raw epoch index with the plugin's settings and mappings. Raw indices are system indices, and
 * Elasticsearch does not apply index templates when it auto-creates a system index; so when a routed event is about to
 * auto-create {@code .privacy-metrics-events-<epoch label>}, this filter creates it explicitly (as the plugin, with the
 * settings and mappings of the {@value WriteGuard#DAILY_TEMPLATE} template: final pipeline, strict mappings, hidden; the
 * primary shard count of {@link #NUMBER_OF_SHARDS}; plus the epoch and its first and last day, parsed from the routed
 * name under the node's rotation, in the mapping {@code _meta}, which retention deletes by) and answers the auto-create
 * as done. Any other raw name is not created. Should anything else create one, the write guard still refuses to write
 * into it unless it carries the scrub.
 */
public final class RawIndexCreation implements ActionFilter {

    /**
     * Dynamic: primary shards of each raw epoch index created from now on (existing ones keep theirs). Documents are
     * routed by {@code metrics_id}, so a user's events of an epoch are in one shard whatever the count.
     */
    public static final Setting<Integer> NUMBER_OF_SHARDS = Setting.intSetting(Names.RAW_SHARDS_SETTING, 1, 1, 1024,
        Setting.Property.NodeScope, Setting.Property.Dynamic);

    private volatile Client client;
    private volatile Rotation rotation;
    private volatile int shards = 1;
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
    public void setServices(Client client, ClusterService clusterService) {
        this.rotation = Rotation.SETTING.get(clusterService.getSettings());
        this.shards = clusterService.getClusterSettings().get(NUMBER_OF_SHARDS);
        clusterService.getClusterSettings().addSettingsUpdateConsumer(NUMBER_OF_SHARDS, n -> this.shards = n);
        this.client = new OriginSettingClient(client, Names.ORIGIN);
    }

    /** The settings every raw epoch index is created with. */
    public Settings settings() {
        return Settings.builder().put(settings).put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, shards).build();
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
        Rotation rot = rotation;
        LocalDate epochStart = RawIndexDays.rawNameEpochStart(create.index(), rot);
        if (epochStart == null) {
            // Only the route names raw indices, always the epoch index of a real epoch of the node's rotation: anything
            // else (a day index of an earlier release included) is not created, and its name is not echoed.
            listener.onFailure(new ElasticsearchStatusException("privacy-metrics creates raw event indices only as ["
                + Names.RAW_INDEX_PREFIX + "<epoch label>] of an epoch of the rotation [" + rot + "]", RestStatus.BAD_REQUEST));
            return;
        }
        Map<String, Object> withDays = new HashMap<>(mappings);
        // The epoch and its days as the plugin parsed them, recorded in the index itself: retention deletes by them,
        // whatever the index is called.
        withDays.put("_meta", RawIndexDays.meta(rot, epochStart));
        CreateIndexRequest explicit = new CreateIndexRequest(create.index()).settings(settings()).mapping(withDays)
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
