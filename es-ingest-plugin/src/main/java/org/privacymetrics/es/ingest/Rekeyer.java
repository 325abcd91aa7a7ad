package org.privacymetrics.es.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Re-keys edge metrics ids with the cluster's own secret, so that neither a service operator (edge secret) nor an
 * Elasticsearch admin (this secret) alone can link stored rows to a user:
 * <pre>
 *   K2          = HKDF-SHA256(ikm = privacy_metrics.rekey.secret, salt = "rekey/v1", info = metrics_epoch, L = 32)
 *   stored id   = hex(HMAC-SHA256(K2, ASCII edge metrics_id)[0..16))
 *   key id      = hex(SHA-256("rekey-key-id/v1" || secret))[0..8)
 * </pre>
 * Thread-safe; one key per epoch derived once, one {@link Mac} per thread and epoch. Never prints the secret.
 */
public final class Rekeyer {

    private static final byte[] SALT = "rekey/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    private final String keyId;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final ThreadLocal<PerThread> macs = ThreadLocal.withInitial(PerThread::new);

    /**
     * One thread's Macs by epoch, the last one used (nearly every event of a bulk has the same epoch) and buffers, so
     * that re-keying an event allocates only the resulting string.
     */
    private static final class PerThread {
        final Map<String, Mac> byEpoch = new java.util.HashMap<>();
        String lastEpoch;
        Mac lastMac;
        final byte[] out = new byte[32];
        byte[] in = new byte[32];
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** @param secret the keystore value's bytes (UTF-8 of the configured string) */
    public Rekeyer(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("[privacy_metrics.rekey.secret] must be at least 16 bytes");
        }
        this.secret = secret.clone();
        this.keyId = keyId(this.secret);
    }

    /** Identifies the secret without revealing it; equal on every node only if their secrets are equal. */
    public String keyId() {
        return keyId;
    }

    /** The stored id of an edge id within an epoch. */
    public String rekey(String edgeMetricsId, String epoch) {
        PerThread t = macs.get();
        Mac mac = epoch.equals(t.lastEpoch) ? t.lastMac : macFor(t, epoch);
        int n = edgeMetricsId.length();
        if (t.in.length < n) {
            t.in = new byte[n];
        }
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            char c = edgeMetricsId.charAt(i);
            t.in[i] = (byte) c;
            ascii = c < 0x80;
        }
        if (ascii) {
            mac.update(t.in, 0, n);
        } else {
            mac.update(edgeMetricsId.getBytes(StandardCharsets.US_ASCII)); // as before: '?' for what is not ASCII
        }
        try {
            mac.doFinal(t.out, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        byte[] hex = new byte[32];
        for (int i = 0; i < 16; i++) {
            hex[2 * i] = HEX[(t.out[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[t.out[i] & 0xF];
        }
        return new String(hex, StandardCharsets.ISO_8859_1);
    }

    private Mac macFor(PerThread t, String epoch) {
        Map<String, Mac> perThread = t.byEpoch;
        Mac mac = perThread.get(epoch);
        if (mac == null) {
            if (perThread.size() > 64) {
                perThread.clear();
            }
            if (keys.size() > 256) {
                // epochs come from documents; bound the cache so that junk epochs cannot grow it without limit
                keys.clear();
            }
            mac = newMac(keys.computeIfAbsent(epoch, e -> Hkdf.sha256(secret, SALT, e.getBytes(StandardCharsets.US_ASCII), 32)));
            perThread.put(epoch, mac);
        }
        t.lastEpoch = epoch;
        t.lastMac = mac;
        return mac;
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String keyId(byte[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("rekey-key-id/v1".getBytes(StandardCharsets.US_ASCII));
            sha.update(secret);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Rekeyer[key_id=" + keyId + "]";
    }
}
