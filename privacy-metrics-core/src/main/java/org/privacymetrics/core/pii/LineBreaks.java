package org.privacymetrics.core.pii;

/**
 * Line breaks read as blanks by the digit families (since the fifth session of 2026-12-02, branch digits5; the same in
 * the reference engine): LF, CR, VT, FF, U+0085 NEXT LINE, U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR
 * (the mandatory breaks of Unicode's line-breaking algorithm). A card, phone number, SSN or IBAN whose groups are
 * written one per line ({@code 4111\n1111\n1111\n1111}, {@code 415\r\n555\r\n0133}) is the same number to a reader
 * as one written with blanks; so the digit pass ({@link DigitScanner}) reads a copy of the text in which each of
 * these characters is a blank, and every rule about blanks applies to them. A CRLF is two blanks, which every family
 * accepts as one separator (cards, IBANs and phone numbers take two identical separator characters, an SSN two blanks).
 * <p>
 * Cost: digit-free text (prose) never reaches the digit pass (the census); other text pays one branch-free pass over its
 * characters, which the JIT vectorises, and the copy only when a line break is there.
 */
final class LineBreaks {

    private LineBreaks() {
    }

    /** {@code t} itself if it has no line break, else a copy with each line break a blank (same length: same positions). */
    static Text asBlanks(Text t) {
        if (!t.lineBreaks) {
            return t; // none, as the scanner's census found (PiiCensus.lineBreaks): what the loops below would find
        }
        char[] s = t.s;
        int breaks = 0;
        int or = 0;
        for (int i = 0; i < s.length; i++) {
            char c = s[i];
            breaks += (char) (c - '\n') < 4 ? 1 : 0; // LF, VT, FF, CR
            or |= c;
        }
        if (breaks == 0 && or < 0x85) {
            return t;
        }
        char[] b = null;
        for (int i = 0; i < s.length; i++) {
            if (lineBreak(s[i])) {
                if (b == null) {
                    b = s.clone();
                }
                b[i] = ' ';
            }
        }
        return b == null ? t : new Text(b);
    }

    /** Whether {@code c} is a line break: LF, VT, FF, CR, U+0085, U+2028 or U+2029. */
    static boolean lineBreak(char c) {
        return (char) (c - '\n') < 4 || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
