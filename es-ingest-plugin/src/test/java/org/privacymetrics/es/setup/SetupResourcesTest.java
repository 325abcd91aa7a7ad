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
    void everyDefinitionCarriesAVersionAndIsMarkedManaged() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(SetupResources.load()).isNotEmpty().allSatisfy(r -> {
            com.fasterxml.jackson.databind.JsonNode d;
            try {
                d = json.readTree(r.json());
            } catch (java.io.IOException e) {
                throw new AssertionError(r.name(), e);
            }
            assertThat(d.path("version").isInt()).as(r.name() + " has an integer version").isTrue();
            assertThat(d.path("version").asInt()).as(r.name()).isPositive();
            assertThat(d.path("_meta").path("managed").asBoolean()).as(r.name() + " _meta.managed").isTrue();
            assertThat(d.path("_meta").path("managed_by").asText()).as(r.name()).isEqualTo("privacy-metrics");
        });
    }

    @Test
    void responseKeysAreSnakeCasePlurals() {
        assertThat(SetupResources.Kind.INDEX_TEMPLATE.responseKey()).isEqualTo("index_templates");
        assertThat(SetupResources.Kind.PIPELINE.responseKey()).isEqualTo("pipelines");
    }
}
