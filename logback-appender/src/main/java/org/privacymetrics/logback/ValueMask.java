package org.privacymetrics.logback;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <valueMask>} of {@link MetricsIdAppender}, with the elements of logstash-logback-encoder's
 * {@code MaskingJsonGeneratorDecorator.ValueMask}: {@code <value>} regexes (repeatable) or comma-separated
 * {@code <values>}, and the {@code <mask>} that replaces every match (default {@code ****}, LLE's default mask).
 * Each regex becomes an LLE {@link net.logstash.logback.mask.RegexValueMasker}.
 */
public class ValueMask {
    /** logstash-logback-encoder's default mask. */
    public static final String DEFAULT_MASK = "****";

    private final List<String> values = new ArrayList<>();
    private String mask = DEFAULT_MASK;

    /** A regex whose matches are masked. */
    public void addValue(String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    /** Comma-separated regexes. */
    public void addValues(String csv) {
        if (csv != null) {
            for (String v : csv.split(",")) {
                addValue(v.trim());
            }
        }
    }

    /** What replaces each match; may use {@code $1} group references as {@link java.util.regex.Matcher#replaceAll}. */
    public void setMask(String mask) {
        this.mask = mask;
    }

    List<String> values() {
        return List.copyOf(values);
    }

    String mask() {
        return mask;
    }

    @Override
    public String toString() {
        return "ValueMask[" + values.size() + " regex(es)]";
    }
}
