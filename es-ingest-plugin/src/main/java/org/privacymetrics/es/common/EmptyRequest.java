package org.privacymetrics.es.common;

import java.io.IOException;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;

/** A request without parameters (e.g. {@code POST _privacy/setup}). */
public final class EmptyRequest extends ActionRequest {

    /** Creates a request. */
    public EmptyRequest() {
    }

    /** Reads a request sent by another node. */
    public EmptyRequest(StreamInput in) throws IOException {
        super(in);
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }
}
