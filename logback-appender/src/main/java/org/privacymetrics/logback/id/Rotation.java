package org.privacymetrics.logback.id;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How often metrics ids rotate. The epoch label of an instant is taken in UTC and is the HKDF {@code info} of the
 * epoch key (spec v1, {@code docs/metrics-id.md}).
 */
public enum Rotation {
    /** {@code YYYY-MM}, the default. */
    MONTH,
    /** ISO week {@code YYYY-Www}: the ISO week-based year, so 2027-01-01 is in {@code 2026-W53}. */
    WEEK,
    /** {@code YYYY-MM-DD}. */
    DAY;

    /** The epoch label of {@code instant}. */
    public String label(Instant instant) {
        return label(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    String label(LocalDate d) {
        return switch (this) {
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", d.getYear(), d.getMonthValue());
            case WEEK -> String.format(Locale.ROOT, "%04d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case DAY -> String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        };
    }

    /** First UTC day of the epoch that contains {@code d}. */
    LocalDate epochStart(LocalDate d) {
        return switch (this) {
            case MONTH -> d.withDayOfMonth(1);
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case DAY -> d;
        };
    }

    /** First UTC day of the epoch after the one starting at {@code start}. */
    LocalDate next(LocalDate start) {
        return switch (this) {
            case MONTH -> start.plusMonths(1);
            case WEEK -> start.plusWeeks(1);
            case DAY -> start.plusDays(1);
        };
    }

    /**
     * Parses a rotation name, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static Rotation parse(String name) {
        if (name != null) {
            for (Rotation r : values()) {
                if (r.name().equalsIgnoreCase(name.trim())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("unknown rotation [" + name + "]; use MONTH, WEEK or DAY");
    }
}
