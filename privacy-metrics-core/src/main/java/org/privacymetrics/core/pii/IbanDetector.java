package org.privacymetrics.core.pii;

/**
 * IBANs (ISO 13616): an IBAN country code, two check digits and an upper-case BBAN (lower or mixed case when grouped
 * by blanks or tabs and not glued to a word before: {@code de89 3704 0044 0532 0130 00}, since branch digits5; one run
 * of lower case or groups joined by {@code - . +} stay plain, a hex id as likely), exactly as long as the SWIFT IBAN
 * registry says for that country, written in one run or in groups of four (the last group may be shorter) separated by
 * one or two blanks, tabs (since branch digits5), dashes, dots, {@code / _} (since digits6) or {@code +} (form-encoded blanks), the same throughout ({@code GB82 WEST 1234 …}, {@code GB82-WEST-1234-…},
 * {@code GB82  WEST  …}; not followed by the same dash, dot or plus and a letter or digit), not touching a digit
 * and not followed by a letter but a currency code after a digit ({@code …3000EUR}, since branch digits6; a label glued before,
 * {@code ibanDE89…}, does not hide it); valid when the number (country code and check digits moved to the end,
 * letters as 10-35) is 1 mod 97. Upper case only: lower-case hex ids would otherwise be candidates.
 * <p>
 * Linear: attempts start only at a word start, two upper-case letters before a digit run ({@link DigitScanner} visits
 * each run once); the end a candidate must have is known from its country, so an attempt first checks that one
 * position (O(1)) and reads the at most 34 characters plus 16 separators only when it is a boundary.
 */
final class IbanDetector {

    /** IBAN length per country (SWIFT IBAN registry). */
    private static final String LENGTHS = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
            + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 "
            + "JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 "
            + "PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 "
            + "XK20 YE30";

    /** LENGTHS as a table indexed by (first letter, second letter); 0 for no IBAN country. */
    private static final byte[] LENGTH = new byte[26 * 26];

    static {
        for (int k = 0; k + 3 < LENGTHS.length(); k += 5) {
            LENGTH[(LENGTHS.charAt(k) - 'A') * 26 + LENGTHS.charAt(k + 1) - 'A'] = (byte) Integer.parseInt(LENGTHS.substring(k + 2, k + 4));
        }
    }

    private IbanDetector() {
    }

    /** The registry length of the IBAN country {@code c0 c1} (upper case), 0 for none (branch label8: LabeledNumbers). */
    static int length(char c0, char c1) {
        return Chars.upper(c0) && Chars.upper(c1) ? LENGTH[(c0 - 'A') * 26 + c1 - 'A'] : 0;
    }

    /**
     * The end of the IBAN starting at {@code i}, or -1; visited by {@link DigitScanner} at every digit run of 2 or
     * more after two upper-case letters (the check digits), which are all the positions where one can start. The
     * end a candidate must have (from its country) is tested here, small enough to be inlined into the digit pass:
     * most candidates of adversarial text ({@code DE89 DE89 …}) fail it, and only the others are read whole.
     */
    static int at(char[] s, int i) {
        if (i + 15 > s.length || Chars.digitAt(s, i - 1)) {
            return -1;
        }
        if (!Chars.upper(s[i]) || !Chars.upper(s[i + 1])) {
            return lowerAt(s, i);
        }
        int len = LENGTH[(s[i] - 'A') * 26 + s[i + 1] - 'A'];
        // One run of len characters, or groups of four: len characters and (len - 1) / 4 separators of w characters.
        char sep = s[i + 4];
        int w = separator(sep) ? s[i + 5] == sep ? 2 : 1 : 0;
        int end = i + len + w * ((len - 1) >> 2);
        return len == 0 || end > s.length || Chars.digitGlueAt(s, end) && !currency(s, end) || chainGoesOn(s, end, sep, w)
                ? -1 : match(s, i, end, w, false);
    }

