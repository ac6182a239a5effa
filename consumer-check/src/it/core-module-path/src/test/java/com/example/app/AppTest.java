package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import org.junit.jupiter.api.Test;

class AppTest {

    @Test
    void whenCoreIsAnAutomaticModuleAndYubicoOnTheClassPathThenARegistrationAndASignInRun() throws Exception {
        assertEquals("com.example.app", App.class.getModule().getName());
        assertEquals("io.github.passkey4j.core", Passkeys.class.getModule().getName());
        assertTrue(Passkeys.class.getModule().getDescriptor().isAutomatic());
        assertFalse(Class.forName("com.yubico.webauthn.RelyingParty").getModule().isNamed());

        Passkeys passkeys = App.passkeys();
        PasskeyUser user = PasskeyUser.of("1001", "pat@example.com", "org-1");
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Options browser = Options.from("https://example.com");
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(), browser), "Laptop");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());

        assertEquals("1001", passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser)).userId());
    }
}
