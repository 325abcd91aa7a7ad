package org.privacymetrics.logback.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written hot-path checks accept exactly what their regular expressions accept. */
class HandWrittenChecksTest {
    private static final Pattern BASE64ISH = Pattern.compile("[A-Za-z0-9+/_-]{4,}={0,2}");
    private static final String ALPHABET = "Aaz09+/_-=.: é@%\\\\x";

    @Test
    void eventNameAndBase64ShapeMatchTheirExpressions() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 200_000; i++) {
            int len = r.nextInt(0, 70);
            StringBuilder b = new StringBuilder(len);
            for (int j = 0; j < len; j++) {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            String s = b.toString();
            assertThat(EventBuilder.isEventName(s)).as("seed %d, [%s]", seed, s).isEqualTo(EventBuilder.EVENT_NAME.matcher(s).matches());
            assertThat(UidEcho.isBase64Shape(s)).as("seed %d, [%s]", seed, s).isEqualTo(BASE64ISH.matcher(s).matches());
        }
    }

    @Test
    void foldingAsciiTakesTheShortCutWithTheSameResult() {
        for (String s : new String[] {"  AbC-123 ", "user_7", "ZZ-UID-C02-ZZ", "ﬁle", "Ｕｓｅｒ", "e\u0301"}) {
            String slow = java.text.Normalizer.normalize(s.strip(), java.text.Normalizer.Form.NFKC).toUpperCase(java.util.Locale.ROOT)
                .toLowerCase(java.util.Locale.ROOT);
            assertThat(UidEcho.fold(s)).as(s).isEqualTo(slow);
        }
    }
}
