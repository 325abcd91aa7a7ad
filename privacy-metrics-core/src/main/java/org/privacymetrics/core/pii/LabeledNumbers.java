package org.privacymetrics.core.pii;

/**
 * Numbers right after a label that names their family (since 2026-12-03, branch label8; the same in the reference
 * engine): without the label they are ambiguous and not reported (a 7-digit local number, nine bare digits, a
 * lower-case IBAN in one run), with it they are.
 * <ul>
 *   <li><b>labels</b> (a word: a run of letters, also split where an upper-case ASCII letter follows a lower-case one,
 *       so {@code phoneNumber} is two words and {@code phone_count} ends with {@code count}; any case, Latin-1 accents
 *       as written): phone numbers {@code phone telephone tel mobile mob cell cellphone fax telefax handy telefon
 *       telefonnummer telefono teléfono telefone téléphone celular móvil movil portable rufnummer mobil mobilnummer
 *       handynummer}, since phone9 {@code msisdn sms callto whatsapp} and {@code App} after {@code Whats}
 *       ({@code WhatsApp}; since phone10 also joined by one blank, {@code _} or {@code -}: {@code whats_app}), and {@code wa.me} before a {@code /} (no gap: {@code https://wa.me/14155550133}), and
 *       {@code call} when a connector word follows ({@code call me at …}, not {@code call 3 of 12}), since phone10
 *       {@code text} when {@code to}, {@code me} or {@code us} follows ({@code text to …}, not {@code text 1234567};
 *       since digit11 without them before {@code 1} and a NANP number in one run: {@code text 14155550133});
 *       SSNs {@code ssn} and {@code social security}; IBANs {@code iban};</li>
 *   <li><b>the gap</b> between label and number: at most 24 characters of {@code space tab : = # - " ' . _ > \}
 *       and the connector words {@code no nr num number nummer numero número is at on me us}, since phone10 {@code to}, ending with one of those
 *       characters ({@code phone: …}, {@code "phone": "…"}, {@code tel. no. …}, {@code phone number is …},
 *       {@code mobile=…}); any other word ends it ({@code phone count 1234567}, {@code SSN length 9});</li>
 *   <li><b>the number</b>, followed by no letter or digit, nor by one of {@code - . / _} and one: a phone number is
 *       a chain of 7-15 digits, an optional {@code +} (and one blank) first, groups of digits or bracketed digits
 *       joined by one of {@code space - . /} (nothing needed after a bracket), not a date ({@code 2026-12-03},
 *       {@code 03.12.2026}) nor a dotted quad; an SSN nine digits with the SSA's rules, in one run or since phone9 in
 *       2-3 groups of two or more digits joined by one of {@code space - . /}, the same throughout
 *       ({@code 123 456 789}); since digit11 a run of 10-15 digits also glued to a phone label (the
 *       labels of kind phone: {@code tel4155550133}, not {@code hotel…}, {@code call…}, {@code text…}); an IBAN two letters
 *       of an IBAN country, two digits, and letters and digits in one run to the country's length, any case,
 *       mod-97 valid.</li>
 * </ul>
 * <p>
 * <b>Linear, and cheap where there is no label.</b> One forward pass; a position is looked at more closely only where
 * it and the two characters before are three letters that end a label ({@code LABEL_END}: {@code one tel ile mob ell
 * fax ndy fon mer ono lar vil ble bil all ssn ity ban sdn sms lto app ext}, any case, or a dot and {@code me}) and a gap character or a camel-case word follows, so digit-dense text (no letters:
 * {@code (415) 555-0133}, {@code 4 4 4}) and text of other scripts cost one table lookup per character, and prose one
 * more compare at a few word ends. There the word is read back at most 13 characters (the longest label) and compared
 * with the labels of its length; only after a label is the gap read forward (at most 24 characters, connector words
 * at most 7 letters) and the number (at most 16 digits with their separators and brackets, or 35 characters of an
 * IBAN). So each position costs a bounded amount of work, and the scan resumes after a number found. (A pass that
 * looks back from every place a number can start costs more on digit-dense text: a visit at every digit run.) Since
 * 2026-12-04, night, the walk reads only the words within {@link #REACH} characters before a digit (every finding's
 * first digit is that close to its label): it jumps from there to the next digit, so a long value with a few digits
 * costs a walk of the words before them, not of all its words (LabeledNumbersReachTest checks the findings are those
 * of the walk over every word, {@link #scanEveryWord}).
 */
