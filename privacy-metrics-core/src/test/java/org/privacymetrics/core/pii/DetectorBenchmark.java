package org.privacymetrics.core.pii;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.privacymetrics.core.pii.reference.ReferenceScanner;

/**
 * Time per KiB of {@link PiiScanner#scan(CharSequence)} (every detector) on the worst input shapes found so far, next to
 * plain text of the same length, at 1, 8 and 32 KiB: 32 KiB is about the longest value a keyword field accepts (the
 * mappings set no {@code ignore_above}; Lucene refuses terms over 32,766 UTF-8 bytes). Linear detectors show the same
 * time per KiB at every size; the target is every shape within 3x of plain text.
 * <pre>
 * mvn -B -ntp -q -pl privacy-metrics-core -Pbench test-compile exec:exec           # full run, about 17 minutes
 * mvn -B -ntp -q -pl privacy-metrics-core -Pbench test-compile exec:exec -Dbench.args=quick
 * mvn -B -ntp -q -pl privacy-metrics-core -Pbench test-compile exec:exec -Dbench.args="quick Basic+ xoxb" # shapes by name prefix
 * mvn -B -ntp -q -pl privacy-metrics-core -Pbench test-compile exec:exec -Dbench.args="passes rotate random"
 * </pre>
 * {@code passes [rotate] [shape-prefix…]} times each pass of the scan alone instead, per size ({@link PassBreakdown}).
 * Method: warm up over every shape; then per shape and size, three alternating rounds of plain text and the shape,
 * each timing batches of scans for a fixed wall-clock budget and keeping the median batch; report the median round of
 * each and their ratio, in CPU time of the benchmark thread (on a shared machine, wall time mostly measures the other
 * processes). At the largest size each round also times the engine of issue 13 ({@code ReferenceScanner}, frozen in the
 * test sources) on the same input, so the speed-up is measured in the same seconds. A plain {@code main}, not JMH: the
 * effect looked for (a quadratic blow-up is 100-1000x at 32 KiB) dwarfs what JMH's rigour adds.
 */
public final class DetectorBenchmark {

    /** A named input shape; {@link #make(int)} returns exactly {@code length} characters. */
    record Shape(String name, IntFunction<String> maker) {
        String make(int length) {
            String s = maker.apply(length);
            return s.length() >= length ? s.substring(0, length) : s + "a".repeat(length - s.length());
        }
    }

    private static final String PROSE = "The quick brown fox jumps over the lazy dog while the user opens the app on a "
            + "mobile device, syncs three folders and logs out again; nothing in this sentence is personal at all. ";

    private static final String CJK = "用户今天在手机上打开了应用，同步了三个文件夹，然后退出。这句话里没有任何个人信息：只有普通的文字、"
            + "标点和「引号」！你觉得呢？（当然没有）ユーザーは今日、アプリを開き、三つのフォルダを同期しました。";

    private static IntFunction<String> repeat(String unit) {
        return n -> unit.repeat(n / unit.length() + 1);
    }

    /**
     * {@code payload} followed by as many {@code filler}s as it takes for the shape to be read, not masked whole, at
     * every size the benchmark times ({@link WorkBudget}: three units a character, charged for the characters and, since
     * 2026-12-04, evening, for the detectors' stops as they run): the costliest values that are still read. A filler whose own
     * stops are over the budget (label words: {@code ssn }) gets as few letters ({@code x}) and a blank after it as
     * bring it within, as an attacker would pad it.
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

    /** Whether the shape is masked whole at any size the benchmark times. */
    private static boolean dense(IntFunction<String> maker) {
        for (int size : new int[] {1024, 8 * 1024, 32 * 1024}) {
            if (PiiScanner.contains(maker.apply(size).substring(0, size), PiiKind.DENSE)) { // repeat: at least size
                return true;
            }
        }
        return false;
    }

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
            // Added with the single-pass work (2026-12-02): every separator, long runs of one trigger character,
            // Unicode and full-width text, repeated real credentials, IPv6-like hex runs, JWT and percent variants.
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
            // Added by speed5 (2026-12-02): two different card groups in turn (no uniform run, no Luhn-valid number: the
            // card chain attempts every group), glued to an at-sign, and e-mail and IP findings in turn (two detectors'
            // findings, sorted and merged).
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
            // Added with the second reading (decode5, 2026-12-02): values read twice, and MIME encoded words.
            new Shape("%4111 read both ways", repeat("%4111 ")),
            new Shape("&#64 without ; both ways", repeat("a&#64b ")),
            new Shape("4111<ZWSP>1111 both ways", repeat("4111\u200B1111 ")),
            new Shape("=?UTF-8?Q?a=40b?= words", repeat("=?UTF-8?Q?a=40b?= ")),
            // Added by second6 (2026-12-02): the second reading's two paths apart. A percent escape before a digit
            // every 130 characters of prose: the most windows apart (64 characters either side of each), the rounds
            // derived from the first reading (Decode.second); a reference without ';' that reads @ as its shortest
            // prefix (&#641 is U+0281 to HTML, @1 to a reader): decoded a second time in full, and e-mail windows.
            new Shape("%311 every 130 windows", repeat("%3112 " + PROSE.substring(0, 124))),
            new Shape("a&#641b references", repeat("a&#641b ")),
            // Added by fold9 (2026-12-03), found in the eighth round: a hex dump (every "00" may start an international
            // prefix, nat8) and a labelled number every 16 characters (label8).
            new Shape("00 11 22 33 dump", repeat("00 11 22 33 ")),
            new Shape("phone: 555-0133 repeated", repeat("phone: 555-0133 ")),
            // Added with the work budget (2026-12-03): the shapes found costliest per unit of the budget, each with just
            // enough letters to stay under it (edge), so read in full.
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

