package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.OTHER_ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.OTHER_RP_ID;
import static io.github.passkey4j.testing.TestPasskeys.RP_ID;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.store.tck.Concurrent;
import io.github.passkey4j.testing.PasskeysContract;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adding, verifying, listing, renaming and removing passkeys through the public API, on any store: each
 * store module runs it on its databases by extending it.
 */
public abstract class RegistrationContract extends PasskeysContract {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();


    private static JsonNode options(AddPasskeyResponse r) throws Exception {
        byte[] decoded = Base64.getDecoder().decode(r.key().publicKey());
        return PLAIN.readTree(decoded).get("publicKey");
    }

    // ------------------------------------------------------------------ add passkey

    @Test
    void whenAddingAPasskeyThenTheResponseHasExactlyTheSeedsFieldsAndNesting() throws Exception {
        PasskeyUser user = newUser();

        AddPasskeyResponse r = passkeys.addPasskey(user);

        JsonNode json = PLAIN.valueToTree(r);
        assertThat(fieldNames(json)).containsExactly("key", "details");
        assertThat(fieldNames(json.get("key"))).containsExactly("id", "publicKey");
        assertThat(fieldNames(json.get("details"))).containsExactly("sequence", "creationDate", "changeDate", "resourceOwner");
        assertThat(json.get("key").get("id").asText()).isEqualTo(r.passkeyId()).matches("[0-9]{15,20}");
        assertThat(json.get("details").get("sequence").isTextual()).isTrue();
        assertThat(json.get("details").get("sequence").asText()).isEqualTo("1");
        assertThat(json.get("details").get("creationDate").asText()).isEqualTo("2026-11-28T10:54:19.585Z");
        assertThat(json.get("details").get("changeDate").asText()).isEqualTo("2026-11-28T10:54:19.585Z");
        assertThat(json.get("details").get("resourceOwner").asText()).isEqualTo("69629023906488334");
        // standard base64 with padding, of {"publicKey": {...}}
        assertThat(r.key().publicKey()).matches("[A-Za-z0-9+/]+={0,2}");
        JsonNode decoded = PLAIN.readTree(Base64.getDecoder().decode(r.key().publicKey()));
        assertThat(fieldNames(decoded)).containsExactly("publicKey");
        assertThat(decoded).isEqualTo(PLAIN.readTree(r.creationOptionsJson()));
    }

