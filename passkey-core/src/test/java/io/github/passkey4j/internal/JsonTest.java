package io.github.passkey4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.internal.util.JacksonCodecs;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AuthenticatorAttachment;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.COSEAlgorithmIdentifier;
import com.yubico.webauthn.data.Extensions;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.RegistrationExtensionInputs;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The library's mapper writes the engine's types byte for byte as the engine's own mapper does: the
 * stored requests and the options sent to browsers do not depend on the library's direct serializers.
 */
class JsonTest {

    private static final ObjectMapper ENGINE = JacksonCodecs.json();
    private final Random random = new Random(42);

    @Test
    void whenCreationOptionsOfEveryShapeAreWrittenThenTheBytesAreTheEngines() throws Exception {
        int compared = 0;
        for (UserVerificationRequirement uv : UserVerificationRequirement.values()) {
            for (ResidentKeyRequirement rk : ResidentKeyRequirement.values()) {
                for (AttestationConveyancePreference att : AttestationConveyancePreference.values()) {
                    for (Optional<AuthenticatorAttachment> attachment : List.of(Optional.<AuthenticatorAttachment>empty(),
                            Optional.of(AuthenticatorAttachment.PLATFORM), Optional.of(AuthenticatorAttachment.CROSS_PLATFORM))) {
                        PublicKeyCredentialCreationOptions options = creation(uv, rk, att, attachment);
                        assertThat(Json.MAPPER.writeValueAsString(options)).isEqualTo(ENGINE.writeValueAsString(options));
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 3 * 4 * 3);
    }

    @Test
    void whenRequestOptionsAreWrittenThenTheBytesAreTheEngines() throws Exception {
        for (UserVerificationRequirement uv : UserVerificationRequirement.values()) {
            PublicKeyCredentialRequestOptions options = PublicKeyCredentialRequestOptions.builder()
                    .challenge(bytes(32))
                    .timeout(120_000L)
                    .rpId("example.com")
                    .allowCredentials(new ArrayList<>(descriptors()))
                    .userVerification(uv)
                    .hints(List.of("security-key", "hybrid"))
                    .build();
            assertThat(Json.MAPPER.writeValueAsString(options)).isEqualTo(ENGINE.writeValueAsString(options));
        }
    }

    @Test
    void whenWrittenOptionsAreReadBackThenTheyEqualTheOriginal() throws Exception {
        PublicKeyCredentialCreationOptions options = creation(UserVerificationRequirement.REQUIRED,
                ResidentKeyRequirement.REQUIRED, AttestationConveyancePreference.DIRECT,
                Optional.of(AuthenticatorAttachment.PLATFORM));

        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(options), PublicKeyCredentialCreationOptions.class))
                .isEqualTo(options);
    }

    private PublicKeyCredentialCreationOptions creation(UserVerificationRequirement uv, ResidentKeyRequirement rk,
            AttestationConveyancePreference attestation, Optional<AuthenticatorAttachment> attachment) {
        AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder selection = AuthenticatorSelectionCriteria
                .builder().residentKey(rk).userVerification(uv);
        attachment.ifPresent(selection::authenticatorAttachment);
        List<PublicKeyCredentialParameters> params = new ArrayList<>();
        for (COSEAlgorithmIdentifier alg : COSEAlgorithmIdentifier.values()) {
            params.add(PublicKeyCredentialParameters.builder().alg(alg).build());
        }
        return PublicKeyCredentialCreationOptions.builder()
                .rp(RelyingPartyIdentity.builder().id("example.com").name("Example \"Corp\" \u00e9\u4e2d").build())
                .user(UserIdentity.builder().name("alice@example.com").displayName("Alice \uD83D\uDD11 <b>")
                        .id(bytes(17)).build())
                .challenge(bytes(32))
                .pubKeyCredParams(params)
                .authenticatorSelection(selection.build())
                .timeout(300_000L)
                .attestation(attestation)
                .excludeCredentials(descriptors())
                .hints(List.of("client-device"))
                .extensions(RegistrationExtensionInputs.builder().credProps()
                        .prf(Extensions.Prf.PrfRegistrationInput.enable()).build())
                .build();
    }

    /** Credential ids of several lengths (with and without base64 padding) and every kind of transport list. */
    private Set<PublicKeyCredentialDescriptor> descriptors() {
        Set<PublicKeyCredentialDescriptor> set = new LinkedHashSet<>();
        List<Set<AuthenticatorTransport>> transports = List.of(Set.of(), Set.of(AuthenticatorTransport.INTERNAL),
                new LinkedHashSet<>(List.of(AuthenticatorTransport.USB, AuthenticatorTransport.NFC,
                        AuthenticatorTransport.BLE, AuthenticatorTransport.HYBRID)),
                Set.of(AuthenticatorTransport.of("smart-card")), Set.of(AuthenticatorTransport.of("future-transport")));
        for (int i = 0; i < transports.size(); i++) {
            set.add(PublicKeyCredentialDescriptor.builder().id(bytes(16 + i))
                    .transports(transports.get(i).isEmpty() ? Optional.empty() : Optional.of(transports.get(i)))
                    .build());
        }
        return set;
    }

    private ByteArray bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return new ByteArray(b);
    }
}
