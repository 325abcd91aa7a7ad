package org.privacymetrics.es.rollup.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.common.io.stream.BytesStreamOutput;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.Writeable;
import org.elasticsearch.tasks.CancellableTask;
import org.elasticsearch.tasks.TaskId;
import org.junit.jupiter.api.Test;

/** The typed requests of the rollup API: what travels between nodes, and the shape checks made before any work. */
class RollupRequestsTest {

    private static final Map<String, Object> JOB = Map.of("window", "month", "dimensions", Map.of("service", List.of("sync")),
        "measures", Map.of("users", Map.of("epsilon", 0.5)), "max_keys_per_user", 1);

    private static String error(ActionRequest r) {
        ActionRequestValidationException e = r.validate();
        return e == null ? null : String.join("; ", e.validationErrors());
    }

    private static <R extends ActionRequest> R roundTrip(R request, Writeable.Reader<R> reader) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            request.writeTo(out);
            try (StreamInput in = out.bytes().streamInput()) {
                return reader.read(in);
            }
        }
    }

    private static Map<String, Object> run(String windowStart, String runId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window_start", windowStart);
        body.put("run_id", runId);
        return body;
    }

    @Test
    void everyRequestSurvivesTheWire() throws IOException {
        PutJobRequest put = roundTrip(new PutJobRequest("sync-monthly", JOB), PutJobRequest::new);
        assertThat(put.name()).isEqualTo("sync-monthly");
        assertThat(put.body()).isEqualTo(JOB);
        assertThat(roundTrip(new PutJobRequest("j", null), PutJobRequest::new).body()).isNull();

        RunJobRequest run = roundTrip(new RunJobRequest("sync-monthly", run("2026-10-01", "r-1")), RunJobRequest::new);
        assertThat(run.name()).isEqualTo("sync-monthly");
        assertThat(run.body()).containsExactly(Map.entry("window_start", "2026-10-01"), Map.entry("run_id", "r-1"));
        assertThat(roundTrip(new RunJobRequest("j", null), RunJobRequest::new).body()).isNull();

        assertThat(roundTrip(new GetJobRequest("sync-monthly"), GetJobRequest::new).name()).isEqualTo("sync-monthly");
        assertThat(roundTrip(new DeleteJobRequest("sync-monthly"), DeleteJobRequest::new).name()).isEqualTo("sync-monthly");
        assertThat(roundTrip(new GetJobRequest((String) null), GetJobRequest::new).name()).isNull();
        assertThat(error(roundTrip(new GetBudgetRequest(), GetBudgetRequest::new))).isNull();
    }

    @Test
    void wellFormedRequestsPass() {
        assertThat(error(new PutJobRequest("sync-monthly_2", JOB))).isNull();
        assertThat(error(new RunJobRequest("sync-monthly", run("2026-10-01", "scheduled-2026-10-01")))).isNull();
        assertThat(error(new GetJobRequest("a"))).isNull();
        assertThat(error(new DeleteJobRequest("a".repeat(100)))).isNull();
        assertThat(error(new GetBudgetRequest())).isNull();
    }

    @Test
    void theNameIsCheckedByEveryJobRequestWithoutRepeatingIt() {
        for (String bad : List.of("Alice@example.com", "../x", "-x", "a".repeat(101), "has space")) {
            for (ActionRequest r : List.of(new PutJobRequest(bad, JOB), new RunJobRequest(bad, run("2026-10-01", "r")),
                new GetJobRequest(bad), new DeleteJobRequest(bad))) {
                assertThat(error(r)).as(r.getClass().getSimpleName() + " " + bad)
                    .isEqualTo("[name] must be 1-100 characters of [a-z0-9_-], starting with a letter or digit")
                    .doesNotContain(bad);
            }
        }
        assertThat(error(new GetJobRequest((String) null))).isEqualTo("[name] is missing");
        assertThat(error(new DeleteJobRequest(""))).isEqualTo("[name] is missing");
    }

    @Test
    void putNeedsABodyButLeavesTheDefinitionToTheService() {
        assertThat(error(new PutJobRequest("j", null))).isEqualTo("request body is required: the job definition");
        // the definition's rules are RollupJob.parse's, run by the service (RollupJobTest)
        assertThat(error(new PutJobRequest("j", Map.of("window", "fortnight")))).isNull();
        assertThat(error(new PutJobRequest(null, null))).isEqualTo("[name] is missing; request body is required: the job definition");
    }

    @Test
    void runBodyShapeIsCheckedNamingFieldsNeverValues() {
        assertThat(error(new RunJobRequest("j", null))).isEqualTo("request body with [window_start] and [run_id] is required");
        assertThat(error(new RunJobRequest("j", Map.of("run_id", "r")))).isEqualTo("field [window_start] is required and must be a date [yyyy-MM-dd]");
        assertThat(error(new RunJobRequest("j", Map.of("window_start", 20261001, "run_id", "r")))).contains("field [window_start]");
        assertThat(error(new RunJobRequest("j", Map.of("window_start", "2026-10-01"))))
            .isEqualTo("field [run_id] is required and must be 1-200 characters of [A-Za-z0-9._:-]");
        String secretish = "token=abc/def";
        assertThat(error(new RunJobRequest("j", run("2026-10-01", secretish)))).contains("field [run_id]").doesNotContain(secretish);
        assertThat(error(new RunJobRequest("j", run("2026-10-01", "r".repeat(201))))).contains("field [run_id]");
        Map<String, Object> extra = run("2026-10-01", "r");
        extra.put("uid", "alice");
        assertThat(error(new RunJobRequest("j", extra))).isEqualTo("field [uid] is not allowed");
        // whether window_start is a boundary of the job's window needs the stored job: the service checks it
        assertThat(error(new RunJobRequest("j", run("2026-10-02", "r")))).isNull();
    }

    @Test
    void aRunIsACancellableTaskShowingItsWindowAndProgress() {
        RunJobRequest request = new RunJobRequest("sync-monthly", run("2026-10-01", "r-1"));
        CancellableTask task = (CancellableTask) request.createTask(1, "transport", RollupActions.RUN_JOB.name(), TaskId.EMPTY_TASK_ID, Map.of());
        request.progress("(starting)");
        assertThat(task.getDescription()).isEqualTo("rollup job [sync-monthly] window_start [2026-10-01] (starting)");
        request.progress("3 of 4 indices");
        assertThat(task.getDescription()).endsWith("3 of 4 indices");
        assertThat(new GetJobRequest("sync-monthly").getDescription()).isEqualTo("rollup job [sync-monthly]");
    }
}
