package org.privacymetrics.es.common;

import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.common.regex.Regex;
import org.privacymetrics.es.Names;

/**
 * Whether an index name in a request names raw usage events: the write guard refuses such names and the rejection
 * counter counts what was written to them. A date-math expression ({@code <...>}) is judged by its text and by the name
 * it resolves to, because a date format can spell the whole name as quoted literal text
 * ({@code <{now/M{'.privacy-metrics-events-'yyyy-MM}}>}): its text proves nothing, and Elasticsearch authorizes and
 * writes the resolved name.
 */
public final class RawNames {

    private static final String RAW_STEM = Names.RAW_INDEX_PREFIX.substring(0, Names.RAW_INDEX_PREFIX.length() - 1);

    private RawNames() {
    }

    /** The plugin's own raw indices, {@code .privacy-metrics-events-*} (also as date math). */
    public static boolean isPluginRawIndex(String index) {
        if (index == null) {
            return false;
        }
        if (stripDateMath(index).startsWith(RAW_STEM)) {
            return true;
        }
        String resolved = resolvedDateMath(index);
        return resolved != null && resolved.startsWith(RAW_STEM);
    }

    /** {@code metrics-events} and every name that starts with it ({@code metrics-events-*}, date math, wildcards). */
    public static boolean isRawEventIndex(String index) {
        if (index == null) {
            return false;
        }
        if (startsLikeTheIntake(stripDateMath(index))) {
            return true;
        }
        String resolved = resolvedDateMath(index);
        return resolved != null && startsLikeTheIntake(resolved);
    }

    /**
     * Whether a source expression of a read ({@code _reindex}) may reach raw events: a raw name (as above), or a
     * wildcard that matches the plugin's raw indices (only an expression starting with a dot matches hidden
     * dot-indices) or the daily indices of earlier releases ({@code metrics-events-YYYY.MM.DD}, not hidden).
     */
    public static boolean mayReadRawEvents(String expression) {
        if (expression == null) {
            return false;
        }
        if (isPluginRawIndex(expression) || isRawEventIndex(expression) || expression.equals("_all")) {
            return true;
        }
        String name = stripDateMath(expression);
        return name.startsWith(".") && Regex.simpleMatch(name, Names.RAW_INDEX_PREFIX + "2026-11")
            || Regex.simpleMatch(name, Names.INTAKE_INDEX + "-2026.11.22");
    }

    private static boolean startsLikeTheIntake(String name) {
        return name.startsWith(Names.INTAKE_INDEX) && (name.length() == Names.INTAKE_INDEX.length()
            || "-{>*".indexOf(name.charAt(Names.INTAKE_INDEX.length())) >= 0);
    }

    private static String stripDateMath(String index) {
        return index.startsWith("<") ? index.substring(1) : index;
    }

    /**
     * The name a date-math expression resolves to now, or null for a plain name. An expression that does not resolve is
     * answered as a raw name: Elasticsearch would refuse it later anyway, and a guard does not guess what it means.
     */
    private static String resolvedDateMath(String index) {
        if (!index.startsWith("<") || !index.endsWith(">")) {
            return null;
        }
        try {
            return IndexNameExpressionResolver.resolveDateMathExpression(index);
        } catch (RuntimeException unresolvable) {
            return Names.INTAKE_INDEX + "-";
        }
    }
}
