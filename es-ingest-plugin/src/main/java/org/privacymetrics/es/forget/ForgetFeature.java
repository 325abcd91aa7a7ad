package org.privacymetrics.es.forget;

import java.util.List;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.tasks.Task;

/** What the plugin class registers for {@code POST _privacy/forget}. */
public final class ForgetFeature {
    private ForgetFeature() {
    }

    /** @return {@code cluster:admin/privacy_metrics/forget} */
    public static List<ActionPlugin.ActionHandler> actions() {
        return List.of(new ActionPlugin.ActionHandler(ForgetAction.TYPE, ForgetAction.Transport.class));
    }

    /** @return the status of the forget task, shown by {@code _tasks} on any node */
    public static List<NamedWriteableRegistry.Entry> namedWriteables() {
        return List.of(new NamedWriteableRegistry.Entry(Task.Status.class, ForgetTask.Status.NAME, ForgetTask.Status::new));
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
    public static ForgetService createComponent(Plugin.PluginServices services, java.util.function.Supplier<java.util.function.BiFunction<String, String, String>> rekey) {
        return new ForgetService(services.client(), (id, epoch) -> {
            java.util.function.BiFunction<String, String, String> f = rekey.get();
            if (f == null) {
                throw new org.elasticsearch.ElasticsearchStatusException("this node cannot re-key metrics ids: no [" + ForgetService.REKEY_SECRET_SETTING
                    + "] in its keystore, so it cannot find the stored ids to delete", org.elasticsearch.rest.RestStatus.SERVICE_UNAVAILABLE);
            }
            return f.apply(id, epoch);
        });
    }
}
