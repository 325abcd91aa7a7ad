package org.privacymetrics.core.pii.reference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

/**
 * Added 2026-12-03 (branch label8), in the engine too: a number right after a label that names its family, which
 * without the label is ambiguous (a 7-digit local number, nine bare digits, a lower-case IBAN in one run):
 * {@code phone: 555-0133}, {@code Telefon 5550133}, {@code call me at 555-0133}, {@code SSN 123456789},
 * {@code iban: de89370400440532013000}. Written the clear way: the text is cut into words (runs of letters, also split
 * where an upper-case ASCII letter follows a lower-case one), each word compared as a string with the labels, and
 * the gap after a label read token by token. See the engine's LabeledNumbers for the rules.
 */
final class LabeledNumbers {

    static final int PHONE = 1;
    static final int CALL = 2; // a phone label that needs a connector word: "call me at …", not "call 3 of 12"
    static final int SSN = 3;
    static final int IBAN = 4;
    static final int SECURITY = 5; // "security" after "social": an SSN label
    static final int WA_ME = 6;
    static final int CARD = 9; // a word naming a card, read glued before the number only (gluedLabel, phone10)
    static final int TEXT = 8; // "text": a phone label when "to", "me" or "us" follows ("text to …", phone10)
    static final int APP = 7; // "App" of "WhatsApp", camel case after "Whats" (phone9) // "me" of "wa.me/" (phone9): the number follows the '/'

    private static final Map<String, Integer> LABELS = Map.ofEntries(
            Map.entry("phone", PHONE), Map.entry("telephone", PHONE), Map.entry("tel", PHONE),
            Map.entry("mobile", PHONE), Map.entry("mob", PHONE), Map.entry("cell", PHONE),
            Map.entry("cellphone", PHONE), Map.entry("fax", PHONE), Map.entry("telefax", PHONE),
            Map.entry("handy", PHONE), Map.entry("telefon", PHONE), Map.entry("telefonnummer", PHONE),
            Map.entry("telefono", PHONE), Map.entry("tel\u00e9fono", PHONE), Map.entry("telefone", PHONE),
            Map.entry("t\u00e9l\u00e9phone", PHONE), Map.entry("celular", PHONE), Map.entry("m\u00f3vil", PHONE),
            Map.entry("movil", PHONE), Map.entry("portable", PHONE), Map.entry("rufnummer", PHONE),
            Map.entry("mobil", PHONE), Map.entry("mobilnummer", PHONE), Map.entry("handynummer", PHONE),
            Map.entry("call", CALL), Map.entry("ssn", SSN), Map.entry("security", SECURITY), Map.entry("iban", IBAN),
            // phone9: labels of messaging and telecom data
            Map.entry("msisdn", PHONE), Map.entry("sms", PHONE), Map.entry("callto", PHONE), Map.entry("whatsapp", PHONE),
            Map.entry("app", APP), Map.entry("text", TEXT),
            // phone10: the words naming a card (CardDetector's own list until then), read glued only (gluedLabel)
            Map.entry("cc", CARD), Map.entry("pan", CARD), Map.entry("ccn", CARD), Map.entry("card", CARD),
            Map.entry("visa", CARD), Map.entry("amex", CARD), Map.entry("ccnum", CARD), Map.entry("cardno", CARD),
            Map.entry("cardnumber", CARD), Map.entry("creditcard", CARD), Map.entry("mastercard", CARD));

    private static final Set<String> CONNECTORS = Set.of("no", "nr", "num", "number", "nummer", "numero",
            "n\u00famero", "is", "at", "on", "me", "us", "to");

    private static final String GAP = " \t:=#-\"'._>\\";
    private static final int MAX_GAP = 24;

    private LabeledNumbers() {
    }

