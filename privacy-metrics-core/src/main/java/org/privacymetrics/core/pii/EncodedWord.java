package org.privacymetrics.core.pii;

/**
 * MIME encoded words of the Q encoding (RFC 2047: {@code =?UTF-8?Q?jane=40example.org?=}), as mail headers carry a
 * subject, a display name or a whole address copied into a log: read as the text they stand for, before the other
 * escapes ({@link Decode}). In the word's text, {@code =XX} is a byte (UTF-8 sequences of them are one character, as
 * with {@code %XX}) and {@code _} a space; the {@code =?charset?Q?} before it and the {@code ?=} after it are left
 * out, so that adjacent words read as one text ({@code =?UTF-8?Q?415_555?= =?UTF-8?Q?0133?=} is
 * {@code 415 555 0133}), as a mail reader shows them.
 * <p>
 * Not read, by decision: the B (base64) encoding, and quoted-printable {@code =40} outside an encoded word (an
 * {@code =XX} reading of every {@code key=value} would read {@code size=40mb.zip} as an address).
 */
final class EncodedWord {

    /** RFC 2047: an encoded word is at most 75 characters; the search for its end reads no further. */
    static final int LONGEST = 75;

    private EncodedWord() {
    }

    /** Whether {@code s} has {@code =?}, where an encoded word starts. */
    static boolean mayHave(char[] s) {
        for (int i = 0, n = s.length - 1; i < n; i++) {
            if (s[i] == '=' && s[i + 1] == '?') {
                return true;
            }
        }
        return false;
    }

    /**
     * The end of the header {@code =?charset?Q?} of an encoded word at {@code p} (the index of its text), or -1; the
     * charset is 1 to 40 characters of an RFC 2047 token, an optional {@code *language} included.
     */
    static int header(char[] s, int p) {
        int n = s.length;
        int i = p + 2;
        int limit = Math.min(n, i + 41);
        while (i < limit && token(s[i])) {
            i++;
        }
        if (i == p + 2 || i + 2 >= n || s[i] != '?' || (s[i + 1] | 0x20) != 'q' || s[i + 2] != '?') {
            return -1;
        }
        return i + 3;
    }

    /** The index of the {@code ?=} ending the encoded word whose text starts at {@code from}, or -1. */
    static int close(char[] s, int from, int p) {
        int limit = Math.min(s.length - 1, p + LONGEST - 1);
        for (int i = from; i < limit; i++) {
            char c = s[i];
            if (c == '?') {
                return s[i + 1] == '=' ? i : -1;
            }
            if (c <= ' ' || c >= 127) {
                return -1; // an encoded word has no blank and only ASCII
            }
        }
        return -1;
    }

    private static boolean token(char c) {
        return c < 128 && TOKEN[c];
    }

    /** The characters of an RFC 2047 token: printable ASCII but blanks and especials; one load per character. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '!'; c < 127; c++) {
            TOKEN[c] = "()<>@,;:\"/[]?.=".indexOf(c) < 0;
        }
    }
}
