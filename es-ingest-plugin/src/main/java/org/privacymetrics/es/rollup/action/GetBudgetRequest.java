package org.privacymetrics.es.rollup.action;

import java.io.IOException;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;

/** {@code GET _privacy/budget}: no parameters, nothing to validate. */
public final class GetBudgetRequest extends ActionRequest {
    public GetBudgetRequest() {}

    public GetBudgetRequest(StreamInput in) throws IOException {
        super(in);
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }

    @Override
    public String getDescription() {
        return "privacy budget";
    }
}
