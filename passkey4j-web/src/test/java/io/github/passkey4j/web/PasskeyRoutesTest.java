package io.github.passkey4j.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.CreatedRegistrationCode;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The framework-free passkey routes, called as a host's HTTP layer calls them: the whole v1 and v2
 * ceremonies with the software authenticator, and every refusal of the routes' own.
 */
class PasskeyRoutesTest {

    private static final String ORIGIN = "https://login.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PasskeyUser alice = new PasskeyUser("1001", "alice@acme.test", "Alice", "org");
    private final PasskeyUser bob = new PasskeyUser("1002", "bob@acme.test", "Bob", "org");
    private final Map<String, PasskeyUser> users = Map.of(alice.id(), alice, bob.id(), bob);
    private final Passkeys passkeys = Passkeys.builder().store(new InMemoryPasskeyStore())
            .relyingParty(RelyingPartyConfig.of("example.com", "Example", ORIGIN)).build();
    private final List<String> removed = new ArrayList<>();
    private final PasskeyRoutes routes = PasskeyRoutes.builder(passkeys)
            .users(id -> Optional.ofNullable(users.get(id)))
            .defaultOrigin(ORIGIN)
            .onRemoved(removed::add)
            .linkTemplate("https://login.example.com/register?user={{.UserID}}&code={{.Code}}&codeID={{.CodeID}}&org={{.OrgID}}")
            .build();
    private final Map<String, Route> byKey = routes.routes().stream()
            .collect(Collectors.toMap(r -> r.method() + " " + r.pattern(), Function.identity()));
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private JsonNode call(String route, Map<String, String> params, Optional<String> user, Object body) {
        ObjectNode json = body instanceof ObjectNode o ? o : JSON.valueToTree(body);
        Object answer = byKey.get(route).handler().handle(new RouteCall(params, user, Optional.empty(), json));
        return JSON.valueToTree(answer);
    }

    private String registerV2(PasskeyUser user, String name) throws Exception {
        JsonNode begun = call("POST /v2/users/{userId}/passkeys", Map.of("userId", user.id()), Optional.of(user.id()), Map.of());
        String credential = authenticator.create(begun.get("publicKeyCredentialCreationOptions").toString(), Options.from(ORIGIN));
        ObjectNode body = JSON.createObjectNode();
        body.set("publicKeyCredential", JSON.readTree(credential));
        body.put("passkeyName", name);
        String id = begun.get("passkeyId").asText();
        call("POST /v2/users/{userId}/passkeys/{passkeyId}", Map.of("userId", user.id(), "passkeyId", id), Optional.of(user.id()), body);
        return id;
    }

    @Test
    void theRoutesAreApiMdsPasskeyRoutesEachWithItsAccess() {
        assertThat(byKey).hasSize(11);
        assertThat(routes.routes()).filteredOn(r -> r.access() == Route.Access.USER_OR_CODE)
                .extracting(r -> r.method() + " " + r.pattern())
                .containsExactlyInAnyOrder("POST /v2/users/{userId}/passkeys", "POST /v2/users/{userId}/passkeys/{passkeyId}");
        // a first-match router meets the literal segments before the parameter
        List<String> patterns = routes.routes().stream().map(Route::pattern).toList();
        assertThat(patterns.indexOf("/v2/users/{userId}/passkeys/_search"))
                .isLessThan(patterns.indexOf("/v2/users/{userId}/passkeys/{passkeyId}"));
    }

    @Test
    void v2AddsListsRenamesAndRemovesTheSignedInUsersPasskey() throws Exception {
        String id = registerV2(alice, "Laptop");
        JsonNode list = call("POST /v2/users/{userId}/passkeys/_search", Map.of("userId", alice.id()), Optional.of(alice.id()), Map.of());
        assertThat(list.at("/result/0/name").asText()).isEqualTo("Laptop");
        assertThat(list.at("/details/totalResult").asText()).isEqualTo("1");

        call("PATCH /v2/users/{userId}/passkeys/{passkeyId}", Map.of("userId", alice.id(), "passkeyId", id),
                Optional.of(alice.id()), Map.of("passkeyName", "Work laptop"));
        assertThat(passkeys.listPasskeys(alice.id()).get(0).name()).isEqualTo("Work laptop");

        JsonNode gone = call("DELETE /v2/users/{userId}/passkeys/{passkeyId}", Map.of("userId", alice.id(), "passkeyId", id),
                Optional.of(alice.id()), Map.of());
        assertThat(gone.has("details")).isTrue();
        assertThat(removed).containsExactly(id);
        assertThat(passkeys.listPasskeys(alice.id())).isEmpty();
    }

