package org.privacymetrics.es;

/**
 * Names shared across the plugin's packages: indices, origins, setting keys. Features import this class for a constant,
 * never each other. Why raw events live where they do: docs/architecture.md, "Where raw events live".
 */
public final class Names {

    /** The only index name clients write raw events to; its default pipeline routes each document to its raw index. */
    public static final String INTAKE_INDEX = "metrics-events";

    /**
     * Prefix of the plugin's raw event indices: one per rotation epoch, {@code .privacy-metrics-events-<epoch label>}
     * lower-cased ({@link #rawIndex}); earlier releases of the plugin wrote one per UTC day,
     * {@code .privacy-metrics-events-YYYY.MM.DD}, which are still read, searched by forget and deleted by retention.
     * Dot-prefixed, hidden and registered as system indices: restricted, so no built-in role and no role granted
     * {@code *} reaches them; only the plugin (and roles with {@code allow_restricted_indices}) does.
     */
    public static final String RAW_INDEX_PREFIX = ".privacy-metrics-events-";

    /**
     * The raw index of the rotation epoch labelled {@code epochLabel} ({@code 2026-11}, {@code 2026-W48},
     * {@code 2026-11-30}), lower-cased as index names must be: {@code .privacy-metrics-events-2026-w48}.
     */
    public static String rawIndex(String epochLabel) {
        return RAW_INDEX_PREFIX + epochLabel.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Dynamic cluster setting: primary shards of each new raw epoch index (default 1). Every raw document is routed by its
     * re-keyed {@code metrics_id}, so all events of one user of one epoch lie in one shard whatever the count.
     */
    public static final String RAW_SHARDS_SETTING = "privacy_metrics.events.number_of_shards";

    /** Every raw event index. */
    public static final String RAW_INDEX_PATTERN = RAW_INDEX_PREFIX + "*";

    /** Daily indices of releases before 0.2 ({@code metrics-events-YYYY.MM.DD}): only read by the migration. */
    public static final String LEGACY_RAW_INDEX_PATTERN = INTAKE_INDEX + "-*";

    /** Prefix of the indices holding released (noised) rollup results; analysts read these. */
    public static final String ROLLUP_RESULTS_PREFIX = "privacy-rollups-";

    /** The plugin's system index for jobs, runs and the budget ledger. */
    public static final String ROLLUP_SYSTEM_INDEX = ".privacy-metrics-rollups";

    /**
     * Origin of the plugin's own operations. With security on, Elasticsearch accepts only origins it knows, so the plugin
     * uses {@code stack} and restricts what it reads itself (runs read raw event indices only).
     */
    public static final String ORIGIN = "stack";

    /** Cluster setting: the rotation period that is the privacy unit (MONTH, WEEK, DAY). */
    public static final String ROTATION_SETTING = "privacy_metrics.rotation";

    private Names() {
    }
}
