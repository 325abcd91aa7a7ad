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
    private static final Pattern BASE64ISH = Pattern.compile("[A-Za-z0-9+/_-]{4,}={0,2}");

    private final String folded;
    private final boolean containment;

    UidEcho(String uid) {
        this.folded = fold(uid);
        this.containment = folded.length() >= MIN_LENGTH;
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
        String t = s.strip();
        if (BASE64ISH.matcher(t).matches()) {
            for (Base64.Decoder d : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
                try {
                    if (matches(fold(new String(d.decode(t), StandardCharsets.UTF_8)))) {
                        return true;
                    }
                } catch (IllegalArgumentException notBase64) {
                    // not in this alphabet
                }
            }
        }
        return false;
    }

    private boolean matches(String foldedValue) {
        return containment ? foldedValue.contains(folded) : foldedValue.equals(folded);
    }

    /** Case- and Unicode-form-insensitive, trimmed. */
    static String fold(String s) {
        String n = Normalizer.normalize(s.strip(), Normalizer.Form.NFKC);
        return n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static String plain(Number n) {
        try {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static String urlDecoded(String s) {
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
