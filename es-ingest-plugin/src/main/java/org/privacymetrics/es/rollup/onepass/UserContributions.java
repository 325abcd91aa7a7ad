package org.privacymetrics.es.rollup.onepass;

import java.util.random.RandomGenerator;
import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.common.util.IntArray;
import org.elasticsearch.common.util.LongArray;
import org.elasticsearch.common.util.LongHash;
import org.elasticsearch.core.Releasable;
import org.elasticsearch.core.Releasables;
import org.privacymetrics.es.rollup.ContributionBounds;

/**
 * One shard's events of the window, gathered per user: for each (user, key) pair its event count, for each user whether
 * its in-domain events came from two or more services. Users are numbered densely (the shard's global ordinals of
 * {@code metrics_id}); keys are indices in the declared domain. Everything lives in {@link BigArrays}, so it is accounted
 * on the request circuit breaker like any aggregation's state.
 *
 * <p>Memory: about 12 bytes per user number and 40 per distinct (user, key) pair of the shard; it is freed when the
 * shard's result is built. {@link #bound} then applies the job's contribution bounding to each user exactly once.
 */
final class UserContributions implements Releasable {
    private static final long MULTI = -1;

    private final BigArrays bigArrays;
    private final int domainSize;
    private LongHash pairs;
    private IntArray pairCounts;
    /** Per pair: the next pair id of the same user, plus one (0 ends the user's list). */
    private IntArray pairNext;
    /** Per user: its first pair id, plus one (0: no in-domain event). */
    private IntArray userHead;
    /** Per user: 0 no service seen, s + 1 only service s, -1 two or more services. */
    private LongArray userService;

    UserContributions(BigArrays bigArrays, int domainSize) {
        this.bigArrays = bigArrays;
        this.domainSize = domainSize;
        boolean ok = false;
        try {
            this.pairs = new LongHash(1, bigArrays);
            this.pairCounts = bigArrays.newIntArray(1, false);
            this.pairNext = bigArrays.newIntArray(1, false);
            this.userHead = bigArrays.newIntArray(1, true);
            this.userService = bigArrays.newLongArray(1, true);
            ok = true;
        } finally {
            if (ok == false) {
                close();
            }
        }
    }

    /**
     * One in-domain event.
     *
     * @param user    the user's number, {@code >= 0}
     * @param key     the event's key in the declared domain, {@code 0 <= key < domainSize}
     * @param service a number identifying the event's service, or -1 when it has none
     */
    void add(long user, int key, long service) {
        long id = pairs.add(user * domainSize + key);
        if (id >= 0) {
            if (id >= Integer.MAX_VALUE) {
                throw new IllegalStateException("more than [" + Integer.MAX_VALUE + "] (user, key) pairs in one shard");
            }
            pairCounts = bigArrays.grow(pairCounts, id + 1);
            pairNext = bigArrays.grow(pairNext, id + 1);
            userHead = bigArrays.grow(userHead, user + 1);
            pairCounts.set(id, 1);
            pairNext.set(id, userHead.get(user));
            userHead.set(user, (int) id + 1);
        } else {
            pairCounts.increment(-1 - id, 1);
        }
        if (service >= 0) {
            userService = bigArrays.grow(userService, user + 1);
            long seen = userService.get(user);
            if (seen == 0) {
                userService.set(user, service + 1);
            } else if (seen != MULTI && seen != service + 1) {
                userService.set(user, MULTI);
            }
        }
    }

    /** Applies the bounds to every user once and returns the shard's bounded counts. */
    ShardCounts bound(ContributionBounds bounds, RandomGenerator subsetRandom) {
        long[] users = new long[domainSize];
        long[] events = new long[domainSize];
        long seen = 0;
        long bounded = 0;
        long multi = 0;
        int[] keys = new int[16];
        long[] counts = new long[16];
        long userCount = pairs.size() == 0 ? 0 : userHead.size();
        for (long u = 0; u < userCount; u++) {
            int head = userHead.get(u);
            if (head == 0) {
                continue;
            }
            int n = 0;
            for (int id = head - 1; id >= 0; id = pairNext.get(id) - 1) {
                if (n == keys.length) {
                    keys = java.util.Arrays.copyOf(keys, n * 2);
                    counts = java.util.Arrays.copyOf(counts, n * 2);
                }
                keys[n] = (int) (pairs.get(id) % domainSize);
                counts[n] = pairCounts.get(id);
                n++;
            }
            seen++;
            if (bounds.addUser(keys, counts, n, subsetRandom, users, events)) {
                bounded++;
            }
            if (u < userService.size() && userService.get(u) == MULTI) {
                multi++;
            }
        }
        return new ShardCounts(users, events, multi, seen, bounded);
    }

    @Override
    public void close() {
        Releasables.close(pairs, pairCounts, pairNext, userHead, userService);
    }

    /** Bounded counts per key (users, events), multi-service users, users seen and users cut down to the bound. */
    record ShardCounts(long[] users, long[] events, long multiServiceUsers, long usersSeen, long usersBounded) {}
}
