package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FoldEscapeTest {

    @Test
    void onlyPercentAmpersandBackslashAndTheirFullWidthFormsFoldToAnEscapeCharacter() {
        for (int c = 0; c < 65536; c++) {
            char m = Fold.map((char) c);
            boolean escapeLike = m == '%' || m == '&' || m == '\\';
            assertThat(Fold.mayHaveEscapes(String.valueOf((char) c))).as("U+%04X", c).isEqualTo(escapeLike);
        }
    }

    @Test
    void decodesAFullWidthEscape() {
        assertThat(PiiScanner.mask("mail jane\uFF05\uFF14\uFF10example.org", k -> "<" + k.label() + ">")).isEqualTo("mail <" + PiiKind.EMAIL.label() + ">");
    }

    @Test
    void findsALookAlikeAddressAfterALongAsciiStretch() {
        String text = "x".repeat(3000) + " ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ " + "y".repeat(2000) + " val\u200B@example.org";
        assertThat(PiiScanner.mask(text, k -> "<" + k.label() + ">")).isEqualTo("x".repeat(3000) + " <" + PiiKind.EMAIL.label() + "> " + "y".repeat(2000) + " <" + PiiKind.EMAIL.label() + ">");
    }
}
