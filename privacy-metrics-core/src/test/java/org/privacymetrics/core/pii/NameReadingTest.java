package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Event names read with their joiners as blanks or dots: what is found there, and the names that stay plain. */
class NameReadingTest {

    private static final Set<PiiKind> ALL = EnumSet.allOf(PiiKind.class);

    private static String mask(String name) {
        return PiiScanner.mask(name, NameReading.scan(name, ALL), k -> "<" + k.label() + ">");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pay_4111_1111_1111_1111 | pay_<card>
            pay:4111:1111:1111:1111 | pay:<card>
            card.4111.1111.1111.1111 | card.<card>
            4111_1111_1111_1111_paid | <card>_paid
            sms_415_555_0133 | sms_<phone>
            sms-415-555-0133-sent | sms-<phone>-sent
            call:+1:415:555:0133 | call:<phone>
            ssn_123_45_6789 | ssn_<ssn>
            ip_203_0_113_22 | ip_<ip>
            login_from_203.0.113.22 | login_from_<ip>
            iban_DE89_3704_0044_0532_0130_00 | iban_<iban>
            """)
    void personalDataInAnEventNameIsFound(String name, String masked) {
        assertThat(mask(name)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "user.signup", "login.failed", "checkout_v2_step_3", "page_view:home", "order_2026_12_02", "release-2026.12.02",
        "job_20261202_101535", "retry_3_of_5", "http_500", "cache_hit_ratio_0.95", "user-42-deleted",
        "tenant_123456789_created", "order-1234-5678-9012", "txn_1000000000000", "evt_0123456789abcdef", "api_v1_users_42",
        "v2.10.3-rc.1", "batch_100_200_300_400", "build_42_of_2026", "s3:ObjectCreated:Put", "k8s.pod.restart",
    })
    void eventNamesWithoutPersonalDataStayPlain(String name) {
        assertThat(mask(name)).isEqualTo(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "deploy at 2026-12-02 10:15:30 by ci", "size 1024 2048 4096 8192", "pay-4111-1111-1111-1111 x", "café_4111_1111",
    })
    void freeTextIsReadOnlyAsItIs(String value) {
        assertThat(NameReading.readings(value)).isEmpty();
        assertThat(NameReading.scan(value, ALL)).isEqualTo(PiiScanner.scan(value, ALL));
    }
}
