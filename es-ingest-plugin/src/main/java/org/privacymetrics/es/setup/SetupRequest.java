package org.privacymetrics.es.setup;

import java.io.IOException;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;

/** {@code POST _privacy/setup}: installs or repairs the plugin's templates and pipelines; it takes no parameters. */
public final class SetupRequest extends ActionRequest {

    /** Creates a request. */
    public SetupRequest() {
    }

    /** Reads a request sent by another node. */
    public SetupRequest(StreamInput in) throws IOException {
        super(in);
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }
}
