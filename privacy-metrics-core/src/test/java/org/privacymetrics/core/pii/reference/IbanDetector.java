package org.privacymetrics.core.pii.reference;

import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

import java.util.List;

/**
 * IBANs (ISO 13616): an IBAN country code, two check digits and an upper-case BBAN, exactly as long as the SWIFT IBAN
 * registry says for that country, written in one run or in groups of four separated by single spaces (the last group
 * may be shorter), not touching a letter or digit; valid when the number (country code and check digits moved to the
 * end, letters as 10-35) is 1 mod 97. Upper case only: lower-case hex ids would otherwise be candidates.
 * <p>
 * Linear: attempts start only at a word start; the end a candidate must have is known from its country, so an attempt
 * first checks that one position (O(1)) and reads the at most 34 characters plus 8 spaces only when it is a boundary.
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

    static void scan(CharSequence s, List<Finding> out) {
        s = LineBreaks.asBlanks(s); // line breaks read as blanks (branch digits5)
        int n = s.length();
        for (int i = 0; i + 15 <= n; i++) {
            if (!Chars.asciiLetter(s.charAt(i)) || Chars.digitAt(s, i - 1)) { // lower case too: branch digits5
                continue;
            }
            int end = match(s, i);
            if (end < 0) {
                end = loose(s, i);
            }
            if (end > 0) {
                out.add(new Finding(PiiKind.IBAN, i, end));
                i = end - 1;
            }
        }
    }

    private static int match(CharSequence s, int i) {
        char c0 = s.charAt(i);
        char c1 = s.charAt(i + 1);
        // Lower or mixed case (branch digits5, in the engine too): grouped only, not after a letter or digit.
        boolean lower = !Chars.upper(c0) || !Chars.upper(c1);
        if (!Chars.asciiLetter(c1) || lower && Chars.digitGlueAt(s, i - 1) || !Chars.digit(s.charAt(i + 2)) || !Chars.digit(s.charAt(i + 3))) {
            return -1;
        }
        c0 = Character.toUpperCase(c0);
        c1 = Character.toUpperCase(c1);
        int len = LENGTH[(c0 - 'A') * 26 + c1 - 'A'];
        if (len == 0) {
            return -1;
        }
        // One run of len characters, or groups of four: len characters and (len - 1) / 4 separators of w characters
        // (widened in the session of 2026-12-02, branch gapsdigit, in the engine too: one or two blanks, dashes or dots,
        // the same throughout, was one blank; and a letter may precede the IBAN, was no letter or digit).
        char sep = s.charAt(i + 4);
        boolean grouped = sep == ' ' || sep == '-' || sep == '.' || sep == '+' || sep == '\t' // a tab: branch digits5, in the engine too
                || sep == '/' || sep == '_'; // branch digits6, in the engine too
        int w = grouped ? (s.charAt(i + 5) == sep ? 2 : 1) : 0;
        // (Branch glue8 let one run in lower case through after the label "iban"; since branch fold9 only the label
        // rule finds it, LabeledNumbers, in the engine too.)
        if (lower && !(sep == ' ' || sep == '\t')) {
            return -1;
        }
        int end = i + len + w * ((len - 1) / 4);
        // A currency code glued after a digit ("…3000EUR"; branch digits6, in the engine too) does not glue.
        // (not after a lower-case IBAN: added when glue8 and label8 met, as the engine has it)
        boolean currency = !lower && end + 3 <= s.length() && Chars.digit(s.charAt(end - 1)) && Chars.upper(s.charAt(end))
                && Chars.upper(s.charAt(end + 1)) && Chars.upper(s.charAt(end + 2)) && !Chars.digitGlueAt(s, end + 3);
        if (end > s.length() || Chars.digitGlueAt(s, end) && !currency) {
            return -1;
        }
        if (grouped && sep != ' ' && sep != '\t' && end + 1 < s.length() && s.charAt(end) == sep && Chars.alnum(s.charAt(end + 1))) {
            return -1; // the groups go on: an upper-case UUID "5A2FBE51-3597-EB07-2436-8D1C…" (added with the separators)
        }
        long r = 0; // the BBAN as a number so far, congruent mod 97
        for (int k = i + 4; k < end; k++) {
            char c = s.charAt(k);
            if (grouped && (k - i) % (4 + w) >= 4) {
                if (c != sep) {
                    return -1;
                }
                continue;
            }
            if (Chars.digit(c)) {
                r = r * 10 + (c - '0');
            } else if (Chars.upper(c) || lower && c >= 'a' && c <= 'z') {
                r = r * 100 + (Character.toUpperCase(c) - 'A' + 10);
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
        r = (r * 100 + (s.charAt(i + 2) - '0') * 10 + (s.charAt(i + 3) - '0')) % 97;
        return r == 1 ? end : -1;
    }

    /**
     * An IBAN in national groups (widened 2026-12-02, branch digits4, in the engine too): the country
     * code at {@code i}, optionally one blank, the two check digits, one blank, then the BBAN (exactly the registry
     * length less four characters) in groups joined by single blanks, every group but the last of four or more
     * characters, the last of two or more digits only ({@code DE89 37040044 0532013000}, {@code GB82 WEST 123456
     * 98765432}, {@code DE 89 3704 0044 0532 0130 00}); no letter or digit before the country code or after the end;
     * mod-97 valid. Tried where {@link #match} found nothing. Reads at most 2 + 1 + 2 + 1 + 2 * 30 characters (linear).
     */
    private static int loose(CharSequence s, int i) {
        int n = s.length();
        if (i + 16 > n || Chars.digitGlueAt(s, i - 1) || !Chars.upper(s.charAt(i)) || !Chars.upper(s.charAt(i + 1))) {
            return -1;
        }
        int len = LENGTH[(s.charAt(i) - 'A') * 26 + s.charAt(i + 1) - 'A'];
        int k = s.charAt(i + 2) == ' ' ? i + 3 : i + 2;
        if (len == 0 || k + 3 > n || !Chars.digit(s.charAt(k)) || !Chars.digit(s.charAt(k + 1)) || s.charAt(k + 2) != ' ') {
            return -1;
        }
        if (k == i + 2) {
            // Blanks where groups of four put them (after the check digits and every four characters after): match's
            // layout, read by match only (branch glue8, the engine's shortcut made a rule; a national grouping with a
            // double blank or a short group has its blanks elsewhere).
            int seps = (len - 1) / 4;
            boolean four = i + len + seps <= n;
            for (int m = 0; four && m < seps; m++) {
                four = s.charAt(i + 4 + 5 * m) == ' ';
            }
            if (four) {
                return -1;
            }
        }
        int check = (s.charAt(k) - '0') * 10 + (s.charAt(k + 1) - '0');
        k += 3;
        // Since branch glue8 (the same in both engines): one or two blanks after the check digits and between groups
        // (DE89  3704 0044 …, a double blank typed or aligned), and before the last group also a group of one letter
        // (Italy's and San Marino's CIN: IT 60 X 05428 11101 000000123456) or of two digits (Spain's control digits:
        // ES91 2100 0418 45 0200051332).
        if (k < n && s.charAt(k) == ' ') {
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
            char c = s.charAt(k);
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
        r = (r * 100 + s.charAt(i) - 'A' + 10) % 97;
        r = (r * 100 + s.charAt(i + 1) - 'A' + 10) % 97;
        r = (r * 100 + check) % 97;
        return r == 1 ? k : -1;
    }
}
