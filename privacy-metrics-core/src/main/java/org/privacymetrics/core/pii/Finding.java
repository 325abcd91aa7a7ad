package org.privacymetrics.core.pii;

/** One detected value: {@code [start, end)} in the scanned text, as UTF-16 indices. */
public record Finding(PiiKind kind, int start, int end) {

    public Finding {
        if (kind == null || start < 0 || end <= start) {
            throw new IllegalArgumentException("bad finding " + kind + " [" + start + ", " + end + ")");
        }
    }
}
