package org.privacymetrics.es.compat;

import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.admin.cluster.snapshots.features.ResetFeatureStateResponse.ResetFeatureStateStatus;
import org.elasticsearch.rest.RestStatus;

/**
 * {@code POST _features/_reset} for this plugin's feature: refused. Elasticsearch deletes a feature's managed system
 * indices with the descriptor's origin, that is as the internal user, so a reset by any holder of the {@code manage}
 * cluster privilege would delete the budget ledger (and open fresh budgets for the same people), which no user may
 * otherwise delete. The {@code cleanUpFeature} hook differs between lines; every {@code PluginBase} answers with this.
 */
public final class FeatureReset {
    private FeatureReset() {}

    public static ResetFeatureStateStatus refused(String featureName) {
        return ResetFeatureStateStatus.failure(featureName, new ElasticsearchStatusException("feature [" + featureName
            + "] cannot be reset: deleting the privacy budget ledger would open fresh budgets for the same people",
            RestStatus.BAD_REQUEST));
    }
}
