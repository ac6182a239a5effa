package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.testing.TestCertificates;
import io.github.passkey4j.testing.TestVectors;
import io.github.passkey4j.testing.TestVectors.Vector;
import io.github.passkey4j.testing.VectorRunner;
import io.github.passkey4j.testing.VectorRunner.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation trust from a FIDO Metadata Service BLOB read from a file, offline. The BLOB is made and
 * signed here (a test MDS root, a signing certificate, an entry for a real YubiKey's AAGUID naming
 * Yubico's root), the recorded YubiKey registration is verified against it: nothing is downloaded.
 */
class MetadataBlobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vector YUBIKEY = TestVectors.named("pyw-packed-yubikey-firefox");
    private static final Vector OTHER_YUBIKEY = TestVectors.named("pyw-packed-ed25519-yubikey");

    private final KeyPair rootKeys = TestCertificates.ecKeyPair();
    private final X509Certificate mdsRoot = TestCertificates.root("CN=Test MDS Root,O=passkey4j tests", rootKeys);
    private final KeyPair signerKeys = TestCertificates.ecKeyPair();
    private final X509Certificate signer = TestCertificates.issue("CN=Test MDS Signer,O=passkey4j tests",
            signerKeys.getPublic(), false, mdsRoot, rootKeys.getPrivate());

    @TempDir
    Path dir;

    @Test
    void whenTheBlobNamesTheRootForTheAuthenticatorsAaguidThenItsAttestationIsTrusted() throws Exception {
        Path blob = write(jwt(signer, signerKeys.getPrivate(), payload(entry(YUBIKEY.aaguid().orElseThrow(), "FIDO_CERTIFIED"))));

        Outcome outcome = VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(AttestationPolicy.builder()
                .metadataBlob(blob, mdsRoot).requireTrusted(true).build()));

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.stored().orElseThrow().attestationTrusted()).isTrue();
    }

    @Test
    void whenTheBlobHasNoEntryForTheAaguidThenTheSameVendorsOtherModelIsNotTrusted() throws Exception {
        Path blob = write(jwt(signer, signerKeys.getPrivate(), payload(entry(YUBIKEY.aaguid().orElseThrow(), "FIDO_CERTIFIED"))));
        assertThat(OTHER_YUBIKEY.aaguid()).isNotEqualTo(YUBIKEY.aaguid());

        Outcome required = VectorRunner.run(OTHER_YUBIKEY, b -> b.attestationPolicy(AttestationPolicy.builder()
                .metadataBlob(blob, mdsRoot).requireTrusted(true).build()));
        Outcome accepted = VectorRunner.run(OTHER_YUBIKEY, b -> b.attestationPolicy(AttestationPolicy.builder()
                .metadataBlob(blob, mdsRoot).build()));

        assertThat(required.failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED));
        assertThat(required.stored()).isEmpty();
        assertThat(accepted.failure()).isEmpty();
        assertThat(accepted.stored().orElseThrow().attestationTrusted()).isFalse();
    }

    @Test
    void whenTheBlobReportsTheAuthenticatorRevokedThenItIsNotTrusted() throws Exception {
        Path blob = write(jwt(signer, signerKeys.getPrivate(), payload(entry(YUBIKEY.aaguid().orElseThrow(), "REVOKED"))));

        Outcome outcome = VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(AttestationPolicy.builder()
                .metadataBlob(blob, mdsRoot).requireTrusted(true).build()));

        assertThat(outcome.failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED));
    }

    @Test
    void whenTheBlobIsCombinedWithTrustAnchorsThenEitherMakesAttestationTrusted() throws Exception {
        Path blob = write(jwt(signer, signerKeys.getPrivate(), payload(entry(YUBIKEY.aaguid().orElseThrow(), "FIDO_CERTIFIED"))));
        AttestationPolicy both = AttestationPolicy.builder().metadataBlob(blob, mdsRoot)
                .trustAnchor(TestVectors.anchor("Google Hardware Attestation Root 2")).requireTrusted(true).build();

        assertThat(VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(both)).ok()).isTrue();
        assertThat(VectorRunner.run(TestVectors.named("swa-android-key-pixel8a-2025"), b -> b.attestationPolicy(both)).ok()).isTrue();
    }

    @Test
    void whenTheBlobIsSignedUnderAnotherRootThenBuildingFailsNamingTheBlob() throws Exception {
        KeyPair otherKeys = TestCertificates.ecKeyPair();
        X509Certificate otherRoot = TestCertificates.root("CN=Other Root", otherKeys);
        Path blob = write(jwt(signer, signerKeys.getPrivate(), payload(entry(YUBIKEY.aaguid().orElseThrow(), "FIDO_CERTIFIED"))));
        AttestationPolicy policy = AttestationPolicy.builder().metadataBlob(blob, otherRoot).build();

        assertThatThrownBy(() -> VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(policy)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attestationPolicy.metadataBlob refused")
                .hasMessageContaining("signing chain");
    }

    @Test
    void whenThePayloadWasChangedAfterSigningThenBuildingFails() throws Exception {
        String jwt = jwt(signer, signerKeys.getPrivate(), payload(entry(YUBIKEY.aaguid().orElseThrow(), "REVOKED")));
        String[] parts = jwt.split("\\.");
        String forged = payload(entry(YUBIKEY.aaguid().orElseThrow(), "FIDO_CERTIFIED"));
        Path blob = write(parts[0] + "." + b64url(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        AttestationPolicy policy = AttestationPolicy.builder().metadataBlob(blob, mdsRoot).build();

        assertThatThrownBy(() -> VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(policy)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signature does not verify");
    }

    @Test
    void whenACrlRevokesTheSigningCertificateThenBuildingFailsAndOneThatDoesNotLetsItLoad() throws Exception {
        Path blob = write(jwt(signer, signerKeys.getPrivate(), payload(entry(YUBIKEY.aaguid().orElseThrow(), "FIDO_CERTIFIED"))));
        X509CRL revoking = TestCertificates.crl(mdsRoot, rootKeys.getPrivate(), signer);
        X509CRL clean = TestCertificates.crl(mdsRoot, rootKeys.getPrivate());

        AttestationPolicy revoked = AttestationPolicy.builder().metadataBlob(blob, mdsRoot).metadataCrls(List.of(revoking)).build();
        AttestationPolicy fine = AttestationPolicy.builder().metadataBlob(blob, mdsRoot).metadataCrls(List.of(clean))
                .requireTrusted(true).build();

        assertThatThrownBy(() -> VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(revoked)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attestationPolicy.metadataBlob refused");
        assertThat(VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(fine)).ok()).isTrue();
    }

    @Test
    void whenTheBlobNamesItsChainOnlyByUrlThenBuildingFailsRatherThanDownloading() throws Exception {
        ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("typ", "JWT").put("x5u", "https://mds.example/chain.pem");
        Path blob = write(signed(header, payload(entry(YUBIKEY.aaguid().orElseThrow(), "FIDO_CERTIFIED")), signerKeys.getPrivate()));
        AttestationPolicy policy = AttestationPolicy.builder().metadataBlob(blob, mdsRoot).build();

        assertThatThrownBy(() -> VectorRunner.run(YUBIKEY, b -> b.attestationPolicy(policy)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x5u");
    }

    @Test
    void whenTheBlobFileIsMissingThenConfiguringFailsNamingIt() {
        Path missing = dir.resolve("missing.jwt");
        assertThatThrownBy(() -> AttestationPolicy.builder().metadataBlob(missing, mdsRoot))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("attestationPolicy.metadataBlob");
    }

    // ------------------------------------------------------------------ making a BLOB

    private static String payload(ObjectNode... entries) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        p.put("legalHeader", "Test metadata made by passkey4j's tests; not FIDO Alliance data.");
        p.put("no", 7);
        p.put("nextUpdate", "2099-01-01");
        ArrayNode list = p.putArray("entries");
        for (ObjectNode e : entries) {
            list.add(e);
        }
        return JSON.writeValueAsString(p);
    }

    /** An MDS3 entry for an AAGUID whose attestation root is Yubico's. */
    private static ObjectNode entry(UUID aaguid, String status) throws Exception {
        ObjectNode e = JSON.createObjectNode();
        e.put("aaguid", aaguid.toString());
        ObjectNode s = e.putObject("metadataStatement");
        s.put("legalHeader", "test");
        s.put("aaguid", aaguid.toString());
        s.put("description", "Test entry");
        s.put("authenticatorVersion", 1);
        s.put("protocolFamily", "fido2");
        s.put("schema", 3);
        s.putArray("upv").addObject().put("major", 1).put("minor", 0);
        s.putArray("authenticationAlgorithms").add("secp256r1_ecdsa_sha256_raw");
        s.putArray("publicKeyAlgAndEncodings").add("cose");
        s.putArray("attestationTypes").add("basic_full");
        s.putArray("userVerificationDetails").addArray().addObject().put("userVerificationMethod", "presence_internal");
        s.putArray("keyProtection").add("hardware");
        s.putArray("matcherProtection").add("on_chip");
        s.putArray("tcDisplay");
        s.putArray("attestationRootCertificates").add(
                Base64.getEncoder().encodeToString(TestVectors.vendorRoot(TestVectors.YUBICO_ROOT).getEncoded()));
        e.putArray("statusReports").addObject().put("status", status).put("effectiveDate", "2024-01-01");
        e.put("timeOfLastStatusChange", "2024-01-01");
        return e;
    }

    private static String jwt(X509Certificate signer, PrivateKey key, String payload) throws Exception {
        ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("typ", "JWT");
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(signer.getEncoded()));
        return signed(header, payload, key);
    }

    private static String signed(ObjectNode header, String payload, PrivateKey key) throws Exception {
        String signingInput = b64url(JSON.writeValueAsBytes(header)) + "." + b64url(payload.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64url(s.sign());
    }

    private static String b64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private Path write(String jwt) throws Exception {
        Path p = Files.createTempFile(dir, "blob", ".jwt");
        Files.writeString(p, jwt + "\n");
        return p;
    }
}
