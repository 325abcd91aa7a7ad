package org.privacymetrics.es.rollup.action;

import java.io.IOException;
import org.elasticsearch.common.io.stream.StreamInput;

/** {@code GET _privacy/rollup/job/{name}}: a job's definition and schedule state (no body). */
public final class GetJobRequest extends JobRequest {
    public GetJobRequest(String name) {
        super(name);
    }

    public GetJobRequest(StreamInput in) throws IOException {
        super(in);
    }
}
