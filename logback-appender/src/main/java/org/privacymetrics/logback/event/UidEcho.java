package org.privacymetrics.logback.event;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises values that render one event's uid: the same text up to case, surrounding whitespace and Unicode form,
 * or after URL-decoding, base64-decoding or un-escaping JSON escapes — whether the value is the uid or contains it.
 * Only uids of at least {@link #MIN_LENGTH} characters (after trimming) are looked for: a shorter one would match
 * innocent values ("7" in "17"), and is checked by equality only.
 */
final class UidEcho {

    static final int MIN_LENGTH = 4;
    /** {@code [A-Za-z0-9+/_-]{4,}={0,2}}, checked by hand: this runs for every allowed value of every event. */
    static boolean isBase64Shape(String t) {
        int end = t.length();
        int pad = 0;
        while (pad < 2 && end > 0 && t.charAt(end - 1) == '=') {
            end--;
            pad++;
        }
        if (end < 4) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = t.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '_'
                || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private String uid;
    private String folded;
    private boolean containment;

    /** Shortest uid whose shape is looked for in allowed values: shorter shapes match too much ordinary text. */
    static final int MIN_SHAPE_LENGTH = 8;

    /** The stripped uid, whose shape is looked for ({@link #looksLikeAUid}), or null when shorter than {@link #MIN_SHAPE_LENGTH}. */
    private String shaped;
    /** Whether the shaped uid has a digit, a letter: computed when a token of its shape is first found (rare). */
    private boolean shapeFlagsKnown;
    private boolean shapeHasDigit;
    private boolean shapeHasLetter;

    UidEcho(String uid) {
        reset(uid);
    }

    /**
     * Makes this the echo of {@code uid}. An echo is mutable so that each thread can keep one and reuse it for the
     * next user (see {@code EventBuilder}); it is never shared between threads.
     */
    void reset(String uid) {
        this.uid = null; // the key of the thread's cache: set last, once everything else matches it
        String t = uid.strip();
        boolean asciiLowerCase = true;
        for (int i = 0; i < t.length() && asciiLowerCase; i++) {
            char c = t.charAt(i);
            asciiLowerCase = c < 0x80 && (c < 'A' || c > 'Z');
        }
        this.shaped = t.length() >= MIN_SHAPE_LENGTH ? t : null;
        this.shapeFlagsKnown = false;
        // fold() of stripped lower-case ASCII is the text itself
        this.folded = asciiLowerCase ? t : fold(uid);
        this.containment = folded.length() >= MIN_LENGTH;
        this.uid = uid;
    }

    private void knowShapeFlags() {
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < shaped.length(); i++) {
            char c = shaped.charAt(i);
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
        }
        shapeHasDigit = digit;
        shapeHasLetter = letter;
        shapeFlagsKnown = true;
    }

    /**
     * Whether {@code s} holds a token with the uid's shape: the same length, a letter or digit wherever the uid has one,
     * the uid's other characters at the same places, not part of a longer alphanumeric run, and digits and letters where
     * the uid has them. Another user's id of the same scheme has the same shape, whatever its characters.
     */
    boolean looksLikeAUid(String s) {
        String t = shaped;
        if (t == null) {
            return false;
        }
        int n = t.length();
        boolean firstAlnum = Character.isLetterOrDigit(t.charAt(0));
        boolean lastAlnum = Character.isLetterOrDigit(t.charAt(n - 1));
        for (int i = 0; i + n <= s.length(); i++) {
            if (firstAlnum && i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
                continue;
            }
            if (lastAlnum && i + n < s.length() && Character.isLetterOrDigit(s.charAt(i + n))) {
                continue;
            }
            boolean digit = false;
            boolean letter = false;
            boolean same = true;
            for (int k = 0; k < n && same; k++) {
                char c = s.charAt(i + k);
                char want = t.charAt(k);
                if (Character.isLetterOrDigit(want)) {
                    same = Character.isLetterOrDigit(c);
                    digit |= Character.isDigit(c);
                    letter |= Character.isLetter(c);
                } else {
                    same = c == want;
                }
            }
            if (same) {
                if (!shapeFlagsKnown) {
                    knowShapeFlags();
                }
                if ((!shapeHasDigit || digit) && (!shapeHasLetter || letter)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The folded uid (for tests). */
    String folded() {
        return folded;
    }

    /** The uid as rendered once (never logged or shown). */
    String uid() {
        return uid;
    }

    /** Whether {@code value} (a string, number or boolean) renders the uid. */
    boolean rendersUid(Object value) {
        if (value instanceof CharSequence cs) {
            return rendersUid(cs.toString());
        }
        if (value instanceof Number n) {
            return matches(fold(String.valueOf(n))) || matches(plain(n));
        }
        return value != null && matches(fold(String.valueOf(value)));
    }

    boolean rendersUid(String s) {
        if (matches(fold(s))) {
            return true;
        }
        if (!containment) {
            return false;
        }
        if (s.indexOf('%') >= 0 || s.indexOf('+') >= 0) {
            String decoded = urlDecoded(s);
            if (decoded != null && matches(fold(decoded))) {
                return true;
            }
        }
        if (s.indexOf('\\') >= 0 && matches(fold(jsonUnescaped(s)))) {
            return true;
        }
        String decoded = base64Decoded(s.strip());
        return decoded != null && matches(fold(decoded));
    }

    /** {@link #rendersUid(String)} of the value whose renderings these are. */
    boolean rendersUid(ValueRenderings r) {
        if (matches(r.folded)) {
            return true;
        }
        if (!containment) {
            return false;
        }
        return (r.urlDecoded != null && matches(r.urlDecoded)) || (r.jsonUnescaped != null && matches(r.jsonUnescaped))
                || (r.base64Decoded != null && matches(r.base64Decoded));
    }

    /**
     * The UTF-8 text a base64 value (standard or URL-safe alphabet, padded or not) decodes to, or {@code null} when it is
     * not base64. Checked before decoding: this runs on the hot path, where a decoder exception would cost microseconds.
     */
    static String base64Decoded(String t) {
        if (!isBase64Shape(t)) {
            return null;
        }
        int end = t.length();
        while (end > 0 && t.charAt(end - 1) == '=') {
            end--;
        }
        if (end % 4 == 1 || (end != t.length() && t.length() % 4 != 0)) {
            return null;
        }
        boolean url = t.indexOf('-') >= 0 || t.indexOf('_') >= 0;
        if (url && (t.indexOf('+') >= 0 || t.indexOf('/') >= 0)) {
            return null;
        }
        try {
            byte[] bytes = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(t);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private boolean matches(String foldedValue) {
        return containment ? foldedValue.contains(folded) : foldedValue.equals(folded);
    }

    /** Case- and Unicode-form-insensitive, trimmed. */
    static String fold(String s) {
        String t = s.strip();
        if (isAscii(t)) {
            // NFKC leaves ASCII unchanged, and upper-then-lower casing of ASCII is lower casing
            return t.toLowerCase(Locale.ROOT);
        }
        String n = Normalizer.normalize(t, Normalizer.Form.NFKC);
        return n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String plain(Number n) {
        if ((n instanceof Double d && (d.isNaN() || d.isInfinite())) || (n instanceof Float f && (f.isNaN() || f.isInfinite()))) {
            return "";
        }
        try {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return "";
        }
    }

    static String urlDecoded(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                return null; // not URL-encoded; checked here because the decoder's exception is slow
            }
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The text with JSON string escapes (\n, \", \\u00e9, …) resolved; malformed escapes are kept as they are. */
    static String jsonUnescaped(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (isHex4(s, i + 1)) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        b.append('\\').append(e);
                    }
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }

    private static boolean isHex4(String s, int from) {
        if (from + 4 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
