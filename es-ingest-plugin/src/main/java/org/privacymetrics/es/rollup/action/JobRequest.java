package org.privacymetrics.es.rollup.action;

import static org.elasticsearch.action.ValidateActions.addValidationError;

import java.io.IOException;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.privacymetrics.es.rollup.job.RollupJob;

/**
 * A request about one rollup job, named in the path. {@link #validate()} checks the name's shape only (errors name the
 * rule, never the name given); whether the job exists, and the definition itself, are the service's to check.
 */
public abstract class JobRequest extends ActionRequest {
    private final String name;

    JobRequest(String name) {
        this.name = name;
    }

    JobRequest(StreamInput in) throws IOException {
        super(in);
        this.name = in.readOptionalString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeOptionalString(name);
    }

    /** The job name. */
    public final String name() {
        return name;
    }

    @Override
    public ActionRequestValidationException validate() {
        if (name == null || name.isEmpty()) {
            return addValidationError("[name] is missing", null);
        }
        if (!RollupJob.isValidName(name)) {
            return addValidationError("[name] " + RollupJob.NAME_RULE, null);
        }
        return null;
    }

    @Override
    public String getDescription() {
        return "rollup job [" + name + "]";
    }
}
