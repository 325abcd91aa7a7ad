package org.privacymetrics.es.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/** The elected master deletes raw daily indices older than {@code privacy_metrics.events.retention}. */
@ExtendWith(ElasticsearchNodeExtension.class)
class RetentionIT {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final NodeHttp es = ElasticsearchNodeExtension.node().http();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final String old = "metrics-events-2020.01.01";
    private final String twoDaysAgo = "metrics-events-" + DAY.format(today.minusDays(2));
    private final String current = "metrics-events-" + DAY.format(today);
    private final String notDaily = "metrics-events-archive";

    @Test
    void expiredDailyIndicesAreDeletedAndTheRetentionIsDynamic() throws Exception {
        for (String index : new String[] {old, twoDaysAgo, current, notDaily}) {
            es.put("/" + index, null).assertSuccess();
        }
        setting("privacy_metrics.events.retention_check_interval", "\"1s\"");

        awaitGone(old);
        // the default retention (40 days) keeps recent days; other indices are never touched
        assertThat(exists(twoDaysAgo)).isTrue();
        assertThat(exists(current)).isTrue();
        assertThat(exists(notDaily)).isTrue();

        setting("privacy_metrics.events.retention", "\"1d\"");
        awaitGone(twoDaysAgo);
        assertThat(exists(current)).isTrue();
        assertThat(exists(notDaily)).isTrue();
    }

    @AfterEach
    void reset() {
        setting("privacy_metrics.events.retention_check_interval", "null");
        setting("privacy_metrics.events.retention", "null");
        for (String index : new String[] {old, twoDaysAgo, current, notDaily}) {
            es.delete("/" + index);
        }
    }

    private void setting(String key, String jsonValue) {
        es.put("/_cluster/settings", "{\"persistent\":{\"" + key + "\":" + jsonValue + "}}").assertSuccess();
    }

    private boolean exists(String index) {
        return es.request("HEAD", "/" + index, null).status() == 200;
    }

    private void awaitGone(String index) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (exists(index) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(exists(index)).as("%s deleted by retention", index).isFalse();
    }
}
