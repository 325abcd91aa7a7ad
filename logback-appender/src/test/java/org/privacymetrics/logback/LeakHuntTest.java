package org.privacymetrics.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.privacymetrics.logback.event.EventDrop;
import org.privacymetrics.logback.id.MetricsIds;
import org.privacymetrics.logback.id.MetricsSecret;
import org.privacymetrics.logback.id.Rotation;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Contract 6 of issue 14: ordinary logging calls with random uids — long, short, numeric, Unicode, with whitespace —
 * and other users' ids spread over every channel (message arguments, structured arguments, MDC, key-value pairs,
 * markers, exceptions and stack frames, thread and logger names, context properties, allowed keys, throwing
 * {@code toString()}; other users' ids in allowed keys only in one with a closed value set: a free-text allowed value
 * cannot be told from another user's id), encoded with LogstashEncoder (defaults) and a composite encoder with every event provider. No
 * rendering of any uid may appear in the output bytes, on stdout/stderr or in status messages, and every legitimate
 * event must arrive with the spec metrics id of its uid. The seed is fixed (override with {@code -Dleakhunt.seed=}).
 */
class LeakHuntTest {

    static final int CALLS = Integer.getInteger("leakhunt.calls", 100_000);
    static final int USERS = 3_000;
    static final long SEED = Long.getLong("leakhunt.seed", 20261201L);
    static final String SECRET = MetricsIdAppenderTest.SECRET;
    static final String[] EVENTS = {"login", "signup", "page_view", "file_synced", "logout", "quota:exceeded", "sync.v2-started"};
    /** Renderings shorter than this are not searched for: a 1 to 3 character uid occurs in any text. */
    static final int SEARCHED_LENGTH = 12;
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ACCENTED = "aeiouäöüéèàçñøåßÄÖÜÉŁżźœæ0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind { LONG, NUMERIC, UNICODE, WHITESPACE, SHORT }

    record User(String uid, Kind kind) {
        boolean searched() {
            return kind != Kind.SHORT;
        }
    }

    record Expected(String uid, String event, boolean premium, boolean team) {
    }

    /** An argument whose rendering fails, quoting the uid, as SLF4J would print it to stderr when formatting. */
    static final class Bomb {
        final String uid;

        Bomb(String uid) {
            this.uid = uid;
        }

        @Override
        public String toString() {
            throw new IllegalStateException("cannot render " + uid);
        }
    }