final class LabeledNumbers {

    private static final int PHONE = 1;
    private static final int CALL = 2; // a phone label that needs a connector word
    private static final int SSN = 3;
    private static final int IBAN = 4;
    private static final int SECURITY = 5; // "security" after "social": an SSN label
    private static final int APP = 7; // "App" of "WhatsApp": a phone label after "Whats" (phone9)
    private static final int WA_ME = 6; // "me" of "wa.me/": WhatsApp's click-to-chat link, the number after '/' (phone9)
    private static final int TEXT = 8; // "text": a phone label when "to", "me" or "us" follows (phone10: "text to …")
    /** A word naming a card: read only glued right before a card number ({@link #gluedLabel}, since phone10). */
    static final int CARD = 9;

    private static final int MAX_LABEL = 13;
    private static final int MAX_GAP = 24;

    /** Labels by length, and their kinds. */
    private static final String[][] LABELS = new String[MAX_LABEL + 1][];
    private static final int[][] KINDS = new int[MAX_LABEL + 1][];

    private static final String[] CONNECTORS = {"no", "nr", "num", "number", "nummer", "numero", "n\u00famero", "is",
        "at", "on", "me", "us", "to"};

    /**
     * The last three letters of a label, any case: at {@code CODE[prev] << 5 | CODE[last]} (the last two, all ASCII: {@code ne} of
     * phone, {@code el} of tel, {@code no} of teléfono, …) the letters that may come before them, one bit each
     * ({@code a} to {@code z}: the last three letters of every label are ASCII); 0 where no label ends.
     */
    private static final int[] LABEL_END = new int[32 * 32];

    /** The bit of {@link #LABEL_END} for a dot before the last two letters ({@code wa.me}, since phone9). */
    private static final int DOT_BIT = 1 << 26;

    /** A letter's index into {@link #LABEL_END}: 1-26 for {@code a} to {@code z} (either case), 0 for other characters. */
    private static final byte[] CODE = new byte[128];

    /** The first letters of the connector words, either case (a word that starts otherwise ends the gap at once). */
    private static final boolean[] CONNECTOR_FIRST = new boolean[128];

    /** Characters of the gap between a label and its number. */
    private static final boolean[] GAP = new boolean[128];

    static {
        String[] words = {"phone", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "fax", "telefax", "handy",
            "telefon", "telefonnummer", "telefono", "tel\u00e9fono", "telefone", "t\u00e9l\u00e9phone", "celular",
            "m\u00f3vil", "movil", "portable", "rufnummer", "mobil", "mobilnummer", "handynummer", "call", "ssn",
            "security", "iban", "msisdn", "sms", "callto", "whatsapp", "app", "text",
            // since phone10 (until then CardDetector's own list, s10): words naming a card, read glued (gluedLabel)
            "cc", "pan", "ccn", "card", "visa", "amex", "ccnum", "cardno", "cardnumber", "creditcard", "mastercard"};
        int[] kinds = new int[words.length];
        boolean cards = false;
        for (int j = 0; j < words.length; j++) {
            cards |= words[j].equals("cc"); // the words naming a card, from "cc" on
            kinds[j] = cards ? CARD : switch (words[j]) { // by the word, not by its place in the list
                case "call" -> CALL;
                case "ssn" -> SSN;
                case "security" -> SECURITY;
                case "iban" -> IBAN;
                case "app" -> APP;
                case "text" -> TEXT;
                default -> PHONE;
            };
        }
        for (int len = 0; len <= MAX_LABEL; len++) {
            int count = 0;
            for (String w : words) {
                count += w.length() == len ? 1 : 0;
            }
            LABELS[len] = new String[count];
            KINDS[len] = new int[count];
            int k = 0;
            for (int j = 0; j < words.length; j++) {
                if (words[j].length() == len) {
                    LABELS[len][k] = words[j];
                    KINDS[len][k++] = kinds[j];
                }
            }
        }
        for (char c = 'a'; c <= 'z'; c++) {
            CODE[c] = (byte) (c - 'a' + 1);
            CODE[c - 32] = (byte) (c - 'a' + 1);
        }
        for (int j = 0; j < words.length; j++) {
            if (kinds[j] == CARD) {
                continue; // read glued only, from the number (gluedLabel): no gap reading looks for them
            }
            String w = words[j];
            char q = w.charAt(w.length() - 3); // every label read before a gap has three letters or more
            char p = w.charAt(w.length() - 2);
            char c = w.charAt(w.length() - 1);
            LABEL_END[(p - 'a' + 1) << 5 | c - 'a' + 1] |= 1 << q - 'a'; // ASCII letters, any case by CODE
        }
        LABEL_END[CODE['m'] << 5 | CODE['e']] |= DOT_BIT; // ".me" of "wa.me/" (phone9)
        for (char c : " \t:=#-\"'._>\\".toCharArray()) {
            GAP[c] = true;
        }
        for (String w : CONNECTORS) {
            CONNECTOR_FIRST[w.charAt(0)] = true;
            CONNECTOR_FIRST[Character.toUpperCase(w.charAt(0))] = true;
        }
    }

