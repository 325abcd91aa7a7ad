package org.privacymetrics.core.pii;

/**
 * Characters outside the Basic Multilingual Plane, which UTF-16 writes as a surrogate pair and {@link Fold}'s table of
 * single chars cannot fold: the invisible ones are left out like their BMP kin (tag characters U+E0000-E007F, the
 * "ASCII smuggling" alphabet; variation selectors U+E0100-E01EF; format characters such as U+1BCA0-1BCA3 and
 * U+1D173-1D17A; combining marks such as U+101FD and U+1E000; the musical combining marks U+1D165-1D172, spacing
 * or not; the emoji skin-tone modifiers U+1F3FB-1F3FF, which render as nothing after a digit), and decimal digits
 * ({@code 𝟒}, U+1D7D2) are read as their ASCII digit, and the mathematical letters ({@code 𝐁𝐞𝐚𝐫𝐞𝐫}, {@code 𝐃𝐄89…},
 * U+1D400-1D6A3, the "Unicode fonts" of styled text) as their ASCII letter. Other astral characters (emoji, CJK
 * extensions, private use) are kept as they are.
 */
final class Astral {

    /** {@link #fold} of a character that is kept as it is. */
    static final char KEEP = 0;

    private Astral() {
    }

    // fold(cp) for plane 1 (U+10000-1FFFF, where the digits, marks, format characters and emoji are): 0 kept, 1 left
    // out, 2 + d the digit d. Plane 14 is tested directly; no other plane has a format character, mark or digit.
    private static final byte[] PLANE1 = new byte[65536];

    static {
        for (int cp = 0x10000; cp < 0x20000; cp++) {
            PLANE1[cp - 0x10000] = (byte) rule(cp);
        }
    }

    private static int rule(int cp) {
        if (cp >= 0x1F3FB && cp <= 0x1F3FF || cp >= 0x1D165 && cp <= 0x1D172) {
            return 1;
        }
        if (cp >= 0x1D400 && cp <= 0x1D6A3) { // mathematical alphanumeric letters (bold, italic, script, monospace, …)
            String nfkc = java.text.Normalizer.normalize(new String(Character.toChars(cp)), java.text.Normalizer.Form.NFKC);
            char c = nfkc.length() == 1 ? nfkc.charAt(0) : 0;
            return c >= 'A' && c <= 'Z' ? LETTER + c - 'A' : c >= 'a' && c <= 'z' ? LETTER + 26 + c - 'a' : 0;
        }
        return switch (Character.getType(cp)) {
            case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> 1;
            case Character.DECIMAL_DIGIT_NUMBER -> 2 + Character.digit(cp, 10);
            default -> 0;
        };
    }

    /** {@link #rule} of an ASCII letter: {@code LETTER} + 0-25 for {@code A-Z}, + 26-51 for {@code a-z}. */
    private static final int LETTER = 12;

    /** What the astral character {@code cp} folds to: {@link Fold#DROP}, an ASCII digit, or {@link #KEEP}. */
    static char fold(int cp) {
        int r;
        if (cp < 0x20000) {
            r = PLANE1[cp - 0x10000];
        } else if (cp >= 0xE0000 && cp < 0xE1000) {
            r = rule(cp);
        } else {
            return KEEP;
        }
        if (r >= LETTER) {
            return (char) (r < LETTER + 26 ? 'A' + r - LETTER : 'a' + r - LETTER - 26);
        }
        return r == 0 ? KEEP : r == 1 ? Fold.DROP : (char) ('0' + r - 2);
    }

    /**
     * The rest of {@link Fold#apply} for a text that, folded in place by the table, holds a {@link Fold#DROP} or a
     * char at or above U+D800 (surrogates, and a few BMP blocks that pass through here unchanged): surrogate pairs
     * folded, left-out characters removed, each kept character mapped to the span it came from (a folded pair to both
     * of its chars, so a finding never splits a pair).
     */
    static Fold.Folded finish(char[] s) {
        int n = s.length;
        int dropped = 0;
        boolean pairs = false;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c == Fold.DROP) {
                dropped++;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
                pairs |= fold(Character.toCodePoint(c, s[i + 1])) != KEEP;
                i++;
            }
        }
        if (!pairs) {
            return dropped == 0 ? new Fold.Folded(s, null, null) : Fold.compact(s, dropped);
        }
        char[] kept = new char[n];
        int[] from = new int[n];
        int[] to = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c == Fold.DROP) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
                char f = fold(Character.toCodePoint(c, s[i + 1]));
                if (f == Fold.DROP) {
                    i++;
                    continue;
                }
                if (f != KEEP) {
                    kept[k] = f;
                    from[k] = i;
                    to[k++] = i + 2;
                    i++;
                    continue;
                }
            }
            kept[k] = c;
            from[k] = i;
            to[k++] = i + 1;
        }
        return new Fold.Folded(java.util.Arrays.copyOf(kept, k), java.util.Arrays.copyOf(from, k),
                java.util.Arrays.copyOf(to, k));
    }
}
