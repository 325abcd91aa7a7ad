package org.privacymetrics.logback.elasticsearch;

import org.privacymetrics.logback.transport.AsyncTransportAppender;
import org.privacymetrics.logback.transport.BatchSender;
import org.privacymetrics.logback.transport.TlsConfiguration;

import javax.net.ssl.SSLContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Indexes events into Elasticsearch with {@code _bulk} {@code create} operations through the official Java client.
 *
 * <pre>{@code
 * <appender name="ES" class="org.privacymetrics.logback.elasticsearch.ElasticsearchAppender">
 *   <url>https://es1.internal:9200,https://es2.internal:9200</url>
 *   <index>metrics-events</index>
 *   <apiKey>${ES_API_KEY}</apiKey>
 * </appender>
 * }</pre>
 *
 * <p>The document is exactly the encoder's JSON (default {@code LogstashEncoder}). {@code op_type=create} makes a
 * repeated event id a 409 that is counted as a duplicate, so the at-least-once retries of the transport do not
 * double-count when the index uses the event id as document id. Credentials ({@code username}/{@code password} or
 * {@code apiKey}) never appear in status messages. HTTPS trusts the JVM's trust store or {@code <ssl><trustStore>}
 * ({@link TlsConfiguration}), and the certificate must match the URL's host name. Requires {@code co.elastic.clients:elasticsearch-java} on the class
 * path. Buffering, retries and statistics are those of {@link AsyncTransportAppender}.
 */
public class ElasticsearchAppender extends AsyncTransportAppender {
    /** The default index. */
    public static final String DEFAULT_INDEX = "metrics-events";

    private final List<String> urls = new ArrayList<>();
    private String index = DEFAULT_INDEX;
    private String documentIdField;
    private String username;
    private String password;
    private String apiKey;

    public ElasticsearchAppender() {
        super(500);
    }

    @Override
    protected List<String> validateTransportSettings() {
        List<String> errors = new ArrayList<>();
        if (urls.isEmpty()) {
            errors.add("field [url] is required (one or more http(s) URLs, comma-separated)");
        }
        for (String u : urls) {
            String problem = checkUrl(u);
            if (problem != null) {
                errors.add(problem);
            }
        }
        if (index == null || index.isBlank()) {
            errors.add("field [index] is required");
        } else if (!index.equals(index.toLowerCase(Locale.ROOT)) || index.startsWith("_") || index.contains(",")
                || index.contains("*") || index.contains(" ")) {
            errors.add("field [index] must be a lower-case index name without [, * space] and not starting with [_], got ["
                    + index + "]");
        }
        boolean hasUser = username != null && !username.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        boolean hasApiKey = apiKey != null && !apiKey.isEmpty();
        if (hasUser != hasPassword) {
            errors.add("fields [username] and [password] must be given together");
        }
        if (hasApiKey && hasUser) {
            errors.add("fields [apiKey] and [username]/[password] are mutually exclusive");
        }
        return errors;
    }

    private static String checkUrl(String u) {
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            return "field [url] has an entry that is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "field [url] entries must start with [http://] or [https://]";
        }
        if (uri.getHost() == null) {
            return "field [url] has an entry without a host";
        }
        if (uri.getUserInfo() != null) {
            // would put a secret into every status message that names the target
            return "field [url] must not carry credentials; use [username]/[password] or [apiKey]";
        }
        return null;
    }

    @Override
    protected BatchSender createSender() throws Exception {
        try {
            Class.forName("co.elastic.clients.elasticsearch.ElasticsearchClient", false,
                    ElasticsearchAppender.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("co.elastic.clients:elasticsearch-java is not on the class path; add it "
                    + "as a dependency to use the Elasticsearch transport");
        }
        List<URI> hosts = new ArrayList<>();
        for (String u : urls) {
            hosts.add(URI.create(u));
        }
        boolean hasApiKey = apiKey != null && !apiKey.isEmpty();
        boolean hasUser = username != null && !username.isEmpty();
        String idField = documentIdField == null || documentIdField.isBlank() ? null : documentIdField.trim();
        if (hasTlsSettings() && urls.stream().noneMatch(u -> u.regionMatches(true, 0, "https:", 0, 6))) {
            addWarn("Appender [" + name + "]: <ssl> has no effect: no [url] starts with [https://]");
        }
        // Always hand the client a context that verifies host names: its Rest5Client transport did not (see
        // HostnameVerification), neither with the JVM default context nor with a given one.
        SSLContext ssl = tlsContext(tls());
        return new ElasticsearchBatchSender(hosts, index, idField, hasUser ? username : null, hasUser ? password : null,
                hasApiKey ? apiKey : null, ssl);
    }

    @Override
    protected String describeTarget() {
        String auth = apiKey != null && !apiKey.isEmpty() ? "api key"
                : username != null && !username.isEmpty() ? "user [" + username + "]" : "no authentication";
        TlsConfiguration tls = tls();
        return "Elasticsearch bulk create into index [" + index + "] at " + urls + ", " + auth
                + (documentIdField == null || documentIdField.isBlank() ? "" : ", _id from [" + documentIdField + "]")
                + (tls == null ? "" : ", " + tls.describe());
    }

    /** The Elasticsearch URL(s); a comma-separated list, or repeat the element. */
    public void setUrl(String url) {
        addUrl(url);
    }

    /** Adds one or more (comma-separated) Elasticsearch URLs. */
    public void addUrl(String url) {
        if (url == null) {
            return;
        }
        for (String u : url.split(",")) {
            String t = u.trim();
            if (!t.isEmpty()) {
                urls.add(t);
            }
        }
    }

    public List<String> getUrls() {
        return List.copyOf(urls);
    }

    public String getIndex() {
        return index;
    }

    public void setIndex(String index) {
        this.index = index == null ? null : index.trim();
    }

    public String getDocumentIdField() {
        return documentIdField;
    }

    /**
     * A top-level JSON field whose string value becomes the document {@code _id} (for example {@code event_id}), so
     * that Elasticsearch itself answers a repeated event with 409, counted as a duplicate. Default: none, Elasticsearch
     * generates ids (the privacy-metrics plugin's dedupe processor then sets {@code _id} on the node).
     */
    public void setDocumentIdField(String documentIdField) {
        this.documentIdField = documentIdField;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** The password for basic authentication; write-only, never logged. */
    public void setPassword(String password) {
        this.password = password;
    }

    /** An encoded API key ({@code ApiKey} header value); write-only, never logged. */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }
}
