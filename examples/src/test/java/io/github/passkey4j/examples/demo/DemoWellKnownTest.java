package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.examples.demo.ApiClient.Response;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /.well-known/webauthn} and {@code /.well-known/passkey-endpoints} (shared/API.md, Level 3 additions). */
class DemoWellKnownTest {

    private static DemoHost start(String... more) throws IOException {
        String[] base = {"--port", "0", "--jdbc-url", "jdbc:h2:mem:well-known-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return DemoHost.start(DemoOptions.parse(args));
    }

    @Test
    void withRelatedOriginsTheDocumentListsThemWithoutABearerAlsoForHead() throws IOException {
        try (DemoHost server = start("--related-origins", "https://example.co.uk, https://shop.example.de")) {
            ApiClient api = new ApiClient(server.uri());
            Response r = api.send("GET", "/.well-known/webauthn", null, null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.json().get("origins")).hasSize(2);
            assertThat(r.json().get("origins").get(0).asText()).isEqualTo("https://example.co.uk");
            assertThat(r.json().get("origins").get(1).asText()).isEqualTo("https://shop.example.de");

            Response head = api.send("HEAD", "/.well-known/webauthn", null, null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.text()).isEmpty();
        }
    }

    @Test
    void withoutRelatedOriginsTheDocumentIs404AndThePasskeyEndpointsAreThePage() throws IOException {
        try (DemoHost server = start()) {
            ApiClient api = new ApiClient(server.uri());
            assertThat(api.send("GET", "/.well-known/webauthn", null, null).status()).isEqualTo(404);

            Response endpoints = api.send("GET", "/.well-known/passkey-endpoints", null, null);
            assertThat(endpoints.status()).isEqualTo(200);
            assertThat(endpoints.json().get("enroll").asText()).isEqualTo(server.origin() + "/");
            assertThat(endpoints.json().get("manage").asText()).isEqualTo(server.origin() + "/");
            assertThat(api.send("HEAD", "/.well-known/passkey-endpoints", null, null).status()).isEqualTo(200);
            assertThat(api.send("POST", "/.well-known/passkey-endpoints", null, "{}").status()).isEqualTo(405);
        }
    }

    @Test
    void configuredPasskeyEndpointsAreServedAndInsecureOnesRefusedAtStart() throws IOException {
        try (DemoHost server = start("--enroll-url", "https://id.example.com/passkeys/new",
                "--manage-url", "https://id.example.com/passkeys")) {
            Response endpoints = new ApiClient(server.uri()).send("GET", "/.well-known/passkey-endpoints", null, null);
            assertThat(endpoints.json().get("enroll").asText()).isEqualTo("https://id.example.com/passkeys/new");
            assertThat(endpoints.json().get("manage").asText()).isEqualTo("https://id.example.com/passkeys");
        }
        assertThatThrownBy(() -> start("--enroll-url", "http://id.example.com/passkeys/new").close())
                .hasMessageContaining("enroll");
        // each host names the option its own way: the JDK demo's relatedOrigins, the Spring sample's property
        assertThatThrownBy(() -> start("--related-origins", "http://evil.example").close())
                .hasMessageMatching("(?s).*(relatedOrigins|passkey4j\\.rp\\.related-origins).*");
    }
}
