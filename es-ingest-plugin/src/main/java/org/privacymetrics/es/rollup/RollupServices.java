package org.privacymetrics.es.rollup;

import java.math.BigDecimal;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Setting;

/**
 * The rollup engine's node-level component, created once by the plugin in {@code createComponents} and injected into
 * the transport actions. Tracks the dynamic budget setting.
 */
public final class RollupServices {
    /** Dynamic: epsilon each metrics epoch may spend in total, across all jobs. */
    public static final Setting<Double> EPSILON_PER_EPOCH = Setting.doubleSetting("privacy_metrics.budget.epsilon_per_epoch", 1.0, 0.0,
        Setting.Property.NodeScope, Setting.Property.Dynamic);
    /** Composite aggregation page size of the scan. */
    public static final Setting<Integer> PAGE_SIZE = Setting.intSetting("privacy_metrics.rollup.page_size", 5000, 10, 65_536,
        Setting.Property.NodeScope, Setting.Property.Dynamic);

    private final Client client;
    private volatile double epsilonPerEpoch;
    private volatile int pageSize;
    private final RollupScheduler scheduler;

    public RollupServices(Client client, ClusterService clusterService) {
        this.client = client;
        this.epsilonPerEpoch = EPSILON_PER_EPOCH.get(clusterService.getSettings());
        this.pageSize = PAGE_SIZE.get(clusterService.getSettings());
        clusterService.getClusterSettings().addSettingsUpdateConsumer(EPSILON_PER_EPOCH, v -> this.epsilonPerEpoch = v);
        clusterService.getClusterSettings().addSettingsUpdateConsumer(PAGE_SIZE, v -> this.pageSize = v);
        this.scheduler = new RollupScheduler(client, clusterService);
    }

    /** The limit as the decimal an operator wrote (see {@link org.privacymetrics.es.rollup.noise.Rational#fromDecimal}). */
    public BigDecimal epsilonPerEpoch() {
        return BigDecimal.valueOf(epsilonPerEpoch);
    }

    /** The scheduler of {@code "schedule": true} jobs (active on the elected master only). */
    public RollupScheduler scheduler() {
        return scheduler;
    }

    public RollupService service() {
        return service(client);
    }

    /** A service whose searches go through {@code requestClient} (e.g. assigning a parent task). */
    public RollupService service(Client requestClient) {
        return new RollupService(requestClient, client, this::epsilonPerEpoch, pageSize);
    }
}
