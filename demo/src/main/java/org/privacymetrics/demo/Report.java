package org.privacymetrics.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table the demo prints: each question, the noised answer with its 95 % interval, and the generator's truth. */
final class Report {

    /** One answered question. */
    record Row(String question, long noised, long ci95, long truth) {
        /** Relative error of the noised value against the truth, in percent; NaN when the truth is zero. */
        double relativeErrorPercent() {
            return truth == 0 ? Double.NaN : 100.0 * Math.abs(noised - truth) / truth;
        }

        /** Whether the truth lies inside noised ± ci95. */
        boolean covered() {
            return Math.abs(noised - truth) <= ci95;
        }
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();

    Report(String title) {
        this.title = title;
    }

    void add(String question, long noised, long ci95, long truth) {
        rows.add(new Row(question, noised, ci95, truth));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void print(PrintStream out) {
        int w = Math.max("question".length(), rows.stream().mapToInt(r -> r.question().length()).max().orElse(0));
        String fmt = "%-" + w + "s  %16s  %8s  %9s  %s%n";
        out.println();
        out.println(title);
        out.printf(Locale.ROOT, fmt, "question", "noised ± ci95", "truth", "rel. err", "");
        out.println("-".repeat(w + 2 + 16 + 2 + 8 + 2 + 9 + 2 + 12));
        for (Row r : rows) {
            String err = Double.isNaN(r.relativeErrorPercent()) ? "n/a"
                    : String.format(Locale.ROOT, "%.1f %%", r.relativeErrorPercent());
            out.printf(Locale.ROOT, fmt, r.question(), r.noised() + " ± " + r.ci95(), r.truth(), err,
                    r.covered() ? "" : "(outside ci95)");
        }
    }
}
