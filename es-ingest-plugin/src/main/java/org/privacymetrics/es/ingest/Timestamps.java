package org.privacymetrics.es.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code @timestamp} parsing for the ingest processors: ISO-8601 date-times with an offset, or epoch milliseconds.
 * Every event passes here twice (route, scrub), so the form our appender and logstash-logback-encoder write,
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, is checked by hand; anything else goes through {@code java.time}.
 */
final class Timestamps {

    private Timestamps() {
    }

    /** Whether {@code v} is a date-time this pipeline accepts. */
    static boolean isValid(String v) {
        if (utcFastPath(v) != null) {
            return true;
        }
        if (isEpochMillis(v)) {
            return true;
        }
        try {
            OffsetDateTime.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            try {
                Instant.parse(v);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    /**
     * The UTC calendar day of {@code v}.
     *
     * @throws DateTimeParseException or {@link NumberFormatException} when {@code v} is not a date-time
     */
    static LocalDate utcDate(String v) {
        LocalDate fast = utcFastPath(v);
        if (fast != null) {
            return fast;
        }
        return instant(v).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * The instant of {@code v} (any accepted form, the fast path's included).
     *
     * @throws DateTimeParseException or {@link NumberFormatException} when {@code v} is not a date-time
     */
    static Instant instant(String v) {
        if (isEpochMillis(v)) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(v); // also accepts 24:00 as the end of the day, as isValid does
        }
    }

    /**
     * What is stored for a valid {@code v}: the instant the plugin parsed, in one form, {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z}
     * (UTC, milliseconds, the precision of the {@code date} mapping), never the client's text. The client's spelling can
     * carry data the date does not: epoch milliseconds whose last ten digits are a phone number
     * ({@code 1794155550134}), a nanosecond fraction, an offset. Values already in that form (what the appender and
     * logstash-logback-encoder write in UTC) are returned as they are.
     *
     * @throws DateTimeParseException or {@link NumberFormatException} when {@code v} is not a date-time
     */
    static String canonical(String v) {
        int n = v.length();
        if ((n == 20 || n == 24) && utcFastPath(v) != null) {
            return v;
        }
        Instant at = instant(v);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return v; // outside every time window: the calendar check refuses it, naming the rule
        }
        StringBuilder sb = new StringBuilder(24);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return pad(sb, t.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    private static boolean isEpochMillis(String v) {
        if (v.isEmpty() || v.length() > 13) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The date of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range, else null (then java.time decides). */
    private static LocalDate utcFastPath(String v) {
        int n = v.length();
        if (n < 20 || n > 30 || v.charAt(n - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        if (n > 20) { // a fraction: '.', then 1-9 digits, then 'Z'
            if (v.charAt(19) != '.' || n - 21 < 1 || n - 21 > 9 || digits(v, 20, n - 21) < 0) {
                return null;
            }
        }
        int monthLength = java.time.Month.of(month).length(Year.isLeap(year));
        return day > monthLength ? null : LocalDate.of(year, month, day);
    }

    /** The non-negative value of {@code len} decimal digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String v, int from, int len) {
        int x = 0;
        for (int i = from; i < from + len; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            x = x * 10 + (c - '0');
        }
        return x;
    }
}
