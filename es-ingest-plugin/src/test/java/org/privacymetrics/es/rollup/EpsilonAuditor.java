package org.privacymetrics.es.rollup;

import org.apache.commons.math3.special.Beta;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Empirical lower bound on the epsilon of a mechanism, from releases on two neighbouring datasets D and D'.
 *
 * <p>Each release is reduced to one number T (a fixed statistic of the released rows, which is post-processing, so
 * differential privacy covers it). If the mechanism is epsilon-DP, every output event S satisfies
 * {@code P[M(D') in S] <= e^eps P[M(D) in S]} and the same with D and D' swapped. The auditor:
 *
 * <ol>
 *   <li>splits each sample in two halves, in the order given (releases are independent, so any fixed split works);</li>
 *   <li>on the first halves, tries every threshold event {@code T >= t} and {@code T <= t} (t over the observed values)
 *       in both orders (D' over D, D over D'), and keeps the one whose lower bound (step 3, computed on the first halves)
 *       is largest;</li>
 *   <li>on the second halves only, estimates {@code p1 = P[M(num) in S]} and {@code p0 = P[M(den) in S]} with one-sided
 *       Clopper-Pearson bounds at level alpha/2 each and reports
 *       {@code eps_lb = ln(lower(p1) / upper(p0))}.</li>
 * </ol>
 *
 * <p>Soundness: the event is fixed by the first halves, which are independent of the second halves; for that fixed
 * event, if the mechanism is epsilon-DP then p1 <= e^eps p0, so eps_lb > eps requires lower(p1) > p1 or upper(p0) < p0:
 * probability at most alpha/2 + alpha/2 = alpha. Symmetrically {@code eps_ub = ln(upper(p1) / lower(p0))} is an upper
 * confidence bound on {@code ln(p1 / p0)} for that event, so [eps_lb, eps_ub] covers it with probability >= 1 - 2 alpha.
 * The bound is on the mechanism's epsilon for this pair of datasets and this statistic: a lower bound, never a proof
 * of privacy; its power comes from choosing a statistic whose likelihood ratio is monotone (a threshold on the noised
 * count that the extra user moves).
 */
public final class EpsilonAuditor {

    private EpsilonAuditor() {
    }

    /** One threshold event on T: {@code T >= threshold} when {@code upper}, otherwise {@code T <= threshold}. */
    public record Event(long threshold, boolean upper, boolean neighbourOverBase) {
        boolean contains(long t) {
            return upper ? t >= threshold : t <= threshold;
        }

        @Override
        public String toString() {
            return (neighbourOverBase ? "P[M(D')∈S]/P[M(D)∈S]" : "P[M(D)∈S]/P[M(D')∈S]") + ", S = {T " + (upper ? ">=" : "<=")
                + " " + threshold + "}";
        }
    }

    /**
     * The audit of one event on the evaluation halves.
     *
     * @param k1 occurrences of the event among n1 releases of the numerator dataset
     * @param k0 occurrences among n0 releases of the denominator dataset
     */
    public record Result(Event event, int k1, int n1, int k0, int n0, double alpha, double lowerBound, double estimate,
                         double upperBound) {

        /** The same event and counts at another confidence level. */
        public Result at(double otherAlpha) {
            return evaluate(event, k1, n1, k0, n0, otherAlpha);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "eps_lb %.3f, estimate %.3f, eps_ub %.3f (alpha %.2g each side; %s; %d/%d vs %d/%d)",
                lowerBound, estimate, upperBound, alpha, event, k1, n1, k0, n0);
        }
    }

    /**
     * Audits releases {@code base} (from D) and {@code neighbour} (from D') at level {@code alpha}: the returned
     * lower bound exceeds the true epsilon of an epsilon-DP mechanism with probability at most alpha.
     */
    public static Result audit(long[] base, long[] neighbour, double alpha) {
        if (base.length < 4 || neighbour.length < 4) {
            throw new IllegalArgumentException("need at least 4 releases per dataset");
        }
        long[] selBase = Arrays.copyOfRange(base, 0, base.length / 2);
        long[] evalBase = Arrays.copyOfRange(base, base.length / 2, base.length);
        long[] selNeighbour = Arrays.copyOfRange(neighbour, 0, neighbour.length / 2);
        long[] evalNeighbour = Arrays.copyOfRange(neighbour, neighbour.length / 2, neighbour.length);
        return evaluate(select(selBase, selNeighbour, alpha), evalBase, evalNeighbour, alpha);
    }

    /** The threshold event with the largest lower bound on the given (selection) samples. */
    static Event select(long[] base, long[] neighbour, double alpha) {
        TreeSet<Long> thresholds = new TreeSet<>();
        for (long v : base) {
            thresholds.add(v);
        }
        for (long v : neighbour) {
            thresholds.add(v);
        }
        long[] sortedBase = base.clone();
        long[] sortedNeighbour = neighbour.clone();
        Arrays.sort(sortedBase);
        Arrays.sort(sortedNeighbour);
        Event best = null;
        double bestBound = Double.NEGATIVE_INFINITY;
        for (long t : thresholds) {
            for (boolean upper : new boolean[] {true, false}) {
                int kb = upper ? countAtLeast(sortedBase, t) : countAtMost(sortedBase, t);
                int kn = upper ? countAtLeast(sortedNeighbour, t) : countAtMost(sortedNeighbour, t);
                for (boolean neighbourOverBase : new boolean[] {true, false}) {
                    Event e = new Event(t, upper, neighbourOverBase);
                    Result r = neighbourOverBase ? evaluate(e, kn, neighbour.length, kb, base.length, alpha)
                        : evaluate(e, kb, base.length, kn, neighbour.length, alpha);
                    if (best == null || r.lowerBound() > bestBound) {
                        best = e;
                        bestBound = r.lowerBound();
                    }
                }
            }
        }
        return best;
    }

    static Result evaluate(Event event, long[] base, long[] neighbour, double alpha) {
        int kb = 0;
        for (long v : base) {
            kb += event.contains(v) ? 1 : 0;
        }
        int kn = 0;
        for (long v : neighbour) {
            kn += event.contains(v) ? 1 : 0;
        }
        return event.neighbourOverBase() ? evaluate(event, kn, neighbour.length, kb, base.length, alpha)
            : evaluate(event, kb, base.length, kn, neighbour.length, alpha);
    }

    static Result evaluate(Event event, int k1, int n1, int k0, int n0, double alpha) {
        double half = alpha / 2;
        double lower = Math.log(clopperPearsonLower(k1, n1, half)) - Math.log(clopperPearsonUpper(k0, n0, half));
        double upper = Math.log(clopperPearsonUpper(k1, n1, half)) - Math.log(clopperPearsonLower(k0, n0, half));
        double estimate = Math.log((double) k1 / n1) - Math.log((double) k0 / n0);
        return new Result(event, k1, n1, k0, n0, alpha, lower, estimate, upper);
    }

    private static int countAtLeast(long[] sorted, long t) {
        int i = lowerBoundIndex(sorted, t);
        return sorted.length - i;
    }

    private static int countAtMost(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) { // first index with an element > t
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element >= t. */
    private static int lowerBoundIndex(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---- Clopper-Pearson -------------------------------------------------------------------------------------------

    /**
     * One-sided lower Clopper-Pearson bound: the p with {@code P[Bin(n, p) >= k] = a}, i.e. the a-quantile of
     * Beta(k, n - k + 1); 0 when k = 0. P[true p < bound] <= a.
     */
    public static double clopperPearsonLower(int k, int n, double a) {
        checkCounts(k, n);
        if (k == 0) {
            return 0;
        }
        return betaQuantile(k, n - k + 1, a);
    }

    /**
     * One-sided upper Clopper-Pearson bound: the p with {@code P[Bin(n, p) <= k] = a}, i.e. the (1 - a)-quantile of
     * Beta(k + 1, n - k); 1 when k = n.
     */
    public static double clopperPearsonUpper(int k, int n, double a) {
        checkCounts(k, n);
        if (k == n) {
            return 1;
        }
        return betaQuantile(k + 1, n - k, 1 - a);
    }

    private static void checkCounts(int k, int n) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("counts [" + k + "/" + n + "]");
        }
    }

    /** x with I_x(a, b) = q, by bisection (I_x is increasing in x); accurate to ~1e-15 absolute. */
    static double betaQuantile(double a, double b, double q) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200 && hi - lo > 1e-16; i++) {
            double mid = (lo + hi) / 2;
            if (regularizedBeta(mid, a, b) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The regularized incomplete beta function I_x(a, b) (Apache Commons Math). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return Beta.regularizedBeta(x, a, b, 1e-16, 100_000);
    }
}
