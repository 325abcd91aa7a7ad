package org.privacymetrics.es.rollup.run;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run record as stored in the plugin's system index (id {@code run:<job>:<run_id>}), with the sequence number and
 * primary term it was read at (for compare-and-set). Immutable.
 */
public record RunRecord(String job, String runId, LocalDate windowStart, RunState state, NodeIdentity owner,
                        List<String> epochs, double epsilon, String definitionHash, Map<String, Object> response,
                        String error, String createdAt, long seqNo, long primaryTerm) {

    public static String docId(String job, String runId) {
        return "run:" + job + ":" + runId;
    }

    public String docId() {
        return docId(job, runId);
    }

    /** The document source. */
    public Map<String, Object> toSource(String updatedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "run");
        m.put("job", job);
        m.put("run_id", runId);
        m.put("window_start", windowStart.toString());
        m.put("status", state.apiName());
        m.put("owner_node", owner.nodeId());
        m.put("owner_ephemeral_id", owner.ephemeralId());
        m.put("epochs", epochs);
        m.put("epsilon", epsilon);
        m.put("definition_hash", definitionHash);
        if (response != null) {
            m.put("response", response);
        }
        if (error != null) {
            m.put("error", error);
        }
        m.put("created_at", createdAt);
        m.put("updated_at", updatedAt);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static RunRecord fromSource(Map<String, Object> src, long seqNo, long primaryTerm) {
        Object epochs = src.get("epochs");
        Object eps = src.get("epsilon");
        return new RunRecord((String) src.get("job"), (String) src.get("run_id"), LocalDate.parse((String) src.get("window_start")),
            RunState.parse(src.get("status")),
            new NodeIdentity(String.valueOf(src.get("owner_node")), String.valueOf(src.get("owner_ephemeral_id"))),
            epochs instanceof List<?> l ? (List<String>) l : List.of(), eps instanceof Number n ? n.doubleValue() : 0.0,
            (String) src.get("definition_hash"), (Map<String, Object>) src.get("response"), (String) src.get("error"),
            (String) src.get("created_at"), seqNo, primaryTerm);
    }

    RunRecord with(RunState nextState, NodeIdentity nextOwner, Map<String, Object> nextResponse, String nextError) {
        return new RunRecord(job, runId, windowStart, nextState, nextOwner, epochs, epsilon, definitionHash, nextResponse, nextError,
            createdAt, seqNo, primaryTerm);
    }
}
