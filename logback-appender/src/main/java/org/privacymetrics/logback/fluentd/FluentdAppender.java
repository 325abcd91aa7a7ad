package org.privacymetrics.logback.fluentd;

import ch.qos.logback.core.util.Duration;
import net.logstash.logback.appender.destination.DestinationParser;
import org.privacymetrics.logback.transport.AsyncTransportAppender;
import org.privacymetrics.logback.transport.BatchSender;
import org.privacymetrics.logback.transport.TlsConfiguration;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Ships events to Fluentd (or Fluent Bit) over the forward protocol with acknowledgements, through Fluency.
 *
 * <pre>{@code
 * <appender name="FLUENTD" class="org.privacymetrics.logback.fluentd.FluentdAppender">
 *   <destination>fluentd.internal:24224</destination>
 *   <tag>metrics.events</tag>
 * </appender>
 * }</pre>
 *
 * <p>Each event becomes one forward-protocol entry {@code [EventTime, record]} whose record is the encoder's JSON
 * object (default {@code LogstashEncoder}) as a map, so the fields Fluentd sees are exactly the JSON fields. A batch is
 * one PackedForward message; with {@code ackResponse} (default true) it counts as sent only once Fluentd acknowledged
 * its chunk id, otherwise it is retried. Buffering, retries and statistics are those of
 * {@link AsyncTransportAppender}. With {@code <ssl>} ({@link TlsConfiguration}) the connection uses TLS, trusting the
 * JVM's trust store or {@code <ssl><trustStore>}, and the certificate must match the destination's host. Requires
 * {@code org.komamitsu:fluency-fluentd} on the class path.
 *
 * <p>Names follow logstash-logback-encoder's TCP appenders ({@code destination}, {@code connectionTimeout},
 * {@code ssl}); the earlier {@code host}, {@code port}, {@code connectTimeout}, {@code tls}, {@code verifyHostname}
 * still work as deprecated aliases, each reported once with a status warning.
 */
public class FluentdAppender extends AsyncTransportAppender {
    /** Fluentd's forward port, used when {@code destination} has none. */
    public static final int DEFAULT_PORT = 24224;

    private String destination;
    private String host;
    private Integer port;
    private String tag = "metrics.events";
    private boolean ackResponse = true;
    private Duration connectionTimeout = Duration.buildBySeconds(5);
    private Duration ackTimeout = Duration.buildBySeconds(5);
    private boolean tlsAlias;
    private Boolean verifyHostname;

    public FluentdAppender() {
        super(200);
    }

    @Override
    protected List<String> validateTransportSettings() {
        List<String> errors = new ArrayList<>();
        String destinationProblem = checkDestination();
        if (destinationProblem != null) {
            errors.add(destinationProblem);
        }
        if (tag == null || tag.isBlank()) {
            errors.add("field [tag] is required");
        }
        if (!isTls() && hasTlsSettings()) {
            errors.add("field [trustStore] needs TLS: configure it inside <ssl> (or set the deprecated [tls] to true)");
        }
        if (!isTls() && verifyHostname != null) {
            errors.add("field [verifyHostname] needs TLS: set <ssl><hostnameVerification> inside <ssl>");
        }
        if (getSsl() != null && verifyHostname != null) {
            errors.add("set [ssl.hostnameVerification] only: [verifyHostname] is its deprecated alias");
        }
        checkTimeout(errors, "connectionTimeout", connectionTimeout);
        checkTimeout(errors, "ackTimeout", ackTimeout);
        return errors;
    }

    private String checkDestination() {
        if (destination != null && (host != null || port != null)) {
            return "set [destination] only: [host] and [port] are its deprecated aliases";
        }
        try {
            address();
            return null;
        } catch (IllegalArgumentException e) {
            return "field [destination] must be one host:port (port " + DEFAULT_PORT + " when left out): "
                    + e.getMessage();
        }
    }

