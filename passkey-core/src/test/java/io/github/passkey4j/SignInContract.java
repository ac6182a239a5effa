package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.OTHER_ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.OTHER_RP_ID;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.store.tck.Concurrent;
import io.github.passkey4j.testing.PasskeysContract;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import io.github.passkey4j.testing.Webauthn4jClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Signing in with passkeys through the public API, on any store: each store module runs it on its
 * databases by extending it.
 */
public abstract class SignInContract extends PasskeysContract {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();


    private String register(PasskeyUser user, SoftwareAuthenticator a) {
        AddPasskeyResponse r = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), r.passkeyId(), a.create(r.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        return r.passkeyId();
    }

    private static JsonNode publicKey(SignInChallenge c) throws Exception {
        return PLAIN.readTree(c.publicKeyCredentialRequestOptions()).get("publicKey");
    }

    // ------------------------------------------------------------------ happy paths

    @Test
    void whenSigningInUsernameFirstThenOnlyTheUsersPasskeysAreAllowedAndTheUserIsSignedIn() throws Exception {
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);
        SoftwareAuthenticator second = new SoftwareAuthenticator();
        register(user, second);
        register(newUser(), new SoftwareAuthenticator());

        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        JsonNode options = publicKey(challenge);
        assertThat(options.get("rpId").asText()).isEqualTo(TestPasskeys.RP_ID);
        assertThat(options.get("userVerification").asText()).isEqualTo("required");
        assertThat(options.get("timeout").asLong()).isEqualTo(60000);
        assertThat(options.get("challenge").asText()).matches("[A-Za-z0-9_-]{43}");
        List<String> allowed = new ArrayList<>();
        options.get("allowCredentials").forEach(c -> allowed.add(c.get("id").asText()));
        assertThat(allowed).containsExactlyInAnyOrder(authenticator.last().id(), second.last().id());

