package org.privacymetrics.es.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The string detectors of {@code privacy_scrub}: each finds one kind of personal data inside a value. */
final class PiiDetectors {

    /** Detector names, as used in configuration, counters and redaction markers. */
    static final String EMAIL = "email";
    static final String IP = "ip";
    static final String CARD = "card";
    static final String TOKEN = "token";
    static final String PHONE = "phone";

    private static final String H = "[0-9A-Fa-f]{1,4}";
    static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

    static {
        // Tokens first, so that the other detectors never see half a JWT.
        PATTERNS.put(TOKEN, Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9\\-._~+/]+=*|\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"));
        PATTERNS.put(EMAIL, Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
        PATTERNS.put(IP, Pattern.compile(
                "(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9.])"
                        + "|(?<![0-9A-Fa-f:])(?:(?:" + H + ":){7}" + H + "|(?:" + H + ":){1,7}:(?:" + H + "(?::" + H + "){0,6})?|::(?:"
                        + H + "(?::" + H + "){0,6})?)(?![0-9A-Fa-f:])"));
        // Candidate card numbers: 13-19 digits, optionally grouped by spaces or dashes; confirmed by Luhn below.
        PATTERNS.put(CARD, Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])"));
        // Phone numbers: an international prefix or a grouped national number of 8-15 digits.
        PATTERNS.put(PHONE, Pattern.compile("(?<![0-9A-Za-z])(?:\\+[0-9]{1,3}[ .-]?)?(?:\\([0-9]{1,4}\\)[ .-]?)?[0-9]{2,4}(?:[ .-][0-9]{2,4}){2,4}(?![0-9A-Za-z])"
                + "|(?<![0-9A-Za-z])\\+[0-9]{8,15}(?![0-9])"));
    }

    private PiiDetectors() {
    }

    /**
     * What a value is made of, counted in one pass, so that a detector whose pattern cannot match is not run: most
     * values are short words ({@code login}, {@code sync}) that no detector could match, and the regexes, the IPv6
     * one above all, cost far more than this scan.
     */
    record Shape(int digits, int dots, int colons, boolean at) {

        static Shape of(String value) {
            int digits = 0;
            int dots = 0;
            int colons = 0;
            boolean at = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == '.') {
                    dots++;
                } else if (c == ':') {
                    colons++;
                } else if (c == '@') {
                    at = true;
                }
            }
            return new Shape(digits, dots, colons, at);
        }

        /** False only when {@code detector}'s pattern cannot match a value of this shape. */
        boolean mayContain(String detector) {
            return switch (detector) {
                case EMAIL -> at; // local@domain
                case IP -> (digits >= 4 && dots >= 3) || colons >= 2; // a.b.c.d, or IPv6 with at least "x::" / "::x"
                case CARD -> digits >= 13; // 13-19 digits
                case PHONE -> digits >= 6; // at least three groups of two digits, or + and 8 digits
                default -> true; // tokens: the pattern itself is cheap
            };
        }
    }

    /** Whether {@code value} contains what {@code detector} looks for. */
    static boolean find(String detector, String value) {
        Matcher m = PATTERNS.get(detector).matcher(value);
        while (m.find()) {
            if (!detector.equals(CARD) || luhn(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** {@code value} with every finding replaced by {@code [redacted:<detector>]}. */
    static String redact(String detector, String value) {
        Matcher m = PATTERNS.get(detector).matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (detector.equals(CARD) && !luhn(m.group())) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(sb, "[redacted:" + detector + "]");
            }
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The Luhn check digit test, over the digits of {@code s}. */
    static boolean luhn(String s) {
        int sum = 0;
        int n = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (n++ % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return n >= 13 && sum % 10 == 0;
    }
}
