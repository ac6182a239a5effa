package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.TestPasskeys;
import io.github.passkey4j.testing.TestVectors;
import io.github.passkey4j.testing.TestVectors.Vector;
import io.github.passkey4j.testing.VectorRunner;
import io.github.passkey4j.testing.VectorRunner.Outcome;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attestation as a policy, on recorded vectors of every attestation format present: accept any, require
 * trusted with the right root, require trusted without it; AAGUID allow and deny lists; what is recorded
 * on the passkey; and a configuration that cannot work failing when it is built.
 */
class AttestationPolicyTest {

    private static final String W3C_CA = "W3C WebAuthn test vectors attestation CA";
    private static final String APPLE_ROOT = "Apple WebAuthn Root CA";

    /**
     * One vector of an attestation format, and the root it chains to.
     *
     * @param format the attestation format
     * @param vector the registration vector
     * @param rightRoots the root(s) its attestation chains to
     */
    record FormatCase(String format, String vector, List<X509Certificate> rightRoots) {

        Vector v() {
            return TestVectors.named(vector);
        }

        /** @return a root of another vendor, so that "require trusted" has something to trust */
        List<X509Certificate> wrongRoots() {
            X509Certificate w3c = TestVectors.anchor(W3C_CA);
            return rightRoots.contains(w3c) ? List.of(TestVectors.anchor(APPLE_ROOT)) : List.of(w3c);
        }

        @Override
        public String toString() {
            return format + " (" + vector + ")";
        }
    }

    /** Every attestation format present in the vectors, on real devices where a root is at hand, else W3C. */
    static Stream<FormatCase> formats() {
        return Stream.of(
                new FormatCase("packed", "pyw-packed-yubikey-firefox", List.of(TestVectors.vendorRoot(TestVectors.YUBICO_ROOT))),
                new FormatCase("tpm", "w3c-tpm-es256-registration", List.of(TestVectors.anchor(W3C_CA))),
                new FormatCase("tpm", "swa-tpm-nonspec-san", List.of(TestVectors.vendorRoot(TestVectors.MICROSOFT_TPM_ROOT))),
                new FormatCase("android-key", "swa-android-key-pixel8a-2025",
                        List.of(TestVectors.anchor("Google Hardware Attestation Root 2"))),
                new FormatCase("android-key", "w3c-android-key-es256-registration", List.of(TestVectors.anchor(W3C_CA))),
                new FormatCase("android-safetynet", "pyw-android-safetynet-2021",
                        List.of(TestVectors.anchor("GlobalSign Root CA (R1)"), TestVectors.anchor("GlobalSign Root CA - R2"))),
                new FormatCase("apple", "pyw-apple-passkey-2021", List.of(TestVectors.anchor(APPLE_ROOT))),
                new FormatCase("apple", "w3c-apple-es256-registration", List.of(TestVectors.anchor(W3C_CA))),
                new FormatCase("fido-u2f", "go-fido-u2f-yubico-direct", List.of(TestVectors.vendorRoot(TestVectors.YUBICO_ROOT))),
                new FormatCase("fido-u2f", "w3c-fido-u2f-es256-registration", List.of(TestVectors.anchor(W3C_CA))));
    }

    private static UnaryOperator<Passkeys.Builder> policy(AttestationPolicy policy) {
        return b -> b.attestationPolicy(policy);
    }

    // ------------------------------------------------------------------ per format

