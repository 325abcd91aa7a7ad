package org.privacymetrics.es.rollup.action;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.xcontent.ToXContentObject;
import org.elasticsearch.xcontent.XContentBuilder;

/** A response of the rollup API: a JSON object built by the service. */
public final class RollupResponse extends ActionResponse implements ToXContentObject {
    private final Map<String, Object> body;

    public RollupResponse(Map<String, Object> body) {
        this.body = body;
    }

    public RollupResponse(StreamInput in) throws IOException {
        this.body = in.readGenericMap();
    }

    public Map<String, Object> body() {
        return body;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeGenericMap(body);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.map(body);
    }
}