    private DetectorBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("passes")) {
            PassBreakdown.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        boolean quick = Arrays.asList(args).contains("quick");
        // shape-name prefixes after the mode: only those shapes (and the baseline)
        List<String> only = Arrays.stream(args).filter(a -> !a.equals("quick")).toList();
        List<Shape> shapes = SHAPES.stream().filter(s -> s == SHAPES.get(0) || only.isEmpty()
                || only.stream().anyMatch(s.name()::startsWith)).toList();
        int[] sizes = quick ? new int[] {32 * 1024} : new int[] {1024, 8 * 1024, 32 * 1024};
        long budgetNanos = quick ? 300_000_000L : 600_000_000L;
        System.out.printf(Locale.ROOT, "java %s, %d cpus%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-28s", "shape"));
        for (int size : sizes) {
            header.append(String.format(Locale.ROOT, " %11s %6s", "us/KiB@" + size / 1024 + "K", "x"));
        }
        header.append(String.format(Locale.ROOT, " %11s %8s", "old@" + sizes[sizes.length - 1] / 1024 + "K", "old/new"));
        System.out.println(header);
        // Warm-up over every shape first (all of them, also when only some are timed: a run of a few shapes then
        // reproduces the full run's JIT profile), so that the JIT has seen every detector's paths before anything is timed.
        long warm = System.nanoTime() + (quick ? 2_000_000_000L : 5_000_000_000L);
        while (System.nanoTime() < warm) {
            for (Shape shape : SHAPES) {
                sink += PiiScanner.scan(shape.make(8 * 1024)).size();
                sink += ReferenceScanner.scanWithCensus(shape.make(8 * 1024)).size();
            }
        }
        double worst = 0;
        String worstName = "";
        Shape plain = SHAPES.get(0);
        for (Shape shape : shapes) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", shape.name()));
            for (int size : sizes) {
                // Plain text and the shape alternately, three times each, medians of each: the ratio then compares
                // two measurements of the same minutes of a shared machine.
                String input = shape.make(size);
                String baseline = plain.make(size);
                // At the largest size, the engine of issue 13 (ReferenceScanner, with its census) in the same rounds.
                boolean withOld = size == sizes[sizes.length - 1];
                double[] mine = new double[3];
                double[] base = new double[3];
                double[] old = new double[3];
                for (int round = 0; round < 3; round++) {
                    base[round] = measure(baseline, budgetNanos / 3, PiiScanner::scan);
                    mine[round] = measure(input, budgetNanos / 3, PiiScanner::scan);
                    if (withOld) {
                        old[round] = measure(input, budgetNanos / 3, ReferenceScanner::scanWithCensus);
                    }
                }
                Arrays.sort(mine);
                Arrays.sort(base);
                Arrays.sort(old);
                double usPerKib = mine[1] / 1000.0 / (size / 1024.0);
                double ratio = mine[1] / base[1];
                if (ratio > worst) {
                    worst = ratio;
                    worstName = shape.name() + " @ " + size / 1024 + " KiB";
                }
                line.append(String.format(Locale.ROOT, " %11.2f %6.2f", usPerKib, ratio));
                if (withOld) {
                    line.append(String.format(Locale.ROOT, " %11.2f %8.2f", old[1] / 1000.0 / (size / 1024.0), old[1] / mine[1]));
                }
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "worst: %.2fx plain text (%s); target <= 3x%n", worst, worstName);
        System.out.println("old = the reference engine (issue 13's, with every later detection change mirrored in; ReferenceScanner with its census), same input, same rounds");
    }

    private static long sink;

    /** Median CPU nanoseconds per scan of {@code input}. */
    private static double measure(String input, long budgetNanos, Function<String, List<Finding>> engine) {
        long end = System.nanoTime() + budgetNanos / 2;
        while (System.nanoTime() < end) {
            sink += engine.apply(input).size(); // warm-up
        }
        int batch = Math.max(1, (int) (400_000 / input.length()));
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] samples = new double[64];
        int count = 0;
        end = System.nanoTime() + budgetNanos / 2;
        while (count < samples.length && (System.nanoTime() < end || count < 5)) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                sink += engine.apply(input).size();
            }
            samples[count++] = (cpu.getCurrentThreadCpuTime() - t0) / (double) batch;
        }
        double[] s = Arrays.copyOf(samples, count);
        Arrays.sort(s);
        return s[count / 2];
    }
}
