package org.privacymetrics.es.forget;

import java.util.List;
import java.util.function.UnaryOperator;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;

/** What the plugin class registers for {@code POST _privacy/forget}. */
public final class ForgetFeature {
    private ForgetFeature() {
    }

    /** @return {@code cluster:admin/privacy_metrics/forget} */
    public static List<ActionPlugin.ActionHandler> actions() {
        return List.of(new ActionPlugin.ActionHandler(ForgetAction.TYPE, ForgetAction.Transport.class));
    }

    /** @return {@code POST _privacy/forget} */
    public static List<RestHandler> restHandlers() {
        return List.of(new RestForgetAction());
    }

    /**
     * @param rekey this node's re-key function (edge metrics id to stored id), or null when the node has no re-key
     *     secret; see {@link ForgetService#ForgetService}
     * @return the forget service, injected into the transport action
     */
    public static ForgetService createComponent(Plugin.PluginServices services, UnaryOperator<String> rekey) {
        return new ForgetService(services.client(), rekey);
    }
}
