package org.privacymetrics.es.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** This node's ingest counters: names of fields and rules only, never values. */
public final class IngestStats {

    private final Map<String, LongAdder> droppedFields = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> redactions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final LongAdder documents = new LongAdder();
    private final LongAdder rejectedDocuments = new LongAdder();

    /** A raw-event document was not stored, whatever refused it ({@link RejectionCounter}). */
    void rejectedDocument() {
        rejectedDocuments.increment();
    }

    void document() {
        documents.increment();
    }

    /**
     * A field the schema does not know was dropped: counted by name only if {@link ClientFieldNames} lists it, else
     * under {@code unknown_field}, since the name itself may be data.
     */
    void droppedUnknownField(String field) {
        droppedField(ClientFieldNames.counted(field));
    }

    /** A schema field's value was dropped (a detector set to {@code drop}): its name is the operator's, not the client's. */
    void droppedField(String field) {
        droppedFields.computeIfAbsent(field, k -> new LongAdder()).increment();
    }

    int distinctDroppedNames() {
        return droppedFields.size();
    }

    void redaction(String detector) {
        redactions.computeIfAbsent(detector, k -> new LongAdder()).increment();
    }

    void rejection(String rule) {
        rejections.computeIfAbsent(rule, k -> new LongAdder()).increment();
    }

    /** A snapshot for {@code GET _privacy/stats}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        out.put("documents_scrubbed", documents.sum());
        out.put("documents_rejected", rejectedDocuments.sum());
        out.put("dropped_fields", sums(droppedFields));
        out.put("redactions", sums(redactions));
        out.put("rejections", sums(rejections));
        return out;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
