package org.privacymetrics.logback.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP server that speaks just enough of Elasticsearch's {@code _bulk} API for transport tests: it records each
 * request, answers each {@code create} item with the status a test chooses from the document, and can fail whole
 * requests with a status or be stopped and started again on the same port (a node that is down).
 */
final class BulkTestServer implements AutoCloseable {

    /** One received HTTP request. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        List<String> lines() {
            return List.of(body.split("\n"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> createdDocs = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNextRequests = new AtomicInteger();
    private volatile int failStatus = 503;
    private volatile int maxBodyBytes = Integer.MAX_VALUE;
    private volatile Function<String, Integer> itemStatus = doc -> 201;
    private HttpServer server;
    private SSLContext tls;

    BulkTestServer() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
    }

    String url() {
        return tls == null ? "http://127.0.0.1:" + port : "https://localhost:" + port;
    }

    /** Serve HTTPS with this context's key material (call before {@link #start()}). */
    BulkTestServer withTls(SSLContext context) {
        this.tls = context;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Documents answered with 201, in arrival order. */
    List<String> createdDocs() {
        return List.copyOf(createdDocs);
    }

    /** Chooses each item's status from its document (201, 409, 400, 429, 503 ...). */
    void setItemStatus(Function<String, Integer> itemStatus) {
        this.itemStatus = itemStatus;
    }

    /** Answers the next {@code n} requests as a whole with {@code status}. */
    void failNextRequests(int n, int status) {
        failStatus = status;
        failNextRequests.set(n);
    }

    /** Answers 413 to larger request bodies, like {@code http.max_content_length}. */
    void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    synchronized BulkTestServer start() throws IOException {
        if (server == null) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (tls == null) {
                server = HttpServer.create(address, 50);
            } else {
                HttpsServer https = HttpsServer.create(address, 50);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
            server.createContext("/", this::handle);
            server.start();
        }
        return this;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getQuery(),
                Map.copyOf(ex.getRequestHeaders()), body));
        ex.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (failNextRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ObjectNode err = JSON.createObjectNode();
            err.putObject("error").put("type", "unavailable_shards_exception").put("reason", "test outage");
            err.put("status", failStatus);
            respond(ex, failStatus, err);
            return;
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            ObjectNode err = JSON.createObjectNode();
            err.putObject("error").put("type", "content_too_long_exception").put("reason", "request body too large");
            err.put("status", 413);
            respond(ex, 413, err);
            return;
        }
        if (!ex.getRequestURI().getPath().endsWith("/_bulk")) {
            respond(ex, 404, JSON.createObjectNode().put("error", "not a bulk request"));
            return;
        }
        String[] lines = body.split("\n");
        ObjectNode response = JSON.createObjectNode();
        response.put("took", 1);
        ArrayNode items = response.putArray("items");
        boolean errors = false;
        for (int i = 0; i + 1 < lines.length; i += 2) {
            JsonNode action = JSON.readTree(lines[i]);
            String index = action.path("create").path("_index").asText();
            String doc = lines[i + 1];
            int status = itemStatus.apply(doc);
            ObjectNode item = items.addObject().putObject("create");
            item.put("_index", index).put("_id", "id-" + i).put("status", status);
            if (status == 201) {
                createdDocs.add(doc);
                item.put("result", "created").put("_version", 1).put("_seq_no", i).put("_primary_term", 1);
                item.putObject("_shards").put("total", 1).put("successful", 1).put("failed", 0);
            } else {
                errors = true;
                ObjectNode error = item.putObject("error");
                if (status == 409) {
                    error.put("type", "version_conflict_engine_exception")
                            .put("reason", "[id-" + i + "]: version conflict, document already exists (current version [1])");
                } else if (status == 429) {
                    error.put("type", "es_rejected_execution_exception").put("reason", "rejected execution of bulk");
                } else if (status >= 500) {
                    error.put("type", "unavailable_shards_exception").put("reason", "primary shard is not active");
                } else {
                    error.put("type", "document_parsing_exception")
                            .put("reason", "[1:42] failed to parse field [count] of type [long] in document with id "
                                    + "'id-" + i + "'. Preview of field's value: 'SECRET-VALUE'");
                }
            }
        }
        response.put("errors", errors);
        respond(ex, 200, response);
    }

    private static void respond(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
