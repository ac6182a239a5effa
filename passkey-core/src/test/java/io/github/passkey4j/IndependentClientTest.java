package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.test.authenticator.webauthn.AndroidKeyAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.TestPasskeys;
import io.github.passkey4j.testing.Webauthn4jClient;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Registrations made by webauthn4j-test's emulators, which nobody on this project wrote. */
class IndependentClientTest {

    private final TestPasskeys t = new TestPasskeys(new InMemoryPasskeyStore(),
            Passkeys.builder().attestation(AttestationConveyance.DIRECT));

    static Stream<Arguments> emulators() {
        return Stream.of(
                Arguments.of("packed", (Supplier<WebAuthnModelAuthenticator>) PackedAuthenticator::new),
                Arguments.of("android-key", (Supplier<WebAuthnModelAuthenticator>) AndroidKeyAuthenticator::new),
                Arguments.of("none", (Supplier<WebAuthnModelAuthenticator>) NoneAttestationAuthenticator::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emulators")
    void whenAnEmulatorRegistersThenTheLibraryVerifiesAndListsIt(String format, Supplier<WebAuthnModelAuthenticator> emulator) {
        PasskeyUser user = newUser();
        Webauthn4jClient client = new Webauthn4jClient(ORIGIN, emulator.get());
        AddPasskeyResponse added = t.passkeys.addPasskey(user);

        String credential = client.create(added.creationOptionsJson());
        Details details = t.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Emulated " + format);

        assertThat(details.sequence()).isEqualTo(2);
        assertThat(t.passkeys.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactly("Emulated " + format);
        StoredPasskey stored = t.store.findPasskey(added.passkeyId()).orElseThrow();
        assertThat(stored.attestationFormat()).isEqualTo(format);
        assertThat(stored.userHandle().toUtf8()).isEqualTo(user.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emulators")
    void whenAttestationIsNotAskedForThenTheClientStripsItAndTheLibraryStillVerifies(String format,
            Supplier<WebAuthnModelAuthenticator> emulator) {
        TestPasskeys plain = new TestPasskeys();
        PasskeyUser user = newUser();
        AddPasskeyResponse added = plain.passkeys.addPasskey(user);

        String credential = new Webauthn4jClient(ORIGIN, emulator.get()).create(added.creationOptionsJson());
        plain.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, format);

        assertThat(plain.store.findPasskey(added.passkeyId()).orElseThrow().attestationFormat()).isEqualTo("none");
    }
}
