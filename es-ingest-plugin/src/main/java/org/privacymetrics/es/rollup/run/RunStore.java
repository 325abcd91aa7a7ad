package org.privacymetrics.es.rollup.run;

import java.util.Map;

/** Compare-and-set storage of run records (the plugin's system index; an in-memory map in unit tests). */
public interface RunStore {

    /** A stored version: its source and the sequence number / primary term it was written with. */
    record Versioned(Map<String, Object> source, long seqNo, long primaryTerm) {
    }

    /** @return the record, or null */
    Versioned get(String id);

    /** Creates {@code id}; @return its version, or null when it already exists */
    Versioned create(String id, Map<String, Object> source);

    /** Replaces {@code id} if it is still at {@code seqNo}/{@code primaryTerm}; @return the new version, or null on conflict */
    Versioned replace(String id, Map<String, Object> source, long seqNo, long primaryTerm);

    /** Deletes {@code id} if it is still at {@code seqNo}/{@code primaryTerm}; @return false on conflict */
    boolean delete(String id, long seqNo, long primaryTerm);
}
