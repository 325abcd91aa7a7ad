package org.privacymetrics.es.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.indices.SystemIndexDescriptor;
import org.elasticsearch.xcontent.json.JsonXContent;
import org.junit.jupiter.api.Test;

/** The descriptor Elasticsearch creates and upgrades {@code .privacy-metrics-rollups} from. */
class SystemIndexTest {

    @Test
    void theIndexIsManagedByElasticsearchFromThePluginsSettingsAndMappings() {
        SystemIndexDescriptor d = SystemIndex.descriptor();
        assertThat(d.isAutomaticallyManaged()).isTrue();
        assertThat(d.getPrimaryIndex()).isEqualTo(".privacy-metrics-rollups");
        assertThat(d.matchesIndexPattern(".privacy-metrics-rollups")).isTrue();
        assertThat(d.matchesIndexPattern(".privacy-metrics-events-2026-11")).isFalse();
        assertThat(d.getOrigin()).isEqualTo("stack");
        assertThat(d.getSettings().get("index.number_of_shards")).isEqualTo("1");
        assertThat(d.getSettings().get("index.auto_expand_replicas")).isEqualTo("0-1");
        assertThat(d.getSettings().getAsBoolean("index.hidden", false)).isTrue();
        assertThat(d.getMappingsVersion().version()).isEqualTo(SystemIndex.MAPPINGS_VERSION);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMappingsKeepTheSearchedFieldsAndStoreNothingElseAsFields() {
        Map<String, Object> mappings = XContentHelper.convertToMap(JsonXContent.jsonXContent, SystemIndex.descriptor().getMappings(), false);
        assertThat(mappings.get("dynamic")).isEqualTo(false);
        Map<String, Object> properties = (Map<String, Object>) mappings.get("properties");
        assertThat(properties.get("run_id")).isEqualTo(Map.of("type", "keyword"));
        assertThat(properties.get("schedule")).isEqualTo(Map.of("type", "boolean"));
        assertThat(((Map<String, Object>) mappings.get("_meta")).get(SystemIndexDescriptor.VERSION_META_KEY)).isEqualTo(SystemIndex.MAPPINGS_VERSION);
    }
}
