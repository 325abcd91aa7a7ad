package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Session s10 (2026-12-03): a password's unquoted value holding {@code & ; ,} was cut at the symbol, and the rest was
 * left readable ({@code pwd=Tr0ub4dor&3} → {@code pwd=[masked]&3}). The value goes on while what follows the symbol
 * is no next key ({@code value | what the masked value must be}); each row of the first group failed before.
 */
class SecretValueEndTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            pwd=Tr0ub4dor&3 | pwd=<token>
            password=a&b&c9 next | password=<token> next
            password=hunter2;x | password=<token>
            passwd=hunter,2,go | passwd=<token>
            pass=x&Y9z | pass=<token>
            login password=p#ss&word!7 user=bob | login password=<token> user=bob
            """)
    void passwordsHoldingSeparatorsAreMaskedWhole(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }

    /** The symbol still ends the value before the next key, a blank, or the end. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            pwd=hunter2&next=/home | pwd=<token>&next=/home
            Password=hunter2;Database=app | Password=<token>;Database=app
            password=hunter2,user=bob | password=<token>,user=bob
            password=hunter2, and more | password=<token>, and more
            password=hunter2& x | password=<token>& x
            password=hunter2; | password=<token>;
            """)
    void theNextKeyStillEndsTheValue(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
    }
}
