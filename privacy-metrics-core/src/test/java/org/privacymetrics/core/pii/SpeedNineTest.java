package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * speed9 (2026-12-03) made the shapes read twice and the e-mail pass cheaper without changing what is reported: the
 * word lists of {@code EmailDetector} (single-label names, files' extensions, systemd units and verbs, key words) are
 * looked up among the words of the same length only. Each row: a value and how it must be masked; and the engine must
 * report exactly what the frozen reference reports ({@link EquivalenceTest#reference}).
 */
class SpeedNineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            a@b a@b | <email> <email>
            a&#64b a&#64b | <email> <email>
            btn@hover | btn@hover
            btn@HOVER | btn@HOVER
            btn@hovers | <email>
            x@2xl | x@2xl
            x@xl | x@xl
            a@rc | a@rc
            a@r | <email>
            logs@custom | logs@custom
            react@insiders | react@insiders
            icon@dark.svg | icon@dark.svg
            icon@dark.woff2 | icon@dark.woff2
            icon@dark.woff3 | <email>
            getty@tty1.service | getty@tty1.service
            a@b.mount | a@b.mount
            a@b.mounts | <email>
            systemctl is-failed x@y | systemctl is-failed x@y
            systemctl cat x@y | systemctl cat x@y
            systemctl cats x@y | systemctl cats <email>
            user=jane@example | user=<email>
            email=a@b | email=<email>
            """)
    void sameAsTheReference(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        assertThat(PiiScanner.scan(value)).isEqualTo(EquivalenceTest.reference(value, EnumSet.allOf(PiiKind.class)));
    }
}
