package org.privacymetrics.es.setup;

import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticsearch.cluster.ClusterChangedEvent;
import org.elasticsearch.cluster.ClusterStateListener;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.gateway.GatewayService;
import org.elasticsearch.logging.LogManager;
import org.elasticsearch.logging.Logger;
import org.elasticsearch.threadpool.ThreadPool;

/**
 * Runs {@link SetupService#install()} when this node becomes the elected master of a recovered cluster (once per
 * master term), if {@link SetupService#AUTO_SETUP} is on. A failed attempt is retried with a delay, a bounded number
 * of times; {@code POST _privacy/setup} remains available to operators.
 */
public final class AutoSetup implements ClusterStateListener {

    private static final Logger LOG = LogManager.getLogger(AutoSetup.class);
    private static final int MAX_ATTEMPTS = 10;
    private static final TimeValue RETRY_DELAY = TimeValue.timeValueSeconds(30);

    private final ThreadPool threadPool;
    private final ClusterService clusterService;
    private final SetupService service;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long doneForTerm = -1;
    private volatile long attemptsForTerm = -1;
    private volatile int attempts;

    /**
     * Registers itself as a cluster state listener when auto setup is enabled.
     */
    public static void register(ClusterService clusterService, ThreadPool threadPool, SetupService service) {
        if (SetupService.AUTO_SETUP.get(clusterService.getSettings())) {
            clusterService.addListener(new AutoSetup(clusterService, threadPool, service));
        }
    }

    private AutoSetup(ClusterService clusterService, ThreadPool threadPool, SetupService service) {
        this.clusterService = clusterService;
        this.threadPool = threadPool;
        this.service = service;
    }

    @Override
    public void clusterChanged(ClusterChangedEvent event) {
        if (!event.localNodeMaster() || event.state().blocks().hasGlobalBlock(GatewayService.STATE_NOT_RECOVERED_BLOCK)) {
            return;
        }
        long term = event.state().term();
        if (doneForTerm == term) {
            return;
        }
        if (attemptsForTerm != term) {
            attemptsForTerm = term;
            attempts = 0;
        }
        if (attempts < MAX_ATTEMPTS && running.compareAndSet(false, true)) {
            attempts++;
            threadPool.generic().execute(() -> attempt(term));
        }
    }

    private void attempt(long term) {
        try {
            service.install();
            doneForTerm = term;
        } catch (Exception e) {
            LOG.warn("privacy-metrics automatic setup failed (attempt " + attempts + " of " + MAX_ATTEMPTS
                + "); retrying in " + RETRY_DELAY + ", or run POST _privacy/setup", e);
            threadPool.schedule(() -> clusterChanged(new ClusterChangedEvent("privacy-metrics setup retry", clusterService.state(),
                clusterService.state())), RETRY_DELAY, threadPool.generic());
        } finally {
            running.set(false);
        }
    }
}
