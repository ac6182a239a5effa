package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.RP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Signal API payloads (WebAuthn Level 3): what a sign-in and a removal return, and when a refused
 * sign-in tells the browser to forget a credential (only when no ready passkey holds it and the
 * assertion otherwise answers its ceremony).
 */
class SignalsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPasskeys test = new TestPasskeys(new InMemoryPasskeyStore());
    private final Passkeys passkeys = test.passkeys;
    private final PasskeyUser user = TestPasskeys.newUser();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private String register(PasskeyUser owner, SoftwareAuthenticator on) {
        AddPasskeyResponse added = passkeys.addPasskey(owner);
        passkeys.verifyPasskey(owner.id(), added.passkeyId(),
                on.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        return added.passkeyId();
    }

    private static String handle(PasskeyUser u) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(u.id().getBytes(StandardCharsets.UTF_8));
    }

    private PasskeyException signInFails(Options browser) {
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        String assertion = authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser);
        return catchThrowableOfType(PasskeyException.class, () -> passkeys.finishSignIn(challenge.ceremonyId(), assertion));
    }

    @Test
    void aSignInSignalsTheUsersAcceptedPasskeysOnItsRpId() {
        register(user, authenticator);
        String first = authenticator.last().id();
        register(user, authenticator);
        String second = authenticator.last().id();
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));

        Signals.AllAcceptedCredentials accepted = result.signals().allAccepted().orElseThrow();
        assertThat(accepted.rpId()).isEqualTo(RP_ID);
        assertThat(accepted.userId()).isEqualTo(handle(user));
        assertThat(accepted.allAcceptedCredentialIds()).containsExactlyInAnyOrder(first, second);
        assertThat(result.signals().currentUser()).as("no user lookup configured").isEmpty();
    }

    @Test
    void withAUserLookupASignInAlsoSignalsTheCurrentNames() {
        PasskeyUser renamed = new PasskeyUser(user.id(), "new-login@example.com", "New Name", user.resourceOwner());
        TestPasskeys withLookup = new TestPasskeys(new InMemoryPasskeyStore(),
                Passkeys.builder().userLookup(id -> id.equals(user.id()) ? Optional.of(renamed) : Optional.empty()));
        AddPasskeyResponse added = withLookup.passkeys.addPasskey(user);
        withLookup.passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        SignInChallenge challenge = withLookup.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        SignInResult result = withLookup.passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));

        Signals.CurrentUserDetails names = result.signals().currentUser().orElseThrow();
        assertThat(names).isEqualTo(new Signals.CurrentUserDetails(RP_ID, handle(user), "new-login@example.com",
                "New Name"));
    }

    @Test
    void aLookupThatFailsLeavesTheNamesOutAndTheSignInStands() {
        TestPasskeys failing = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().userLookup(id -> {
            throw new IllegalStateException("directory down");
        }));
        AddPasskeyResponse added = failing.passkeys.addPasskey(user);
        failing.passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        SignInChallenge challenge = failing.passkeys.beginSignIn(SignInOptions.usernameless());
        SignInResult result = failing.passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));
        assertThat(result.userId()).isEqualTo(user.id());
        assertThat(result.signals().currentUser()).isEmpty();
        assertThat(result.signals().allAccepted()).isPresent();
    }

    @Test
    void aRemovalSignalsThePasskeysLeftAndAfterTheLastOneAnEmptyList() {
        String firstPasskey = register(user, authenticator);
        String firstCredential = authenticator.last().id();
        String secondPasskey = register(user, authenticator);
        String secondCredential = authenticator.last().id();

        RemovePasskeyResponse one = passkeys.removePasskey(user.id(), firstPasskey);
        assertThat(one.signals().allAccepted().orElseThrow().allAcceptedCredentialIds()).containsExactly(secondCredential)
                .doesNotContain(firstCredential);
        assertThat(one.signals().currentUser()).isEmpty();

        RemovePasskeyResponse last = passkeys.removePasskey(user.id(), secondPasskey);
        Signals.AllAcceptedCredentials none = last.signals().allAccepted().orElseThrow();
        assertThat(none.userId()).isEqualTo(handle(user));
        assertThat(none.allAcceptedCredentialIds()).isEmpty();
    }

    @Test
    void aSignInWithARemovedPasskeyCarriesTheUnknownCredentialSignal() throws Exception {
        String passkeyId = register(user, authenticator);
        String credential = authenticator.last().id();
        passkeys.removePasskey(user.id(), passkeyId);

        PasskeyException e = signInFails(Options.from(ORIGIN));
        assertThat(e.reason()).isEqualTo(ErrorReason.CREDENTIAL_UNKNOWN);
        assertThat(e.unknownCredentialSignal()).contains(new Signals.UnknownCredential(RP_ID, credential));

        JsonNode body = JSON.readTree(JSON.writeValueAsString(e.toErrorBody()));
        assertThat(body.get("details")).hasSize(2);
        assertThat(body.get("details").get(0).get("id").asText()).isEqualTo("PASSKEY-CREDENTIAL-UNKNOWN");
        JsonNode signal = body.get("details").get(1);
        assertThat(signal.get("@type").asText()).isEqualTo("type.googleapis.com/passkey4j.v1.UnknownCredentialSignal");
        assertThat(signal.get("rpId").asText()).isEqualTo(RP_ID);
        assertThat(signal.get("credentialId").asText()).isEqualTo(credential);
        assertThat(signal.has("id")).isFalse();
        assertThat(signal.has("message")).isFalse();
    }

    @Test
    void aSignInWithACredentialNeverRegisteredCarriesTheSignalToo() {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)); // never verified
        PasskeyException e = signInFails(Options.from(ORIGIN));
        assertThat(e.reason()).isEqualTo(ErrorReason.CREDENTIAL_UNKNOWN);
        assertThat(e.unknownCredentialSignal()).isPresent();
    }

    @Test
    void anUnknownCredentialThatDoesNotAnswerItsCeremonyGetsItsOwnRefusalAndNoSignal() {
        String passkeyId = register(user, authenticator);
        passkeys.removePasskey(user.id(), passkeyId);

        PasskeyException origin = signInFails(Options.from("https://evil.example"));
        assertThat(origin.reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(origin.unknownCredentialSignal()).isEmpty();

        PasskeyException challenge = signInFails(Options.from(ORIGIN).challenge("AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(challenge.reason()).isEqualTo(ErrorReason.CHALLENGE_MISMATCH);
        assertThat(challenge.unknownCredentialSignal()).isEmpty();

        PasskeyException rpId = signInFails(Options.from(ORIGIN).rpIdForHash("other.example"));
        assertThat(rpId.reason()).isEqualTo(ErrorReason.RP_ID_MISMATCH);
        assertThat(rpId.unknownCredentialSignal()).isEmpty();

        PasskeyException presence = signInFails(Options.from(ORIGIN).userPresent(false));
        assertThat(presence.reason()).isEqualTo(ErrorReason.USER_PRESENCE_MISSING);
        assertThat(presence.unknownCredentialSignal()).isEmpty();
        assertThat(presence.toErrorBody().details()).hasSize(1);
    }

    @Test
    void aReadyPasskeyNeverGetsTheSignalWhateverFails() {
        register(user, authenticator);
        PasskeyException signature = signInFails(Options.from(ORIGIN).flipSignatureBit());
        assertThat(signature.reason()).isEqualTo(ErrorReason.SIGNATURE_INVALID);
        assertThat(signature.unknownCredentialSignal()).isEmpty();

        PasskeyException origin = signInFails(Options.from("https://evil.example"));
        assertThat(origin.unknownCredentialSignal()).isEmpty();
    }

    @Test
    void anotherUsersPasskeyIsRefusedWithoutSayingWhoseAndWithoutSignal() {
        PasskeyUser other = TestPasskeys.newUser();
        register(other, authenticator);
        register(user, new SoftwareAuthenticator());
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        String assertion = authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN));
        PasskeyException e = catchThrowableOfType(PasskeyException.class,
                () -> passkeys.finishSignIn(challenge.ceremonyId(), assertion));
        assertThat(e.reason()).isEqualTo(ErrorReason.CREDENTIAL_NOT_OWNED);
        assertThat(e.unknownCredentialSignal()).isEmpty();
        assertThat(e.getMessage()).doesNotContain(other.id());
    }

    @Test
    void theSignalsSerializeAsApiMdShowsThem() throws Exception {
        Signals signals = new Signals(new Signals.AllAcceptedCredentials("example.com", "dTE", java.util.List.of("YQ")),
                null);
        assertThat(JSON.writeValueAsString(signals)).isEqualTo(
                "{\"allAcceptedCredentials\":{\"rpId\":\"example.com\",\"userId\":\"dTE\",\"allAcceptedCredentialIds\":[\"YQ\"]}}");
        assertThat(JSON.writeValueAsString(new PasskeyException(ErrorReason.SIGNATURE_INVALID).toErrorBody()))
                .doesNotContain("rpId").doesNotContain("credentialId");
    }
}
