package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * Payment card numbers (ISO/IEC 7812): 13-19 digits passing the Luhn check, whose first digit is 2-6 (the major
 * industry identifiers of Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay/Maestro). Numbers
 * starting with 1, 7, 8 or 9 (airline, petroleum, telecom, national cards) are not reported: epoch milliseconds and
 * microseconds (13-16 digits starting with 1 until 2033) would otherwise be masked one time in ten.
 * <p>
 * Written either as one run of 13-19 digits, or as groups of 3-6 digits ({@code 4-4-4-4}, Amex {@code 4-6-5},
 * {@code 4-4-4-4-3}, …) joined by one separator used throughout the number: one non-alphanumeric character, or two
 * identical ones ({@code 4111  1111  1111  1111} with two spaces is a card; {@code 4111-1111 1111-1111} is not).
 * Groups of 3-6 digits keep decimals such as {@code 3.14159265358979} out. The number must not touch a letter or
 * digit on either side, nor be glued to one by {@code - . / _} (the digit groups of a UUID, {@code id-4111…}).
 * <p>
 * Linear: the digit groups are found in one pass; from each group at most six groups (19 digits) are tried, with the
 * Luhn sum kept incrementally for both parities, so each group costs O(1).
 */
final class CardDetector {

    private CardDetector() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        s = LineBreaks.asBlanks(s); // line breaks read as blanks (branch digits5)
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!Chars.digit(s.charAt(i)) || Chars.digitAt(s, i - 1)) {
                i++;
                continue;
            }
            // A run of 13-19 digits may be glued by "- . / _" (a path segment, a suffix after an id), unless by a
            // point after a digit (a decimal's fraction); a grouped number not.
            // A group of 4-6 digits glued so may start a grouped number if another separator follows it (a label:
            // "No.4111 1111 …", branch digits5, in the engine too).
            int run = Chars.digitsEnd(s, i) - i;
            int end = Chars.digitGlueAt(s, i - 1) || Chars.gluedBefore(s, i)
                    && (run < 13 ? !(run >= 4 && run <= 6 && i + run < n && s.charAt(i + run) != s.charAt(i - 1))
                            : Chars.decimalBefore(s, i)) ? -1 : match(s, i);
            if (end > 0) {
                out.add(new Finding(PiiKind.CARD, i, end));
                i = end;
            } else {
                i = Chars.digitsEnd(s, i);
            }
        }
        glued(s, out);
    }

    /**
     * Branch glue8, in the engine too: cards of a card's own grouping, found in a pass of their own (their findings
     * merge with the others'): four groups of exactly four digits (or a 17-19-digit number 4-4-4-4 and a last group of
     * 1-3) joined by one separator written the same throughout, one or two of {@code space tab - . / _} or a blank, one
     * of {@code - . / _} and a blank ({@code 4111 - 1111 - 1111 - 1111}), Luhn-valid and in an issuer range of its length
     * ({@link Issuers}); glued before by {@code - . / _} to a word (not to a digit: a chain) and after to anything but a
     * letter, a digit or a glue character and a digit ({@code /cards/4111-1111-1111-1111/charge},
     * {@code pan_4111_1111_1111_1111}, {@code id-4242-4242-4242-4242}; the groups of a UUID are 8-4-4-4-12). Tried at
     * every digit run of four, also after a count or another number's last group ({@code 123-45-6789 4111 1111 1111 1111},
     * {@code x,5800,4111 1111 1111 1111}). And track data: a run of 13-19 digits after the format code {@code B} (after
     * {@code %}, the start sentinel, or no letter or digit) and before {@code ^} ({@code %B4111111111111111^DOE/JOHN^…}).
     */
    static void glued(CharSequence s, List<Finding> out) {
        int n = s.length();
        for (int p = 0; p < n; p++) {
            if (!Chars.digit(s.charAt(p)) || Chars.digitAt(s, p - 1)) {
                continue;
            }
            int e = Chars.digitsEnd(s, p);
            int end = e - p == 4 ? fourGroups(s, p) : e - p >= 13 && e - p <= 19 ? Math.max(track(s, p, e), labelled(s, p, e)) : -1;
            if (end > 0) {
                out.add(new Finding(PiiKind.CARD, p, end));
            }
            p = e - 1;
        }
    }

    private static boolean glueChar(char c) {
        return c == '-' || c == '.' || c == '/' || c == '_';
    }

    /** The separator written at {@code e} (see glued), or null. */
    private static String separatorAt(CharSequence s, int e) {
        int n = s.length();
        if (e >= n) {
            return null;
        }
        char c = s.charAt(e);
        if (c == ' ' && e + 2 < n && glueChar(s.charAt(e + 1)) && s.charAt(e + 2) == ' ') {
            return s.subSequence(e, e + 3).toString();
        }
        if (c != ' ' && c != '\t' && !glueChar(c)) {
            return null;
        }
        return e + 1 < n && s.charAt(e + 1) == c ? "" + c + c : "" + c;
    }

    private static int fourGroups(CharSequence s, int p) {
        if (s.charAt(p) < '2' || s.charAt(p) > '6' || Chars.digitGlueAt(s, p - 1) || p >= 2 && glueChar(s.charAt(p - 1)) && Chars.digit(s.charAt(p - 2))) {
            return -1;
        }
        String sep = separatorAt(s, p + 4);
        if (sep == null) {
            return -1;
        }
        int g = p;
        for (int k = 0; k < 4; k++) {
            if (Chars.digitsEnd(s, g) - g != 4 || k < 3 && !sep.equals(separatorAt(s, g + 4))) {
                return -1;
            }
            if (k < 3) {
                g += 4 + sep.length();
            }
        }
        // Not inside a longer chain of groups joined by the same separator (the digit pass reads those): at most one
        // group before (a count, an SSN's serial), none after but a last group of 1-3 digits.
        int b = p - sep.length();
        if (b >= 1 && s.subSequence(b, p).toString().equals(sep) && Chars.digit(s.charAt(b - 1))) {
            int q = b - 1;
            while (q > 0 && Chars.digit(s.charAt(q - 1))) {
                q--;
            }
            if (q - sep.length() >= 1 && s.subSequence(q - sep.length(), q).toString().equals(sep)
                    && Chars.digit(s.charAt(q - sep.length() - 1))) {
                return -1;
            }
        }
        int e16 = g + 4;
        int best = -1;
        boolean more = sep.equals(separatorAt(s, e16)) && Chars.digitAt(s, e16 + sep.length());
        if (!more && endsThere(s, e16) && cardAt(s, p, e16, 16)) {
            best = e16;
        }
        if (sep.equals(separatorAt(s, e16))) {
            int t = e16 + sep.length();
            int te = Chars.digitsEnd(s, t);
            if (te - t >= 1 && te - t <= 3 && endsThere(s, te) && cardAt(s, p, te, 16 + te - t)) {
                best = te;
            }
        }
        return best;
    }

    /** No letter or digit at e, nor a glue character and a digit. */
    private static boolean endsThere(CharSequence s, int e) {
        return !Chars.digitGlueAt(s, e) && !(e < s.length() && glueChar(s.charAt(e)) && Chars.digitAt(s, e + 1));
    }

    /** The digits in [p, e) (len of them) are Luhn-valid and in an issuer range of their length. */
    private static boolean cardAt(CharSequence s, int p, int e, int len) {
        String digits = s.subSequence(p, e).toString().replaceAll("[^0-9]", "");
        return digits.length() == len && luhn(digits) && Issuers.oneRun(digits, 0, len);
    }

    private static int track(CharSequence s, int p, int e) {
        boolean b = p >= 1 && s.charAt(p) >= '2' && s.charAt(p) <= '6' && s.charAt(p - 1) == 'B' && (p == 1 || s.charAt(p - 2) == '%' || !Chars.alnum(s.charAt(p - 2)));
        return b && e < s.length() && s.charAt(e) == '^' && cardAt(s, p, e, e - p) ? e : -1;
    }

    /**
     * Since s10, in the engine too: a run of 13-19 digits from 2-6 glued right after a word naming a card (since phone10 read by
     * LabeledNumbers.gluedLabel from its table; any case,
     * starting the text or after no ASCII letter), Luhn-valid, in an issuer range, ending there (endsThere): {@code card4111111111111111}.
     */
    private static int labelled(CharSequence s, int p, int e) {
        boolean label = LabeledNumbers.gluedLabel(s, p) == LabeledNumbers.CARD; // the label table (since phone10)
        return label && s.charAt(p) >= '2' && s.charAt(p) <= '6' && endsThere(s, e) && cardAt(s, p, e, e - p) ? e : -1;
    }

    /** End of the longest card number starting at the digit group at {@code start}, or -1. */
    private static int match(CharSequence s, int start) {
        char first = s.charAt(start);
        if (first < '2' || first > '6' || fourGroupsAfter(s, start)) {
            return -1;
        }
        int n = s.length();
        // Luhn: from the right, every second digit is doubled. Digits are added from the left, so keep both sums:
        // evenDoubled doubles the digits at even indices (0, 2, …), oddDoubled those at odd ones; a number of m
        // digits doubles the indices of the parity opposite to m - 1's.
        int evenDoubled = 0;
        int oddDoubled = 0;
        int m = 0;
        int best = -1;
        int g = start;
        int prev = 0;
        for (int groups = 0; groups < 7; groups++) {
            int ge = Chars.digitsEnd(s, g);
            int len = ge - g;
            boolean grouped = groups > 0;
            // From the third group on a group longer than the one before it ends the number there, and only a
            // number of 13 digits may end at it (4-4-5); branch digits5, in the engine too ("2048 4096 8192 16384").
            boolean grows = groups >= 2 && len > prev;
            if (grows && m + len != 13) {
                break;
            }
            prev = len;
            // A last group of 2 digits ends a number of 14 (Diners 4-4-4-2).
            boolean diners = len == 2 && groups > 0 && m + len == 14;
            if (m + len > 19 || len < 3 && !diners) {
                break; // every group of a card number has 3 or more digits
            }
            for (int k = g; k < ge; k++) {
                int d = s.charAt(k) - '0';
                int dd = d * 2 > 9 ? d * 2 - 9 : d * 2;
                if (m % 2 == 0) {
                    evenDoubled += dd;
                    oddDoubled += d;
                } else {
                    evenDoubled += d;
                    oddDoubled += dd;
                }
                m++;
            }
            // Glued after: a grouped number only to an expiry or CVV (1-4 digits that end there) after a group of 4
            // or more, one run not to a decimal's point.
            boolean endOk = grouped ? !Chars.gluedAfter(s, ge) || len >= 4 && Chars.shortTail(s, ge) || sentence(s, ge)
                    : !Chars.decimalAfter(s, ge);
            if (m >= 13 && !Chars.digitGlueAt(s, ge) && endOk) {
                boolean groupOk = !grouped || len >= 3 && len <= 6 || diners;
                int sum = (m - 1) % 2 == 1 ? evenDoubled : oddDoubled;
                // One run needs an issuer range of its length (Issuers; branch digits6, in the engine too).
                if (groupOk && sum % 10 == 0 && (grouped || Issuers.oneRun(s, start, m))) {
                    best = ge;
                }
            }
            if (grows) {
                break;
            }
            // The separator to the next group: one or two identical non-alphanumeric characters; since the second
            // session of 2026-12-02 they may differ from group to group (4111-1111 1111.1111), in the engine too.
            // Branch digits6, in the engine too: a blank beside a dash ("4111- 1111") and a surrogate pair (an emoji)
            // are two characters read as one separator.
            boolean pair = ge + 1 < n && Character.isHighSurrogate(s.charAt(ge)) && Character.isLowSurrogate(s.charAt(ge + 1));
            if (ge >= n || Chars.alnum(s.charAt(ge)) && !pair || Character.isISOControl(s.charAt(ge)) && s.charAt(ge) != '\t') {
                break;
            }
            String two = ge + 1 < n ? s.subSequence(ge, ge + 2).toString() : "";
            int sl = ge + 1 < n && (s.charAt(ge + 1) == s.charAt(ge) || two.equals("- ") || two.equals(" -") || pair) ? 2 : 1;
            if (len < 3 || len > 6) {
                break; // every group but the last has 3-6 digits
            }
            if (!Chars.digitAt(s, ge + sl)) {
                break;
            }
            g = ge + sl;
        }
        return best;
    }

    /** The Luhn check over the digits of {@code s} (other characters ignored), for at least 13 digits. */
    static boolean luhn(CharSequence s) {
        int sum = 0;
        int n = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (!Chars.digit(c)) {
                continue;
            }
            int d = c - '0';
            if (n++ % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return n >= 13 && sum % 10 == 0;
    }

    /**
     * A first group of 3, 5 or 6 digits before four groups of exactly four (branch digits6, in the engine too): a count
     * or a phone number's last group before a card, no card's start.
     */
    private static boolean fourGroupsAfter(CharSequence s, int g) {
        int n = s.length();
        int e = Chars.digitsEnd(s, g);
        if (e - g < 3 || e - g > 6 || e - g == 4) {
            return false;
        }
        for (int k = 0; k < 4; k++) {
            boolean pair = e + 1 < n && Character.isHighSurrogate(s.charAt(e)) && Character.isLowSurrogate(s.charAt(e + 1));
            if (e >= n || Chars.alnum(s.charAt(e)) && !pair || Character.isISOControl(s.charAt(e)) && s.charAt(e) != '\t') {
                return false;
            }
            String two = e + 1 < n ? s.subSequence(e, e + 2).toString() : "";
            int q = e + (e + 1 < n && (s.charAt(e + 1) == s.charAt(e) || two.equals("- ") || two.equals(" -") || pair) ? 2 : 1);
            if (Chars.digitsEnd(s, q) - q != 4) {
                return false;
            }
            e = q + 4;
        }
        return true;
    }

    /** A sentence after a point ("…1111.Thanks"): an upper-case and a lower-case letter (branch digits6, in the engine too). */
    private static boolean sentence(CharSequence s, int e) {
        return e + 2 < s.length() && s.charAt(e) == '.' && Chars.upper(s.charAt(e + 1)) && s.charAt(e + 2) >= 'a'
                && s.charAt(e + 2) <= 'z';
    }
}
