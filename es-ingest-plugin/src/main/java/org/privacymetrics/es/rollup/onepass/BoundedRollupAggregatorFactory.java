package org.privacymetrics.es.rollup.onepass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.elasticsearch.index.fielddata.IndexFieldData;
import org.elasticsearch.index.fielddata.IndexOrdinalsFieldData;
import org.elasticsearch.search.aggregations.Aggregator;
import org.elasticsearch.search.aggregations.AggregatorFactories;
import org.elasticsearch.search.aggregations.AggregatorFactory;
import org.elasticsearch.search.aggregations.CardinalityUpperBound;
import org.elasticsearch.search.aggregations.support.AggregationContext;
import org.elasticsearch.search.aggregations.support.FieldContext;
import org.elasticsearch.search.aggregations.support.ValuesSource;
import org.privacymetrics.es.rollup.ContributionBounds;

/** Resolves the keyword fields of {@code privacy_bounded_rollup} on one shard and creates its aggregator. */
final class BoundedRollupAggregatorFactory extends AggregatorFactory {
    private final Map<String, List<String>> dimensions;
    private final ContributionBounds bounds;
    private final Supplier<RandomGenerator> randomness;

    BoundedRollupAggregatorFactory(String name, AggregationContext context, AggregatorFactories.Builder subFactories,
            Map<String, Object> metadata, Map<String, List<String>> dimensions, ContributionBounds bounds,
            Supplier<RandomGenerator> randomness) throws IOException {
        super(name, context, null, subFactories, metadata);
        this.dimensions = dimensions;
        this.bounds = bounds;
        this.randomness = randomness;
    }

    @Override
    protected Aggregator createInternal(Aggregator parent, CardinalityUpperBound cardinality, Map<String, Object> metadata)
            throws IOException {
        List<String> fields = new ArrayList<>(dimensions.keySet());
        List<ValuesSource.Bytes.WithOrdinals> dimSources = new ArrayList<>();
        for (String field : fields) {
            dimSources.add(ordinals(context, field));
        }
        int serviceDim = fields.indexOf(BoundedRollupAggregationBuilder.SERVICE_FIELD);
        ValuesSource.Bytes.WithOrdinals service = serviceDim >= 0 ? null : ordinals(context, BoundedRollupAggregationBuilder.SERVICE_FIELD);
        return new BoundedRollupAggregator(name, context, parent, metadata, ordinals(context, BoundedRollupAggregationBuilder.USER_FIELD),
            dimSources, new ArrayList<>(dimensions.values()), serviceDim, service, bounds, randomness.get());
    }

    /** The field's ordinals, or null when the shard does not map it (then no document has it). */
    private static ValuesSource.Bytes.WithOrdinals ordinals(AggregationContext context, String field) {
        FieldContext fc = context.buildFieldContext(field);
        if (fc == null) {
            return null;
        }
        IndexFieldData<?> data = fc.indexFieldData();
        if (data instanceof IndexOrdinalsFieldData ordinals) {
            return new ValuesSource.Bytes.WithOrdinals.FieldData(ordinals);
        }
        throw new IllegalArgumentException("[" + BoundedRollupAggregationBuilder.NAME + "] field [" + field + "] must be a keyword field");
    }
}
