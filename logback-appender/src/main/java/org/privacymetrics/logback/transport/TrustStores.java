package org.privacymetrics.logback.transport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the TLS context of a transport that trusts the certificates of one trust store file. */
public final class TrustStores {
    private TrustStores() {
    }

    /**
     * An SSL context trusting exactly the certificates in {@code file}.
     *
     * @throws IllegalStateException naming the field when the file cannot be read with the password (never showing
     *                               the password)
     */
    public static SSLContext sslContext(String file, String password, String type) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
            ks.load(in, password == null || password.isEmpty() ? null : password.toCharArray());
        } catch (IOException e) {
            // a wrong password surfaces as an IOException: name the fields, never the value
            throw new IllegalStateException("field [trustStore] could not be read as [" + type + "] with the given "
                    + "[trustStorePassword]: " + e.getClass().getSimpleName());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A problem with the trust store settings, or null: file readable, set only with TLS. */
    public static String check(String file) {
        if (file != null && !file.isBlank() && !Files.isReadable(Path.of(file.trim()))) {
            return "field [trustStore] must name a readable file, got [" + file + "]";
        }
        return null;
    }
}
