package org.privacymetrics.core.pii;

import java.math.BigDecimal;

/**
 * A number as the detectors read it: the ingest scrub's JSON numbers, the appender's numeric values. A number's
 * text keeps all its digits whatever its notation, so they are read in plain notation: {@code 4.111111111111111E15}
 * (how a double is written) is read as {@code 4111111111111111}. The integral part is read apart from the fraction (a
 * blank instead of the point), so that a card number before the point is not glued to it: {@code 4111111111111111.25}
 * carries a card number.
 *
 * <p>The fraction is read as a decimal ({@code 0.25}, after the integral part and a blank: a run of digits glued to a
 * point and a digit is no card), since branch {@code fp8}: a computed value prints 15-17 significant digits, and one
 * in about 30 such fractions is a Luhn-valid number in an issuer's range ({@code 0.5488135039273248}, 3% of random
 * doubles). A float is read from its own shortest text (at most 9 significant digits), not from the double it widens
 * to. Only a {@link BigDecimal}, whose digits are those written, with at least {@value #PADDING} zeros after the point
 * before its significant digits has its fraction read apart, the zeros apart again: padding written before a card
 * number ({@code 0.00004111111111111111}). Trailing zeros of a fraction are left out.
 */
public final class NumberText {

    /** Leading zeros of a BigDecimal's fraction that read it apart (0.000…: about 0.1% of computed fractions). */
    static final int PADDING = 3;

    private NumberText() {
    }

    /** The text of {@code n} the detectors read (see the class comment). */
    public static String of(Number n) {
        String plain;
        boolean written = false;
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return String.valueOf(n);
            }
            // a float's own shortest digits: widened to a double, 0.6081305f prints as 0.6081305146217346
            plain = (n instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d)).toPlainString();
        } else if (n instanceof BigDecimal b) {
            plain = b.toPlainString();
            written = true;
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
        if (written && significant - (dot + 1) >= PADDING) {
            // zeros written before a card number: 0.00004111111111111111 carries one after them
            return plain.substring(0, dot) + ' ' + plain.substring(dot + 1, significant) + ' ' + plain.substring(significant, end);
        }
        String integral = plain.substring(0, dot);
        String fraction = "0." + plain.substring(dot + 1, end);
        return integral.equals("0") || integral.equals("-0") ? plain.substring(0, end) : integral + ' ' + fraction;
    }
}
