package io.github.passkey4j.spring.boot;

import static io.github.passkey4j.spring.boot.RoutesFixture.JSON;
import static io.github.passkey4j.spring.boot.RoutesFixture.ORIGIN;
import static io.github.passkey4j.spring.boot.RoutesFixture.as;
import static io.github.passkey4j.spring.boot.RoutesFixture.json;
import static io.github.passkey4j.spring.boot.RoutesFixture.mvc;
import static io.github.passkey4j.spring.boot.RoutesFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesFailureAnalyzer;
import io.github.passkey4j.spring.security.PasskeyAuthenticationToken;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The starter serves the passkey routes of ZITADEL's v1 and v2 APIs (module passkey4j-web, the same
 * code the JDK demo serves) to a Spring MVC application that has a {@link PasskeyUsers} bean; the
 * signed-in user is the request's principal; every refusal is ZITADEL's error body with its status.
 */
class PasskeyWebRoutesTest {


    private final WebApplicationContextRunner web = RoutesFixture.web();

    @Test
    void aSignedInUserAddsListsRenamesAndRemovesAPasskeyThroughTheV2Routes() throws Exception {
        web.run(context -> {
            MockMvc mvc = mvc(context);
            MockHttpServletResponse begun = send(mvc, post("/v2/users/1001/passkeys"), as("1001"), Map.of());
            assertThat(begun.getStatus()).as(begun.getContentAsString()).isEqualTo(200);
            JsonNode options = json(begun).get("publicKeyCredentialCreationOptions");
            assertThat(options.at("/publicKey/rp/id").asText()).isEqualTo("example.com");
            String passkeyId = json(begun).get("passkeyId").asText();

            String credential = new SoftwareAuthenticator().create(options.toString(), Options.from(ORIGIN));
            ObjectNode verify = JSON.createObjectNode();
            verify.set("publicKeyCredential", JSON.readTree(credential));
            verify.put("passkeyName", "Laptop");
            assertThat(send(mvc, post("/v2/users/1001/passkeys/" + passkeyId), as("1001"), verify).getStatus()).isEqualTo(200);

            JsonNode list = json(send(mvc, post("/v2/users/1001/passkeys/_search"), as("1001"), Map.of()));
            assertThat(list.at("/result/0/name").asText()).isEqualTo("Laptop");
            assertThat(send(mvc, patch("/v2/users/1001/passkeys/" + passkeyId), as("1001"),
                    Map.of("passkeyName", "Work laptop")).getStatus()).isEqualTo(200);
            MockHttpServletResponse removed = send(mvc,
                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/v2/users/1001/passkeys/" + passkeyId),
                    as("1001"), null);
            assertThat(removed.getStatus()).isEqualTo(200);
            assertThat(json(removed).at("/signals/allAcceptedCredentials/allAcceptedCredentialIds")).isEmpty();
            assertThat(json(send(mvc, post("/v2/users/1001/passkeys/_search"), as("1001"), Map.of())).get("result")).isEmpty();
        });
    }