    /**
     * {@link #at} for a country code in lower or mixed case (since branch digits5): ASCII letters, not after a letter
     * or digit, groups of four joined by one or two blanks or tabs (a run of lower case stays plain: a hex id as likely;
     * after the label {@code iban} it is found by {@link LabeledNumbers}, since branch fold9 only there: glue8's rule
     * here found the same runs).
     */
    private static int lowerAt(char[] s, int i) {
        char c0 = s[i];
        char c1 = s[i + 1];
        if (!Chars.asciiLetter(c0) || !Chars.asciiLetter(c1) || Chars.digitGlueAt(s, i - 1)) {
            return -1;
        }
        int len = LENGTH[((c0 & ~0x20) - 'A') * 26 + (c1 & ~0x20) - 'A'];
        char sep = s[i + 4];
        int w = sep == ' ' || sep == '\t' ? s[i + 5] == sep ? 2 : 1 : 0;
        int end = i + len + w * ((len - 1) >> 2);
        return len == 0 || w == 0 || end > s.length || Chars.digitGlueAt(s, end) ? -1 : match(s, i, end, w, true);
    }

    /**
     * Whether groups joined by a dash, dot or {@code +} go on after {@code end}: the separator and a letter or digit
     * (the digit groups of an upper-case UUID, {@code 5A2FBE51-3597-EB07-2436-8D1C…}, are no IBAN). Groups joined by
     * blanks may be followed by a word.
     */
    private static boolean chainGoesOn(char[] s, int end, char sep, int w) {
        return w > 0 && sep != ' ' && sep != '\t' && end + 1 < s.length && s[end] == sep && Chars.alnum(s[end + 1]);
    }

