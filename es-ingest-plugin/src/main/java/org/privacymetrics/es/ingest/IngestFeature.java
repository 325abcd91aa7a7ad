package org.privacymetrics.es.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.support.ActionFilter;
import java.util.function.BiFunction;
import org.elasticsearch.common.settings.SecureSetting;
import org.elasticsearch.common.settings.SecureString;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.ingest.Processor;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.core.TimeValue;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.privacymetrics.es.calendar.Rotation;
import org.privacymetrics.es.common.SharedSettings;

/** What the plugin class registers for the ingest side: processors, the re-key secret, the stats endpoint. */
public final class IngestFeature {

    /** The cluster's re-key secret, from the Elasticsearch keystore. */
    public static final Setting<SecureString> REKEY_SECRET = SecureSetting.secureString(SharedSettings.REKEY_SECRET_KEY, null);

    /** Dynamic: how far ahead of the node's clock an event's {@code @timestamp} may be. */
    public static final Setting<TimeValue> MAX_FUTURE = Setting.timeSetting("privacy_metrics.events.max_future",
        TimeValue.timeValueDays(1), TimeValue.ZERO, TimeValue.timeValueDays(7), Setting.Property.NodeScope, Setting.Property.Dynamic);

    private final IngestStats stats = new IngestStats();
    private final Simulations simulations = new Simulations();
    private volatile Rekeyer rekeyer;
    private volatile String secretProblem;
    private volatile KeyIdGuard guard;
    private volatile EventCalendar calendar;

    public IngestFeature() {
    }

    /** Reads the secure setting; only possible while the node is constructed (from createComponents). */
    private void readSecret(Settings settings) {
        if (!REKEY_SECRET.exists(settings)) {
            secretProblem = "this node has no [privacy_metrics.rekey.secret] in its keystore; it refuses to ingest";
            return;
        }
        try (SecureString s = REKEY_SECRET.get(settings)) {
            byte[] secret = s.toString().getBytes(StandardCharsets.UTF_8);
            String weak = SecretStrength.problem(secret);
            if (weak != null) {
                secretProblem = "this node's [privacy_metrics.rekey.secret] " + weak + "; it refuses to ingest until the keystore holds a"
                    + " random secret (for example: openssl rand -base64 32)";
                return;
            }
            rekeyer = new Rekeyer(secret);
        }
    }

    public static List<Setting<?>> settings() {
        return List.of(REKEY_SECRET, KeyIdGuard.CLUSTER_KEY_ID, MAX_FUTURE, Rotation.SETTING);
    }

    /** The action filter that marks ingest simulations, in which the re-key refuses to run ({@link Simulations}). */
    public ActionFilter simulations() {
        return simulations;
    }

    /** The action filter that counts every raw-event document a write did not store ({@code documents_rejected}). */
    public ActionFilter rejectionCounter() {
        return new RejectionCounter(stats);
    }

    /** The action filter that answers stored raw events without sequence numbers ({@link WriteReceipts}). */
    public ActionFilter writeReceipts() {
        return new WriteReceipts();
    }

    /** @param pipelines the node's ingest pipelines by id, null for a missing one (for the custom pipeline step) */
    public Map<String, Processor.Factory> processors(java.util.function.Function<String, org.elasticsearch.ingest.Pipeline> pipelines) {
        return Map.of(
                CustomPipelineProcessor.TYPE, new CustomPipelineProcessor.Factory(pipelines, stats),
                PrivacyRouteProcessor.TYPE, new PrivacyRouteProcessor.Factory(() -> calendar, stats),
                PrivacyScrubProcessor.TYPE, new PrivacyScrubProcessor.Factory(stats),
                MetricsRekeyProcessor.TYPE, new MetricsRekeyProcessor.Factory(() -> rekeyer, () -> secretProblem, () -> guard, () -> calendar, stats,
                    simulations::active),
                EventDedupeProcessor.TYPE, new EventDedupeProcessor.Factory(stats));
    }

    /** Creates the key-id guard (listens to cluster state) and the stats service. */
    public List<Object> createComponents(Plugin.PluginServices services) {
        readSecret(services.environment().settings());
        simulations.setThreadContext(services.threadPool().getThreadContext());
        ClusterService cs = services.clusterService();
        AtomicReference<TimeValue> retention = new AtomicReference<>(cs.getClusterSettings().get(SharedSettings.RETENTION));
        AtomicReference<TimeValue> maxFuture = new AtomicReference<>(cs.getClusterSettings().get(MAX_FUTURE));
        cs.getClusterSettings().addSettingsUpdateConsumer(SharedSettings.RETENTION, retention::set);
        cs.getClusterSettings().addSettingsUpdateConsumer(MAX_FUTURE, maxFuture::set);
        calendar = new EventCalendar(Clock.systemUTC(), Rotation.SETTING.get(services.environment().settings()), retention::get, maxFuture::get);
        KeyIdGuard g = new KeyIdGuard(services.clusterService(), services.client(), rekeyer == null ? null : rekeyer.keyId());
        services.clusterService().addListener(g);
        guard = g;
        return List.of(g, new IngestStatsService(stats, services.clusterService(), rekeyer == null ? null : rekeyer.keyId(), g));
    }

    /**
     * Edge id + epoch to stored id, or null without a secret (for {@code POST _privacy/forget}). Like ingest, it refuses
     * (503) on a node whose key id differs from the cluster's: ids computed with another secret match nothing, and a
     * forget request would answer {@code deleted: 0} while the user's events stay.
     */
    public BiFunction<String, String, String> rekeyFunction() {
        Rekeyer r = rekeyer;
        if (r == null) {
            return null;
        }
        return (edgeId, epoch) -> {
            KeyIdGuard g = guard;
            String problem = g == null ? "the node is still starting; retry shortly" : g.problem(r.keyId());
            if (problem != null) {
                throw new org.elasticsearch.ElasticsearchStatusException("cannot compute stored ids on this node: " + problem,
                        org.elasticsearch.rest.RestStatus.SERVICE_UNAVAILABLE);
            }
            return r.rekey(edgeId, epoch);
        };
    }

    public static List<ActionPlugin.ActionHandler> actions() {
        return List.of(new ActionPlugin.ActionHandler(StatsAction.TYPE, StatsAction.Transport.class));
    }

    public static List<RestHandler> restHandlers() {
        return List.of(new StatsAction.Rest());
    }
}
