package org.privacymetrics.es.retention;

import java.util.List;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.plugins.Plugin;

/** What the plugin class registers for raw-event retention. */
public final class RetentionFeature {
    private RetentionFeature() {
    }

    /** @return retention and check-interval settings */
    public static List<Setting<?>> settings() {
        return List.of(RetentionService.RETENTION, RetentionService.CHECK_INTERVAL);
    }

    /** Creates and starts the retention service. */
    public static RetentionService createComponent(Plugin.PluginServices services) {
        return new RetentionService(services.clusterService(), services.threadPool(), services.client());
    }
}
