package org.privacymetrics.testnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ElasticsearchNodeBuilderTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void theDistributionZipIsRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ElasticsearchNode.builder().fromProperties(props()).build());
        assertTrue(e.getMessage().contains("privacy.es.zip"), e.getMessage());
    }

    @Test
    void securityNeedsASuperuserForTheHealthCheck() {
        Properties p = props("privacy.es.zip", "es.zip", "privacy.es.setting.xpack.security.enabled", "true",
            "privacy.es.user.viewer", "viewer-pw:viewer");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ElasticsearchNode.builder().fromProperties(p).build());
        assertTrue(e.getMessage().contains("superuser"), e.getMessage());

        p.setProperty("privacy.es.user.admin", "admin-pw:superuser");
        ElasticsearchNode node = ElasticsearchNode.builder().fromProperties(p).build();
        assertFalse(node.isRunning());
    }

    @Test
    void keystoreValuesAndPasswordsNeverAppearInToString() {
        ElasticsearchNode node = ElasticsearchNode.builder().fromProperties(props("privacy.es.zip", "es.zip",
            "privacy.es.keystore.privacy_metrics.rekey.secret", "s3cr3t-value", "privacy.es.user.admin", "adm1n-pw:superuser",
            "privacy.es.workdir", "target/x")).build();
        String s = node.toString();
        assertTrue(s.contains("privacy_metrics.rekey.secret"), s);
        assertFalse(s.contains("s3cr3t-value"), s);
        assertFalse(s.contains("adm1n-pw"), s);
        assertEquals(Path.of("target/x").toAbsolutePath().normalize(), node.workDir());
    }

    @Test
    void unknownPropertiesAndShortPasswordsAreRejected() {
        assertThrows(IllegalArgumentException.class,
            () -> ElasticsearchNode.builder().fromProperties(props("privacy.es.zipp", "x")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ElasticsearchNode.builder().fromProperties(props("privacy.es.user.bob", "short:superuser")));
        assertTrue(e.getMessage().contains("bob") && !e.getMessage().contains("short"), e.getMessage());
    }

    @Test
    void basicAuthHelperDoesNotShowThePassword() {
        NodeHttp http = new NodeHttp(java.net.URI.create("http://127.0.0.1:1")).withBasicAuth("u", "p4ssw0rd");
        assertFalse(http.toString().contains("p4ssw0rd"));
    }
}
