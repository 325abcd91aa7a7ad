package org.privacymetrics.es.setup;

import java.util.List;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.indices.SystemIndexDescriptor;
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

    /**
     * The raw event indices {@code .privacy-metrics-events-*} as system indices: restricted, so no built-in role
     * ({@code viewer}, {@code editor}, ...) and no role granted {@code *} reads them; a role needs
     * {@code allow_restricted_indices} on the name. Unmanaged: the plugin creates each epoch index with its template's
     * settings and mappings ({@link RawIndexCreation}).
     */
    public static SystemIndexDescriptor rawEventsDescriptor() {
        return SystemIndexDescriptor.builder()
            .setIndexPattern(Names.RAW_INDEX_PATTERN)
            .setDescription("privacy-metrics raw usage events (scrubbed, re-keyed), one index per rotation epoch")
            .setType(SystemIndexDescriptor.Type.INTERNAL_UNMANAGED)
            .build();
    }

    /** Creates the setup service (injected into the transport action) and starts automatic setup. */
    public static SetupService createComponent(Plugin.PluginServices services) {
        SetupService service = new SetupService(services.client(), services.clusterService());
        AutoSetup.register(services.clusterService(), services.threadPool(), service);
        return service;
    }
}
