package org.privacymetrics.es.rollup.ledger;

import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.rest.RestStatus;

/**
 * A run would spend more epsilon than an epoch has left. Rendered by Elasticsearch as error type
 * {@code privacy_budget_exhausted_exception} with HTTP 409; the reason starts with {@code PRIVACY_BUDGET_EXHAUSTED} and
 * lists each exhausted unit with what remains, so the caller knows what to change.
 */
public final class PrivacyBudgetExhaustedException extends ElasticsearchException {
    public static final String PREFIX = "PRIVACY_BUDGET_EXHAUSTED";

    public PrivacyBudgetExhaustedException(String details) {
        super(PREFIX + ": " + details);
    }

    @Override
    public RestStatus status() {
        return RestStatus.CONFLICT;
    }
}
