package org.privacymetrics.testnode;

import java.util.concurrent.CountDownLatch;

/**
 * Runs one node from the command line (for the demo) until the JVM is stopped (Ctrl-C / SIGTERM).
 *
 * <p>Configured with the same {@code privacy.es.*} system properties as {@link ElasticsearchNodeExtension}, e.g.
 * {@code java -Dprivacy.es.zip=... -Dprivacy.es.plugin=... -cp ... org.privacymetrics.testnode.ElasticsearchNodeMain}.
 * Prints {@code ELASTICSEARCH_URL=<base url>} on stdout once the node is ready.
 */
public final class ElasticsearchNodeMain {

    private ElasticsearchNodeMain() {
    }

    /**
     * @param args unused; configuration comes from system properties
     * @throws InterruptedException when interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        ElasticsearchNode node = ElasticsearchNode.builder().fromProperties(System.getProperties()).build().start();
        // The node registers its own shutdown hook; this JVM only has to stay alive until it is told to stop.
        System.out.println("ELASTICSEARCH_URL=" + node.baseUrl());
        System.out.println("ELASTICSEARCH_LOG=" + node.logFile());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
