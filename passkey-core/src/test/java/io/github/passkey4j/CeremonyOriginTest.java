package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import org.junit.jupiter.api.Test;

/**
 * The origin a ceremony is begun for: only a response made there finishes it, and it chooses the
 * relying party (the tenant) when no RP id is given.
 */
class CeremonyOriginTest {

    private static final String LOGIN = "https://login.example.com";
    private static final String SHOP = "https://shop.example.com";
    private static final String TENANT = "https://tenant.example.org";

    private final InMemoryPasskeyStore store = new InMemoryPasskeyStore();
    private final Passkeys passkeys = Passkeys.builder().store(store)
            .relyingParty(RelyingPartyConfig.of("example.com", "Example", LOGIN, SHOP))
            .relyingParty(RelyingPartyConfig.of("example.org", "Tenant", TENANT))
            .build();
    private final PasskeyUser user = TestPasskeys.newUser();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    @Test
    void aRegistrationBegunForOneOriginIsRefusedAtAnotherAndFinishesAtItsOwn() {
        AddPasskeyResponse added = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withOrigin(LOGIN));
        String fromShop = authenticator.create(added.creationOptionsJson(), Options.from(SHOP));
        PasskeyException e = refusal(() -> passkeys.verifyPasskey(user.id(), added.passkeyId(), fromShop, "Key"));
        assertThat(e.reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();

        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(LOGIN)), "Key");
        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
    }

    @Test
    void aSignInBegunForOneOriginIsRefusedAtAnotherAndFinishesAtItsOwn() {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(LOGIN)), "Key");

        SignInChallenge atLogin = passkeys.beginSignIn(SignInOptions.forUser(user.id()).withOrigin(LOGIN));
        String fromShop = authenticator.get(atLogin.publicKeyCredentialRequestOptions(), Options.from(SHOP));
        assertThat(refusal(() -> passkeys.finishSignIn(atLogin.ceremonyId(), fromShop)).reason())
                .isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);

        SignInChallenge again = passkeys.beginSignIn(SignInOptions.forUser(user.id()).withOrigin(LOGIN));
        assertThat(passkeys.finishSignIn(again.ceremonyId(),
                authenticator.get(again.publicKeyCredentialRequestOptions(), Options.from(LOGIN))).userId())
                .isEqualTo(user.id());
    }

    @Test
    void withoutAnOriginAnyOfTheRelyingPartysOriginsFinishes() {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(SHOP)), "Key");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        assertThat(passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(LOGIN))).userId())
                .isEqualTo(user.id());
    }

    @Test
    void theOriginChoosesTheTenantsRelyingPartyWhenNoRpIdIsGiven() throws Exception {
        AddPasskeyResponse added = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withOrigin(TENANT));
        assertThat(new ObjectMapper().readTree(added.creationOptionsJson()).at("/publicKey/rp/id").asText())
                .isEqualTo("example.org");
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(TENANT)), "Key");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless().withOrigin(TENANT));
        assertThat(new ObjectMapper().readTree(challenge.publicKeyCredentialRequestOptions()).at("/publicKey/rpId")
                .asText()).isEqualTo("example.org");
        assertThat(passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(TENANT))).userId())
                .isEqualTo(user.id());
    }

    @Test
    void anOriginNoRelyingPartyHasOrThatContradictsTheRpIdBeginsNothing() {
        assertThat(refusal(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withOrigin("https://evil.example")))
                .reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(refusal(() -> passkeys.addPasskey(user,
                AddPasskeyOptions.defaults().withRpId("example.com").withOrigin(TENANT))).reason())
                .isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(refusal(() -> passkeys.beginSignIn(SignInOptions.usernameless().withOrigin("https://evil.example")))
                .reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(passkeys.history(user.id())).as("nothing was begun").isEmpty();
    }
}
