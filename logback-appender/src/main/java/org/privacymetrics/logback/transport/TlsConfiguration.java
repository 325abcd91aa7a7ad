package org.privacymetrics.logback.transport;

import ch.qos.logback.core.net.ssl.KeyStoreFactoryBean;
import ch.qos.logback.core.net.ssl.SSLConfiguration;
import ch.qos.logback.core.net.ssl.SSLParametersConfiguration;
import ch.qos.logback.core.spi.ContextAware;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The {@code <ssl>} component of both network transports: Logback's own {@link SSLConfiguration} (the one
 * logstash-logback-encoder's TCP appenders take as {@code <ssl>}, same elements: {@code <trustStore>} and
 * {@code <keyStore>} with {@code <location>}, {@code <password>}, {@code <type>}, {@code <provider>};
 * {@code <protocol>}; {@code <parameters>} with included/excluded protocols and cipher suites), plus
 * {@code <hostnameVerification>}, <b>on by default</b> here: the server certificate must match the host the transport
 * connects to.
 *
 * <pre>{@code
 * <ssl>
 *   <trustStore>
 *     <location>file:/etc/sync/ca.p12</location>   <!-- Logback syntax: file:, classpath: or a URL -->
 *     <password>${TRUST_PASSWORD}</password>
 *     <type>PKCS12</type>
 *   </trustStore>
 * </ssl>
 * }</pre>
 *
 * <p>Without {@code <trustStore>} the JVM's trust store is used. A trust store that cannot be loaded makes the
 * appender's {@code start()} report an error naming {@code ssl.trustStore}, its location and type, never the password.
 */
public class TlsConfiguration extends SSLConfiguration {

    private boolean hostnameVerification = true;

    /** Whether the server certificate must match the host name connected to (default true). */
    public boolean isHostnameVerification() {
        return hostnameVerification;
    }

    /** {@code false} only for tests: any certificate the trust store trusts is then accepted, for any host. */
    public void setHostnameVerification(boolean hostnameVerification) {
        this.hostnameVerification = hostnameVerification;
    }

    /**
     * The configured TLS context.
     *
     * @throws IllegalStateException naming the setting (never a password) when a store cannot be loaded
     */
    SSLContext checkedContext(ContextAware status) {
        check(getTrustStore(), "ssl.trustStore");
        check(getKeyStore(), "ssl.keyStore");
        try {
            return super.createContext(status);
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException(describeFailure(e));
        }
    }

    private static void check(KeyStoreFactoryBean store, String field) {
        if (store != null && (store.getLocation() == null || store.getLocation().isBlank())) {
            throw new IllegalStateException("field [" + field + ".location] is required");
        }
    }

    private String describeFailure(Throwable e) {
        StringBuilder b = new StringBuilder("the TLS settings [ssl] could not be used: ");
        KeyStoreFactoryBean trust = getTrustStore();
        KeyStoreFactoryBean key = getKeyStore();
        if (trust != null || key != null) {
            if (trust != null) {
                b.append("field [ssl.trustStore] ").append(describe(trust)).append(", ");
            }
            if (key != null) {
                b.append("field [ssl.keyStore] ").append(describe(key)).append(", ");
            }
            b.append("check the location, the [type] and the [password] (not shown); ");
        }
        // The class only: the messages of key store errors are not ours to vouch for.
        return b.append(e.getClass().getSimpleName()).toString();
    }

    private static String describe(KeyStoreFactoryBean store) {
        return "location [" + store.getLocation() + "] type [" + store.getType() + "]";
    }

    /** Sockets of the configured context, each with the parameters and the host-name check applied. */
    SSLSocketFactory socketFactory(ContextAware status) {
        return HostnameVerification.socketFactory(checkedContext(status).getSocketFactory(), parameters(status),
                hostnameVerification);
    }

    /** The configured context whose client engines have the parameters and the host-name check applied. */
    SSLContext sslContext(ContextAware status) {
        return HostnameVerification.sslContext(checkedContext(status), parameters(status), hostnameVerification);
    }

    /** The JVM's default context with the host-name check on: what an {@code https://} URL without {@code <ssl>} gets. */
    static SSLContext jvmDefault() throws java.security.NoSuchAlgorithmException {
        return HostnameVerification.sslContext(SSLContext.getDefault(), null, true);
    }

    private SSLParametersConfiguration parameters(ContextAware status) {
        SSLParametersConfiguration p = getParameters();
        if (p != null && p.getContext() == null && status != null) {
            p.setContext(status.getContext());
        }
        return p;
    }

    /** What the start-up status message says about TLS; never a password. */
    public String describe() {
        StringBuilder b = new StringBuilder("tls [");
        KeyStoreFactoryBean trust = getTrustStore();
        b.append(trust == null ? "JVM trust store" : "trust store " + trust.getLocation());
        if (getKeyStore() != null) {
            b.append(", client key store ").append(getKeyStore().getLocation());
        }
        return b.append(hostnameVerification ? "" : ", host name NOT verified").append(']').toString();
    }

    @Override
    public String toString() {
        return "TlsConfiguration[" + describe() + "]";
    }
}
