package org.privacymetrics.es.rollup.job;

import java.util.Locale;

/** What a rollup counts. */
public enum Measure {
    /** Distinct users per key; L1 sensitivity {@code max_keys_per_user}. */
    USERS,
    /** Events per key, at most {@code max_per_key} per user and key; L1 {@code max_keys_per_user * max_per_key}. */
    EVENTS,
    /** Users seen in at least two distinct (declared) services in the window; one value, L1 1. */
    MULTI_SERVICE_USERS;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The measure with this API name, or null. */
    public static Measure fromApiName(String name) {
        for (Measure m : values()) {
            if (m.apiName().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
