package org.privacymetrics.core.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An identifier-shaped value (an event name: one word of printable ASCII, its words joined by {@code _ . : -}) read
 * as the engine reads free text, and again with its joiners read as blanks or dots. A value with a blank or a character
 * outside printable ASCII is free text and read only as it is.
 *
 * <p>In free text the engine reads a grouped number glued to a word by its own separator as part of the word (build
 * ids, file names, UUID-like keys: {@code pay-4111-1111-1111-1111} is left) and underscores as no separator at all. An
 * event name is made of words joined that way, and a legitimate one holds no card, phone number, SSN, IBAN or address
 * among them: {@code pay_4111_1111_1111_1111}, {@code sms_415_555_0133} or {@code ip_203_0_113_22} is personal data
 * written into the one field every dashboard groups by. So a name is scanned four ways: as it is; with {@code _} and
 * {@code :} as blanks (the dots and dashes inside addresses, dates and phone numbers kept); with every joiner as a
 * blank; with {@code _} as a dot (an address written with underscores). Each reading has the name's length and its
 * characters at the same places, so every finding is a span of the name itself; the findings are merged as
 * {@link PiiScanner#scan(CharSequence, Set)} merges its own.
 */
public final class NameReading {

    private NameReading() {
    }

    /** The name's findings of the given kinds in any of its readings, ordered by start, not overlapping. */
    public static List<Finding> scan(String name, Set<PiiKind> kinds) {
        List<Finding> all = new ArrayList<>(PiiScanner.scan(name, kinds));
        for (String reading : readings(name)) {
            all.addAll(PiiScanner.scan(reading, kinds));
        }
        return merged(all);
    }

    /**
     * The other readings of {@code name} (without the name itself): only those that differ from it; none when it is
     * not identifier-shaped (a blank or a character outside printable ASCII: free text, read as it is).
     */
    public static List<String> readings(String name) {
        if (!isIdentifier(name)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(3);
        add(out, name, name.replace('_', ' ').replace(':', ' '));
        add(out, name, joinersAsBlanks(name));
        add(out, name, underscoresAsDots(name));
        return out;
    }

    /**
     * Every joiner as a blank, but a point between two digits (a decimal or a version: {@code ratio_0.5488135039273248}
     * as {@code ratio 0 5488135039273248} was a card one time in 30; since {@code fp8}). A card or phone number grouped
     * by points is read as such once the joiner before it is a blank ({@code card 4111.1111.1111.1111}).
     */
    private static String joinersAsBlanks(String name) {
        char[] c = name.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch == '_' || ch == ':' || ch == '-'
                    || ch == '.' && !(i > 0 && i + 1 < c.length && isDigit(name.charAt(i - 1)) && isDigit(name.charAt(i + 1)))) {
                c[i] = ' ';
            }
        }
        return new String(c);
    }

    /**
     * {@code _} as a dot (an address written with underscores: {@code ip_203_0_113_22}), but not inside a chain of
     * digit runs joined by {@code _} (and {@code .}) that is no address written so (since {@code fp8}): every run one
     * digit ({@code level_1_2_3_4_complete}, {@code step_1_1_1_1}: counters), runs that go up
     * ({@code video_progress_25_50_75_100}, {@code room_101_102_103_104}, {@code level_10_20_30_40}: milestones and
     * lists), a chain that mixes {@code _} and {@code .} ({@code temp_21.5_22.1}: decimals), a version
     * ({@code app_version_4_12_0_1}, {@code v_1_2_3_4}, {@code app_v4_12_0_1}: after {@code v}, {@code ver} or
     * {@code version}); since {@code ipname9} four parts of at most two digits ({@code level_1_20_30_4}: counters and
     * levels; {@code login_10_0_0_5} is left for that reason), and none of these after a word naming an address
     * ({@code ip_10_20_30_40}, {@code client_ip_1_2_3_4}, {@code from_…}, {@link #addressBefore}). One pass: each chain
     * is read once, then its underscores are kept or made dots.
     */
    private static String underscoresAsDots(String name) {
        char[] c = name.toCharArray();
        int n = c.length;
        int i = 0;
        while (i < n) {
            if (!isDigit(c[i])) {
                if (c[i] == '_') {
                    c[i] = '.';
                }
                i++;
                continue;
            }
            // a chain: digit runs joined by single '_' or '.', from i to end (exclusive)
            int start = i;
            int longest = 0;
            int parts = 0;
            boolean dot = false;
            boolean up = true;
            int prev = -1;
            int end = i;
            while (true) {
                int run = end;
                int v = 0;
                while (run < n && isDigit(c[run])) {
                    v = Math.min(v * 10 + c[run] - '0', 100_000);
                    run++;
                }
                longest = Math.max(longest, run - end);
                up &= v > prev;
                prev = v;
                parts++;
                end = run;
                if (end + 1 < n && (c[end] == '_' || c[end] == '.') && isDigit(c[end + 1])) {
                    dot |= c[end] == '.';
                    end++;
                } else {
                    break;
                }
            }
            // since ipname9: after a word naming an address every chain of four parts is read with dots (ip_10_20_30_40, client_ip_1_1_1_1);
            // without one, four parts of at most two digits are counters or levels, not an address (level_1_20_30_4)
            boolean address = parts == 4 && addressBefore(c, start);
            boolean keep = !address && parts > 1
                    && (longest == 1 || dot || up && parts >= 3 || versionBefore(c, start) || parts == 4 && longest <= 2);
            for (int k = start; k < end; k++) {
                if (c[k] == '_' && !keep) {
                    c[k] = '.';
                }
            }
            i = end;
        }
        return new String(c);
    }

    /** The words that name an address before its parts in an event name (since {@code ipname9}). */
    private static final Set<String> ADDRESS_WORDS = Set.of("ip", "ipv4", "ip4", "addr", "address", "host", "client", "src",
            "dst", "peer", "remote", "from");

    /**
     * Whether the letters just before {@code s[start]} (glued, or before one joiner) name an address: one of
     * {@link #ADDRESS_WORDS} in any case ({@code ip_10_20_30_40}, {@code client_ip_…}, {@code login_from_…},
     * {@code HOST_…}), or a word whose last camel hump is {@code Ip} or {@code IP} ({@code clientIp_…}, {@code srcIP_…}).
     */
    private static boolean addressBefore(char[] s, int start) {
        int e = start > 0 && (s[start - 1] == '_' || s[start - 1] == '.') ? start - 1 : start;
        int b = e;
        while (b > 0 && isAsciiLetter(s[b - 1]) && e - b < 16) {
            b--;
        }
        if (b == e || b > 0 && isAsciiLetter(s[b - 1])) {
            return false;
        }
        String w = new String(s, b, e - b);
        boolean hump = e - b >= 3 && s[e - 2] == 'I' && (s[e - 1] == 'p' || s[e - 1] == 'P') && s[e - 3] >= 'a' && s[e - 3] <= 'z';
        return hump || ADDRESS_WORDS.contains(w.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Whether the letters just before {@code s[start]} (glued, or before one joiner) are {@code v}, {@code ver} or {@code version}. */
    private static boolean versionBefore(char[] s, int start) {
        int e = start > 0 && (s[start - 1] == '_' || s[start - 1] == '.') ? start - 1 : start; // c[start - 1] may be '.' already
        int b = e;
        while (b > 0 && Character.isLetter(s[b - 1]) && e - b < 8) {
            b--;
        }
        String w = new String(s, b, e - b).toLowerCase(java.util.Locale.ROOT);
        return (b == 0 || !Character.isLetter(s[b - 1])) && (w.equals("v") || w.equals("ver") || w.equals("version"));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code v} is one word of printable ASCII (no blank, nothing outside ASCII) and not empty. */
    static boolean isIdentifier(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static void add(List<String> out, String name, String reading) {
        if (!reading.equals(name) && !out.contains(reading)) {
            out.add(reading);
        }
    }

    /** Overlapping findings as one span, reported as the kind first in {@link PiiKind}'s order. */
    private static List<Finding> merged(List<Finding> all) {
        if (all.size() < 2) {
            return all;
        }
        all.sort(Comparator.comparingInt(Finding::start));
        List<Finding> out = new ArrayList<>(all.size());
        Finding cur = all.get(0);
        for (int i = 1; i < all.size(); i++) {
            Finding f = all.get(i);
            if (f.start() < cur.end()) {
                PiiKind k = f.kind().ordinal() < cur.kind().ordinal() ? f.kind() : cur.kind();
                cur = new Finding(k, cur.start(), Math.max(cur.end(), f.end()));
            } else {
                out.add(cur);
                cur = f;
            }
        }
        out.add(cur);
        return out;
    }
}
