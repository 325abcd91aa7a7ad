package org.privacymetrics.es.rollup;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.tasks.CancellableTask;

/**
 * FOR TESTING ONLY: holds a run's thread at a named point so that a fault test can observe the run there and then kill
 * the node ({@code kill -9}) deterministically, without racing the run with sleeps.
 *
 * <p>Node setting {@link #SETTING} (node scope, not dynamic, empty by default): entries {@code <point>:<run_id>}. The
 * first execution of that run on a node that has the entry (the request that claimed it, never a retry that resumes
 * or takes it over) blocks at that point until its task is cancelled or the node dies. It cannot change what is
 * charged, computed or released: it only delays the thread at a point the run can already crash at.
 */
final class RunPauses {
    /** Where a run can be held. */
    enum Point {
        /** Claimed, nothing charged yet. */
        BEFORE_CHARGE,
        /** The ledger holds the charge; the run record still says claimed. */
        AFTER_CHARGE,
        /** Charged; at least one page of the scan read, nothing computed or released. */
        MID_SCAN,
        /** The noised answer is stored in the record and every result row is written; the record is not completed yet. */
        RESULTS_WRITTEN;

        String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final Setting<List<String>> SETTING = Setting.listSetting("privacy_metrics.rollup.test.pause_at", List.of(),
        RunPauses::parseEntry, Setting.Property.NodeScope);

    private static final Logger LOGGER = LogManager.getLogger(RunPauses.class);
    private static final RunPauses NONE = new RunPauses(Set.of());

    private final Set<String> entries;

    private RunPauses(Set<String> entries) {
        this.entries = entries;
    }

    static RunPauses of(Settings settings) {
        List<String> list = SETTING.get(settings);
        return list.isEmpty() ? NONE : new RunPauses(Set.copyOf(new HashSet<>(list)));
    }

    private static String parseEntry(String entry) {
        int colon = entry.indexOf(':');
        String point = colon < 0 ? entry : entry.substring(0, colon);
        boolean known = false;
        for (Point p : Point.values()) {
            known |= p.apiName().equals(point);
        }
        if (!known || colon < 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("setting [privacy_metrics.rollup.test.pause_at] entries must be <point>:<run_id> with"
                + " point one of " + List.of(Point.values()).stream().map(Point::apiName).toList() + ", got [" + entry + "]");
        }
        return entry;
    }

    boolean holds(Point point, String runId) {
        return !entries.isEmpty() && entries.contains(point.apiName() + ":" + runId);
    }

    /**
     * Blocks while the entry {@code point:runId} is set, the run is a first execution and its task is not cancelled.
     *
     * @param firstExecution false for a run resumed or taken over: those are never held
     */
    void maybeHold(Point point, String runId, boolean firstExecution, CancellableTask task, RollupService.Progress progress) {
        if (!firstExecution || !holds(point, runId)) {
            return;
        }
        LOGGER.warn("rollup run [{}] held at [{}] by the test-only setting [{}]", runId, point.apiName(), SETTING.getKey());
        progress.phase("held at [" + point.apiName() + "] by [" + SETTING.getKey() + "]");
        while (true) {
            task.ensureNotCancelled();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held at [" + point.apiName() + "]", e);
            }
        }
    }
}
