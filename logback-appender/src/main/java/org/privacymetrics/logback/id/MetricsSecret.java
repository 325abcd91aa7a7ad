package org.privacymetrics.logback.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The deployment-wide edge secret: at least 32 bytes, configured base64-encoded. Its bytes never leave this class
 * except into the key derivation; {@link #toString()} shows only the key id.
 */
public final class MetricsSecret {

    /** Shortest accepted secret, in bytes. */
    public static final int MIN_BYTES = 32;

    private final byte[] bytes;
    private final String keyId;

    private MetricsSecret(byte[] bytes) {
        this.bytes = bytes;
        this.keyId = keyId(bytes);
    }

    /**
     * Decodes a base64 (standard or URL-safe alphabet) secret.
     *
     * @throws IllegalArgumentException saying which rule failed; the message never contains the value
     */
    public static MetricsSecret fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("secret is missing: set it to at least " + MIN_BYTES + " random bytes, base64-encoded");
        }
        String s = base64.trim();
        byte[] decoded;
        try {
            decoded = s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            // The decoder's own message quotes the offending character: do not pass it on.
            throw new IllegalArgumentException("secret is not valid base64");
        }
        if (decoded.length < MIN_BYTES) {
            int n = decoded.length;
            Arrays.fill(decoded, (byte) 0);
            throw new IllegalArgumentException("secret decodes to " + n + " bytes; at least " + MIN_BYTES + " are required");
        }
        return new MetricsSecret(decoded);
    }

    /** {@code metrics_key_id}: the first 8 lowercase hex characters of SHA-256(ASCII "key-id/v1" || secret). */
    public String keyId() {
        return keyId;
    }

    byte[] bytes() {
        return bytes;
    }

    private static String keyId(byte[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("key-id/v1".getBytes(StandardCharsets.US_ASCII));
            sha.update(secret);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "MetricsSecret[key_id=" + keyId + "]";
    }
}
