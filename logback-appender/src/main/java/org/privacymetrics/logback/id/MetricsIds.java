package org.privacymetrics.logback.id;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Computes metrics ids, spec v1 ({@code docs/metrics-id.md}):
 * <pre>
 *   epoch label   = rotation label of the event's UTC timestamp (YYYY-MM | YYYY-Www | YYYY-MM-DD)
 *   epoch key     = HKDF-SHA256(ikm = secret, salt = "metrics-id/v1", info = epoch label, L = 32)
 *   metrics_id    = hex(HMAC-SHA256(epoch key, UTF-8(uid))[0..16))
 *   metrics_key_id = hex(SHA-256("key-id/v1" || secret))[0..8)
 * </pre>
 * Services use {@link #idsBetween} to find the ids of a user for a deletion request.
 *
 * <p>Thread-safe. Each epoch key is derived once; each thread keeps its own {@link Mac} for the epoch it saw last (events
 * nearly always fall in the current epoch), and an optional bounded cache maps uids to ids within the current epoch.
 */
public final class MetricsIds {

    static final byte[] SALT = "metrics-id/v1".getBytes(StandardCharsets.US_ASCII);
    /** Epoch keys kept; older ones are derived again on demand (backfills, deletion requests over long ranges). */
    private static final int MAX_EPOCH_KEYS = 64;

    private final MetricsSecret secret;
    private final Rotation rotation;
    private final int cacheSize;
    private final Map<String, byte[]> epochKeys = new ConcurrentHashMap<>();
    private final ThreadLocal<EpochMac> macs = new ThreadLocal<>();
    /** This instance's identity for {@link MacHolder}s: they hold this, not the instance (and so not its secret). */
    private final Object token = new Object();
    private volatile EpochCache cache;
    /** The epoch of the last event: formatting a label costs more than the HMAC, and events nearly always share one. */
    private volatile EpochSpan lastSpan;

    private MetricsIds(MetricsSecret secret, Rotation rotation, int cacheSize) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must be >= 0, got [" + cacheSize + "]");
        }
        this.cacheSize = cacheSize;
    }

    /** Ids for {@code secret} rotating with {@code rotation}, without a uid cache. */
    public static MetricsIds of(MetricsSecret secret, Rotation rotation) {
        return new MetricsIds(secret, rotation, 0);
    }

    /** As {@link #of}, with a cache of at most {@code cacheSize} uid to id entries for the current epoch (0: none). */
    public static MetricsIds withCache(MetricsSecret secret, Rotation rotation, int cacheSize) {
        return new MetricsIds(secret, rotation, cacheSize);
    }

    /** The rotation in use. */
    public Rotation rotation() {
        return rotation;
    }

    /** {@code metrics_key_id} of the secret. */
    public String keyId() {
        return secret.keyId();
    }

    /** The epoch label ({@code metrics_epoch}) of {@code at}. */
    public String epoch(Instant at) {
        long second = at.getEpochSecond();
        EpochSpan span = lastSpan;
        if (span == null || second < span.startSecond || second >= span.endSecond) {
            try {
                span = EpochSpan.of(rotation, at);
            } catch (java.time.DateTimeException farOff) {
                // an epoch at the end of the calendar has no next one: label it without remembering it
                return rotation.label(at);
            }
            lastSpan = span;
        }
        return span.label;
    }

    /** The metrics id of {@code uid} at instant {@code at}. */
    public String metricsId(String uid, Instant at) {
        return metricsIdInEpoch(uid, epoch(at));
    }

    /** The metrics id of {@code uid} in the epoch with label {@code epochLabel}. */
    public String metricsIdInEpoch(String uid, String epochLabel) {
        return metricsIdInEpoch(uid, epochLabel, null);
    }

    /**
     * One thread's MAC, kept by a caller that holds per-thread state of its own (the appender's), so that computing an
     * id needs no {@link ThreadLocal} look-up. It remembers which {@code MetricsIds} its MAC belongs to by an identity
     * token (never the secret), so a holder passed to another instance is refreshed, never used with the wrong key.
     * Not thread-safe: one per thread.
     */
    public static final class MacHolder {
        private Object owner;
        private EpochMac mac;

        /** Lets go of the MAC (its thread need not be the caller's: a MAC read while it clears is checked for null). */
        public void clear() {
            owner = null;
            mac = null;
        }
    }

    /**
     * As {@link #metricsIdInEpoch(String, String)}, with the calling thread's {@code holder} (or {@code null}): the same
     * id, the same cache, one {@link ThreadLocal} look-up fewer when the holder already has this instance's MAC.
     */
    public String metricsIdInEpoch(String uid, String epochLabel, MacHolder holder) {
        Objects.requireNonNull(uid, "uid");
        EpochCache c = cacheSize == 0 ? null : cacheFor(epochLabel);
        if (c != null) {
            String hit = c.ids.get(uid);
            if (hit != null) {
                return hit;
            }
        }
        String id = compute(uid, epochLabel, holder);
        if (c != null) {
            if (c.ids.size() >= cacheSize) {
                // Bounded without bookkeeping on the hot path: start over when full.
                c.ids.clear();
            }
            c.ids.put(uid, id);
        }
        return id;
    }

    /**
     * The metrics ids of {@code uid} in every epoch that overlaps [{@code from}, {@code to}], oldest first, keyed by
     * epoch label. For deletion requests: hand the values to {@code POST _privacy/forget}.
     */
    public Map<String, String> idsBetween(String uid, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range end [" + to + "] is before its start [" + from + "]");
        }
        Map<String, String> out = new LinkedHashMap<>();
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        for (LocalDate d = rotation.epochStart(LocalDate.ofInstant(from, ZoneOffset.UTC)); !d.isAfter(last); d = rotation.next(d)) {
            String label = rotation.label(d);
            out.put(label, compute(uid, label));
        }
        return out;
    }

    private String compute(String uid, String label) {
        return compute(uid, label, null);
    }

    private String compute(String uid, String label, MacHolder holder) {
        EpochMac em;
        if (holder != null && holder.owner == token && (em = holder.mac) != null && em.label.equals(label)) {
            return em.metricsId(uid);
        }
        em = macs.get();
        if (em == null || !em.label.equals(label)) {
            em = new EpochMac(label, newMac(epochKey(label)), new byte[32], new byte[32], new byte[EpochMac.SCRATCH]);
            macs.set(em);
        }
        if (holder != null) {
            holder.owner = token;
            holder.mac = em;
        }
        return em.metricsId(uid);
    }

    /** The 32-byte epoch key for {@code label}; derived once and kept. */
    byte[] epochKey(String label) {
        byte[] key = epochKeys.get(label);
        if (key == null) {
            if (epochKeys.size() >= MAX_EPOCH_KEYS) {
                epochKeys.clear();
            }
            key = epochKeys.computeIfAbsent(label, l -> deriveEpochKey(secret.bytes(), l));
        }
        return key;
    }

    /** RFC 5869 HKDF-SHA256 with Bouncy Castle: extract with the v1 salt, expand with the epoch label as info. */
    static byte[] deriveEpochKey(byte[] ikm, String label) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, SALT, label.getBytes(StandardCharsets.US_ASCII)));
        byte[] okm = new byte[32];
        hkdf.generateBytes(okm, 0, okm.length);
        return okm;
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private EpochCache cacheFor(String label) {
        EpochCache c = cache;
        if (c == null || !c.label.equals(label)) {
            // Only the newest epoch is cached; events of other epochs (late or backfilled) are computed directly.
            if (c != null && label.compareTo(c.label) < 0) {
                return null;
            }
            c = new EpochCache(label);
            cache = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "MetricsIds[rotation=" + rotation + ", key_id=" + secret.keyId() + "]";
    }

    /** One thread's HMAC for one epoch, with its scratch buffers (nothing is allocated per id but the id itself). */
    private record EpochMac(String label, Mac mac, byte[] digest, byte[] hex, byte[] ascii) {

        /** Longest ASCII uid fed to the MAC from the scratch buffer; longer or non-ASCII uids are encoded as usual. */
        static final int SCRATCH = 128;
        private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        String metricsId(String uid) {
            try {
                int n = asciiInto(uid);
                if (n >= 0) {
                    mac.update(ascii, 0, n);
                    // the raw uid must not stay reachable after the call
                    Arrays.fill(ascii, 0, n, (byte) 0);
                } else {
                    mac.update(uid.getBytes(StandardCharsets.UTF_8));
                }
                mac.doFinal(digest, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException("HmacSHA256 output is not 32 bytes", e);
            }
            for (int i = 0; i < 16; i++) {
                hex[2 * i] = DIGITS[(digest[i] >> 4) & 0xF];
                hex[2 * i + 1] = DIGITS[digest[i] & 0xF];
            }
            return new String(hex, StandardCharsets.ISO_8859_1);
        }

        /** Copies an ASCII uid (its UTF-8 bytes) into the scratch buffer; -1 when it is not ASCII or too long. */
        private int asciiInto(String uid) {
            int n = uid.length();
            if (n > ascii.length) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                char c = uid.charAt(i);
                if (c >= 0x80) {
                    Arrays.fill(ascii, 0, i, (byte) 0);
                    return -1;
                }
                ascii[i] = (byte) c;
            }
            return n;
        }
    }

    /** The seconds [start, end) of one epoch and its label. */
    private record EpochSpan(long startSecond, long endSecond, String label) {

        static EpochSpan of(Rotation rotation, Instant at) {
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            LocalDate start = rotation.epochStart(day);
            return new EpochSpan(start.atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                    rotation.next(start).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), rotation.label(day));
        }
    }

    private static final class EpochCache {
        final String label;
        final Map<String, String> ids = new ConcurrentHashMap<>();

        EpochCache(String label) {
            this.label = label;
        }
    }
}