    private LabeledNumbers() {
    }

    static void scan(char[] s, boolean phone, boolean ssn, boolean iban, Findings out) {
        scan(s, DigitMap.of(s), phone, ssn, iban, out);
    }

    /** {@link #scan(char[], boolean, boolean, boolean, Findings)} with the map of {@code s}'s digits, built once. */
    static void scan(char[] s, DigitMap map, boolean phone, boolean ssn, boolean iban, Findings out) {
        int n = s.length - 1; // a label's last letter needs a character after it
        int digit = -1; // the first digit after the position looked at (every finding holds one)
        for (int i = 2; i < n; i++) {
            // Only labels within REACH before a digit are read (since 2026-12-04, night): the walk from word to word
            // jumps to REACH before the next digit and stops at it, so a long value with a few digits costs a walk of
            // the words before them, not of all its words (the budget charges the digits, not the walk they turned on).
            if (digit <= i) {
                digit = map.nextDigit(i + 1);
                if (digit >= s.length) {
                    return; // no digit after i: no number to find
                }
            }
            i = labelEnd(s, Math.max(i, digit - REACH), Math.min(n, digit));
            if (i >= Math.min(n, digit)) {
                continue; // no label before the digit: on after it
            }
            i = step(s, i, phone, ssn, iban, out);
            if (i < 0) {
                return; // over the work budget
            }
        }
    }

    /**
     * Every finding's first digit lies at most this far after its label's last letter: the gap is at most
     * {@link #MAX_GAP} characters after the letter after the label, then a {@code +}, a blank and a bracket at most, or
     * an IBAN's two letters, before a digit.
     */
    static final int REACH = MAX_GAP + 8;

    /**
     * The scan as before 2026-12-04, night: the walk reads every word of the value, wherever its digits are. The
     * oracle of {@code LabeledNumbersReachTest}.
     */
    static void scanEveryWord(char[] s, boolean phone, boolean ssn, boolean iban, Findings out) {
        int n = s.length - 1;
        for (int i = 2; (i = labelEnd(s, i, n)) < n; i++) {
            i = step(s, i, phone, ssn, iban, out);
            if (i < 0) {
                return;
            }
        }
    }

    /**
     * Reads the label ending at {@code i} and, if it names a requested family, the number after it.
     *
     * @return where the scan goes on (the label's end, or the end of the number found minus one: no word ends inside a
     *     number or runs on after it), or -1 when the work budget ran out (the value is masked whole, PiiScanner)
     */
    private static int step(char[] s, int i, boolean phone, boolean ssn, boolean iban, Findings out) {
        int e = i + 1;
        long found = labelAt(s, e);
        int w = (int) (found >>> 32);
        int kind = (int) found;
        if (!out.spend(kind == 0 ? WorkBudget.LOOK : WorkBudget.LABEL)) {
            return -1;
        }
        if (kind == SECURITY) {
            kind = afterWord(s, w, "social") ? SSN : 0;
        }
        if (kind == APP) {
            kind = afterWord(s, w, "whats") ? PHONE : 0; // "WhatsApp", since phone10 "Whats App", "whats_app"
        }
        if (kind == 0 || !((kind == PHONE || kind == CALL || kind == TEXT || kind == WA_ME) && phone || kind == SSN && ssn || kind == IBAN && iban)) {
            return i;
        }
        long f = afterLabel(s, e, kind, out);
        if (out.overBudget()) {
            return -1;
        }
        if (f < 0) {
            return i;
        }
        int end = (int) f;
        out.add(kind == IBAN ? PiiKind.IBAN : kind == SSN ? PiiKind.SSN : PiiKind.PHONE, (int) (f >>> 32), end);
        return end - 1;
    }

