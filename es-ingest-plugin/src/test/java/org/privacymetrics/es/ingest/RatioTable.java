package org.privacymetrics.es.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * A table of {@link HostileShapesBenchmarkIT}: per shape and size, the shape's and plain text's microseconds per KiB
 * (measured alternately), their ratio, and the same ratio in the node's CPU time; it remembers the worst ratios.
 */
final class RatioTable {

    private final String title;
    private final int[] sizes;
    private final Map<String, Map<Integer, double[]>> rows = new LinkedHashMap<>();
    double worst;
    String worstName = "";
    double worstCpu;
    String worstCpuName = "";

    RatioTable(String title, int[] sizes) {
        this.title = title;
        this.sizes = sizes.clone();
    }

    void add(String shape, int size, double shapePerKib, double plainPerKib, double cpuRatio) {
        rows.computeIfAbsent(shape, k -> new TreeMap<>()).put(size, new double[] {shapePerKib, plainPerKib, cpuRatio});
        double ratio = shapePerKib / plainPerKib;
        if (ratio > worst) {
            worst = ratio;
            worstName = "[" + shape + "] at " + size + " bytes";
        }
        if (cpuRatio > worstCpu) {
            worstCpu = cpuRatio;
            worstCpuName = "[" + shape + "] at " + size + " bytes";
        }
    }

    /** The printed table; a cell where {@code refusedAt} holds is marked {@code *}. */
    List<String> lines(BiPredicate<String, Integer> refusedAt) {
        List<String> out = new ArrayList<>();
        out.add(title + " (us/KiB: shape, plain text, shape/plain, node CPU shape/plain; * = some documents refused, see below)");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-28s", "shape"));
        for (int size : sizes) {
            String label = size >= 1024 ? Math.round(size / 1024.0) + "K" : size + "B";
            h.append(String.format(Locale.ROOT, " | %8s %8s %5s  %5s", label + " shape", "plain", "x", "cpu x"));
        }
        out.add(h.toString());
        rows.forEach((shape, bySize) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", shape));
            for (int size : sizes) {
                double[] v = bySize.get(size);
                line.append(String.format(Locale.ROOT, " | %8.1f %8.1f %5.2f%s %5.2f", v[0], v[1], v[0] / v[1],
                        refusedAt.test(shape, size) ? "*" : " ", v[2]));
            }
            out.add(line.toString());
        });
        return out;
    }
}
