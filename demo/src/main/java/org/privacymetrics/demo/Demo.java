package org.privacymetrics.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.privacymetrics.testnode.ElasticsearchNode;
import org.privacymetrics.testnode.NodeHttp;
import org.slf4j.event.KeyValuePair;

/**
 * The end-to-end demo: a real Elasticsearch node with the plugin, three sample services logging a synthetic population
 * through {@code MetricsIdAppender} into the Elasticsearch transport, the monthly noised rollups, and a table of the
 * answers next to the generator's own truth.
 *
 * <p>Options: {@code --users N} (default 20000), {@code --seed S}, {@code --keep} (leave the node running until
 * interrupted), {@code --workdir DIR} (node files; default: system property {@code demo.workdir}, else
 * {@code target/demo-node}), {@code --previews DIR} / {@code --no-previews} (where to render the dashboard previews;
 * default: system property {@code demo.previews}). The distribution and plugin zips
 * come from the system properties {@code privacy.es.zip} and {@code privacy.es.plugin}, which {@code demo.sh} sets.
 */
public final class Demo {

    /**
     * The rollup jobs the dashboards read (kibana-dashboards/jobs/*.json, bundled into the demo jar): the demo runs
     * exactly what an operator would install, so the dashboard previews show the demo's numbers.
     */
    static final List<String> JOBS = List.of("services", "signups", "logins");

    /** Epsilon per user per month spent by those jobs together (must match the job files; the default budget is 1.0). */
    static final String JOBS_NOTE = "epsilon per user per month: services 0.3 + events 0.1 + multi-service 0.2 + sign-ups 0.2 + logins 0.2 = 1.0";

    private final Options options;
    private final PrintStream out;

