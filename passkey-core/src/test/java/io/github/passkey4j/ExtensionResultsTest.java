package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Client extension results (credProps, prf, WebAuthn Level 3's authenticatorDisplayName): recorded and
 * listed, never trusted blindly, bounded in size and type.
 */
class ExtensionResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestPasskeys test = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().requestPrf(true));
    private final Passkeys passkeys = test.passkeys;
    private final PasskeyUser user = TestPasskeys.newUser();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private PasskeyInfo register(String name, String extensionResults) {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(),
                Options.from(ORIGIN).clientExtensionResults(extensionResults)), name);
        return passkeys.listPasskeys(user.id()).stream().filter(p -> p.id().equals(added.passkeyId())).findFirst()
                .orElseThrow();
    }

    private ErrorReason refusal(String extensionResults) {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        String credential = authenticator.create(added.creationOptionsJson(),
                Options.from(ORIGIN).clientExtensionResults(extensionResults));
        try {
            passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key");
        } catch (PasskeyException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + extensionResults);
    }

    @Test
    void theOptionsAskForCredPropsAndPrfWhenEnabled() throws Exception {
        JsonNode options = JSON.readTree(passkeys.addPasskey(user).creationOptionsJson()).get("publicKey");
        assertThat(options.at("/extensions/credProps").asBoolean()).isTrue();
        assertThat(options.at("/extensions").has("prf")).isTrue();
        JsonNode plain = JSON.readTree(new TestPasskeys().passkeys.addPasskey(user).creationOptionsJson()).get("publicKey");
        assertThat(plain.at("/extensions").has("prf")).as("PRF is off by default").isFalse();
    }

    @Test
    void whatTheBrowserReportedIsListed() throws Exception {
        PasskeyInfo info = register("Laptop", """
                {"credProps": {"rk": true, "authenticatorDisplayName": "iCloud Keychain"}, "prf": {"enabled": true}}""");
        assertThat(info.residentKey()).isTrue();
        assertThat(info.prfEnabled()).isTrue();
        assertThat(info.authenticatorDisplayName()).isEqualTo("iCloud Keychain");
        assertThat(info.name()).isEqualTo("Laptop");
        JsonNode json = JSON.readTree(JSON.writeValueAsString(info));
        assertThat(json.get("residentKey").asBoolean()).isTrue();
        assertThat(json.get("authenticatorDisplayName").asText()).isEqualTo("iCloud Keychain");
    }

    @Test
    void withoutANameTheAuthenticatorsNameIsTheSuggestion() {
        PasskeyInfo info = register("", """
                {"credProps": {"rk": true, "authenticatorDisplayName": "  Google\\u0020Password Manager  "}}""");
        assertThat(info.name()).isEqualTo("Google Password Manager");
    }

    @Test
    void nothingReportedIsLeftOutOfTheJson() throws Exception {
        PasskeyInfo info = register("Key", "{}");
        assertThat(info.residentKey()).isNull();
        JsonNode json = JSON.readTree(JSON.writeValueAsString(info));
        assertThat(json.has("residentKey")).isFalse();
        assertThat(json.has("prfEnabled")).isFalse();
        assertThat(json.has("authenticatorDisplayName")).isFalse();
    }

    @Test
    void unknownExtensionsAndPrfOutputsAreIgnored() {
        PasskeyInfo info = register("Key", """
                {"someFutureExtension": {"x": [1, 2, 3]}, "prf": {"enabled": true, "results": {"first": "c2VjcmV0"}}}""");
        assertThat(info.prfEnabled()).isTrue();
        assertThat(info.toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void hostileResultsAreRefusedWithTheirReasonAndNothingIsStored() {
        List<String> hostile = List.of(
                "[]",
                "\"credProps\"",
                "{\"credProps\": []}",
                "{\"credProps\": {\"rk\": \"yes\"}}",
                "{\"credProps\": {\"rk\": 1}}",
                "{\"prf\": {\"enabled\": \"true\"}}",
                "{\"prf\": true}",
                "{\"credProps\": {\"authenticatorDisplayName\": 42}}",
                "{\"credProps\": {\"authenticatorDisplayName\": \"" + "x".repeat(1025) + "\"}}",
                "{\"credProps\": {\"authenticatorDisplayName\": \"bad\\u0000name\"}}",
                "{\"credProps\": {\"authenticatorDisplayName\": \"\\u202Eevil\"}}",
                "{\"padding\": \"" + "p".repeat(9000) + "\"}",
                manyMembers(33));
        for (String results : hostile) {
            assertThat(refusal(results)).as(results.length() > 80 ? results.substring(0, 80) : results)
                    .isEqualTo(ErrorReason.EXTENSIONS_INVALID);
        }
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }

    @Test
    void aSignInWithHostileResultsIsRefused() {
        register("Key", null);
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        String assertion = authenticator.get(challenge.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).clientExtensionResults("{\"prf\": \"oops\"}"));
        try {
            passkeys.finishSignIn(challenge.ceremonyId(), assertion);
            throw new AssertionError("accepted");
        } catch (PasskeyException e) {
            assertThat(e.reason()).isEqualTo(ErrorReason.EXTENSIONS_INVALID);
        }
    }

    private static String manyMembers(int n) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("\"e").append(i).append("\": true");
        }
        return json.append("}").toString();
    }
}
