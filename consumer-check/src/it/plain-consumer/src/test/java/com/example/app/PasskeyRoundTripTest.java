package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void whenTheKitMakesEcRsaEdDsaAndPssKeysWithoutBouncyCastleThenEachSignsIn() {
        // this build has no BouncyCastle: every algorithm but ML-DSA comes with the JDK
        Passkeys passkeys = Passkeys.builder()
                .store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://example.com"))
                .enablePss()
                .enableMlDsa()
                .build();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        long[] algorithms = {-7, -35, -36, -8, -257, -37, -38};
        for (int i = 0; i < algorithms.length; i++) {
            PasskeyUser user = PasskeyUser.of(Integer.toString(2000 + i), "user" + i + "@example.com", "org-1");
            Options browser = Options.from("https://example.com").format(SoftwareAuthenticator.PACKED).algorithm(algorithms[i]);
            AddPasskeyResponse added = passkeys.addPasskey(user);
            passkeys.verifyPasskey(user.id(), added.passkeyId(),
                    authenticator.create(added.creationOptionsJson(), browser), "Key " + algorithms[i]);
            SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
            SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                    authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser));
            assertEquals(user.id(), result.userId());
        }
        AddPasskeyResponse added = passkeys.addPasskey(PasskeyUser.of("3000", "ml@example.com", "org-1"));
        boolean jdkHasMlDsa = Runtime.version().feature() >= 24;
        // ML-DSA is offered only where a provider verifies it, and the kit says what it needs
        assertEquals(jdkHasMlDsa, added.creationOptionsJson().contains("\"alg\":-49"));
        if (!jdkHasMlDsa) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> authenticator.create(
                    added.creationOptionsJson(), Options.from("https://example.com").algorithm(-49)));
            assertTrue(e.getMessage().contains("bcprov-jdk18on"), e.getMessage());
        }
    }
}
