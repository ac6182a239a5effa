package io.github.passkey4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.tck.PasskeyStoreContract;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing your code" snippets, run: a host's test with passkey-test, and a store's
 * contract test with passkey-store-tck. {@link ReadmeSnippetTest} checks that the README shows
 * these lines.
 */
class ReadmeTestingTest {

    private final Passkeys passkeys = Passkeys.builder()
            .store(new InMemoryPasskeyStore())
            .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://example.com"))
            .build();
    private final PasskeyUser user = PasskeyUser.of("1001", "pat@example.com", "org-1");

    @Test
    void whenTheReadmesTestKitSnippetRunsThenTheUserSignsInWithTheNewPasskey() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Options browser = Options.from("https://example.com");
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(), browser), "Laptop");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser));

        assertThat(result.userId()).isEqualTo("1001");
    }

    /** The README's store author's test, as written there. */
    @Nested
    class MyStoreContractTest extends PasskeyStoreContract {
        @Override
        protected PasskeyStore createStore() {
            return new InMemoryPasskeyStore();   // your store here, e.g. new MyStore(dataSource)
        }
    }
}
