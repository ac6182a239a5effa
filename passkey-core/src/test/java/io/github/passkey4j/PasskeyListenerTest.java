package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.PasskeyListener.Operation;
import io.github.passkey4j.PasskeyListener.Outcome;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PasskeyListenerTest {

    private final List<Outcome> heard = new CopyOnWriteArrayList<>();
    private final TestPasskeys test = new TestPasskeys(new InMemoryPasskeyStore(),
            Passkeys.builder().listener(heard::add));
    private final Passkeys passkeys = test.passkeys;
    private final PasskeyUser user = TestPasskeys.newUser();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private String register() {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        return added.passkeyId();
    }

    @Test
    void everyOperationOfAPasskeysLifeIsHeardWithItsIds() {
        String passkeyId = register();
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));
        passkeys.renamePasskey(user.id(), passkeyId, "Laptop");
        passkeys.removePasskey(user.id(), passkeyId);
        passkeys.createRegistrationCode(user);

        assertThat(heard).extracting(Outcome::operation).containsExactly(Operation.ADD_PASSKEY,
                Operation.VERIFY_PASSKEY, Operation.BEGIN_SIGN_IN, Operation.FINISH_SIGN_IN, Operation.RENAME_PASSKEY,
                Operation.REMOVE_PASSKEY, Operation.CREATE_REGISTRATION_CODE);
        assertThat(heard).allSatisfy(o -> {
            assertThat(o.succeeded()).isTrue();
            assertThat(o.duration().isNegative()).isFalse();
        });
        assertThat(heard.get(0).passkeyId()).contains(passkeyId);
        assertThat(heard.get(1).userId()).contains(user.id());
        assertThat(heard.get(1).passkeyId()).contains(passkeyId);
        assertThat(heard.get(2).userId()).isEmpty();
        Outcome signedIn = heard.get(3);
        assertThat(signedIn.userId()).contains(user.id());
        assertThat(signedIn.passkeyId()).contains(passkeyId);
        assertThat(signedIn.userVerified()).contains(true);
        assertThat(heard.get(5).passkeyId()).contains(passkeyId);
    }

    @Test
    void aRefusalIsHeardWithItsReasonAndNoClaimedUser() {
        register();
        heard.clear();
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        String forged = authenticator.get(challenge.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).flipSignatureBit());
        assertThatThrownBy(() -> passkeys.finishSignIn(challenge.ceremonyId(), forged))
                .isInstanceOf(PasskeyException.class);

        Outcome refused = heard.get(heard.size() - 1);
        assertThat(refused.operation()).isEqualTo(Operation.FINISH_SIGN_IN);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.failure()).contains(ErrorReason.SIGNATURE_INVALID);
        assertThat(refused.userId()).isEmpty();
        assertThat(refused.userVerified()).isEmpty();
    }

    @Test
    void aRefusedRenameNamesTheCallersIdsAndTheReason() {
        assertThatThrownBy(() -> passkeys.renamePasskey(user.id(), "no-such-passkey", "X"))
                .isInstanceOf(PasskeyException.class);
        assertThat(heard).singleElement().satisfies(o -> {
            assertThat(o.operation()).isEqualTo(Operation.RENAME_PASSKEY);
            assertThat(o.failure()).contains(ErrorReason.PASSKEY_NOT_FOUND);
            assertThat(o.userId()).contains(user.id());
            assertThat(o.passkeyId()).contains("no-such-passkey");
        });
    }

    @Test
    void aFailingListenerChangesNothingForTheCallerNorTheListenersAfterIt() {
        List<Outcome> second = new CopyOnWriteArrayList<>();
        TestPasskeys noisy = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder()
                .listener(o -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(second::add));
        AddPasskeyResponse added = noisy.passkeys.addPasskey(user);
        Details details = noisy.passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        assertThat(details).isNotNull();
        assertThat(noisy.passkeys.listPasskeys(user.id())).hasSize(1);
        assertThat(second).extracting(Outcome::operation).containsExactly(Operation.ADD_PASSKEY,
                Operation.VERIFY_PASSKEY);
    }
}
