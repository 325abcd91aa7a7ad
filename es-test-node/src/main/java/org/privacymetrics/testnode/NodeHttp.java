package org.privacymetrics.testnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * A tiny REST helper for tests, so they need no Elasticsearch client library.
 *
 * <p>Instances are immutable and thread-safe. {@link #withBasicAuth(String, String)} returns a copy that
 * authenticates as another user; {@link #withoutAuth()} one that sends no credentials.
 */
public final class NodeHttp {

    /** Response of one request: HTTP status and body text (never null). */
    public record Response(int status, String body) {
        /** @return true for a 2xx status */
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /**
         * Fails with the status and body when the status is not 2xx.
         *
         * @return this response
         */
        public Response assertSuccess() {
            if (!isSuccess()) {
                throw new AssertionError("expected a 2xx response but got " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client;
    private final URI baseUri;
    private final String authorization;
    private final String user;
    private final Duration timeout;

    NodeHttp(URI baseUri) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), baseUri, null, null, DEFAULT_TIMEOUT);
    }

    private NodeHttp(HttpClient client, URI baseUri, String user, String authorization, Duration timeout) {
        this.client = client;
        this.baseUri = baseUri;
        this.user = user;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    /**
     * @param user file-realm (or any basic-auth) user name
     * @param password that user's password; kept only inside the Authorization header value
     * @return a copy of this helper that sends HTTP basic authentication
     */
    public NodeHttp withBasicAuth(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new NodeHttp(client, baseUri, user, "Basic " + token, timeout);
    }

    /** @return a copy of this helper that sends no credentials */
    public NodeHttp withoutAuth() {
        return new NodeHttp(client, baseUri, null, null, timeout);
    }

    /**
     * @param requestTimeout how long one request may take
     * @return a copy of this helper with another per-request timeout
     */
    public NodeHttp withTimeout(Duration requestTimeout) {
        return new NodeHttp(client, baseUri, user, authorization, Objects.requireNonNull(requestTimeout));
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:40123} */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Sends one request. The content type is {@code application/x-ndjson} for {@code _bulk} paths and
     * {@code application/json} otherwise.
     *
     * @param method HTTP method, e.g. {@code GET}, {@code PUT}
     * @param path path with optional query string, e.g. {@code /metrics-events/_doc?refresh=true}
     * @param body request body, or null for none
     * @return status and body; non-2xx statuses are returned, not thrown
     * @throws UncheckedIOException when the node cannot be reached
     */
    public Response request(String method, String path, String body) {
        String contentType = path.contains("_bulk") ? "application/x-ndjson" : "application/json";
        return request(method, path, body, contentType);
    }

    /**
     * Sends one request with an explicit content type.
     *
     * @see #request(String, String, String)
     */
    public Response request(String method, String path, String body, String contentType) {
        String p = path.startsWith("/") ? path : "/" + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUri.resolve(p)).timeout(timeout);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body() == null ? "" : r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + p + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + p, e);
        }
    }

    /** {@code GET path}. */
    public Response get(String path) {
        return request("GET", path, null);
    }

    /** {@code POST path} with a JSON body (or null). */
    public Response post(String path, String json) {
        return request("POST", path, json);
    }

    /** {@code PUT path} with a JSON body (or null). */
    public Response put(String path, String json) {
        return request("PUT", path, json);
    }

    /** {@code DELETE path}. */
    public Response delete(String path) {
        return request("DELETE", path, null);
    }

    /**
     * {@code POST path} with an NDJSON body; a missing final newline is added.
     *
     * @param path e.g. {@code /_bulk?refresh=true}
     * @param ndjson action and source lines
     */
    public Response bulk(String path, String ndjson) {
        String b = ndjson.endsWith("\n") ? ndjson : ndjson + "\n";
        return request("POST", path, b, "application/x-ndjson");
    }

    @Override
    public String toString() {
        return "NodeHttp[" + baseUri + (user == null ? "" : ", user=" + user) + "]";
    }
}
