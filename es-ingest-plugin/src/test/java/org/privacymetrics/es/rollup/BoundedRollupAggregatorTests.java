package org.privacymetrics.es.rollup;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.assertj.core.api.Assertions;
import org.elasticsearch.common.io.stream.BytesStreamOutput;
import org.elasticsearch.common.io.stream.NamedWriteableAwareStreamInput;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.index.mapper.MappedFieldType;
import org.elasticsearch.plugins.SearchPlugin;
import org.elasticsearch.search.aggregations.AggregationBuilder;
import org.elasticsearch.search.aggregations.AggregatorReducer;
import org.elasticsearch.search.aggregations.AggregatorTestCase;
import org.elasticsearch.search.aggregations.bucket.filter.FilterAggregationBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.privacymetrics.es.rollup.job.Measure;
import org.privacymetrics.es.rollup.job.RollupJob;
import org.privacymetrics.es.rollup.job.Window;
import org.privacymetrics.es.rollup.onepass.BoundedRollupAggregationBuilder;
import org.privacymetrics.es.rollup.onepass.InternalBoundedRollup;

/**
 * The one-pass aggregation on real Lucene shards, against {@link RollupComputation} (the coordinator-side bounding of
 * the composite path) fed with the same users' events, with zero noise: same bounded counts wherever no subset is drawn,
 * the same subset distribution where one is.
 */
public class BoundedRollupAggregatorTests extends AggregatorTestCase {
    private static final String[] SERVICES = {"sync", "hello", "readinglist"};
    private static final String[] EVENTS = {"login", "call", "save_item"};
    private static final String[] DEVICES = {"mobile", "desktop"};
    private static final long DAY = 86_400_000L;
    private static final MappedFieldType[] FIELDS = {};

    /** Events of one user: (service, event, device, day); null values are absent fields. */
    private record Event(String user, String service, String event, String device, long day) {}

    @Override
    protected List<SearchPlugin> getSearchPlugins() {
        return List.of(new SearchPlugin() {
            @Override
            public List<AggregationSpec> getAggregations() {
                return List.of(BoundedRollupAggregationBuilder.spec(SecureRandom::new));
            }
        });
    }

    private MappedFieldType[] fields() {
        return new MappedFieldType[] {keywordField("metrics_id"), keywordField("service"), keywordField("event"),
            keywordField("device"), longField("@timestamp")};
    }

    private static RollupJob job(boolean serviceDimension, int maxKeys, int maxPerKey) {
        RollupJob.Builder b = RollupJob.builder("t").window(Window.MONTH);
        if (serviceDimension) {
            b.dimension("service", List.of("sync", "hello"));
        }
        b.dimension("event", List.of("login", "call"));
        b.dimension("device", List.of("mobile", "desktop"));
        return b.measure(Measure.USERS, 0.5, 1).measure(Measure.EVENTS, 0.3, maxPerKey).measure(Measure.MULTI_SERVICE_USERS, 0.2, 1)
            .maxKeysPerUser(maxKeys).build();
    }

    private static BoundedRollupAggregationBuilder agg(RollupJob job, Supplier<RandomGenerator> randomness) {
        return BoundedRollupAggregationBuilder.forJob("r", job, RollupComputation.boundsOf(job), randomness);
    }

    private static void write(IndexWriter w, List<Event> events) throws IOException {
        for (Event e : events) {
            Document doc = new Document();
            if (e.user != null) {
                doc.add(new SortedSetDocValuesField("metrics_id", new BytesRef(e.user)));
            }
            if (e.service != null) {
                doc.add(new SortedSetDocValuesField("service", new BytesRef(e.service)));
            }
            if (e.event != null) {
                doc.add(new SortedSetDocValuesField("event", new BytesRef(e.event)));
            }
            if (e.device != null) {
                doc.add(new SortedSetDocValuesField("device", new BytesRef(e.device)));
            }
            doc.add(new LongPoint("@timestamp", e.day * DAY));
            w.addDocument(doc);
            if (randomInt(400) == 0) {
                w.commit(); // several segments: users' events spread over segments of the shard
            }
        }
    }

