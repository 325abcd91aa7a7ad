package org.privacymetrics.es.rollup;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.rest.RestStatus;
import org.privacymetrics.es.Names;

/**
 * How many rollup jobs may exist: each job's first run makes the plugin create an index {@code privacy-rollups-<job>}
 * (one shard), and that index stays when the job is deleted. Without a bound, an admin (or a script) storing jobs under
 * new names made the plugin create one index per name until the cluster's shard limit refused every new index,
 * the next epoch's raw index included: ingest stopped. A name counts while a job or a results index holds it.
 */
final class JobQuota {
    /** Dynamic: most job names (stored jobs and results indices of deleted ones), 1 to 1,000. */
    static final Setting<Integer> MAX_JOBS = Setting.intSetting("privacy_metrics.rollup.max_jobs", 100, 1, 1_000,
        Setting.Property.NodeScope, Setting.Property.Dynamic);

    private JobQuota() {}

    /**
     * Why a new job {@code name} may not be stored, or null.
     *
     * @param storedJobs names of the stored jobs (at least {@code max} of them when there are more)
     * @param indices names of the cluster's indices
     */
    static ElasticsearchStatusException refusal(String name, Collection<String> storedJobs, Iterable<String> indices, int max) {
        Set<String> taken = new HashSet<>(storedJobs);
        for (String index : indices) {
            if (index.startsWith(Names.ROLLUP_RESULTS_PREFIX) && !index.equals(Names.BUDGET_SUMMARY_INDEX)) {
                taken.add(index.substring(Names.ROLLUP_RESULTS_PREFIX.length()));
            }
        }
        if (taken.contains(name) || taken.size() < max) {
            return null;
        }
        return new ElasticsearchStatusException("a new rollup job is refused: [" + taken.size() + "] rollup jobs and results indices"
            + " of deleted jobs exist, the most [" + MAX_JOBS.getKey() + "] allows (each job's results index takes a shard). Replace"
            + " or delete a job (DELETE _privacy/rollup/job/<name>; its [" + Names.ROLLUP_RESULTS_PREFIX + "<name>] index stays"
            + " until an Elasticsearch administrator deletes it), or raise the setting", RestStatus.BAD_REQUEST);
    }
}
