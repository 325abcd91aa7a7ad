package org.privacymetrics.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacymetrics.core.pii.Masks.mask;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * speed8 (2026-12-03) made the e-mail pass cheaper per address found without changing what it reports: the tests that
 * tell a machine's name from an address ({@code EmailDetector.machine}: systemd units, pinned actions, Message-IDs,
 * git remotes) read the local part once and probe the words before it instead of walking back, and the local part's
 * quoted forms are looked for only after a quote. Each row: a value and how it must be masked; and the engine must
 * report exactly what the frozen reference reports ({@link EquivalenceTest#reference}).
 */
class SpeedEightTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            systemctl restart postgresql@15-main | systemctl restart postgresql@15-main
            sudo systemctl RESTART postgresql@15-main | sudo systemctl RESTART postgresql@15-main
            systemctl is-enabled wg-quick@wg0 | systemctl is-enabled wg-quick@wg0
            systemctl cat getty@tty1x | systemctl cat getty@tty1x
            xsystemctl restart jane@example.org | xsystemctl restart <email>
            systemctl  restart jane@example.org | systemctl  restart <email>
            systemctl restarts jane@example.org | systemctl restarts <email>
            Systemctl restart jane@example.org | Systemctl restart <email>
            journalctl -u wg-quick@wg0 | journalctl -u wg-quick@wg0
            -u wg-quick@wg0 | -u <email>
            journalctl --unit wg-quick@wg0 | journalctl --unit wg-quick@wg0
            x-u jane@example.org | x-u <email>
            mail to jane@example.org | mail to <email>
            a.b@c.de a.b@c.de | <email> <email>
            uses: actions/checkout@v4 | uses: actions/checkout@v4
            uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 | uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11
            team/jane@example.org | <email>
            <20261202170000.4F2A1C@mail.example.org> | <20261202170000.4F2A1C@mail.example.org>
            <12345678.4F2A1C@mail.example.org> | <<email>>
            12345678@uni.example | <email>
            git@github.com:org/repo.git | git@github.com:org/repo.git
            akka.tcp://System@host:2552 | akka.tcp://System@host:2552
            typescript@5.3.0-dev.20231201 | typescript@5.3.0-dev.20231201
            "val email7"@example.org | <email>
            'jane@example.org' | '<email>'
            “val email7”@example.org | <email>
            1,\"""val email7\""@example.org",x | 1,"<email>",x
            """)
    void sameAsTheReference(String value, String masked) {
        assertThat(mask(value)).isEqualTo(masked);
        assertThat(PiiScanner.scan(value)).isEqualTo(EquivalenceTest.reference(value, EnumSet.allOf(PiiKind.class)));
    }
}