    /**
     * The first {@code i} from {@code from} (at least 2) below {@code n} where {@code s[i - 2, i + 1)} are the last
     * three letters of a label ({@link #LABEL_END}) and a gap character or a camel-case word follows (what afterLabel
     * needs at {@code i + 1}); or {@code n}. A small loop of its own, so that it is compiled tight.
     * <p>
     * Since branch digit11 the loop walks the character after the label, {@code k = i + 1}, and tests a position only
     * where {@code s[k]} may follow a label ({@link #STEP} 0: a gap character, {@code /} or an upper-case letter):
     * prose costs one lookup per letter, and the letter pairs of its words are read only before a blank or a
     * punctuation mark (since label8 every letter looked its pair up, and common pairs, {@code ne er on an}, led to
     * more reads). Where {@code s[k]} can be none of the three characters {@code s[i - 2, i + 1)} of a later label (all
     * ASCII letters, or a dot first: {@code wa.me}), the walk jumps past it: a character that is no ASCII letter nor a
     * dot is before {@code i - 2} of every later {@code i}, so the next {@code k} that may follow a label is
     * {@code k + 4} (a dot: {@code k + 3}); digit-dense text and other scripts are walked four characters a step.
     * Each position is tested at most once, in O(1).
     */
    private static int labelEnd(char[] s, int from, int n) {
        byte[] step = STEP;
        for (int k = from + 1; k <= n; ) {
            char d = s[k];
            int j = d < 128 ? step[d] : 4;
            if (j == 1) {
                k++; // a lower-case letter, the most common case, first (a run of them was 2.5 ns a character)
                continue;
            }
            if (j != 0) {
                // a lower-case letter (1), other symbol or non-ASCII character (4), a digit after no ASCII letter (5,
                // stepped as 4): no label ends at k - 1
                char b = s[k - 1];
                if (j != 5 || b >= 128 || CODE[b] == 0) {
                    k += j == 5 ? 4 : j;
                    continue;
                }
            }
            int i = k - 1;
            char c = s[i];
            char p = s[i - 1];
            char q = s[i - 2];
            // LABEL_END is 0 where c or p is no ASCII letter (CODE 0), BEFORE where q is neither one nor a dot
            if (c < 128 && p < 128 && q < 128 && (LABEL_END[CODE[p] << 5 | CODE[c]] & BEFORE[q]) != 0
                    && (d > 'Z' || d < 'A' || c >= 'a')) {
                return i;
            }
            k += d >= 'A' && d <= 'Z' ? 1 : d == '.' ? 3 : 4; // an upper-case letter may be a label's letter; a dot its first
        }
        return n;
    }

    /**
     * The step of {@link #labelEnd} at an ASCII character {@code s[k]}: 0 where it may follow a label (a gap character,
     * {@code /}, an upper-case letter), 1 for a lower-case letter (it may be a label's last letter), since digit11 5 for a
     * digit (it may follow a label when an ASCII letter is before it, else it is stepped as 4), 4 for others.
     */
    private static final byte[] STEP = new byte[128];

    static {
        java.util.Arrays.fill(STEP, (byte) 4);
        for (char c = 'a'; c <= 'z'; c++) {
            STEP[c] = 1;
            STEP[c - 32] = 0;
        }
        for (char c : " \t:=#-\"'._>\\/".toCharArray()) {
            STEP[c] = 0;
        }
        for (char c = '0'; c <= '9'; c++) {
            STEP[c] = 5; // a digit after an ASCII letter may follow a label: a phone number glued to it (digit11, gluedPhone)
        }
    }

