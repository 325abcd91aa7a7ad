package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * sym10 (2026-12-03) made an address found cheaper without changing what is reported: {@code EmailDetector}'s word
 * lists are looked up by length and first character (as {@code char[]}), and the verb of {@code systemctl VERB unit@…}
 * is found by one walk back instead of a probe at each verb length. Each row: a value and how it must be masked (the
 * same before and after); and the engine must report exactly what the frozen reference reports
 * ({@link EquivalenceTest#reference}). The rows hold the cases the new lookups decide: any case, words that share a
 * first character, a verb with '-', one longer than any verb, a word glued before {@code systemctl}, two blanks.
 */
class SymTenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            systemctl restart postgresql@15-main.example | systemctl restart postgresql@15-main.example
            systemctl RESTART postgresql@15-main.example | systemctl RESTART postgresql@15-main.example
            systemctl is-enabled getty@tty1.example | systemctl is-enabled getty@tty1.example
            systemctl is-enabledx jane@example.org | systemctl is-enabledx <email>
            systemctl restartx jane@example.org | systemctl restartx <email>
            xsystemctl restart jane@example.org | xsystemctl restart <email>
            systemctl  restart jane@example.org | systemctl  restart <email>
            sudo systemctl stop worker@example.org | sudo systemctl stop worker@example.org
            contact jane@example.org | contact <email>
            icon@dark.SVG | icon@dark.SVG
            icon@dark.svgz | <email>
            font@x.Woff2 | font@x.Woff2
            jane@example.otf | jane@example.otf
            jane@example.org | <email>
            react@LATEST | react@LATEST
            react@latest.example | <email>
            btn@2XL | btn@2XL
            user_email=jane@example.org | user_email=<email>
            USEREMAIL=jane@example.org | <email>
            é中ж@ü.ß-ø１２３ é中ж@ü.ß-ø１２３ | <email> <email>
            ４１１１　１１１１＠ｅｘａｍｐｌｅ．ｏｒｇ | ４１１１　<email>
            """)
    void sameAsTheReference(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        assertThat(PiiScanner.scan(value)).isEqualTo(EquivalenceTest.reference(value, EnumSet.allOf(PiiKind.class)));
    }
}
