package org.privacymetrics.es.setup;

import java.util.List;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;

/** What the plugin class registers for templates and pipelines: settings, action, REST handler, node component. */
public final class SetupFeature {
    private SetupFeature() {
    }

    /** @return the setup settings */
    public static List<Setting<?>> settings() {
        return List.of(SetupService.AUTO_SETUP);
    }

    /** @return {@code cluster:admin/privacy_metrics/setup} */
    public static List<ActionPlugin.ActionHandler> actions() {
        return List.of(new ActionPlugin.ActionHandler(SetupAction.TYPE, SetupAction.Transport.class));
    }

    /** @return {@code POST _privacy/setup} */
    public static List<RestHandler> restHandlers() {
        return List.of(new RestSetupAction());
    }

    /** Creates the setup service (injected into the transport action) and starts automatic setup. */
    public static SetupService createComponent(Plugin.PluginServices services) {
        SetupService service = new SetupService(services.client(), services.clusterService());
        AutoSetup.register(services.clusterService(), services.threadPool(), service);
        return service;
    }
}
