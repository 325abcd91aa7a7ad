package org.privacymetrics.es.setup;

import java.util.List;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.indices.ExecutorNames;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.threadpool.ThreadPool;
import org.privacymetrics.es.Names;

/** What the plugin class registers for templates and pipelines: settings, action, REST handler, node component. */
public final class SetupFeature {
    private SetupFeature() {
    }

    /** @return the setup settings */
    public static List<Setting<?>> settings() {
        return List.of(SetupService.AUTO_SETUP, WriteGuard.SETUP_WAIT, RawIndexCreation.NUMBER_OF_SHARDS);
    }

    /** @return {@code cluster:admin/privacy_metrics/setup} */
    public static List<ActionPlugin.ActionHandler> actions() {
        return List.of(new ActionPlugin.ActionHandler(SetupAction.TYPE, SetupAction.Transport.class));
    }

    /** @return {@code POST _privacy/setup} */
    public static List<RestHandler> restHandlers() {
        return List.of(new RestSetupAction());
    }

    /** The pools of the raw event indices: {@code get}, {@code search}, {@code write} (not the system pools). */
    static final ExecutorNames RAW_EVENTS_THREAD_POOLS = new ExecutorNames(
        ThreadPool.Names.GET, ThreadPool.Names.SEARCH, ThreadPool.Names.WRITE);

    /**
     * The raw event indices {@code .privacy-metrics-events-*} as system indices: restricted, so no built-in role
     * ({@code viewer}, {@code editor}, ...) and no role granted {@code *} reads them; a role needs
     * {@code allow_restricted_indices} on the name. Unmanaged: the plugin creates each epoch index with its template's
     * settings and mappings ({@link RawIndexCreation}).
     *
     * <p>Thread pools: {@link #RAW_EVENTS_THREAD_POOLS}, the regular {@code get}/{@code search}/{@code write} pools, as
     * Elasticsearch does for its own high-volume system data streams. The default for system indices is
     * {@code system_read}/{@code system_write}, sized at half the processors (one write thread on a 2-core node), which
     * capped the ingest of raw events below plain indexing. Pools decide only where the work runs; access to the
     * indices stays restricted by their name.
     */
    public static SystemIndexDescriptor rawEventsDescriptor() {
        return SystemIndexDescriptor.builder()
            .setIndexPattern(Names.RAW_INDEX_PATTERN)
            .setDescription("privacy-metrics raw usage events (scrubbed, re-keyed), one index per rotation epoch")
            .setType(SystemIndexDescriptor.Type.INTERNAL_UNMANAGED)
            .setThreadPools(RAW_EVENTS_THREAD_POOLS)
            .build();
    }

    /** Creates the setup service (injected into the transport action) and starts automatic setup. */
    public static SetupService createComponent(Plugin.PluginServices services) {
        SetupService service = new SetupService(services.client(), services.clusterService());
        AutoSetup.register(services.clusterService(), services.threadPool(), service);
        return service;
    }
}
