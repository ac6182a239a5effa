package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.upokecenter.cbor.CBORObject;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import io.github.passkey4j.testing.TestVectors;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The algorithms the library verifies itself (issue 16): RSASSA-PSS (PS256, PS384, PS512) and ML-DSA
 * (ML-DSA-44, -65, -87; through BouncyCastle on this Java 17 test class path), which Yubico's engine
 * cannot verify. Off by default (the options stay as they were), offered when the host enables them,
 * registered and signed in with by the software authenticator, and refused for every defect with the
 * same reason as an ES256 passkey on the engine's path.
 */
class OwnAlgorithmsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Long> ENGINE_DEFAULT = List.of(-7L, -35L, -36L, -257L, -258L, -259L, -8L);
    /** One key per algorithm for the many negative cases: RSA key generation is slow. */
    private static final Map<Long, KeyPair> KEYS = new ConcurrentHashMap<>();

    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private static TestPasskeys enabled() {
        return new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().enablePss().enableMlDsa());
    }

    private static List<Long> offered(Passkeys passkeys) throws Exception {
        JsonNode options = JSON.readTree(passkeys.addPasskey(newUser()).creationOptionsJson()).get("publicKey");
        List<Long> algs = new ArrayList<>();
        for (JsonNode p : options.get("pubKeyCredParams")) {
            assertThat(p.get("type").asText()).isEqualTo("public-key");
            algs.add(p.get("alg").asLong());
        }
        return algs;
    }

    // ------------------------------------------------------------------ what is offered

    @Test
    void whenNothingIsEnabledThenTheOptionsOfferExactlyWhatTheyOfferedBefore() throws Exception {
        assertThat(offered(new TestPasskeys().passkeys)).containsExactlyElementsOf(ENGINE_DEFAULT);
    }

    @Test
    void whenPssIsEnabledThenPs256To512AreOfferedWhereTheDefaultListNamesThem() throws Exception {
        TestPasskeys t = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().enablePss());

        assertThat(offered(t.passkeys)).containsExactly(-7L, -35L, -36L, -257L, -258L, -259L, -37L, -38L, -39L, -8L);
    }

    @Test
    void whenMlDsaIsEnabledThenItIsOfferedAfterTheDefaultList() throws Exception {
        TestPasskeys t = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().enableMlDsa());

        assertThat(offered(t.passkeys)).containsExactly(-7L, -35L, -36L, -257L, -258L, -259L, -8L, -48L, -49L, -50L);
        assertThat(offered(enabled().passkeys))
                .containsExactly(-7L, -35L, -36L, -257L, -258L, -259L, -37L, -38L, -39L, -8L, -48L, -49L, -50L);
    }

    @Test
    void whenTheHostListsTheAlgorithmsThenTheEnabledOnesKeepTheirPlaceThereOrComeLast() throws Exception {
        TestPasskeys mlDsaFirst = new TestPasskeys(new InMemoryPasskeyStore(),
                Passkeys.builder().algorithms(List.of(-49L, -7L)).enableMlDsa());
        TestPasskeys pssAfter = new TestPasskeys(new InMemoryPasskeyStore(),
                Passkeys.builder().algorithms(List.of(-7L)).enablePss());
        TestPasskeys onlyPss = new TestPasskeys(new InMemoryPasskeyStore(),
                Passkeys.builder().algorithms(List.of(-37L)).enablePss());

        assertThat(offered(mlDsaFirst.passkeys)).containsExactly(-49L, -7L, -48L, -50L);
        assertThat(offered(pssAfter.passkeys)).containsExactly(-7L, -37L, -38L, -39L);
        assertThat(offered(onlyPss.passkeys)).containsExactly(-37L, -38L, -39L);
        // named but not enabled: still left out, and a list of nothing verifiable is refused as before
        assertThatThrownBy(() -> new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().algorithms(List.of(-37L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("algorithms");
    }

    @Test
    void whenTheJvmHasItsOwnMlDsaThenThatIsUsedElseBouncyCastleFromTheClassPath() {
        // Java 24 and later verify ML-DSA themselves; on Java 17 the BouncyCastle of the test class path is
        // found without being registered (no provider is registered by this test run)
        String expected = Runtime.version().feature() >= 24 ? "SUN" : "BC";
        assertThat(io.github.passkey4j.internal.OwnSignatures.mlDsaProvider()).hasValueSatisfying(
                p -> assertThat(p).startsWith(expected + " "));
        assertThat(java.security.Security.getProvider("BC")).isNull();
    }

    // ------------------------------------------------------------------ round trips

    static Stream<Arguments> algorithmsAndFormats() {
        List<Arguments> cases = new ArrayList<>();
        for (long alg : List.of(-7L, -35L, -36L, -8L, -257L, -37L, -38L, -39L, -48L, -49L, -50L)) {
            for (String format : List.of(SoftwareAuthenticator.NONE, SoftwareAuthenticator.PACKED)) {
                cases.add(Arguments.of(alg, format));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "alg {0}, {1}")
    @MethodSource("algorithmsAndFormats")
    void whenACredentialOfAnyOfferedAlgorithmRegistersThenItSignsInAndItsCounterIsKept(long alg, String format) {
        TestPasskeys t = enabled();
        PasskeyUser user = newUser();
        AddPasskeyResponse added = t.passkeys.addPasskey(user);
        t.passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN).format(format).algorithm(alg)), "Key");

        StoredPasskey stored = t.store.findPasskey(added.passkeyId()).orElseThrow();
        assertThat(stored.publicKeyCose().toArray()).isEqualTo(SoftwareAuthenticator.coseKeyOf(authenticator.last()));
        assertThat(stored.attestationFormat()).isEqualTo(format);
        assertThat(stored.attestationTrusted()).isFalse();
        assertThat(stored.userVerified()).isTrue();
        assertThat(t.passkeys.listPasskeys(user.id())).hasSize(1);
        for (long expected = 1; expected <= 2; expected++) {
            SignInChallenge c = t.passkeys.beginSignIn(expected == 1 ? SignInOptions.forUser(user.id()) : SignInOptions.usernameless());
            SignInResult r = t.passkeys.finishSignIn(c.ceremonyId(),
                    authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).counting()));
            assertThat(r.passkeyId()).isEqualTo(added.passkeyId());
            assertThat(r.userId()).isEqualTo(user.id());
            assertThat(r.userVerified()).isTrue();
            assertThat(r.signCount()).isEqualTo(expected);
            assertThat(t.store.findPasskey(added.passkeyId()).orElseThrow().signCount()).isEqualTo(expected);
        }
    }

    @Test
    void whenTheRequestIsReadBackFromTheStoreThenTheLibraryVerifiedAlgorithmsItOfferedAreStillKnown() {
        // begun on one node, finished on another: the second has nothing in memory and reads the stored request
        PasskeyStore store = new InMemoryPasskeyStore();
        TestPasskeys first = new TestPasskeys(store, Passkeys.builder().enablePss().enableMlDsa());
        TestPasskeys second = new TestPasskeys(store, Passkeys.builder().enablePss().enableMlDsa());
        for (long alg : List.of(-37L, -49L, -7L)) {
            PasskeyUser user = newUser();
            AddPasskeyResponse added = first.passkeys.addPasskey(user);
            second.passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(),
                    Options.from(ORIGIN).algorithm(alg).keyPair(key(alg))), "Key");
            assertThat(second.passkeys.listPasskeys(user.id())).hasSize(1);
        }
        // and one begun where PSS was not offered is refused where it is
        TestPasskeys plain = new TestPasskeys(store);
        PasskeyUser user = newUser();
        AddPasskeyResponse added = plain.passkeys.addPasskey(user);
        String credential = authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN).algorithm(-37).keyPair(key(-37)));
        assertThatThrownBy(() -> second.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key"))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.ALGORITHM_UNSUPPORTED));
    }

    // ------------------------------------------------------------------ not enabled

    @ParameterizedTest
    @ValueSource(longs = {-37, -38, -39, -48, -49, -50})
    void whenTheAlgorithmIsNotEnabledThenTheRegistrationIsRefusedNamingItAndNothingIsStored(long alg) {
        TestPasskeys t = alg >= -39 ? new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().enableMlDsa())
                : new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().enablePss());
        for (TestPasskeys instance : List.of(new TestPasskeys(), t)) {
            PasskeyUser user = newUser();
            AddPasskeyResponse added = instance.passkeys.addPasskey(user);
            String credential = authenticator.create(added.creationOptionsJson(),
                    Options.from(ORIGIN).format("packed").algorithm(alg).keyPair(key(alg)));
            assertThatThrownBy(() -> instance.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key"))
                    .isInstanceOfSatisfying(PasskeyException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ErrorReason.ALGORITHM_UNSUPPORTED);
                        assertThat(e.getMessage()).contains("(" + alg + ")");
                    });
            assertThat(instance.passkeys.listPasskeys(user.id())).isEmpty();
        }
    }

    // ------------------------------------------------------------------ the same refusals on both paths

    /** A defect, made by the software authenticator's options or by changing its answer. */
    private record Defect(String name, UnaryOperator<Options> options, ErrorReason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> registrationDefects() {
        List<Defect> defects = List.of(
                new Defect("a flipped attestation signature", o -> o.format("packed").flipSignatureBit(), ErrorReason.ATTESTATION_INVALID),
                new Defect("another challenge", o -> o.challenge("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ErrorReason.CHALLENGE_MISMATCH),
                new Defect("another origin", o -> o.format("packed"), null),
                new Defect("another RP id", o -> o.format("packed").rpIdForHash("evil.example"), ErrorReason.RP_ID_MISMATCH),
                new Defect("no user presence", o -> o.format("packed").userPresent(false), ErrorReason.USER_PRESENCE_MISSING),
                new Defect("no user verification", o -> o.format("packed").userVerified(false), ErrorReason.USER_VERIFICATION_MISSING),
                new Defect("a cross-origin frame", o -> o.format("packed").crossOrigin("https://evil.example"),
                        ErrorReason.CROSS_ORIGIN_NOT_ALLOWED),
                new Defect("backed up but not backup eligible", o -> o.format("packed").backup(false, true),
                        ErrorReason.BACKUP_FLAGS_INVALID),
                new Defect("a webauthn.get client data", o -> o.clientDataType("webauthn.get"), ErrorReason.CREDENTIAL_WRONG_TYPE));
        return onEveryPath(defects);
    }

    @ParameterizedTest(name = "{0}, alg {1}")
    @MethodSource("registrationDefects")
    void whenARegistrationHasADefectThenBothPathsRefuseItWithTheSameReasonAndStoreNothing(Defect d, long alg) {
        TestPasskeys t = enabled();
        PasskeyUser user = newUser();
        AddPasskeyResponse added = t.passkeys.addPasskey(user);
        Options base = d.name().equals("another origin") ? Options.from("https://evil.example") : Options.from(ORIGIN);
        ErrorReason reason = d.name().equals("another origin") ? ErrorReason.ORIGIN_NOT_ALLOWED : d.reason();
        String credential = authenticator.create(added.creationOptionsJson(), d.options().apply(base).algorithm(alg).keyPair(key(alg)));

        assertThatThrownBy(() -> t.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThat(t.passkeys.listPasskeys(user.id())).isEmpty();
        // and a sound answer to the same registration is still accepted
        t.passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(),
                Options.from(ORIGIN).algorithm(alg).keyPair(key(alg))), "Key");
    }

    /** Each defect with ES256 (the engine's path), PS256 and ML-DSA-65 (the library's own). */
    private static Stream<Arguments> onEveryPath(List<Defect> defects) {
        List<Arguments> cases = new ArrayList<>();
        for (Defect d : defects) {
            for (long alg : List.of(-7L, -37L, -49L)) {
                cases.add(Arguments.of(d, alg));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> signInDefects() {
        List<Defect> defects = List.of(
                new Defect("a flipped signature", Options::flipSignatureBit, ErrorReason.SIGNATURE_INVALID),
                new Defect("another challenge", o -> o.challenge("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ErrorReason.CHALLENGE_MISMATCH),
                new Defect("another RP id", o -> o.rpIdForHash("evil.example"), ErrorReason.RP_ID_MISMATCH),
                new Defect("no user presence", o -> o.userPresent(false), ErrorReason.USER_PRESENCE_MISSING),
                new Defect("no user verification", o -> o.userVerified(false), ErrorReason.USER_VERIFICATION_MISSING),
                new Defect("a cross-origin frame", o -> o.crossOrigin("https://evil.example"), ErrorReason.CROSS_ORIGIN_NOT_ALLOWED),
                new Defect("a changed backup eligibility", o -> o.backup(false, false), ErrorReason.BACKUP_ELIGIBILITY_CHANGED),
                new Defect("a counter that went back", o -> o.signCount(3), ErrorReason.SIGN_COUNT_REGRESSION),
                new Defect("another user's handle", o -> o.userHandle("someone-else".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        ErrorReason.CREDENTIAL_NOT_OWNED),
                new Defect("a webauthn.create client data", o -> o.clientDataType("webauthn.create"), ErrorReason.CREDENTIAL_WRONG_TYPE));
        return onEveryPath(defects);
    }

    @ParameterizedTest(name = "{0}, alg {1}")
    @MethodSource("signInDefects")
    void whenASignInHasADefectThenBothPathsRefuseItWithTheSameReasonAndChangeNothing(Defect d, long alg) {
        TestPasskeys t = enabled();
        Registered r = register(t, alg);
        // a counter of 5 first, so that "went back" has somewhere to go back from
        SignInChallenge first = t.passkeys.beginSignIn(SignInOptions.forUser(r.user().id()));
        t.passkeys.finishSignIn(first.ceremonyId(), authenticator.get(first.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).signCount(5)));
        StoredPasskey before = t.store.findPasskey(r.passkeyId()).orElseThrow();

        SignInChallenge c = t.passkeys.beginSignIn(SignInOptions.usernameless());
        String assertion = authenticator.get(c.publicKeyCredentialRequestOptions(), d.options().apply(Options.from(ORIGIN).signCount(6)));
        assertThatThrownBy(() -> t.passkeys.finishSignIn(c.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(d.reason());
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThat(t.store.findPasskey(r.passkeyId()).orElseThrow()).isEqualTo(before);
        // the sign-in can still be finished with a sound assertion
        assertThat(t.passkeys.finishSignIn(c.ceremonyId(), authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN).signCount(6))).signCount()).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(longs = {-7, -37, -49})
    void whenThePasskeyWasNotAmongTheAllowedOnesThenBothPathsRefuseIt(long alg) {
        // username-first: the allow list is fixed when the sign-in begins; a passkey added after is not on it
        TestPasskeys t = enabled();
        Registered first = register(t, -7);
        SignInChallenge c = t.passkeys.beginSignIn(SignInOptions.forUser(first.user().id()));
        AddPasskeyResponse added = t.passkeys.addPasskey(first.user());
        t.passkeys.verifyPasskey(first.user().id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(),
                Options.from(ORIGIN).algorithm(alg).keyPair(key(alg))), "Later");

        String assertion = authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN));
        assertThatThrownBy(() -> t.passkeys.finishSignIn(c.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.VERIFICATION_FAILED));
    }

    @ParameterizedTest
    @ValueSource(longs = {-7, -37, -49})
    void whenTheAttestationPolicyRefusesTheModelOrRequiresTrustThenBothPathsRefuse(long alg) {
        UUID model = SoftwareAuthenticator.AAGUID;
        for (AttestationPolicy policy : List.of(AttestationPolicy.builder().denyAaguids(List.of(model)).build(),
                AttestationPolicy.builder().requireTrusted(true)
                        .trustAnchor(TestVectors.anchor("W3C WebAuthn test vectors attestation CA")).build())) {
            TestPasskeys t = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().enablePss().enableMlDsa()
                    .attestation(AttestationConveyance.DIRECT).attestationPolicy(policy));
            PasskeyUser user = newUser();
            AddPasskeyResponse added = t.passkeys.addPasskey(user);
            String credential = authenticator.create(added.creationOptionsJson(),
                    Options.from(ORIGIN).format("packed").algorithm(alg).keyPair(key(alg)));
            assertThatThrownBy(() -> t.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key"))
                    .isInstanceOfSatisfying(PasskeyException.class,
                            e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED));
            assertThat(t.passkeys.listPasskeys(user.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-7, -37, -49})
    void whenTheClientDataSaysTokenBindingIsPresentThenBothPathsRefuseIt(long alg) throws Exception {
        // the relying party uses no token binding: the engine refuses "present", and so does the library's path
        TestPasskeys t = enabled();
        PasskeyUser user = newUser();
        AddPasskeyResponse added = t.passkeys.addPasskey(user);
        String none = authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN).algorithm(alg).keyPair(key(alg)));
        String bound = withTokenBinding(none, null, 0);
        assertThatThrownBy(() -> t.passkeys.verifyPasskey(user.id(), added.passkeyId(), bound, "Key"))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(ErrorReason.CLIENT_DATA_INVALID));
        t.passkeys.verifyPasskey(user.id(), added.passkeyId(), none, "Key");

        SignInChallenge c = t.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        String assertion = authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN));
        String boundAssertion = withTokenBinding(assertion, key(alg), alg);
        assertThatThrownBy(() -> t.passkeys.finishSignIn(c.ceremonyId(), boundAssertion))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(ErrorReason.CLIENT_DATA_INVALID));
        assertThat(t.passkeys.finishSignIn(c.ceremonyId(), assertion).passkeyId()).isEqualTo(added.passkeyId());
    }

    /**
     * The credential with {@code tokenBinding: {status: "present", id: ...}} in its client data; an
     * assertion is signed again with {@code keys} (a "none" registration signs nothing).
     */
    private static String withTokenBinding(String credential, KeyPair keys, long alg) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(credential);
        com.fasterxml.jackson.databind.node.ObjectNode response = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("response");
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        com.fasterxml.jackson.databind.node.ObjectNode clientData =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(decoder.decode(response.get("clientDataJSON").asText()));
        clientData.putObject("tokenBinding").put("status", "present").put("id", "AAECAw");
        byte[] cd = JSON.writeValueAsBytes(clientData);
        response.put("clientDataJSON", encoder.encodeToString(cd));
        if (keys != null) {
            java.security.Signature s;
            if (alg == -7) {
                s = java.security.Signature.getInstance("SHA256withECDSA");
            } else if (alg == -37) {
                s = java.security.Signature.getInstance("RSASSA-PSS");
                s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            } else {
                s = java.security.Signature.getInstance("ML-DSA", new org.bouncycastle.jce.provider.BouncyCastleProvider());
            }
            s.initSign(keys.getPrivate());
            s.update(decoder.decode(response.get("authenticatorData").asText()));
            s.update(java.security.MessageDigest.getInstance("SHA-256").digest(cd));
            response.put("signature", encoder.encodeToString(s.sign()));
        }
        return JSON.writeValueAsString(json);
    }

    // ------------------------------------------------------------------ hostile keys and signatures

    static Stream<Arguments> unsoundKeys() {
        byte[] pub44 = new byte[1312];
        Arrays.fill(pub44, (byte) 7);
        return Stream.of(
                Arguments.of("ML-DSA-44 public key one byte short", -48L,
                        akp(-48, Arrays.copyOf(pub44, 1311)), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("ML-DSA-65 labelled, ML-DSA-44 long", -49L, akp(-49, pub44), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("the private key (-2) included", -48L, akp(-48, pub44).Add(-2, new byte[32]),
                        ErrorReason.COSE_KEY_INVALID),
                Arguments.of("pub a text string", -48L, CBORObject.NewOrderedMap().Add(1, 7).Add(3, -48).Add(-1, "pub"),
                        ErrorReason.COSE_KEY_INVALID),
                Arguments.of("pub missing", -48L, CBORObject.NewOrderedMap().Add(1, 7).Add(3, -48), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("AKP with an algorithm that is not ML-DSA", -48L, akp(-51, pub44), ErrorReason.ALGORITHM_UNSUPPORTED),
                Arguments.of("ML-DSA algorithm on an RSA key", -48L,
                        CBORObject.NewOrderedMap().Add(1, 3).Add(3, -48).Add(-1, new byte[256]).Add(-2, new byte[] {1, 0, 1}),
                        ErrorReason.COSE_KEY_INVALID),
                Arguments.of("PS256 on a 1024-bit RSA key", -37L, rsa(-37, 128), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("PS256 on an EC2 key", -37L,
                        CBORObject.NewOrderedMap().Add(1, 2).Add(3, -37).Add(-1, 1).Add(-2, new byte[32]).Add(-3, new byte[32]),
                        ErrorReason.COSE_KEY_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsoundKeys")
    void whenALibraryVerifiedKeyIsUnsoundThenTheRegistrationIsA400WithAReasonNotA500(String what, long alg, CBORObject key,
            ErrorReason reason) {
        TestPasskeys t = enabled();
        for (String format : List.of("none", "packed")) {
            PasskeyUser user = newUser();
            AddPasskeyResponse added = t.passkeys.addPasskey(user);
            String credential = authenticator.create(added.creationOptionsJson(),
                    Options.from(ORIGIN).format(format).algorithm(alg).keyPair(key(alg)).coseKey(key.EncodeToBytes()));
            assertThatThrownBy(() -> t.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key"))
                    .isInstanceOfSatisfying(PasskeyException.class, e -> {
                        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                        assertThat(e.httpStatus()).isEqualTo(400);
                    });
            assertThat(t.passkeys.listPasskeys(user.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-37, -38, -39, -48, -49, -50})
    void whenTheKeyIsAnotherOfTheSameAlgorithmThenTheSelfAttestationAndTheSignInAreRefused(long alg) {
        TestPasskeys t = enabled();
        // packed self attestation signed with one key, another key of the same algorithm reported
        byte[] otherKey = SoftwareAuthenticator.coseKeyOf(newCredential(t, alg));
        PasskeyUser user = newUser();
        AddPasskeyResponse added = t.passkeys.addPasskey(user);
        String credential = authenticator.create(added.creationOptionsJson(),
                Options.from(ORIGIN).format("packed").algorithm(alg).coseKey(otherKey));
        assertThatThrownBy(() -> t.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key"))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_INVALID));
        // "none" signs nothing at registration: the key is stored, and the sign-in, signed with the other key, fails
        String none = authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN).algorithm(alg).coseKey(otherKey));
        t.passkeys.verifyPasskey(user.id(), added.passkeyId(), none, "Key");
        SignInChallenge c = t.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        String assertion = authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN));
        assertThatThrownBy(() -> t.passkeys.finishSignIn(c.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.SIGNATURE_INVALID));
    }

    // ------------------------------------------------------------------ helpers

    private record Registered(PasskeyUser user, String passkeyId) {
    }

    private Registered register(TestPasskeys t, long alg) {
        PasskeyUser user = newUser();
        AddPasskeyResponse added = t.passkeys.addPasskey(user);
        t.passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(),
                Options.from(ORIGIN).algorithm(alg).keyPair(key(alg))), "Key");
        return new Registered(user, added.passkeyId());
    }

    /** A credential made (and registered) only for its key. */
    private SoftwareAuthenticator.Credential newCredential(TestPasskeys t, long alg) {
        register(t, alg);
        return authenticator.last();
    }

    private static KeyPair key(long alg) {
        return KEYS.computeIfAbsent(alg, Options::newKeyPair);
    }

    private static CBORObject akp(long alg, byte[] pub) {
        return CBORObject.NewOrderedMap().Add(1, 7).Add(3, alg).Add(-1, pub);
    }

    private static CBORObject rsa(long alg, int modulusBytes) {
        byte[] n = new byte[modulusBytes];
        Arrays.fill(n, (byte) 0xff);
        return CBORObject.NewOrderedMap().Add(1, 3).Add(3, alg).Add(-1, n).Add(-2, new byte[] {1, 0, 1});
    }
}
