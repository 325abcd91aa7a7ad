package org.privacymetrics.es.compat;

import org.elasticsearch.ingest.Processor;

/**
 * Elasticsearch 9.0 and 8.19: {@code Processor.Factory.create} takes no project id; the plugin's processors implement
 * exactly this four-argument {@code create}.
 */
public abstract class ProcessorFactoryBase implements Processor.Factory {
}
