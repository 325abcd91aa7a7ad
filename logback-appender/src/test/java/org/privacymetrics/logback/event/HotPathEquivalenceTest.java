package org.privacymetrics.logback.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free structures of the hot path answer exactly as the plain ones they replaced: cached value
 * renderings as decoding the value each time, a reused uid echo as a fresh one, the array-backed fields as a
 * LinkedHashMap.
 */
class HotPathEquivalenceTest {

    private static final String ALPHABET = "Aaz09+/_-=.: é@%\\xFf";

    private static String random(SplittableRandom r, int maxLen) {
        int len = r.nextInt(0, maxLen);
        StringBuilder b = new StringBuilder(len);
        for (int j = 0; j < len; j++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A value that renders {@code uid} in one of the ways UidEcho must recognise. */
    private static String rendering(SplittableRandom r, String uid) {
        // a JSON-escaped rendering of a uid that holds a backslash would need that backslash escaped too: not built here
        return switch (r.nextInt(uid.indexOf('\\') >= 0 ? 4 : 5)) {
            case 0 -> "  " + uid.toUpperCase(Locale.ROOT) + " ";
            case 1 -> "ref=" + URLEncoder.encode(uid + "&x", StandardCharsets.UTF_8).replace("a", "%61");
            case 2 -> Base64.getEncoder().encodeToString(("id:" + uid).getBytes(StandardCharsets.UTF_8));
            case 3 -> Base64.getUrlEncoder().withoutPadding().encodeToString(uid.getBytes(StandardCharsets.UTF_8));
            default -> "x\\u00" + Integer.toHexString(uid.charAt(0)) + uid.substring(1);
        };
    }

    @Test
    void cachedRenderingsAndAReusedEchoAnswerAsFreshOnes() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        ValueRenderings.Cache cache = new ValueRenderings.Cache(16); // small: slots are overwritten often
        UidEcho reused = new UidEcho("seed-user");
        int positives = 0;
        for (int i = 0; i < 20_000; i++) {
            String uid = r.nextInt(4) == 0 ? random(r, 12) : "u" + Long.toHexString(r.nextLong());
            if (uid.isBlank()) {
                continue;
            }
            UidEcho fresh = new UidEcho(uid);
            reused.reset(uid);
            for (int k = 0; k < 4; k++) {
                boolean renders = k == 0 && fresh.folded().length() >= UidEcho.MIN_LENGTH;
                String value = renders ? rendering(r, uid) : r.nextBoolean() ? random(r, 30) : "u" + Long.toHexString(r.nextLong());
                boolean expected = fresh.rendersUid(value);
                if (renders) {
                    assertThat(expected).as("seed %d: [%s] renders [%s]", seed, value, uid).isTrue();
                    positives++;
                }
                ValueRenderings cached = cache.get(value);
                if (cached == null) {
                    cached = ValueRenderings.of(value);
                    cache.put(cached);
                }
                assertThat(cache.get(value)).isSameAs(cached);
                assertThat(fresh.rendersUid(cached)).as("seed %d, cached [%s] vs [%s]", seed, value, uid).isEqualTo(expected);
                assertThat(fresh.rendersUid(ValueRenderings.of(value))).as("seed %d", seed).isEqualTo(expected);
                assertThat(reused.rendersUid(value)).as("seed %d, reused echo, [%s] vs [%s]", seed, value, uid).isEqualTo(expected);
                assertThat(reused.looksLikeAUid(value)).as("seed %d, shape of [%s] in [%s]", seed, uid, value)
                        .isEqualTo(fresh.looksLikeAUid(value));
            }
        }
        assertThat(positives).isGreaterThan(1_000);
    }

    @Test
    void fieldsKeepTheOrderAndValuesOfALinkedHashMap() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int round = 0; round < 2_000; round++) {
            int keys = r.nextBoolean() ? 6 : 40; // 40: past the point where Fields adds its hash index
            Map<String, Object> expected = new LinkedHashMap<>();
            Fields fields = new Fields();
            if (r.nextBoolean()) {
                fields.put("stale", "left over"); // a cleared Fields must be as good as a new one
                fields.clear();
            }
            for (int op = 0; op < 60; op++) {
                String key = "k" + r.nextInt(keys);
                if (r.nextInt(4) == 0) {
                    assertThat(fields.remove(key)).as("seed %d", seed).isEqualTo(expected.remove(key));
                } else {
                    Object value = r.nextInt(10) == 0 ? null : r.nextInt(100);
                    fields.put(key, value);
                    expected.put(key, value);
                }
            }
            List<String> order = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < fields.slots(); i++) {
                if (fields.keyAt(i) != null) {
                    order.add(fields.keyAt(i));
                    values.add(fields.valueAt(i));
                }
            }
            assertThat(order).as("seed %d", seed).containsExactlyElementsOf(expected.keySet());
            assertThat(values).as("seed %d", seed).containsExactlyElementsOf(expected.values());
            assertThat(fields.size()).isEqualTo(expected.size());
        }
        // a null key (a malformed channel) is refused, so the event is dropped as failed, not forwarded without it
        assertThatThrownBy(() -> new Fields().put(null, "value")).isInstanceOf(NullPointerException.class);
    }
}
