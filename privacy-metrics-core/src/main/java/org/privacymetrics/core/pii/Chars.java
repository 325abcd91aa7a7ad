package org.privacymetrics.core.pii;

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
    static final int PHONE_START = 1 << 11; // may start a telephone number: '+', '(' or a digit
    static final int AT = 1 << 10;
    static final int DOT_COLON = 1 << 12; // '.' or ':' // may start an e-mail at-sign: '@', '%' ("%40"); '＠' is tested apart

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
            f |= c == '@' || c == '%' ? AT : 0;
            f |= c == '.' || c == ':' ? DOT_COLON : 0;
            f |= d || c == '+' || c == '(' ? PHONE_START : 0;
            ASCII[c] = (short) f;
        }
    }

    /** The first index at or after {@code i} whose character is ASCII and in a class of {@code flag}, or {@code s.length}. */
    static int next(char[] s, int i, int flag) {
        int n = s.length;
        while (i < n) {
            char c = s[i];
            if (c < 128 && (ASCII[c] & flag) != 0) {
                return i;
            }
            i++;
        }
        return n;
    }

    // Classes over all of UTF-16 (one byte per char, 64 KiB, built once): the non-ASCII tests of the detectors
    // (Character.isLetterOrDigit, getType) cost a lookup in the JDK's multi-level tables and a call each; on Unicode
    // and full-width text they were most of the e-mail detector's time. Exact: every test below is a function of the
    // char alone (lone surrogates included), so tabulating it changes no answer.
    static final int U_ALNUM = 1; // alnum(c): a letter or digit in any script, or a surrogate
    static final int U_LETTER = 1 << 1; // a letter in any script or a surrogate (e-mail domain label "has a letter")
    static final int U_LOCAL = 1 << 2; // EmailDetector.local
    static final int U_DOMAIN = 1 << 3; // EmailDetector.domain
    static final int U_AT = 1 << 4; // may start an e-mail at-sign: '@', '%' ("%40") or '＠'

    private static final byte[] UNI = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            char ch = (char) c;
            int f;
            if (c < 128) {
                f = (ASCII[c] & (DIGIT | LETTER)) != 0 ? U_ALNUM : 0;
                f |= (ASCII[c] & LETTER) != 0 ? U_LETTER : 0;
                f |= (ASCII[c] & LOCAL) != 0 ? U_LOCAL : 0;
                f |= (ASCII[c] & DOMAIN) != 0 ? U_DOMAIN : 0;
                f |= (ASCII[c] & AT) != 0 ? U_AT : 0;
            } else {
                boolean sur = Character.isSurrogate(ch);
                boolean alnum = Character.isLetterOrDigit(ch) || sur;
                boolean local = alnum || Character.getType(ch) == Character.NON_SPACING_MARK;
                f = alnum ? U_ALNUM : 0;
                f |= Character.isLetter(ch) || sur ? U_LETTER : 0;
                f |= local ? U_LOCAL : 0;
                f |= local && ch != '\uFF0E' && ch != '\u3002' ? U_DOMAIN : 0;
                f |= ch == '\uFF20' ? U_AT : 0;
            }
            UNI[c] = (byte) f;
        }
    }

    /** Whether {@code c} (any char) is in a class of {@code flag}, one of the {@code U_} classes. */
    static boolean isU(char c, int flag) {
        return (UNI[c] & flag) != 0;
    }

    /**
     * {@link #next}, with the two nearest positions tested inline: in text dense in trigger characters
     * ({@code 1:1:1:}, {@code 4 4 4}) the next one is usually there, and a call per trigger cost more than the test.
     */
    static int nextNear(char[] s, int i, int flag) {
        int n = s.length;
        if (i < n && (s[i] >= 128 || (ASCII[s[i]] & flag) == 0)) {
            i++;
            if (i < n && (s[i] >= 128 || (ASCII[s[i]] & flag) == 0)) {
                return next(s, i + 1, flag);
            }
        }
        return i;
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
        return (UNI[c] & U_ALNUM) != 0;
    }

    /** {@code \w} of java.util.regex without flags: what {@code \b} separates from everything else. */
    static boolean word(char c) {
        return is(c, WORD);
    }

    /** Whether {@code s[i]} exists and satisfies alnum. */
    static boolean alnumAt(char[] s, int i) {
        return i >= 0 && i < s.length && alnum(s[i]);
    }

    static boolean wordAt(char[] s, int i) {
        return i >= 0 && i < s.length && word(s[i]);
    }

    static boolean digitAt(char[] s, int i) {
        return i >= 0 && i < s.length && digit(s[i]);
    }

    /**
     * Whether the character before {@code i} glues the text at {@code i} to a preceding word: one of {@code - . / _}
     * after a letter or digit ({@code id-4111…}, {@code …-abcd-1234-5678…} inside a UUID). Numbers glued to words are
     * parts of identifiers, not card or phone numbers.
     */
    static boolean gluedBefore(char[] s, int i) {
        return i >= 2 && glue(s[i - 1]) && alnum(s[i - 2]);
    }

    /** Whether the character at {@code end} glues the text before it to a following letter or digit. */
    static boolean gluedAfter(char[] s, int end) {
        return end + 1 < s.length && glue(s[end]) && alnum(s[end + 1]);
    }

    private static boolean glue(char c) {
        return c == '-' || c == '.' || c == '/' || c == '_';
    }

    /** End of the run of ASCII digits starting at {@code i}. */
    static int digitsEnd(char[] s, int i) {
        int n = s.length;
        while (i < n && digit(s[i])) {
            i++;
        }
        return i;
    }

    /** Case-insensitive ASCII comparison of {@code s[i, i + word.length())} with the lower-case {@code word}. */
    static boolean matchesLower(char[] s, int i, String word) {
        if (i < 0 || i + word.length() > s.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = s[i + k];
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
    static boolean matches(char[] s, int i, String word) {
        if (i < 0 || i + word.length() > s.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (s[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** May start a telephone number: a digit, {@code +}, {@code (} or {@code [} ({@link PhoneDetector}'s brackets). */
    static final int PHONE_OPENER = 1 << 13;

    /** Stops of the IP loop: {@code .} and {@code :}, and {@code -} (an IPv4 address in a host name, {@code ip-10-0-0-1}). */
    static final int DOT_COLON_DASH = 1 << 14;

    static {
        for (char c = 0; c < 128; c++) {
            if ((ASCII[c] & PHONE_START) != 0 || c == '[') {
                ASCII[c] |= PHONE_OPENER;
            }
            if (c == '.' || c == ':' || c == '-') {
                ASCII[c] |= DOT_COLON_DASH;
            }
        }
    }

    /**
     * Whether a point between digits ends at {@code i}: the digits from i are a decimal's fraction ({@code 3311.4587…}),
     * for a card number of one run, which may otherwise be glued by {@code - . / _} (CardDetector).
     */
    static boolean decimalBefore(char[] s, int i) {
        return i >= 2 && s[i - 1] == '.' && digit(s[i - 2]);
    }

    /**
     * Whether 1-4 digits follow the character at {@code end} and end there (no letter or digit after them): an expiry or
     * a CVV glued to a grouped card number ({@code 4111-1111-1111-1111/12/25}, {@code …-123}); CardDetector. Reads at
     * most six characters.
     */
    static boolean shortTail(char[] s, int end) {
        int k = end + 1;
        int cap = Math.min(s.length, end + 6);
        while (k < cap && digit(s[k])) {
            k++;
        }
        int digits = k - end - 1;
        return digits >= 1 && digits <= 4 && !alnumAt(s, k);
    }

    /**
     * A letter or digit that glues a number to a word, for the digit families (since branch digits5): {@link #alnum},
     * but not a letter of a script without case ({@link Character#OTHER_LETTER}: CJK ideographs, kana, hangul, Thai,
     * Arabic, Hebrew, …), whose prose has no blanks between words ({@code カード番号4111111111111111}, {@code
     * 電話は090-1234-5678です}): such a letter is no part of a hex id or a code, as a Latin letter may be.
     */
    static boolean glueAlnum(char c) {
        return c < 128 ? (ASCII[c] & (DIGIT | LETTER)) != 0 : alnum(c) && Character.getType(c) != Character.OTHER_LETTER;
    }

    /** Whether {@code s[i]} exists and satisfies {@link #glueAlnum}. */
    static boolean glueAlnumAt(char[] s, int i) {
        return i >= 0 && i < s.length && glueAlnum(s[i]);
    }

    /**
     * {@link #glueAlnum} for the digit families since branch digits6: a surrogate does not glue either. After folding
     * ({@link Astral}: styled letters and digits outside the BMP are read as ASCII) a character outside the BMP next to
     * a number is an emoji ({@code 📞415-555-0133}, {@code 💳4111…}, {@code …0133🙂}) or a letter of a script without
     * case (CJK extension B, which does not glue either); neither is part of an id.
     */
    static boolean digitGlue(char c) {
        return c < 128 ? (ASCII[c] & (DIGIT | LETTER)) != 0
                : alnum(c) && !Character.isSurrogate(c) && Character.getType(c) != Character.OTHER_LETTER;
    }

    /** Whether {@code s[i]} exists and satisfies {@link #digitGlue}. */
    static boolean digitGlueAt(char[] s, int i) {
        return i >= 0 && i < s.length && digitGlue(s[i]);
    }
}