    @Test
    void whenAddingAPasskeyThenTheOptionsAreWebAuthnLevel3Json() throws Exception {
        PasskeyUser user = newUser();

        JsonNode o = options(passkeys.addPasskey(user));

        assertThat(o.get("rp").get("id").asText()).isEqualTo(RP_ID);
        assertThat(o.get("rp").get("name").asText()).isEqualTo("Example");
        assertThat(o.get("user").get("name").asText()).isEqualTo(user.loginName());
        assertThat(o.get("user").get("displayName").asText()).isEqualTo(user.displayName());
        assertThat(o.get("user").get("id").asText())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(user.id().getBytes(StandardCharsets.UTF_8)));
        assertThat(o.get("challenge").asText()).matches("[A-Za-z0-9_-]{43}");
        List<Integer> algs = new ArrayList<>();
        o.get("pubKeyCredParams").forEach(p -> {
            assertThat(p.get("type").asText()).isEqualTo("public-key");
            algs.add(p.get("alg").asInt());
        });
        assertThat(algs).containsExactly(-7, -35, -36, -257, -258, -259, -8);
        assertThat(o.get("authenticatorSelection").get("residentKey").asText()).isEqualTo("required");
        assertThat(o.get("authenticatorSelection").get("userVerification").asText()).isEqualTo("required");
        assertThat(o.get("authenticatorSelection").has("authenticatorAttachment")).isFalse();
        assertThat(o.get("timeout").asLong()).isEqualTo(60000);
        assertThat(o.get("attestation").asText()).isEqualTo("none");
        assertThat(o.get("excludeCredentials").isArray()).isTrue();
        assertThat(o.get("excludeCredentials")).isEmpty();
    }

    @Test
    void whenAddingAPasskeyThenTheOptionsAreByteIdenticalToTheEngines() throws Exception {
        AddPasskeyResponse r = passkeys.addPasskey(newUser());
        PendingCeremony pending = t.store.findPending(r.passkeyId()).orElseThrow();

        String engine = PublicKeyCredentialCreationOptions.fromJson(pending.requestJson()).toCredentialsCreateJson();

        assertThat(r.creationOptionsJson()).isEqualTo(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLATFORM", "CROSS_PLATFORM"})
    void whenAnAttachmentIsAskedForThenTheOptionsCarryIt(String attachment) throws Exception {
        AuthenticatorAttachment a = AuthenticatorAttachment.valueOf(attachment);

        JsonNode o = options(passkeys.addPasskey(newUser(), AddPasskeyOptions.defaults().withAuthenticatorAttachment(a)));

        assertThat(o.get("authenticatorSelection").get("authenticatorAttachment").asText()).isEqualTo(a.value());
    }

    @Test
    void whenTheUserHasPasskeysThenTheyAreExcludedForTheirRpIdOnly() throws Exception {
        PasskeyUser user = newUser();
        SoftwareAuthenticator second = new SoftwareAuthenticator();
        register(user, authenticator, "A");
        register(user, second, "B");
        AddPasskeyResponse other = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withRpId(OTHER_RP_ID));
        passkeys.verifyPasskey(user.id(), other.passkeyId(),
                new SoftwareAuthenticator().create(other.creationOptionsJson(), Options.from(OTHER_ORIGIN)), "C");

        JsonNode o = options(passkeys.addPasskey(user));

        List<String> excluded = new ArrayList<>();
        o.get("excludeCredentials").forEach(d -> {
            assertThat(d.get("type").asText()).isEqualTo("public-key");
            assertThat(d.get("transports")).extracting(JsonNode::asText).containsExactlyInAnyOrder("internal", "hybrid");
            excluded.add(d.get("id").asText());
        });
        assertThat(excluded).containsExactlyInAnyOrder(authenticator.last().id(), second.last().id());
    }

    @Test
    void whenADomainIsGivenThenItMustBeAConfiguredRpId() throws Exception {
        PasskeyUser user = newUser();

        JsonNode o = options(passkeys.addPasskey(user, AddPasskeyOptions.defaults().withRpId(OTHER_RP_ID)));
        assertThat(o.get("rp").get("id").asText()).isEqualTo(OTHER_RP_ID);

        List<Event> before = t.store.listEvents(user.id());
        assertThatThrownBy(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withRpId("evil.example")))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT);
                    assertThat(e.reason()).isEqualTo(ErrorReason.RP_ID_NOT_ALLOWED);
                });
        assertThat(t.store.listEvents(user.id())).isEqualTo(before);
    }

    // ------------------------------------------------------------------ the whole flow

    @Test
    void whenAddedVerifiedListedRenamedAndRemovedThenEachStepHasTheNextSequence() throws Exception {
        PasskeyUser user = newUser();

        AddPasskeyResponse added = passkeys.addPasskey(user);
        assertThat(added.details().sequence()).isEqualTo(1);
        t.clock.advance(Duration.ofSeconds(5));
        String credential = authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN));
        Details verified = passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Laptop");
        assertThat(verified.sequence()).isEqualTo(2);
        assertThat(verified.creationDate()).isNull();
        assertThat(verified.changeDate()).isEqualTo(TestPasskeys.START.plusSeconds(5));
        assertThat(PLAIN.valueToTree(verified).has("creationDate")).isFalse();

        List<PasskeyInfo> list = passkeys.listPasskeys(user.id());
        assertThat(list).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(added.passkeyId());
            assertThat(p.name()).isEqualTo("Laptop");
            assertThat(p.state()).isEqualTo("AUTH_FACTOR_STATE_READY");
            assertThat(p.creationDate()).isEqualTo(TestPasskeys.START.plusSeconds(5));
            assertThat(p.lastUsed()).isEmpty();
            assertThat(p.aaguid()).isEqualTo(SoftwareAuthenticator.AAGUID.toString());
            // the bundled provider names (the default) know the software authenticator's AAGUID
            assertThat(p.providerName()).isEqualTo("Google Password Manager");
            assertThat(p.transports()).containsExactly("internal", "hybrid");
            assertThat(p.backupEligible()).isTrue();
            assertThat(p.backedUp()).isTrue();
            assertThat(p.rpId()).isEqualTo(RP_ID);
        });
        JsonNode item = PLAIN.valueToTree(list.get(0));
        // residentKey: the software authenticator reports credProps.rk (WebAuthn Level 3 additions of shared/API.md)
        assertThat(fieldNames(item)).containsExactly("id", "state", "name", "creationDate", "aaguid", "providerName",
                "backupEligible", "backedUp", "transports", "rpId", "residentKey");
        assertThat(item.get("residentKey").asBoolean()).isTrue();

        StoredPasskey stored = t.store.findPasskey(added.passkeyId()).orElseThrow();
        assertThat(stored.credentialId().toBase64Url()).isEqualTo(authenticator.last().id());
        assertThat(stored.userHandle().toUtf8()).isEqualTo(user.id());
        assertThat(stored.userVerified()).isTrue();
        assertThat(stored.attestationFormat()).isEqualTo("none");
        assertThat(stored.resourceOwner()).isEqualTo(user.resourceOwner());

        Details renamed = passkeys.renamePasskey(user.id(), added.passkeyId(), "Work laptop \uD83D\uDCBB");
        assertThat(renamed.sequence()).isEqualTo(3);
        assertThat(passkeys.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactly("Work laptop \uD83D\uDCBB");

        Details removed = passkeys.removePasskey(user.id(), added.passkeyId()).details();
        assertThat(removed.sequence()).isEqualTo(4);
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
        assertThat(passkeys.history(user.id())).extracting(Event::type).containsExactly(EventType.PASSKEY_ADDED,
                EventType.PASSKEY_VERIFIED, EventType.PASSKEY_RENAMED, EventType.PASSKEY_REMOVED);
    }

    @Test
    void whenAttestationIsPackedSelfThenItVerifies() {
        PasskeyUser user = newUser();
        AddPasskeyResponse added = passkeys.addPasskey(user);

        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN).format("packed")), "Key");

        assertThat(t.store.findPasskey(added.passkeyId()).orElseThrow().attestationFormat()).isEqualTo("packed");
    }

    @Test
    void whenSeveralRegistrationsArePendingThenEachIsVerifiedByItsOwnId() {
        PasskeyUser user = newUser();
        AddPasskeyResponse first = passkeys.addPasskey(user);
        AddPasskeyResponse second = passkeys.addPasskey(user);
        SoftwareAuthenticator other = new SoftwareAuthenticator();

        passkeys.verifyPasskey(user.id(), second.passkeyId(), other.create(second.creationOptionsJson(), Options.from(ORIGIN)), "2");
        passkeys.verifyPasskey(user.id(), first.passkeyId(), authenticator.create(first.creationOptionsJson(), Options.from(ORIGIN)), "1");

        assertThat(passkeys.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void whenNoIdIsGivenThenTheNewestPendingRegistrationIsVerified() {
        PasskeyUser user = newUser();
        passkeys.addPasskey(user);
        t.clock.advance(Duration.ofMillis(1));
        AddPasskeyResponse newest = passkeys.addPasskey(user);

        passkeys.verifyNewestPasskey(user.id(), authenticator.create(newest.creationOptionsJson(), Options.from(ORIGIN)), "N");

        assertThat(passkeys.listPasskeys(user.id())).extracting(PasskeyInfo::id).containsExactly(newest.passkeyId());
    }

    @Test
    void whenAnAndroidAppOriginIsConfiguredThenItsCredentialVerifies() {
        PasskeyUser user = newUser();
        AddPasskeyResponse added = passkeys.addPasskey(user);

        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from("android:apk-key-hash:abc123")), "Phone");

        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
    }

    @Test
    void whenManyThreadsVerifyOneRegistrationThenExactlyOneSucceedsAndTheRestAreRefused() throws Exception {
        PasskeyUser user = newUser();
        AddPasskeyResponse added = passkeys.addPasskey(user);
        int threads = 32;
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            credentials.add(new SoftwareAuthenticator().create(added.creationOptionsJson(), Options.from(ORIGIN)));
        }

        List<Object> outcomes = Concurrent.run(threads, i -> {
            try {
                return passkeys.verifyPasskey(user.id(), added.passkeyId(), credentials.get(i), "n" + i);
            } catch (PasskeyException e) {
                return e.reason();
            }
        });

        assertThat(outcomes.stream().filter(o -> o instanceof Details).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> !(o instanceof Details)).collect(Collectors.toSet()))
                .containsOnly(ErrorReason.CEREMONY_USED);
        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
        assertThat(passkeys.history(user.id())).hasSize(2);
    }

    // ------------------------------------------------------------------ bad inputs

    /** Begins a registration and hands its options to a tampering step. */
    private record Attempt(PasskeyUser user, AddPasskeyResponse added) {
    }

    private Attempt begin() {
        PasskeyUser user = newUser();
        return new Attempt(user, passkeys.addPasskey(user));
    }

    private record Snapshot(List<StoredPasskey> passkeys, List<Event> events, Optional<PendingCeremony> pending) {
    }

    private Snapshot snapshot(Attempt a) {
        return new Snapshot(t.store.listPasskeys(a.user().id()), t.store.listEvents(a.user().id()),
                t.store.findPending(a.added().passkeyId()));
    }

    private void assertRefused(Attempt a, String credentialJson, String name, ErrorReason reason) {
        Snapshot before = snapshot(a);
        assertThatThrownBy(() -> passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), credentialJson, name))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(reason.code());
                    assertThat(e.toErrorBody().details()).singleElement()
                            .satisfies(d -> assertThat(d.id()).isEqualTo(reason.id()));
                });
        assertThat(snapshot(a)).isEqualTo(before);
    }

    private String good(Attempt a) {
        return authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN));
    }

    private String tampered(Attempt a, Function<ObjectNode, ObjectNode> change) throws Exception {
        return PLAIN.writeValueAsString(change.apply((ObjectNode) PLAIN.readTree(good(a))));
    }

    @Test
    void whenTheJsonIsMalformedThenInvalidArgument() {
        Attempt a = begin();
        assertRefused(a, "{\"id\": \"abc\", ", "n", ErrorReason.JSON_MALFORMED);
        assertRefused(a, "not json at all", "n", ErrorReason.JSON_MALFORMED);
    }

    @Test
    void whenAKeyIsDuplicatedThenInvalidArgument() {
        Attempt a = begin();
        String json = good(a);
        assertRefused(a, "{\"type\":\"public-key\"," + json.substring(1), "n", ErrorReason.JSON_MALFORMED);
    }

    @Test
    void whenBase64IsWrongThenInvalidArgument() throws Exception {
        Attempt a = begin();
        assertRefused(a, tampered(a, n -> {
            ((ObjectNode) n.get("response")).put("attestationObject", "!!not*base64!!");
            return n;
        }), "n", ErrorReason.BASE64_INVALID);
        assertRefused(a, tampered(a, n -> n.put("rawId", "a$b")), "n", ErrorReason.BASE64_INVALID);
    }

    @Test
    void whenTheCborIsTruncatedOrGarbageThenInvalidArgument() throws Exception {
        Attempt a = begin();
        String full = PLAIN.readTree(good(a)).get("response").get("attestationObject").asText();
        byte[] bytes = Base64.getUrlDecoder().decode(full);
        String truncated = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(a, tampered(a, n -> {
            ((ObjectNode) n.get("response")).put("attestationObject", truncated);
            return n;
        }), "n", ErrorReason.CBOR_INVALID);
        assertRefused(a, tampered(a, n -> {
            ((ObjectNode) n.get("response")).put("attestationObject", "3q2-7wABAgME");
            return n;
        }), "n", ErrorReason.CBOR_INVALID);
    }

    @Test
    void whenAnAssertionIsSentToVerifyThenWrongType() throws Exception {
        Attempt a = begin();
        String assertion = "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{"
                + "\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\",\"userHandle\":\"AAAA\"},"
                + "\"clientExtensionResults\":{}}";
        assertRefused(a, assertion, "n", ErrorReason.CREDENTIAL_WRONG_TYPE);
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).clientDataType("webauthn.get")),
                "n", ErrorReason.CREDENTIAL_WRONG_TYPE);
    }

    @Test
    void whenTheCredentialIsOver64KiBThenInvalidArgument() throws Exception {
        Attempt a = begin();
        String padding = "x".repeat(64 * 1024);
        assertRefused(a, tampered(a, n -> {
            n.putObject("clientExtensionResults").put("pad", padding);
            return n;
        }), "n", ErrorReason.CREDENTIAL_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "https://login.example.com:8443", "http://login.example.com",
            "https://sub.login.example.com", "https://example.com", "android:apk-key-hash:other"})
    void whenTheOriginIsNotAllowedThenInvalidArgument(String origin) {
        Attempt a = begin();
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(origin)), "n",
                ErrorReason.ORIGIN_NOT_ALLOWED);
    }

    @Test
    void whenTheOriginOfAnotherConfiguredRpIsUsedThenInvalidArgument() {
        Attempt a = begin();
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(OTHER_ORIGIN)), "n",
                ErrorReason.ORIGIN_NOT_ALLOWED);
    }

    @Test
    void whenTheRpIdHashIsOfAnotherDomainThenInvalidArgument() {
        Attempt a = begin();
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).rpIdForHash("evil.example")),
                "n", ErrorReason.RP_ID_MISMATCH);
    }

    @Test
    void whenTheChallengeIsAnotherRegistrationsThenInvalidArgument() {
        Attempt a = begin();
        AddPasskeyResponse other = passkeys.addPasskey(a.user());
        String answersOther = authenticator.create(other.creationOptionsJson(), Options.from(ORIGIN));
        assertRefused(a, answersOther, "n", ErrorReason.CHALLENGE_MISMATCH);
    }

    @Test
    void whenUserVerificationIsMissingThenInvalidArgument() {
        Attempt a = begin();
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).userVerified(false)),
                "n", ErrorReason.USER_VERIFICATION_MISSING);
    }

    @Test
    void whenUserPresenceIsMissingThenInvalidArgument() {
        Attempt a = begin();
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).userPresent(false)),
                "n", ErrorReason.USER_PRESENCE_MISSING);
    }

    @Test
    void whenThePackedSignatureIsBrokenThenInvalidArgument() {
        Attempt a = begin();
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).format("packed").flipSignatureBit()),
                "n", ErrorReason.ATTESTATION_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "tab\there", "new\nline", "nul\u0000", "del\u007f", "c1\u0085"})
    void whenTheNameIsEmptyOrHasControlCharactersThenInvalidArgument(String name) {
        Attempt a = begin();
        assertRefused(a, good(a), name, ErrorReason.NAME_INVALID);
    }

    @Test
    void whenTheNameIsLongerThan200CodePointsThenInvalidArgument() {
        Attempt a = begin();
        assertRefused(a, good(a), "\uD83D\uDD11".repeat(201), ErrorReason.NAME_INVALID);
        String exactly200 = "\uD83D\uDD11".repeat(200);
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), exactly200);
        assertThat(passkeys.listPasskeys(a.user().id())).extracting(PasskeyInfo::name).containsExactly(exactly200);
    }

    @Test
    void whenTheRegistrationWasVerifiedAlreadyThenAReplayIsRefused() {
        Attempt a = begin();
        String credential = good(a);
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), credential, "n");

        assertRefused(a, credential, "n", ErrorReason.CEREMONY_USED);
    }

    @Test
    void whenTheRegistrationExpiredThenFailedPrecondition() {
        Attempt a = begin();
        String credential = good(a);
        t.clock.advance(Duration.ofSeconds(90));

        assertRefused(a, credential, "n", ErrorReason.CEREMONY_EXPIRED);
        assertThat(ErrorReason.CEREMONY_EXPIRED.code()).isEqualTo(PasskeyException.Code.FAILED_PRECONDITION);
    }

    @Test
    void whenExpiredRegistrationsArePurgedThenTheyAreGoneAndAnUnexpiredOneStillVerifies() {
        Attempt old = begin();
        t.clock.advance(Duration.ofSeconds(60));
        Attempt fresh = begin();
        t.clock.advance(Duration.ofSeconds(30));

        assertThat(passkeys.purgeExpired()).isPositive(); // a shared database may hold other tests' expired ones too
        assertThat(t.store.findPending(old.added().passkeyId())).isEmpty();
        assertThat(t.store.findPending(fresh.added().passkeyId())).isPresent();
        assertThat(passkeys.purgeExpired()).isZero();
        assertThatThrownBy(() -> passkeys.verifyPasskey(old.user().id(), old.added().passkeyId(), good(old), "n"))
                .isInstanceOf(PasskeyException.class);
        passkeys.verifyPasskey(fresh.user().id(), fresh.added().passkeyId(), good(fresh), "n");
        assertThat(passkeys.listPasskeys(fresh.user().id())).hasSize(1);
    }

    @Test
    void whenTheRegistrationIsAnswered89SecondsLaterThenItIsStillAccepted() {
        Attempt a = begin();
        t.clock.advance(Duration.ofSeconds(89));

        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), "n");
    }

    @Test
    void whenThePasskeyIdIsUnknownOrAnotherUsersThenNotFound() {
        Attempt a = begin();
        Attempt other = begin();
        String credential = good(a);
        Snapshot before = snapshot(other);

        assertThatThrownBy(() -> passkeys.verifyPasskey(a.user().id(), "123456789", credential, "n"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.code()).isEqualTo(PasskeyException.Code.NOT_FOUND));
        assertThatThrownBy(() -> passkeys.verifyPasskey(a.user().id(), other.added().passkeyId(), credential, "n"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.PASSKEY_NOT_FOUND));
        assertThat(snapshot(other)).isEqualTo(before);
    }

    @Test
    void whenTheRegistrationsPasskeyWasRemovedThenNotFound() {
        Attempt a = begin();
        String credential = good(a);
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), credential, "n");
        passkeys.removePasskey(a.user().id(), a.added().passkeyId());

        assertRefused(a, credential, "n", ErrorReason.PASSKEY_NOT_FOUND);
    }

    @Test
    void whenTheCredentialIsRegisteredToThisUserAlreadyThenAlreadyExists() {
        Attempt a = begin();
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), "n");
        AddPasskeyResponse again = passkeys.addPasskey(a.user());
        Attempt second = new Attempt(a.user(), again);

        String sameCredential = authenticator.create(again.creationOptionsJson(),
                Options.from(ORIGIN).credentialId(Base64.getUrlDecoder().decode(authenticator.last().id())));

        assertRefused(second, sameCredential, "n", ErrorReason.CREDENTIAL_EXISTS);
        assertThat(ErrorReason.CREDENTIAL_EXISTS.code()).isEqualTo(PasskeyException.Code.ALREADY_EXISTS);
    }

    @Test
    void whenTheCredentialIsRegisteredToAnotherUserThenAlreadyExists() {
        Attempt a = begin();
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), "n");
        Attempt other = begin();

        String sameCredential = authenticator.create(other.added().creationOptionsJson(),
                Options.from(ORIGIN).credentialId(Base64.getUrlDecoder().decode(authenticator.last().id())));

        assertRefused(other, sameCredential, "n", ErrorReason.CREDENTIAL_EXISTS);
    }

    // ------------------------------------------------------------------ sizes (issue 13)

    @ParameterizedTest
    @ValueSource(ints = {1024, 10_000})
    void whenTheCredentialIdIsLongerThan1023BytesThenItIsRefusedWith400AndNothingIsStored(int length) {
        Attempt a = begin();
        byte[] id = new byte[length];
        new java.util.Random(length).nextBytes(id);

        String credential = authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).credentialId(id));

        assertRefused(a, credential, "n", ErrorReason.CREDENTIAL_ID_TOO_LONG);
        assertThat(ErrorReason.CREDENTIAL_ID_TOO_LONG.code().httpStatus()).isEqualTo(400);
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), "n");
    }

    @Test
    void whenTheCredentialIdHas1023BytesThenItIsStoredAndSignsIn() {
        Attempt a = begin();
        byte[] id = new byte[1023];
        new java.util.Random(1023).nextBytes(id);

        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(),
                authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).credentialId(id)), "n");

        assertThat(t.store.findPasskey(a.added().passkeyId()).orElseThrow().credentialId().toArray()).isEqualTo(id);
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(a.user().id()));
        assertThat(passkeys.finishSignIn(c.ceremonyId(), authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN))).passkeyId()).isEqualTo(a.added().passkeyId());
    }

    @Test
    void whenTransportsHoldUnknownAndRepeatedStringsThenOnlyTheKnownOnesAreKeptInOrderOnce() {
        Attempt a = begin();

        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), authenticator.create(a.added().creationOptionsJson(),
                Options.from(ORIGIN).transports(List.of("usb", "carrier-pigeon", "usb", "internal", "NFC", "hybrid",
                        "internal", "", "smart-card"))), "n");

        assertThat(passkeys.listPasskeys(a.user().id())).singleElement()
                .satisfies(p -> assertThat(p.transports()).containsExactly("usb", "internal", "hybrid", "smart-card"));
        assertThat(t.store.findPasskey(a.added().passkeyId()).orElseThrow().transports())
                .containsExactly("usb", "internal", "hybrid", "smart-card");
    }

    @Test
    void whenTransportsHaveMoreThan16EntriesOrNonStringsThenTheRegistrationIsRefused() throws Exception {
        Attempt a = begin();
        List<String> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(i % 2 == 0 ? "usb" : "x" + i);
        }
        List<String> sixteenUnknown = new ArrayList<>(seventeen.subList(0, 16));
        sixteenUnknown.replaceAll(x -> "unknown-" + x);
        List<String> huge = java.util.Collections.nCopies(8_000, "usb");

        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).transports(seventeen)),
                "n", ErrorReason.TRANSPORTS_INVALID);
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).transports(huge)),
                "n", ErrorReason.TRANSPORTS_INVALID);
        assertRefused(a, tampered(a, c -> {
            ((ObjectNode) c.get("response")).putArray("transports").add("usb").add(7);
            return c;
        }), "n", ErrorReason.TRANSPORTS_INVALID);
        assertRefused(a, tampered(a, c -> {
            ((ObjectNode) c.get("response")).put("transports", "usb");
            return c;
        }), "n", ErrorReason.TRANSPORTS_INVALID);

        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(),
                authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).transports(sixteenUnknown)), "n");
        assertThat(t.store.findPasskey(a.added().passkeyId()).orElseThrow().transports()).isEmpty();
    }

    @Test
    void whenRenamingOrRemovingAnotherUsersPasskeyThenNotFoundAndNothingChanges() {
        Attempt a = begin();
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), "mine");
        PasskeyUser mallory = newUser();
        Snapshot before = snapshot(a);

        assertThatThrownBy(() -> passkeys.renamePasskey(mallory.id(), a.added().passkeyId(), "stolen"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.PASSKEY_NOT_FOUND));
        assertThatThrownBy(() -> passkeys.removePasskey(mallory.id(), a.added().passkeyId()))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.code()).isEqualTo(PasskeyException.Code.NOT_FOUND));
        assertThatThrownBy(() -> passkeys.renamePasskey(a.user().id(), a.added().passkeyId(), "bad\u0007"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.NAME_INVALID));
        assertThat(snapshot(a)).isEqualTo(before);
        assertThat(t.store.listEvents(mallory.id())).isEmpty();
    }

    @Test
    void whenAnErrorIsSerializedThenItHasTheSeedsErrorShape() throws Exception {
        PasskeyException e = new PasskeyException(ErrorReason.CHALLENGE_MISMATCH);

        JsonNode body = PLAIN.valueToTree(e.toErrorBody());

        assertThat(fieldNames(body)).containsExactly("code", "message", "details");
        assertThat(body.get("code").asInt()).isEqualTo(3);
        assertThat(body.get("details").get(0).get("@type").asText()).isEqualTo("type.googleapis.com/zitadel.v1.ErrorDetail");
        assertThat(body.get("details").get(0).get("id").asText()).isEqualTo("PASSKEY-CHALLENGE-MISMATCH");
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void whenTheUserIdIsLongerThan64BytesThenInvalidArgument() {
        assertThatThrownBy(() -> new PasskeyUser("x".repeat(65), "a", "a", "o"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.ARGUMENT_INVALID));
    }

    // ------------------------------------------------------------------ helpers

    private void register(PasskeyUser user, SoftwareAuthenticator a, String name) {
        AddPasskeyResponse r = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), r.passkeyId(), a.create(r.creationOptionsJson(), Options.from(ORIGIN)), name);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    // ------------------------------------------------------------------ issue 13: relying-party policy
    // The per-user caps (passkeys, open registrations), cross-origin frames, and the name rule.

    /** @return another instance on this test's store, built by the suite's builder changed by {@code change} */
    private TestPasskeys with(java.util.function.UnaryOperator<Passkeys.Builder> change) {
        return new TestPasskeys(t.store, change.apply(configure()));
    }

    private static void assertLimitReached(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PasskeyException.class, e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.PASSKEY_LIMIT_REACHED);
            assertThat(e.code()).isEqualTo(PasskeyException.Code.FAILED_PRECONDITION);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.toErrorBody().details()).singleElement()
                    .satisfies(d -> assertThat(d.id()).isEqualTo("PASSKEY-LIMIT-REACHED"));
        });
    }

    @Test
    void whenTheUserHoldsTheMostPasskeysThenAddPasskeyIsRefusedWithLimitReachedUntilOneIsRemoved() {
        Passkeys capped = with(b -> b.maxPasskeysPerUser(2)).passkeys;
        PasskeyUser user = newUser();
        for (int i = 0; i < 2; i++) {
            AddPasskeyResponse r = capped.addPasskey(user);
            capped.verifyPasskey(user.id(), r.passkeyId(), new SoftwareAuthenticator().create(r.creationOptionsJson(),
                    Options.from(ORIGIN)), "Key " + i);
        }
        List<Event> before = t.store.listEvents(user.id());

        assertLimitReached(() -> capped.addPasskey(user));
        assertLimitReached(() -> capped.addPasskey(user, AddPasskeyOptions.defaults().withRpId(OTHER_RP_ID)));

        assertThat(t.store.listEvents(user.id())).isEqualTo(before);
        assertThat(t.store.findNewestPending(user.id(), io.github.passkey4j.store.CeremonyKind.REGISTRATION,
                TestPasskeys.START)).isEmpty();
        capped.removePasskey(user.id(), capped.listPasskeys(user.id()).get(0).id());
        AddPasskeyResponse again = capped.addPasskey(user);
        capped.verifyPasskey(user.id(), again.passkeyId(), authenticator.create(again.creationOptionsJson(), Options.from(ORIGIN)), "Again");
        assertThat(capped.listPasskeys(user.id())).hasSize(2);
    }

    @Test
    void whenRegistrationsBegunBelowTheCapAreVerifiedThenTheOpenCapBoundsTheOvershootAndTheNextBeginIsRefused() {
        // the cap is checked when a registration begins (one read it makes anyway); registrations begun below it
        // may all verify, so a user ends with at most maxPasskeysPerUser - 1 + maxOpenCeremoniesPerUser passkeys
        Passkeys capped = with(b -> b.maxPasskeysPerUser(2).maxOpenCeremoniesPerUser(2)).passkeys;
        PasskeyUser user = newUser();
        AddPasskeyResponse first = capped.addPasskey(user);
        capped.verifyPasskey(user.id(), first.passkeyId(), new SoftwareAuthenticator().create(first.creationOptionsJson(),
                Options.from(ORIGIN)), "First");
        List<AddPasskeyResponse> begun = List.of(capped.addPasskey(user), capped.addPasskey(user), capped.addPasskey(user));

        for (int i = 1; i < 3; i++) {
            capped.verifyPasskey(user.id(), begun.get(i).passkeyId(), new SoftwareAuthenticator().create(
                    begun.get(i).creationOptionsJson(), Options.from(ORIGIN)), "Key " + i);
        }

        assertThat(capped.listPasskeys(user.id())).hasSize(3);
        assertLimitReached(() -> capped.addPasskey(user));
        assertThatThrownBy(() -> capped.verifyPasskey(user.id(), begun.get(0).passkeyId(), new SoftwareAuthenticator().create(
                begun.get(0).creationOptionsJson(), Options.from(ORIGIN)), "Expired"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.CEREMONY_EXPIRED));
    }

    @Test
    void whenMoreRegistrationsThanTheCapAreOpenThenTheOldestExpiresAndTheNewestVerify() {
        Passkeys capped = with(b -> b.maxOpenCeremoniesPerUser(2)).passkeys;
        PasskeyUser user = newUser();
        AddPasskeyResponse oldest = capped.addPasskey(user);
        AddPasskeyResponse second = capped.addPasskey(user);
        AddPasskeyResponse third = capped.addPasskey(user);

        assertThatThrownBy(() -> capped.verifyPasskey(user.id(), oldest.passkeyId(),
                new SoftwareAuthenticator().create(oldest.creationOptionsJson(), Options.from(ORIGIN)), "Oldest"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.CEREMONY_EXPIRED));
        capped.verifyPasskey(user.id(), second.passkeyId(),
                new SoftwareAuthenticator().create(second.creationOptionsJson(), Options.from(ORIGIN)), "Second");
        capped.verifyPasskey(user.id(), third.passkeyId(),
                new SoftwareAuthenticator().create(third.creationOptionsJson(), Options.from(ORIGIN)), "Third");
        assertThat(capped.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactly("Second", "Third");
    }

    @Test
    void whenTheRegistrationRanInACrossOriginFrameThenItIsRefusedUnlessItsTopOriginIsAllowed() {
        Attempt a = begin();
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).crossOrigin("https://evil.example")),
                "Framed", ErrorReason.CROSS_ORIGIN_NOT_ALLOWED);
        assertRefused(a, authenticator.create(a.added().creationOptionsJson(), Options.from(ORIGIN).crossOrigin(null)),
                "Framed", ErrorReason.CROSS_ORIGIN_NOT_ALLOWED);

        Passkeys framing = with(b -> b.allowedTopOrigins(List.of("https://shop.example", "https://other.shop.example:8443"))).passkeys;
        PasskeyUser user = newUser();
        AddPasskeyResponse r = framing.addPasskey(user);
        assertThatThrownBy(() -> framing.verifyPasskey(user.id(), r.passkeyId(), authenticator.create(r.creationOptionsJson(),
                Options.from(ORIGIN).crossOrigin("https://shop.example:8443")), "Framed"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.CROSS_ORIGIN_NOT_ALLOWED));
        framing.verifyPasskey(user.id(), r.passkeyId(), authenticator.create(r.creationOptionsJson(),
                Options.from(ORIGIN).crossOrigin("https://other.shop.example:8443")), "Framed");
        assertThat(framing.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactly("Framed");
        assertThatThrownBy(() -> Passkeys.builder().allowedTopOrigins(List.of("https://shop.example/path")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    void whenANameHasABidiEmbeddingOverrideOrIsolateControlThenVerifyAndRenameAreRefused(String control) {
        String name = "exe." + control + "fdp.txt";
        Attempt a = begin();
        assertRefused(a, good(a), name, ErrorReason.NAME_INVALID);
        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), "Laptop");
        List<StoredPasskey> before = t.store.listPasskeys(a.user().id());

        assertThatThrownBy(() -> passkeys.renamePasskey(a.user().id(), a.added().passkeyId(), name))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.NAME_INVALID);
                    assertThat(e.getMessage()).contains("bidi").doesNotContain(name);
                });
        assertThat(t.store.listPasskeys(a.user().id())).isEqualTo(before);
    }

    @Test
    void whenANameIsNotInNfcThenItIsStoredAndListedNormalisedOnVerifyAndRename() {
        Attempt a = begin();
        String decomposed = "Cafe\u0301 \u212B";          // e + combining acute, angstrom sign
        String composed = "Caf\u00E9 \u00C5";

        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), decomposed);
        assertThat(passkeys.listPasskeys(a.user().id())).extracting(PasskeyInfo::name).containsExactly(composed);
        assertThat(t.store.findPasskey(a.added().passkeyId()).orElseThrow().name()).isEqualTo(composed);

        passkeys.renamePasskey(a.user().id(), a.added().passkeyId(), "A\u030A\u0301 key");
        assertThat(t.store.findPasskey(a.added().passkeyId()).orElseThrow().name()).isEqualTo("\u01FA key");
    }

    @Test
    void whenANameIs200CodePointsAfterNormalisationThenItIsAcceptedAnd201AreNot() {
        Attempt a = begin();
        assertRefused(a, good(a), "e\u0301".repeat(201), ErrorReason.NAME_INVALID);

        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), "e\u0301".repeat(200));

        assertThat(passkeys.listPasskeys(a.user().id())).extracting(PasskeyInfo::name).containsExactly("\u00E9".repeat(200));
    }

    @Test
    void whenANameHasAnEmojiWithZeroWidthJoinersThenItIsAccepted() {
        Attempt a = begin();
        String name = "\uD83D\uDC69\u200D\uD83D\uDCBB laptop \uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";

        passkeys.verifyPasskey(a.user().id(), a.added().passkeyId(), good(a), name);

        assertThat(passkeys.listPasskeys(a.user().id())).extracting(PasskeyInfo::name).containsExactly(name);
    }

    @Test
    void whenAHostNormalisesItsOwnNameThenTheRuleIsTheSameAndTheMessageNamesTheField() {
        assertThat(Names.normalize("Cafe\u0301", "displayName")).isEqualTo("Caf\u00E9");
        assertThat(Names.MAX_CODE_POINTS).isEqualTo(200);
        for (String bad : List.of("", " ", "a\u202Eb", "a\u0007b", "x".repeat(201), "\uD800")) {
            assertThatThrownBy(() -> Names.normalize(bad, "displayName"))
                    .isInstanceOfSatisfying(PasskeyException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ErrorReason.NAME_INVALID);
                        assertThat(e.getMessage()).startsWith("displayName ");
                    });
        }
    }
}
