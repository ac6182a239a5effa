package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import org.junit.jupiter.api.Test;

/**
 * PRF on sign-in (WebAuthn Level 3 {@code prf.evalByCredential}): each passkey whose authenticator
 * reported PRF support has a salt of its own, stored with it and handed back in every sign-in that asks,
 * so that the page derives the same key each time. The PRF output itself never reaches the server.
 */
class PrfTest {

    private static final String ORIGIN = "https://example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRF_SUPPORTED = "{\"credProps\":{\"rk\":true},\"prf\":{\"enabled\":true}}";

    private final InMemoryPasskeyStore store = new InMemoryPasskeyStore();
    private final Passkeys passkeys = build();
    private final PasskeyUser user = TestPasskeys.newUser();
    private final SoftwareAuthenticator withPrf = new SoftwareAuthenticator();
    private final SoftwareAuthenticator withoutPrf = new SoftwareAuthenticator();

    private Passkeys build() {
        return Passkeys.builder().store(store).requestPrf(true)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", ORIGIN))
                .build();
    }

    private String register(SoftwareAuthenticator authenticator, String extensionResults, String name) {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        Options options = Options.from(ORIGIN);
        if (extensionResults != null) {
            options.clientExtensionResults(extensionResults);
        }
        passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(), options), name);
        return added.passkeyId();
    }

    private static JsonNode evalByCredential(SignInChallenge challenge) throws Exception {
        return JSON.readTree(challenge.publicKeyCredentialRequestOptions())
                .path("publicKey").path("extensions").path("prf").path("evalByCredential");
    }

    private String credentialId(String passkeyId) {
        StoredPasskey p = store.findPasskey(passkeyId).orElseThrow();
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(p.credentialId().toArray());
    }

    @Test
    void aPasskeyWithPrfGetsItsOwnSaltEveryTimeAndOneWithoutGetsNone() throws Exception {
        String prf = register(withPrf, PRF_SUPPORTED, "With PRF");
        String other = register(withoutPrf, null, "Without PRF");
        StoredPasskey stored = store.findPasskey(prf).orElseThrow();
        assertThat(stored.extensions().prfSalt()).hasValueSatisfying(s -> assertThat(s.length()).isEqualTo(32));
        assertThat(store.findPasskey(other).orElseThrow().extensions().prfSalt()).isEmpty();

        JsonNode first = evalByCredential(passkeys.beginSignIn(SignInOptions.forUser(user.id()).withPrf()));
        JsonNode second = evalByCredential(passkeys.beginSignIn(SignInOptions.forUser(user.id()).withPrf()));
        assertThat(first.size()).isEqualTo(1);
        String salt = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(stored.extensions().prfSalt().get().toArray());
        assertThat(first.path(credentialId(prf)).path("first").asText()).isEqualTo(salt);
        assertThat(second).isEqualTo(first);
        assertThat(first.has(credentialId(other))).isFalse();

        JsonNode plain = JSON.readTree(passkeys.beginSignIn(SignInOptions.forUser(user.id()))
                .publicKeyCredentialRequestOptions()).path("publicKey");
        assertThat(plain.path("extensions").has("prf")).as("only sign-ins that ask get PRF inputs").isFalse();
    }

    @Test
    void twoPasskeysWithPrfHaveDifferentSalts() throws Exception {
        String a = register(withPrf, PRF_SUPPORTED, "A");
        String b = register(new SoftwareAuthenticator(), PRF_SUPPORTED, "B");
        JsonNode eval = evalByCredential(passkeys.beginSignIn(SignInOptions.forUser(user.id()).withPrf()));
        assertThat(eval.size()).isEqualTo(2);
        assertThat(eval.path(credentialId(a)).path("first").asText())
                .isNotEqualTo(eval.path(credentialId(b)).path("first").asText());
    }

    @Test
    void aSignInWithPrfFinishesAlsoOnAnotherNodeAndThePrfOutputTheClientSentIsNeitherKeptNorLogged() throws Exception {
        String prf = register(withPrf, PRF_SUPPORTED, "With PRF");
        StoredPasskey before = store.findPasskey(prf).orElseThrow();
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()).withPrf());
        String secret = "c2VjcmV0LXByZi1vdXRwdXQtbmV2ZXItb24tdGhlLXNlcnZlcg";
        String assertion = withPrf.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)
                .clientExtensionResults("{\"prf\":{\"results\":{\"first\":\"" + secret + "\"}}}"));

        // another node: the request is read back from the store, PRF inputs and all
        Passkeys otherNode = build();
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            SignInResult result = otherNode.finishSignIn(challenge.ceremonyId(), assertion);
            assertThat(result.passkeyId()).isEqualTo(prf);
        } finally {
            System.setErr(original);
        }
        assertThat(logs.toString(java.nio.charset.StandardCharsets.UTF_8)).as("the test's log (slf4j-simple at debug)")
                .contains("sign-in").doesNotContain(secret);
        StoredPasskey after = store.findPasskey(prf).orElseThrow();
        assertThat(after.extensions()).isEqualTo(before.extensions());
        assertThat(after.toString()).doesNotContain(secret);
    }

    @Test
    void prfNeedsAUsernameFirstSignIn() {
        assertThatThrownBy(() -> SignInOptions.usernameless().withPrf())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username-first");
    }
}
