package org.privacymetrics.es.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetupResourcesTest {

    @Test
    void pipelinesAreInstalledBeforeTheTemplatesThatNameThem() {
        List<SetupResources.Resource> all = SetupResources.load();
        List<SetupResources.Kind> kinds = all.stream().map(SetupResources.Resource::kind).toList();
        assertThat(kinds).isSorted();
        assertThat(all).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(SetupResources.Kind.PIPELINE);
            assertThat(r.name()).isEqualTo("metrics-events-scrub");
        });
        assertThat(all).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(SetupResources.Kind.INDEX_TEMPLATE);
            assertThat(r.name()).isEqualTo("metrics-events-daily");
            assertThat(new String(r.json(), StandardCharsets.UTF_8)).contains("\"index.final_pipeline\": \"metrics-events-scrub\"");
        });
    }

    @Test
    void responseKeysAreSnakeCasePlurals() {
        assertThat(SetupResources.Kind.INDEX_TEMPLATE.responseKey()).isEqualTo("index_templates");
        assertThat(SetupResources.Kind.PIPELINE.responseKey()).isEqualTo("pipelines");
    }
}
