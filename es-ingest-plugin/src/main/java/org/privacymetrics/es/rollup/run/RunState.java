package org.privacymetrics.es.rollup.run;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The states of one run ({@code job} + {@code run_id}), stored in its run record. {@link RunLifecycle} owns every
 * transition; nothing else writes a record's state.
 *
 * <pre>
 *   (none) --claim--> CLAIMED --charge--> CHARGED --noise--> RESULTS_COMPUTED --write--> COMPLETED
 *                        |                   |                      |
 *                        | refused           +-----> FAILED_AFTER_SPENDING <-----+
 *                        v                              |  retry (same charge): CHARGED (no results yet)
 *                     (none)                            |                    or RESULTS_COMPUTED (stored results)
 * </pre>
 *
 * Why these states: a charge happens exactly once per run (the ledger's charges are keyed by the run, so charging again
 * after a crash is a no-op), and noise is drawn at most once per release: once {@code RESULTS_COMPUTED} stores the noised
 * answer, every retry writes and returns that same answer. Before it, nothing was released, so a retry may scan and
 * draw noise again under the existing charge.
 */
public enum RunState {
    /** A node owns the run; nothing charged yet (or a charge is being made). */
    CLAIMED,
    /** The ledger holds this run's charge on every epoch of its window; nothing released. */
    CHARGED,
    /** The noised answer is stored in the record; results may be partly written; never drawn again. */
    RESULTS_COMPUTED,
    /** Results written, answer returned; retries return the stored answer. */
    COMPLETED,
    /** Failed after the charge; a retry of the run_id resumes under the same charge. */
    FAILED_AFTER_SPENDING;

    private static final java.util.Map<RunState, Set<RunState>> NEXT = new java.util.EnumMap<>(RunState.class);

    static {
        NEXT.put(CLAIMED, EnumSet.of(CHARGED, FAILED_AFTER_SPENDING));
        NEXT.put(CHARGED, EnumSet.of(RESULTS_COMPUTED, FAILED_AFTER_SPENDING));
        NEXT.put(RESULTS_COMPUTED, EnumSet.of(COMPLETED, FAILED_AFTER_SPENDING));
        NEXT.put(COMPLETED, EnumSet.noneOf(RunState.class));
        NEXT.put(FAILED_AFTER_SPENDING, EnumSet.of(CHARGED, RESULTS_COMPUTED));
    }

    /** Whether a run may go from this state to {@code next}. */
    public boolean canMoveTo(RunState next) {
        return NEXT.get(this).contains(next);
    }

    /** The name in run records and API answers. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored status, including those of earlier releases ({@code checking}: nothing charged yet;
     * {@code spent}: charged, in flight or interrupted).
     */
    public static RunState parse(Object stored) {
        String s = String.valueOf(stored);
        return switch (s) {
            case "checking" -> CLAIMED;
            case "spent" -> CHARGED;
            default -> valueOf(s.toUpperCase(Locale.ROOT));
        };
    }
}
