package org.privacymetrics.es.rollup;

import java.math.BigDecimal;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Setting;
import org.privacymetrics.es.calendar.Rotation;

/**
 * The rollup engine's node-level component, created once by the plugin in {@code createComponents} and injected into
 * the transport actions. Tracks the dynamic budget setting.
 */
public final class RollupServices {
    /** Largest limit an operator may set: beyond it the released numbers protect nobody. */
    public static final double MAX_EPSILON_PER_EPOCH = 64.0;
    /**
     * Dynamic: epsilon each epoch not yet charged may spend in total, across all jobs, {@code 0 < epsilon <= 64}. An
     * epoch keeps the limit in force when it was first charged (recorded in its ledger entry).
     */
    public static final Setting<Double> EPSILON_PER_EPOCH = new Setting<>("privacy_metrics.budget.epsilon_per_epoch", "1.0",
        RollupServices::parseLimit, Setting.Property.NodeScope, Setting.Property.Dynamic);

    private static Double parseLimit(String value) {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting [privacy_metrics.budget.epsilon_per_epoch] must be a number, got [" + value + "]");
        }
        if (!(v > 0.0 && v <= MAX_EPSILON_PER_EPOCH)) {
            throw new IllegalArgumentException("setting [privacy_metrics.budget.epsilon_per_epoch] must be > 0 and <= ["
                + MAX_EPSILON_PER_EPOCH + "], got [" + value + "]");
        }
        return v;
    }
    /** Composite aggregation page size of the scan. */
    public static final Setting<Integer> PAGE_SIZE = Setting.intSetting("privacy_metrics.rollup.page_size", 5000, 10, 65_536,
        Setting.Property.NodeScope, Setting.Property.Dynamic);

    private final Client client;
    private final Rotation rotation;
    private volatile double epsilonPerEpoch;
    private volatile int pageSize;
    private final RollupScheduler scheduler;

    public RollupServices(Client client, ClusterService clusterService) {
        this.client = client;
        this.rotation = Rotation.SETTING.get(clusterService.getSettings());
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
        return new RollupService(requestClient, client, this::epsilonPerEpoch, rotation, pageSize);
    }
}
