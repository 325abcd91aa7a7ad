package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PII written with look-alike characters (full-width forms, digits of other scripts, other dashes, dots and spaces) or
 * with invisible characters inside is found like its ASCII spelling, and masked over the original characters.
 */
class FoldTest {

    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestSeed.of(FoldTest.class);
    }

    @Test
    void asciiIsNeverChanged() {
        for (char c = 0; c < 128; c++) {
            assertThat(Fold.map(c)).isEqualTo(c);
        }
        char[] ascii = "mail jane@example.org from 203.0.113.5".toCharArray();
        assertThat(Fold.hasNonAscii(ascii)).isFalse();
    }

    @Test
    void everyDecimalDigitReadsAsItsValueAndFullWidthAsAscii() {
        int digits = 0;
        for (int c = 128; c < 65536; c++) {
            if (Character.getType((char) c) == Character.DECIMAL_DIGIT_NUMBER) {
                assertThat(Fold.map((char) c)).as("U+%04X", c).isEqualTo((char) ('0' + Character.digit((char) c, 10)));
                digits++;
            }
        }
        assertThat(digits).as("decimal digits outside ASCII in the BMP").isGreaterThan(300);
        for (char c = '\uFF01'; c <= '\uFF5D'; c++) {
            assertThat(Fold.map(c)).isEqualTo((char) (c - 0xFEE0));
        }
        assertThat(Fold.map('\uFF5E')).isEqualTo('-'); // the full-width tilde is typed for a wave dash: 03～1234～5678
        assertThat(Fold.map('é')).isEqualTo('é'); // letters of other scripts stay: Unicode e-mail addresses
        assertThat(Fold.map('中')).isEqualTo('中');
    }

    @Test
    void invisibleCharactersAreLeftOut() {
        for (char c : new char[] {'\u200B', '\u200C', '\u200D', '\u00AD', '\u2060', '\uFEFF', '\u200E', '\u202E', '\u0301', '\u20DD'}) {
            assertThat(Fold.map(c)).as("U+%04X", (int) c).isEqualTo(Fold.DROP);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            val﹫example.org                          | <email>
            val＠example.org                          | <email>
            ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ               | <email>
            val\\u200b@example.org                    | <email>
            val@exa\\u00admple.org                    | <email>
            jose\\u0301.val3@example.org              | <email>
            ２０３.０.１１３.５                         | <ip>
            203。0。113。5                             | <ip>
            203．0．113．5                             | <ip>
            2\\u200b03.0.113.5                        | <ip>
            ４１１１１１１１１１１１１１１１              | <card>
            ４１１１ １１１１ １１１１ １１１１            | <card>
            ٤١١١ ١١١١ ١١١١ ١١١١                      | <card>
            4111\\u00a01111\\u00a01111\\u00a01111      | <card>
            4111\\u20111111\\u20111111\\u20111111      | <card>
            +１ ４１５ ５５５ ０１３４                    | <phone>
            ＋14155550134                             | <phone>
            +1\\u2011415\\u2011555\\u20110134          | <phone>
            (４１５) ５５５-０１３３                     | <phone>
            ０３０ １２３４ ５６７８                     | <phone>
            ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００ | <iban>
            ０７８-０５-１１２０                        | <ssn>
            Ｂｅａｒｅｒ ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐ０１２３  | <token>
            """)
    void lookAlikeSpellingsAreFound(String value, String masked) {
        assertThat(mask(unescape(value))).isEqualTo(masked);
    }

    @Test
    void theMaskCoversExactlyTheOriginalCharacters() {
        assertThat(mask("x ４１１１ １１１１ １１１１ １１１１ y")).isEqualTo("x <card> y");
        assertThat(mask("a\u200Bb val\u200B@example.org\u200B, c")).isEqualTo("a\u200Bb <email>\u200B, c");
        assertThat(mask("\u00AD\u00ADip 203\u00AD.0.113.5 \u00AD")).isEqualTo("\u00AD\u00ADip <ip> \u00AD");
        assertThat(mask("ok ４１１１ and 中文 text")).isEqualTo("ok ４１１１ and 中文 text");
    }

    @Test
    void theCensusCountsWhatTheScannerReads() {
        PiiCensus c = PiiCensus.of("４１１１ １１１１ １１１１ １１１１");
        assertThat(c.mayContain(PiiKind.CARD)).isTrue();
        assertThat(PiiCensus.of("203。0。113。5").mayContain(PiiKind.IP)).isTrue();
        assertThat(PiiCensus.of("val﹫example.org").mayContain(PiiKind.EMAIL)).isTrue();
    }

    // Look-alikes of ASCII characters, each folding back to its character.
    private static final String[][] LOOK_ALIKES = new String[128][];

    static {
        for (char d = '0'; d <= '9'; d++) {
            int v = d - '0';
            LOOK_ALIKES[d] = new String[] {
                String.valueOf((char) ('０' + v)), String.valueOf((char) ('\u0660' + v)), String.valueOf((char) ('\u0966' + v)),
                String.valueOf((char) ('\u0E50' + v)), new String(Character.toChars(0x1D7CE + v))}; // and 𝟎 (astral)
        }
        for (char c = 'a'; c <= 'z'; c++) {
            LOOK_ALIKES[c] = new String[] {String.valueOf((char) (c + 0xFEE0))};
            LOOK_ALIKES[Character.toUpperCase(c)] = new String[] {String.valueOf((char) (Character.toUpperCase(c) + 0xFEE0))};
        }
        LOOK_ALIKES['@'] = new String[] {"＠", "﹫"};
        LOOK_ALIKES['.'] = new String[] {"。", "．", "｡", "﹒"};
        LOOK_ALIKES['-'] = new String[] {"\u2010", "\u2011", "\u2212", "－", "\u2013"};
        LOOK_ALIKES[' '] = new String[] {"\u00A0", "\u3000", "\u2009", "\u202F"};
        LOOK_ALIKES['+'] = new String[] {"＋", "﹢"};
        LOOK_ALIKES['('] = new String[] {"（", "﹙"};
        LOOK_ALIKES[')'] = new String[] {"）", "﹚"};
        LOOK_ALIKES[':'] = new String[] {"：", "﹕"};
        LOOK_ALIKES['/'] = new String[] {"／", "\u2215"};
        LOOK_ALIKES['_'] = new String[] {"＿"};
    }

    private static final String[] INVISIBLE = {"\u200B", "\u00AD", "\uFEFF", "\u2060", "\u200D", "\u0301",
        // blank-rendering characters, and invisible ones outside the BMP (tag, variation selector, format, mark, emoji modifier)
        "\u3164", "\u2800", "\uFFFC", "\uDB40\uDC20", "\uDB40\uDD00", "\uD82F\uDCA0", "\uD834\uDD73", "\uD800\uDDFD",
        "\uD83C\uDFFB"};

    /** {@code value} with some characters replaced by look-alikes and invisible characters put between some others. */
    private static String disguise(SplittableRandom r, String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String[] alikes = c < 128 ? LOOK_ALIKES[c] : null;
            sb.append(alikes != null && r.nextInt(3) == 0 ? alikes[r.nextInt(alikes.length)] : String.valueOf(c));
            if (i + 1 < value.length() && r.nextInt(12) == 0) {
                sb.append(INVISIBLE[r.nextInt(INVISIBLE.length)]);
            }
        }
        return sb.toString();
    }

    private static void assertDisguisedFound(Set<PiiKind> kinds, String family, Function<SplittableRandom, String> gen) {
        SplittableRandom r = new SplittableRandom(seed ^ family.hashCode());
        String[] before = {"", "x ", "value=", "Ergebnis: "};
        String[] after = {"", " y", ", next", "\n"};
        int disguised = 0;
        for (int i = 0; i < 3_000; i++) {
            String plain = gen.apply(r);
            String value = disguise(r, plain);
            disguised += value.equals(plain) ? 0 : 1;
            String b = before[r.nextInt(before.length)];
            assertFoundWhole(kinds, family, b, value, after[r.nextInt(after.length)]);
        }
        assertThat(disguised).as("values actually disguised").isGreaterThan(2_000);
    }

    @Test
    void disguisedValuesOfEveryFamilyAreFoundWhole() {
        assertDisguisedFound(EnumSet.of(PiiKind.EMAIL), "email", PiiPropertiesTest::email);
        assertDisguisedFound(EnumSet.of(PiiKind.IP), "ipv4", PiiPropertiesTest::ipv4);
        assertDisguisedFound(EnumSet.of(PiiKind.IP), "ipv6", PiiPropertiesTest::ipv6);
        assertDisguisedFound(EnumSet.of(PiiKind.CARD), "card", PiiPropertiesTest::card);
        assertDisguisedFound(EnumSet.of(PiiKind.PHONE, PiiKind.IP, PiiKind.CARD, PiiKind.SSN), "phone", PiiPropertiesTest::phone);
        assertDisguisedFound(EnumSet.of(PiiKind.TOKEN), "token", PiiPropertiesTest::token);
        assertDisguisedFound(EnumSet.of(PiiKind.IBAN), "iban", PiiPropertiesTest::iban);
        assertDisguisedFound(EnumSet.of(PiiKind.SSN), "ssn", PiiPropertiesTest::ssn);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            val%40example.org                     | <email>
            val%2540example.org                   | <email>
            val&#64;example.org                   | <email>
            val&#x40;example.org                  | <email>
            val&commat;example.org                | <email>
            val&amp;#64;example.org               | <email>
            val&#65312;example.org                | <email>
            203%2E0%2E113%2E5                     | <ip>
            2001%3Adb8%3A%3A1                     | <ip>
            4111%201111%201111%201111             | <card>
            &#52;111 1111 1111 1111               | <card>
            +1%20415%20555%200134                 | <phone>
            Bearer%20abcdefghijklmnop0123         | <token>
            """)
    void escapedSpellingsAreFound(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    @Test
    void escapesOutsidePiiAreLeftAsTheyAre() {
        for (String clean : new String[] {"50%25 off &amp; more", "100% & done", "a%zz b&#;c &unknown; d&#99999999;", "%", "&", "%4", "&#x;"}) {
            assertThat(mask(clean)).isSameAs(clean);
        }
        assertThat(mask("x val%2540example.org y")).isEqualTo("x <email> y");
        assertThat(mask("ip=203%2E0%2E113%2E5&next=1")).isEqualTo("ip=<ip>&next=1");
    }

    /** Named references of characters, as in the escape generator below. */
    private static final java.util.Map<Character, String[]> NAMES = java.util.Map.of('@', new String[] {"&commat;"},
            '.', new String[] {"&period;"}, '-', new String[] {"&ndash;", "&mdash;", "&minus;", "&dash;", "&hyphen;"},
            ' ', new String[] {"&nbsp;", "&thinsp;", "&ensp;", "&emsp;", "&hairsp;", "&numsp;"}, '+', new String[] {"&plus;"},
            ':', new String[] {"&colon;"}, '(', new String[] {"&lpar;"}, ')', new String[] {"&rpar;"}, '/', new String[] {"&sol;"},
            '_', new String[] {"&lowbar;"});

    /** Escaped invisible characters, put between some others by the escape generator below. */
    private static final String[] INVISIBLE_ESCAPED = {"%E2%80%8B", "&shy;", "&zwj;", "&zwnj;", "\\u200b", "\\uDB40\\uDC20",
        "&#xE0020;", "%F3%A0%80%A0", "&#x2800;", "\\xe2\\x80\\x8b"};

    /**
     * {@code value} with some characters written as percent escapes (of ASCII, of a look-alike's UTF-8 bytes,
     * {@code %uXXXX}), character references (numeric with or without {@code ;} or with leading zeros, named),
     * JSON/C backslash escapes, escapes of escapes; and some escaped invisible characters put in.
     */
    private static String escape(SplittableRandom r, String value) {
        boolean[] own = ownEscapes(value);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char next = i + 1 < value.length() ? value.charAt(i + 1) : ' ';
            if (c >= 0x20 && c < 0x7F && !own[i] && r.nextInt(4) == 0) {
                String[] names = NAMES.get(c);
                String[] alikes = LOOK_ALIKES[c];
                switch (r.nextInt(11)) {
                    case 0 -> sb.append(String.format(java.util.Locale.ROOT, "%%%02X", (int) c));
                    case 1 -> sb.append("&#").append((int) c).append(';');
                    case 2 -> sb.append(String.format(java.util.Locale.ROOT, "%%25%02x", (int) c)); // encoded twice
                    case 3 -> sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)); // JSON
                    case 4 -> sb.append(String.format(java.util.Locale.ROOT, "\\\\u%04X", (int) c)); // JSON in JSON
                    case 5 -> sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
                    case 6 -> sb.append("&#0000").append((int) c).append(Chars.digit(next) || next == ';' ? ";" : ""); // no ';'
                    case 7 -> sb.append(String.format(java.util.Locale.ROOT, "%%u%04X", (int) c));
                    case 8 -> sb.append(names != null ? names[r.nextInt(names.length)] : String.valueOf(c));
                    default -> {
                        String alike = alikes != null ? alikes[r.nextInt(alikes.length)] : String.valueOf(c);
                        for (byte b : alike.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                            sb.append(String.format(java.util.Locale.ROOT, "%%%02X", b & 0xFF));
                        }
                    }
                }
            } else {
                sb.append(c);
            }
            if (i + 1 < value.length() && !own[i + 1] && r.nextInt(16) == 0) {
                sb.append(INVISIBLE_ESCAPED[r.nextInt(INVISIBLE_ESCAPED.length)]);
            }
        }
        return sb.toString();
    }

    @Test
    void escapedValuesOfEveryFamilyAreFoundWhole() {
        assertEscapedFound(EnumSet.of(PiiKind.EMAIL), "email", PiiPropertiesTest::email);
        assertEscapedFound(EnumSet.of(PiiKind.IP), "ipv4", PiiPropertiesTest::ipv4);
        assertEscapedFound(EnumSet.of(PiiKind.IP), "ipv6", PiiPropertiesTest::ipv6);
        assertEscapedFound(EnumSet.of(PiiKind.CARD), "card", PiiPropertiesTest::card);
        assertEscapedFound(EnumSet.of(PiiKind.PHONE, PiiKind.IP, PiiKind.CARD, PiiKind.SSN), "phone", PiiPropertiesTest::phone);
        assertEscapedFound(EnumSet.of(PiiKind.TOKEN), "token", PiiPropertiesTest::token);
        assertEscapedFound(EnumSet.of(PiiKind.IBAN), "iban", PiiPropertiesTest::iban);
        assertEscapedFound(EnumSet.of(PiiKind.SSN), "ssn", PiiPropertiesTest::ssn);
    }

    private static void assertEscapedFound(Set<PiiKind> kinds, String family, Function<SplittableRandom, String> gen) {
        SplittableRandom r = new SplittableRandom(seed ^ family.hashCode() ^ 0x5eed);
        String[] before = {"x ", "{\"msg\":\"line one\\n", "a\\t", "\\r\\n", "x%0A"}; // JSON-escaped line breaks
        String[] after = {" y", "\\n", "\\tz\"}", "&#10;"};
        for (int i = 0; i < 3_000; i++) {
            String value = escape(r, gen.apply(r));
            assertFoundWhole(kinds, family, before[r.nextInt(before.length)], value, after[r.nextInt(after.length)]);
        }
    }

    /** {@code before + value + after} holds exactly one finding, of one of {@code kinds}, covering exactly {@code value}. */
    private static void assertFoundWhole(Set<PiiKind> kinds, String family, String before, String value, String after) {
        String text = before + value + after;
        List<Finding> found = PiiScanner.scan(text);
        assertThat(found).as("seed %d, %s in [%s]", seed, family, text).hasSize(1);
        Finding f = found.get(0);
        assertThat(new int[] {f.start(), f.end()}).as("seed %d, %s in [%s]: %s", seed, family, text, f)
                .containsExactly(before.length(), before.length() + value.length());
        assertThat(kinds).as("seed %d, %s in [%s]", seed, family, text).contains(f.kind());
        // the ingest scrub asks the census before each detector: it must not skip one that finds something here
        assertThat(PiiCensus.of(text).mayContain(f.kind())).as("census of [%s]", text).isTrue();
    }

    /** {@code \\uXXXX} escapes, for invisible characters in the table above. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /**
     * The characters of the escapes a generated value already holds ({@code Bearer&#9;…}, {@code jane\u0040…},
     * {@code %40}): the escape generator leaves them as they are and puts nothing inside them, since an escape with
     * one of its characters escaped again ({@code &#9%3B}, {@code \\x75} for the {@code u} of {@code \u0040}) is
     * another spelling, not the value's.
     */
    private static boolean[] ownEscapes(String value) {
        boolean[] own = new boolean[value.length() + 1];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int end = i;
            if (c == '&') {
                int semi = value.indexOf(';', i);
                end = semi > i && semi - i <= 12 ? semi : i;
            } else if (c == '%') {
                end = Math.min(value.length() - 1, i + 2);
            } else if (c == '\\') {
                end = Math.min(value.length() - 1, i + (i + 1 < value.length() && value.charAt(i + 1) == 'u' ? 5 : 1));
            }
            for (int k = i; k <= end; k++) {
                own[k] = end > i;
            }
            i = Math.max(i, end);
        }
        return own;
    }
    /**
     * The scanner asks for no second reading of a value that folding left whole ({@link Fold.Folded#narrow}: nothing left
     * out, every character below U+3001) and that had nothing to decode (fold6): {@link SecondReading#of} must find
     * nothing to read otherwise there. Random values of digits, separators, full-width forms, accented and Cyrillic
     * letters, next to the characters that do make a second reading (an ideographic comma, a zero-width space between
     * digits), which must not be narrow.
     */
    @Test
    void narrowFoldedTextHasNoSecondReading() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x4a77);
        String alphabet = "0123456789 .-:@+()/ab\u00e9\u0436\uff14\uff11\uff20\uff0e\u3000\u00a0\u2011\u3002\u00b7\u2028";
        String wide = "\u3001\uff64\ufe11\u200b\u00ad";
        Set<PiiKind> all = EnumSet.allOf(PiiKind.class);
        int narrow = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + r.nextInt(40);
            boolean withWide = r.nextInt(4) == 0;
            for (int i = 0; i < len; i++) {
                String from = withWide && r.nextInt(6) == 0 ? wide : alphabet;
                b.append(from.charAt(r.nextInt(from.length())));
            }
            String text = b.toString();
            Fold.Folded fold = Fold.apply(text.toCharArray());
            if (fold.narrow()) {
                narrow++;
                if (!FormBlanks.any(fold.s())) { // PiiScanner's skip: narrow, and no + read as a form-encoded blank
                    assertThat(SecondReading.of(fold, fold, all)).as("seed %d: [%s]", seed, text).isNull();
                }
            }
        }
        assertThat(narrow).as("narrow values among 20,000").isGreaterThan(10_000);
        assertThat(Fold.apply("203\u30010\u3001113\u30015".toCharArray()).narrow()).isFalse();
        assertThat(Fold.apply("4111\u200b1111".toCharArray()).narrow()).isFalse();
        assertThat(Fold.apply("\uff14\uff11\uff11\uff11\uff20\uff45".toCharArray()).narrow()).isTrue();
    }
}
