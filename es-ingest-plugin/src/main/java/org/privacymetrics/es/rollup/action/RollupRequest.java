package org.privacymetrics.es.rollup.action;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.tasks.CancellableTask;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.tasks.TaskId;

/** A request of the rollup API: an optional job name and the JSON body as a map (validated by the service). */
public final class RollupRequest extends ActionRequest {
    private final String name;
    private final Map<String, Object> body;
    private volatile String progress = "";

    public RollupRequest(String name, Map<String, Object> body) {
        this.name = name;
        this.body = body;
    }

    public RollupRequest(StreamInput in) throws IOException {
        super(in);
        this.name = in.readOptionalString();
        this.body = in.readBoolean() ? in.readGenericMap() : null;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeOptionalString(name);
        out.writeBoolean(body != null);
        if (body != null) {
            out.writeGenericMap(body);
        }
    }

    public String name() {
        return name;
    }

    public Map<String, Object> body() {
        return body;
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }

    /** Runs are cancellable (and their children with them); the description shows the window and the progress. */
    @Override
    public Task createTask(long id, String type, String action, TaskId parentTaskId, Map<String, String> headers) {
        return new CancellableTask(id, type, action, "", parentTaskId, headers) {
            @Override
            public String getDescription() {
                return description();
            }
        };
    }

    void progress(String progress) {
        this.progress = progress;
    }

    private String description() {
        if (name == null) {
            return "privacy budget";
        }
        Object window = body == null ? null : body.get("window_start");
        return "rollup job [" + name + "] window_start [" + window + "] " + progress;
    }
}