    static void scan(CharSequence s, boolean phone, boolean ssn, boolean iban, List<Finding> out) {
        if (!phone && !ssn && !iban) {
            return;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!letter(s.charAt(i))) {
                i++;
                continue;
            }
            int e = wordEnd(s, i);
            Integer label = LABELS.get(lower(s.subSequence(i, e).toString()));
            int kind = label == null ? 0 : label;
            if (kind == SECURITY) {
                kind = afterWord(s, i, "social") ? SSN : 0;
            }
            if (kind == APP) {
                kind = afterWord(s, i, "whats") ? PHONE : 0; // "WhatsApp", since phone10 "Whats App", "whats_app"
            }
            String link = i >= 3 ? lower(s.subSequence(i - 3, e).toString()) : "";
            if (link.equals("wa.me") && (i == 3 || !Chars.alnum(s.charAt(i - 4)))) {
                kind = WA_ME; // phone9: WhatsApp's click-to-chat link "https://wa.me/14155550133"
            }
            boolean wanted = (kind == PHONE || kind == CALL || kind == TEXT || kind == WA_ME) && phone || kind == SSN && ssn || kind == IBAN && iban;
            int[] f = wanted ? afterLabel(s, e, kind) : null;
            if (f != null) {
                out.add(new Finding(f[0] == IBAN ? PiiKind.IBAN : f[0] == SSN ? PiiKind.SSN : PiiKind.PHONE, f[1], f[2]));
                i = f[2];
            } else {
                i = e;
            }
        }
    }

    /**
     * The glued reading (phone10, in the engine too): the kind of the word of ASCII letters right before {@code p}
     * (the whole run of ASCII letters, any case), when it is a label read glued (a card's: {@link #CARD}), else 0.
     */
    static int gluedLabel(CharSequence s, int p) {
        int w = p;
        while (w > 0 && Chars.asciiLetter(s.charAt(w - 1))) {
            w--;
        }
        Integer kind = LABELS.get(lower(s.subSequence(w, p).toString()));
        return kind != null && kind == CARD ? CARD : 0;
    }

    static boolean letter(char c) {
        return c < 128 ? Chars.asciiLetter(c) : Character.isLetter(c) || Character.isSurrogate(c);
    }

    /** A word boundary between k - 1 and k inside a run of letters: an upper-case ASCII letter after a lower-case one. */
    private static boolean camel(CharSequence s, int k) {
        return s.charAt(k) >= 'A' && s.charAt(k) <= 'Z' && s.charAt(k - 1) >= 'a' && s.charAt(k - 1) <= 'z';
    }

    private static int wordEnd(CharSequence s, int i) {
        int e = i + 1;
        while (e < s.length() && letter(s.charAt(e)) && !camel(s, e)) {
            e++;
        }
        return e;
    }

    /** ASCII and Latin-1 upper-case letters to lower case. */
    static String lower(String w) {
        StringBuilder b = new StringBuilder(w.length());
        for (char c : w.toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' || c >= '\u00c0' && c <= '\u00de' && c != '\u00d7' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    /** {@code word} as the word before the word at {@code w}, joined by one blank, '_' or '-', or camel case. */
    private static boolean afterWord(CharSequence s, int w, String word) {
        int pe;
        if (w > 0 && letter(s.charAt(w - 1))) {
            pe = w; // camel case: the word started at a case change
        } else if (w > 0 && (s.charAt(w - 1) == ' ' || s.charAt(w - 1) == '_' || s.charAt(w - 1) == '-')) {
            pe = w - 1;
        } else {
            return false;
        }
        int ps = pe - word.length();
        if (ps < 0 || !lower(s.subSequence(ps, pe).toString()).equals(word)) {
            return false;
        }
        // the whole previous word: starts at ps
        return ps == 0 || !letter(s.charAt(ps - 1)) || camel(s, ps);
    }

    /** {kind, start, end} of the number after a label ending at {@code e}, or null. */
    private static int[] afterLabel(CharSequence s, int e, int kind) {
        int n = s.length();
        if (kind == WA_ME) {
            int end = e + 1 < n && s.charAt(e) == '/' ? phone(s, e + 1) : -1;
            return end > 0 ? new int[] {PHONE, e + 1, end} : null;
        }
        if (e < n && Chars.digit(s.charAt(e))) {
            // digit11, in the engine too: a run of 10-15 digits glued to a phone label ("tel4155550133")
            int end = Chars.digitsEnd(s, e);
            return kind == PHONE && end - e >= 10 && end - e <= 15 && ends(s, end) ? new int[] {PHONE, e, end} : null;
        }
        int k = e;
        boolean connector = false;
        boolean addressed = false; // "to", "me" or "us" read: what "text" needs (phone10)
        while (k < n && k - e <= MAX_GAP) {
            char c = s.charAt(k);
            if (GAP.indexOf(c) >= 0) {
                k++;
                continue;
            }
            if (letter(c)) {
                if (kind == IBAN && k > e && GAP.indexOf(s.charAt(k - 1)) >= 0) {
                    int end = iban(s, k);
                    if (end > 0) {
                        return new int[] {IBAN, k, end};
                    }
                }
                int we = wordEnd(s, k);
                if (!CONNECTORS.contains(lower(s.subSequence(k, we).toString()))) {
                    return null;
                }
                connector = true;
                addressed |= Set.of("to", "me", "us").contains(lower(s.subSequence(k, we).toString()));
                k = we;
                continue;
            }
            if (k == e || GAP.indexOf(s.charAt(k - 1)) < 0 || k - e > MAX_GAP) {
                return null; // the number must follow a gap character, at most MAX_GAP after the label
            }
            if (kind == SSN) {
                int end = ssn(s, k);
                return end > 0 ? new int[] {SSN, k, end} : null;
            }
            if (kind == PHONE || kind == CALL && connector || kind == TEXT && addressed) {
                int end = phone(s, k);
                return end > 0 ? new int[] {PHONE, k, end} : null;
            }
            if (kind == TEXT) {
                // digit11, in the engine too: "text" without to/me/us before 1 and a NANP number in one run
                int e2 = Chars.digitsEnd(s, k);
                String d = s.subSequence(k, e2).toString();
                boolean nanp = d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '2' && d.charAt(4) >= '2';
                return nanp && ends(s, e2) ? new int[] {PHONE, k, e2} : null;
            }
            return null;
        }
        return null;
    }

    /** Whether the number ending at {@code e} ends there: no letter or digit after it, nor one of - . / _ and one. */
    private static boolean ends(CharSequence s, int e) {
        int n = s.length();
        if (e < n && Chars.alnum(s.charAt(e))) {
            return false;
        }
        return !(e + 1 < n && "-./_".indexOf(s.charAt(e)) >= 0 && Chars.alnum(s.charAt(e + 1)));
    }

    /**
     * Nine digits with the SSA's rules (no area 000, 666 or 9xx, group 00, serial 0000), in one run or (since phone9)
     * in two or three groups of two or more digits joined by one of {@code space - . /}, the same throughout.
     */
    private static int ssn(CharSequence s, int p) {
        List<String> groups = new java.util.ArrayList<>();
        String seps = "";
        int e = p;
        while (true) {
            int d = Chars.digitsEnd(s, e);
            groups.add(s.subSequence(e, d).toString());
            e = d;
            if (e + 1 < s.length() && " -./".indexOf(s.charAt(e)) >= 0 && Chars.digit(s.charAt(e + 1))
                    && (seps.isEmpty() || seps.charAt(0) == s.charAt(e))) {
                seps += s.charAt(e);
                e++;
                continue;
            }
            break;
        }
        String d = String.join("", groups);
        if (d.length() != 9 || groups.size() > 3 || groups.stream().anyMatch(g -> g.length() < 2) || !ends(s, e)) {
            return -1;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        return area != 0 && area != 666 && area < 900 && !d.substring(3, 5).equals("00") && !d.substring(5).equals("0000")
                ? e : -1;
    }

    /**
     * A chain of 7-15 digits: an optional '+' (and one blank), groups of digits or bracketed digits, joined by one of
     * {@code space - . /} (none after a bracket); not a date (4-2-2 or 2-2-4 joined by one separator) nor a dotted
     * quad (four groups of 1-3 digits joined by dots).
     */
    private static int phone(CharSequence s, int p) {
        int n = s.length();
        int k = p;
        boolean plus = s.charAt(k) == '+';
        if (plus) {
            k++;
            if (k < n && s.charAt(k) == ' ') {
                k++;
            }
        }
        List<Integer> lengths = new java.util.ArrayList<>();
        StringBuilder seps = new StringBuilder();
        boolean brackets = false;
        int digits = 0;
        while (true) {
            boolean bracket = k < n && s.charAt(k) == '(';
            int d = Chars.digitsEnd(s, bracket ? k + 1 : k);
            int len = d - (bracket ? k + 1 : k);
            if (len == 0 || bracket && (d >= n || s.charAt(d) != ')')) {
                return -1;
            }
            brackets |= bracket;
            lengths.add(len);
            digits += len;
            if (digits > 15) {
                return -1;
            }
            k = bracket ? d + 1 : d;
            if (bracket && k < n && (Chars.digit(s.charAt(k)) || s.charAt(k) == '(')) {
                continue;
            }
            if (k + 1 < n && " -./".indexOf(s.charAt(k)) >= 0 && (Chars.digit(s.charAt(k + 1)) || s.charAt(k + 1) == '(')) {
                seps.append(s.charAt(k));
                k++;
                continue;
            }
            break;
        }
        if (digits < 7 || !ends(s, k)) {
            return -1;
        }
        boolean oneSep = seps.length() > 0 && seps.chars().allMatch(c -> c == seps.charAt(0));
        if (!plus && !brackets && lengths.size() == 3 && oneSep && seps.charAt(0) != ' '
                && (lengths.equals(List.of(4, 2, 2)) || lengths.equals(List.of(2, 2, 4)))) {
            return -1; // a date
        }
        if (!plus && !brackets && lengths.size() == 4 && oneSep && seps.charAt(0) == '.'
                && lengths.stream().allMatch(l -> l <= 3)) {
            return -1; // an IPv4 address
        }
        return k;
    }

    /**
     * A lower- or mixed-case IBAN in one run: two letters of an IBAN country, two digits, letters and digits to the
     * country's length, then no letter or digit; mod-97 valid (upper-case ones are IbanDetector's already).
     */
    private static int iban(CharSequence s, int p) {
        int n = s.length();
        int e = p;
        while (e < n && e - p <= 34 && Chars.alnum(s.charAt(e)) && s.charAt(e) < 128) {
            e++;
        }
        if (e - p < 15 || e - p > 34 || Chars.digitGlueAt(s, e)) { // IbanDetector's end: a CJK letter or '-' may follow
            return -1;
        }
        String v = s.subSequence(p, e).toString().toUpperCase(java.util.Locale.ROOT);
        if (!Chars.asciiLetter(v.charAt(0)) || !Chars.asciiLetter(v.charAt(1)) || !Chars.digit(v.charAt(2))
                || !Chars.digit(v.charAt(3)) || IbanDetector.length(v.charAt(0), v.charAt(1)) != v.length()) {
            return -1;
        }
        String moved = v.substring(4) + v.substring(0, 4);
        java.math.BigInteger number = new java.math.BigInteger(moved.chars()
                .mapToObj(c -> Chars.digit((char) c) ? String.valueOf((char) c) : String.valueOf(c - 'A' + 10))
                .reduce("", String::concat));
        return number.mod(java.math.BigInteger.valueOf(97)).intValue() == 1 ? e : -1;
    }
}
