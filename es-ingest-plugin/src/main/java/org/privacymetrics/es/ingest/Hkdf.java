package org.privacymetrics.es.ingest;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 5869 HKDF with HMAC-SHA256 (Bouncy Castle is not on Elasticsearch's class path; the JDK's HMAC is). */
final class Hkdf {

    private Hkdf() {
    }

    static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // Extract: PRK = HMAC(salt, IKM); an empty salt means HashLen zero bytes (RFC 5869, 2.2).
            mac.init(new SecretKeySpec(salt == null || salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            // Expand: T(i) = HMAC(PRK, T(i-1) || info || i), OKM = first L bytes of T(1) || T(2) || ...
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] okm = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, off = 0; off < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - off);
                System.arraycopy(t, 0, okm, off, n);
                off += n;
            }
            return okm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