    /** Parsed command line. */
    record Options(int users, long seed, boolean keep, Path workDir, Path previews, Path esZip, Path pluginZip) {
        static Options parse(String[] args) {
            int users = 20_000;
            long seed = 20261122L;
            boolean keep = false;
            Path workDir = Paths.get(System.getProperty("demo.workdir", "target/demo-node"));
            Path previews = System.getProperty("demo.previews") == null ? null : Paths.get(System.getProperty("demo.previews"));
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--users" -> users = Integer.parseInt(value(args, ++i, "--users"));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--keep" -> keep = true;
                    case "--workdir" -> workDir = Paths.get(value(args, ++i, "--workdir"));
                    case "--previews" -> previews = Paths.get(value(args, ++i, "--previews"));
                    case "--no-previews" -> previews = null;
                    default -> throw new IllegalArgumentException("unknown option [" + args[i]
                            + "]; use --users N, --seed S, --keep, --workdir DIR, --previews DIR, --no-previews");
                }
            }
            if (users < 100) {
                throw new IllegalArgumentException("option [--users] must be at least 100, got [" + users + "]");
            }
            return new Options(users, seed, keep, workDir.toAbsolutePath(), previews == null ? null : previews.toAbsolutePath(),
                    requiredFile("privacy.es.zip"), requiredFile("privacy.es.plugin"));
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option [" + name + "] needs a value");
            }
            return args[i];
        }

        private static Path requiredFile(String property) {
            String v = System.getProperty(property);
            if (v == null || v.isBlank() || !Files.isRegularFile(Paths.get(v))) {
                throw new IllegalArgumentException("system property [" + property + "] must name an existing file, got [" + v + "]; run ./demo.sh");
            }
            return Paths.get(v);
        }
    }

    /** What a demo run produced, for tests. */
    record Result(Map<YearMonth, Report> reports, long eventsSent, long eventsStored, List<Path> previews) {
    }

    Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Demo(options, System.out).run();
        System.exit(0);
    }

    Result run() throws Exception {
        YearMonth current = YearMonth.now(Clock.systemUTC());
        List<YearMonth> months = List.of(current.minusMonths(2), current.minusMonths(1));
        out.printf(Locale.ROOT, "Generating %,d synthetic users over %s and %s%n", options.users(), months.get(0), months.get(1));
        Population population = Population.generate(options.users(), months, options.seed());

        SecureRandom random = new SecureRandom();
        String edgeSecret = Base64.getEncoder().encodeToString(random.generateSeed(32));
        String rekeySecret = Base64.getEncoder().encodeToString(random.generateSeed(32));

        out.println("Starting a real Elasticsearch node with the privacy-metrics plugin (data under " + options.workDir() + ")");
        ElasticsearchNode node = ElasticsearchNode.builder()
                .distribution(options.esZip())
                .plugin(options.pluginZip())
                .keystore("privacy_metrics.rekey.secret", rekeySecret)
                .workDir(options.workDir().resolve("node"))
                .heap("768m")
                // the two closed months reach back up to 92 days, and the plugin refuses events older than the retention:
                // keep them for the whole demo (default 40d)
                .setting("privacy_metrics.events.retention", "100d")
                .start();
        try {
            NodeHttp es = node.http().withTimeout(Duration.ofMinutes(10));
            out.println("Node up at " + node.baseUrl());
            es.request("POST", "/_privacy/setup", null).assertSuccess();

            Path secretFile = writeSecret(options.workDir().resolve("edge-secret"), edgeSecret);
            long sent = send(population, node.baseUrl(), secretFile);
            // raw events live in the plugin's hidden system indices .privacy-metrics-events-<epoch label>
            es.request("POST", "/.privacy-metrics-events-*/_refresh?expand_wildcards=all", null).assertSuccess();
            long stored = count(es.get("/.privacy-metrics-events-*/_count?expand_wildcards=all").body());
            out.printf(Locale.ROOT, "Elasticsearch holds %,d of %,d events (the rest were rejected or dropped and counted in GET _privacy/stats)%n",
                    stored, sent);

            Map<YearMonth, Report> reports = new LinkedHashMap<>();
            putJobs(es);
            for (YearMonth month : months) {
                reports.put(month, rollup(es, month, population.truth(month)));
            }
            reports.values().forEach(r -> r.print(out));
            out.println();
            out.println("Noised values are differentially private (" + JOBS_NOTE + ").");
            out.println("ci95: the noise stays within ± ci95 with probability at least 0.95; the truth comes from the generator, not from Elasticsearch.");

            List<Path> previews = options.previews() == null ? List.of() : Previews.render(node.baseUrl(), options.previews(), out);

            if (options.keep()) {
                out.println();
                out.println("Node left running at " + node.baseUrl() + " (rollups in privacy-rollups-*). Press Ctrl-C to stop it.");
                Thread.currentThread().join();
            }
            return new Result(reports, sent, stored, previews);
        } finally {
            out.println("Stopping the Elasticsearch node");
            node.stop();
        }
    }

    /** The edge secret goes to the services through a file readable by this user only, never through a ${} property. */
    private static Path writeSecret(Path file, String secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file stays under the demo's own work directory
        }
        Files.writeString(file, secret);
        return file;
    }

    /** Replays every event through one Logback context per service, each configured from the demo's logback.xml. */
    private long send(Population population, String esUrl, Path edgeSecretFile) throws JoranException, IOException {
        Map<String, LoggerContext> contexts = new LinkedHashMap<>();
        Map<String, Logger> loggers = new LinkedHashMap<>();
        for (String service : Population.SERVICES) {
            LoggerContext ctx = new LoggerContext();
            ctx.setName("demo-" + service);
            ctx.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
            ctx.putProperty("SERVICE", service);
            ctx.putProperty("METRICS_SECRET_FILE", edgeSecretFile.toString());
            ctx.putProperty("ES_URL", esUrl);
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(ctx);
            try (InputStream in = Demo.class.getResourceAsStream("service-logback.xml")) {
                configurator.doConfigure(in);
            }
            List<Status> errors = ctx.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.ERROR).toList();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("service [" + service + "] logging is misconfigured: " + errors);
            }
            contexts.put(service, ctx);
            loggers.put(service, ctx.getLogger("usage"));
        }
        long total = population.size();
        long[] done = {0};
        long step = Math.max(1, total / 10);
        out.printf(Locale.ROOT, "Sending %,d events from services %s through MetricsIdAppender -> Elasticsearch%n", total, Population.SERVICES);
        population.forEach(e -> {
            Logger logger = loggers.get(e.service());
            LoggingEvent ev = new LoggingEvent(Logger.FQCN, logger, Level.INFO, e.event(), null, null);
            ev.setInstant(e.timestamp());
            List<KeyValuePair> kv = new ArrayList<>(3);
            kv.add(new KeyValuePair("uid", e.uid()));
            kv.add(new KeyValuePair("event", e.event()));
            kv.add(new KeyValuePair("user_agent", e.userAgent()));
            ev.setKeyValuePairs(kv);
            logger.callAppenders(ev);
            if (++done[0] % step == 0) {
                out.printf(Locale.ROOT, "  %,d / %,d events sent (%d %%)%n", done[0], total, 100 * done[0] / total);
            }
        });
        out.println("  flushing the transports");
        List<org.privacymetrics.logback.MetricsIdAppender> appenders = contexts.values().stream()
                .map(c -> (org.privacymetrics.logback.MetricsIdAppender) c.getLogger("usage").getAppender("METRICS")).toList();
        List<org.privacymetrics.logback.transport.AsyncTransportAppender> transports = appenders.stream()
                .map(a -> (org.privacymetrics.logback.transport.AsyncTransportAppender) a.getAppender("ES")).toList();
        contexts.values().forEach(LoggerContext::stop);
        for (int i = 0; i < appenders.size(); i++) {
            out.printf(Locale.ROOT, "  %-12s MetricsIdAppender %s; Elasticsearch transport %s%n", Population.SERVICES.get(i),
                    appenders.get(i).getStats(), transports.get(i).getStats());
        }
        return total;
    }

    private static void putJobs(NodeHttp es) throws IOException {
        for (String job : JOBS) {
            try (InputStream in = Demo.class.getResourceAsStream("jobs/" + job + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("job definition [jobs/" + job + ".json] is missing from the demo jar");
                }
                es.request("PUT", "/_privacy/rollup/job/" + job, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .assertSuccess();
            }
        }
    }

    private Report rollup(NodeHttp es, YearMonth month, Population.Truth truth) {
        String start = month.atDay(1).toString();
        out.println("Running the monthly rollups for " + month);
        String services = run(es, "services", start);
        String signups = run(es, "signups", start);
        String logins = run(es, "logins", start);
        Report report = new Report("Answers for " + month + " (noised, from privacy-rollups-*)  vs  the generator's truth");
        long[] v = find(signups, Map.of("event", "signup", "measure", "users"));
        report.add("sign-ups this month", v[0], v[1], truth.signups());
        for (String s : Population.SERVICES) {
            v = find(services, Map.of("service", s, "measure", "users"));
            report.add("users of " + s, v[0], v[1], truth.usersPerService().get(s));
        }
        v = find(logins, Map.of("event", "login", "device", "mobile", "measure", "users"));
        report.add("users who logged in from a mobile device", v[0], v[1], truth.mobileLoginUsers());
        v = find(services, Map.of("measure", "multi_service_users"));
        report.add("users of more than one service", v[0], v[1], truth.multiServiceUsers());
        return report;
    }

    private String run(NodeHttp es, String job, String windowStart) {
        String runId = job + "-" + windowStart + "-demo";
        NodeHttp.Response r = es.request("POST", "/_privacy/rollup/job/" + job + "/_run",
                "{\"window_start\": \"" + windowStart + "\", \"run_id\": \"" + runId + "\"}");
        out.printf(Locale.ROOT, "  %-14s %s%n", job, r.isSuccess() ? "done" : "failed: HTTP " + r.status());
        return r.assertSuccess().body();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Finds the result whose fields match {@code where} in a {@code _run} response and returns {value, ci95}. */
    static long[] find(String runResponse, Map<String, String> where) {
        try {
            for (JsonNode r : JSON.readTree(runResponse).path("results")) {
                boolean all = where.entrySet().stream().allMatch(e -> e.getValue().equals(r.path(e.getKey()).asText(null)));
                if (all) {
                    return new long[] {Math.round(r.path("value").asDouble()), Math.round(r.path("ci95").asDouble())};
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable rollup response", e);
        }
        throw new IllegalStateException("no rollup result with " + where + " in the run response");
    }

    private static long count(String countResponse) throws IOException {
        return JSON.readTree(countResponse).path("count").asLong(-1);
    }
}