        t.clock.advance(Duration.ofSeconds(3));
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));

        assertThat(result.userId()).isEqualTo(user.id());
        assertThat(result.resourceOwner()).isEqualTo(user.resourceOwner());
        assertThat(result.passkeyId()).isEqualTo(passkeyId);
        assertThat(result.userVerified()).isTrue();
        assertThat(result.details().sequence()).isEqualTo(5);
        assertThat(result.details().changeDate()).isEqualTo(TestPasskeys.START.plusSeconds(3));
        assertThat(passkeys.listPasskeys(user.id())).filteredOn(p -> p.id().equals(passkeyId)).singleElement()
                .satisfies(p -> assertThat(p.lastUsed()).contains(TestPasskeys.START.plusSeconds(3)));
        assertThat(PLAIN.valueToTree(passkeys.listPasskeys(user.id()).get(0)).get("lastUsedDate").asText())
                .isEqualTo("2026-11-28T10:54:22.585Z");
        assertThat(passkeys.history(user.id())).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.PASSKEY_SIGNED_IN);
            assertThat(e.aggregateId()).isEqualTo(passkeyId);
        });
        assertThat(t.store.findPending(challenge.ceremonyId())).isEmpty();
    }

    @Test
    void whenSigningInUsernamelessThenTheAllowListIsEmptyAndTheUserComesFromTheUserHandle() throws Exception {
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);

        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        assertThat(publicKey(challenge).get("allowCredentials").isArray()).isTrue();
        assertThat(publicKey(challenge).get("allowCredentials")).isEmpty();

        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));

        assertThat(result.userId()).isEqualTo(user.id());
        assertThat(result.passkeyId()).isEqualTo(passkeyId);
    }

    @Test
    void whenUserVerificationIsPreferredThenASignInWithoutItIsAcceptedAndReported() {
        // the configured requirement is a floor (issue 13): PREFERRED must be configured, not asked per call
        Passkeys preferring = with(b -> b.userVerification(UserVerification.PREFERRED)).passkeys;
        PasskeyUser user = newUser();
        register(user, authenticator);

        SignInChallenge challenge = preferring.beginSignIn(SignInOptions.forUser(user.id()));
        SignInResult result = preferring.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).userVerified(false)));

        assertThat(result.userVerified()).isFalse();
    }

    @Test
    void whenAnIndependentClientSignsInThenTheLibraryVerifiesIt() {
        PasskeyUser user = newUser();
        Webauthn4jClient client = new Webauthn4jClient(ORIGIN, new PackedAuthenticator());
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(), client.create(added.creationOptionsJson()), "w4j");

        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(), client.get(challenge.publicKeyCredentialRequestOptions()));

        assertThat(result.userId()).isEqualTo(user.id());
        assertThat(result.passkeyId()).isEqualTo(added.passkeyId());
    }

    @Test
    void whenTheUserHasNoPasskeyThenUsernameFirstIsAFailedPrecondition() {
        assertThatThrownBy(() -> passkeys.beginSignIn(SignInOptions.forUser(newUser().id())))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.NO_PASSKEYS);
                    assertThat(e.code()).isEqualTo(PasskeyException.Code.FAILED_PRECONDITION);
                });
    }

    @Test
    void whenThePasskeyIsScopedToAnotherRpThenUsernameFirstOnThisRpFindsNone() {
        PasskeyUser user = newUser();
        register(user, authenticator);

        assertThatThrownBy(() -> passkeys.beginSignIn(SignInOptions.forUser(user.id()).withRpId(OTHER_RP_ID)))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.NO_PASSKEYS));
    }

    // ------------------------------------------------------------------ counters

    @Test
    void whenTheCounterGoesUpThenEachSignInIsAcceptedAndTheCounterStored() {
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);

        for (int i = 1; i <= 3; i++) {
            SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
            SignInResult r = passkeys.finishSignIn(c.ceremonyId(),
                    authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).counting()));
            assertThat(r.signCount()).isEqualTo(i);
        }
        assertThat(t.store.findPasskey(passkeyId).orElseThrow().signCount()).isEqualTo(3);
    }

    @Test
    void whenCountersStayAtZeroThenEverySignInIsAccepted() {
        PasskeyUser user = newUser();
        register(user, authenticator);

        for (int i = 0; i < 3; i++) {
            SignInChallenge c = passkeys.beginSignIn(SignInOptions.usernameless());
            SignInResult r = passkeys.finishSignIn(c.ceremonyId(),
                    authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).signCount(0)));
            assertThat(r.signCount()).isZero();
            assertThat(r.possiblyCloned()).isFalse();
        }
    }

    @Test
    void whenTheCounterGoesBackwardsThenTheDefaultPolicyRefusesAndNothingChanges() throws Exception {
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);
        SignInChallenge first = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        passkeys.finishSignIn(first.ceremonyId(), authenticator.get(first.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).signCount(10)));

        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        assertRefused(user, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).signCount(10)), ErrorReason.SIGN_COUNT_REGRESSION);
        assertRefused(user, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).signCount(4)), ErrorReason.SIGN_COUNT_REGRESSION);
        assertRefused(user, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).signCount(0)), ErrorReason.SIGN_COUNT_REGRESSION);
    }

    @Test
    void whenTheCounterGoesBackwardsUnderTheFlagPolicyThenTheSignInIsAcceptedAndThePasskeyFlagged() {
        TestPasskeys flagging = new TestPasskeys(createStore(), Passkeys.builder().signCountPolicy(SignCountPolicy.FLAG));
        PasskeyUser user = newUser();
        AddPasskeyResponse r = flagging.passkeys.addPasskey(user);
        flagging.passkeys.verifyPasskey(user.id(), r.passkeyId(),
                authenticator.create(r.creationOptionsJson(), Options.from(ORIGIN)), "Key");
        SignInChallenge first = flagging.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        flagging.passkeys.finishSignIn(first.ceremonyId(),
                authenticator.get(first.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).signCount(10)));

        SignInChallenge c = flagging.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        SignInResult result = flagging.passkeys.finishSignIn(c.ceremonyId(),
                authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).signCount(4)));

        assertThat(result.possiblyCloned()).isTrue();
        assertThat(result.signCount()).isEqualTo(10);
        StoredPasskey stored = flagging.store.findPasskey(r.passkeyId()).orElseThrow();
        assertThat(stored.possiblyCloned()).isTrue();
        assertThat(stored.signCount()).isEqualTo(10);
    }

    @Test
    void whenManySignInsWithOnePasskeyRunAtOnceThenTheStoredCounterEndsAtTheHighestSeen() throws Exception {
        int threads = 64;
        // all 64 sign-ins stay open: above the default cap on open sign-ins per user (issue 13)
        Passkeys passkeys = with(b -> b.maxOpenCeremoniesPerUser(threads)).passkeys;
        PasskeyUser user = newUser();
        String passkeyId = register(passkeys, user, authenticator, Options.from(ORIGIN));
        List<SignInChallenge> challenges = new ArrayList<>();
        List<String> assertions = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
            challenges.add(c);
            assertions.add(authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).signCount(i + 1)));
        }
        int eventsBefore = passkeys.history(user.id()).size();

        List<Object> outcomes = Concurrent.run(threads, i -> {
            try {
                return passkeys.finishSignIn(challenges.get(i).ceremonyId(), assertions.get(i)).signCount();
            } catch (PasskeyException e) {
                return e.reason();
            }
        });

        long successes = outcomes.stream().filter(o -> o instanceof Long).count();
        assertThat(outcomes.stream().filter(o -> !(o instanceof Long)).collect(Collectors.toSet()))
                .isSubsetOf(ErrorReason.SIGN_COUNT_REGRESSION);
        assertThat(outcomes).contains(64L);
        assertThat(t.store.findPasskey(passkeyId).orElseThrow().signCount()).isEqualTo(64);
        assertThat(passkeys.history(user.id())).hasSize(eventsBefore + (int) successes);
        List<Long> sequences = passkeys.history(user.id()).stream().map(Event::sequence).toList();
        assertThat(sequences).doesNotHaveDuplicates().isSorted();
        assertThat(sequences.get(sequences.size() - 1)).isEqualTo(sequences.size());
    }

    // ------------------------------------------------------------------ tampering

    private record Snapshot(Optional<StoredPasskey> passkey, List<Event> events, Optional<PendingCeremony> pending) {
    }

    private Snapshot snapshot(PasskeyUser user, String passkeyId, SignInChallenge c) {
        return new Snapshot(t.store.findPasskey(passkeyId), t.store.listEvents(user.id()), t.store.findPending(c.ceremonyId()));
    }

    private void assertRefused(PasskeyUser user, String passkeyId, SignInChallenge c, String assertion, ErrorReason reason) {
        Snapshot before = snapshot(user, passkeyId, c);
        assertThatThrownBy(() -> passkeys.finishSignIn(c.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(reason.code());
                });
        assertThat(snapshot(user, passkeyId, c)).isEqualTo(before);
    }

    private record Setup(PasskeyUser user, String passkeyId, SignInChallenge challenge) {
        String options() {
            return challenge.publicKeyCredentialRequestOptions();
        }
    }

    private Setup setup() {
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);
        return new Setup(user, passkeyId, passkeys.beginSignIn(SignInOptions.forUser(user.id())));
    }

    @Test
    void whenASignatureBitIsFlippedThenInvalidArgument() {
        Setup s = setup();
        assertRefused(s.user(), s.passkeyId(), s.challenge(),
                authenticator.get(s.options(), Options.from(ORIGIN).flipSignatureBit()), ErrorReason.SIGNATURE_INVALID);
    }

    @Test
    void whenTheChallengeIsAnotherSignInsThenInvalidArgument() {
        Setup s = setup();
        SignInChallenge other = passkeys.beginSignIn(SignInOptions.forUser(s.user().id()));
        assertRefused(s.user(), s.passkeyId(), s.challenge(),
                authenticator.get(other.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)), ErrorReason.CHALLENGE_MISMATCH);
    }

    @Test
    void whenTheOriginIsAnotherThenInvalidArgument() {
        Setup s = setup();
        for (String origin : List.of("https://evil.example", OTHER_ORIGIN, "http://login.example.com", "https://login.example.com:444")) {
            assertRefused(s.user(), s.passkeyId(), s.challenge(), authenticator.get(s.options(), Options.from(origin)),
                    ErrorReason.ORIGIN_NOT_ALLOWED);
        }
    }

    @Test
    void whenTheRpIdIsAnotherThenInvalidArgument() {
        Setup s = setup();
        assertRefused(s.user(), s.passkeyId(), s.challenge(),
                authenticator.get(s.options(), Options.from(ORIGIN).rpIdForHash("evil.example")), ErrorReason.RP_ID_MISMATCH);
    }

    @Test
    void whenUserVerificationIsMissingThenInvalidArgument() {
        Setup s = setup();
        assertRefused(s.user(), s.passkeyId(), s.challenge(),
                authenticator.get(s.options(), Options.from(ORIGIN).userVerified(false)), ErrorReason.USER_VERIFICATION_MISSING);
    }

    @Test
    void whenUserPresenceIsMissingThenInvalidArgument() {
        Setup s = setup();
        assertRefused(s.user(), s.passkeyId(), s.challenge(),
                authenticator.get(s.options(), Options.from(ORIGIN).userPresent(false)), ErrorReason.USER_PRESENCE_MISSING);
    }

    @Test
    void whenTheCredentialIsAnotherUsersThenRefusedWhateverTheBrowserOffered() {
        Setup alice = setup();
        PasskeyUser bob = newUser();
        SoftwareAuthenticator bobs = new SoftwareAuthenticator();
        register(bob, bobs);

        // Bob's authenticator answers Alice's username-first sign-in: a valid signature by a passkey of another user
        assertRefused(alice.user(), alice.passkeyId(), alice.challenge(),
                bobs.get(alice.options(), Options.from(ORIGIN)), ErrorReason.CREDENTIAL_NOT_OWNED);
        // ... also when it claims Alice's user handle
        assertRefused(alice.user(), alice.passkeyId(), alice.challenge(),
                bobs.get(alice.options(), Options.from(ORIGIN).userHandle(alice.user().id().getBytes(StandardCharsets.UTF_8))),
                ErrorReason.CREDENTIAL_NOT_OWNED);
    }

    @Test
    void whenAUsernamelessAssertionCarriesAnotherUsersHandleThenRefused() {
        PasskeyUser alice = newUser();
        String passkeyId = register(alice, authenticator);
        PasskeyUser bob = newUser();
        register(bob, new SoftwareAuthenticator());
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.usernameless());

        assertRefused(alice, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).userHandle(bob.id().getBytes(StandardCharsets.UTF_8))), ErrorReason.CREDENTIAL_NOT_OWNED);
        assertRefused(alice, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).omitUserHandle()), ErrorReason.CREDENTIAL_INVALID);
    }

    @Test
    void whenThePasskeyWasRemovedThenItCannotSignIn() {
        Setup s = setup();
        String assertion = authenticator.get(s.options(), Options.from(ORIGIN));
        passkeys.removePasskey(s.user().id(), s.passkeyId());

        assertRefused(s.user(), s.passkeyId(), s.challenge(), assertion, ErrorReason.CREDENTIAL_UNKNOWN);
    }

    @Test
    void whenAnAssertionIsReplayedThenRefused() {
        Setup s = setup();
        String assertion = authenticator.get(s.options(), Options.from(ORIGIN));
        passkeys.finishSignIn(s.challenge().ceremonyId(), assertion);

        assertRefused(s.user(), s.passkeyId(), s.challenge(), assertion, ErrorReason.CEREMONY_NOT_FOUND);
        SignInChallenge fresh = passkeys.beginSignIn(SignInOptions.forUser(s.user().id()));
        assertRefused(s.user(), s.passkeyId(), fresh, assertion, ErrorReason.CHALLENGE_MISMATCH);
    }

    @Test
    void whenTheSignInExpiredThenFailedPrecondition() {
        Setup s = setup();
        String assertion = authenticator.get(s.options(), Options.from(ORIGIN));
        t.clock.advance(Duration.ofSeconds(91));

        assertRefused(s.user(), s.passkeyId(), s.challenge(), assertion, ErrorReason.CEREMONY_EXPIRED);
    }

    @Test
    void whenARegistrationIsSentToSignInThenWrongType() {
        Setup s = setup();
        AddPasskeyResponse r = passkeys.addPasskey(s.user());
        assertRefused(s.user(), s.passkeyId(), s.challenge(),
                new SoftwareAuthenticator().create(r.creationOptionsJson(), Options.from(ORIGIN)), ErrorReason.CREDENTIAL_WRONG_TYPE);
    }

    @Test
    void whenTheAssertionIsMalformedThenInvalidArgument() {
        Setup s = setup();
        assertRefused(s.user(), s.passkeyId(), s.challenge(), "{]", ErrorReason.JSON_MALFORMED);
        assertRefused(s.user(), s.passkeyId(), s.challenge(),
                "{\"id\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"#\",\"signature\":\"AA\"}}",
                ErrorReason.BASE64_INVALID);
    }

    @Test
    void whenTheCeremonyIdIsUnknownThenNotFound() {
        Setup s = setup();
        assertThatThrownBy(() -> passkeys.finishSignIn("1", authenticator.get(s.options(), Options.from(ORIGIN))))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.code()).isEqualTo(PasskeyException.Code.NOT_FOUND));
    }

    // ------------------------------------------------------------------ issue 13: relying-party policy
    // The user verification floor, backup eligibility, the cap on open sign-ins, cross-origin frames.

    /** @return another instance on this test's store, built by the suite's builder changed by {@code change} */
    private TestPasskeys with(java.util.function.UnaryOperator<Passkeys.Builder> change) {
        return new TestPasskeys(t.store, change.apply(configure()));
    }

    private String register(Passkeys on, PasskeyUser user, SoftwareAuthenticator a, Options options) {
        AddPasskeyResponse r = on.addPasskey(user);
        on.verifyPasskey(user.id(), r.passkeyId(), a.create(r.creationOptionsJson(), options), "Key");
        return r.passkeyId();
    }

    private void assertRefusedBy(Passkeys on, PasskeyUser user, String passkeyId, SignInChallenge c, String assertion,
            ErrorReason reason) {
        Snapshot before = snapshot(user, passkeyId, c);
        assertThatThrownBy(() -> on.finishSignIn(c.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(reason.code());
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThat(snapshot(user, passkeyId, c)).isEqualTo(before);
    }

    @Test
    void whenASignInAsksForWeakerUserVerificationThanConfiguredThenItIsRequiredAnywayAndEnforced() throws Exception {
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);

        for (UserVerification weaker : List.of(UserVerification.DISCOURAGED, UserVerification.PREFERRED)) {
            SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()).withUserVerification(weaker));
            assertThat(publicKey(c).get("userVerification").asText()).isEqualTo("required");
            assertRefused(user, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                    Options.from(ORIGIN).userVerified(false)), ErrorReason.USER_VERIFICATION_MISSING);
            SignInResult verified = passkeys.finishSignIn(c.ceremonyId(),
                    authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));
            assertThat(verified.userVerified()).isTrue();
        }
        SignInChallenge usernameless = passkeys.beginSignIn(SignInOptions.usernameless()
                .withUserVerification(UserVerification.DISCOURAGED));
        assertThat(publicKey(usernameless).get("userVerification").asText()).isEqualTo("required");
        assertRefused(user, passkeyId, usernameless, authenticator.get(usernameless.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).userVerified(false)), ErrorReason.USER_VERIFICATION_MISSING);
    }

    @Test
    void whenASignInAsksForStrongerUserVerificationThanConfiguredThenItIsRaisedAndEnforced() throws Exception {
        Passkeys preferring = with(b -> b.userVerification(UserVerification.PREFERRED)).passkeys;
        Passkeys discouraging = with(b -> b.userVerification(UserVerification.DISCOURAGED)).passkeys;
        PasskeyUser user = newUser();
        String passkeyId = register(preferring, user, authenticator, Options.from(ORIGIN).userVerified(false));

        SignInChallenge raised = preferring.beginSignIn(SignInOptions.forUser(user.id()).withUserVerification(UserVerification.REQUIRED));
        assertThat(publicKey(raised).get("userVerification").asText()).isEqualTo("required");
        assertRefusedBy(preferring, user, passkeyId, raised, authenticator.get(raised.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).userVerified(false)), ErrorReason.USER_VERIFICATION_MISSING);

        SignInChallenge notLowered = preferring.beginSignIn(SignInOptions.forUser(user.id()).withUserVerification(UserVerification.DISCOURAGED));
        assertThat(publicKey(notLowered).get("userVerification").asText()).isEqualTo("preferred");
        SignInResult withoutUv = preferring.finishSignIn(notLowered.ceremonyId(),
                authenticator.get(notLowered.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).userVerified(false)));
        assertThat(withoutUv.userVerified()).isFalse();

        SignInChallenge asked = discouraging.beginSignIn(SignInOptions.forUser(user.id()));
        assertThat(publicKey(asked).get("userVerification").asText()).isEqualTo("discouraged");
        SignInChallenge askedMore = discouraging.beginSignIn(SignInOptions.forUser(user.id()).withUserVerification(UserVerification.PREFERRED));
        assertThat(publicKey(askedMore).get("userVerification").asText()).isEqualTo("preferred");
    }

    @Test
    void whenAPendingSignInSaysLessThanTheConfiguredFloorThenFinishingStillRequiresUserVerification() throws Exception {
        // a sign-in begun by a node configured with PREFERRED, finished by one that requires UV
        Passkeys preferring = with(b -> b.userVerification(UserVerification.PREFERRED)).passkeys;
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);
        SignInChallenge c = preferring.beginSignIn(SignInOptions.forUser(user.id()));
        assertThat(publicKey(c).get("userVerification").asText()).isEqualTo("preferred");

        assertRefused(user, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).userVerified(false)), ErrorReason.USER_VERIFICATION_MISSING);
    }

    @Test
    void whenTheBackupEligibilityDiffersFromTheRegisteredOneThenTheSignInIsRefusedByDefault() {
        PasskeyUser user = newUser();
        String passkeyId = register(passkeys, user, authenticator, Options.from(ORIGIN).backup(true, false));

        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        assertRefused(user, passkeyId, c, authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).backup(false, false)), ErrorReason.BACKUP_ELIGIBILITY_CHANGED);

        PasskeyUser other = newUser();
        SoftwareAuthenticator deviceBound = new SoftwareAuthenticator();
        String deviceBoundId = register(passkeys, other, deviceBound, Options.from(ORIGIN).backup(false, false));
        SignInChallenge c2 = passkeys.beginSignIn(SignInOptions.forUser(other.id()));
        assertRefused(other, deviceBoundId, c2, deviceBound.get(c2.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).backup(true, false)), ErrorReason.BACKUP_ELIGIBILITY_CHANGED);

        SignInResult same = passkeys.finishSignIn(c.ceremonyId(),
                authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).backup(true, false)));
        assertThat(same.passkeyId()).isEqualTo(passkeyId);
    }

    @Test
    void whenThePolicyAcceptsAChangedBackupEligibilityThenTheSignInIsAcceptedAndTheNewFlagsRecorded() {
        Passkeys accepting = with(b -> b.backupEligibilityPolicy(BackupEligibilityPolicy.ACCEPT)).passkeys;
        PasskeyUser user = newUser();
        String passkeyId = register(accepting, user, authenticator, Options.from(ORIGIN).backup(false, false));

        SignInChallenge c = accepting.beginSignIn(SignInOptions.forUser(user.id()));
        SignInResult result = accepting.finishSignIn(c.ceremonyId(),
                authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).backup(true, true)));

        assertThat(result.passkeyId()).isEqualTo(passkeyId);
        assertThat(result.backedUp()).isTrue();
        assertThat(accepting.listPasskeys(user.id())).singleElement().satisfies(p -> {
            assertThat(p.backupEligible()).isTrue();
            assertThat(p.backedUp()).isTrue();
        });
    }

    @Test
    void whenSigningInThenTheBackupFlagsOfEachSignInAreRecorded() {
        PasskeyUser user = newUser();
        register(passkeys, user, authenticator, Options.from(ORIGIN).backup(true, false));
        assertThat(passkeys.listPasskeys(user.id())).singleElement().satisfies(p -> assertThat(p.backedUp()).isFalse());

        for (boolean backedUp : List.of(true, false, true)) {
            SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
            SignInResult r = passkeys.finishSignIn(c.ceremonyId(),
                    authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).backup(true, backedUp)));
            assertThat(r.backedUp()).isEqualTo(backedUp);
            assertThat(passkeys.listPasskeys(user.id())).singleElement().satisfies(p -> {
                assertThat(p.backupEligible()).isTrue();
                assertThat(p.backedUp()).isEqualTo(backedUp);
            });
            assertThat(t.store.findPasskey(r.passkeyId()).orElseThrow().backedUp()).isEqualTo(backedUp);
        }
    }

    @Test
    void whenTheSignInRanInACrossOriginFrameThenItIsRefusedUnlessItsTopOriginIsAllowed() {
        Setup s = setup();
        assertRefused(s.user(), s.passkeyId(), s.challenge(), authenticator.get(s.options(),
                Options.from(ORIGIN).crossOrigin("https://evil.example")), ErrorReason.CROSS_ORIGIN_NOT_ALLOWED);
        assertRefused(s.user(), s.passkeyId(), s.challenge(), authenticator.get(s.options(),
                Options.from(ORIGIN).crossOrigin(null)), ErrorReason.CROSS_ORIGIN_NOT_ALLOWED);

        Passkeys framing = with(b -> b.allowedTopOrigins(List.of("https://shop.example"))).passkeys;
        SignInChallenge c = framing.beginSignIn(SignInOptions.forUser(s.user().id()));
        String options = c.publicKeyCredentialRequestOptions();
        assertRefusedBy(framing, s.user(), s.passkeyId(), c, authenticator.get(options,
                Options.from(ORIGIN).crossOrigin("https://evil.example")), ErrorReason.CROSS_ORIGIN_NOT_ALLOWED);
        assertRefusedBy(framing, s.user(), s.passkeyId(), c, authenticator.get(options,
                Options.from(ORIGIN).crossOrigin(null)), ErrorReason.CROSS_ORIGIN_NOT_ALLOWED);
        assertRefusedBy(framing, s.user(), s.passkeyId(), c, authenticator.get(options,
                Options.from("https://shop.example").crossOrigin("https://shop.example")), ErrorReason.ORIGIN_NOT_ALLOWED);
        SignInResult framed = framing.finishSignIn(c.ceremonyId(),
                authenticator.get(options, Options.from(ORIGIN).crossOrigin("https://shop.example")));
        assertThat(framed.passkeyId()).isEqualTo(s.passkeyId());
        SignInResult topLevel = passkeys.finishSignIn(s.challenge().ceremonyId(), authenticator.get(s.options(), Options.from(ORIGIN)));
        assertThat(topLevel.passkeyId()).isEqualTo(s.passkeyId());
    }

    @Test
    void whenMoreUsernameFirstSignInsThanTheCapAreOpenThenTheOldestExpiresAndUsernamelessOnesAreUntouched() {
        Passkeys capped = with(b -> b.maxOpenCeremoniesPerUser(2)).passkeys;
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);
        SignInChallenge usernameless = capped.beginSignIn(SignInOptions.usernameless());
        SignInChallenge oldest = capped.beginSignIn(SignInOptions.forUser(user.id()));
        SignInChallenge second = capped.beginSignIn(SignInOptions.forUser(user.id()));
        SignInChallenge third = capped.beginSignIn(SignInOptions.forUser(user.id()));
        capped.beginSignIn(SignInOptions.usernameless());

        assertRefusedBy(capped, user, passkeyId, oldest, authenticator.get(oldest.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN)), ErrorReason.CEREMONY_EXPIRED);
        assertThat(capped.finishSignIn(third.ceremonyId(),
                authenticator.get(third.publicKeyCredentialRequestOptions(), Options.from(ORIGIN))).userId()).isEqualTo(user.id());
        assertThat(capped.finishSignIn(second.ceremonyId(),
                authenticator.get(second.publicKeyCredentialRequestOptions(), Options.from(ORIGIN))).userId()).isEqualTo(user.id());
        assertThat(capped.finishSignIn(usernameless.ceremonyId(),
                authenticator.get(usernameless.publicKeyCredentialRequestOptions(), Options.from(ORIGIN))).userId()).isEqualTo(user.id());
    }

    // ------------------------------------------------------------------ sizes (issue 13)

    @Test
    void whenTheAssertionsCredentialIdIsLongerThan1023BytesThenItIsRefusedWith400AndNothingChanges() throws Exception {
        PasskeyUser user = newUser();
        String passkeyId = register(user, authenticator);
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        ObjectNode assertion = (ObjectNode) PLAIN.readTree(authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN)));
        byte[] id = new byte[10_000];
        new java.util.Random(10_000).nextBytes(id);
        String longId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        assertion.put("id", longId).put("rawId", longId);
        StoredPasskey before = t.store.findPasskey(passkeyId).orElseThrow();
        List<Event> events = t.store.listEvents(user.id());

        assertThatThrownBy(() -> passkeys.finishSignIn(c.ceremonyId(), PLAIN.writeValueAsString(assertion)))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.CREDENTIAL_ID_TOO_LONG);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });

        assertThat(t.store.findPasskey(passkeyId).orElseThrow()).isEqualTo(before);
        assertThat(t.store.listEvents(user.id())).isEqualTo(events);
        assertThat(t.store.findPending(c.ceremonyId())).isPresent();
    }
}
