package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.MutableClock;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Passkey upgrade (WebAuthn Level 3 conditional create): a registration without user presence is
 * accepted only for a ceremony begun as an upgrade, within the window after the password sign-in the
 * host vouches for; every other registration without user presence is refused, and nothing is stored.
 */
class ConditionalCreateTest {

    private static final String ORIGIN = "https://example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryPasskeyStore store = new InMemoryPasskeyStore();
    private final Passkeys passkeys = Passkeys.builder().store(store).clock(clock)
            .relyingParty(RelyingPartyConfig.of("example.com", "Example", ORIGIN))
            .build();
    private final PasskeyUser user = TestPasskeys.newUser();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    /** What Chrome's password manager answers a conditional create with: UP=0, UV=0. */
    private static Options silent() {
        return Options.from(ORIGIN).userPresent(false).userVerified(false);
    }

    @Test
    void theOptionsAskForADiscoverableCredentialNeverRequireUserVerificationAndSayConditional() throws Exception {
        AddPasskeyResponse first = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), first.passkeyId(),
                authenticator.create(first.creationOptionsJson(), Options.from(ORIGIN)), "first");
        AddPasskeyResponse upgrade = passkeys.addPasskey(user, AddPasskeyOptions.defaults().conditional(clock.instant()));
        JsonNode options = JSON.readTree(upgrade.creationOptionsJson());
        assertThat(options.path("mediation").asText()).isEqualTo("conditional");
        JsonNode selection = options.path("publicKey").path("authenticatorSelection");
        assertThat(selection.path("residentKey").asText()).isEqualTo("required");
        assertThat(selection.path("userVerification").asText()).isEqualTo("preferred");
        assertThat(options.path("publicKey").path("excludeCredentials")).hasSize(1);
        assertThat(upgrade.creationOptionsJson()).doesNotContain("passkey4jPasswordVerifiedAt");

        JsonNode normal = JSON.readTree(passkeys.addPasskey(user).creationOptionsJson());
        assertThat(normal.has("mediation")).isFalse();
        assertThat(normal.path("publicKey").path("authenticatorSelection").path("userVerification").asText())
                .isEqualTo("required");
    }

    @Test
    void anUpgradeFinishesWithoutUserPresenceOrVerificationWithinTheWindow() {
        clock.advance(Duration.ofSeconds(30));
        Instant password = clock.instant().minusSeconds(20);
        AddPasskeyResponse upgrade = passkeys.addPasskey(user, AddPasskeyOptions.defaults().conditional(password));
        clock.advance(Duration.ofSeconds(5));
        passkeys.verifyPasskey(user.id(), upgrade.passkeyId(),
                authenticator.create(upgrade.creationOptionsJson(), silent()), "Upgraded");
        assertThat(passkeys.listPasskeys(user.id())).singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo(upgrade.passkeyId()));

        // the passkey then signs in as any other, with the sign-in's own checks
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        assertThat(refusal(() -> passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), silent()))).reason())
                .isEqualTo(ErrorReason.USER_PRESENCE_MISSING);
        SignInChallenge again = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        assertThat(passkeys.finishSignIn(again.ceremonyId(),
                authenticator.get(again.publicKeyCredentialRequestOptions(), Options.from(ORIGIN))).userId())
                .isEqualTo(user.id());
    }

    @Test
    void aNormalRegistrationWithoutUserPresenceIsRefusedAndNothingIsStored() {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        String answer = authenticator.create(added.creationOptionsJson(), silent().userVerified(true));
        assertThat(refusal(() -> passkeys.verifyPasskey(user.id(), added.passkeyId(), answer, "Key")).reason())
                .isEqualTo(ErrorReason.USER_PRESENCE_MISSING);
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }

    @Test
    void anUpgradeFinishedAfterTheWindowIsRefusedAndNothingIsStored() {
        // a window shorter than the ceremony's timeout (5 minutes), so that the ceremony is still open
        Passkeys shortWindow = Passkeys.builder().store(store).clock(clock)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", ORIGIN))
                .conditionalCreateWindow(Duration.ofSeconds(60))
                .build();
        Instant password = clock.instant();
        AddPasskeyResponse upgrade = shortWindow.addPasskey(user, AddPasskeyOptions.defaults().conditional(password));
        clock.advance(Duration.ofSeconds(61));
        String answer = authenticator.create(upgrade.creationOptionsJson(), silent());
        PasskeyException e = refusal(() -> shortWindow.verifyPasskey(user.id(), upgrade.passkeyId(), answer, "Key"));
        assertThat(e.reason()).isEqualTo(ErrorReason.CONDITIONAL_CREATE_REFUSED);
        assertThat(e.reason().code().httpStatus()).isEqualTo(400);
        assertThat(shortWindow.listPasskeys(user.id())).isEmpty();
    }

    @Test
    void anUpgradeIsNotBegunForAnOldOrFuturePasswordSignInNorWithARegistrationCode() {
        assertThat(refusal(() -> passkeys.addPasskey(user,
                AddPasskeyOptions.defaults().conditional(clock.instant().minus(Duration.ofMinutes(6))))).reason())
                .isEqualTo(ErrorReason.CONDITIONAL_CREATE_REFUSED);
        assertThat(refusal(() -> passkeys.addPasskey(user,
                AddPasskeyOptions.defaults().conditional(clock.instant().plusSeconds(60)))).reason())
                .isEqualTo(ErrorReason.CONDITIONAL_CREATE_REFUSED);
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
        assertThat(refusal(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults()
                .withCode(code.codeId(), code.code()).conditional(clock.instant()))).reason())
                .isEqualTo(ErrorReason.CONDITIONAL_CREATE_REFUSED);
    }

    @Test
    void theWindowIsConfigurableAndBounded() {
        Passkeys shortWindow = Passkeys.builder().store(new InMemoryPasskeyStore()).clock(clock)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", ORIGIN))
                .conditionalCreateWindow(Duration.ofSeconds(30))
                .build();
        assertThat(refusal(() -> shortWindow.addPasskey(user,
                AddPasskeyOptions.defaults().conditional(clock.instant().minusSeconds(31)))).reason())
                .isEqualTo(ErrorReason.CONDITIONAL_CREATE_REFUSED);
        AddPasskeyResponse upgrade = shortWindow.addPasskey(user,
                AddPasskeyOptions.defaults().conditional(clock.instant().minusSeconds(29)));
        assertThat(upgrade.passkeyId()).isNotBlank();
        assertThatThrownBy(() -> Passkeys.builder().conditionalCreateWindow(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conditionalCreateWindow");
    }

    @Test
    void anUpgradeAnswerIsStillCheckedForEverythingElse() {
        AddPasskeyResponse upgrade = passkeys.addPasskey(user, AddPasskeyOptions.defaults().conditional(clock.instant()));
        String elsewhere = authenticator.create(upgrade.creationOptionsJson(),
                Options.from("https://evil.example").userPresent(false).userVerified(false));
        assertThat(refusal(() -> passkeys.verifyPasskey(user.id(), upgrade.passkeyId(), elsewhere, "Key")).reason())
                .isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        String tampered = authenticator.create(upgrade.creationOptionsJson(), silent().flipSignatureBit().format("packed"));
        assertThat(refusal(() -> passkeys.verifyPasskey(user.id(), upgrade.passkeyId(), tampered, "Key")).reason())
                .isIn(ErrorReason.ATTESTATION_INVALID, ErrorReason.SIGNATURE_INVALID);
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }
}
