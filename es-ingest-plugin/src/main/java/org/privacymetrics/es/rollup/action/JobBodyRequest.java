package org.privacymetrics.es.rollup.action;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;

/** A request about one rollup job that carries a JSON body ({@link PutJobRequest}, {@link RunJobRequest}). */
public abstract class JobBodyRequest extends JobRequest {
    private final Map<String, Object> body;

    /** @param body the parsed JSON body, or null when there was none */
    JobBodyRequest(String name, Map<String, Object> body) {
        super(name);
        this.body = body;
    }

    JobBodyRequest(StreamInput in) throws IOException {
        super(in);
        this.body = in.readBoolean() ? in.readGenericMap() : null;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeBoolean(body != null);
        if (body != null) {
            out.writeGenericMap(body);
        }
    }

    /** The body (never null once validated). */
    public final Map<String, Object> body() {
        return body;
    }
}