    @Test
    void whenTheFormatCasesAreListedThenEveryAttestationFormatOfTheVectorsIsCovered() {
        Set<String> present = new java.util.TreeSet<>();
        TestVectors.all().stream().filter(Vector::registration).map(Vector::fmt).filter(f -> !f.equals("none"))
                .forEach(present::add);
        assertThat(formats().map(FormatCase::format).distinct()).containsExactlyInAnyOrderElementsOf(present);
        formats().forEach(c -> assertThat(c.v().fmt()).isEqualTo(c.format()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void whenThePolicyAcceptsAnyThenTheFormatRegistersAndIsRecordedUntrusted(FormatCase c) {
        Outcome outcome = VectorRunner.run(c.v(), policy(AttestationPolicy.acceptAny()));

        assertThat(outcome.failure()).isEmpty();
        StoredPasskey p = outcome.stored().orElseThrow();
        assertThat(p.attestationFormat()).isEqualTo(c.format());
        assertThat(p.attestationTrusted()).isFalse();
        assertThat(p.aaguid()).isEqualTo(c.v().aaguid().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void whenTrustedAttestationIsRequiredAndItsRootIsTrustedThenTheFormatRegistersAndIsRecordedTrusted(FormatCase c) {
        Outcome outcome = VectorRunner.run(c.v(),
                policy(AttestationPolicy.builder().trustAnchors(c.rightRoots()).requireTrusted(true).build()));

        assertThat(outcome.failure()).isEmpty();
        StoredPasskey p = outcome.stored().orElseThrow();
        assertThat(p.attestationFormat()).isEqualTo(c.format());
        assertThat(p.attestationTrusted()).isTrue();
        assertThat(outcome.listed()).singleElement().satisfies(i -> assertThat(i.aaguid()).isEqualTo(p.aaguid().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void whenTrustedAttestationIsRequiredWithoutItsRootThenAttestationNotTrustedAndNothingStored(FormatCase c) {
        Outcome outcome = VectorRunner.run(c.v(),
                policy(AttestationPolicy.builder().trustAnchors(c.wrongRoots()).requireTrusted(true).build()));

        assertThat(outcome.failure()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED);
            assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(c.format());
        });
        assertThat(outcome.stored()).isEmpty();
        assertThat(outcome.listed()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void whenTheRootIsTrustedButNotRequiredThenTheFormatRegistersAndIsRecordedTrusted(FormatCase c) {
        Outcome outcome = VectorRunner.run(c.v(), policy(AttestationPolicy.builder().trustAnchors(c.rightRoots()).build()));

        assertThat(outcome.stored()).hasValueSatisfying(p -> assertThat(p.attestationTrusted()).isTrue());
    }

    @Test
    void whenTrustedAttestationIsRequiredThenNoneAndSelfAttestationAreRefused() {
        AttestationPolicy strict = AttestationPolicy.builder().trustAnchor(TestVectors.anchor(W3C_CA)).requireTrusted(true).build();
        for (String name : List.of("w3c-none-es256-registration", "w3c-packed-self-es256-registration", "go-packed-self-es512")) {
            Outcome outcome = VectorRunner.run(TestVectors.named(name), policy(strict));
            assertThat(outcome.failure()).as(name)
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED));
            assertThat(outcome.stored()).as(name).isEmpty();
        }
    }

    @Test
    void whenTheChainHasExpiredAtTheClocksTimeThenItIsNotTrustedAndWithinItsValidityItIs() {
        Vector v = TestVectors.named("swa-apple-anonymous"); // leaf valid 2020-09-13 .. 2020-09-14 only
        AttestationPolicy strict = AttestationPolicy.builder().trustAnchors(TestVectors.anchorsOf(v)).requireTrusted(true).build();

        Outcome expired = VectorRunner.run(v, policy(strict));
        Outcome valid = VectorRunner.run(v, Instant.parse("2020-09-13T12:00:00Z"), policy(strict));

        assertThat(expired.failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED));
        assertThat(valid.failure()).isEmpty();
        assertThat(valid.stored().orElseThrow().attestationTrusted()).isTrue();
    }

    @Test
    void whenARealTpmChainIsCheckedAfterItsCertificatesExpiredThenItIsNotTrusted() {
        Vector v = TestVectors.named("swa-tpm-nonspec-san"); // pinned by its source to 2023-06-30
        AttestationPolicy trustMicrosoft = AttestationPolicy.builder()
                .trustAnchor(TestVectors.vendorRoot(TestVectors.MICROSOFT_TPM_ROOT)).build();

        Outcome later = VectorRunner.run(v, Instant.parse("2035-01-01T00:00:00Z"), policy(trustMicrosoft));

        assertThat(later.failure()).isEmpty();
        assertThat(later.stored().orElseThrow().attestationTrusted()).isFalse();
    }

    // ------------------------------------------------------------------ AAGUID lists

    @Test
    void whenTheAaguidIsOnTheAllowListThenItRegisters() {
        Vector v = TestVectors.named("swa-android-key-pixel8a-2025");
        UUID aaguid = v.aaguid().orElseThrow();

        Outcome outcome = VectorRunner.run(v, policy(AttestationPolicy.builder()
                .allowAaguids(List.of(UUID.randomUUID(), aaguid)).build()));

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.stored().orElseThrow().aaguid()).isEqualTo(aaguid);
    }

    @Test
    void whenTheAaguidIsNotOnTheAllowListThenAttestationNotTrustedAndNothingStored() {
        Vector v = TestVectors.named("swa-android-key-pixel8a-2025");

        Outcome outcome = VectorRunner.run(v, policy(AttestationPolicy.builder()
                .allowAaguids(List.of(UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a"))).build()));

        assertThat(outcome.failure()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED);
            assertThat(e.getMessage()).contains(v.aaguid().orElseThrow().toString());
        });
        assertThat(outcome.stored()).isEmpty();
        assertThat(outcome.listed()).isEmpty();
    }

    @Test
    void whenTheAaguidIsOnTheDenyListThenAttestationNotTrustedAndNothingStored() {
        Vector v = TestVectors.named("w3c-none-es256-registration");

        Outcome outcome = VectorRunner.run(v, policy(AttestationPolicy.builder()
                .denyAaguids(List.of(v.aaguid().orElseThrow())).build()));

        assertThat(outcome.failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED));
        assertThat(outcome.stored()).isEmpty();
    }

    @Test
    void whenAnotherAaguidIsOnTheDenyListThenItRegisters() {
        Vector v = TestVectors.named("w3c-none-es256-registration");

        Outcome outcome = VectorRunner.run(v, policy(AttestationPolicy.builder()
                .denyAaguids(List.of(UUID.randomUUID())).build()));

        assertThat(outcome.failure()).isEmpty();
    }

    @Test
    void whenAnAllowListIsCombinedWithRequiredTrustThenOnlyTrustedAttestationOfThoseModelsRegisters() {
        Vector yubikey = TestVectors.named("pyw-packed-yubikey-firefox");
        AttestationPolicy onlyThisModel = AttestationPolicy.builder()
                .trustAnchor(TestVectors.vendorRoot(TestVectors.YUBICO_ROOT))
                .requireTrusted(true)
                .allowAaguids(List.of(yubikey.aaguid().orElseThrow()))
                .build();

        Outcome allowed = VectorRunner.run(yubikey, policy(onlyThisModel));
        Outcome otherModel = VectorRunner.run(TestVectors.named("pyw-packed-ed25519-yubikey"), policy(onlyThisModel));

        assertThat(allowed.failure()).isEmpty();
        assertThat(allowed.stored().orElseThrow().attestationTrusted()).isTrue();
        assertThat(TestVectors.named("pyw-packed-ed25519-yubikey").aaguid()).isNotEqualTo(yubikey.aaguid());
        assertThat(otherModel.failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED));
    }

    // ------------------------------------------------------------------ conveyance and configuration

    @ParameterizedTest
    @EnumSource(AttestationConveyance.class)
    void whenAConveyanceIsConfiguredThenTheCreationOptionsAskForIt(AttestationConveyance conveyance) throws Exception {
        Passkeys passkeys = Passkeys.builder().store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of(TestPasskeys.RP_ID, "Example", TestPasskeys.ORIGIN))
                .attestation(conveyance)
                .build();

        AddPasskeyResponse r = passkeys.addPasskey(TestPasskeys.newUser());

        JsonNode options = new ObjectMapper().readTree(Base64.getDecoder().decode(r.key().publicKey())).get("publicKey");
        assertThat(options.get("attestation").asText()).isEqualTo(conveyance.value());
    }

    @Test
    void whenTrustedAttestationIsRequiredButConveyanceIsNoneThenBuildingFailsNamingBoth() {
        Passkeys.Builder b = Passkeys.builder().store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of(TestPasskeys.RP_ID, "Example", TestPasskeys.ORIGIN))
                .attestation(AttestationConveyance.NONE)
                .attestationPolicy(AttestationPolicy.builder().trustAnchor(TestVectors.anchor(W3C_CA)).requireTrusted(true).build());

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attestationPolicy").hasMessageContaining("NONE");
    }

    @Test
    void whenTrustedAttestationIsRequiredWithoutAnythingToTrustThenBuildingThePolicyFails() {
        assertThatThrownBy(() -> AttestationPolicy.builder().requireTrusted(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attestationPolicy.requireTrusted");
    }

    @Test
    void whenAnAaguidIsBothAllowedAndDeniedThenBuildingThePolicyFails() {
        UUID a = UUID.randomUUID();
        assertThatThrownBy(() -> AttestationPolicy.builder().allowAaguids(List.of(a)).denyAaguids(List.of(a)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(a.toString());
        assertThatThrownBy(() -> AttestationPolicy.builder().allowAaguids(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowAaguids");
    }

    @Test
    void whenNothingIsConfiguredThenThePolicyAcceptsAnyAndTrustsNothing() {
        AttestationPolicy p = AttestationPolicy.acceptAny();

        assertThat(p.requireTrusted()).isFalse();
        assertThat(p.trustAnchors()).isEmpty();
        assertThat(p.metadataBlob()).isEmpty();
        assertThat(p.allowedAaguids()).isEmpty();
        assertThat(p.deniedAaguids()).isEmpty();
        assertThat(p.hasTrustSource()).isFalse();
    }
}