    @Test
    void noRenderingOfAnyUidLeavesAndEveryLegitimateEventArrivesWithItsMetricsId(@TempDir Path dir) throws Exception {
        Random rnd = new Random(SEED);
        List<User> users = population(rnd);
        Path secretFile = dir.resolve("secret");
        Files.writeString(secretFile, SECRET);
        Path logstash = dir.resolve("logstash.json");
        Path composite = dir.resolve("composite.json");
        LoggerContext ctx = configure(Map.of("OUT_LOGSTASH", logstash.toString(), "OUT_COMPOSITE", composite.toString(),
                "SECRET_FILE", secretFile.toString()));
        MetricsIdAppender metrics = (MetricsIdAppender) ctx.getLogger("usage").getAppender("METRICS");
        assertThat(metrics.isStarted()).isTrue();

        List<Expected> expected = new ArrayList<>();
        Map<EventDrop, Integer> expectedDrops = new EnumMap<>(EventDrop.class);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out0 = System.out;
        PrintStream err0 = System.err;
        String thread0 = Thread.currentThread().getName();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        System.setOut(capture);
        System.setErr(capture);
        try {
            for (int i = 0; i < CALLS; i++) {
                User self = users.get(rnd.nextInt(users.size()));
                User other = users.get(rnd.nextInt(users.size()));
                if (other == self) {
                    other = users.get((users.indexOf(self) + 1) % users.size());
                }
                EventDrop drop = logOne(rnd, ctx, self, other, expected);
                if (drop != null) {
                    expectedDrops.merge(drop, 1, Integer::sum);
                }
                MDC.clear();
            }
        } finally {
            System.setOut(out0);
            System.setErr(err0);
            Thread.currentThread().setName(thread0);
            MDC.clear();
        }
        long t1 = System.nanoTime();
        MetricsIdAppender.Stats stats = metrics.getStats();
        String statuses = ctx.getStatusManager().getCopyOfStatusList().stream().map(Status::toString).collect(Collectors.joining("\n"));
        ctx.stop();

        // Legitimate events: all there, in order, with the spec metrics id of their uid and their event name.
        MetricsIds ids = MetricsIds.of(MetricsSecret.fromBase64(SECRET), Rotation.MONTH);
        List<String> lines = Files.readAllLines(logstash, StandardCharsets.UTF_8);
        List<String> compositeLines = Files.readAllLines(composite, StandardCharsets.UTF_8);
        assertThat(expected.size()).isGreaterThan(CALLS / 2);
        assertThat(lines).hasSize(expected.size());
        assertThat(compositeLines).hasSize(expected.size());
        Set<String> allowedOutput = new HashSet<>(MetricsIdAppenderTest.DEFAULT_ENCODER_KEYS);
        allowedOutput.addAll(Set.of("plan", "note", "count", "tier"));
        int premium = 0;
        int team = 0;
        for (int i = 0; i < lines.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = JSON.readValue(lines.get(i), Map.class);
            Expected e = expected.get(i);
            String epoch = (String) json.get("metrics_epoch");
            assertThat(epoch).isEqualTo(ids.epoch(Instant.parse((String) json.get("@timestamp"))));
            assertThat(json.get("metrics_id")).as("line %d", i).isEqualTo(ids.metricsIdInEpoch(e.uid(), epoch));
            assertThat(json.get("event")).as("line %d", i).isEqualTo(e.event());
            assertThat(json.get("message")).isEqualTo(e.event());
            assertThat(json.keySet()).isSubsetOf(allowedOutput);
            if ("premium".equals(json.get("plan"))) {
                premium++;
            }
            if (json.containsKey("tier")) {
                assertThat(json.get("tier")).isEqualTo("team");
                team++;
            }
        }
        assertThat(premium).isEqualTo((int) expected.stream().filter(Expected::premium).count());
        assertThat(team).isEqualTo((int) expected.stream().filter(Expected::team).count());
        assertThat(stats.forwarded()).isEqualTo(expected.size());
        assertThat(stats.droppedEvents()).isEqualTo(expectedDrops.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, en -> (long) en.getValue())));

        // No rendering of any uid anywhere.
        String everything = Files.readString(logstash, StandardCharsets.UTF_8) + "\n" + Files.readString(composite, StandardCharsets.UTF_8)
                + "\n" + console.toString(StandardCharsets.UTF_8) + "\n" + statuses;
        long t2 = System.nanoTime();
        List<String> leaks = leaks(everything, renderings(users));
        System.err.printf(Locale.ROOT, "leak hunt: %,d calls (%,d forwarded) logged in %.1f s, checked in %.1f s, %,d chars searched in %.1f s; %s%n",
                CALLS, expected.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, everything.length(), (System.nanoTime() - t2) / 1e9, stats);
        assertThat(leaks).as("uid renderings found in the output").isEmpty();
        // The search itself works: it finds renderings planted in a copy of the output.
        User probe = users.stream().filter(u -> u.kind() == Kind.UNICODE).findFirst().orElseThrow();
        assertThat(leaks(lines.get(0) + nfd(probe.uid()).toUpperCase(Locale.ROOT), renderings(users))).isNotEmpty();
    }

    // ------------------------------------------------------------------ one logging call

    /** Logs one call; returns the reason it must be dropped, or null when it is legitimate (then added to expected). */
    private static EventDrop logOne(Random rnd, LoggerContext ctx, User self, User other, List<Expected> expected) {
        // Channels that never carry the uid of record: context property, thread and logger name, MDC, markers, ...
        ctx.putProperty("LAST_USER", rnd.nextBoolean() ? self.uid() : other.uid());
        Thread.currentThread().setName(rnd.nextBoolean() ? "req-" + rendering(rnd, self.uid()) : "worker-" + other.uid());
        Logger logger = rnd.nextInt(20) == 0 ? ctx.getLogger("usage." + self.uid().strip()) : ctx.getLogger("usage");
        MDC.put("friend", other.uid());
        MDC.put("session", rendering(rnd, self.uid()));
        LoggingEventBuilder b = logger.atInfo();
        b.addKeyValue("friend", other.uid());
        b.addKeyValue("shadow", rendering(rnd, self.uid()));
        b.addArgument(rendering(rnd, self.uid()));
        b.addArgument(rnd.nextBoolean() ? new Bomb(self.uid()) : other.uid());
        b.addArgument(StructuredArguments.kv("peer", other.uid()));
        b.addArgument(StructuredArguments.entries(Map.of("buddy", other.uid(), "alias", rendering(rnd, self.uid()))));
        b.addMarker(Markers.append("friend", rendering(rnd, other.uid())));
        b.addMarker(MarkerFactory.getDetachedMarker("m-" + self.uid()));
        if (rnd.nextInt(10) < 3) {
            b.setCause(leakyException(self.uid(), other.uid()));
        }
        int scenario = rnd.nextInt(100);
        if (scenario < 70) {
            return legit(rnd, b, self, other, expected);
        }
        if (scenario < 78) { // another user's id in a second uid channel
            MDC.put("uid", self.uid());
            b.addKeyValue("uid", other.uid());
            b.addKeyValue("event", "login");
            b.log("user {} logged in as {}");
            return EventDrop.CONFLICTING_UID;
        }
        if (scenario < 84) {
            b.addKeyValue("uid", List.of(" ", "", "\t\n", "\u00a0").get(rnd.nextInt(4)).strip().isEmpty() ? " " : "");
            b.log("login");
            return EventDrop.INVALID_UID;
        }
        if (scenario < 92) {
            b.addKeyValue("uid", self.uid());
            if (rnd.nextBoolean()) {
                b.addKeyValue("event", "login for " + rendering(rnd, self.uid()));
                b.log("login");
            } else {
                b.log("login {} {}");
            }
            return EventDrop.INVALID_EVENT;
        }
        if (scenario < 96) {
            b.addKeyValue("event", "login");
            b.log("login");
            return EventDrop.MISSING_UID;
        }
        b.addKeyValue("uid", new Bomb(self.uid()));
        b.log("login");
        return EventDrop.INVALID_UID;
    }

    private static EventDrop legit(Random rnd, LoggingEventBuilder b, User self, User other, List<Expected> expected) {
        // The uid in one or several agreeing channels; numeric uids also as numbers.
        int channels = 1 + rnd.nextInt(31);
        if ((channels & 1) != 0) {
            MDC.put("uid", self.uid());
        }
        if ((channels & 2) != 0) {
            b.addKeyValue("uid", self.kind() == Kind.NUMERIC && rnd.nextBoolean() ? (Object) Long.parseLong(self.uid()) : self.uid());
        }
        if ((channels & 4) != 0) {
            b.addArgument(StructuredArguments.kv("uid", self.uid()));
        }
        if ((channels & 8) != 0) {
            b.addMarker(Markers.append("uid", self.uid()));
        }
        if ((channels & 16) != 0) {
            b.addArgument(StructuredArguments.entries(Map.of("uid", self.uid())));
        }
        // Allowed keys: renderings of the uid (dropped), a Bomb (dropped), or ordinary values (kept).
        boolean premium = false;
        switch (rnd.nextInt(4)) {
            case 0 -> b.addKeyValue("plan", rendering(rnd, self.uid()));
            case 1 -> b.addKeyValue("plan", new Bomb(self.uid()));
            case 2 -> {
                b.addKeyValue("plan", "premium");
                premium = true;
            }
            default -> { }
        }
        // A key with a closed value set: other users' ids and uid renderings never pass it.
        boolean team = false;
        switch (rnd.nextInt(3)) {
            case 0 -> b.addKeyValue("tier", other.uid());
            case 1 -> b.addKeyValue("tier", rendering(rnd, self.uid()));
            default -> {
                b.addKeyValue("tier", "team");
                team = true;
            }
        }
        b.addKeyValue("note", rnd.nextBoolean() ? ("vip-" + self.uid()).toUpperCase(Locale.ROOT) : "opened page 7 of 17 at 07:00");
        b.addKeyValue("count", self.kind() == Kind.NUMERIC && rnd.nextBoolean() ? Long.parseLong(self.uid()) : rnd.nextInt(1000));
        String event = EVENTS[rnd.nextInt(EVENTS.length)];
        switch (rnd.nextInt(5)) {
            case 0 -> {
                MDC.put("event", event);
                b.log("{} did {} ({})");
            }
            case 1 -> {
                b.addMarker(Markers.append("event", event));
                b.log("{} did {} ({})");
            }
            case 2 -> b.log(event);
            default -> {
                b.addKeyValue("event", event);
                b.log("{} did {} ({})");
            }
        }
        expected.add(new Expected(self.uid(), event, premium, team));
        return null;
    }

    /** An exception whose stack frames are set by the test (no stack walk, which would dominate the run time). */
    static final class Leaky extends RuntimeException {
        Leaky(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static Exception leakyException(String uid, String other) {
        Exception cause = new Leaky("lookup of " + other + " failed", null);
        cause.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.example.Users$" + other.strip(), "find", other.strip() + ".java", 7)});
        Exception e = new Leaky("user " + uid.toUpperCase(Locale.ROOT) + " could not sync", cause);
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.Sync_" + uid.strip(), "handle_" + uid.strip(), uid.strip() + ".java", 42),
            new StackTraceElement("com.example.Main", "main", "Main.java", 1)});
        e.addSuppressed(new Leaky(URLEncoder.encode(uid, StandardCharsets.UTF_8), null));
        return e;
    }

    /** One of the ways a uid gets written: as it is, case-changed, trimmed, encoded, escaped, normalized, embedded. */
    static String rendering(Random rnd, String uid) {
        return switch (rnd.nextInt(9)) {
            case 0 -> uid;
            case 1 -> uid.toUpperCase(Locale.ROOT);
            case 2 -> uid.toLowerCase(Locale.ROOT);
            case 3 -> URLEncoder.encode(uid, StandardCharsets.UTF_8);
            case 4 -> Base64.getEncoder().encodeToString(uid.getBytes(StandardCharsets.UTF_8));
            case 5 -> jsonEscaped(uid, true);
            case 6 -> nfd(uid);
            case 7 -> " " + uid.strip() + "\n";
            default -> "pre-" + uid + "-post";
        };
    }

    // ------------------------------------------------------------------ the search

    /** Every rendering of every searched uid, at least {@link #SEARCHED_LENGTH} long. */
    static Set<String> renderings(List<User> users) {
        Set<String> out = new HashSet<>();
        for (User u : users) {
            if (!u.searched()) {
                continue;
            }
            for (String s : distinct(u.uid(), u.uid().strip())) {
                for (String form : distinct(s, nfd(s), Normalizer.normalize(s, Normalizer.Form.NFC))) {
                    for (String c : distinct(form, form.toUpperCase(Locale.ROOT), form.toLowerCase(Locale.ROOT))) {
                        out.add(c);
                        out.add(URLEncoder.encode(c, StandardCharsets.UTF_8));
                        out.add(Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)));
                        out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(c.getBytes(StandardCharsets.UTF_8)));
                        out.add(jsonEscaped(c, false));
                        out.add(jsonEscaped(c, true));
                    }
                }
            }
        }
        out.removeIf(r -> r.length() < SEARCHED_LENGTH);
        return out;
    }

    /** Positions of renderings in {@code text}, described for the failure message. */
    static List<String> leaks(String text, Set<String> renderings) {
        Map<String, List<String>> byPrefix = new HashMap<>();
        BitSet prefixHashes = new BitSet(1 << 24);
        for (String r : renderings) {
            String prefix = r.substring(0, SEARCHED_LENGTH);
            byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(r);
            prefixHashes.set(prefix.hashCode() & 0xFFFFFF);
        }
        // A rolling String.hashCode() over every window of SEARCHED_LENGTH chars filters the positions to look at.
        int outFactor = 1;
        for (int i = 1; i < SEARCHED_LENGTH; i++) {
            outFactor *= 31;
        }
        List<String> found = new ArrayList<>();
        int h = 0;
        for (int i = 0; i < text.length() && found.size() < 20; i++) {
            if (i >= SEARCHED_LENGTH) {
                h -= text.charAt(i - SEARCHED_LENGTH) * outFactor;
            }
            h = 31 * h + text.charAt(i);
            int start = i - SEARCHED_LENGTH + 1;
            if (start < 0 || !prefixHashes.get(h & 0xFFFFFF)) {
                continue;
            }
            List<String> candidates = byPrefix.get(text.substring(start, start + SEARCHED_LENGTH));
            if (candidates != null) {
                for (String r : candidates) {
                    if (text.startsWith(r, start)) {
                        int from = Math.max(0, start - 80);
                        found.add("[" + r + "] in: " + text.substring(from, Math.min(text.length(), start + r.length() + 80)));
                    }
                }
            }
        }
        return found;
    }

    private static Set<String> distinct(String... values) {
        return new HashSet<>(List.of(values));
    }

    static String nfd(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD);
    }

    /** The JSON string escaping of {@code s} (without quotes); with {@code ascii}, non-ASCII characters as \\uXXXX. */
    static String jsonEscaped(String s, boolean ascii) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || (ascii && c > 0x7e)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ set-up

    static List<User> population(Random rnd) {
        Map<String, User> users = new LinkedHashMap<>();
        while (users.size() < USERS) {
            Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
            String uid = switch (kind) {
                case LONG -> "u-" + random(rnd, ALNUM, 20);
                case NUMERIC -> String.valueOf(1 + rnd.nextInt(9)) + random(rnd, "0123456789", 14 + rnd.nextInt(4));
                case UNICODE -> Normalizer.normalize("Ü-" + random(rnd, ACCENTED, 13), rnd.nextBoolean() ? Normalizer.Form.NFC : Normalizer.Form.NFD);
                case WHITESPACE -> List.of(" ", "\t", "  ").get(rnd.nextInt(3)) + "w-" + random(rnd, ALNUM, 16) + List.of("\n", " ", "").get(rnd.nextInt(3));
                case SHORT -> random(rnd, ALNUM, 1 + rnd.nextInt(3));
            };
            users.putIfAbsent(uid, new User(uid, kind));
        }
        return new ArrayList<>(users.values());
    }

    private static String random(Random rnd, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static LoggerContext configure(Map<String, String> properties) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.setName("leak-hunt");
        ctx.setMDCAdapter(MDC.getMDCAdapter());
        properties.forEach(ctx::putProperty);
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(ctx);
        try (InputStream in = LeakHuntTest.class.getResourceAsStream("LeakHuntTest.xml")) {
            c.doConfigure(in);
        }
        assertThat(ctx.getStatusManager().getCopyOfStatusList()).filteredOn(s -> s.getLevel() >= Status.ERROR).isEmpty();
        return ctx;
    }
}
