package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IP addresses written to dodge the detector, and event names that are no address (branch {@code ipname9},
 * 2026-12-03; {@code value | what the masked value must be}). Each row of a found group failed on main at 7bf2c7d;
 * the plain rows beside them stay plain.
 */
class IpNineTest {

    private static String mask(String s) {
        return PiiScanner.mask(s, k -> "<" + k.label() + ">");
    }

    /**
     * Defanged IPv4 addresses (threat-intelligence reports, and a way round the detector): a dot bracketed, or the
     * word {@code dot} bracketed, one blank at most either side, also mixed with plain dots.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            203[.]0[.]113[.]5 | <ip>
            203(.)0(.)113(.)5 | <ip>
            203{.}0{.}113{.}5 | <ip>
            203[dot]0[dot]113[dot]5 | <ip>
            203[DOT]0[Dot]113(dot)5 | <ip>
            203[.]0.113.5 | <ip>
            203.0.113[.]5 | <ip>
            10.0[.]0.1 | <ip>
            hxxp://203[.]0[.]113[.]5/ | hxxp://<ip>/
            hxxps://198[.]51[.]100[.]7:8443/gate.php | hxxps://<ip>:8443/gate.php
            C2 server 198 [.] 51 [.] 100 [.] 7 seen | C2 server <ip> seen
            C2 server 198 [.]51[.] 100[.]7 seen | C2 server <ip> seen
            '{"ioc":"192[.]168[.]1[.]20","type":"ipv4"}' | '{"ioc":"<ip>","type":"ipv4"}'
            'ip=10[.]20[.]30[.]40 blocked' | 'ip=<ip> blocked'
            '2026-12-03 11:04:19 WARN beacon to 8[.]8[.]8[.]8 port 53' | '2026-12-03 11:04:19 WARN beacon to <ip> port 53'
            IOC: 255[.]255[.]255[.]255. | IOC: <ip>.
            '(203[.]0[.]113[.]5)' | '(<ip>)'
            010[.]020[.]030[.]040 | <ip>
            """)
    void defangedAddressesAreFound(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** Brackets that join no address: citations, five parts, parts above 255 or of four digits, blanks too many. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'as shown in [1] and [2], see section 3.1 (p. 4)'
            1[.]2[.]3[.]4[.]5
            300[.]0[.]113[.]5
            2026[.]12[.]03[.]1
            203  [.]  0  [.]  113  [.]  5
            203[.]0[.]113
            'regex [0-9]+[.][0-9]+ matches 1[.]5'
            'f(.)g(.)h(.)k'
            'items[1][2][3][4]'
            'a(1)(2)(3)(4)'
            '[1].[2].[3].[4]'
            'version 1(.)2 of 3'
            """)
    void otherBracketsStayPlain(String value) {
        assertThat(mask(value)).isEqualTo(value);
    }

    /**
     * The worst shapes of the defanged pass (every opener a defanged dot: long chains walked back and forward from each,
     * parts of four digits, an address every 20 characters), 1 MiB each, in the bound of {@link LinearTimeTest}.
     */
    @Test
    void defangedShapesAreScannedInLinearTime() {
        String[] units = {"1[.]", "1 [dot] ", "9999[.]", "255[.]255[.]255[.]255 ", "1(.)22{.}", "1[.]2[.]3 ", "1[.."};
        for (String unit : units) {
            String v = unit.repeat((1 << 20) / unit.length());
            PiiScanner.scan(v); // warm-up
            long t0 = System.nanoTime();
            PiiScanner.scan(v);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as(unit).isLessThan(5_000);
        }
    }
}
