package org.privacymetrics.core.pii;

import java.math.BigDecimal;

/**
 * A number as the detectors read it: the ingest scrub's JSON numbers, the appender's numeric values. A number's
 * text keeps all its digits whatever its notation, so they are read in plain notation: {@code 4.111111111111111E15}
 * (how a double is written) is read as {@code 4111111111111111}. The integral and fractional parts are read apart (a
 * space instead of the point), so that a card number before or after the point is not glued to the other part:
 * {@code 4111111111111111.00} and {@code 0.4111111111111111} carry a card number. Trailing zeros of a fraction are
 * left out, and its leading zeros are read apart from the rest ({@code 0.00004111111111111111}).
 */
public final class NumberText {

    private NumberText() {
    }

    /** The text of {@code n} the detectors read (see the class comment). */
    public static String of(Number n) {
        String plain;
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return String.valueOf(n);
            }
            plain = BigDecimal.valueOf(d).toPlainString();
        } else if (n instanceof BigDecimal b) {
            plain = b.toPlainString();
        } else {
            plain = String.valueOf(n);
        }
        int dot = plain.indexOf('.');
        if (dot < 0) {
            return plain;
        }
        int end = plain.length();
        while (end > dot + 1 && plain.charAt(end - 1) == '0') {
            end--;
        }
        if (end == dot + 1) {
            return plain.substring(0, dot);
        }
        int significant = dot + 1;
        while (plain.charAt(significant) == '0') {
            significant++;
        }
        // leading zeros of the fraction read apart too: 0.00004111111111111111 carries a card number after them
        return significant == dot + 1 ? plain.substring(0, dot) + ' ' + plain.substring(dot + 1, end)
                : plain.substring(0, dot) + ' ' + plain.substring(dot + 1, significant) + ' ' + plain.substring(significant, end);
    }
}
