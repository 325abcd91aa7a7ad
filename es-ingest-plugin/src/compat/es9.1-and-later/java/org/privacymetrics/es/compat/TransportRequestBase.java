package org.privacymetrics.es.compat;

import java.io.IOException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.transport.AbstractTransportRequest;

/** Elasticsearch 9.1 and later: transport requests extend {@code AbstractTransportRequest} ({@code TransportRequest} is an interface). */
public abstract class TransportRequestBase extends AbstractTransportRequest {

    protected TransportRequestBase() {
    }

    protected TransportRequestBase(StreamInput in) throws IOException {
        super(in);
    }
}
