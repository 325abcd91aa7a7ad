package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IPv4 with single blanks after a strong address word, and IPv4 with mixed spaced and plain dots (branch {@code ip11},
 * 2026-12-03; {@code value | what the masked value must be}). Each row of a found group failed on main at 4cfd487;
 * the plain rows stay plain.
 */
class IpElevenTest {

    /** After {@code ip}, {@code ipv4}, {@code ip4}, {@code addr} or a camel hump {@code Ip}: four parts joined by single blanks. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ip 203 0 113 5 | ip <ip>
            IP: 198 51 100 7 refused | IP: <ip> refused
            addr 10 0 0 1 ok | addr <ip> ok
            clientIp=172 16 0 9 | clientIp=<ip>
            '{"ipv4": "203 0 113 5"}' | '{"ipv4": "<ip>"}'
            """)
    void blanksAfterAStrongLabelAreFound(String text, String masked) {
        assertThat(mask(text)).isEqualTo(masked);
    }

    /** Dots with a blank beside some of them: after an address word any mix; without one, two plain dots and no ". ". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            203 . 0.113.5 | <ip>
            ip 203 .0. 113.5 | ip <ip>
            203.0 . 113.5 | <ip>
            203.0.113 . 5 | <ip>
            Connected. 203 . 0.113.5. | Connected. <ip>.
            client 203. 0. 113. 5 | client <ip>
            from 198 .51 .100 .7 | from <ip>
            ip=10 .0.0. 1 | ip=<ip>
            """)
    void mixedDotsAreFound(String text, String masked) {
        assertThat(mask(text)).isEqualTo(masked);
    }

    /** Numbers that look like these forms and are none: counts, dates, thousands, lists, versions, phone numbers. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            10 20 30 40
            host 10 20 30 40
            from 10 20 30 40
            ip 10 20 30 40 50
            ip 2026 12 03
            ip 12 34 56
            x 12 345 678
            total 12 345 678
            1. 2.3.4
            Section 1. 2.3.4 explains it
            1. 2. 3. 4.
            v1.2 . 3.4
            1.2.3 . 4.5
            1.2 . 3.4.5
            1 . 2 . 3 . 4
            see 2.1. 3.4 above
            id,1,2,3,4
            ports 80 443 22 25
            version 1 . 2.3.4.5.6
            ip_2F[:]ff[:][:]
            """)
    void lookAlikesStayPlain(String text) {
        assertThat(mask(text)).isEqualTo(text);
    }

    /**
     * A defanged IPv6 run after a word: the part before its first single colon is a key, and the address after it needs
     * a digit of its own (the key's digits do not count: {@code ip_2F[:]ff[:][:]} above stays plain, as the reference
     * reads it; an EquivalenceTest seed found the engine counting the key's {@code 2}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ip_2F[:]db8[:][:]1 | ip_2F[:]<ip>
            addr=2001[:]db8[:][:]1 | addr=<ip>
            """)
    void defangedAfterAKeyNeedsADigitOfItsOwn(String text, String masked) {
        assertThat(mask(text)).isEqualTo(masked);
    }
}
