package io.github.passkey4j.examples.demo;

import static io.github.passkey4j.examples.demo.Ceremonies.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants the demo was not started with ({@code --tenants FILE}, through the library's
 * RelyingPartyResolver): ZITADEL's v2 {@code domain} names one, its ceremonies run on its RP id and
 * origin only, and a tenant added to the file while the demo runs is served without a restart.
 */
class DemoTenantsTest {

    private static final String A = "https://a.tenants.test";
    private static final String B = "https://b.tenants.test";
    private static DemoHost server;
    private static Path tenants;

    @BeforeAll
    static void start() throws IOException {
        tenants = Files.createTempFile("tenants", ".json");
        write(Map.of("a.tenants.test", Map.of("name", "Tenant A", "origins", List.of(A))));
        server = DemoHost.start(DemoOptions.defaults().withPort(0).withTenants(tenants.toString())
                .withJdbcUrl("jdbc:h2:mem:tenants-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        Files.deleteIfExists(tenants);
    }

    private static void write(Object content) throws IOException {
        Files.writeString(tenants, ApiClient.JSON.writeValueAsString(content));
        // a modification time the demo has not seen, however coarse the file system's clock
        Files.setLastModifiedTime(tenants, FileTime.from(Instant.now().plusSeconds((long) (Math.random() * 1000) + 1)));
    }

    private static Response register(ApiClient api, User user, String domain, String origin) throws IOException {
        Response begun = api.post(user.passkeys(), user.token(), Map.of("domain", domain));
        if (begun.status() != 200) {
            return begun;
        }
        assertThat(begun.json().at("/publicKeyCredentialCreationOptions/publicKey/rp/id").asText()).isEqualTo(domain);
        String credential = new SoftwareAuthenticator().create(begun.json().get("publicKeyCredentialCreationOptions")
                .toString(), Options.from(origin));
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.set("publicKeyCredential", ApiClient.JSON.readTree(credential));
        body.put("passkeyName", "Key");
        return api.post(user.passkeys() + "/" + begun.json().get("passkeyId").asText(), user.token(), body);
    }

    @Test
    void aTenantsDomainRegistersOnItsRpIdAndOrigin() throws IOException {
        ApiClient atA = new ApiClient(server.uri()).withOrigin(A);
        User user = atA.signUp("tenant-" + UUID.randomUUID() + "@acme.test");
        expect(register(atA, user, "a.tenants.test", A), 200);
        Response listed = expect(atA.post(user.passkeys() + "/_search", user.token(), Map.of()), 200);
        assertThat(listed.json().at("/result/0/rpId").asText()).isEqualTo("a.tenants.test");

        // the same domain asked from another origin is refused before anything begins
        ApiClient elsewhere = new ApiClient(server.uri()).withOrigin(B);
        Response refused = elsewhere.post(user.passkeys(), user.token(), Map.of("domain", "a.tenants.test"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-ORIGIN-NOT-ALLOWED");
    }

    @Test
    void anUnknownDomainIsRefusedUntilTheTenantIsAddedToTheFile() throws IOException {
        ApiClient atB = new ApiClient(server.uri()).withOrigin(B);
        User user = atB.signUp("tenant-" + UUID.randomUUID() + "@acme.test");
        Response unknown = register(atB, user, "b.tenants.test", B);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-RP-ID-NOT-ALLOWED");

        write(Map.of("a.tenants.test", Map.of("name", "Tenant A", "origins", List.of(A)),
                "b.tenants.test", Map.of("name", "Tenant B", "origins", List.of(B))));
        expect(register(atB, user, "b.tenants.test", B), 200);
    }
}
