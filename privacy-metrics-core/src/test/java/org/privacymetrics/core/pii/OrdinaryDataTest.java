package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Ordinary values the engine masked (branch {@code fp8}, false positives of an attack review and of ordinary data
 * generated on main at e619364): an engine that masks them breaks dashboards and drops events at the edge. Each row or
 * rate failed on that engine; the PII rows beside them stay found.
 */
class OrdinaryDataTest {

    private static final int NUMBERS = 100_000;

    /** How many of {@code NUMBERS} generated numbers {@link NumberText} makes a text with a finding in. */
    private static int found(long seed, Function<SplittableRandom, Number> gen) {
        SplittableRandom r = new SplittableRandom(seed);
        int found = 0;
        for (int i = 0; i < NUMBERS; i++) {
            if (!PiiScanner.scan(NumberText.of(gen.apply(r))).isEmpty()) {
                found++;
            }
        }
        return found;
    }

    /**
     * JSON numbers (the ingest scrub reads a JSON number through {@link NumberText}): about 3% of random doubles in
     * [0,1) were read as cards ({@code 0.5488135039273248} → {@code 0 5488135039273248}: 16 digits, Luhn-valid one time
     * in ten, in an issuer's range half the time), floats too (read from the double they widen to, 16 digits the float
     * never had), doubles times 10^k (1.8%), and 3.2% of doubles below 10^-4 (their leading zeros read apart).
     */
    @Test
    void decimalFractionsAreNoCards() {
        assertThat(found(1, SplittableRandom::nextDouble)).as("doubles in [0,1)").isZero();
        assertThat(found(2, r -> (float) r.nextDouble())).as("floats in [0,1)").isZero();
        assertThat(found(3, r -> r.nextDouble() * Math.pow(10, r.nextInt(-8, 9)))).as("doubles times 10^k, k in -8..8").isZero();
        assertThat(found(4, r -> r.nextDouble() * 1e-5)).as("doubles times 10^-5").isZero();
        assertThat(found(5, r -> -r.nextDouble() * 1000)).as("negative doubles").isZero();
        // a BigDecimal computed to 16 digits (MathContext.DECIMAL64): its fraction has 3 leading zeros 1 time in 1000
        assertThat(found(6, r -> new BigDecimal(r.nextDouble(), MathContext.DECIMAL64))).as("BigDecimal, 16 digits")
                .isLessThan(NUMBERS / 10_000);
    }

    /** What a number's text still carries: a card in the integral part, and a card after zeros a BigDecimal wrote. */
    @Test
    void numbersStillFound() {
        assertThat(PiiScanner.contains(NumberText.of(4111111111111111L), PiiKind.CARD)).isTrue();
        assertThat(PiiScanner.contains(NumberText.of(4.111111111111111E15), PiiKind.CARD)).isTrue();
        assertThat(PiiScanner.contains(NumberText.of(4111111111111111.5), PiiKind.CARD)).isTrue();
        assertThat(PiiScanner.contains(NumberText.of(new BigDecimal("4111111111111111.25")), PiiKind.CARD)).isTrue();
        assertThat(PiiScanner.contains(NumberText.of(new BigDecimal("0.00004111111111111111")), PiiKind.CARD)).isTrue();
        assertThat(PiiScanner.contains(NumberText.of(new BigDecimal("-0.0004111111111111111")), PiiKind.CARD)).isTrue();
        assertThat(NumberText.of(0.25)).isEqualTo("0.25");
        assertThat(NumberText.of(0.6081305f)).isEqualTo("0.6081305");
        assertThat(NumberText.of(12.5)).isEqualTo("12 0.5");
        assertThat(NumberText.of(new BigDecimal("10.0500"))).isEqualTo("10 0.05");
    }

    private static String maskName(String name) {
        return PiiScanner.mask(name, NameReading.scan(name, EnumSet.allOf(PiiKind.class)), k -> "<" + k.label() + ">");
    }

