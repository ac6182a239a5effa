package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import org.junit.jupiter.api.Test;

/** A host's unit test, outside passkey4j's build: registration and sign-in with the test kit. */
class PasskeyRoundTripTest {

    @Test
    void whenAPasskeyIsAddedThenItSignsIn() {
        Passkeys passkeys = Passkeys.builder()
                .store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://example.com"))
                .build();
        PasskeyUser user = PasskeyUser.of("1001", "pat@example.com", "org-1");
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Options browser = Options.from("https://example.com").format(SoftwareAuthenticator.PACKED);

        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), browser), "Laptop");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser));

        assertEquals("1001", result.userId());
    }
}
