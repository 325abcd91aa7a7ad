package org.privacymetrics.logback.transport;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.privacymetrics.logback.MetricsIdAppender;
import org.slf4j.Logger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * A stand-in for a service, run as its own JVM by the edge-fault ITs so that it can really be killed. Configures
 * Logback from a fixture ({@code MetricsIdAppender} in front of a spooled transport; {@code ${...}} from system
 * properties) and logs usage events with raw uids and known event ids.
 *
 * <p>Arguments: {@code fixture prefix count pauseAfter mode}. Logs events {@code prefix-0 .. prefix-(count-1)}, about
 * one per millisecond; after {@code pauseAfter} of them prints {@code PAUSED} and waits for a line on stdin (the test
 * takes the receiver down meanwhile). Then prints {@code LOGGED n}. Mode {@code hang}: then waits to be killed.
 * Mode {@code stop}: stops Logback (what is not acknowledged stays in the spool), prints {@code STOPPED stats}, exits
 * 0. Mode {@code drain}: waits until the transport's spool is empty, stops Logback and exits 0 (3 if not drained within
 * two minutes).
 */
public final class SpoolingService {
    private SpoolingService() {
    }

    public static void main(String[] args) throws Exception {
        String fixture = args[0];
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        int pauseAfter = Integer.parseInt(args[3]);
        String mode = args[4];

        LoggerContext context = new LoggerContext();
        context.setName("service-" + prefix);
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        URL url = SpoolingService.class.getResource(fixture);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
        MetricsIdAppender metrics = (MetricsIdAppender) context.getLogger("usage").getAppender("METRICS");
        AsyncTransportAppender transport = (AsyncTransportAppender) metrics.getAppender("TRANSPORT");
        if (!metrics.isStarted() || !transport.isStarted()) {
            System.out.println("NOT STARTED");
            System.out.flush();
            System.exit(2);
        }
        Logger usage = context.getLogger("usage");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            if (i == pauseAfter) {
                System.out.println("PAUSED " + i);
                System.out.flush();
                stdin.readLine();
            }
            usage.atInfo().addKeyValue("uid", "raw-user-" + (i % 97)).addKeyValue("event", "file_synced")
                    .addKeyValue("event_id", eventId(prefix, i)).log("file synced");
            if (i % 10 == 9) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        System.out.println("LOGGED " + count + " " + transport.getStats());
        System.out.flush();
        if (mode.equals("hang")) {
            TimeUnit.DAYS.sleep(1);
            return;
        }
        if (mode.equals("stop")) {
            context.stop();
            System.out.println("STOPPED " + transport.getStats());
            System.out.flush();
            System.exit(0);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (transport.getStats().spooled() > 0 || transport.getStats().buffered() > 0) {
            if (System.nanoTime() > deadline) {
                System.out.println("NOT DRAINED " + transport.getStats());
                System.out.flush();
                System.exit(3);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        TransportStats stats = transport.getStats();
        context.stop();
        System.out.println("DRAINED " + stats);
        System.out.flush();
        System.exit(0);
    }

    /**
     * The event_id of event {@code i} of {@code prefix}: a name-based UUID (the appender keeps a caller's event_id only if
     * it is a UUID), so the tests can compute the ids they expect.
     */
    public static String eventId(String prefix, int i) {
        return java.util.UUID.nameUUIDFromBytes((prefix + "-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The event_ids of events {@code 0 .. n-1} of {@code prefix}. */
    public static java.util.Set<String> expectedIds(String prefix, int n) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            s.add(eventId(prefix, i));
        }
        return s;
    }
}
