package org.privacymetrics.es.rollup.onepass;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;
import org.elasticsearch.TransportVersion;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.search.aggregations.AbstractAggregationBuilder;
import org.elasticsearch.search.aggregations.AggregationBuilder;
import org.elasticsearch.search.aggregations.AggregatorFactories;
import org.elasticsearch.search.aggregations.AggregatorFactory;
import org.elasticsearch.search.aggregations.support.AggregationContext;
import org.elasticsearch.plugins.SearchPlugin;
import org.elasticsearch.xcontent.ContextParser;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.xcontent.XContentParser;
import org.privacymetrics.es.rollup.ContributionBounds;
import org.privacymetrics.es.rollup.job.RollupJob;

/**
 * {@code privacy_bounded_rollup}: a top-level aggregation that, inside each shard, gathers every user's events (users
 * by {@code metrics_id}), applies a rollup job's contribution bounding to each user and returns per declared key the
 * bounded user and event counts (see {@link InternalBoundedRollup}). Exact only when all events of one user lie in one
 * shard: the raw layout routed by {@code metrics_id} within an epoch index; the rollup engine uses it only then.
 *
 * <pre>
 * {"privacy_bounded_rollup": {"dimensions": [{"field": "service", "values": ["sync", "hello"]}, ...],
 *                             "max_keys_per_user": 4, "max_per_key": 5}}
 * </pre>
 *
 * <p>Subset selection draws from the injected randomness (a fresh {@link SecureRandom} per shard in production).
 */
public final class BoundedRollupAggregationBuilder extends AbstractAggregationBuilder<BoundedRollupAggregationBuilder> {
    public static final String NAME = "privacy_bounded_rollup";
    /** The field identifying a user (a pseudonym of one epoch). */
    public static final String USER_FIELD = "metrics_id";
    /** The field counted by multi_service_users. */
    public static final String SERVICE_FIELD = "service";

    private final LinkedHashMap<String, List<String>> dimensions;
    private final int maxKeysPerUser;
    private final long maxPerKey;
    private final Supplier<RandomGenerator> randomness;

    public BoundedRollupAggregationBuilder(String name, Map<String, List<String>> dimensions, int maxKeysPerUser, long maxPerKey,
            Supplier<RandomGenerator> randomness) {
        super(name);
        this.dimensions = validate(dimensions);
        if (maxKeysPerUser < 1) {
            throw new IllegalArgumentException("[" + NAME + "] field [max_keys_per_user] must be at least [1]");
        }
        if (maxPerKey < 0) {
            throw new IllegalArgumentException("[" + NAME + "] field [max_per_key] must not be negative");
        }
        this.maxKeysPerUser = maxKeysPerUser;
        this.maxPerKey = maxPerKey;
        this.randomness = Objects.requireNonNull(randomness, "randomness");
    }

    /** The aggregation a run of {@code job} needs: its dimensions and contribution bounds. */
    public static BoundedRollupAggregationBuilder forJob(String name, RollupJob job, ContributionBounds bounds,
            Supplier<RandomGenerator> randomness) {
        return new BoundedRollupAggregationBuilder(name, job.dimensions(), bounds.maxKeysPerUser(), bounds.maxPerKey(), randomness);
    }

