package org.privacymetrics.es.forget;

import static org.elasticsearch.action.ValidateActions.addValidationError;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.tasks.TaskId;

/**
 * {@code {"metrics_ids": [<edge metrics ids>...]}}: the ids a service computed from one user's uid for every epoch
 * the raw events may cover. Validation errors name the field and the rule, never a value.
 */
public final class ForgetRequest extends ActionRequest {

    /** Upper bound on ids per request (a user over ~40 days of daily epochs needs 40). */
    public static final int MAX_IDS = 10_000;

    private static final Pattern EDGE_ID = Pattern.compile("[0-9a-f]{32}");

    private final List<String> metricsIds;
    private final String bodyError;
    private boolean storeResult;

    private ForgetRequest(List<String> metricsIds, String bodyError) {
        this.metricsIds = metricsIds;
        this.bodyError = bodyError;
    }

    /**
     * @param metricsIds edge metrics ids
     */
    public ForgetRequest(List<String> metricsIds) {
        this(List.copyOf(metricsIds), null);
    }

    /**
     * Builds a request from a parsed JSON body; problems are reported by {@link #validate()}.
     *
     * @param body the request body, or null when there was none
     */
    public static ForgetRequest fromBody(Map<String, Object> body) {
        if (body == null) {
            return new ForgetRequest(List.of(), "request body is required: {\"metrics_ids\": [...]}");
        }
        for (String key : body.keySet()) {
            if (!key.equals("metrics_ids")) {
                return new ForgetRequest(List.of(), "field [" + key + "] is not allowed");
            }
        }
        Object ids = body.get("metrics_ids");
        if (!(ids instanceof List<?> list)) {
            return new ForgetRequest(List.of(), "field [metrics_ids] is required and must be an array of strings");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                return new ForgetRequest(List.of(), "field [metrics_ids] entry [" + i + "] must be a string");
            }
        }
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) list;
        return new ForgetRequest(List.copyOf(strings), null);
    }

    /** Reads a request sent by another node. */
    public ForgetRequest(StreamInput in) throws IOException {
        super(in);
        this.metricsIds = in.readStringCollectionAsList();
        this.bodyError = in.readOptionalString();
        this.storeResult = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeStringCollection(metricsIds);
        out.writeOptionalString(bodyError);
        out.writeBoolean(storeResult);
    }

    /**
     * @param storeResult whether the task manager stores the response (or failure) in the tasks index when the task
     *     ends, for {@code GET _tasks/<task id>}: set for {@code wait_for_completion=false}
     */
    public ForgetRequest setShouldStoreResult(boolean storeResult) {
        this.storeResult = storeResult;
        return this;
    }

    @Override
    public boolean getShouldStoreResult() {
        return storeResult;
    }

    @Override
    public Task createTask(long id, String type, String action, TaskId parentTaskId, Map<String, String> headers) {
        return new ForgetTask(id, type, action, getDescription(), parentTaskId, headers);
    }

    /** @return the edge metrics ids */
    public List<String> metricsIds() {
        return metricsIds;
    }

    @Override
    public ActionRequestValidationException validate() {
        if (bodyError != null) {
            return addValidationError(bodyError, null);
        }
        if (metricsIds.isEmpty()) {
            return addValidationError("field [metrics_ids] must not be empty", null);
        }
        if (metricsIds.size() > MAX_IDS) {
            return addValidationError("field [metrics_ids] must not hold more than [" + MAX_IDS + "] ids", null);
        }
        for (int i = 0; i < metricsIds.size(); i++) {
            if (!EDGE_ID.matcher(metricsIds.get(i)).matches()) {
                // the position, never the value: it may be a raw uid sent by mistake
                return addValidationError("field [metrics_ids] entry [" + i + "] must be 32 lowercase hex characters", null);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ForgetRequest[" + metricsIds.size() + " ids]";
    }

    @Override
    public String getDescription() {
        return "forget " + metricsIds.size() + " metrics ids";
    }
}
