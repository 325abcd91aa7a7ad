package org.privacymetrics.es.compat;

import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.plugins.Plugin;

/** Elasticsearch 9.1 to 9.3: {@code PluginServices} has no {@code bigArrays()}; the indices service holds the node's. */
final class LineAdapter implements EsAdapter {

    @Override
    public String line() {
        return "es9.1";
    }

    @Override
    public BigArrays bigArrays(Plugin.PluginServices services) {
        return services.indicesService().getBigArrays();
    }
}
