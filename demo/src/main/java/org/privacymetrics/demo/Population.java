package org.privacymetrics.demo;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A synthetic population of account holders and the usage events they cause in three services over a range of months.
 *
 * <p>The generator keeps its own books: {@link #truth(YearMonth)} answers the demo's questions from what it generated, never
 * from Elasticsearch, so the noised answers can be compared with a truth that did not pass through the system under test.
 * The population is deterministic for a given seed; that is demo data, not a privacy mechanism.
 */
public final class Population {

    /** The services of the demo, in the order they are printed. */
    public static final List<String> SERVICES = List.of("sync", "hello", "readinglist");

    /** One usage event as a service would log it. */
    public record Event(String service, String uid, String event, String userAgent, Instant timestamp) {
    }

    /** What the generator knows about one month. */
    public record Truth(int signups, Map<String, Integer> usersPerService, int mobileLoginUsers, int multiServiceUsers,
                        long events) {
    }

    private static final String UA_MOBILE =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private static final String UA_ANDROID =
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36";
    private static final String UA_TABLET =
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private static final String UA_DESKTOP =
            "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";

    private final List<YearMonth> months;
    private final Map<YearMonth, List<Event>> events = new HashMap<>();
    private final Map<YearMonth, Truth> truths = new HashMap<>();

    private Population(List<YearMonth> months) {
        this.months = List.copyOf(months);
    }

    /**
     * Generates {@code users} accounts active over {@code months}.
     *
     * <p>Shares (per month): 85 % of accounts are active; each active account uses sync with probability 0.75, hello 0.35
     * and readinglist 0.30 (at least one), so roughly a third uses more than one service; 40 % log in from a phone, 10 %
     * from a tablet; about 8 % of accounts sign up in each month.
     */
    public static Population generate(int users, List<YearMonth> months, long seed) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, got [" + users + "]");
        }
        Population p = new Population(months);
        Random rnd = new Random(seed);
        List<String> uids = new ArrayList<>(users);
        int[] signupMonth = new int[users]; // index into months, or -1 for accounts older than the range
        for (int i = 0; i < users; i++) {
            uids.add(String.format(Locale.ROOT, "%016x%016x", rnd.nextLong(), rnd.nextLong()));
            double r = rnd.nextDouble();
            int m = (int) (r / 0.08);
            signupMonth[i] = m < months.size() ? m : -1;
        }
        for (int mi = 0; mi < months.size(); mi++) {
            YearMonth month = months.get(mi);
            List<Event> out = new ArrayList<>();
            int signups = 0;
            int mobileLogin = 0;
            int multi = 0;
            Map<String, Integer> perService = new HashMap<>();
            SERVICES.forEach(s -> perService.put(s, 0));
            for (int i = 0; i < users; i++) {
                if (signupMonth[i] > mi) {
                    continue; // not yet an account holder
                }
                boolean signsUp = signupMonth[i] == mi;
                if (!signsUp && rnd.nextDouble() >= 0.85) {
                    continue; // inactive this month
                }
                String uid = uids.get(i);
                double d = rnd.nextDouble();
                String ua = d < 0.30 ? UA_MOBILE : d < 0.40 ? UA_ANDROID : d < 0.50 ? UA_TABLET : UA_DESKTOP;
                boolean mobile = d < 0.40;
                Set<String> used = new HashSet<>();
                if (rnd.nextDouble() < 0.75) used.add("sync");
                if (rnd.nextDouble() < 0.35) used.add("hello");
                if (rnd.nextDouble() < 0.30) used.add("readinglist");
                if (used.isEmpty()) used.add(SERVICES.get(rnd.nextInt(SERVICES.size())));
                if (signsUp) {
                    out.add(new Event("sync", uid, "signup", ua, at(month, rnd)));
                    used.add("sync");
                    signups++;
                }
                int logins = 1 + rnd.nextInt(3);
                for (int l = 0; l < logins; l++) {
                    out.add(new Event("sync", uid, "login", ua, at(month, rnd)));
                }
                used.add("sync");
                if (mobile) mobileLogin++;
                for (String s : used) {
                    int n = 1 + rnd.nextInt(4);
                    String ev = s.equals("readinglist") ? "save_item" : "call";
                    for (int k = 0; k < n; k++) {
                        out.add(new Event(s, uid, ev, ua, at(month, rnd)));
                    }
                    perService.merge(s, 1, Integer::sum);
                }
                if (used.size() >= 2) multi++;
            }
            Collections.shuffle(out, rnd);
            p.events.put(month, out);
            p.truths.put(month, new Truth(signups, Map.copyOf(perService), mobileLogin, multi, out.size()));
        }
        return p;
    }

    private static Instant at(YearMonth month, Random rnd) {
        long start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).getEpochSecond();
        long end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).getEpochSecond();
        // Keep clear of the month's edges by a minute so clock skew cannot move an event into the next window.
        long s = start + 60 + (long) (rnd.nextDouble() * (end - start - 120));
        return Instant.ofEpochSecond(s, rnd.nextInt(1000) * 1_000_000L);
    }

    /** The generated months, oldest first. */
    public List<YearMonth> months() {
        return months;
    }

    /** Every event of {@code month}, in the order they are sent. */
    public List<Event> events(YearMonth month) {
        return Collections.unmodifiableList(events.getOrDefault(month, List.of()));
    }

    /** Passes every event of every month to {@code sink}, oldest month first. */
    public void forEach(Consumer<Event> sink) {
        months.forEach(m -> events(m).forEach(sink));
    }

    /** Total number of events. */
    public long size() {
        return events.values().stream().mapToLong(List::size).sum();
    }

    /** The generator's own answers for {@code month}. */
    public Truth truth(YearMonth month) {
        Truth t = truths.get(month);
        if (t == null) {
            throw new IllegalArgumentException("month [" + month + "] was not generated");
        }
        return t;
    }
}
