package org.privacymetrics.es.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elasticsearch.common.settings.Setting;
import org.privacymetrics.es.Names;

/**
 * The rotation period of metrics ids, which is the privacy unit: "epsilon per person per rotation period". The cluster
 * pins it ({@value Names#ROTATION_SETTING}, the same value the services' {@code <rotation>} uses); labels are those of
 * the metrics-id spec v1 ({@code docs/metrics-id.md}), taken in UTC.
 */
public enum Rotation {
    /** {@code YYYY-MM}, the default. */
    MONTH,
    /** ISO week {@code YYYY-Www} of the ISO week-based year. */
    WEEK,
    /** {@code YYYY-MM-DD}. */
    DAY;

    /**
     * Node setting, read at start and never changed while the node runs: a change of rotation would re-label every
     * person's epoch and open fresh budgets for the same people. The first value used is recorded in the budget ledger,
     * and a node whose setting differs refuses to run rollups.
     */
    public static final Setting<Rotation> SETTING = new Setting<>(Names.ROTATION_SETTING, MONTH.name(), Rotation::parse,
        Setting.Property.NodeScope);

    /** The epoch label of the UTC day {@code d}. */
    public String label(LocalDate d) {
        return switch (this) {
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", d.getYear(), d.getMonthValue());
            case WEEK -> String.format(Locale.ROOT, "%04d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case DAY -> String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        };
    }

    /** First UTC day of the epoch containing {@code d}. */
    public LocalDate epochStart(LocalDate d) {
        return switch (this) {
            case MONTH -> d.withDayOfMonth(1);
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case DAY -> d;
        };
    }

    /** Last UTC day of the epoch containing {@code d}. */
    public LocalDate epochEnd(LocalDate d) {
        return next(epochStart(d)).minusDays(1);
    }

    /**
     * The first UTC day of the epoch whose label (any case) is {@code label}, or null when {@code label} is no label of
     * this rotation ({@code 2026-13}, {@code 2026-W53} of a year with 52 weeks, another rotation's form, anything else).
     */
    public LocalDate parseLabel(String label) {
        if (label == null) {
            return null;
        }
        String l = label.toUpperCase(Locale.ROOT);
        LocalDate start;
        try {
            start = switch (this) {
                case MONTH -> l.length() == 7 ? LocalDate.of(digits(l, 0, 4), digits(l, 5, 7), 1) : null;
                case WEEK -> l.length() == 8 && l.charAt(5) == 'W'
                    ? LocalDate.of(digits(l, 0, 4), 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Math.max(1, digits(l, 6, 8)))
                        .with(DayOfWeek.MONDAY)
                    : null;
                case DAY -> l.length() == 10 ? LocalDate.of(digits(l, 0, 4), digits(l, 5, 7), digits(l, 8, 10)) : null;
            };
        } catch (java.time.DateTimeException | NumberFormatException notALabel) {
            return null;
        }
        // the label of the day found must be the input: rejects separators other than '-', week 53 of a 52-week year, ...
        return start != null && label(start).equals(l) ? start : null;
    }

    /** The rotation whose label form {@code label} has, or null (the three forms are disjoint). */
    public static Rotation ofLabel(String label) {
        for (Rotation r : values()) {
            if (r.parseLabel(label) != null) {
                return r;
            }
        }
        return null;
    }

    private static int digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new NumberFormatException("not a digit");
            }
        }
        return Integer.parseInt(s, from, to, 10);
    }

    private LocalDate next(LocalDate epochStart) {
        return switch (this) {
            case MONTH -> epochStart.plusMonths(1);
            case WEEK -> epochStart.plusWeeks(1);
            case DAY -> epochStart.plusDays(1);
        };
    }

    /**
     * The labels of every epoch that the days {@code [start, end)} overlap, from the calendar alone: this is what a run
     * is charged, whatever the data holds.
     *
     * @throws IllegalArgumentException when {@code end} is not after {@code start}
     */
    public List<String> epochsOverlapping(LocalDate start, LocalDate end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end [" + end + "] must be after its start [" + start + "]");
        }
        List<String> out = new ArrayList<>();
        for (LocalDate e = epochStart(start); e.isBefore(end); e = next(e)) {
            out.add(label(e));
        }
        return out;
    }

    /**
     * Parses a rotation name, ignoring case.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed ones
     */
    public static Rotation parse(String name) {
        if (name != null) {
            for (Rotation r : values()) {
                if (r.name().equalsIgnoreCase(name.trim())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("setting [" + Names.ROTATION_SETTING + "] must be one of [MONTH, WEEK, DAY], got [" + name + "]");
    }
}
