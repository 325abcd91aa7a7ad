package org.privacymetrics.es.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretStrengthTest {

    @Test
    void refusesUndefinedVariablesAndSecretsThatAreNotPlausiblyRandom() {
        for (String weak : new String[] {"METRICS_REKEY_SECRET_VALUE_IS_UNDEFINED", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "abababababababababababababababababababab", "0123456789abcde0123456789abcde0123456789abcde"}) {
            String problem = SecretStrength.problem(weak.getBytes(StandardCharsets.UTF_8));
            assertThat(problem).as(weak).isNotNull().doesNotContain(weak);
        }
        assertThat(SecretStrength.problem("x_IS_UNDEFINED".getBytes(StandardCharsets.UTF_8))).contains("undefined-variable marker");
    }

    @Test
    void acceptsRandomSecrets() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            // as an operator would store it: openssl rand -base64 32
            assertThat(SecretStrength.problem(Base64.getEncoder().encode(raw))).isNull();
        }
        assertThat(SecretStrength.problem("test-only-rekey-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
