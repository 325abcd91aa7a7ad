package org.privacymetrics.logback;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.RegexValueMasker;
import net.logstash.logback.mask.ValueMasker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The extra masking rules of {@link MetricsIdAppender}: logstash-logback-encoder {@link ValueMasker}s, applied in
 * order to each allowed free string value after the built-in PII masking, with LLE's contract: a masker returns the
 * replacement, or {@code null} to leave the value as it is. Maskers see a JSON object-field context without a field
 * name ({@code getCurrentName()} is {@code null}): the value's key is not passed on. A masker that throws makes the
 * event drop (counted as {@code failed}), never pass unmasked.
 */
final class ValueMaskers {

    /** The context handed to maskers: a field of the event object, name not given. */
    private static final JsonStreamContext FIELD = new JsonStreamContext(JsonStreamContext.TYPE_OBJECT, 0) {
        @Override
        public JsonStreamContext getParent() {
            return null;
        }

        @Override
        public String getCurrentName() {
            return null;
        }

        @Override
        public Object getCurrentValue() {
            return null;
        }

        @Override
        public void setCurrentValue(Object v) {
            // nothing to keep
        }
    };

    private final List<ValueMasker> maskers = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    void add(ValueMasker masker) {
        if (masker == null) {
            problems.add("<valueMasker> needs a class implementing net.logstash.logback.mask.ValueMasker");
        } else {
            maskers.add(masker);
        }
    }

    void add(ValueMask mask) {
        if (mask == null || mask.values().isEmpty()) {
            problems.add("<valueMask> needs at least one <value> regex");
            return;
        }
        if (mask.mask() == null) {
            problems.add("<valueMask> needs a <mask>");
            return;
        }
        for (String regex : mask.values()) {
            try {
                maskers.add(new RegexValueMasker(Pattern.compile(regex), mask.mask()));
            } catch (PatternSyntaxException e) {
                // the rule, not the pattern: a regex may have been written around a real value
                problems.add("<valueMask> has a <value> that is not a valid regular expression (" + e.getDescription() + ")");
            }
        }
    }

    /** A configuration problem to report at start, or {@code null}. */
    String problem() {
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** {@code first} (may be null) followed by the maskers; {@code first} alone (or null) when there are none. */
    UnaryOperator<String> after(UnaryOperator<String> first) {
        if (maskers.isEmpty()) {
            return first;
        }
        List<ValueMasker> chain = List.copyOf(maskers);
        return value -> {
            String v = first == null ? value : first.apply(value);
            for (ValueMasker m : chain) {
                Object masked = m.mask(FIELD, v);
                if (masked != null) {
                    v = String.valueOf(masked);
                }
            }
            return v;
        };
    }
}
