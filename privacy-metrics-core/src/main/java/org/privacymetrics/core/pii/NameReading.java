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
        add(out, name, name.replace('_', ' ').replace(':', ' ').replace('.', ' ').replace('-', ' '));
        add(out, name, name.replace('_', '.'));
        return out;
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
