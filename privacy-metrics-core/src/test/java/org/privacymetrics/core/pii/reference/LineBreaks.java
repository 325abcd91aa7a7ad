package org.privacymetrics.core.pii.reference;

/**
 * Line breaks read as blanks by the digit families (branch digits5, as in the engine's {@code LineBreaks}): LF, VT,
 * FF, CR, U+0085, U+2028 and U+2029; a CRLF is two blanks. Each digit detector here reads the text through this.
 */
final class LineBreaks {

    private LineBreaks() {
    }

    static CharSequence asBlanks(CharSequence s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, ' ');
            }
        }
        return b == null ? s : b;
    }
}