    /** The one destination, parsed as logstash-logback-encoder parses its {@code <destination>}. */
    private InetSocketAddress address() {
        String d = destination;
        if (d == null) {
            String h = host == null || host.isBlank() ? "localhost" : host.trim();
            if (host != null && host.isBlank()) {
                throw new IllegalArgumentException("[host] is empty");
            }
            int p = port == null ? DEFAULT_PORT : port;
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, got [" + p + "]");
            }
            return InetSocketAddress.createUnresolved(h, p);
        }
        List<InetSocketAddress> all = DestinationParser.parse(d, DEFAULT_PORT);
        if (all.size() != 1) {
            throw new IllegalArgumentException("got " + all.size() + " destinations; put a local Fluent Bit or Fluentd "
                    + "forwarder next to the service for fail-over");
        }
        return all.get(0);
    }

    private static void checkTimeout(List<String> errors, String field, Duration d) {
        // Fluency requires at least 10 ms
        if (d == null || d.getMilliseconds() < 10 || d.getMilliseconds() > Integer.MAX_VALUE) {
            errors.add("field [" + field + "] must be a duration between 10 ms and " + Integer.MAX_VALUE + " ms");
        }
    }

    private boolean isTls() {
        return tlsAlias || getSsl() != null;
    }

    @Override
    protected BatchSender createSender() throws Exception {
        try {
            Class.forName("org.komamitsu.fluency.fluentd.ingester.FluentdIngester", false,
                    FluentdAppender.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("org.komamitsu:fluency-fluentd is not on the class path; add it as a "
                    + "dependency to use the Fluentd transport");
        }
        InetSocketAddress a = address();
        return new FluentdBatchSender(a.getHostString(), a.getPort(), tag.trim(), ackResponse,
                (int) connectionTimeout.getMilliseconds(), (int) ackTimeout.getMilliseconds(),
                isTls() ? tlsSocketFactory(effectiveTls()) : null);
    }

    /** {@code <ssl>} with the deprecated trust store and {@code verifyHostname} settings folded in. */
    private TlsConfiguration effectiveTls() {
        TlsConfiguration t = tls();
        if (t == null) {
            t = new TlsConfiguration();
        }
        if (verifyHostname != null) {
            t.setHostnameVerification(verifyHostname);
        }
        return t;
    }

    @Override
    protected String describeTarget() {
        String target;
        try {
            InetSocketAddress a = address();
            target = a.getHostString() + ":" + a.getPort();
        } catch (IllegalArgumentException e) {
            target = String.valueOf(destination);
        }
        return "Fluentd forward protocol to [" + target + "], tag [" + tag + "], ackResponse [" + ackResponse + "], "
                + (isTls() ? effectiveTls().describe() : "tls [false]");
    }

    public String getDestination() {
        return destination;
    }

    /**
     * {@code host:port} of Fluentd's forward input (logstash-logback-encoder's {@code <destination>} syntax, IPv6 as
     * {@code [::1]:24224}); the port defaults to 24224. One destination only. Default {@code localhost:24224}.
     */
    public void setDestination(String destination) {
        this.destination = destination == null || destination.isBlank() ? null : destination.trim();
    }

    /** @deprecated use {@code <destination>host:port</destination>}; same effect, reported once at start */
    @Deprecated
    public void setHost(String host) {
        deprecated.used("host", "<destination>host:port</destination>");
        this.host = host;
    }

    /** @deprecated use {@code <destination>host:port</destination>}; same effect, reported once at start */
    @Deprecated
    public void setPort(int port) {
        deprecated.used("port", "<destination>host:port</destination>");
        this.port = port;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public boolean isAckResponse() {
        return ackResponse;
    }

    /** Whether to request and wait for Fluentd's acknowledgement of each batch (default true). */
    public void setAckResponse(boolean ackResponse) {
        this.ackResponse = ackResponse;
    }

    /** @deprecated use {@code <ssl/>} (TLS with the JVM's trust store) or {@code <ssl>...</ssl>}; reported once */
    @Deprecated
    public void setTls(boolean tls) {
        deprecated.used("tls", "<ssl/> (or <ssl>...</ssl> with its settings)");
        this.tlsAlias = tls;
    }

    /** @deprecated use {@code <ssl><hostnameVerification>}; same effect, reported once at start */
    @Deprecated
    public void setVerifyHostname(boolean verifyHostname) {
        deprecated.used("verifyHostname", "<ssl><hostnameVerification>");
        this.verifyHostname = verifyHostname;
    }

    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    /** Longest wait for the TCP connection (logstash-logback-encoder's name; default 5 seconds). */
    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    /** @deprecated use {@code <connectionTimeout>}; same effect, reported once at start */
    @Deprecated
    public void setConnectTimeout(Duration connectTimeout) {
        deprecated.used("connectTimeout", "<connectionTimeout>");
        this.connectionTimeout = connectTimeout;
    }

    public Duration getAckTimeout() {
        return ackTimeout;
    }

    /** How long to wait for Fluentd's ack (the socket read timeout) before the batch is retried (default 5 s). */
    public void setAckTimeout(Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
    }
}
