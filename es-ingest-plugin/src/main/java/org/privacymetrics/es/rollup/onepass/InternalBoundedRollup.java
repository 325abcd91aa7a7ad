package org.privacymetrics.es.rollup.onepass;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.search.aggregations.AggregationReduceContext;
import org.elasticsearch.search.aggregations.AggregatorReducer;
import org.elasticsearch.search.aggregations.InternalAggregation;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * The result of {@code privacy_bounded_rollup}: per declared key (in the domain's mixed-radix order) the bounded user and
 * event counts, the number of users of two or more services, the users seen and the users cut down to
 * {@code max_keys_per_user}. Shards' results are summed: every user was bounded in the one shard holding all its events.
 *
 * <p>These are true (un-noised) counts: they are read by the rollup engine, which adds the noise, through the plugin's
 * origin client; only roles that may read the raw events can run this aggregation on them.
 */
public final class InternalBoundedRollup extends InternalAggregation {
    private final long[] users;
    private final long[] events;
    private final long multiServiceUsers;
    private final long usersSeen;
    private final long usersBounded;

    InternalBoundedRollup(String name, Map<String, Object> metadata, long[] users, long[] events, long multiServiceUsers,
            long usersSeen, long usersBounded) {
        super(name, metadata);
        if (users.length != events.length) {
            throw new IllegalArgumentException("[" + users.length + "] user counts and [" + events.length + "] event counts");
        }
        this.users = users;
        this.events = events;
        this.multiServiceUsers = multiServiceUsers;
        this.usersSeen = usersSeen;
        this.usersBounded = usersBounded;
    }

    public InternalBoundedRollup(StreamInput in) throws IOException {
        super(in);
        this.users = in.readVLongArray();
        this.events = in.readVLongArray();
        if (users.length != events.length) {
            throw new IOException("[" + users.length + "] user counts and [" + events.length + "] event counts");
        }
        this.multiServiceUsers = in.readVLong();
        this.usersSeen = in.readVLong();
        this.usersBounded = in.readVLong();
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        out.writeVLongArray(users);
        out.writeVLongArray(events);
        out.writeVLong(multiServiceUsers);
        out.writeVLong(usersSeen);
        out.writeVLong(usersBounded);
    }

    @Override
    public String getWriteableName() {
        return BoundedRollupAggregationBuilder.NAME;
    }

    /** Bounded distinct users per key (a copy). */
    public long[] users() {
        return users.clone();
    }

    /** Bounded events per key (a copy). */
    public long[] events() {
        return events.clone();
    }

    public long multiServiceUsers() {
        return multiServiceUsers;
    }

    public long usersSeen() {
        return usersSeen;
    }

    public long usersBounded() {
        return usersBounded;
    }

    @Override
    protected AggregatorReducer getLeaderReducer(AggregationReduceContext reduceContext, int size) {
        return new AggregatorReducer() {
            private final long[] sumUsers = new long[users.length];
            private final long[] sumEvents = new long[events.length];
            private long multi;
            private long seen;
            private long bounded;

            @Override
            public void accept(InternalAggregation aggregation) {
                InternalBoundedRollup other = (InternalBoundedRollup) aggregation;
                if (other.users.length != sumUsers.length) {
                    throw new IllegalStateException("shard results of [" + other.users.length + "] and [" + sumUsers.length
                        + "] keys cannot be summed");
                }
                for (int i = 0; i < sumUsers.length; i++) {
                    sumUsers[i] += other.users[i];
                    sumEvents[i] += other.events[i];
                }
                multi += other.multiServiceUsers;
                seen += other.usersSeen;
                bounded += other.usersBounded;
            }

            @Override
            public InternalAggregation get() {
                return new InternalBoundedRollup(name, metadata, sumUsers, sumEvents, multi, seen, bounded);
            }
        };
    }

    @Override
    protected boolean mustReduceOnSingleInternalAgg() {
        return false;
    }

    @Override
    public Object getProperty(List<String> path) {
        if (path.isEmpty()) {
            return this;
        }
        throw new IllegalArgumentException("path [" + String.join(".", path) + "] is not supported by [" + NAME_FOR_ERRORS + "]");
    }

    private static final String NAME_FOR_ERRORS = BoundedRollupAggregationBuilder.NAME;

    @Override
    public XContentBuilder doXContentBody(XContentBuilder builder, Params params) throws IOException {
        builder.array("users", users);
        builder.array("events", events);
        builder.field("multi_service_users", multiServiceUsers);
        builder.field("users_seen", usersSeen);
        builder.field("users_bounded", usersBounded);
        return builder;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass() || super.equals(o) == false) {
            return false;
        }
        InternalBoundedRollup that = (InternalBoundedRollup) o;
        return Arrays.equals(users, that.users) && Arrays.equals(events, that.events) && multiServiceUsers == that.multiServiceUsers
            && usersSeen == that.usersSeen && usersBounded == that.usersBounded;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), Arrays.hashCode(users), Arrays.hashCode(events), multiServiceUsers, usersSeen, usersBounded);
    }
}
