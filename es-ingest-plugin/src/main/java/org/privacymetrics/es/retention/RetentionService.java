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
import org.privacymetrics.es.compat.EsAdapter;
import org.privacymetrics.es.common.SharedSettings;

/**
 * Deletes raw events once they are older than {@link #RETENTION}, by day: the events of day D (UTC) go when
 * D+1 + retention &lt;= now. A raw index all of whose days are expired is deleted whole; an epoch index that still holds
 * kept days loses the events of its expired days ({@link ExpiredEventsPurge}, by {@code @timestamp}). Every plugin raw
 * index {@code .privacy-metrics-events-*} goes by the days the plugin recorded when it created it, whatever its name;
 * pre-migration daily indices {@code metrics-events-YYYY.MM.DD} by the day in their name; the intake
 * {@code metrics-events} never ({@link RawIndexDays}).
 *
 * <p>Every node schedules the check every {@link #CHECK_INTERVAL}; only the elected master acts. Only noised rollups
 * are kept long-term.
 */
public final class RetentionService {

    /** How long raw events are kept; defined in {@link SharedSettings} because ingest reads it too. */
    public static final Setting<TimeValue> RETENTION = SharedSettings.RETENTION;

    /** Dynamic: how often the elected master looks for expired raw indices and days. */
    public static final Setting<TimeValue> CHECK_INTERVAL = Setting.timeSetting("privacy_metrics.events.retention_check_interval",
        TimeValue.timeValueMinutes(30), TimeValue.timeValueSeconds(1), Setting.Property.NodeScope, Setting.Property.Dynamic);

    private static final Logger LOG = LogManager.getLogger(RetentionService.class);

    private final ClusterService clusterService;
    private final ThreadPool threadPool;
    private final Client client;
    private final AtomicLong deletedIndices = new AtomicLong();
    private final AtomicLong deletedEvents = new AtomicLong();
    private final ExpiredEventsPurge purge;
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
        this.purge = new ExpiredEventsPurge(this.client);
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
     * Deletes the raw indices that are expired at {@code now}, then the events of expired days from the indices that
     * also hold kept days. Idempotent: a check cut short is completed by the next one.
     *
     * @return the deleted index names
     */
    List<String> deleteExpired(Instant clock) {
        TimeValue keep = retention;
        List<RawIndexDays.IndexInfo> indices = EsAdapter.CURRENT.project(clusterService.state()).indices().values().stream()
            .map(RawIndexDays::info).toList();
        Instant now = RawIndexDays.retentionNow(clock, indices);
        if (!now.equals(clock)) {
            LOG.warn("privacy-metrics retention: this node's clock [{}] is behind the creation of the newest raw event index [{}];"
                + " retention judges by the latter (check the node's time source)", clock, now);
        }
        List<String> expired = RawIndexDays.expired(indices, now, keep);
        if (!expired.isEmpty()) {
            DeleteIndexRequest delete = new DeleteIndexRequest(expired.toArray(String[]::new));
            client.admin().indices().delete(delete).actionGet(TimeValue.timeValueMinutes(1));
            deletedIndices.addAndGet(expired.size());
            LOG.info("privacy-metrics retention [{}] deleted raw event indices {}", keep, expired);
        }
        Instant firstKept = RawIndexDays.firstKeptDay(now, keep).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (String index : RawIndexDays.partiallyExpired(indices, now, keep)) {
            long n = purge.purge(index, firstKept);
            if (n > 0) {
                deletedEvents.addAndGet(n);
                LOG.info("privacy-metrics retention [{}] deleted [{}] events of days before [{}] from raw event index [{}]", keep, n,
                    firstKept, index);
            }
        }
        return expired;
    }

    /** @return how many raw indices this node deleted since it started */
    public long deletedIndices() {
        return deletedIndices.get();
    }

    /** @return how many events of expired days this node deleted from epoch indices that it kept, since it started */
    public long deletedEvents() {
        return deletedEvents.get();
    }
}
