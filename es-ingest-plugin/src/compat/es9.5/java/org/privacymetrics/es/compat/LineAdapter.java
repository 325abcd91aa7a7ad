package org.privacymetrics.es.compat;

import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.plugins.Plugin;

/** Elasticsearch 9.5 (the line the main code is written against): no difference. */
final class LineAdapter implements EsAdapter {

    @Override
    public String line() {
        return "es9.5";
    }

    @Override
    public BigArrays bigArrays(Plugin.PluginServices services) {
        return services.bigArrays();
    }
}
