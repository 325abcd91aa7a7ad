package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.rest.RestStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Found by the fifth attack review: nothing bounded the number of rollup jobs, and each job's first run makes the plugin
 * create {@code privacy-rollups-<job>}, which outlives the job. An admin storing, running and deleting jobs under new
 * names made the plugin create indices until the shard limit refused the next raw index.
 */
class JobQuotaTest {

    @BeforeAll
    static void esLogging() {
        org.elasticsearch.common.logging.LogConfigurator.configureESLogging();
    }

    @Test
    void aNewNameIsRefusedOnceJobsAndTheResultsOfDeletedJobsReachTheLimit() {
        List<String> indices = List.of(".privacy-metrics-events-2026-12", "privacy-rollups-_budget", "privacy-rollups-daily", "logs");
        assertThat(JobQuota.refusal("weekly", List.of("daily"), indices, 2)).as("one name taken of two").isNull();
        // a deleted job's results index still takes its name: deleting jobs does not make room for new indices
        ElasticsearchStatusException full = JobQuota.refusal("weekly", List.of("hourly"), indices, 2);
        assertThat(full).isNotNull();
        assertThat(full.status()).isEqualTo(RestStatus.BAD_REQUEST);
        assertThat(full.getMessage()).contains("[2] rollup jobs and results indices", "[privacy_metrics.rollup.max_jobs]")
            .doesNotContain("weekly").doesNotContain("hourly");
        // a stored job may be replaced, and a deleted job's name used again, at the limit: no new index either way
        assertThat(JobQuota.refusal("hourly", List.of("hourly"), indices, 2)).isNull();
        assertThat(JobQuota.refusal("daily", List.of("hourly"), indices, 2)).isNull();
        // the budget summaries are not a job's
        assertThat(JobQuota.refusal("weekly", List.of(), List.of("privacy-rollups-_budget"), 1)).isNull();
    }
}