    public BoundedRollupAggregationBuilder(StreamInput in, Supplier<RandomGenerator> randomness) throws IOException {
        super(in);
        int n = in.readVInt();
        Map<String, List<String>> dims = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            dims.put(in.readString(), in.readStringCollectionAsList());
        }
        this.dimensions = validate(dims);
        this.maxKeysPerUser = in.readVInt();
        this.maxPerKey = in.readVLong();
        this.randomness = Objects.requireNonNull(randomness, "randomness");
    }

    private BoundedRollupAggregationBuilder(BoundedRollupAggregationBuilder clone, AggregatorFactories.Builder factoriesBuilder,
            Map<String, Object> metadata) {
        super(clone, factoriesBuilder, metadata);
        this.dimensions = clone.dimensions;
        this.maxKeysPerUser = clone.maxKeysPerUser;
        this.maxPerKey = clone.maxPerKey;
        this.randomness = clone.randomness;
    }

    /** The registration of this aggregation and its result, with the randomness the shards' aggregators draw from. */
    public static SearchPlugin.AggregationSpec spec(Supplier<RandomGenerator> randomness) {
        return new SearchPlugin.AggregationSpec(NAME, in -> new BoundedRollupAggregationBuilder(in, randomness),
            (ContextParser<String, BoundedRollupAggregationBuilder>) (parser, name) -> parse(parser, name, randomness))
            .addResultReader(InternalBoundedRollup::new);
    }

    /** A production builder's randomness: a fresh, unseeded {@link SecureRandom} for each shard's aggregator. */
    public static Supplier<RandomGenerator> secureRandomness() {
        return SecureRandom::new;
    }

    private static LinkedHashMap<String, List<String>> validate(Map<String, List<String>> dimensions) {
        LinkedHashMap<String, List<String>> out = new LinkedHashMap<>();
        long size = 1;
        for (Map.Entry<String, List<String>> e : dimensions.entrySet()) {
            String field = e.getKey();
            if (field == null || field.isEmpty() || field.equals(USER_FIELD)) {
                throw new IllegalArgumentException("[" + NAME + "] dimension [" + field + "] is not allowed");
            }
            List<String> values = e.getValue();
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("[" + NAME + "] dimension [" + field + "] must declare at least one value");
            }
            Set<String> distinct = new HashSet<>();
            for (String v : values) {
                if (v == null || distinct.add(v) == false) {
                    throw new IllegalArgumentException("[" + NAME + "] dimension [" + field + "] must declare distinct non-null values");
                }
            }
            size *= values.size();
            if (size > RollupJob.MAX_DOMAIN_SIZE) {
                throw new IllegalArgumentException("[" + NAME + "] the domain has more than [" + RollupJob.MAX_DOMAIN_SIZE + "] keys");
            }
            out.put(field, List.copyOf(values));
        }
        return out;
    }

    /** Parses the body: {@code dimensions} (a list of {field, values}), {@code max_keys_per_user}, {@code max_per_key}. */
    public static BoundedRollupAggregationBuilder parse(XContentParser parser, String name, Supplier<RandomGenerator> randomness)
            throws IOException {
        Map<String, Object> body = parser.map();
        Map<String, List<String>> dims = new LinkedHashMap<>();
        Object rawDims = body.remove("dimensions");
        if (rawDims != null) {
            if (!(rawDims instanceof List<?> list)) {
                throw new IllegalArgumentException("[" + NAME + "] field [dimensions] must be a list of {field, values}");
            }
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("field") instanceof String field) || !(m.get("values") instanceof List<?> values)
                    || m.size() != 2) {
                    throw new IllegalArgumentException("[" + NAME + "] field [dimensions] must be a list of {field, values}");
                }
                List<String> vs = new ArrayList<>();
                for (Object v : values) {
                    if (!(v instanceof String str)) {
                        throw new IllegalArgumentException("[" + NAME + "] dimension [" + field + "] values must be strings");
                    }
                    vs.add(str);
                }
                if (dims.put(field, vs) != null) {
                    throw new IllegalArgumentException("[" + NAME + "] dimension [" + field + "] is declared twice");
                }
            }
        }
        int maxKeys = (int) number(body.remove("max_keys_per_user"), "max_keys_per_user", Integer.MAX_VALUE);
        long maxPerKey = number(body.remove("max_per_key"), "max_per_key", Long.MAX_VALUE);
        if (body.isEmpty() == false) {
            throw new IllegalArgumentException("[" + NAME + "] field [" + body.keySet().iterator().next() + "] is not supported");
        }
        return new BoundedRollupAggregationBuilder(name, dims, maxKeys, maxPerKey, randomness);
    }

    private static long number(Object value, String field, long max) {
        if (value instanceof Integer || value instanceof Long) {
            long v = ((Number) value).longValue();
            if (v >= 0 && v <= max) {
                return v;
            }
        }
        throw new IllegalArgumentException("[" + NAME + "] field [" + field + "] is required: an integer from [0] to [" + max + "]");
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        out.writeVInt(dimensions.size());
        for (Map.Entry<String, List<String>> e : dimensions.entrySet()) {
            out.writeString(e.getKey());
            out.writeStringCollection(e.getValue());
        }
        out.writeVInt(maxKeysPerUser);
        out.writeVLong(maxPerKey);
    }

    @Override
    protected XContentBuilder internalXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject();
        builder.startArray("dimensions");
        for (Map.Entry<String, List<String>> e : dimensions.entrySet()) {
            builder.startObject().field("field", e.getKey()).field("values", e.getValue()).endObject();
        }
        builder.endArray();
        builder.field("max_keys_per_user", maxKeysPerUser);
        builder.field("max_per_key", maxPerKey);
        return builder.endObject();
    }

    @Override
    protected AggregatorFactory doBuild(AggregationContext context, AggregatorFactory parent, AggregatorFactories.Builder subFactories)
            throws IOException {
        if (parent != null) {
            throw new IllegalArgumentException("[" + NAME + "] must be a top-level aggregation: each user is bounded once per shard");
        }
        if (subFactories.count() > 0) {
            throw new IllegalArgumentException("[" + NAME + "] does not take sub-aggregations");
        }
        return new BoundedRollupAggregatorFactory(name, context, subFactories, metadata, dimensions,
            new ContributionBounds(maxKeysPerUser, maxPerKey), randomness);
    }

    @Override
    protected AggregationBuilder shallowCopy(AggregatorFactories.Builder factoriesBuilder, Map<String, Object> metadata) {
        return new BoundedRollupAggregationBuilder(this, factoriesBuilder, metadata);
    }

    /** Never split one shard's segments between collectors: a user's events must meet in one aggregator. */
    @Override
    public boolean supportsParallelCollection(ToLongFunction<String> fieldCardinalityResolver) {
        return false;
    }

    @Override
    public BucketCardinality bucketCardinality() {
        return BucketCardinality.NONE;
    }

    @Override
    public String getType() {
        return NAME;
    }

    @Override
    public TransportVersion getMinimalSupportedVersion() {
        return TransportVersion.zero();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass() || super.equals(o) == false) {
            return false;
        }
        BoundedRollupAggregationBuilder that = (BoundedRollupAggregationBuilder) o;
        return maxKeysPerUser == that.maxKeysPerUser && maxPerKey == that.maxPerKey && dimensions.equals(that.dimensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), dimensions, maxKeysPerUser, maxPerKey);
    }
}