    /** Runs the aggregation on one shard holding {@code events}, restricted to days [from, to). */
    private InternalBoundedRollup shard(List<Event> events, AggregationBuilder agg, long fromDay, long toDay) throws IOException {
        try (Directory dir = newDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                write(w, events);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                Query window = LongPoint.newRangeQuery("@timestamp", fromDay * DAY, toDay * DAY - 1);
                return searchAndReduce(reader, new AggTestConfig(agg, fields()).withQuery(window)
                    .withSplitLeavesIntoSeperateAggregators(false));
            }
        }
    }

    private InternalBoundedRollup shard(List<Event> events, AggregationBuilder agg) throws IOException {
        return shard(events, agg, 0, 1000);
    }

    private static InternalBoundedRollup reduce(InternalBoundedRollup... shards) {
        AggregatorReducer reducer = shards[0].getReducer(null, shards.length);
        for (InternalBoundedRollup s : shards) {
            reducer.accept(s);
        }
        return (InternalBoundedRollup) reducer.get();
    }

    /** The composite path's computation over the same users (grouped by metrics_id), zero noise. */
    private static RollupResult reference(RollupJob job, List<Event> events, RandomGenerator subsetRandom, long fromDay, long toDay) {
        return referenceComputation(job, events, subsetRandom, fromDay, toDay).finish(mechanism -> 0);
    }

    private static RollupComputation referenceComputation(RollupJob job, List<Event> events, RandomGenerator subsetRandom, long fromDay,
            long toDay) {
        Map<String, List<Map<String, String>>> byUser = new java.util.TreeMap<>();
        for (Event e : events) {
            if (e.user == null || e.day < fromDay || e.day >= toDay) {
                continue;
            }
            Map<String, String> m = new HashMap<>();
            if (e.service != null) {
                m.put("service", e.service);
            }
            if (e.event != null) {
                m.put("event", e.event);
            }
            if (e.device != null) {
                m.put("device", e.device);
            }
            byUser.computeIfAbsent(e.user, u -> new ArrayList<>()).add(m);
        }
        RollupComputation c = new RollupComputation(job, subsetRandom);
        KeyDomain domain = new KeyDomain(job.dimensions());
        for (List<Map<String, String>> user : byUser.values()) {
            // the composite path's terms filters match only in-domain events: a user without one is never seen
            if (user.stream().anyMatch(e -> domain.indexOf(domain.dimensions().stream().map(e::get).toList()) >= 0)) {
                c.addUserEvents(user);
            }
        }
        return c;
    }

    private static RollupResult finish(RollupJob job, InternalBoundedRollup r) {
        RollupComputation c = new RollupComputation(job);
        c.addBounded(r.users(), r.events(), r.multiServiceUsers(), r.usersSeen(), r.usersBounded());
        return c.finish(mechanism -> 0);
    }

    private static List<Event> randomEvents(SplittableRandom rnd, String userPrefix, int users, int maxEventsPerUser) {
        List<Event> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int n = 1 + rnd.nextInt(maxEventsPerUser);
            for (int i = 0; i < n; i++) {
                // undeclared values ("readinglist", "save_item", "tablet") and missing fields are ignored by both paths
                String service = rnd.nextInt(20) == 0 ? null : SERVICES[rnd.nextInt(SERVICES.length)];
                String event = rnd.nextInt(30) == 0 ? null : EVENTS[rnd.nextInt(EVENTS.length)];
                String device = rnd.nextInt(10) == 0 ? "tablet" : DEVICES[rnd.nextInt(DEVICES.length)];
                out.add(new Event(userPrefix + u, service, event, device, rnd.nextInt(60)));
            }
        }
        java.util.Collections.shuffle(out, new java.util.Random(rnd.nextLong()));
        return out;
    }

    public void testSameBoundedCountsAsTheCompositePathWhenNoSubsetIsDrawn() throws IOException {
        SplittableRandom rnd = new SplittableRandom(random().nextLong());
        for (boolean serviceDimension : new boolean[] {true, false}) {
            // more keys per user allowed than the domain has: no random choice, so counts must be equal
            RollupJob job = job(serviceDimension, 8, 3);
            List<Event> events = randomEvents(rnd, "u", 300, 15);
            InternalBoundedRollup one = shard(events, agg(job, SecureRandom::new), 10, 40);
            RollupComputation expected = referenceComputation(job, events, new SecureRandom(), 10, 40);
            Assertions.assertThat(one.usersSeen()).isEqualTo(expected.usersSeen()).isGreaterThan(100);
            Assertions.assertThat(finish(job, one).rows()).isEqualTo(expected.finish(mechanism -> 0).rows());
            Assertions.assertThat(one.usersBounded()).isZero();
            Assertions.assertThat(one.multiServiceUsers()).isPositive();
        }
    }

    public void testAUserOverTheBoundsContributesExactlyTheBound() throws IOException {
        RollupJob job = job(true, 2, 3);
        List<Event> events = new ArrayList<>();
        // the heavy user: 10 events on each of the 8 keys of the domain
        for (String s : new String[] {"sync", "hello"}) {
            for (String e : new String[] {"login", "call"}) {
                for (String d : DEVICES) {
                    for (int i = 0; i < 10; i++) {
                        events.add(new Event("heavy", s, e, d, 3));
                    }
                }
            }
        }
        events.add(new Event("light", "sync", "login", "mobile", 4));
        InternalBoundedRollup r = shard(events, agg(job, SecureRandom::new));
        long users = 0;
        long total = 0;
        for (int i = 0; i < r.users().length; i++) {
            users += r.users()[i];
            total += r.events()[i];
            Assertions.assertThat(r.users()[i]).isLessThanOrEqualTo(2);
            Assertions.assertThat(r.events()[i]).isLessThanOrEqualTo(3 + 1);
        }
        Assertions.assertThat(users).as("the heavy user counts on exactly max_keys_per_user keys").isEqualTo(2 + 1);
        Assertions.assertThat(total).as("at most max_per_key events on each").isEqualTo(2 * 3 + 1);
        Assertions.assertThat(r.usersBounded()).isEqualTo(1);
        Assertions.assertThat(r.usersSeen()).isEqualTo(2);
        Assertions.assertThat(r.multiServiceUsers()).isEqualTo(1);
    }

    /**
     * 4,000 users each on the same 4 keys with max_keys_per_user 2: each key is kept with probability 1/2 (mean 2,000,
     * sd about 32), as in the composite path's RollupComputation run on the same data in the same test. A rule keeping
     * the first keys of any fixed order would give 4,000 and 0: more than 60 sd away, so the test has power against it.
     */
    public void testSubsetSelectionHasTheSameDistributionAsTheCompositePath() throws IOException {
        RollupJob job = job(false, 2, 1);
        List<Event> events = new ArrayList<>();
        int n = 4000;
        for (int u = 0; u < n; u++) {
            for (String e : new String[] {"login", "call"}) {
                for (String d : DEVICES) {
                    events.add(new Event(String.format(java.util.Locale.ROOT, "u%05d", u), "sync", e, d, 1));
                }
            }
        }
        InternalBoundedRollup r = shard(events, agg(job, SecureRandom::new));
        RollupResult ref = reference(job, events, new SecureRandom(), 0, 1000);
        long[] composite = ref.rows().stream().filter(row -> row.measure() == Measure.USERS).mapToLong(RollupResult.Row::value).toArray();
        Assertions.assertThat(r.usersBounded()).isEqualTo(n);
        for (int i = 0; i < 4; i++) {
            Assertions.assertThat(r.users()[i]).as("key %s one-pass", i).isBetween(2000L - 160, 2000L + 160);
            Assertions.assertThat(composite[i]).as("key %s composite", i).isBetween(2000L - 160, 2000L + 160);
            // the difference of two independent Binomial(4000, 1/2): sd about 45
            Assertions.assertThat(Math.abs(r.users()[i] - composite[i])).isLessThan(225L);
        }
        Assertions.assertThat(java.util.Arrays.stream(r.users()).sum()).isEqualTo(2L * n);
    }

    public void testTwoShardsAreSummed() throws IOException {
        SplittableRandom rnd = new SplittableRandom(random().nextLong());
        RollupJob job = job(true, 8, 2);
        List<Event> a = randomEvents(rnd, "a", 150, 12);
        List<Event> b = randomEvents(rnd, "b", 150, 12);
        InternalBoundedRollup reduced = reduce(shard(a, agg(job, SecureRandom::new)), shard(b, agg(job, SecureRandom::new)));
        List<Event> all = new ArrayList<>(a);
        all.addAll(b);
        RollupComputation expected = referenceComputation(job, all, new SecureRandom(), 0, 1000);
        Assertions.assertThat(reduced.usersSeen()).isEqualTo(expected.usersSeen()).isGreaterThan(200);
        Assertions.assertThat(finish(job, reduced).rows()).isEqualTo(expected.finish(mechanism -> 0).rows());
    }

    public void testEmptyWindowAndEmptyShard() throws IOException {
        RollupJob job = job(true, 2, 3);
        List<Event> events = List.of(new Event("u1", "sync", "login", "mobile", 5), new Event("u2", "hello", "call", "desktop", 6));
        InternalBoundedRollup outside = shard(events, agg(job, SecureRandom::new), 10, 20);
        InternalBoundedRollup empty = shard(List.of(), agg(job, SecureRandom::new));
        for (InternalBoundedRollup r : List.of(outside, empty)) {
            Assertions.assertThat(r.users()).hasSize(8).containsOnly(0L);
            Assertions.assertThat(r.events()).hasSize(8).containsOnly(0L);
            Assertions.assertThat(r.usersSeen()).isZero();
            Assertions.assertThat(r.multiServiceUsers()).isZero();
        }
        Assertions.assertThat(finish(job, outside).rows()).hasSize(8 * 2 + 1);
    }

    /**
     * One person in two epochs has two metrics ids, stored in two epoch indices: two pseudonyms, each bounded on its own,
     * as the composite path counts two metrics ids.
     */
    public void testAPersonInTwoEpochsCountsAsTwoPseudonyms() throws IOException {
        RollupJob job = job(true, 1, 3);
        List<Event> november = new ArrayList<>();
        List<Event> december = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            november.add(new Event("nov-id", "sync", "login", "mobile", 29));
            december.add(new Event("dec-id", "sync", "login", "mobile", 30));
        }
        InternalBoundedRollup r = reduce(shard(november, agg(job, SecureRandom::new)), shard(december, agg(job, SecureRandom::new)));
        List<Event> all = new ArrayList<>(november);
        all.addAll(december);
        Assertions.assertThat(r.users()[0]).isEqualTo(2);
        Assertions.assertThat(r.events()[0]).isEqualTo(6);
        Assertions.assertThat(finish(job, r).rows()).isEqualTo(reference(job, all, new SecureRandom(), 0, 1000).rows());
    }

    public void testOnlyTopLevelWithoutSubAggregations() {
        RollupJob job = job(true, 2, 3);
        FilterAggregationBuilder parent = new FilterAggregationBuilder("f", QueryBuilders.matchAllQuery());
        parent.subAggregation(agg(job, SecureRandom::new));
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
            () -> shard(List.of(new Event("u", "sync", "login", "mobile", 1)), parent));
        Assertions.assertThat(e.getMessage()).contains("[privacy_bounded_rollup] must be a top-level aggregation");
        Assertions.assertThat(agg(job, SecureRandom::new).supportsParallelCollection(f -> 1)).isFalse();
    }

    public void testResultAndBuilderSurviveTheWire() throws IOException {
        RollupJob job = job(false, 2, 3);
        BoundedRollupAggregationBuilder builder = agg(job, SecureRandom::new);
        InternalBoundedRollup r = shard(List.of(new Event("u", "sync", "login", "mobile", 1), new Event("u", "hello", "call", "mobile", 1)),
            builder);
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            out.writeNamedWriteable(r);
            out.writeNamedWriteable(builder);
            try (StreamInput in = new NamedWriteableAwareStreamInput(out.bytes().streamInput(), writableRegistry())) {
                Assertions.assertThat(in.readNamedWriteable(org.elasticsearch.search.aggregations.InternalAggregation.class)).isEqualTo(r);
                Assertions.assertThat(in.readNamedWriteable(AggregationBuilder.class)).isEqualTo(builder);
            }
        }
        Assertions.assertThat(r.multiServiceUsers()).isEqualTo(1);
    }

    public void testParseRejectsBadBoundsNamingTheField() throws IOException {
        String body = "{\"dimensions\": [{\"field\": \"event\", \"values\": [\"login\"]}], \"max_keys_per_user\": 0, \"max_per_key\": 1}";
        try (var parser = createParser(org.elasticsearch.xcontent.json.JsonXContent.jsonXContent, body)) {
            IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                () -> BoundedRollupAggregationBuilder.parse(parser, "r", SecureRandom::new));
            Assertions.assertThat(e.getMessage()).contains("field [max_keys_per_user]");
        }
        String userDim = "{\"dimensions\": [{\"field\": \"metrics_id\", \"values\": [\"x\"]}], \"max_keys_per_user\": 1, \"max_per_key\": 1}";
        try (var parser = createParser(org.elasticsearch.xcontent.json.JsonXContent.jsonXContent, userDim)) {
            IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                () -> BoundedRollupAggregationBuilder.parse(parser, "r", SecureRandom::new));
            Assertions.assertThat(e.getMessage()).contains("dimension [metrics_id] is not allowed");
        }
    }
}
