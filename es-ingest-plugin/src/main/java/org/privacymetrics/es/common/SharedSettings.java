package org.privacymetrics.es.common;

import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.core.TimeValue;

/**
 * Settings read by more than one feature, defined once here so that features ({@code ingest}, {@code retention},
 * {@code forget}, {@code setup}, {@code rollup}) never import each other for a setting. Each is registered once, by the
 * feature that owns its behaviour (see its {@code settings()}).
 */
public final class SharedSettings {

    /**
     * Dynamic: how long raw events are kept (default 40 days, enough to roll up a closed month plus late events). Retention
     * deletes older daily indices; ingest refuses events older than it.
     */
    public static final Setting<TimeValue> RETENTION = Setting.timeSetting("privacy_metrics.events.retention",
        TimeValue.timeValueDays(40), TimeValue.timeValueMinutes(1), Setting.Property.NodeScope, Setting.Property.Dynamic);

    /** Keystore key of the cluster's re-key secret (ingest re-keys with it; forget computes stored ids with it). */
    public static final String REKEY_SECRET_KEY = "privacy_metrics.rekey.secret";

    private SharedSettings() {
    }
}
