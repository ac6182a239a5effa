package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.github.passkey4j.testing.TestVectors;
import io.github.passkey4j.testing.TestVectors.Vector;
import io.github.passkey4j.testing.VectorRunner;
import io.github.passkey4j.testing.VectorRunner.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Lenient where real clients are sloppy (padded or standard base64, JSON-escaped origins, Android app
 * origins when configured), strict where it matters: a changed byte anywhere a signature, hash or
 * challenge covers is refused, also in an attestation format the engine does not check itself.
 */
class InputLeniencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------ lenient

    @Test
    void whenBinaryFieldsArePaddedStandardBase64ThenTheCredentialIsAccepted() throws Exception {
        for (String name : new String[] {"w3c-none-es256-registration", "w3c-none-es256-authentication"}) {
            Vector v = TestVectors.named(name);
            String sloppy = edit(v, c -> {
                ObjectNode r = (ObjectNode) c.get("response");
                for (String f : new String[] {"clientDataJSON", "attestationObject", "authenticatorData", "signature"}) {
                    if (r.has(f)) {
                        r.put(f, Base64.getEncoder().encodeToString(TestVectors.decode(r.get(f).asText())));
                    }
                }
                c.put("id", Base64.getEncoder().encodeToString(TestVectors.decode(c.get("id").asText())));
                c.put("rawId", c.get("id").asText());
            });
            assertThat(sloppy).as(name).containsAnyOf("+", "/", "=");

            assertThat(run(v, sloppy).failure()).as(name).isEmpty();
        }
    }

    @Test
    void whenTheRecordedDevicesSendNonCanonicalBase64ThenTheyAreAccepted() {
        for (String name : new String[] {"pyw-tpm-surface-pro-4-intel", "swa-auth-es256"}) {
            assertThat(VectorRunner.run(TestVectors.named(name)).failure()).as(name).isEmpty();
        }
    }

    @Test
    void whenABinaryFieldIsNotBase64AtAllThenBase64Invalid() throws Exception {
        Vector v = TestVectors.named("w3c-none-es256-authentication");
        String broken = edit(v, c -> ((ObjectNode) c.get("response")).put("signature", "not*base64!"));

        assertThat(run(v, broken).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.BASE64_INVALID));
    }

    @Test
    void whenTheOriginIsJsonEscapedThenItIsComparedAfterDecoding() {
        Vector v = TestVectors.named("swa-none-firefox-android");
        String clientData = new String(TestVectors.decode(clientDataJson(v)), StandardCharsets.UTF_8);
        assertThat(clientData).contains("https:\\/\\/dev.dontneeda.pw");

        assertThat(VectorRunner.run(v).failure()).isEmpty();
    }

    @Test
    void whenAnAndroidAppOriginIsConfiguredThenItsCredentialIsAcceptedAndOtherwiseRefused() {
        Vector v = TestVectors.named("swa-none-android-devicepubkey-ext");
        assertThat(v.origin()).startsWith("android:apk-key-hash:");

        Outcome configured = VectorRunner.run(v);
        Outcome webOrigin = runWithOrigin(v, "https://try-webauthn.appspot.com");

        assertThat(configured.failure()).isEmpty();
        assertThat(webOrigin.failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED));
    }

    // ------------------------------------------------------------------ strict

    @Test
    void whenAnAssertionSignatureByteIsChangedThenSignatureInvalid() throws Exception {
        Vector v = TestVectors.named("w3c-none-es256-authentication");
        String tampered = editBinary(v, "signature", b -> b[b.length - 3] ^= 0x01);

        assertThat(run(v, tampered).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.SIGNATURE_INVALID));
    }

    @Test
    void whenTheSignedCounterIsChangedThenSignatureInvalid() throws Exception {
        Vector v = TestVectors.named("pyw-auth-ed25519");
        String tampered = editBinary(v, "authenticatorData", b -> b[36] += 1);

        assertThat(run(v, tampered).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.SIGNATURE_INVALID));
    }

    @Test
    void whenTheClientDataIsReencodedThenItsHashNoLongerMatchesTheSignature() throws Exception {
        Vector v = TestVectors.named("pyw-auth-rs256-uv");
        String tampered = editBinary(v, "clientDataJSON", b -> { }, json -> json.replace("{", "{ "));

        assertThat(run(v, tampered).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.SIGNATURE_INVALID));
    }

    @Test
    void whenAnAttestationSignatureIsChangedThenAttestationInvalidAndNothingStored() throws Exception {
        for (String name : new String[] {"pyw-packed-yubikey-firefox", "w3c-tpm-es256-registration", "go-fido-u2f-yubico-direct"}) {
            Vector v = TestVectors.named(name);
            Outcome outcome = run(v, withAttestationSignatureFlipped(v));

            assertThat(outcome.failure()).as(name).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_INVALID));
            assertThat(outcome.stored()).as(name).isEmpty();
        }
    }

    @Test
    void whenAnAndroidKeySignatureIsForgedThenAttestationInvalidThoughTheEngineDoesNotCheckIt() throws Exception {
        for (String name : new String[] {"swa-android-key-pixel8a-2025", "w3c-android-key-es256-registration"}) {
            Vector v = TestVectors.named(name);
            Outcome outcome = run(v, withAttestationSignatureFlipped(v));

            assertThat(outcome.failure()).as(name).hasValueSatisfying(e -> {
                assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_INVALID);
                assertThat(e.getMessage()).contains("android-key");
            });
            assertThat(outcome.stored()).as(name).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Outcome run(Vector v, String credentialJson) {
        return VectorRunner.run(withCredential(v, credentialJson));
    }

    private static Outcome runWithOrigin(Vector v, String origin) {
        return VectorRunner.run(new Vector(v.file(), v.name(), v.registration(), v.fmt(), v.alg(), v.rpId(), origin, v.challenge(),
                v.credentialJson(), v.credentialPublicKey(), v.prevSignCount(), v.userVerificationRequired(), v.expectOk(),
                v.expectReason(), v.atDate(), v.trustAnchors(), v.aaguid(), v.credentialId(), v.userHandle(), v.topOrigin()));
    }

    private static Vector withCredential(Vector v, String json) {
        return new Vector(v.file(), v.name(), v.registration(), v.fmt(), v.alg(), v.rpId(), v.origin(), v.challenge(), json,
                v.credentialPublicKey(), v.prevSignCount(), v.userVerificationRequired(), v.expectOk(), v.expectReason(),
                v.atDate(), v.trustAnchors(), v.aaguid(), v.credentialId(), v.userHandle(), v.topOrigin());
    }

    private static String clientDataJson(Vector v) {
        try {
            return JSON.readTree(v.credentialJson()).get("response").get("clientDataJSON").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String edit(Vector v, Consumer<ObjectNode> change) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(v.credentialJson());
        change.accept(c);
        return JSON.writeValueAsString(c);
    }

    private static String editBinary(Vector v, String field, Consumer<byte[]> change) throws Exception {
        return editBinary(v, field, change, s -> s);
    }

    private static String editBinary(Vector v, String field, Consumer<byte[]> change,
            java.util.function.UnaryOperator<String> text) throws Exception {
        return edit(v, c -> {
            ObjectNode r = (ObjectNode) c.get("response");
            byte[] b = TestVectors.decode(r.get(field).asText());
            change.accept(b);
            b = text.apply(new String(b, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
            r.put(field, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        });
    }

    /** The attestation object with one bit of its attestation statement's signature flipped. */
    private static String withAttestationSignatureFlipped(Vector v) throws Exception {
        return edit(v, c -> {
            ObjectNode r = (ObjectNode) c.get("response");
            CBORObject att = CBORObject.DecodeFromBytes(TestVectors.decode(r.get("attestationObject").asText()));
            CBORObject statement = att.get("attStmt");
            byte[] sig = statement.get("sig").GetByteString();
            sig[sig.length / 2] ^= 0x01;
            statement.set("sig", CBORObject.FromObject(sig));
            r.put("attestationObject", Base64.getUrlEncoder().withoutPadding().encodeToString(att.EncodeToBytes()));
        });
    }
}
