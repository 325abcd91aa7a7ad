package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/**
 * End-to-end privacy audit on the real node: D and D' ({@link AuditScenario}) are written through the intake index
 * {@code metrics-events} as clients write them, each in its own month epochs never used by another test, and released
 * {@link AuditScenario#RUNS_PER_DATASET} times each through {@code POST _privacy/rollup/job/{name}/_run}. The released
 * values go to {@link EpsilonAuditor}; its empirical lower bound on epsilon must not exceed the job's epsilon (0.5).
 * The same auditor flags broken builds in {@link EpsilonAuditBrokenBuildsTest}.
 *
 * <p>Budget: 0.5 per run, {@value AuditScenario#RUNS_PER_EPOCH} runs per epoch = 64, the highest limit the cluster
 * setting accepts; the setting is raised to 64 before the first run in these epochs (a limit binds an epoch from its
 * first charge) and reset afterwards. Retention is lifted for the duration so the old days are not deleted mid-test.
 */
@ExtendWith(ElasticsearchNodeExtension.class)
class EpsilonAuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Months of D and of D': fresh epochs, used by no other test. */
    private static final List<String> MONTHS_D = List.of("2020-03", "2020-05", "2020-07");
    private static final List<String> MONTHS_D_PRIME = List.of("2020-04", "2020-06", "2020-08");
    /** Assertion level: a sound mechanism fails the assertion with probability <= 1e-3. */
    private static final double ALPHA = 1e-3;
    private static final int THREADS = 4;

    private static NodeHttp http;

    @BeforeAll
    static void setUp(NodeHttp node) {
        http = node; // the module's node keeps events of past years (privacy_metrics.events.retention in the Failsafe config)
    }

    @AfterAll
    static void resetSettings() {
        setting("privacy_metrics.budget.epsilon_per_epoch", "null").assertSuccess();
    }

    private static NodeHttp.Response setting(String key, String value) {
        return http.put("/_cluster/settings", "{\"persistent\": {\"" + key + "\": " + value + "}}");
    }

    /** Writes one dataset into {@code month} through the intake index, as the services' appenders do. */
    private static void write(String month, boolean withHeavyUser) {
        StringBuilder bulk = new StringBuilder();
        String salt = month.replace("-", "");
        for (AuditScenario.Ev e : AuditScenario.dataset(withHeavyUser)) {
            bulk.append("{\"create\": {\"_index\": \"metrics-events\"}}\n");
            // metrics_epoch is the label of the event's own @timestamp month; one edge id per user and dataset.
            bulk.append(String.format("{\"@timestamp\": \"%s-10T12:00:00Z\", \"event_id\": \"%s\", \"service\": \"%s\","
                    + " \"event\": \"%s\", \"metrics_id\": \"a0d1%s00%020x\", \"metrics_epoch\": \"%s\","
                    + " \"metrics_key_id\": \"0badc0de\", \"device\": \"mobile\"}%n",
                month, UUID.randomUUID(), e.service(), e.event(), salt, e.user(), month));
        }
        // with the shipped writer role: raw indices are restricted, not even the superuser writes them
        NodeHttp.Response r = http.withBasicAuth("pm-writer", "pm-writer-pw").bulk("/_bulk?refresh=true", bulk.toString()).assertSuccess();
        assertThat(r.body()).as("bulk into %s", month).contains("\"errors\":false");
    }

    private static JsonNode json(NodeHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    /** One run of the job on {@code month}, reduced to the statistic. */
    private static long release(String month, int i) {
        NodeHttp.Response r = http.post("/_privacy/rollup/job/" + AuditScenario.JOB_NAME + "/_run",
            "{\"window_start\": \"" + month + "-01\", \"run_id\": \"audit-" + month + "-" + i + "\"}");
        JsonNode body = json(r.assertSuccess());
        JsonNode results = body.get("results");
        assertThat(results).as("rows of %s", r).hasSize(1);
        JsonNode row = results.get(0);
        assertThat(row.get("measure").asText()).isEqualTo("events");
        assertThat(row.get("noise_scale").asDouble()).isEqualTo(4.0);
        assertThat(body.get("epsilon_spent").asDouble()).isEqualTo(AuditScenario.EPSILON);
        return row.get("value").asLong();
    }

    private static long[] collect(List<Future<Long>> runs) throws Exception {
        long[] values = new long[runs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = runs.get(i).get();
        }
        return values;
    }

    @Test
    void theEmpiricalEpsilonLowerBoundStaysBelowTheJobsEpsilon() throws Exception {
        long started = System.nanoTime();
        List<String> monthsD = MONTHS_D.subList(0, AuditScenario.EPOCHS_PER_DATASET);
        List<String> monthsDPrime = MONTHS_D_PRIME.subList(0, AuditScenario.EPOCHS_PER_DATASET);
        for (String m : monthsD) {
            write(m, false);
        }
        for (String m : monthsDPrime) {
            write(m, true);
        }
        http.put("/_privacy/rollup/job/" + AuditScenario.JOB_NAME, AuditScenario.JOB_JSON).assertSuccess();
        // 64 is the largest limit the setting accepts; it must be in force before the first charge of these epochs.
        setting("privacy_metrics.budget.epsilon_per_epoch", "64").assertSuccess();

        long[] base;
        long[] neighbour;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // THREADS runs at a time: a run waits for several refreshes, so concurrent runs overlap those waits;
            // runs on one epoch are serialized by the ledger's compare-and-set. D and D' interleave.
            List<Future<Long>> runsD = new ArrayList<>();
            List<Future<Long>> runsDPrime = new ArrayList<>();
            for (int m = 0; m < monthsD.size(); m++) {
                String monthD = monthsD.get(m);
                String monthDPrime = monthsDPrime.get(m);
                for (int i = 0; i < AuditScenario.RUNS_PER_EPOCH; i++) {
                    int run = i;
                    runsD.add(pool.submit(() -> release(monthD, run)));
                    runsDPrime.add(pool.submit(() -> release(monthDPrime, run)));
                }
            }
            base = collect(runsD);
            neighbour = collect(runsDPrime);
        } finally {
            pool.shutdownNow();
        }
        long releasedAt = System.nanoTime();

        EpsilonAuditor.Result result = EpsilonAuditor.audit(base, neighbour, ALPHA);
        EpsilonAuditor.Result ci95 = result.at(0.025);
        double meanD = java.util.Arrays.stream(base).average().orElseThrow();
        double meanDPrime = java.util.Arrays.stream(neighbour).average().orElseThrow();
        System.out.printf("EpsilonAuditIT: %d releases per dataset in %.1f s; mean T on D %.2f (truth %d), on D' %.2f (truth %d)%n",
            base.length, (releasedAt - started) / 1e9, meanD, AuditScenario.TRUE_COUNT_D, meanDPrime, AuditScenario.TRUE_COUNT_D + 2);
        System.out.printf("EpsilonAuditIT: alpha 1e-3: %s%nEpsilonAuditIT: 95%%: %s%n", result, ci95);

        // Sanity: the node released noised values around the bounded truths (8 standard deviations of the mean).
        double sd = Math.sqrt(AuditScenario.JOB.measures().values().iterator().next().mechanism().variance() / base.length);
        assertThat(meanD).isCloseTo(AuditScenario.TRUE_COUNT_D, org.assertj.core.api.Assertions.within(8 * sd));
        assertThat(meanDPrime).isCloseTo(AuditScenario.TRUE_COUNT_D + 2, org.assertj.core.api.Assertions.within(8 * sd));
        assertThat(result.lowerBound()).as("empirical epsilon lower bound (%s)", result).isLessThanOrEqualTo(AuditScenario.EPSILON);
    }
}
