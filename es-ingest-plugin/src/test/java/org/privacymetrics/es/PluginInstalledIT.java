package org.privacymetrics.es;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.privacymetrics.testnode.ElasticsearchNodeExtension;
import org.privacymetrics.testnode.NodeHttp;

/** The plugin zip built by this module installs with {@code elasticsearch-plugin install} and loads on a real node. */
@ExtendWith(ElasticsearchNodeExtension.class)
class PluginInstalledIT {

    @Test
    void nodeListsThePluginWithItsClassAndVersion(NodeHttp es) {
        NodeHttp.Response r = es.get("/_nodes/plugins?filter_path=nodes.*.plugins").assertSuccess();
        assertThat(r.body())
                .contains("\"name\":\"privacy-metrics\"")
                .contains("\"classname\":\"org.privacymetrics.es.PrivacyMetricsPlugin\"")
                .contains("\"version\":\"" + System.getProperty("project.version") + "\"");
    }

    @Test
    void catPluginsShowsIt(NodeHttp es) {
        assertThat(es.get("/_cat/plugins?h=component").assertSuccess().body().lines()).contains(PrivacyMetricsPlugin.NAME);
    }
}
