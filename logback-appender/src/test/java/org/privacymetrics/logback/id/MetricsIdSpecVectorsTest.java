package org.privacymetrics.logback.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The implementation against the spec's vectors in docs/metrics-id.md and against RFC 5869. */
class MetricsIdSpecVectorsTest {

    record Vector(String secret, Rotation rotation, Instant at, String uid, String label, String epochKey, String metricsId, String keyId) {
    }

    static List<Vector> vectorsFromDocs() throws Exception {
        Path doc = Paths.get("..", "docs", "metrics-id.md");
        List<Vector> out = new ArrayList<>();
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            String[] c = line.split("\\|");
            if (c.length >= 9 && c[2].trim().matches("MONTH|WEEK|DAY")) {
                out.add(new Vector(c[1].trim(), Rotation.valueOf(c[2].trim()), Instant.parse(c[3].trim()),
                        c[4].trim().replaceAll("^`|`$", ""), c[5].trim(), c[6].trim(), c[7].trim(), c[8].trim()));
            }
        }
        return out;
    }

    @Test
    void everyVectorOfTheSpecIsReproduced() throws Exception {
        List<Vector> vectors = vectorsFromDocs();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(3);
        assertThat(vectors).extracting(Vector::label).contains("2026-W53");
        for (Vector v : vectors) {
            MetricsSecret secret = MetricsSecret.fromBase64(v.secret());
            MetricsIds ids = MetricsIds.of(secret, v.rotation());
            assertThat(ids.epoch(v.at())).as("label " + v).isEqualTo(v.label());
            assertThat(HexFormat.of().formatHex(ids.epochKey(v.label()))).as("epoch key " + v).isEqualTo(v.epochKey());
            assertThat(ids.metricsId(v.uid(), v.at())).as("metrics_id " + v).isEqualTo(v.metricsId());
            assertThat(ids.keyId()).as("key id " + v).isEqualTo(v.keyId());
            // The cached path gives the same answer, twice.
            MetricsIds cached = MetricsIds.withCache(secret, v.rotation(), 10);
            assertThat(cached.metricsId(v.uid(), v.at())).isEqualTo(v.metricsId());
            assertThat(cached.metricsId(v.uid(), v.at())).isEqualTo(v.metricsId());
        }
    }

    @Test
    void bouncyCastleHkdfMatchesAnIndependentRfc5869Implementation() throws Exception {
        for (Vector v : vectorsFromDocs()) {
            byte[] ikm = Base64.getDecoder().decode(v.secret());
            byte[] expected = hkdf(ikm, "metrics-id/v1".getBytes(StandardCharsets.US_ASCII), v.label().getBytes(StandardCharsets.US_ASCII), 32);
            assertThat(MetricsIds.deriveEpochKey(ikm, v.label())).isEqualTo(expected);
        }
    }

    @Test
    void rfc5869TestCasesOneToThree() throws Exception {
        HexFormat hex = HexFormat.of();
        // Case 1
        assertThat(hex.formatHex(bcHkdf(hex.parseHex("0b".repeat(22)), hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        // Case 2
        StringBuilder ikm = new StringBuilder();
        StringBuilder salt = new StringBuilder();
        StringBuilder info = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            ikm.append(String.format("%02x", i));
            salt.append(String.format("%02x", 0x60 + i));
            info.append(String.format("%02x", 0xb0 + i));
        }
        assertThat(hex.formatHex(bcHkdf(hex.parseHex(ikm), hex.parseHex(salt), hex.parseHex(info), 82)))
                .isEqualTo("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
        // Case 3: empty salt and info
        assertThat(hex.formatHex(bcHkdf(hex.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
        // The independent implementation agrees on the same cases.
        assertThat(hex.formatHex(hkdf(hex.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void idsBetweenCoversEveryEpochOfTheRange() throws Exception {
        Vector v = vectorsFromDocs().get(0);
        MetricsIds ids = MetricsIds.of(MetricsSecret.fromBase64(v.secret()), Rotation.MONTH);
        Map<String, String> range = ids.idsBetween(v.uid(), Instant.parse("2026-09-30T23:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(range.keySet()).containsExactly("2026-09", "2026-10", "2026-11");
        assertThat(range.get("2026-10")).isEqualTo(v.metricsId());
        MetricsIds weekly = MetricsIds.of(MetricsSecret.fromBase64(v.secret()), Rotation.WEEK);
        assertThat(weekly.idsBetween("u", Instant.parse("2026-12-28T00:00:00Z"), Instant.parse("2027-01-11T00:00:00Z")).keySet())
                .containsExactly("2026-W53", "2027-W01", "2027-W02");
        assertThatThrownBy(() -> ids.idsBetween("u", Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretRulesAndNoSecretInMessagesOrToString() {
        String shortSecret = Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> MetricsSecret.fromBase64(shortSecret)).hasMessage("secret decodes to 31 bytes; at least 32 are required");
        assertThatThrownBy(() -> MetricsSecret.fromBase64("not*base64!" + "x".repeat(40)))
                .hasMessage("secret is not valid base64").message().doesNotContain("not*base64");
        assertThatThrownBy(() -> MetricsSecret.fromBase64(" ")).hasMessageStartingWith("secret is missing");
        assertThatThrownBy(() -> MetricsSecret.fromBase64(Base64.getEncoder().encodeToString(new byte[32])))
                .hasMessageStartingWith("secret is not plausibly random: its bytes take fewer than 16 distinct values");
        byte[] fifteen = new byte[48];
        for (int i = 0; i < fifteen.length; i++) {
            fifteen[i] = (byte) (i % 15 * 17);
        }
        assertThatThrownBy(() -> MetricsSecret.fromBase64(Base64.getEncoder().encodeToString(fifteen)))
                .hasMessageStartingWith("secret is not plausibly random");
        // What Logback substitutes for an unset ${METRICS_SECRET_OF_THE_SYNC_SERVICE}: valid base64 of 35 bytes.
        String undefined = "METRICS_SECRET_OF_THE_SYNC_SERVICE_IS_UNDEFINED";
        assertThat(Base64.getUrlDecoder().decode(undefined)).hasSizeGreaterThanOrEqualTo(32);
        assertThatThrownBy(() -> MetricsSecret.fromBase64(undefined))
                .hasMessageStartingWith("secret contains Logback's undefined-variable marker _IS_UNDEFINED").message()
                .doesNotContain("METRICS_SECRET_OF");
        byte[] sixteen = new byte[32];
        for (int i = 0; i < sixteen.length; i++) {
            sixteen[i] = (byte) (i % 16);
        }
        String b64 = Base64.getEncoder().encodeToString(sixteen);
        MetricsSecret s = MetricsSecret.fromBase64(b64);
        assertThat(s.toString()).doesNotContain(b64).contains(s.keyId());
        assertThat(MetricsIds.of(s, Rotation.DAY).toString()).doesNotContain(b64);
        assertThatThrownBy(() -> Rotation.parse("YEAR")).hasMessage("unknown rotation [YEAR]; use MONTH, WEEK or DAY");
    }

    private static byte[] bcHkdf(byte[] ikm, byte[] salt, byte[] info, int len) {
        org.bouncycastle.crypto.generators.HKDFBytesGenerator g =
                new org.bouncycastle.crypto.generators.HKDFBytesGenerator(new org.bouncycastle.crypto.digests.SHA256Digest());
        g.init(new org.bouncycastle.crypto.params.HKDFParameters(ikm, salt, info));
        byte[] out = new byte[len];
        g.generateBytes(out, 0, len);
        return out;
    }

    /** RFC 5869 written out with javax.crypto: extract, then expand. */
    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int len) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] out = new byte[len];
        byte[] t = new byte[0];
        for (int i = 1, off = 0; off < len; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, len - off);
            System.arraycopy(t, 0, out, off, n);
            off += n;
        }
        return out;
    }
}
