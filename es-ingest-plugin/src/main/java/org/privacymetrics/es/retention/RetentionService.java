package org.privacymetrics.es.retention;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.component.Lifecycle;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.logging.LogManager;
import org.elasticsearch.logging.Logger;
import org.elasticsearch.threadpool.Scheduler;
import org.elasticsearch.threadpool.ThreadPool;
import org.privacymetrics.es.Names;
import org.privacymetrics.es.common.SharedSettings;

/**
 * Deletes raw event indices once all their events are older than {@link #RETENTION}: index day D holds events of
 * [D, D+1) UTC, so it goes when D+1 + retention &lt;= now. Every plugin raw index {@code .privacy-metrics-events-*}
 * goes by the day the plugin recorded when it created it, whatever its name; pre-migration daily indices
 * {@code metrics-events-YYYY.MM.DD} by the day in their name; the intake {@code metrics-events} never
 * ({@link DailyIndices}).
 *
 * <p>Every node schedules the check every {@link #CHECK_INTERVAL}; only the elected master acts. Only noised rollups
 * are kept long-term.
 */
public final class RetentionService {

    /** How long raw events are kept; defined in {@link SharedSettings} because ingest reads it too. */
    public static final Setting<TimeValue> RETENTION = SharedSettings.RETENTION;

    /** Dynamic: how often the elected master looks for expired daily indices. */
    public static final Setting<TimeValue> CHECK_INTERVAL = Setting.timeSetting("privacy_metrics.events.retention_check_interval",
        TimeValue.timeValueMinutes(30), TimeValue.timeValueSeconds(1), Setting.Property.NodeScope, Setting.Property.Dynamic);

    private static final Logger LOG = LogManager.getLogger(RetentionService.class);

    private final ClusterService clusterService;
    private final ThreadPool threadPool;
    private final Client client;
    private final AtomicLong deletedIndices = new AtomicLong();
    private volatile TimeValue retention;
    private volatile Scheduler.Cancellable scheduled;

    /**
     * Starts the periodic check.
     *
     * @param client node client; deletions run with the plugin's origin
     */
    public RetentionService(ClusterService clusterService, ThreadPool threadPool, Client client) {
        this.clusterService = clusterService;
        this.threadPool = threadPool;
        this.client = new OriginSettingClient(client, Names.ORIGIN);
        this.retention = RETENTION.get(clusterService.getSettings());
        clusterService.getClusterSettings().addSettingsUpdateConsumer(RETENTION, v -> this.retention = v);
        clusterService.getClusterSettings().addSettingsUpdateConsumer(CHECK_INTERVAL, this::schedule);
        schedule(CHECK_INTERVAL.get(clusterService.getSettings()));
    }

    private synchronized void schedule(TimeValue interval) {
        if (scheduled != null) {
            scheduled.cancel();
        }
        scheduled = threadPool.scheduleWithFixedDelay(this::checkSafely, interval, threadPool.generic());
    }

    private void checkSafely() {
        try {
            if (clusterService.lifecycleState() == Lifecycle.State.STARTED && clusterService.state().nodes().isLocalNodeElectedMaster()) {
                deleteExpired(Instant.now());
            }
        } catch (Exception e) {
            LOG.warn("privacy-metrics retention check failed; will retry at the next interval", e);
        }
    }

    /**
     * Deletes the daily indices that are expired at {@code now}.
     *
     * @return the deleted index names
     */
    List<String> deleteExpired(Instant now) {
        List<DailyIndices.IndexInfo> indices = clusterService.state().metadata().getProject().indices().values().stream()
            .map(DailyIndices::info).toList();
        List<String> expired = DailyIndices.expired(indices, now, retention);
        if (!expired.isEmpty()) {
            DeleteIndexRequest delete = new DeleteIndexRequest(expired.toArray(String[]::new));
            client.admin().indices().delete(delete).actionGet(TimeValue.timeValueMinutes(1));
            deletedIndices.addAndGet(expired.size());
            LOG.info("privacy-metrics retention [{}] deleted raw event indices {}", retention, expired);
        }
        return expired;
    }

    /** @return how many daily indices this node deleted since it started */
    public long deletedIndices() {
        return deletedIndices.get();
    }
}
