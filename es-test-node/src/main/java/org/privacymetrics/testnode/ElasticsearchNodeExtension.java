package org.privacymetrics.testnode;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs ONE real Elasticsearch node per test JVM, shared by every test class that uses it.
 *
 * <p>The node is configured from system properties (see {@link ElasticsearchNode.Builder#fromProperties}), which the
 * module's Failsafe configuration sets, started before the first class's {@code @BeforeAll} methods and stopped when
 * the JUnit engine closes its root context (with a JVM shutdown hook as a backstop). Tests receive it by parameter
 * injection ({@link ElasticsearchNode} or {@link NodeHttp}) or via {@link #node()}.
 *
 * <pre>{@code
 * @ExtendWith(ElasticsearchNodeExtension.class)
 * class MyIT {
 *     @Test void plugins(ElasticsearchNode node) {
 *         assertThat(node.request("GET", "/_cat/plugins", null).body()).contains("privacy-metrics");
 *     }
 * }
 * }</pre>
 *
 * <p>If the node fails to start, every later class gets the same failure instead of another start attempt.
 */
public final class ElasticsearchNodeExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ElasticsearchNodeExtension.class);
    private static final String KEY = "node";

    private static volatile ElasticsearchNode current;

    /**
     * @return the node started by this extension in this JVM
     * @throws IllegalStateException when no test class using the extension has started yet
     */
    public static ElasticsearchNode node() {
        ElasticsearchNode n = current;
        if (n == null) {
            throw new IllegalStateException("no node: annotate the test class with @ExtendWith(ElasticsearchNodeExtension.class)");
        }
        return n;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        nodeFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == ElasticsearchNode.class || type == NodeHttp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ElasticsearchNode node = nodeFor(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == ElasticsearchNode.class) {
            return node;
        }
        if (type == NodeHttp.class) {
            return node.http();
        }
        throw new ParameterResolutionException("unsupported parameter type " + type);
    }

    private static ElasticsearchNode nodeFor(ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> Started.start(), Started.class);
        return started.node();
    }

    /**
     * Held in the root store: JUnit closes AutoCloseable store values when the root context closes, i.e. after the
     * last test of the run.
     */
    private record Started(ElasticsearchNode node0, RuntimeException failure) implements AutoCloseable {
        static Started start() {
            try {
                ElasticsearchNode n = ElasticsearchNode.builder().fromProperties(System.getProperties()).build().start();
                current = n;
                return new Started(n, null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }

        ElasticsearchNode node() {
            if (failure != null) {
                throw new IllegalStateException("the shared Elasticsearch node failed to start: " + failure.getMessage(), failure);
            }
            return node0;
        }

        @Override
        public void close() {
            if (node0 != null) {
                node0.stop();
            }
            current = null;
        }
    }
}
