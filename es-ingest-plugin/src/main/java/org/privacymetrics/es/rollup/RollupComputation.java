package org.privacymetrics.es.rollup;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.privacymetrics.es.rollup.job.Measure;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.noise.NoiseSource;

/**
 * The rollup of one window, fed one user at a time: contribution bounding, exact counts on the declared domain, then
 * noise, computed once.
 *
 * <p>Memory is one counter per declared key and measure, independent of the number of users. Not thread-safe: one
 * computation per run, fed by one thread. True counts never leave this class; {@link #finish(NoiseSource)} returns only
 * noised values.
 */
public final class RollupComputation {
    private final RollupJob job;
    private final KeyDomain domain;
    private final RandomGenerator subsetRandom;
    private final ContributionBounds bounds;
    private final long[] users;
    private final long[] events;
    private final Set<String> declaredServices;
    private long multiServiceUsers;
    private long usersSeen;
    private long usersBounded;
    private RollupResult result;

    /** A computation whose contribution bounding draws subsets from a fresh {@link SecureRandom}. */
    public RollupComputation(RollupJob job) {
        this(job, new SecureRandom());
    }

    RollupComputation(RollupJob job, RandomGenerator subsetRandom) {
        this(job, subsetRandom, Objects.requireNonNull(job, "job").maxKeysPerUser(), maxPerKeyOf(job));
    }

    /**
     * Test seam, package-private on purpose: the contribution bounds actually applied, which every other constructor
     * takes from the job. The sensitivities and the noise still come from the job, so bounds looser than the job's model
     * a build whose contribution bounding is broken; the statistical audits (NeighbouringDatasetsStatisticalTest,
     * EpsilonAuditBrokenBuildsTest, see docs/privacy.md "Auditing the guarantee") pass {@code Integer.MAX_VALUE} and
     * {@code Long.MAX_VALUE} here to show that they detect such a build.
     * No production code path passes anything but the job's bounds, and no setting reaches this constructor.
     */
    RollupComputation(RollupJob job, RandomGenerator subsetRandom, int maxKeysPerUser, long maxPerKey) {
        this.job = Objects.requireNonNull(job, "job");
        this.bounds = new ContributionBounds(maxKeysPerUser, maxPerKey);
        this.domain = new KeyDomain(job.dimensions());
        this.subsetRandom = Objects.requireNonNull(subsetRandom, "subsetRandom");
        this.users = new long[domain.size()];
        this.events = new long[domain.size()];
        List<String> services = job.dimensions().get("service");
        this.declaredServices = services == null ? null : Set.copyOf(services);
    }

    /** The job's contribution bounds, as every production path applies them. */
    static ContributionBounds boundsOf(RollupJob job) {
        return new ContributionBounds(job.maxKeysPerUser(), maxPerKeyOf(job));
    }

    private static long maxPerKeyOf(RollupJob job) {
        RollupJob.MeasureSpec eventsSpec = job.measures().get(Measure.EVENTS);
        return eventsSpec == null ? 0 : eventsSpec.maxPerKey();
    }

    public KeyDomain domain() {
        return domain;
    }

    /**
     * Adds all of one user's events in the window. Each user must be added exactly once per run.
     *
     * @param eventsPerKey event counts per key, a key being the dimension values in declaration order; keys outside the
     *                     declared domain are ignored
     * @param services     the services of this user's in-domain events (may be empty); used for multi_service_users.
     *                     When {@code service} is a dimension only declared services count.
     */
    public void addUser(Map<List<String>, Long> eventsPerKey, Set<String> services) {
        if (result != null) {
            throw new IllegalStateException("rollup already finished");
        }
        usersSeen++;
        int[] keys = new int[eventsPerKey.size()];
        long[] counts = new long[eventsPerKey.size()];
        int n = 0;
        for (Map.Entry<List<String>, Long> e : eventsPerKey.entrySet()) {
            int index = domain.indexOf(e.getKey());
            if (index >= 0 && e.getValue() > 0) {
                keys[n] = index;
                counts[n] = e.getValue();
                n++;
            }
        }
        if (bounds.addUser(keys, counts, n, subsetRandom, users, events)) {
            usersBounded++;
        }
        int distinct = 0;
        for (String s : services) {
            if (declaredServices == null || declaredServices.contains(s)) {
                distinct++;
            }
        }
        if (distinct >= 2) {
            multiServiceUsers++;
        }
    }

    /** Convenience for callers that have a user's raw (key, service) events: aggregates, then {@link #addUser}. */
    public void addUserEvents(List<Map<String, String>> userEvents) {
        Map<List<String>, Long> perKey = new HashMap<>();
        Set<String> services = new HashSet<>();
        for (Map<String, String> event : userEvents) {
            List<String> key = new ArrayList<>(domain.dimensions().size());
            for (String d : domain.dimensions()) {
                key.add(event.get(d));
            }
            if (domain.indexOf(key) < 0) {
                continue; // outside the domain: ignored entirely
            }
            perKey.merge(key, 1L, Long::sum);
            String service = event.get("service");
            if (service != null) {
                services.add(service);
            }
        }
        addUser(perKey, services);
    }

    /**
     * Adds the bounded counts of users already bounded elsewhere with {@link #boundsOf} of this job (the one-pass
     * aggregation bounds each user in the shard holding all of that user's events): the same state {@link #addUser}
     * would have reached for those users.
     */
    void addBounded(long[] boundedUsers, long[] boundedEvents, long multiService, long seen, long bounded) {
        if (result != null) {
            throw new IllegalStateException("rollup already finished");
        }
        if (boundedUsers.length != users.length || boundedEvents.length != events.length) {
            throw new IllegalArgumentException("partial counts of [" + boundedUsers.length + "] keys, the domain has [" + users.length + "]");
        }
        for (int i = 0; i < users.length; i++) {
            users[i] += boundedUsers[i];
            events[i] += boundedEvents[i];
        }
        multiServiceUsers += multiService;
        usersSeen += seen;
        usersBounded += bounded;
    }

    /** Users added so far (for progress reporting; not released). */
    public long usersSeen() {
        return usersSeen;
    }

    /** Users whose keys were cut down to max_keys_per_user (for operators; not released). */
    public long usersBounded() {
        return usersBounded;
    }

    /**
     * Adds noise to every declared key and measure, once. Later calls return the same result: a second noise draw on
     * the same counts would be a second query.
     */
    public RollupResult finish(NoiseSource noise) {
        if (result != null) {
            return result;
        }
        List<RollupResult.Row> rows = new ArrayList<>();
        for (RollupJob.MeasureSpec spec : job.measures().values()) {
            if (spec.measure() == Measure.MULTI_SERVICE_USERS) {
                rows.add(new RollupResult.Row(Map.of(), spec.measure(), multiServiceUsers + spec.mechanism().sample(noise),
                    spec.mechanism().noiseScale(), spec.mechanism().ci95()));
                continue;
            }
            long[] counts = spec.measure() == Measure.USERS ? users : events;
            for (int i = 0; i < domain.size(); i++) {
                rows.add(new RollupResult.Row(domain.keyMap(i), spec.measure(), counts[i] + spec.mechanism().sample(noise),
                    spec.mechanism().noiseScale(), spec.mechanism().ci95()));
            }
        }
        result = new RollupResult(List.copyOf(rows));
        // Drop the true counts as soon as they are not needed.
        java.util.Arrays.fill(users, 0);
        java.util.Arrays.fill(events, 0);
        multiServiceUsers = 0;
        return result;
    }
}
