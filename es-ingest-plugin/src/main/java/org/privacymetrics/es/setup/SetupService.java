package org.privacymetrics.es.setup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.logging.LogManager;
import org.elasticsearch.logging.Logger;
import org.elasticsearch.action.admin.indices.template.put.PutComponentTemplateAction;
import org.elasticsearch.action.admin.indices.template.put.TransportPutComposableIndexTemplateAction;
import org.elasticsearch.action.ingest.PutPipelineTransportAction;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.ingest.IngestMetadata;
import org.elasticsearch.ingest.PipelineConfiguration;
import org.elasticsearch.xcontent.ToXContent;
import org.elasticsearch.cluster.metadata.ComponentTemplate;
import org.elasticsearch.cluster.metadata.ComposableIndexTemplate;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.xcontent.XContentParser;
import org.elasticsearch.xcontent.XContentParserConfiguration;
import org.elasticsearch.xcontent.XContentType;
import org.privacymetrics.es.compat.EsAdapter;
import org.privacymetrics.es.compat.ProjectView;

/**
 * Installs every {@link SetupResources} resource (index templates, pipelines) into the cluster. Idempotent: the same
 * content again is a no-op in Elasticsearch, changed content (a plugin upgrade) replaces the old one.
 */
public final class SetupService {

    /** Static node setting: install templates and pipelines when a node becomes the elected master. */
    public static final Setting<Boolean> AUTO_SETUP = Setting.boolSetting("privacy_metrics.setup.auto", true, Setting.Property.NodeScope);

    /**
     * Origin of the plugin's own cluster operations. With security on, a request with an origin and no user runs as the
     * internal {@code _xpack} user; callers are authorised beforehand by the transport action names
     * ({@code cluster:admin/privacy_metrics/...}), which is what roles grant.
     */
    public static final String ORIGIN = org.privacymetrics.es.Names.ORIGIN;

    private static final Logger LOG = LogManager.getLogger(SetupService.class);
    private static final TimeValue TIMEOUT = TimeValue.timeValueSeconds(60);

    private final Client client;
    private final ClusterService clusterService;

    /**
     * @param client the node client; operations run with {@link #ORIGIN}
     * @param clusterService to compare the installed definitions with the resources
     */
    public SetupService(Client client, ClusterService clusterService) {
        this.client = new OriginSettingClient(client, ORIGIN);
        this.clusterService = clusterService;
    }

    /**
     * Installs all resources, in order, blocking. Call from a generic-pool thread, never from a transport or
     * cluster-state thread.
     *
     * @return {@code {"acknowledged": true, "component_templates": [...], "pipelines": [...], "index_templates": [...],
     *     "updated": [...]}}: the names of every resource, and those written by this call ({@code kind/name}); a resource
     *     whose definition is already installed is not written again
     * @throws IllegalStateException naming the resource that failed
     */
    public Map<String, Object> install() {
        Map<String, List<String>> installed = new LinkedHashMap<>();
        for (SetupResources.Kind kind : SetupResources.Kind.values()) {
            installed.put(kind.responseKey(), new ArrayList<>());
        }
        List<String> updated = new ArrayList<>();
        for (SetupResources.Resource r : SetupResources.load()) {
            try {
                if (!isInstalled(r)) {
                    install(r);
                    updated.add(r.kind().folder() + "/" + r.name());
                }
            } catch (Exception e) {
                throw new IllegalStateException("privacy-metrics setup failed on " + r.kind().folder() + " [" + r.name() + "]: "
                    + e.getMessage(), e);
            }
            installed.get(r.kind().responseKey()).add(r.name());
        }
        if (!updated.isEmpty()) {
            LOG.info("privacy-metrics setup installed {}", updated);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("acknowledged", true);
        body.putAll(installed);
        body.put("updated", updated);
        return body;
    }

    private void install(SetupResources.Resource r) throws IOException {
        switch (r.kind()) {
            case PIPELINE -> client.execute(PutPipelineTransportAction.TYPE,
                EsAdapter.CURRENT.putPipelineRequest(TIMEOUT, r.name(), new BytesArray(r.json()), XContentType.JSON)).actionGet(TIMEOUT);
            case COMPONENT_TEMPLATE -> {
                ComponentTemplate template;
                try (XContentParser p = parser(r)) {
                    template = ComponentTemplate.parse(p);
                }
                client.execute(PutComponentTemplateAction.INSTANCE,
                    new PutComponentTemplateAction.Request(r.name()).componentTemplate(template).cause("privacy-metrics setup"))
                    .actionGet(TIMEOUT);
            }
            case INDEX_TEMPLATE -> {
                ComposableIndexTemplate template;
                try (XContentParser p = parser(r)) {
                    template = ComposableIndexTemplate.parse(p);
                }
                client.execute(TransportPutComposableIndexTemplateAction.TYPE,
                    new TransportPutComposableIndexTemplateAction.Request(r.name()).indexTemplate(template).cause("privacy-metrics setup"))
                    .actionGet(TIMEOUT);
            }
        }
    }

    /** Whether the cluster already holds exactly this definition (creation and modification dates aside). */
    private boolean isInstalled(SetupResources.Resource r) throws IOException {
        ProjectView project = EsAdapter.CURRENT.project(clusterService.state());
        switch (r.kind()) {
            case PIPELINE -> {
                IngestMetadata ingest = project.custom(IngestMetadata.TYPE);
                PipelineConfiguration existing = ingest == null ? null : ingest.getPipelines().get(r.name());
                if (existing == null) {
                    return false;
                }
                Map<String, Object> wanted = XContentHelper.convertToMap(new BytesArray(r.json()), false, XContentType.JSON).v2();
                return withoutDates(existing.getConfig()).equals(withoutDates(wanted));
            }
            case COMPONENT_TEMPLATE -> {
                ComponentTemplate existing = project.componentTemplates().get(r.name());
                if (existing == null) {
                    return false;
                }
                try (XContentParser p = parser(r)) {
                    return asMap(existing).equals(asMap(ComponentTemplate.parse(p)));
                }
            }
            case INDEX_TEMPLATE -> {
                ComposableIndexTemplate existing = project.templatesV2().get(r.name());
                if (existing == null) {
                    return false;
                }
                try (XContentParser p = parser(r)) {
                    return asMap(existing).equals(asMap(ComposableIndexTemplate.parse(p)));
                }
            }
            default -> throw new IllegalStateException("unknown kind " + r.kind());
        }
    }

    private static Map<String, Object> asMap(ToXContent object) throws IOException {
        return withoutDates(XContentHelper.convertToMap(XContentHelper.toXContent(object, XContentType.JSON, false), false, XContentType.JSON).v2());
    }

    private static Map<String, Object> withoutDates(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.keySet().removeIf(k -> k.startsWith("created_date") || k.startsWith("modified_date"));
        return copy;
    }

    private static XContentParser parser(SetupResources.Resource r) throws IOException {
        return XContentType.JSON.xContent().createParser(XContentParserConfiguration.EMPTY, r.json());
    }
}