    @Test
    void refusalsAreZitadelsErrorBodyWithTheirStatus() throws Exception {
        web.run(context -> {
            MockMvc mvc = mvc(context);
            MockHttpServletResponse nobody = send(mvc, post("/v2/users/1001/passkeys/_search"), null, Map.of());
            assertThat(nobody.getStatus()).isEqualTo(401);
            assertThat(json(nobody).at("/details/0/id").asText()).isEqualTo("PASSKEY-UNAUTHENTICATED");
            assertThat(nobody.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(send(mvc, post("/v2/users/1001/passkeys"), null, Map.of()).getStatus())
                    .as("add without a user or a code").isEqualTo(401);

            MockHttpServletResponse other = send(mvc, post("/v2/users/1002/passkeys/_search"), as("1001"), Map.of());
            assertThat(other.getStatus()).isEqualTo(403);
            assertThat(json(other).at("/details/0/id").asText()).isEqualTo("PASSKEY-PERMISSION-DENIED");

            MockHttpServletResponse notJson = send(mvc, post("/v2/users/1001/passkeys"), as("1001"), "{not json");
            assertThat(notJson.getStatus()).isEqualTo(400);
            assertThat(json(notJson).at("/details/0/id").asText()).isEqualTo("PASSKEY-BODY-NOT-JSON");
            assertThat(send(mvc, post("/v2/users/1001/passkeys"), as("1001"), "[1]").getStatus()).isEqualTo(400);
            MockHttpServletResponse huge = send(mvc, post("/v2/users/1001/passkeys"), as("1001"),
                    "{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}");
            assertThat(huge.getStatus()).isEqualTo(413);
            assertThat(send(mvc, post("/v2/users/1001/passkeys/_search"), null, "{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}")
                    .getStatus()).as("413 before 401, as the contract orders them").isEqualTo(413);

            MockHttpServletResponse badCredential = send(mvc, post("/v2/users/1001/passkeys/123"), as("1001"),
                    Map.of("publicKeyCredential", Map.of("id", "x")));
            assertThat(badCredential.getStatus()).isEqualTo(400);
            assertThat(json(badCredential).at("/details/0/id").asText()).startsWith("PASSKEY-");
            MockHttpServletResponse badHint = send(mvc, post("/v2/users/1001/passkeys"), as("1001"),
                    Map.of("hints", List.of("usb")));
            assertThat(json(badHint).at("/details/0/id").asText()).isEqualTo("PASSKEY-HINT-UNKNOWN");
        });
    }

    @Test
    void aPasskeySignInsTokenNamesItsUserIdWhateverThePrincipalsName() throws Exception {
        web.run(context -> {
            PasskeyAuthenticationToken token = PasskeyAuthenticationToken.authenticated("alice-the-name", "1001", "p1", true,
                    List.of());
            MockHttpServletResponse list = send(mvc(context), post("/v2/users/1001/passkeys/_search"), token, Map.of());
            assertThat(list.getStatus()).as(list.getContentAsString()).isEqualTo(200);
        });
    }

    @Test
    void theBrowserModuleIsServedAtItsFixedPath() throws Exception {
        web.run(context -> {
            MockHttpServletResponse js = mvc(context).perform(get("/passkey4j.js")).andReturn().getResponse();
            assertThat(js.getStatus()).isEqualTo(200);
            assertThat(js.getContentType()).startsWith("text/javascript");
            assertThat(js.getContentAsString()).contains("export async function register");
        });
    }

    @Test
    void aBasePathPrefixesTheRoutesAndABadOneIsNamedAtStartup() throws Exception {
        web.withPropertyValues("passkey4j.web.base-path=/api").run(context -> {
            MockMvc mvc = mvc(context);
            assertThat(send(mvc, post("/api/v2/users/1001/passkeys/_search"), as("1001"), Map.of()).getStatus()).isEqualTo(200);
            assertThat(send(mvc, post("/v2/users/1001/passkeys/_search"), as("1001"), Map.of()).getStatus()).isEqualTo(404);
        });
        web.withPropertyValues("passkey4j.web.base-path=api/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new PasskeyPropertiesFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                    .contains("'passkey4j.web.base-path'");
        });
    }

    @Test
    void aBodyTimeoutThatIsNotPositiveIsNamedAtStartup() {
        for (String timeout : new String[] {"0s", "-1s"}) {
            web.withPropertyValues("passkey4j.web.body-timeout=" + timeout).run(context -> {
                assertThat(context).hasFailed();
                assertThat(new PasskeyPropertiesFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                        .contains("'passkey4j.web.body-timeout'");
            });
        }
        web.withPropertyValues("passkey4j.web.body-timeout=30s").run(context -> assertThat(context).hasNotFailed()
                .hasBean("passkeyWebRoutes"));
    }

    @Test
    void withoutPasskeyUsersOrWhenDisabledThereAreNoRoutes() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(PasskeyAutoConfiguration.class))
                .withPropertyValues("passkey4j.rp.id=example.com", "passkey4j.rp.name=Example", "passkey4j.rp.origins=" + ORIGIN)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("passkeyWebRoutes"));
        web.withPropertyValues("passkey4j.web.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("passkeyWebRoutes"));
    }
}
