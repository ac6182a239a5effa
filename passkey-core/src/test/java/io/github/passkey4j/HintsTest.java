package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import org.junit.jupiter.api.Test;

/** WebAuthn Level 3 hints on creation and request options: default, per call, and the attachment. */
class HintsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PasskeyUser user = TestPasskeys.newUser();

    private static Passkeys passkeys(Hint... defaults) {
        return new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().hints(defaults)).passkeys;
    }

    private static JsonNode creation(AddPasskeyResponse added) throws Exception {
        return JSON.readTree(added.creationOptionsJson()).get("publicKey");
    }

    private static JsonNode request(SignInChallenge challenge) throws Exception {
        return JSON.readTree(challenge.publicKeyCredentialRequestOptions()).get("publicKey");
    }

    @Test
    void withoutHintsTheOptionsSayAnEmptyListAndNoAttachment() throws Exception {
        Passkeys passkeys = passkeys();
        JsonNode options = creation(passkeys.addPasskey(user));
        assertThat(options.get("hints")).isNotNull();
        assertThat(options.get("hints").isArray()).isTrue();
        assertThat(options.get("hints")).isEmpty();
        assertThat(options.at("/authenticatorSelection").has("authenticatorAttachment")).isFalse();
        JsonNode get = request(passkeys.beginSignIn(SignInOptions.usernameless()));
        assertThat(get.get("hints").isArray()).isTrue();
        assertThat(get.get("hints")).isEmpty();
    }

    @Test
    void theDefaultHintsApplyAndSetTheAttachmentTheyAgreeOn() throws Exception {
        Passkeys passkeys = passkeys(Hint.CLIENT_DEVICE);
        JsonNode options = creation(passkeys.addPasskey(user));
        assertThat(options.get("hints")).hasSize(1);
        assertThat(options.get("hints").get(0).asText()).isEqualTo("client-device");
        assertThat(options.at("/authenticatorSelection/authenticatorAttachment").asText()).isEqualTo("platform");
        assertThat(request(passkeys.beginSignIn(SignInOptions.usernameless())).get("hints").get(0).asText())
                .isEqualTo("client-device");
    }

    @Test
    void requestedHintsReplaceTheDefault() throws Exception {
        Passkeys passkeys = passkeys(Hint.CLIENT_DEVICE);
        JsonNode options = creation(passkeys.addPasskey(user, AddPasskeyOptions.defaults().withHints(Hint.SECURITY_KEY)));
        assertThat(options.get("hints")).hasSize(1);
        assertThat(options.get("hints").get(0).asText()).isEqualTo("security-key");
        assertThat(options.at("/authenticatorSelection/authenticatorAttachment").asText()).isEqualTo("cross-platform");

        JsonNode none = creation(passkeys.addPasskey(user, AddPasskeyOptions.defaults().withHints()));
        assertThat(none.get("hints")).isEmpty();

        JsonNode get = request(passkeys.beginSignIn(SignInOptions.usernameless().withHints(Hint.HYBRID, Hint.SECURITY_KEY)));
        assertThat(get.get("hints").get(0).asText()).isEqualTo("hybrid");
        assertThat(get.get("hints").get(1).asText()).isEqualTo("security-key");
    }

    @Test
    void hintsOfTwoAttachmentsLeaveTheAttachmentOpen() throws Exception {
        JsonNode options = creation(passkeys().addPasskey(user,
                AddPasskeyOptions.defaults().withHints(Hint.CLIENT_DEVICE, Hint.HYBRID)));
        assertThat(options.get("hints")).hasSize(2);
        assertThat(options.at("/authenticatorSelection").has("authenticatorAttachment")).isFalse();
    }

    @Test
    void requestedHintsThatContradictTheRequestedAttachmentAreRefused() {
        Passkeys passkeys = passkeys();
        assertThatThrownBy(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults()
                .withAuthenticatorAttachment(AuthenticatorAttachment.PLATFORM).withHints(Hint.SECURITY_KEY)))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.HINTS_CONFLICT));
        assertThat(passkeys.history(user.id())).as("nothing was begun").isEmpty();
    }

    @Test
    void defaultHintsThatDisagreeWithARequestedAttachmentAreLeftOut() throws Exception {
        JsonNode options = creation(passkeys(Hint.SECURITY_KEY, Hint.CLIENT_DEVICE).addPasskey(user,
                AddPasskeyOptions.defaults().withAuthenticatorAttachment(AuthenticatorAttachment.PLATFORM)));
        assertThat(options.get("hints")).hasSize(1);
        assertThat(options.get("hints").get(0).asText()).isEqualTo("client-device");
        assertThat(options.at("/authenticatorSelection/authenticatorAttachment").asText()).isEqualTo("platform");
    }

    @Test
    void anUnknownHintIsARefusalWithItsReason() {
        assertThat(Hint.fromValue("hybrid")).isEqualTo(Hint.HYBRID);
        for (String bad : new String[] {"usb", "Security-Key", "", "client-device "}) {
            assertThatThrownBy(() -> Hint.fromValue(bad)).isInstanceOfSatisfying(PasskeyException.class,
                    e -> assertThat(e.reason()).isEqualTo(ErrorReason.HINT_UNKNOWN));
        }
    }

    @Test
    void aRegistrationAndASignInWithHintsStillVerify() {
        Passkeys passkeys = passkeys(Hint.CLIENT_DEVICE);
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()).withHints(Hint.CLIENT_DEVICE));
        assertThat(passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN))).userId())
                .isEqualTo(user.id());
    }
}
