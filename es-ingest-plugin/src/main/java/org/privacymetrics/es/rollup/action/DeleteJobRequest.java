package org.privacymetrics.es.rollup.action;

import java.io.IOException;
import org.elasticsearch.common.io.stream.StreamInput;

/** {@code DELETE _privacy/rollup/job/{name}} (no body): the job and its schedule state, not its results or charges. */
public final class DeleteJobRequest extends JobRequest {
    public DeleteJobRequest(String name) {
        super(name);
    }

    public DeleteJobRequest(StreamInput in) throws IOException {
        super(in);
    }
}
