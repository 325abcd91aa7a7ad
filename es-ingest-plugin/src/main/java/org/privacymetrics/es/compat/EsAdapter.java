package org.privacymetrics.es.compat;

import org.elasticsearch.common.util.BigArrays;
import org.elasticsearch.plugins.Plugin;

/**
 * The few server APIs that differ between the Elasticsearch lines the plugin is built for.
 *
 * <p>The main code is written against the newest line; where an older supported line has another API, the call goes
 * through this interface. Each line has its implementation ({@code LineAdapter}) and its plugin base class
 * ({@code PluginBase}, for the one overridden hook whose signature changed) in {@code src/compat/<line>/java}, which
 * the build adds as a source folder for the {@code elasticsearch.version} it compiles against (see the es-* profiles of
 * {@code es-ingest-plugin/pom.xml} and "Elasticsearch versions" in docs/operations.md).
 */
public interface EsAdapter {

    /** The adapter of the line this plugin was built for. */
    EsAdapter CURRENT = new LineAdapter();

    /** The compatibility line, e.g. {@code es9.5}; for logs and tests. */
    String line();

    /** The node's {@link BigArrays} (with circuit-breaker accounting). */
    BigArrays bigArrays(Plugin.PluginServices services);
}
