package org.privacymetrics.logback.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The hot path's shortcuts change no answer: the remembered epoch span labels every instant as the rotation does
 * (across month, ISO-week-year and day boundaries, going back and forth), and the reused MAC buffers give the ids of
 * a fresh {@link Mac} for ASCII, non-ASCII and long uids alike.
 */
class MetricsIdsHotPathTest {

    private static final MetricsSecret SECRET = MetricsSecret.fromBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    @Test
    void rememberedEpochLabelsEveryInstantAsTheRotationDoes() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (Rotation rotation : Rotation.values()) {
            MetricsIds ids = MetricsIds.of(SECRET, rotation);
            Instant at = Instant.parse("2026-12-28T00:00:00Z"); // ISO week 53 of 2026 runs into 2027
            for (int i = 0; i < 50_000; i++) {
                // mostly small steps (runs of events in one epoch, crossing boundaries), sometimes a jump back or ahead
                long step = r.nextInt(20) == 0 ? r.nextLong(-400L * 86_400, 400L * 86_400) : r.nextLong(-3_600, 7_200);
                at = at.plusSeconds(step).plusNanos(r.nextInt(1_000_000_000));
                assertThat(ids.epoch(at)).as("seed %d, %s, %s", seed, rotation, at).isEqualTo(rotation.label(at));
            }
            Instant boundary = Instant.parse("2027-01-01T00:00:00Z");
            assertThat(ids.epoch(boundary.minusNanos(1))).isEqualTo(rotation.label(boundary.minusNanos(1)));
            assertThat(ids.epoch(boundary)).isEqualTo(rotation.label(boundary));
            assertThat(ids.epoch(boundary.minusNanos(1))).isEqualTo(rotation.label(boundary.minusNanos(1)));
        }
    }

    @Test
    void reusedMacBuffersGiveTheIdsOfAFreshMac() throws Exception {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        MetricsIds ids = MetricsIds.of(SECRET, Rotation.MONTH);
        Mac fresh = Mac.getInstance("HmacSHA256");
        fresh.init(new SecretKeySpec(ids.epochKey("2026-12"), "HmacSHA256"));
        String[] pieces = {"a", "Z", "7", "-", "é", "用户", "\uD83D\uDE00", " "};
        for (int i = 0; i < 5_000; i++) {
            int len = r.nextInt(4) == 0 ? r.nextInt(100, 300) : r.nextInt(1, 40); // past the 128-byte scratch buffer too
            StringBuilder b = new StringBuilder();
            boolean ascii = r.nextBoolean();
            while (b.length() < len) {
                b.append(pieces[r.nextInt(ascii ? 4 : pieces.length)]);
            }
            String uid = b.toString();
            String expected = HexFormat.of().formatHex(fresh.doFinal(uid.getBytes(StandardCharsets.UTF_8)), 0, 16);
            assertThat(ids.metricsIdInEpoch(uid, "2026-12")).as("seed %d, uid of %d chars", seed, uid.length()).isEqualTo(expected);
        }
    }
}
