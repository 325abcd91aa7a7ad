package org.privacymetrics.es.rollup.action;

import static org.elasticsearch.action.ValidateActions.addValidationError;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.tasks.CancellableTask;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.tasks.TaskId;

/**
 * {@code POST _privacy/rollup/job/{name}/_run} with {@code {"window_start": "yyyy-MM-dd", "run_id": "..."}}.
 * {@link #validate()} checks the body's shape; whether {@code window_start} is a boundary of the job's window (which
 * needs the stored job) is the service's check. The task is cancellable, and its description shows the progress.
 */
public final class RunJobRequest extends JobBodyRequest {
    /** Run ids: an operator's idempotency key (the scheduler's is {@code scheduled-<window start>}). */
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,200}");

    private volatile String progress = "";

    /** @param body the parsed JSON body, or null when there was none */
    public RunJobRequest(String name, Map<String, Object> body) {
        super(name, body);
    }

    public RunJobRequest(StreamInput in) throws IOException {
        super(in);
    }

    @Override
    public ActionRequestValidationException validate() {
        ActionRequestValidationException e = super.validate();
        if (body() == null) {
            return addValidationError("request body with [window_start] and [run_id] is required", e);
        }
        for (String key : body().keySet()) {
            if (!key.equals("window_start") && !key.equals("run_id")) {
                e = addValidationError("field [" + key + "] is not allowed", e);
            }
        }
        if (!(body().get("window_start") instanceof String)) {
            e = addValidationError("field [window_start] is required and must be a date [yyyy-MM-dd]", e);
        }
        if (!(body().get("run_id") instanceof String runId) || !RUN_ID.matcher(runId).matches()) {
            e = addValidationError("field [run_id] is required and must be 1-200 characters of [A-Za-z0-9._:-]", e);
        }
        return e;
    }

    /** Runs are cancellable (and their child searches with them); the description shows the window and the progress. */
    @Override
    public Task createTask(long id, String type, String action, TaskId parentTaskId, Map<String, String> headers) {
        return new CancellableTask(id, type, action, "", parentTaskId, headers) {
            @Override
            public String getDescription() {
                return RunJobRequest.this.getDescription();
            }
        };
    }

    void progress(String progress) {
        this.progress = progress;
    }

    @Override
    public String getDescription() {
        Object window = body() == null ? null : body().get("window_start");
        return super.getDescription() + " window_start [" + window + "] " + progress;
    }
}
