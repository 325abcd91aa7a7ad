package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The work budget ({@link WorkBudget}): a long value that would cost too much to read is one {@link PiiKind#DENSE}
 * finding, masked whole and unread; every other value is read as before. Its cost is measured by
 * {@code DetectorBenchmark} (docs/benchmarks.md), not here.
 */
class WorkBudgetTest {

    private static final String PROSE = "The quick brown fox jumps over the lazy dog while the user opens the app on a "
            + "mobile device, syncs three folders and logs out again; nothing in this sentence is personal at all. ";

    private static String repeat(String unit, int length) {
        return unit.repeat(length / unit.length() + 1).substring(0, length);
    }

    private static String symbols(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed); // test input, not production randomness
        String alphabet = "@.:%40-+() 0123456789eyJaA\"";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void theCostliestShapesAreMaskedWholeAndUnread() {
        String[] shapes = {
            symbols(32 * 1024, 7),
            repeat("phone: 555-0133 ", 32 * 1024),
            repeat("4111\u200B1111 ", 8 * 1024),
            repeat("a&#641b ", 4096),
            repeat("Unicode mix é中ж@１２３-. ", 2048),
            repeat("jane.doe@example.org ", 1024),
        };
        for (String s : shapes) {
            assertThat(PiiScanner.scan(s)).as(s.substring(0, 40)).containsExactly(new Finding(PiiKind.DENSE, 0, s.length()));
            assertThat(PiiScanner.mask(s, k -> "[masked:" + k.label() + "]")).isEqualTo("[masked:dense]");
        }
    }

    @Test
    void theSecondReadingsWindowsAreChargedBeforeAnyDetectorRuns() {
        // One '%' escape ending in a digit before a digit every 245 characters of prose: cheap at first sight, but its
        // second reading rescans a window of 129 characters around every escape, half the value.
        String s = repeat("%311 " + PROSE + PROSE.substring(0, 60), 16 * 1024);
        assertThat(WorkBudget.exceeds(WorkBudget.cost(s.toCharArray()), s.length())).isFalse();
        assertThat(PiiScanner.scan(s)).containsExactly(new Finding(PiiKind.DENSE, 0, s.length()));
    }

    @Test
    void longPlainTextIsStillReadAndItsFindingsMaskedOneByOne() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 32 * 1024; i++) {
            sb.append(PROSE.repeat(10)).append("write to jane").append(i).append("@example.org or call 415-555-0133. ");
        }
        String s = sb.toString();
        List<Finding> found = PiiScanner.scan(s);
        assertThat(found).isNotEmpty().noneMatch(f -> f.kind() == PiiKind.DENSE);
        assertThat(found).filteredOn(f -> f.kind() == PiiKind.EMAIL).hasSize(s.split("@example.org").length - 1);
        assertThat(PiiScanner.mask(s, k -> "<" + k.label() + ">")).doesNotContain("@example.org", "555-0133")
                .contains("the lazy dog");
        // accented text and a look-alike or two do not make prose dense
        String accents = repeat("Der Nutzer öffnet die App, synchronisiert drei Ordner und meldet sich wieder ab. ", 8192);
        assertThat(PiiScanner.scan(accents)).isEmpty();
    }

    @Test
    void shorterValuesAreAlwaysReadWhateverTheirShape() {
        String under = symbols(WorkBudget.MIN_LENGTH - 1, 11);
        assertThat(PiiScanner.scan(under)).noneMatch(f -> f.kind() == PiiKind.DENSE)
                .isEqualTo(PiiScanner.scan(under, EnumSet.complementOf(EnumSet.of(PiiKind.DENSE))));
        String at = symbols(WorkBudget.MIN_LENGTH, 11);
        assertThat(PiiScanner.scan(at)).containsExactly(new Finding(PiiKind.DENSE, 0, at.length()));
        assertThat(PiiScanner.contains(at, PiiKind.DENSE)).isTrue();
        assertThat(PiiScanner.contains(under, PiiKind.DENSE)).isFalse();
    }

    @Test
    void withoutDenseAskedForTheBudgetIsOffAndTheFamiliesAreRead() {
        String s = repeat("call 415-555-0133 ", 8 * 1024);
        List<Finding> families = PiiScanner.scan(s, EnumSet.of(PiiKind.PHONE));
        assertThat(families).hasSizeGreaterThan(400).allMatch(f -> f.kind() == PiiKind.PHONE);
        assertThat(PiiScanner.scan(s)).containsExactly(new Finding(PiiKind.DENSE, 0, s.length()));
    }

    @Test
    void everyDigitPunctuationAndFullWidthCharacterIsChargedAsATrigger() {
        for (char c = 0; c < 128; c++) {
            boolean plain = c == ' ' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            int expected = plain ? 1 : c == '@' ? WorkBudget.AT : c >= '0' && c <= '9' ? WorkBudget.DIGIT : WorkBudget.TRIGGER;
            assertThat(WorkBudget.weight(c)).as("U+%04X", (int) c).isEqualTo(expected);
        }
        assertThat(WorkBudget.weight('\uFF10')).as("full-width 0").isEqualTo(WorkBudget.DIGIT);
        for (char c : "\u200B\u2024\u3001\u3002\uFF0E\uFE52\uD835\uDFCE".toCharArray()) {
            assertThat(WorkBudget.weight(c)).as("U+%04X", (int) c).isEqualTo(WorkBudget.TRIGGER);
        }
        assertThat(WorkBudget.weight('\uFF20')).as("full-width @").isEqualTo(WorkBudget.AT);
        assertThat(WorkBudget.weight('é')).isEqualTo(WorkBudget.OTHER);
        // charged as what folding reads (the attack review of the budget): digits of other scripts, dots, minus signs,
        // colons and brackets that fold to ASCII ones; the no-break space is a blank, a full-width letter a letter
        for (char c : "\u0660\u0665\u06F4\u0966".toCharArray()) {
            assertThat(WorkBudget.weight(c)).as("U+%04X", (int) c).isEqualTo(WorkBudget.DIGIT);
        }
        for (char c : "\u00B7\u2219\u22C5\u066B\u2212\u0589\u02D0\uA789\u207D\u207E\u207A\u2215".toCharArray()) {
            assertThat(WorkBudget.weight(c)).as("U+%04X", (int) c).isEqualTo(WorkBudget.TRIGGER);
        }
        assertThat(WorkBudget.weight('\u00A0')).isEqualTo(1);
        assertThat(WorkBudget.weight('\uFF45')).isEqualTo(1);
    }

    /** Found by the attack review of the budget: ASCII's costliest shapes spelled in characters that fold to ASCII. */
    @Test
    void shapesSpelledInCharactersThatFoldToDigitsAndSymbolsAreChargedAsTheirAsciiSpelling() {
        SplittableRandom r = new SplittableRandom(1); // test input, not production randomness
        String alphabet = "\u0660\u0661\u0664\u0669\u0665\u00B7\u0589\u00A0";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8192; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        String[] shapes = {
            sb.toString(),
            repeat("phone\u0589 \u0665\u0665\u0665\u2212\u0660\u0661\u0663\u0663 ", 8192),
            repeat("\u0664 \u0664 \u0664 \u0664 Bearer ", 8192),
            repeat("\u0661\u0662\u0663\u2212\u0664\u0665\u2212 ", 8192),
        };
        for (String s : shapes) {
            assertThat(PiiScanner.scan(s)).containsExactly(new Finding(PiiKind.DENSE, 0, s.length()));
        }
    }

    /** Prose of any script is read, its punctuation included: CJK prose was masked whole before (2026-12-04). */
    @Test
    void proseWithItsPunctuationIsReadInEveryScript() {
        String[] proses = {
            "用户今天在手机上打开了应用，同步了三个文件夹，然后退出。这句话里没有任何个人信息：只有普通的文字、标点和「引号」！你觉得呢？当然没有。",
            "ユーザーは今日、スマートフォンでアプリを開き、三つのフォルダを同期してから、ログアウトしました。この文には個人情報は含まれていません。「本当に」そうです。",
            "\"Well,\" she said quietly, \"the app's fine -- isn't it?\" He shrugged; nobody really knew... ",
        };
        for (String prose : proses) {
            String s = repeat(prose + prose + prose + "jane.doe@example.org ", 8192);
            List<Finding> found = PiiScanner.scan(s);
            assertThat(found).as(prose).isNotEmpty().allMatch(f -> f.kind() == PiiKind.EMAIL);
            assertThat(PiiScanner.mask(s, k -> "<" + k.label() + ">")).doesNotContain("jane.doe@example.org");
        }
    }

    @Test
    void punctuationIsChargedLessOnlyBetweenLettersAndNeverWhereADetectorStops() {
        int mark = WorkBudget.BETWEEN_LETTERS;
        assertThat(WorkBudget.cost("a,b".toCharArray())).isEqualTo(2 + mark);
        assertThat(WorkBudget.cost("中，文".toCharArray())).isEqualTo(2 + mark);
        assertThat(WorkBudget.cost("a, b".toCharArray())).as("before a blank").isEqualTo(3 + mark);
        assertThat(WorkBudget.cost("a」！b".toCharArray())).as("two together").isEqualTo(2 + 2 * mark);
        assertThat(WorkBudget.cost("a,,,b".toCharArray())).as("the middle of three").isEqualTo(2 + 2 * mark + WorkBudget.TRIGGER);
        assertThat(WorkBudget.cost(",ab,".toCharArray())).as("at either end").isEqualTo(2 + 2 * WorkBudget.TRIGGER);
        assertThat(WorkBudget.cost("1,b".toCharArray())).as("beside a digit").isEqualTo(WorkBudget.DIGIT + WorkBudget.TRIGGER + 1);
        assertThat(WorkBudget.cost("a,٣".toCharArray())).isEqualTo(1 + WorkBudget.TRIGGER + WorkBudget.DIGIT);
        // the marks detectors stop at between letters too: a label's colon, a key's equals sign, escapes, an at-sign,
        // and characters folding leaves out
        for (String s : new String[] {"a:b", "a=b", "a%b", "a&b", "a(b", "a]b", "a<b", "a（b", "a\\b", "a：b", "a\u200Bb", "a\uFE0Fb"}) {
            assertThat(WorkBudget.cost(s.toCharArray())).as(s).isEqualTo(2 + WorkBudget.TRIGGER);
        }
        assertThat(WorkBudget.cost("a@b".toCharArray())).isEqualTo(2 + WorkBudget.AT);
        // punctuation between letters, as close as it gets, is read (DetectorBenchmark times these shapes); a run of
        // marks, a mark beside a digit, a colon or an at-sign among them is not
        for (String unit : new String[] {"a.", "x-y-", "ab, ", "x.,y"}) {
            String s = repeat(unit, 4096);
            assertThat(PiiScanner.contains(s, PiiKind.DENSE)).as(unit).isFalse();
        }
        for (String unit : new String[] {"a,,,", ".,;!", "a1-b2-", "ab:cd:", "a=b&", "a.b.c@d.e ", "(1)", "a(at)", "中(ab)中"}) {
            String s = repeat(unit, 4096);
            assertThat(PiiScanner.scan(s)).as(unit).containsExactly(new Finding(PiiKind.DENSE, 0, s.length()));
        }
    }

    /**
     * Prose of scripts written with combining marks (Thai, Devanagari, Tamil, Bengali, vocalised Arabic, Persian with
     * its zero-width non-joiner, decomposed Vietnamese) is read at 8 KiB, its address masked alone: the marks after
     * letters are charged {@link WorkBudget#AFTER_LETTER}, not as stops (until 2026-12-04 all of it was masked whole).
     */
    @Test
    void proseWithCombiningMarksIsRead() {
        String[] proses = {
            "ผู้ใช้เปิดแอปพลิเคชันบนโทรศัพท์มือถือวันนี้ และซิงค์โฟลเดอร์สามโฟลเดอร์ จากนั้นก็ออกจากระบบ ",
            "उपयोगकर्ता ने आज अपने फ़ोन पर ऐप खोला, तीन फ़ोल्डर सिंक किए और फिर बाहर निकल गया। ",
            "பயனர் இன்று தொலைபேசியில் பயன்பாட்டைத் திறந்தார், மூன்று கோப்புறைகளை ஒத்திசைத்தார். ",
            "ব্যবহারকারী আজ ফোনে অ্যাপটি খুলেছেন, তিনটি ফোল্ডার সিঙ্ক করেছেন এবং বেরিয়ে গেছেন। ",
            "ذَهَبَ الْمُسْتَخْدِمُ إِلَى التَّطْبِيقِ صَبَاحًا، وَزَامَنَ ثَلَاثَةَ مُجَلَّدَاتٍ ثُمَّ خَرَجَ. ",
            "کاربر امروز برنامه را روی گوشی باز کرد و سه پوشه را همگام‌سازی کرد و می‌خواست بیرون برود. ",
            java.text.Normalizer.normalize("Người dùng đã mở ứng dụng trên điện thoại hôm nay, đồng bộ ba thư mục rồi thoát ra. ",
                    java.text.Normalizer.Form.NFD),
        };
        for (String prose : proses) {
            String s = repeat(prose + prose + prose + "jane.doe@example.org ", 8192);
            assertThat(PiiScanner.scan(s)).as(prose).isNotEmpty().allMatch(f -> f.kind() == PiiKind.EMAIL);
            assertThat(PiiScanner.mask(s, k -> "<" + k.label() + ">")).doesNotContain("jane.doe@example.org");
        }
    }

    @Test
    void combiningMarksAreChargedLessOnlyAfterALetter() {
        int mark = WorkBudget.AFTER_LETTER;
        assertThat(WorkBudget.cost("a\u0301b".toCharArray())).isEqualTo(2 + mark);
        assertThat(WorkBudget.cost("a\u0301 ".toCharArray())).as("before a blank").isEqualTo(2 + mark);
        assertThat(WorkBudget.cost("a\u0323\u0302b".toCharArray())).as("a stack of two").isEqualTo(2 + 2 * mark);
        assertThat(WorkBudget.cost("a\u0301\u0302\u0303b".toCharArray())).as("the middle of three")
                .isEqualTo(2 + 2 * mark + WorkBudget.TRIGGER);
        assertThat(WorkBudget.cost("4\u0301b".toCharArray())).as("after a digit").isEqualTo(WorkBudget.DIGIT + WorkBudget.TRIGGER + 1);
        assertThat(WorkBudget.cost("a\u200Cb".toCharArray())).as("a zero-width non-joiner").isEqualTo(2 + mark);
        assertThat(WorkBudget.cost("a\u200Bb".toCharArray())).as("a zero-width space").isEqualTo(2 + WorkBudget.TRIGGER);
        assertThat(WorkBudget.cost("a\uFE0Fb".toCharArray())).as("a variation selector").isEqualTo(2 + WorkBudget.TRIGGER);
        // runs of marks (zalgo), marks on digits and marks between digits stay over the budget
        for (String unit : new String[] {"a\u0301\u0302\u0303\u0304", "4\u0301", "41\u0301", "\u0301\u0301 "}) {
            String s = repeat(unit, 4096);
            assertThat(PiiScanner.scan(s)).as(unit).containsExactly(new Finding(PiiKind.DENSE, 0, s.length()));
        }
    }

    /** The charge the clear way, one character and its two neighbours at a time, as the README states it. */
    private static long costTheClearWay(String s) {
        long units = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int w = WorkBudget.weight(c);
            if (WorkBudget.relieved(c) && i > 0 && i < s.length() - 1) {
                char p = s.charAt(i - 1);
                char n = s.charAt(i + 1);
                boolean pOne = WorkBudget.weight(p) == 1;
                boolean nOne = WorkBudget.weight(n) == 1;
                if (pOne && (nOne || WorkBudget.relieved(n)) || nOne && WorkBudget.relieved(p)) {
                    w = WorkBudget.BETWEEN_LETTERS;
                }
            }
            if (WorkBudget.combining(c) && i > 0 && i < s.length() - 1) {
                boolean pOne = WorkBudget.weight(s.charAt(i - 1)) == 1;
                boolean nOne = WorkBudget.weight(s.charAt(i + 1)) == 1;
                if (pOne || WorkBudget.combining(s.charAt(i - 1)) && nOne) {
                    w = WorkBudget.AFTER_LETTER; // after a letter, or the second of two with a letter after
                }
            }
            units += w;
        }
        return units;
    }

    @Test
    void theOnePassChargeIsTheChargeTheClearWay() {
        SplittableRandom r = new SplittableRandom(); // test input, not production randomness
        String alphabet = "ab é中 ，。、「」！.,;:=(-_)'\"%&@19\u0664\u200B\uFF1A\u2014\u0301\u0E34\u094D\u200C";
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = r.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(WorkBudget.cost(s.toCharArray())).as(s).isEqualTo(costTheClearWay(s));
            // relieve: the exact cost, or the upper one when no relief could bring the value within the budget
            long upper = WorkBudget.upperCost(s.toCharArray());
            long relieved = WorkBudget.relieve(s.toCharArray(), upper);
            assertThat(relieved).as(s).isIn(costTheClearWay(s), upper);
            assertThat(WorkBudget.exceeds(relieved, s.length())).as(s).isEqualTo(WorkBudget.exceeds(costTheClearWay(s), s.length()));
        }
        assertThat(WorkBudget.cost(new char[0])).isZero();
        assertThat(WorkBudget.cost("(".toCharArray())).isEqualTo(WorkBudget.TRIGGER);
    }
}
