package org.privacymetrics.es.rollup;

import java.util.random.RandomGenerator;

/**
 * The contribution bounding of one user, shared by every path that computes a rollup (the coordinator-side
 * {@link RollupComputation} and the shard-level one-pass aggregation), so both apply exactly the same rule: when a user
 * has more than {@code max_keys_per_user} keys, a uniformly random subset of that many keys is kept (partial
 * Fisher-Yates, independent of key or id order); each kept key counts the user once and at most {@code max_per_key} of
 * the user's events.
 */
public final class ContributionBounds {
    private final int maxKeysPerUser;
    private final long maxPerKey;

    public ContributionBounds(int maxKeysPerUser, long maxPerKey) {
        if (maxKeysPerUser < 1 || maxPerKey < 0) {
            throw new IllegalArgumentException("bounds [" + maxKeysPerUser + ", " + maxPerKey + "] out of range");
        }
        this.maxKeysPerUser = maxKeysPerUser;
        this.maxPerKey = maxPerKey;
    }

    public int maxKeysPerUser() {
        return maxKeysPerUser;
    }

    public long maxPerKey() {
        return maxPerKey;
    }

    /**
     * Adds one user's bounded contribution to {@code users} and {@code events} (indexed by key). {@code keys[0..n)} are
     * the user's distinct in-domain keys, {@code counts[0..n)} its positive event counts on them; both arrays are
     * reordered.
     *
     * @return true when the user's keys were cut down to {@code max_keys_per_user}
     */
    public boolean addUser(int[] keys, long[] counts, int n, RandomGenerator subsetRandom, long[] users, long[] events) {
        int k = maxKeysPerUser;
        boolean bounded = n > k;
        if (bounded) {
            // Partial Fisher-Yates: the first k slots become a uniformly random k-subset, independent of key or id order.
            for (int i = 0; i < k; i++) {
                int j = i + subsetRandom.nextInt(n - i);
                int tk = keys[i];
                keys[i] = keys[j];
                keys[j] = tk;
                long tc = counts[i];
                counts[i] = counts[j];
                counts[j] = tc;
            }
            n = k;
        }
        for (int i = 0; i < n; i++) {
            users[keys[i]]++;
            events[keys[i]] += Math.min(counts[i], maxPerKey);
        }
        return bounded;
    }
}
