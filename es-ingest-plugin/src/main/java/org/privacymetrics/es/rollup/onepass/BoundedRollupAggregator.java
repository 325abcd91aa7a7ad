package org.privacymetrics.es.rollup.onepass;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;
import org.elasticsearch.core.Releasables;
import org.elasticsearch.search.aggregations.AggregationExecutionContext;
import org.elasticsearch.search.aggregations.Aggregator;
import org.elasticsearch.search.aggregations.InternalAggregation;
import org.elasticsearch.search.aggregations.LeafBucketCollector;
import org.elasticsearch.search.aggregations.metrics.MetricsAggregator;
import org.elasticsearch.search.aggregations.support.AggregationContext;
import org.elasticsearch.search.aggregations.support.ValuesSource;
import org.privacymetrics.es.rollup.ContributionBounds;

/**
 * One shard's {@code privacy_bounded_rollup}: collects each matching event into {@link UserContributions} (users by the
 * shard's global ordinals of {@code metrics_id}, keys by the declared values' positions), then bounds every user once.
 * Events whose dimension values are not all declared are ignored entirely (also for multi_service_users), as the
 * composite path's terms filters do; so are events without a user, or with more than one value in a field (the scrub
 * stores single keywords only).
 */
final class BoundedRollupAggregator extends MetricsAggregator {
    private final ValuesSource.Bytes.WithOrdinals userSource;
    private final List<ValuesSource.Bytes.WithOrdinals> dimSources;
    private final BytesRef[][] declared;
    private final int[] radix;
    private final int serviceDim;
    private final ValuesSource.Bytes.WithOrdinals serviceSource;
    private final ContributionBounds bounds;
    private final RandomGenerator subsetRandom;
    private final int domainSize;
    private final UserContributions contributions;

    BoundedRollupAggregator(String name, AggregationContext context, Aggregator parent, Map<String, Object> metadata,
            ValuesSource.Bytes.WithOrdinals userSource, List<ValuesSource.Bytes.WithOrdinals> dimSources, List<List<String>> values,
            int serviceDim, ValuesSource.Bytes.WithOrdinals serviceSource, ContributionBounds bounds, RandomGenerator subsetRandom)
            throws IOException {
        super(name, context, parent, metadata);
        this.userSource = userSource;
        this.dimSources = dimSources;
        this.declared = new BytesRef[values.size()][];
        this.radix = new int[values.size()];
        int size = 1;
        for (int d = 0; d < values.size(); d++) {
            declared[d] = values.get(d).stream().map(BytesRef::new).toArray(BytesRef[]::new);
            radix[d] = declared[d].length;
            size *= radix[d];
        }
        this.domainSize = size;
        this.serviceDim = serviceDim;
        this.serviceSource = serviceSource;
        this.bounds = bounds;
        this.subsetRandom = subsetRandom;
        this.contributions = new UserContributions(context.bigArrays(), domainSize);
    }

    @Override
    protected LeafBucketCollector getLeafCollector(AggregationExecutionContext aggCtx, LeafBucketCollector sub) throws IOException {
        if (userSource == null || dimSources.contains(null)) {
            return LeafBucketCollector.NO_OP_COLLECTOR;
        }
        SortedSetDocValues userOrds = userSource.globalOrdinalsValues(aggCtx.getLeafReaderContext());
        SortedSetDocValues[] dims = new SortedSetDocValues[declared.length];
        SegmentLookup[] lookups = new SegmentLookup[declared.length];
        for (int d = 0; d < declared.length; d++) {
            dims[d] = dimSources.get(d).ordinalsValues(aggCtx.getLeafReaderContext());
            lookups[d] = SegmentLookup.of(dims[d], declared[d]);
            if (lookups[d] == null) {
                return LeafBucketCollector.NO_OP_COLLECTOR; // no declared value of this dimension in the segment
            }
        }
        SortedSetDocValues services = serviceSource == null ? null : serviceSource.globalOrdinalsValues(aggCtx.getLeafReaderContext());
        return new LeafBucketCollector() {
            @Override
            public void collect(int doc, long bucket) throws IOException {
                if (userOrds.advanceExact(doc) == false || userOrds.docValueCount() != 1) {
                    return;
                }
                int key = 0;
                long service = -1;
                for (int d = 0; d < dims.length; d++) {
                    if (dims[d].advanceExact(doc) == false || dims[d].docValueCount() != 1) {
                        return;
                    }
                    int position = lookups[d].position(dims[d].nextOrd());
                    if (position < 0) {
                        return;
                    }
                    key = key * radix[d] + position;
                    if (d == serviceDim) {
                        service = position;
                    }
                }
                if (services != null && services.advanceExact(doc) && services.docValueCount() == 1) {
                    service = services.nextOrd();
                }
                contributions.add(userOrds.nextOrd(), key, service);
            }
        };
    }

    @Override
    public InternalAggregation buildAggregation(long owningBucketOrd) throws IOException {
        addRequestCircuitBreakerBytes(16L * domainSize);
        UserContributions.ShardCounts counts = contributions.bound(bounds, subsetRandom);
        return new InternalBoundedRollup(name, metadata(), counts.users(), counts.events(), counts.multiServiceUsers(),
            counts.usersSeen(), counts.usersBounded());
    }

    @Override
    public InternalAggregation buildEmptyAggregation() {
        return new InternalBoundedRollup(name, metadata(), new long[domainSize], new long[domainSize], 0, 0, 0);
    }

    @Override
    protected void doClose() {
        Releasables.close(contributions);
    }

    /** A segment's ordinals of the declared values of one dimension, mapped to the values' positions. */
    private record SegmentLookup(long[] ords, int[] positions) {
        static SegmentLookup of(SortedSetDocValues values, BytesRef[] declared) throws IOException {
            long[][] pairs = new long[declared.length][];
            int n = 0;
            for (int i = 0; i < declared.length; i++) {
                long ord = values.lookupTerm(declared[i]);
                if (ord >= 0) {
                    pairs[n++] = new long[] {ord, i};
                }
            }
            if (n == 0) {
                return null;
            }
            long[][] found = Arrays.copyOf(pairs, n);
            Arrays.sort(found, (a, b) -> Long.compare(a[0], b[0]));
            long[] ords = new long[n];
            int[] positions = new int[n];
            for (int i = 0; i < n; i++) {
                ords[i] = found[i][0];
                positions[i] = (int) found[i][1];
            }
            return new SegmentLookup(ords, positions);
        }

        int position(long ord) {
            if (ords.length == 1) {
                return ords[0] == ord ? positions[0] : -1;
            }
            int i = Arrays.binarySearch(ords, ord);
            return i >= 0 ? positions[i] : -1;
        }
    }
}
