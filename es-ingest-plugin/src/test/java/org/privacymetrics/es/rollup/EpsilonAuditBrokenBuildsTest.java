package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.privacymetrics.es.rollup.noise.MajorityVote;

/**
 * The end-to-end audit's other half: the auditor of {@code EpsilonAuditIT}, on the same job, datasets and statistic
 * ({@link AuditScenario}), flags deliberately broken builds ({@link Builds}, through test seams). Releases are computed
 * in-process by the same {@link RollupComputation} the node runs. Each check is a majority of 3 out of 5 trials on fresh
 * releases (unseeded SecureRandom); alpha = 1e-3 per trial as in the IT.
 */
class EpsilonAuditBrokenBuildsTest {
    private static final double ALPHA = 1e-3;
    /** As many releases per dataset as the IT makes on the node. */
    static final int NODE_RUNS = AuditScenario.RUNS_PER_DATASET;
    /** The halved scale only doubles epsilon (0.5 to 1): it takes more releases to see. */
    private static final int HALVED_RUNS = 4_000;

    private static boolean flagged(Builds build, int runs) {
        return MajorityVote.passes(3, trial -> {
            EpsilonAuditor.Result r = EpsilonAuditor.audit(AuditScenario.releases(build, false, runs),
                AuditScenario.releases(build, true, runs), ALPHA);
            System.out.printf("audit scenario, %s build, %d releases per dataset, trial %d: %s; 95%%: %s%n", build, runs, trial, r,
                r.at(0.025));
            return r.lowerBound() > AuditScenario.EPSILON;
        });
    }

    @Test
    void theAuditorFlagsABuildWithoutContributionBoundingAtTheNodesSampleSize() {
        assertThat(flagged(Builds.UNBOUNDED, NODE_RUNS)).isTrue();
    }

    @Test
    void theAuditorFlagsABuildWithHalfTheNoiseScale() {
        assertThat(flagged(Builds.HALVED_SCALE, HALVED_RUNS)).isTrue();
    }

    /** The shipped build at the halved build's sample size: not flagged (false flag <= 1e-3 per trial). */
    @Test
    void theShippedBuildIsNotFlaggedAtTheSameSampleSize() {
        assertThat(flagged(Builds.SHIPPED, HALVED_RUNS)).isFalse();
    }
}
