package org.privacymetrics.es.forget;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.tasks.CancellableTask;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.tasks.TaskId;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * The task of one {@code POST _privacy/forget}: cancellable ({@code POST _tasks/<id>/_cancel}, or closing the HTTP
 * connection of a waiting request), and its status in {@code GET _tasks?actions=cluster:admin/privacy_metrics/forget&detailed}
 * shows the progress. Counts only, never ids.
 */
public final class ForgetTask extends CancellableTask {

    private volatile Status status = new Status("starting", 0, 0, 0, 0, 0);

    ForgetTask(long id, String type, String action, String description, TaskId parentTaskId, Map<String, String> headers) {
        super(id, type, action, description, parentTaskId, headers);
    }

    void status(Status status) {
        this.status = status;
    }

    Status status() {
        return status;
    }

    @Override
    public Status getStatus() {
        return status;
    }

    /**
     * @param phase {@code starting}, {@code refreshing}, {@code finding_labels}, {@code counting}, {@code deleting}, {@code done}
     * @param round pass over the raw indices: the last one only counts (nothing left), a third one only if events
     *     arrived meanwhile
     * @param labels epoch labels found (when done: the most found in one pass)
     * @param batches queries this pass
     * @param batchesDone queries finished this pass
     * @param deleted raw events deleted so far
     */
    public record Status(String phase, int round, int labels, int batches, int batchesDone, long deleted) implements Task.Status {

        /** Name in the named-writeable registry. */
        public static final String NAME = "privacy_metrics_forget";

        /** Reads a status sent by another node. */
        public Status(StreamInput in) throws IOException {
            this(in.readString(), in.readVInt(), in.readVInt(), in.readVInt(), in.readVInt(), in.readVLong());
        }

        Status withPhase(String newPhase) {
            return new Status(newPhase, round, labels, batches, batchesDone, deleted);
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeString(phase);
            out.writeVInt(round);
            out.writeVInt(labels);
            out.writeVInt(batches);
            out.writeVInt(batchesDone);
            out.writeVLong(deleted);
        }

        @Override
        public String getWriteableName() {
            return NAME;
        }

        @Override
        public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
            return builder.startObject()
                .field("phase", phase)
                .field("round", round)
                .field("labels", labels)
                .field("batches", batches)
                .field("batches_done", batchesDone)
                .field("deleted", deleted)
                .endObject();
        }
    }
}