    /**
     * Event names (the appender drops an event whose name holds personal data): {@code _} read as a dot made counters
     * and version parts of one digit an IP address; every joiner read as a blank split a decimal's fraction off.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            level_1_2_3_4_complete | level_1_2_3_4_complete
            step_1_1_1_1 | step_1_1_1_1
            v_1_2_3_4 | v_1_2_3_4
            quiz_2_1_3_4_answered | quiz_2_1_3_4_answered
            video_progress_25_50_75_100 | video_progress_25_50_75_100
            level_10_20_30_40 | level_10_20_30_40
            room_101_102_103_104 | room_101_102_103_104
            scroll_depth_10_25_50_90 | scroll_depth_10_25_50_90
            score_100_200_250_255 | score_100_200_250_255
            app_version_4_12_0_1 | app_version_4_12_0_1
            app_open_v_4_12_0_1 | app_open_v_4_12_0_1
            app_v4_12_0_1_launch | app_v4_12_0_1_launch
            temp_21.5_22.1 | temp_21.5_22.1
            login_from_172_16_0_5 | login_from_<ip>
            user_203_0_113_22_login | user_<ip>_login
            ratio_0.5800248845020607 | ratio_0.5800248845020607
            0.5800248845020607 | 0.5800248845020607
            ip_203_0_113_22 | ip_<ip>
            ip_10_0_0_1_blocked | ip_<ip>_blocked
            login_192_168_1_20 | login_<ip>
            card.4111.1111.1111.1111 | card.<card>
            sms.415.555.0133.sent | sms.<phone>.sent
            """)
    void eventNames(String name, String masked) {
        assertThat(maskName(name)).isEqualTo(masked);
    }

    /**
     * Asset and style names with an at-sign: an image's scale ({@code @2x}), a file's extension that is no top-level
     * domain, CSS states and page parts as single labels; real addresses beside them stay found.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            logo@2x.png | logo@2x.png
            icon@3x.webp | icon@3x.webp
            GET /static/img/hero@1.5x.jpg 200 | GET /static/img/hero@1.5x.jpg 200
            'background: url(sprite@2x.png) no-repeat' | 'background: url(sprite@2x.png) no-repeat'
            'srcset="logo.png 1x, logo@2x.png 2x, logo@3X.png 3x"' | 'srcset="logo.png 1x, logo@2x.png 2x, logo@3X.png 3x"'
            .icon@2x | .icon@2x
            icon-close@dark.svg | icon-close@dark.svg
            fonts/Inter@var.woff2 | fonts/Inter@var.woff2
            share@footer | share@footer
            btn@hover | btn@hover
            click cta@header | click cta@header
            a.link@focus | a.link@focus
            @media (max-width: 600px) | @media (max-width: 600px)
            '@media screen and (min-width: 768px) { .btn@md { } }' | '@media screen and (min-width: 768px) { .btn@md { } }'
            'Sprite sheet: sprites@2x.json loaded' | 'Sprite sheet: sprites@2x.json loaded'
            Default-568h@2x.png | Default-568h@2x.png
            icons/arrow-left@2x~ipad.png | icons/arrow-left@2x~ipad.png
            'screen 1280x720@2x' | 'screen 1280x720@2x'
            'import "./chunk@vendor.js"' | 'import "./chunk@vendor.js"'
            'npm i typescript@beta react@canary' | 'npm i typescript@beta react@canary'
            'nvm install node@lts' | 'nvm install node@lts'
            jane@example.org | <email>
            jane@localhost | <email>
            root@devbox | <email>
            jane@2x.example.org | <email>
            jane@png.example.org | <email>
            mail jane@footer.example.com | mail <email>
            """)
    void atSignsInAssetAndStyleNames(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * User agents: a browser's four-part version after its product name and {@code /} (Chromium's reduced user agent
     * writes {@code 119.0.0.0}) read as an IP address; a host before an address as Java prints it, a URL path, stay found.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36' | 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36'
            'Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0' | 'Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'
            'Chrome/118.0.0.0 YaBrowser/23.11.0.0 Safari/537.36' | 'Chrome/118.0.0.0 YaBrowser/23.11.0.0 Safari/537.36'
            'Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0' | 'Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0'
            Chrome/119.0.0.0 | Chrome/119.0.0.0
            ua=Chrome/119.0.0.0 | ua=Chrome/119.0.0.0
            '{"ua":"Chrome/119.0.0.0"}' | '{"ua":"Chrome/119.0.0.0"}'
            'client 203.0.113.5 Chrome/119.0.0.0' | 'client <ip> Chrome/119.0.0.0'
            localhost/127.0.0.1 | localhost/<ip>
            'connected to db.example.org/10.0.0.5:5432' | 'connected to db.example.org/<ip>:5432'
            DESKTOP-7G3K2LM/192.168.1.23 | DESKTOP-7G3K2LM/<ip>
            MYPC/192.168.1.23 | MYPC/<ip>
            GET /api/ips/203.0.113.5 | GET /api/ips/<ip>
            """)
    void userAgents(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /**
     * Times and counts read as phone numbers: times of day in a row as a trunk prefix's 12 digits, counts before a unit
     * as a Chinese mobile's 3-4-4; the numbers beside them stay found.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            0830 1230 1730 | 0830 1230 1730
            'schedule 0800 1200 1600 2000' | 'schedule 0800 1200 1600 2000'
            'open 0830 1230 1730 daily' | 'open 0830 1230 1730 daily'
            0900-1200-1500-1800 | 0900-1200-1500-1800
            'took 150 1000 5000 ms' | 'took 150 1000 5000 ms'
            'sizes 130 2048 4096 KB' | 'sizes 130 2048 4096 KB'
            'timeouts 1 500 1000 secs' | 'timeouts 1 500 1000 secs'
            12 34 56 78 90 | 12 34 56 78 90
            'took 150 1000 5000 ms, call 415-555-0133' | 'took 150 1000 5000 ms, call <phone>'
            'call 138 0013 8000' | 'call <phone>'
            '138 0013 8000 sms' | '<phone> sms'
            030 1234 5678 | <phone>
            0800 1234 1500 | <phone>
            """)
    void timesAndCounts(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }
}
