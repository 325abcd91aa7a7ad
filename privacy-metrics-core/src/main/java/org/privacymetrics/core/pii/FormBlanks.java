package org.privacymetrics.core.pii;

/**
 * The blanks of form encoding ({@code application/x-www-form-urlencoded}: a browser posts {@code +1 (415) 555-0134} as
 * {@code %2B1+%28415%29+555-0134}, a contact form's message as {@code Please+call+me+at+415-555-0133+tomorrow}), read
 * by {@link SecondReading}: a {@code +} is a sign ({@code +1 415…}) or a blank, and the first reading reads it as a
 * sign. The second reading reads as a blank a {@code +} glued between the end of a word (a letter or digit, a closing
 * bracket, or {@code : , . ; ! ?}) and the start of one (a letter or digit, a sign before a digit, an opening bracket
 * before 1-6 digits and a closing one), when one side is a digit or a bracket or the other {@code +} is a sign
 * ({@code at+415}, {@code 0133+tomorrow}, {@code 1+(415)+555}, {@code smith++1}); never between two digits (the
 * digit detectors of the first reading take a {@code +} between groups as a separator: {@code 415+555+0133}; sums such
 * as {@code 6+7} and {@code 1111+4111} are not scanned again). Not a {@code +} after {@code =}, a blank, another {@code +} or at
 * either end: {@code phone=+1+(415)} keeps its sign. Read on the decoded text, so that a {@code +} decoded from
 * {@code %2B} in a value encoded twice ({@code %252B1%2B%2528415%2529}) is a blank too, as it is in the form it was
 * decoded to. Innocent text so read ({@code C++11}, {@code 1+1=2}, {@code 10:15:30+01:00}) holds no number that the
 * digit detectors take. Each {@code +} is decided by at most 9 characters around it: linear.
 */
final class FormBlanks {

    private FormBlanks() {
    }

    /** Whether {@code s} has a {@code +} that the second reading reads as a blank. */
    static boolean any(char[] s) {
        for (int k = 1, n = s.length - 1; k < n; k++) {
            if (s[k] == '+' && s[k - 1] != '+' && blank(s, k)) { // a run of + is no blank: one look
                return true;
            }
        }
        return false;
    }

    /**
     * {@code s} with a blank for each {@code +} read as one (a copy; {@code s} itself when there is none), their
     * positions stored in {@code marks} from {@code marks[0]} on (room for {@code s.length}), their number in
     * {@code count[0]}. Every position is decided on {@code s} as it is, not on the blanks already read.
     */
    static char[] read(char[] s, int[] marks, int[] count) {
        char[] t = s;
        int m = 0;
        for (int k = 1, n = s.length - 1; k < n; k++) {
            if (s[k] == '+' && s[k - 1] != '+' && blank(s, k)) { // a run of + is no blank: one look
                if (t == s) {
                    t = s.clone();
                }
                t[k] = ' ';
                marks[m++] = k;
            }
        }
        count[0] = m;
        return t;
    }

    /**
     * Whether 1-6 digits from {@code i} are closed by a bracket ({@code (415)}, {@code (0)}): a bracket after a {@code +}
     * that opens no area code is no number's ({@code 1+(1+(1…} is read as written). At most 7 characters looked at.
     */
    private static boolean closes(char[] s, int i) {
        int end = Math.min(s.length, i + 7);
        int j = i;
        while (j < end && Chars.digit(s[j])) {
            j++;
        }
        return j > i && j < end && (s[j] == ')' || s[j] == ']');
    }

    /** Whether the {@code +} at {@code k} (not the first nor the last character) is a blank. */
    private static boolean blank(char[] s, int k) {
        char p = s[k - 1];
        char q = s[k + 1];
        boolean sign = q == '+' && Chars.digitAt(s, k + 2);
        if (!(Chars.alnum(p) || p == ')' || p == ']' || p == ':' || p == ',' || p == '.' || p == ';' || p == '!'
                || p == '?')) {
            return false;
        }
        if (!(Chars.alnum(q) || (q == '(' || q == '[') && closes(s, k + 2) || sign)) {
            return false;
        }
        if (Chars.digit(p) && Chars.digit(q)) { // the first reading joins digit groups by a + already (415+555+0133)
            return false;
        }
        return Chars.digit(p) || Chars.digit(q) || p == ')' || p == ']' || q == '(' || q == '[' || sign;
    }
}
