package org.privacymetrics.logback.transport;

import ch.qos.logback.core.net.ssl.SSLConfigurable;
import ch.qos.logback.core.net.ssl.SSLConfigurableSocket;
import ch.qos.logback.core.net.ssl.SSLParametersConfiguration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;

/**
 * The one place where the transports' TLS connections get their Logback {@code <parameters>} (protocols, cipher
 * suites) and the host-name check: the JDK's HTTPS endpoint identification (RFC 2818), which makes the handshake fail
 * when the server certificate does not name the host connected to.
 *
 * <p>Both libraries need it: Fluency creates an unconnected {@link SSLSocket} and connects it, and a plain
 * {@code SSLSocket} accepts any certificate the trust store trusts; the Elasticsearch client's Rest5Client transport,
 * given an {@link SSLContext}, accepted a trusted certificate issued for another host name in our tests
 * (elasticsearch-java 9.5.2 with httpclient5 5.6.3). Fluentd gets {@link #socketFactory}, Elasticsearch
 * {@link #sslContext}.
 */
final class HostnameVerification {

    private HostnameVerification() {
    }

    /** Sockets from {@code delegate}, each configured by {@code parameters} (may be null) and checked when {@code verify}. */
    static SSLSocketFactory socketFactory(SSLSocketFactory delegate, SSLParametersConfiguration parameters, boolean verify) {
        return new Sockets(delegate, parameters, verify);
    }

    /** {@code delegate} whose client engines for a host are configured and checked like {@link #socketFactory} sockets. */
    static SSLContext sslContext(SSLContext delegate, SSLParametersConfiguration parameters, boolean verify) {
        return new Context(delegate, parameters, verify);
    }

    /** Applies the parameters, then turns the check on (never off: a {@code <parameters>} asking for it keeps it). */
    private static void apply(SSLConfigurable target, SSLParametersConfiguration parameters, boolean verify,
            Runnable turnOnCheck) {
        if (parameters != null) {
            parameters.configure(target);
        }
        if (verify) {
            turnOnCheck.run();
        }
    }

    private static SSLParameters withCheck(SSLParameters p) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    private static final class Sockets extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final SSLParametersConfiguration parameters;
        private final boolean verify;

        Sockets(SSLSocketFactory delegate, SSLParametersConfiguration parameters, boolean verify) {
            this.delegate = delegate;
            this.parameters = parameters;
            this.verify = verify;
        }

        private Socket configured(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                apply(new SSLConfigurableSocket(ssl), parameters, verify,
                        () -> ssl.setSSLParameters(withCheck(ssl.getSSLParameters())));
            }
            return socket;
        }

        @Override
        public Socket createSocket() throws IOException {
            return configured(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return configured(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            return configured(delegate.createSocket(s, consumed, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return configured(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return configured(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return configured(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return configured(delegate.createSocket(address, port, localAddress, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }

    private static final class Context extends SSLContext {
        Context(SSLContext delegate, SSLParametersConfiguration parameters, boolean verify) {
            super(new Spi(delegate, parameters, verify), delegate.getProvider(), delegate.getProtocol());
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final SSLParametersConfiguration parameters;
        private final boolean verify;

        Spi(SSLContext delegate, SSLParametersConfiguration parameters, boolean verify) {
            this.delegate = delegate;
            this.parameters = parameters;
            this.verify = verify;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw new UnsupportedOperationException("already initialized");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Sockets(delegate.getSocketFactory(), parameters, verify);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return delegate.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine engine = delegate.createSSLEngine(host, port);
            apply(new ConfigurableEngine(engine), parameters, verify,
                    () -> engine.setSSLParameters(withCheck(engine.getSSLParameters())));
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }
    }

    /** Logback's {@link SSLConfigurable} view of an engine (Logback has one for sockets only). */
    private record ConfigurableEngine(SSLEngine engine) implements SSLConfigurable {
        @Override
        public String[] getDefaultProtocols() {
            return engine.getEnabledProtocols();
        }

        @Override
        public String[] getSupportedProtocols() {
            return engine.getSupportedProtocols();
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
            engine.setEnabledProtocols(protocols);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return engine.getEnabledCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return engine.getSupportedCipherSuites();
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
            engine.setEnabledCipherSuites(suites);
        }

        @Override
        public void setNeedClientAuth(boolean need) {
            engine.setNeedClientAuth(need);
        }

        @Override
        public void setWantClientAuth(boolean want) {
            engine.setWantClientAuth(want);
        }

        @Override
        public void setHostnameVerification(boolean verify) {
            if (verify) {
                engine.setSSLParameters(withCheck(engine.getSSLParameters()));
            }
        }
    }
}
