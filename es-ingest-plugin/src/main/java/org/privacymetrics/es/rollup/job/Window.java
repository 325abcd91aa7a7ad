package org.privacymetrics.es.rollup.job;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A rollup window size, aligned to UTC calendar boundaries. */
public enum Window {
    MONTH,
    WEEK,
    DAY;

    /** The API name ({@code month}, {@code week}, {@code day}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API name; the error names the field and the allowed values. */
    public static Window parse(String field, Object value) {
        if (value instanceof String s) {
            for (Window w : values()) {
                if (w.apiName().equals(s)) {
                    return w;
                }
            }
        }
        throw new IllegalArgumentException("field [" + field + "] must be one of [month, week, day], got [" + value + "]");
    }

    /**
     * Parses a {@code window_start} (an ISO date, {@code yyyy-MM-dd}) and checks it is a boundary of this window:
     * the first day of a month, a Monday (ISO weeks), or any day.
     */
    public LocalDate parseStart(String field, Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("field [" + field + "] is required and must be a date [yyyy-MM-dd]");
        }
        LocalDate start;
        try {
            start = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field [" + field + "] must be a date [yyyy-MM-dd], got [" + s + "]");
        }
        if (this == MONTH && start.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("field [" + field + "] must be the first day of a month for window [month], got [" + s + "]");
        }
        if (this == WEEK && start.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("field [" + field + "] must be a Monday for window [week], got [" + s + "]");
        }
        return start;
    }

    /** The exclusive end of the window starting at {@code start}. */
    public LocalDate end(LocalDate start) {
        return switch (this) {
            case MONTH -> start.plusMonths(1);
            case WEEK -> start.plusWeeks(1);
            case DAY -> start.plusDays(1);
        };
    }

    /** The start of the window before the one starting at {@code start}. */
    public LocalDate previous(LocalDate start) {
        return switch (this) {
            case MONTH -> start.minusMonths(1);
            case WEEK -> start.minusWeeks(1);
            case DAY -> start.minusDays(1);
        };
    }

    /** The start of the window containing {@code instant}. */
    public LocalDate startOf(Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case MONTH -> day.withDayOfMonth(1);
            case WEEK -> day.with(DayOfWeek.MONDAY);
            case DAY -> day;
        };
    }

    /** Midnight UTC of {@code date}. */
    public static Instant atStartOfDay(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
