package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

/** Character classes shared by the detectors. Every test is O(1): no detector may call anything slower per char. */
final class Chars {

    // ASCII character classes as bit flags in one table: one load and one AND per test, instead of chains of compares
    // (which mispredict on adversarial mixes of symbols).
    static final int DIGIT = 1;
    static final int LETTER = 1 << 1;
    static final int HEX = 1 << 2;
    static final int LOCAL = 1 << 3; // unquoted e-mail local part: atext without / = ? &
    static final int DOMAIN = 1 << 4; // e-mail domain label: letters, digits, -
    static final int V6 = 1 << 5; // IPv6 run: hex, ':', '.'
    static final int TOKEN68 = 1 << 6; // RFC 7235 token68 without '='
    static final int BASE64 = 1 << 7;
    static final int BASE64URL = 1 << 8;
    static final int WORD = 1 << 9; // java.util.regex \w

    private static final short[] ASCII = new short[128];

    static {
        for (char c = 0; c < 128; c++) {
            int f = 0;
            boolean d = c >= '0' && c <= '9';
            boolean l = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            f |= d ? DIGIT : 0;
            f |= l ? LETTER : 0;
            f |= d || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' ? HEX : 0;
            f |= d || l || ".!#$%*+-^_`{|}~'".indexOf(c) >= 0 ? LOCAL : 0;
            f |= d || l || c == '-' ? DOMAIN : 0;
            f |= (f & HEX) != 0 || c == ':' || c == '.' ? V6 : 0;
            f |= d || l || "-._~+/".indexOf(c) >= 0 ? TOKEN68 : 0;
            f |= d || l || c == '+' || c == '/' ? BASE64 : 0;
            f |= d || l || c == '-' || c == '_' ? BASE64URL : 0;
            f |= d || l || c == '_' ? WORD : 0;
            ASCII[c] = (short) f;
        }
    }

    private Chars() {
    }

    /** Whether {@code c} is ASCII and in every class of {@code flag}. */
    static boolean is(char c, int flag) {
        return c < 128 && (ASCII[c] & flag) != 0;
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean hex(char c) {
        return is(c, HEX);
    }

    static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** A letter or digit in any script; a lone surrogate counts (half of an astral letter), which only errs towards masking. */
    static boolean alnum(char c) {
        return c < 128 ? (ASCII[c] & (DIGIT | LETTER)) != 0 : Character.isLetterOrDigit(c) || Character.isSurrogate(c);
    }

    /** {@code \w} of java.util.regex without flags: what {@code \b} separates from everything else. */
    static boolean word(char c) {
        return is(c, WORD);
    }

    /** Whether {@code s[i]} exists and satisfies alnum. */
    static boolean alnumAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && alnum(s.charAt(i));
    }

    static boolean wordAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && word(s.charAt(i));
    }

    static boolean digitAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && digit(s.charAt(i));
    }

    /**
     * Whether the character before {@code i} glues the text at {@code i} to a preceding word: one of {@code - . / _}
     * after a letter or digit ({@code id-4111…}, {@code …-abcd-1234-5678…} inside a UUID). Numbers glued to words are
     * parts of identifiers, not card or phone numbers.
     */
    static boolean gluedBefore(CharSequence s, int i) {
        return i >= 2 && glue(s.charAt(i - 1)) && alnum(s.charAt(i - 2));
    }

    /** Whether the character at {@code end} glues the text before it to a following letter or digit. */
    static boolean gluedAfter(CharSequence s, int end) {
        return end + 1 < s.length() && glue(s.charAt(end)) && alnum(s.charAt(end + 1));
    }

    private static boolean glue(char c) {
        return c == '-' || c == '.' || c == '/' || c == '_';
    }

    /** End of the run of ASCII digits starting at {@code i}. */
    static int digitsEnd(CharSequence s, int i) {
        int n = s.length();
        while (i < n && digit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Case-insensitive ASCII comparison of {@code s[i, i + word.length())} with the lower-case {@code word}. */
    static boolean matchesLower(CharSequence s, int i, String word) {
        if (i < 0 || i + word.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = s.charAt(i + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Case-sensitive comparison of {@code s[i, i + word.length())} with {@code word}. */
    static boolean matches(CharSequence s, int i, String word) {
        if (i < 0 || i + word.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (s.charAt(i + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a point between digits ends at {@code i} (a decimal's fraction starts at i). */
    static boolean decimalBefore(CharSequence s, int i) {
        return i >= 2 && s.charAt(i - 1) == '.' && digit(s.charAt(i - 2));
    }

    /** Whether a point between digits starts at {@code end} (the digits before end are a decimal's integral part). */
    static boolean decimalAfter(CharSequence s, int end) {
        return end + 1 < s.length() && s.charAt(end) == '.' && digit(s.charAt(end + 1));
    }

    /** Whether 1-4 digits follow the character at {@code end} and end there (an expiry or a CVV after a card). */
    static boolean shortTail(CharSequence s, int end) {
        int k = end + 1;
        while (k < s.length() && digit(s.charAt(k))) {
            k++;
        }
        int digits = k - end - 1;
        return digits >= 1 && digits <= 4 && !alnumAt(s, k);
    }

    /** Branch digits5, as the engine's: alnum, but not a letter of a script without case (OTHER_LETTER: CJK, kana, Thai, …). */
    static boolean glueAlnum(char c) {
        return alnum(c) && !(c >= 128 && Character.getType(c) == Character.OTHER_LETTER);
    }

    static boolean glueAlnumAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && glueAlnum(s.charAt(i));
    }

    /** Branch digits6, as the engine's digitGlue: glueAlnum, but a surrogate (an emoji after folding) does not glue. */
    static boolean digitGlue(char c) {
        return glueAlnum(c) && !Character.isSurrogate(c);
    }

    static boolean digitGlueAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && digitGlue(s.charAt(i));
    }
}
