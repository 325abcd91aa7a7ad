package org.privacymetrics.logback;

import java.util.List;
import net.logstash.logback.mask.RegexValueMasker;
import net.logstash.logback.mask.ValueMasker;

/**
 * Masks e-mail addresses, IP addresses and bearer tokens in string values, with logstash-logback-encoder's
 * {@link RegexValueMasker}s (the same maskers its {@code MaskingJsonGeneratorDecorator} uses), applied before the
 * event leaves the appender so that every downstream appender, whatever its encoder, sees only masked values.
 */
final class PiiMasker {

    static final String EMAIL_MASK = "[masked:email]";
    static final String IP_MASK = "[masked:ip]";
    static final String TOKEN_MASK = "[masked:token]";

    private static final String IPV4 = "(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9.])";
    // Full 8-group form, or a compressed form with "::"; times such as 10:15:30 have neither shape.
    private static final String H = "[0-9A-Fa-f]{1,4}";
    private static final String IPV6 = "(?<![0-9A-Fa-f:])(?:(?:" + H + ":){7}" + H
            + "|(?:" + H + ":){1,7}:(?:" + H + "(?::" + H + "){0,6})?"
            + "|::(?:" + H + "(?::" + H + "){0,6})?)(?![0-9A-Fa-f:])";

    private final List<ValueMasker> maskers = List.of(
            // Bearer tokens and JWTs first, so the e-mail and IP maskers never see half a token.
            new RegexValueMasker("(?i)\\bbearer\\s+[A-Za-z0-9\\-._~+/]+=*", TOKEN_MASK),
            new RegexValueMasker("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", TOKEN_MASK),
            new RegexValueMasker("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", EMAIL_MASK),
            new RegexValueMasker(IPV4, IP_MASK),
            new RegexValueMasker(IPV6, IP_MASK));

    /** The value with every match masked; non-strings are returned as they are. */
    Object mask(Object value) {
        if (!(value instanceof CharSequence cs) || !mayContainPii(cs)) {
            // Hot path: most values (event names, plans, ids) have none of the characters any pattern needs.
            return value;
        }
        Object v = value;
        for (ValueMasker m : maskers) {
            // The regex maskers look at the value only; they need no JSON context.
            Object masked = m.mask(null, v);
            if (masked != null) {
                v = masked;
            }
        }
        return v;
    }

    /** Whether any pattern could match: each needs an '@', a ':' (IPv6), a '.' (IPv4, JWT) or the word bearer. */
    static boolean mayContainPii(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '@' || c == ':' || c == '.') {
                return true;
            }
            if ((c == 'r' || c == 'R') && i >= 5 && "bearer".regionMatches(true, 0, s.subSequence(i - 5, i + 1).toString(), 0, 6)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #mask} for strings. */
    String mask(String value) {
        return value == null ? null : String.valueOf(mask((Object) value));
    }
}
