package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default values of the relying-party policy (issue 13), on the in-memory store: the store
 * contracts prove the same behaviour with small caps on every store.
 */
class PolicyDefaultsTest {

    private final TestPasskeys t = new TestPasskeys();
    private final Passkeys passkeys = t.passkeys;

    @Test
    void whenAUserHolds64PasskeysThenTheDefaultCapRefusesTheNextAddPasskey() {
        PasskeyUser user = newUser();
        for (int i = 0; i < Passkeys.DEFAULT_MAX_PASSKEYS_PER_USER; i++) {
            AddPasskeyResponse r = passkeys.addPasskey(user);
            passkeys.verifyPasskey(user.id(), r.passkeyId(),
                    new SoftwareAuthenticator().create(r.creationOptionsJson(), Options.from(ORIGIN)), "Key " + i);
        }

        assertThat(Passkeys.DEFAULT_MAX_PASSKEYS_PER_USER).isEqualTo(64);
        assertThat(passkeys.listPasskeys(user.id())).hasSize(64);
        assertThatThrownBy(() -> passkeys.addPasskey(user)).isInstanceOfSatisfying(PasskeyException.class, e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.PASSKEY_LIMIT_REACHED);
            assertThat(e.httpStatus()).isEqualTo(400);
        });
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        assertThat(c.publicKeyCredentialRequestOptions()).contains("allowCredentials");
    }

    @Test
    void whenMoreThan16SignInsOfOneUserAreOpenThenTheDefaultCapExpiresTheOldest() {
        PasskeyUser user = newUser();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        AddPasskeyResponse r = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), r.passkeyId(), authenticator.create(r.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        List<SignInChallenge> begun = new ArrayList<>();
        for (int i = 0; i < Passkeys.DEFAULT_MAX_OPEN_CEREMONIES_PER_USER + 1; i++) {
            begun.add(passkeys.beginSignIn(SignInOptions.forUser(user.id())));
        }

        assertThat(Passkeys.DEFAULT_MAX_OPEN_CEREMONIES_PER_USER).isEqualTo(16);
        assertThat(t.store.findPending(begun.get(0).ceremonyId()).orElseThrow().isExpiredAt(TestPasskeys.START)).isTrue();
        assertThat(t.store.findPending(begun.get(1).ceremonyId()).orElseThrow().isExpiredAt(TestPasskeys.START)).isFalse();
        assertThatThrownBy(() -> passkeys.finishSignIn(begun.get(0).ceremonyId(),
                authenticator.get(begun.get(0).publicKeyCredentialRequestOptions(), Options.from(ORIGIN))))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.CEREMONY_EXPIRED));
        assertThat(t.store.expireOldestPending(user.id(), CeremonyKind.AUTHENTICATION, 16, TestPasskeys.START)).isZero();
    }

    @Test
    void whenTheBuilderIsGivenCapsOutOfRangeThenItSaysWhich() {
        assertThatThrownBy(() -> Passkeys.builder().maxPasskeysPerUser(0)).hasMessageContaining("maxPasskeysPerUser");
        assertThatThrownBy(() -> Passkeys.builder().maxOpenCeremoniesPerUser(1001)).hasMessageContaining("maxOpenCeremoniesPerUser");
        assertThatThrownBy(() -> Passkeys.builder().allowedTopOrigins(List.of("shop.example"))).hasMessageContaining("allowedTopOrigins");
    }
}
