package org.privacymetrics.core.pii;

/** Character classes shared by the detectors. Every test is O(1): no detector may call anything slower per char. */
final class Chars {

    private Chars() {
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** A letter or digit in any script; a lone surrogate counts (half of an astral letter), which only errs towards masking. */
    static boolean alnum(char c) {
        return c < 128 ? digit(c) || asciiLetter(c) : Character.isLetterOrDigit(c) || Character.isSurrogate(c);
    }

    /** {@code \w} of java.util.regex without flags: what {@code \b} separates from everything else. */
    static boolean word(char c) {
        return digit(c) || asciiLetter(c) || c == '_';
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
}