    /**
     * The bit of {@link #LABEL_END} of an ASCII letter ({@code a} to {@code z}, either case), {@link #DOT_BIT} for
     * {@code .} ({@code wa.me}), 0 for other characters.
     */
    private static final int[] BEFORE = new int[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            BEFORE[c] = 1 << c - 'a';
            BEFORE[c - 32] = 1 << c - 'a';
        }
        BEFORE['.'] = DOT_BIT;
    }

    private static boolean letter(char c) {
        return c < 128 ? Chars.asciiLetter(c) : Chars.isU(c, Chars.U_LETTER);
    }

    /** A word boundary between k - 1 and k inside a run of letters: an upper-case ASCII letter after a lower-case one. */
    private static boolean camel(char[] s, int k) {
        return Chars.upper(s[k]) && s[k - 1] >= 'a' && s[k - 1] <= 'z';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' || c >= '\u00c0' && c <= '\u00de' && c != '\u00d7' ? (char) (c + 32) : c;
    }

    private static boolean is(char[] s, int a, int e, String word) {
        if (e - a != word.length()) {
            return false;
        }
        for (int k = a; k < e; k++) {
            if (lower(s[k]) != word.charAt(k - a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The label word ending at {@code e}, whose last three characters are those of a label ({@link #labelEnd}): its
     * start and kind packed, or kind 0. The word is a run of letters that starts the text, follows no letter or starts
     * at a case change ({@link #camel}), with no case change inside; only the labels ending in the same three letters
     * are compared ({@link #ENDING}: one for {@code ssn}, at most five), each from the end back, so a stop costs one
     * table look-up and at most a few short compares (since 2026-12-04: reading the word back and comparing every
     * label of its length cost about 15 ns a stop, and {@code ssn ssn …} at the budget's edge 4.6x plain text).
     * {@code me} after a dot is {@code wa.me} ({@link #waMe}).
     */
    private static long labelAt(char[] s, int e) {
        char q = s[e - 3];
        if (q == '.') {
            return waMe(s, e - 2) ? (long) (e - 2) << 32 | WA_ME : 0;
        }
        int g = ENDING[CODE[q] << 10 | CODE[s[e - 2]] << 5 | CODE[s[e - 1]]];
        for (int j = g >>> 3, last = j + (g & 7); j < last; j++) {
            int c = CANDIDATES[j];
            int w = e - (c >>> 4 & 0xff);
            if (w >= 0 && word(s, w, e, c >>> 12)) {
                return (long) w << 32 | c & 15;
            }
        }
        return 0;
    }

    /**
     * Whether {@code s[w, e)} is the label at {@code at} in {@link #LETTERS} as a whole word: no letter before it but at
     * a case change, no case change inside, and the same letters in any case (its last three, ASCII, are those of the
     * group: compared by {@link #ENDING} already).
     */
    private static boolean word(char[] s, int w, int e, int at) {
        if (w > 0 && letter(s[w - 1]) && !camel(s, w)) {
            return false;
        }
        for (int k = e - 1; k > w; k--) {
            if (camel(s, k)) {
                return false;
            }
        }
        char[] letters = LETTERS;
        for (int k = e - 4; k >= w; k--) {
            if (lower(s[k]) != letters[at + k - w]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The labels read before a gap, grouped by their last three letters: {@link #ENDING} maps the letters' codes
     * ({@link #CODE}, five bits each) to a group, {@code first << 3 | count} of its entries in {@link #CANDIDATES}, 0
     * for none; an entry packs a label's place in {@link #LETTERS} ({@code << 12}), its length ({@code << 4}) and its
     * kind (at most five labels end alike: {@code phone telephone cellphone telefone téléphone}).
     */
    private static final short[] ENDING = new short[1 << 15];
    private static final int[] CANDIDATES;
    /** The labels read before a gap, one after another, lower case. */
    private static final char[] LETTERS;

    static {
        java.util.Map<Integer, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
        StringBuilder letters = new StringBuilder();
        for (int len = 3; len <= MAX_LABEL; len++) {
            for (int j = 0; j < LABELS[len].length; j++) {
                if (KINDS[len][j] == CARD) {
                    continue; // read glued only (gluedLabel)
                }
                String w = LABELS[len][j];
                int code = CODE[w.charAt(len - 3)] << 10 | CODE[w.charAt(len - 2)] << 5 | CODE[w.charAt(len - 1)];
                groups.computeIfAbsent(code, x -> new java.util.ArrayList<>()).add(letters.length() << 12 | len << 4 | KINDS[len][j]);
                letters.append(w);
            }
        }
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (var g : groups.entrySet()) {
            if (g.getValue().size() > 7) {
                throw new IllegalStateException("more than 7 labels end in the same three letters");
            }
            ENDING[g.getKey()] = (short) (all.size() << 3 | g.getValue().size());
            all.addAll(g.getValue());
        }
        CANDIDATES = all.stream().mapToInt(Integer::intValue).toArray();
        LETTERS = letters.toString().toCharArray();
    }

    /** The kind of the label {@code s[w, e)}, or 0. */
    private static int label(char[] s, int w, int e) {
        String[] words = LABELS[e - w];
        for (int k = 0; k < words.length; k++) {
            if (is(s, w, e, words[k])) {
                return KINDS[e - w][k];
            }
        }
        return 0;
    }

    /**
     * {@code word} (lower case) as the word before the word at {@code w}, joined by one blank, '_' or '-', or camel
     * case ({@code social security}, since phone10 also {@code whats app}, {@code whats_app}). O(1): reads at most
     * {@code word.length() + 2} characters back.
     */
    private static boolean afterWord(char[] s, int w, String word) {
        int pe;
        if (w > 0 && letter(s[w - 1])) {
            pe = w; // the word started at a case change
        } else if (w > 0 && (s[w - 1] == ' ' || s[w - 1] == '_' || s[w - 1] == '-')) {
            pe = w - 1;
        } else {
            return false;
        }
        int ps = pe - word.length();
        return ps >= 0 && is(s, ps, pe, word) && (ps == 0 || !letter(s[ps - 1]) || camel(s, ps));
    }

    /**
     * The glued reading (since phone10): the kind of the label written right before {@code p} with nothing between
     * (a word of ASCII letters, any case, that starts the text or follows no ASCII letter: {@code card4111…},
     * {@code CC5500…}, {@code cardNumber4111…}; not {@code mycard4111…}), or 0. Only the card labels are read so
     * ({@link #CARD}): a card number is checked by Luhn and issuer ranges (CardDetector.labelled), while a phone
     * number, SSN or IBAN glued to letters is an id as likely ({@code ibanDE89…} is IbanDetector's upper-case rule).
     * Reads at most 11 characters back.
     */
    static int gluedLabel(char[] s, int p) {
        int w = p;
        while (w > 0 && p - w <= 10 && Chars.asciiLetter(s[w - 1])) {
            w--;
        }
        if (w == p || p - w > 10 || w > 0 && Chars.asciiLetter(s[w - 1])) {
            return 0;
        }
        return label(s, w, p) == CARD ? CARD : 0;
    }

    /**
     * {@code wa.me} ending at {@code w + 2}, any case, no letter or digit before it ({@code https://wa.me/…}): the
     * number follows the {@code /} (phone9). O(1).
     */
    private static boolean waMe(char[] s, int w) {
        return w >= 3 && s[w - 1] == '.' && is(s, w - 3, w - 1, "wa") && is(s, w, w + 2, "me")
                && (w == 3 || !Chars.alnum(s[w - 4]));
    }

    /** The number after a label of {@code kind} ending at {@code e}: start and end packed, or -1. */
    private static long afterLabel(char[] s, int e, int kind, Findings out) {
        int n = s.length;
        if (kind == WA_ME) {
            int end = e + 1 < n && s[e] == '/' ? phone(s, e + 1) : -1;
            return end > 0 ? (long) (e + 1) << 32 | end : -1;
        }
        if (Chars.digit(s[e])) {
            return kind == PHONE ? gluedPhone(s, e) : -1;
        }
        int k = e;
        boolean connector = false;
        boolean addressed = false; // a connector "to", "me" or "us" read (what TEXT needs, phone10)
        while (k < n && k - e <= MAX_GAP) {
            char c = s[k];
            if (c < 128 && GAP[c]) {
                k++;
                continue;
            }
            if (letter(c)) {
                if (kind == IBAN && k > e && s[k - 1] < 128 && GAP[s[k - 1]]) {
                    if (!out.spend(WorkBudget.LABEL)) {
                        return -1; // the IBAN's run is read as a word is
                    }
                    int end = iban(s, k);
                    if (end > 0) {
                        return (long) k << 32 | end;
                    }
                }
                if (c >= 128 || !CONNECTOR_FIRST[c] || !out.spend(WorkBudget.LABEL)) {
                    return -1; // no connector starts so ("ssn ssn ssn …": each label reads one letter of the next)
                }
                int we = k + 1; // a connector word has at most 6 letters: read at most 7
                while (we < n && we - k <= 6 && letter(s[we]) && !camel(s, we)) {
                    we++;
                }
                if (we < n && letter(s[we]) && !camel(s, we) || !connector(s, k, we)) {
                    return -1;
                }
                connector = true;
                addressed |= is(s, k, we, "to") || is(s, k, we, "me") || is(s, k, we, "us");
                k = we;
                continue;
            }
            if (k == e || s[k - 1] >= 128 || !GAP[s[k - 1]]) {
                return -1;
            }
            int end = kind == SSN ? ssn(s, k)
                    : kind == PHONE || kind == CALL && connector || kind == TEXT && addressed ? phone(s, k)
                    : kind == TEXT ? nanpWithOne(s, k) : -1;
            return end > 0 ? (long) k << 32 | end : -1;
        }
        return -1;
    }

    /**
     * A phone number glued to a phone label (since branch digit11, the same in the reference engine:
     * {@code tel4155550133}, {@code Phone+14155550133}, {@code myTel4155550133}; {@code hotel4155550133} is no label): a
     * run of 10-15 digits, then no letter or digit, nor one of {@code - . / _} and one (a glued seven-digit number,
     * or a chain after a glued digit, is an id as likely: {@code tel5550133}, {@code WhatsApp2 4155550133} stay
     * plain). Reads the digit run (and two characters after it).
     */
    private static long gluedPhone(char[] s, int e) {
        int end = Chars.digitsEnd(s, e);
        return end - e >= 10 && end - e <= 15 && ends(s, end) ? (long) e << 32 | end : -1;
    }

    /**
     * After {@code text} without {@code to}, {@code me} or {@code us} (since branch digit11, the same in the reference
     * engine): a NANP number with its country code in one run, {@code 1}, an area and an exchange from 2-9
     * ({@code text 14155550133}); counts and years after {@code text} ({@code text 2026}, {@code text 12345},
     * {@code text 1234567}) and ten-digit ids or timestamps ({@code text 1733212800}) stay plain. O(1).
     */
    private static int nanpWithOne(char[] s, int k) {
        int e = k + 11;
        return s[k] == '1' && Chars.digitsEnd(s, k) == e && s[k + 1] >= '2' && s[k + 4] >= '2' && ends(s, e) ? e : -1;
    }

    private static boolean connector(char[] s, int a, int b) {
        if (b - a >= CONNECTORS_BY_LENGTH.length) {
            return false;
        }
        for (String w : CONNECTORS_BY_LENGTH[b - a]) { // those of the word's length only ("tel tel …" compares one)
            if (is(s, a, b, w)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #CONNECTORS} by length. */
    private static final String[][] CONNECTORS_BY_LENGTH = new String[8][];

    static {
        for (int len = 0; len < CONNECTORS_BY_LENGTH.length; len++) {
            final int l = len;
            CONNECTORS_BY_LENGTH[len] = java.util.Arrays.stream(CONNECTORS).filter(w -> w.length() == l).toArray(String[]::new);
        }
    }

    /** Whether a number ending at {@code e} ends there: no letter or digit after it, nor one of - . / _ and one. */
    private static boolean ends(char[] s, int e) {
        int n = s.length;
        if (e < n && Chars.alnum(s[e])) {
            return false;
        }
        return !(e + 1 < n && (s[e] == '-' || s[e] == '.' || s[e] == '/' || s[e] == '_') && Chars.alnum(s[e + 1]));
    }

    /**
     * Nine digits, with the SSA's rules (no area 000, 666 or 9xx, group 00, serial 0000): in one run, or since phone9
     * in two or three groups of two digits or more joined by one of {@code space - . /}, the same throughout
     * ({@code 123 456 789}, {@code 123.456.789}, {@code 12345-6789}; a fourth group or a tenth digit: none). Reads at
     * most ten digits and four separators.
     */
    private static int ssn(char[] s, int p) {
        int n = s.length;
        char[] d = new char[9];
        int digits = 0;
        int groups = 0;
        char sep = 0;
        int k = p;
        while (true) {
            int e = Chars.digitsEnd(s, k);
            if (e - k < 2 || digits + e - k > 9) {
                return -1;
            }
            for (int j = k; j < e; j++) {
                d[digits++] = s[j];
            }
            groups++;
            k = e;
            if (k + 1 < n && (sep == 0 ? ssnSeparator(s[k]) : s[k] == sep) && Chars.digit(s[k + 1])) {
                sep = s[k];
                k++;
                continue;
            }
            break;
        }
        if (digits != 9 || groups > 3 || !ends(s, k)) {
            return -1;
        }
        int area = (d[0] - '0') * 100 + (d[1] - '0') * 10 + d[2] - '0';
        boolean group = d[3] != '0' || d[4] != '0';
        boolean serial = d[5] != '0' || d[6] != '0' || d[7] != '0' || d[8] != '0';
        return area != 0 && area != 666 && area < 900 && group && serial ? k : -1;
    }

    private static boolean ssnSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/';
    }

    /**
     * A chain of 7-15 digits from {@code p}: an optional '+' (and one blank), groups of digits or bracketed digits
     * joined by one of {@code space - . /} (none needed after a bracket); not a date (4-2-2 or 2-2-4 joined by one
     * separator other than a blank) nor a dotted quad (four groups of 1-3 digits joined by dots). Reads at most 16
     * digits and their separators.
     */
    private static int phone(char[] s, int p) {
        int n = s.length;
        int k = p;
        boolean plus = s[k] == '+';
        if (plus) {
            k++;
            if (k < n && s[k] == ' ') {
                k++;
            }
        }
        boolean brackets = false;
        int groups = 0;
        int shape = 0; // the lengths of the first four groups, 4 bits each (groups of 15 or more read as 15)
        int longest = 0;
        char sep = 0;
        boolean oneSep = true;
        int digits = 0;
        while (true) {
            boolean bracket = k < n && s[k] == '(';
            int a = bracket ? k + 1 : k;
            int d = Chars.digitsEnd(s, a);
            int len = d - a;
            if (len == 0 || bracket && (d >= n || s[d] != ')')) {
                return -1;
            }
            brackets |= bracket;
            if (groups < 4) {
                shape |= Math.min(len, 15) << 4 * groups;
            }
            groups++;
            longest = Math.max(longest, len);
            digits += len;
            if (digits > 15) {
                return -1;
            }
            k = bracket ? d + 1 : d;
            if (bracket && k < n && (Chars.digit(s[k]) || s[k] == '(')) {
                continue;
            }
            if (k + 1 < n && (s[k] == ' ' || s[k] == '-' || s[k] == '.' || s[k] == '/')
                    && (Chars.digit(s[k + 1]) || s[k + 1] == '(')) {
                if (sep == 0) {
                    sep = s[k];
                } else if (s[k] != sep) {
                    oneSep = false;
                }
                k++;
                continue;
            }
            break;
        }
        if (digits < 7 || !ends(s, k)) {
            return -1;
        }
        boolean plain = !plus && !brackets && sep != 0 && oneSep;
        if (plain && groups == 3 && sep != ' ' && (shape == (4 | 2 << 4 | 2 << 8) || shape == (2 | 2 << 4 | 4 << 8))) {
            return -1; // a date
        }
        if (plain && groups == 4 && sep == '.' && longest <= 3) {
            return -1; // a dotted quad
        }
        return k;
    }

    /**
     * A lower- or mixed-case IBAN in one run at {@code p}: two letters of an IBAN country, two digits, letters and
     * digits to the country's length, then no letter or digit (as IbanDetector ends an IBAN: a CJK letter, or {@code - . / _}
     * and more, may follow; since branch fold9, which left the lower-case run after {@code iban} to this rule alone);
     * mod-97 valid. Reads at most 35 characters.
     */
    private static int iban(char[] s, int p) {
        int n = s.length;
        int e = p;
        while (e < n && e - p <= 34 && s[e] < 128 && Chars.alnum(s[e])) {
            e++;
        }
        if (e - p < 15 || e - p > 34 || Chars.digitGlueAt(s, e)) { // IbanDetector's end (since fold9: its label rule's)
            return -1;
        }
        char c0 = (char) (s[p] & ~0x20);
        char c1 = (char) (s[p + 1] & ~0x20);
        if (!Chars.asciiLetter(s[p]) || !Chars.asciiLetter(s[p + 1]) || !Chars.digit(s[p + 2]) || !Chars.digit(s[p + 3])
                || IbanDetector.length(c0, c1) != e - p) {
            return -1;
        }
        long r = 0; // the BBAN, then the moved country code and check digits, mod 97
        for (int k = p + 4; k < e; k++) {
            r = digitsOf(r, s[k]);
        }
        for (int k = p; k < p + 4; k++) {
            r = digitsOf(r, s[k]);
        }
        return r == 1 ? e : -1;
    }

    /** {@code r} with the digit or letter {@code c} (10-35, any case) appended, mod 97. */
    private static long digitsOf(long r, char c) {
        return Chars.digit(c) ? (r * 10 + c - '0') % 97 : (r * 100 + (c & ~0x20) - 'A' + 10) % 97;
    }
}
