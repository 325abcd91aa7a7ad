package org.privacymetrics.es.common;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.xcontent.ToXContentObject;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * A transport response that is a JSON object built from a map of plain values (strings, numbers, booleans, lists,
 * maps). Callers put only values that may be shown to the caller: never secrets, raw ids or counts of true data.
 */
public final class MapResponse extends ActionResponse implements ToXContentObject {
    private final Map<String, Object> body;

    /** @param body the response object, in the order it should be rendered */
    public MapResponse(Map<String, Object> body) {
        this.body = Objects.requireNonNull(body);
    }

    /** Reads a response sent by another node. */
    public MapResponse(StreamInput in) throws IOException {
        this.body = in.readGenericMap();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeGenericMap(body);
    }

    /** @return the response object */
    public Map<String, Object> body() {
        return body;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.map(body);
    }
}
