package org.privacymetrics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** import.sh against a stub Kibana: exit codes, the space path, the headers, and answers Kibana gives. */
class ImportScriptTest {

    private record Seen(String method, String path, String query, String xsrf, String authorization, String body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "";

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getQuery(),
            ex.getRequestHeaders().getFirst("kbn-xsrf"), ex.getRequestHeaders().getFirst("Authorization"), body));
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Tools.Result importSh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "import.sh"));
        cmd.addAll(List.of(args));
        return Tools.run(cmd.toArray(String[]::new));
    }

    private static String successful(int count) {
        return "{\"successCount\":" + count + ",\"success\":true,\"successResults\":[]}";
    }

    @Test
    void aFullImportSucceedsAndPostsTheNdjsonWithCredentials() throws Exception {
        answer = successful(9);
        Tools.Result r = importSh(url() + "/", "elastic:chan\"ge me");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("imported 9 of 9 objects");
        assertThat(seen).hasSize(1);
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.path()).isEqualTo("/api/saved_objects/_import");
        assertThat(s.query()).isEqualTo("overwrite=true");
        assertThat(s.xsrf()).isEqualTo("true");
        assertThat(s.authorization()).isEqualTo("Basic "
            + Base64.getEncoder().encodeToString("elastic:chan\"ge me".getBytes(StandardCharsets.UTF_8)));
        assertThat(s.body()).contains("filename=\"privacy-metrics.ndjson\"", "Cross-service usage");
    }

    @Test
    void theSpaceOptionImportsIntoThatSpaceAndCredentialsMayComeFromTheEnvironment() throws Exception {
        answer = successful(9);
        ProcessBuilder pb = new ProcessBuilder("bash", "import.sh", "--space", "team-a", url())
            .directory(Tools.dir().toFile()).redirectErrorStream(true);
        pb.environment().put("KIBANA_AUTH", "analyst:secret");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("space team-a");
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/s/team-a/api/saved_objects/_import");
            assertThat(s.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("analyst:secret".getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void status200WithSuccessFalseFailsAndShowsKibanasErrors() throws Exception {
        answer = "{\"successCount\":7,\"success\":false,\"errors\":[{\"id\":\"pm-logins\",\"type\":\"visualization\","
            + "\"error\":{\"type\":\"missing_references\"}}],\"successResults\":[]}";
        Tools.Result r = importSh(url());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("did not import every object", "pm-logins", "missing_references");
    }

    @Test
    void perObjectErrorsFailEvenWhenSuccessIsTrue() throws Exception {
        answer = "{\"successCount\":8,\"success\":true,\"errors\": [ {\"id\":\"x\",\"error\":{\"type\":\"unknown\"}}]}";
        Tools.Result r = importSh(url());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("did not import every object");
    }

    @Test
    void fewerObjectsThanShippedFail() throws Exception {
        answer = successful(5);
        Tools.Result r = importSh(url());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("imported 5 of the 9 objects");
    }

    @Test
    void anHttpErrorFails() throws Exception {
        status = 403;
        answer = "{\"statusCode\":403,\"error\":\"Forbidden\",\"message\":\"Unable to bulk_create index-pattern\"}";
        Tools.Result r = importSh(url());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("HTTP 403", "Unable to bulk_create");
    }

    @Test
    void anUnreachableKibanaAndBadArgumentsFail() throws Exception {
        server.stop(0);
        Tools.Result r = importSh(url());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("could not reach Kibana");
        assertThat(importSh().exitCode()).isEqualTo(2);
        assertThat(importSh("--space", "Bad Space", url()).exitCode()).isEqualTo(2);
    }
}
