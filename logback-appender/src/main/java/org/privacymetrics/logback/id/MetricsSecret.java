package org.privacymetrics.logback.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The deployment-wide edge secret: at least 32 random bytes (at least 16 distinct byte values), configured
 * base64-encoded; a value holding Logback's undefined-variable marker is refused. Its bytes never leave this class
 * except into the key derivation; {@link #toString()} shows only the key id.
 */
public final class MetricsSecret {

    /** Shortest accepted secret, in bytes. */
    public static final int MIN_BYTES = 32;
    /** Fewest distinct byte values a secret must have to be plausibly random. */
    public static final int MIN_DISTINCT_BYTES = 16;
    /** What Logback substitutes for an undefined {@code ${VAR}}: {@code VAR_IS_UNDEFINED}. */
    static final String UNDEFINED_MARKER = "_IS_UNDEFINED";

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
        if (s.contains(UNDEFINED_MARKER)) {
            throw new IllegalArgumentException("secret contains Logback's undefined-variable marker " + UNDEFINED_MARKER
                    + ": the ${...} variable it came from is not set; use <secretEnv> or <secretFile>");
        }
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
        if (distinctValues(decoded) < MIN_DISTINCT_BYTES) {
            Arrays.fill(decoded, (byte) 0);
            throw new IllegalArgumentException("secret is not plausibly random: its bytes take fewer than " + MIN_DISTINCT_BYTES
                    + " distinct values; generate one with `openssl rand -base64 32`");
        }
        return new MetricsSecret(decoded);
    }

    private static int distinctValues(byte[] bytes) {
        boolean[] seen = new boolean[256];
        int n = 0;
        for (byte b : bytes) {
            if (!seen[b & 0xFF]) {
                seen[b & 0xFF] = true;
                n++;
            }
        }
        return n;
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
