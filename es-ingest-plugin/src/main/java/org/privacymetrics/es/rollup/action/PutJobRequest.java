package org.privacymetrics.es.rollup.action;

import static org.elasticsearch.action.ValidateActions.addValidationError;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;

/**
 * {@code PUT _privacy/rollup/job/{name}} with the job definition as body. {@link #validate()} checks that there is a
 * body; the definition's rules are {@code RollupJob.parse}'s (run by the service, the one place they live).
 */
public final class PutJobRequest extends JobBodyRequest {

    /** @param body the parsed JSON body, or null when there was none */
    public PutJobRequest(String name, Map<String, Object> body) {
        super(name, body);
    }

    public PutJobRequest(StreamInput in) throws IOException {
        super(in);
    }

    @Override
    public ActionRequestValidationException validate() {
        ActionRequestValidationException e = super.validate();
        if (body() == null) {
            e = addValidationError("request body is required: the job definition", e);
        }
        return e;
    }
}