    /** Whether {@code c} may separate the groups of four ({@code / _} since branch digits6: {@code DE89/3704/…}). */
    static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '+' || c == '\t' // '+': a blank in a form-encoded query; a tab as a blank (digits5)
                || c == '/' || c == '_';
    }

    /**
     * Whether a currency code is glued after an IBAN ending at {@code end} (since branch digits6: {@code
     * DE89370400440532013000EUR}, a bank export's columns run together): three upper-case letters after a digit, then
     * no letter or digit.
     */
    private static boolean currency(char[] s, int end) {
        return end + 3 <= s.length && Chars.digit(s[end - 1]) && Chars.upper(s[end]) && Chars.upper(s[end + 1])
                && Chars.upper(s[end + 2]) && !Chars.digitGlueAt(s, end + 3);
    }

    /**
     * The IBAN candidate from {@code i} to {@code end} (its length fits its country), checked whole and mod 97;
     * {@code w} characters like {@code s[i + 4]} after each group of four (none when {@code w} is 0).
     */
    private static int match(char[] s, int i, int end, int w, boolean lower) {
        char c0 = (char) (s[i] & ~0x20); // upper case (the letters of a lower-case IBAN too)
        char c1 = (char) (s[i + 1] & ~0x20);
        if (!Chars.digit(s[i + 2]) || !Chars.digit(s[i + 3])) {
            return -1;
        }
        char sep = s[i + 4];
        int stride = 4 + w;
        long r = 0; // the BBAN as a number so far, congruent mod 97
        for (int k = i + 4; k < end; k++) {
            char c = s[k];
            if (w > 0 && (k - i) % stride >= 4) {
                if (c != sep) {
                    return -1;
                }
                continue;
            }
            if (Chars.digit(c)) {
                r = r * 10 + (c - '0');
            } else if (Chars.upper(c) || lower && c >= 'a' && c <= 'z') {
                r = r * 100 + ((c & ~0x20) - 'A' + 10);
            } else {
                return -1;
            }
            if (r >= 1_000_000_000_000_000L) {
                r %= 97; // reduced only when large: r stays far below overflow
            }
        }
        // The moved part: country letters and check digits, appended after the BBAN.
        r = (r * 100 + c0 - 'A' + 10) % 97;
        r = (r * 100 + c1 - 'A' + 10) % 97;
        r = (r * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0')) % 97;
        return r == 1 ? end : -1;
    }

    /**
     * An IBAN in national groups (widened 2026-12-02, branch digits4; the same in the reference engine): the country
     * code at {@code i}, optionally one blank, the two check digits, one blank, then the BBAN (exactly the registry
     * length less four characters) in groups joined by single blanks, every group but the last of four or more
     * characters, the last of two or more digits only ({@code DE89 37040044 0532013000}, {@code GB82 WEST 123456
     * 98765432}, {@code DE 89 3704 0044 0532 0130 00}); no letter or digit before the country code or after the end;
     * mod-97 valid. Called by {@link DigitScanner} where {@link #at} found nothing: at the two letters before a digit
     * run, or at the two letters and blank before it. Reads at most 2 + 1 + 2 + 1 + 2 * 30 characters (linear).
     * <p>
     * Window soundness (the IBAN lanes of {@link Window}, p the first check digit): U U or U and a blank at p-2, p-1;
     * D at p, p+1; the blank at p+2; the first BBAN group (four or more characters, or the whole BBAN of 11 or more
     * when it is the only group) at p+3 … p+6.
     */
    /**
     * Whether the blanks after {@code s[i]} stand where {@link #at} reads groups of four joined by one blank, for a
     * country of length {@code len}. Then {@link #loose} (with no blank after the country code) can find only what at
     * finds: at would read the same characters, with the same tests (upper case at i, no digit before, digits at i + 2
     * and i + 3, no letter or digit after the end at i + len + (len - 1) / 4, mod 97), and loose adds its own (no other
     * blank, a last group of two or more digits); so when at found nothing, loose need not read the IBAN's length again
     * (DE89 DE89 DE89 …: a read of 22 characters at every fifth one).
     */
    private static boolean fourBlankFour(char[] s, int i, int len) {
        int seps = (len - 1) >> 2;
        if (i + len + seps > s.length) {
            return false;
        }
        for (int m = 0; m < seps; m++) {
            if (s[i + 4 + 5 * m] != ' ') {
                return false;
            }
        }
        // Since branch glue8 loose also reads a second blank and groups of one letter or two digits; in this layout
        // it reads nothing (a rule of both engines: IbanDetector.loose in the reference).
        return true;
    }

    static int loose(char[] s, int i) {
        int n = s.length;
        if (i + 16 > n || Chars.digitGlueAt(s, i - 1) || !Chars.upper(s[i]) || !Chars.upper(s[i + 1])) {
            return -1;
        }
        int len = LENGTH[(s[i] - 'A') * 26 + s[i + 1] - 'A'];
        int k = s[i + 2] == ' ' ? i + 3 : i + 2;
        if (len == 0 || k + 3 > n || !Chars.digit(s[k]) || !Chars.digit(s[k + 1]) || s[k + 2] != ' ') {
            return -1;
        }
        if (k == i + 2 && fourBlankFour(s, i, len)) {
            return -1; // the layout of at(), which DigitScanner asks first: it found no IBAN there, nor can this
        }
        int check = (s[k] - '0') * 10 + (s[k + 1] - '0');
        k += 3;
        // Since branch glue8 (the same in both engines): one or two blanks after the check digits and between groups
        // (DE89  3704 0044 …, a double blank typed or aligned), and before the last group also a group of one letter
        // (Italy's and San Marino's CIN: IT 60 X 05428 11101 000000123456) or of two digits (Spain's control digits:
        // ES91 2100 0418 45 0200051332).
        if (k < n && s[k] == ' ') {
            k++;
        }
        long r = 0; // the BBAN as a number so far, congruent mod 97
        int group = 0; // characters of the current group
        boolean digits = true; // the current group is digits only
        boolean blank = true; // the character before k is a blank (the first of a gap when gap is false)
        boolean gap = true; // the gap before k has had its blanks (two, or one and no group read since)
        for (int count = 4; count < len; k++) {
            if (k >= n) {
                return -1;
            }
            char c = s[k];
            if (c == ' ') {
                if (blank) {
                    if (gap) {
                        return -1; // a third blank, or a blank right after the check digits' two
                    }
                    gap = true;
                    continue;
                }
                if (group < 4 && !(group == 1 && !digits) && !(group == 2 && digits)) {
                    return -1; // a short group before the last other than a letter or two digits
                }
                group = 0;
                digits = true;
                blank = true;
                gap = false;
                continue;
            }
            blank = false;
            if (Chars.digit(c)) {
                r = r * 10 + (c - '0');
            } else if (Chars.upper(c)) {
                r = r * 100 + (c - 'A' + 10);
                digits = false;
            } else {
                return -1;
            }
            if (r >= 1_000_000_000_000_000L) {
                r %= 97;
            }
            group++;
            count++;
        }
        if (group < 2 || !digits || Chars.digitGlueAt(s, k)) {
            return -1;
        }
        r = (r * 100 + s[i] - 'A' + 10) % 97;
        r = (r * 100 + s[i + 1] - 'A' + 10) % 97;
        r = (r * 100 + check) % 97;
        return r == 1 ? k : -1;
    }
}
