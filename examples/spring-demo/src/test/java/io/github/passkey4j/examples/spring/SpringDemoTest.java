package io.github.passkey4j.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot demo on a real port, as a browser and an API client see it: sign-up, a passkey added
 * through the starter's routes, a sign-in through the demo's sessions, and the contract's refusals
 * (404, 405, 413, 401) with ZITADEL's error body.
 */
class SpringDemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static ConfigurableApplicationContext app;
    private static String origin;

    record Reply(int status, HttpResponse<String> response) {
        JsonNode json() throws IOException {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "http://localhost:" + port;
        app = SpringApplication.run(SpringDemo.class, "--server.port=" + port, "--passkey4j.rp.id=localhost",
                "--passkey4j.rp.origins=" + origin,
                "--spring.datasource.url=jdbc:h2:mem:spring-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static Reply send(String method, String path, String token, Object body) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(30))
                    .header("Origin", origin)
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (text != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ok(Reply r) throws IOException {
        assertThat(r.status()).as(r.response().body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aUserSignsUpAddsAPasskeyAndSignsInWithIt() throws IOException {
        String login = "spring-" + UUID.randomUUID() + "@acme.test";
        JsonNode signedUp = ok(send("POST", "/demo/users", null, Map.of("loginName", login, "displayName", "Sam")));
        String userId = signedUp.get("userId").asText();
        String token = signedUp.get("sessionToken").asText();

        // the starter's passkey routes, with the user from Spring Security's Authentication
        JsonNode begun = ok(send("POST", "/v2/users/" + userId + "/passkeys", token, Map.of()));
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        String credential = authenticator.create(begun.get("publicKeyCredentialCreationOptions").toString(),
                Options.from(origin));
        ObjectNode verify = JSON.createObjectNode();
        verify.set("publicKeyCredential", JSON.readTree(credential));
        verify.put("passkeyName", "Laptop");
        ok(send("POST", "/v2/users/" + userId + "/passkeys/" + begun.get("passkeyId").asText(), token, verify));
        JsonNode list = ok(send("POST", "/v2/users/" + userId + "/passkeys/_search", token, Map.of()));
        assertThat(list.at("/result/0/name").asText()).isEqualTo("Laptop");

        // the demo's sessions
        ObjectNode start = JSON.createObjectNode();
        start.putObject("checks").putObject("user").put("loginName", login);
        start.putObject("challenges").putObject("webAuthN").put("domain", "localhost");
        JsonNode created = ok(send("POST", "/v2/sessions", null, start));
        String assertion = authenticator.get(created.at("/challenges/webAuthN/publicKeyCredentialRequestOptions").toString(),
                Options.from(origin));
        ObjectNode check = JSON.createObjectNode();
        check.putObject("checks").putObject("webAuthN").set("credentialAssertionData", JSON.readTree(assertion));
        JsonNode checked = ok(send("PATCH", "/v2/sessions/" + created.get("sessionId").asText(),
                created.get("sessionToken").asText(), check));
        assertThat(checked.at("/signals/currentUserDetails/name").asText()).isEqualTo(login);
        String signedIn = checked.get("sessionToken").asText();

        // the signed-in session's bearer works on the starter's routes too
        assertThat(ok(send("POST", "/v2/users/" + userId + "/passkeys/_search", signedIn, Map.of())).get("result")).hasSize(1);
    }

    @Test
    void theContractsRefusalsComeInItsOrderWithZitadelsErrorBody() throws IOException {
        Reply unknown = send("GET", "/no/such/path", null, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asInt()).isEqualTo(5);

        Reply wrongMethod = send("GET", "/v2/users/1/passkeys", null, null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("POST");

        Reply noBearer = send("POST", "/v2/users/1/passkeys/_search", null, Map.of());
        assertThat(noBearer.status()).isEqualTo(401);
        assertThat(noBearer.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-UNAUTHENTICATED");
        Reply badBearer = send("POST", "/v2/users/1/passkeys/_search", "not-a-token", Map.of());
        assertThat(badBearer.status()).isEqualTo(401);

        String big = "{\"loginName\":\"" + "a".repeat(1024 * 1024) + "\"}";
        assertThat(send("POST", "/demo/users", null, big).status()).isEqualTo(413);
        assertThat(send("POST", "/v2/users/1/passkeys/_search", null, big).status()).as("413 before 401").isEqualTo(413);

        Reply notJson = send("POST", "/demo/users", null, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        Reply taken = send("POST", "/demo/users", null, Map.of("loginName", "twice@acme.test"));
        assertThat(send("POST", "/demo/users", null, Map.of("loginName", "TWICE@acme.test")).status()).isEqualTo(409);
        assertThat(taken.status()).isEqualTo(200);
    }

    @Test
    void thePageTheBrowserModuleAndTheHealthChecksAreServed() throws IOException {
        Reply page = send("GET", "/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.response().body()).contains("passkey4j");
        Reply module = send("GET", "/passkey4j.js", null, null);
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.response().body()).contains("export async function register");
        assertThat(send("GET", "/healthz", null, null).status()).isEqualTo(200);
        assertThat(send("GET", "/readyz", null, null).status()).isEqualTo(200);
    }
}
