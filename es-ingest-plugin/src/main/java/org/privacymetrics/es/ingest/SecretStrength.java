package org.privacymetrics.es.ingest;

/**
 * Plausibility checks of a secret's bytes, the same rules the appender applies to its metrics secret: a secret that a
 * configuration system filled with a placeholder, or that is not random, must not key anything.
 */
final class SecretStrength {

    /** Logback's (and the appender docs') marker of an undefined variable substituted into a value. */
    static final String UNDEFINED_MARKER = "_IS_UNDEFINED";
    /** Fewer distinct byte values than this in a secret of >= 32 bytes is not plausibly random (random: about 28 of 32). */
    static final int MIN_DISTINCT_BYTES = 16;

    private SecretStrength() {
    }

    /** @return why {@code secret} is refused, without its value, or null when it is acceptable */
    static String problem(byte[] secret) {
        if (new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1).contains(UNDEFINED_MARKER)) {
            return "contains the undefined-variable marker [" + UNDEFINED_MARKER + "]";
        }
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : secret) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        if (distinct < MIN_DISTINCT_BYTES) {
            return "has fewer than [" + MIN_DISTINCT_BYTES + "] distinct byte values and is not plausibly random";
        }
        return null;
    }
}
