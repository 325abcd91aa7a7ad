package org.privacymetrics.es.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.privacymetrics.core.pii.PiiKind;
import org.privacymetrics.core.pii.PiiScanner;

/**
 * The input shapes of the detector benchmark ({@code privacy-metrics-core} test class {@code DetectorBenchmark}, whose
 * shape list this copies, in the same order with the same names and generators), for the node-level benchmark
 * {@link HostileShapesBenchmarkIT}. A copy, not a test-jar dependency: the plugin module is also built alone
 * ({@code -pl es-ingest-plugin} without {@code -am}) against the installed core jar, which has no test-jar.
 * {@code HostileShapesTest} fails when the names here and in {@code DetectorBenchmark} differ: copy a new shape here.
 */
final class HostileShapes {

    /** A named input shape; {@link #make(int)} returns exactly {@code length} characters (as DetectorBenchmark's). */
    record Shape(String name, IntFunction<String> maker) {
        String make(int length) {
            String s = maker.apply(length);
            return s.length() >= length ? s.substring(0, length) : s + "a".repeat(length - s.length());
        }

        /**
         * The longest {@link #make(int)} whose UTF-8 encoding has at most {@code bytes} bytes: sizes on the node are
         * bytes (Lucene's keyword limit is 32,766 UTF-8 bytes), and a multi-byte shape keeps its whole pattern (an
         * {@code é…é@ä…ä} cut at a byte count would lose its {@code @}).
         */
        String ofUtf8Bytes(int bytes) {
            int lo = 1;
            int hi = bytes;
            while (lo < hi) { // the largest length whose encoding fits (UTF-8 length grows with the length made)
                int mid = (lo + hi + 1) >>> 1;
                if (utf8(make(mid)) <= bytes) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            String s = make(lo);
            while (utf8(s) > bytes) { // a maker whose byte length is not monotone in its length: cut further
                s = make(s.length() - 1);
            }
            return s;
        }
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static final String PROSE = "The quick brown fox jumps over the lazy dog while the user opens the app on a "
            + "mobile device, syncs three folders and logs out again; nothing in this sentence is personal at all. ";

    private static final String CJK = "用户今天在手机上打开了应用，同步了三个文件夹，然后退出。这句话里没有任何个人信息：只有普通的文字、"
            + "标点和「引号」！你觉得呢？（当然没有）ユーザーは今日、アプリを開き、三つのフォルダを同期しました。";

    private static IntFunction<String> repeat(String unit) {
        return n -> unit.repeat(n / unit.length() + 1);
    }

    /**
     * As DetectorBenchmark's: {@code payload} and enough {@code filler}s (padded with letters when its own stops are over
     * it) for the shape to be read, not masked whole, at 1, 8 and 32 KiB (the work budget, WorkBudget).
     */
    private static IntFunction<String> edge(String payload, String filler) {
        String padded = filler;
        int most = 32 * 1024;
        for (int k = 1; dense(repeat(payload + padded.repeat(most / padded.length() + 1))); k++) {
            if (k > 256) {
                throw new IllegalStateException("no filler [" + filler + "] with up to 256 letters is within the budget");
            }
            padded = filler + "x".repeat(k) + " ";
        }
        int lo = 0; // the fewest fillers after the payload for the shape to be read: more are read too (binary search)
        int hi = most / padded.length() + 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (dense(repeat(payload + padded.repeat(mid)))) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return repeat(payload + padded.repeat(lo));
    }

    private static boolean dense(IntFunction<String> maker) {
        for (int size : new int[] {1024, 8 * 1024, 32 * 1024}) {
            if (PiiScanner.contains(maker.apply(size).substring(0, size), PiiKind.DENSE)) { // repeat: at least size
                return true;
            }
        }
        return false;
    }

    /** The baseline, plain English text, is the first shape. */
    static final List<Shape> SHAPES = List.of(
            new Shape("plain text (baseline)", repeat(PROSE)),
            new Shape("log line with numbers", repeat("GET /api/v2/items?page=3 200 in 12.5 ms at 2026-10-15T08:30:00Z id 42 ")),
            new Shape("a...a@a...a", n -> "a".repeat(n / 2) + "@" + "a".repeat(n / 2)),
            new Shape("a...a@a.a.a...", n -> "a".repeat(n / 2) + "@" + "a.".repeat(n / 4)),
            new Shape("@ repeated", repeat("@")),
            new Shape("a@ repeated", repeat("a@")),
            new Shape("%40 repeated", repeat("%40")),
            new Shape("a%40 repeated", repeat("a%40")),
            new Shape("!...!%40%40...", n -> "!".repeat(n / 2) + "%40".repeat(n / 6)),
            new Shape("quoted \"a...a\"@ repeated", repeat("\"" + "a".repeat(126) + "\"@")),
            new Shape("é...é@ä...ä (Unicode)", n -> "é".repeat(n / 2) + "@" + "ä".repeat(n / 2)),
            new Shape("-eyJ repeated", repeat("-eyJ")),
            new Shape("eyJ a...a (no dots)", n -> "eyJ" + "a".repeat(n)),
            new Shape("eyJaaaaa. repeated", repeat("eyJaaaaaaaaa.")),
            new Shape("Bearer repeated", repeat("Bearer ")),
            new Shape("Basic a repeated", repeat("Basic aaaa ")),
            new Shape("ghp_ repeated", repeat("ghp_")),
            new Shape("glpat- repeated", repeat("glpat-")),
            new Shape("digits 1...1", repeat("1")),
            new Shape("digits 4...4", repeat("4")),
            new Shape("4111 groups", repeat("4111 ")),
            new Shape("4 4 4 single digits", repeat("4 ")),
            new Shape("1.1.1.1... dotted", repeat("1.")),
            new Shape("255.255... dotted", repeat("255.")),
            new Shape("1:1:1... colons", repeat("1:")),
            new Shape(":: repeated", repeat("::")),
            new Shape("ffff:ffff:... hex groups", repeat("ffff:")),
            new Shape("+1 repeated", repeat("+1 ")),
            new Shape("(415) repeated", repeat("(415) ")),
            new Shape("0 30 12 34... chain", repeat("0 30 ")),
            new Shape("123-45- repeated", repeat("123-45-")),
            new Shape("DE89 repeated", repeat("DE89 ")),
            new Shape("DE893704... run", n -> "DE89" + "3704".repeat(n / 4)),
            new Shape("4111 mixed separators", repeat("4111 1111-1111.1111/1111_1111  1111\t1111+")),
            new Shape("1-2.3/4_5 6+7(8)9:0", repeat("1-2.3/4_5 6+7(8)9:0 ")),
            new Shape("203.0.113.22 found", repeat("203.0.113.22 ")),
            new Shape("a.b@c.de found", repeat("a.b@c.de ")),
            new Shape("..... run", repeat(".")),
            new Shape("----- run", repeat("-")),
            new Shape("+++++ run", repeat("+")),
            new Shape("((((( run", repeat("(")),
            new Shape("(1(2(3 nested", repeat("(1")),
            new Shape("Unicode mix é中ж@１２３", repeat("é中ж@ü.ß-ø１２３ ")),
            new Shape("full-width ４１１１＠ｅｘ．", repeat("４１１１　１１１１＠ｅｘａｍｐｌｅ．ｏｒｇ　")),
            new Shape("Basic <base64> found", repeat("Basic dmFsdXNlcjp2YWxwYXNzd29yZA== ")),
            new Shape("Bearer eyJ... found", repeat("Bearer eyJhbGciOi ")),
            new Shape("2001:db8:: repeated", repeat("2001:db8::")),
            new Shape("fe80::1: repeated", repeat("fe80::1:")),
            new Shape("eyJ...eyJ. variants", repeat("eyJhbGciOiJIUzI1NiJ9.eyJ")),
            new Shape("eyJ. repeated", repeat("eyJ.")),
            new Shape("%41%40%2e escapes", repeat("%41%40%2e%4")),
            new Shape("4111 1111 two groups", repeat("4111 1111 ")),
            new Shape("1234 5678 two groups", repeat("1234 5678 ")),
            new Shape("4111 1111@ glued", repeat("4111 1111@")),
            new Shape("a.b@c.de 203.0.113.22 mixed", repeat("a.b@c.de 203.0.113.22 ")),
            new Shape("random symbols", n -> {
                SplittableRandom r = new SplittableRandom(1); // benchmark input, not production randomness
                String alphabet = "@.:%40-+() 0123456789eyJaA\"";
                char[] c = new char[n];
                for (int i = 0; i < n; i++) {
                    c[i] = alphabet.charAt(r.nextInt(alphabet.length()));
                }
                return new String(c);
            }),
            new Shape("%4111 read both ways", repeat("%4111 ")),
            new Shape("&#64 without ; both ways", repeat("a&#64b ")),
            new Shape("4111<ZWSP>1111 both ways", repeat("4111\u200B1111 ")),
            new Shape("=?UTF-8?Q?a=40b?= words", repeat("=?UTF-8?Q?a=40b?= ")),
            new Shape("%311 every 130 windows", repeat("%3112 " + PROSE.substring(0, 124))),
            new Shape("a&#641b references", repeat("a&#641b ")),
            // Added by fold9 (2026-12-03), as in DetectorBenchmark: a hex dump and a labelled number repeated.
            new Shape("00 11 22 33 dump", repeat("00 11 22 33 ")),
            new Shape("phone: 555-0133 repeated", repeat("phone: 555-0133 ")),
            // Added with the work budget (2026-12-03), as in DetectorBenchmark: the costliest shapes still read.
            new Shape("x@y Bearer, budget's edge", edge("x@y ", "Bearer ")),
            new Shape("a.b@c.de, budget's edge", edge("a.b@c.de ", "e")),
            new Shape("4 4 4 4 Bearer, budget's edge", edge("4 4 4 4 ", "Bearer ")),
            new Shape("é中ж@１２３, budget's edge", edge("é中ж@１２３ ", "жж ")),
            new Shape("phone: 555-0133, budget's edge", edge("phone: 555-0133 ", "ab ")),
            // Added after the attack review of the budget: digits of another script, charged as the ASCII ones they fold to.
            new Shape("٤ ٤ ٤ ٤ Bearer, budget's edge", edge("\u0664 \u0664 \u0664 \u0664 ", "Bearer ")),
            // Added with the charge of punctuation between letters (2026-12-04): prose of other scripts, the closest
            // punctuation between letters that is still read, and digits at the budget's edge among such prose.
            new Shape("CJK prose", repeat(CJK)),
            new Shape("a.a.a. between letters", repeat("a.")),
            new Shape("(ab)[cd] between letters", repeat("(ab)[cd]")),
            new Shape("a...a@a。a。 ideographic dots", n -> "a".repeat(n / 2) + "@" + "a\u3002".repeat(n / 4)),
            new Shape("4 4 4 4 prose, budget's edge", edge("4 4 4 4 ", "ab, cd. ")),
            new Shape("x@y CJK, budget's edge", edge("x@y ", "中文，")),
            // Added after the attack review of 2026-12-04: bracketed at-signs, each walked back across all before it.
            new Shape("(at)a...a repeated", repeat("(at)" + "a".repeat(40))),
            new Shape("[at]b...b(y) repeated", repeat("[at]" + "b".repeat(20) + "(y)")),
            new Shape("apikey repeated", repeat("apikey ")),
            new Shape("4 4 4 4 apikey, budget's edge", edge("4 4 4 4 ", "apikey ")),
            new Shape("4 4 4 4 ssn, budget's edge", edge("4 4 4 4 ", "ssn ")),
            new Shape("4 x...x words, budget's edge", edge("4 ", "x".repeat(23) + " ")),
            new Shape("4 4 4 4 call me at, budget's edge", edge("4 4 4 4 ", "call me at ")),
            new Shape("4 4 4 4 Tel. Nr., budget's edge", edge("4 4 4 4 ", "Tel. Nr. ")),
            new Shape("4 4 4 4 tel no, budget's edge", edge("4 4 4 4 ", "tel no ")),
            new Shape("4 4 4 4 whatsApp, budget's edge", edge("4 4 4 4 ", "whatsApp ")),
            new Shape("4 4 4 4 IBAN, budget's edge", edge("4 4 4 4 ", "IBAN ")),
            new Shape("4 4 4 4 xat, budget's edge", edge("4 4 4 4 ", "xat ")),
            new Shape("1 xaB, budget's edge", edge("1 ", "xaB ")),
            new Shape("٤ ٤ .ey, budget's edge", edge("\u0664 \u0664 ", ".ey ")),
            new Shape("12 useripapi-key:, budget's edge", edge("12 ", "useripapi-key: ")),
            new Shape("1 Authorization:, budget's edge", edge("1 ", "Authorization: ")),
            new Shape("٤ ٤ api-key, budget's edge", edge("\u0664 \u0664 ", "api-key ")),
            // Found by the random search of 2026-12-04: every Basic attempt decoded the rest of the value (quadratic).
            new Shape("Basic+ repeated", repeat("Basic+")),
            new Shape("xoxb-apikey:glpat- repeated", repeat("xoxb-apikey:glpat-abcde")),
            new Shape("bearer中encoded: repeated", repeat("bearer中encoded:abcdefg")));

    private HostileShapes() {
    }
}
