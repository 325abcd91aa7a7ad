package org.privacymetrics.logback.fluentd;

import ch.qos.logback.core.util.Duration;
import org.privacymetrics.logback.transport.AsyncTransportAppender;
import org.privacymetrics.logback.transport.BatchSender;
import org.privacymetrics.logback.transport.TrustStores;

import javax.net.ssl.SSLSocketFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Ships events to Fluentd (or Fluent Bit) over the forward protocol with acknowledgements, through Fluency.
 *
 * <pre>{@code
 * <appender name="FLUENTD" class="org.privacymetrics.logback.fluentd.FluentdAppender">
 *   <host>fluentd.internal</host>
 *   <port>24224</port>
 *   <tag>metrics.events</tag>
 * </appender>
 * }</pre>
 *
 * <p>Each event becomes one forward-protocol entry {@code [EventTime, record]} whose record is the encoder's JSON
 * object (default {@code LogstashEncoder}) as a map, so the fields Fluentd sees are exactly the JSON fields. A batch is
 * one PackedForward message; with {@code ackResponse} (default true) it counts as sent only once Fluentd acknowledged
 * its chunk id, otherwise it is retried. Buffering, retries and statistics are those of
 * {@link AsyncTransportAppender}. With {@code tls} the connection uses TLS, trusting the JVM's trust store or
 * {@code trustStore}, and the certificate must match {@code host}. Requires {@code org.komamitsu:fluency-fluentd} on
 * the class path.
 */
public class FluentdAppender extends AsyncTransportAppender {
    private String host = "localhost";
    private int port = 24224;
    private String tag = "metrics.events";
    private boolean ackResponse = true;
    private Duration connectTimeout = Duration.buildBySeconds(5);
    private Duration ackTimeout = Duration.buildBySeconds(5);
    private boolean tls;
    private boolean verifyHostname = true;
    private String trustStore;
    private String trustStorePassword;
    private String trustStoreType = "PKCS12";

    public FluentdAppender() {
        super(200);
    }

    @Override
    protected List<String> validateTransportSettings() {
        List<String> errors = new ArrayList<>();
        if (host == null || host.isBlank()) {
            errors.add("field [host] is required");
        }
        if (port < 1 || port > 65535) {
            errors.add("field [port] must be between 1 and 65535, got [" + port + "]");
        }
        if (tag == null || tag.isBlank()) {
            errors.add("field [tag] is required");
        }
        if (!tls && trustStore != null && !trustStore.isBlank()) {
            errors.add("field [trustStore] needs [tls] set to true");
        }
        String trustProblem = tls ? TrustStores.check(trustStore) : null;
        if (trustProblem != null) {
            errors.add(trustProblem);
        }
        checkTimeout(errors, "connectTimeout", connectTimeout);
        checkTimeout(errors, "ackTimeout", ackTimeout);
        return errors;
    }

    private static void checkTimeout(List<String> errors, String field, Duration d) {
        // Fluency requires at least 10 ms
        if (d == null || d.getMilliseconds() < 10 || d.getMilliseconds() > Integer.MAX_VALUE) {
            errors.add("field [" + field + "] must be a duration between 10 ms and " + Integer.MAX_VALUE + " ms");
        }
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
        return new FluentdBatchSender(host.trim(), port, tag.trim(), ackResponse,
                (int) connectTimeout.getMilliseconds(), (int) ackTimeout.getMilliseconds(), tls ? socketFactory() : null);
    }

    /** The JVM's default TLS set-up, or one trusting {@code trustStore}; host names verified unless switched off. */
    private SSLSocketFactory socketFactory() throws Exception {
        SSLSocketFactory factory;
        if (trustStore == null || trustStore.isBlank()) {
            factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        } else {
            factory = TrustStores.sslContext(trustStore, trustStorePassword, trustStoreType).getSocketFactory();
        }
        return verifyHostname ? new HostnameVerifyingSocketFactory(factory) : factory;
    }

    @Override
    protected String describeTarget() {
        return "Fluentd forward protocol to [" + host + ":" + port + "], tag [" + tag + "], ackResponse [" + ackResponse
                + "], tls [" + tls + (tls && !verifyHostname ? ", host name NOT verified" : "") + "]";
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
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

    public boolean isTls() {
        return tls;
    }

    /** Forward over TLS (Fluentd {@code <transport tls>}); default false. */
    public void setTls(boolean tls) {
        this.tls = tls;
    }

    public boolean isVerifyHostname() {
        return verifyHostname;
    }

    /** Whether the server certificate must match {@code host} (default true; switch off only for tests). */
    public void setVerifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
    }

    public String getTrustStore() {
        return trustStore;
    }

    /** A trust store file with the CA of Fluentd's certificate; default: the JVM's trust store. */
    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    /** The trust store's password, if it has one; write-only, never logged. */
    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getTrustStoreType() {
        return trustStoreType;
    }

    /** {@code PKCS12} (default) or {@code JKS}. */
    public void setTrustStoreType(String trustStoreType) {
        this.trustStoreType = trustStoreType;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getAckTimeout() {
        return ackTimeout;
    }

    /** How long to wait for Fluentd's ack (the socket read timeout) before the batch is retried (default 5 s). */
    public void setAckTimeout(Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
    }
}
