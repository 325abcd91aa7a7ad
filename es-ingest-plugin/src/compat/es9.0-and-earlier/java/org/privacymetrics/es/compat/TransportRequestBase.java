package org.privacymetrics.es.compat;

import java.io.IOException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.transport.TransportRequest;

/** Elasticsearch 9.0 and 8.19: transport requests extend the abstract class {@code TransportRequest}. */
public abstract class TransportRequestBase extends TransportRequest {

    protected TransportRequestBase() {
    }

    protected TransportRequestBase(StreamInput in) throws IOException {
        super(in);
    }
}