    @Test
    void v1AddsWithTheSeedsShapesAndVerifiesTheBase64Credential() throws Exception {
        JsonNode added = call("POST /auth/v1/users/me/passwordless", Map.of(), Optional.of(alice.id()), Map.of());
        String options = new String(Base64.getDecoder().decode(added.at("/key/publicKey").asText()));
        String credential = authenticator.create(options, Options.from(ORIGIN));
        call("POST /auth/v1/users/me/passwordless/_verify", Map.of(), Optional.of(alice.id()), Map.of(
                "verification", Map.of("publicKeyCredential", Base64.getEncoder().encodeToString(credential.getBytes()),
                        "tokenName", "Phone")));
        JsonNode list = call("POST /auth/v1/users/me/passwordless/_search", Map.of(), Optional.of(alice.id()), Map.of());
        assertThat(list.at("/result/0/name").asText()).isEqualTo("Phone");
        JsonNode link = call("POST /auth/v1/users/me/passwordless/_link", Map.of(), Optional.of(alice.id()), Map.of());
        assertThat(link.get("link").asText()).startsWith("https://login.example.com/register?user=1001");
    }

    @Test
    void aDeviceThatIsNotSignedInRegistersWithARegistrationCodeOnly() throws Exception {
        CreatedRegistrationCode code = passkeys.createRegistrationCode(alice);
        JsonNode begun = call("POST /v2/users/{userId}/passkeys", Map.of("userId", alice.id()), Optional.empty(),
                Map.of("code", Map.of("id", code.codeId(), "code", code.code())));
        String credential = authenticator.create(begun.get("publicKeyCredentialCreationOptions").toString(), Options.from(ORIGIN));
        ObjectNode body = JSON.createObjectNode();
        body.set("publicKeyCredential", JSON.readTree(credential));
        body.put("passkeyName", "Other device");
        call("POST /v2/users/{userId}/passkeys/{passkeyId}", Map.of("userId", alice.id(),
                "passkeyId", begun.get("passkeyId").asText()), Optional.empty(), body);
        assertThat(passkeys.listPasskeys(alice.id())).hasSize(1);

        assertThatThrownBy(() -> call("POST /v2/users/{userId}/passkeys", Map.of("userId", alice.id()), Optional.empty(), Map.of()))
                .isInstanceOfSatisfying(WebError.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body().details().get(0).id()).isEqualTo(WebError.UNAUTHENTICATED);
                });
        assertThatThrownBy(() -> call("POST /v2/users/{userId}/passkeys", Map.of("userId", "9999"), Optional.empty(),
                Map.of("code", Map.of("id", code.codeId(), "code", code.code()))))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.CODE_INVALID));
    }

    @Test
    void anotherUsersIdIs403AndAFieldOfTheWrongTypeIs400BeforeAnythingBegins() {
        for (String route : List.of("POST /v2/users/{userId}/passkeys", "POST /v2/users/{userId}/passkeys/_search",
                "POST /v2/users/{userId}/passkeys/registration_link")) {
            assertThatThrownBy(() -> call(route, Map.of("userId", bob.id()), Optional.of(alice.id()), Map.of()))
                    .as(route).isInstanceOfSatisfying(WebError.class, e -> assertThat(e.status()).isEqualTo(403));
        }
        assertThatThrownBy(() -> call("POST /v2/users/{userId}/passkeys", Map.of("userId", alice.id()), Optional.of(alice.id()),
                Map.of("authenticator", "PASSKEY_AUTHENTICATOR_USB")))
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.body().details().get(0).id()).isEqualTo(WebError.FIELD_INVALID));
        assertThatThrownBy(() -> call("POST /v2/users/{userId}/passkeys", Map.of("userId", alice.id()), Optional.of(alice.id()),
                Map.of("conditional", "yes"))).isInstanceOf(WebError.class);
        assertThatThrownBy(() -> call("POST /v2/users/{userId}/passkeys", Map.of("userId", alice.id()), Optional.of(alice.id()),
                Map.of("conditional", true)))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.CONDITIONAL_CREATE_REFUSED));
        assertThatThrownBy(() -> call("POST /v2/users/{userId}/passkeys/registration_link", Map.of("userId", alice.id()),
                Optional.of(alice.id()), Map.of("returnCode", Map.of(), "sendLink", Map.of())))
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(passkeys.listPasskeys(alice.id())).isEmpty();
    }
}
