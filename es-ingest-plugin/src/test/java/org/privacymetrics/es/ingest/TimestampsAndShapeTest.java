package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written fast paths must agree with java.time and with the detectors' regexes. */
class TimestampsAndShapeTest {

    @Test
    void timestampFastPathAgreesWithJavaTime() {
        String[] samples = {
            "2026-10-15T08:30:00Z", "2026-10-15T08:30:00.123Z", "2026-10-15T23:59:59.123456789Z", "2024-02-29T00:00:00Z",
            "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-10-15T24:00:00Z",
            "2026-10-15T08:60:00Z", "2026-10-15T08:30:60Z", "2026-10-15T08:30:00.Z", "2026-10-15T08:30:00.1234567890Z",
            "2026-10-15T08:30:00+02:00", "2026-10-14T23:30:00-02:00", "2026-10-15 08:30:00Z", "2026-1a-15T08:30:00Z",
            "1760517000000", "not a date", ""
        };
        for (String s : samples) {
            LocalDate expected = javaTime(s);
            assertThat(Timestamps.isValid(s)).as(s).isEqualTo(expected != null);
            if (expected != null) {
                assertThat(Timestamps.utcDate(s)).as(s).isEqualTo(expected);
            }
        }
        assertThat(Timestamps.utcDate("2026-10-14T23:30:00-02:00")).isEqualTo(LocalDate.of(2026, 10, 15));
    }

    private static LocalDate javaTime(String s) {
        if (!s.isEmpty() && s.length() <= 13 && s.chars().allMatch(Character::isDigit)) {
            return java.time.Instant.ofEpochMilli(Long.parseLong(s)).atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return OffsetDateTime.parse(s).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return java.time.Instant.parse(s).atZone(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Test
    void shapeNeverSkipsADetectorThatWouldMatch() {
        // Random strings over the characters the patterns care about; a skipped detector that would have matched
        // is a leak, so every match must be allowed by the shape.
        String alphabet = "0123456789 .:-+@()abcdefABCDEFxyz/_";
        SplittableRandom rnd = new SplittableRandom(7);
        int matches = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + rnd.nextInt(40);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String v = sb.toString();
            PiiDetectors.Shape shape = PiiDetectors.Shape.of(v);
            for (String d : PiiDetectors.PATTERNS.keySet()) {
                if (PiiDetectors.find(d, v)) {
                    matches++;
                    assertThat(shape.mayContain(d)).as(d + " in " + v).isTrue();
                }
            }
        }
        for (String v : new String[] {"a@b.co", "1.2.3.4", "::1", "fe80::1", "4111111111111111", "(415) 555-0133", "+4930123456",
                "val.email6%40example.org", "DE89 3704 0044 0532 0130 00", "123-45-6789"}) {
            assertThat(PiiDetectors.PATTERNS.keySet().stream().anyMatch(d -> PiiDetectors.find(d, v))).as(v).isTrue();
            assertThat(PiiDetectors.PATTERNS.keySet().stream()
                    .filter(d -> PiiDetectors.find(d, v)).allMatch(d -> PiiDetectors.Shape.of(v).mayContain(d))).as(v).isTrue();
        }
        assertThat(matches).isGreaterThan(1000);
        assertThat(PiiDetectors.Shape.of("login").mayContain(PiiDetectors.IP)).isFalse();
    }

    @Test
    void handWrittenIdChecksAgreeWithTheirRegularExpressions() {
        java.util.regex.Pattern metricsId = java.util.regex.Pattern.compile("[0-9a-f]{32}");
        java.util.regex.Pattern uuid = java.util.regex.Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        String alphabet = "0123456789abcdefABCDEFg-G ";
        SplittableRandom rnd = new SplittableRandom(11);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            // Mostly well-formed values with one random change, so that both answers occur often.
            StringBuilder sb = new StringBuilder(i % 2 == 0
                    ? java.util.UUID.randomUUID().toString()
                    : String.format(java.util.Locale.ROOT, "%016x%016x", rnd.nextLong(), rnd.nextLong()));
            if (rnd.nextInt(3) > 0) {
                int at = rnd.nextInt(sb.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> { if (at < sb.length()) sb.deleteCharAt(at); }
                    default -> { if (at < sb.length()) sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length()))); }
                }
            }
            String v = sb.toString();
            assertThat(PrivacyScrubProcessor.isMetricsId(v)).as(v).isEqualTo(metricsId.matcher(v).matches());
            assertThat(PrivacyScrubProcessor.isUuid(v)).as(v).isEqualTo(uuid.matcher(v).matches());
            if (PrivacyScrubProcessor.isMetricsId(v) || PrivacyScrubProcessor.isUuid(v)) {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(50_000, 150_000);
    }
}
