package io.github.passkey4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import com.yubico.webauthn.data.AttestationObject;
import com.yubico.webauthn.data.ByteArray;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.junit.jupiter.api.Test;

/**
 * The android-key attestation verifier (Yubico's engine 2.9 accepts any android-key statement
 * unchecked), on statements made here: a genuine-looking one passes, each defect the specification
 * names is refused with ATTESTATION_INVALID.
 */
class AndroidKeyAttestationTest {

    private static final int PURPOSE = 1;
    private static final int ALL_APPLICATIONS = 600;
    private static final int ORIGIN = 702;

    private final KeyPair caKeys = TestCertificates.ecKeyPair();
    private final X509Certificate ca = TestCertificates.root("CN=Test Android Attestation Root", caKeys);
    private final KeyPair credential = TestCertificates.ecKeyPair();
    private final byte[] clientDataHash = sha256("{\"type\":\"webauthn.create\"}".getBytes());

    @Test
    void whenTheStatementMeetsEveryRequirementThenItVerifiesAndGivesItsChain() {
        AttestationObject att = attestation(description(clientDataHash, List.of(), List.of(purpose(2), origin(0))),
                credential, credential.getPrivate(), clientDataHash);

        List<X509Certificate> chain = AndroidKeyAttestation.verify(att, clientDataHash, credential.getPublic());

        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(ca);
    }

    @Test
    void whenOriginAndPurposeAreStatedInTheSoftwareListThenTheUnionIsUsed() {
        AttestationObject att = attestation(description(clientDataHash, List.of(purpose(2), origin(0)), List.of()),
                credential, credential.getPrivate(), clientDataHash);

        assertThat(AndroidKeyAttestation.verify(att, clientDataHash, credential.getPublic())).isNotEmpty();
    }

    @Test
    void whenTheKeyWasImportedThenAttestationInvalid() {
        AttestationObject att = attestation(description(clientDataHash, List.of(), List.of(purpose(2), origin(2))),
                credential, credential.getPrivate(), clientDataHash);

        assertInvalid(att, "KM_ORIGIN_GENERATED");
    }

    @Test
    void whenTheKeyIsNotForSigningThenAttestationInvalid() {
        AttestationObject att = attestation(description(clientDataHash, List.of(), List.of(purpose(3), origin(0))),
                credential, credential.getPrivate(), clientDataHash);

        assertInvalid(att, "KM_PURPOSE_SIGN");
    }

    @Test
    void whenAllApplicationsIsSetInEitherListThenAttestationInvalid() {
        for (boolean software : new boolean[] {true, false}) {
            List<ASN1Encodable> withAll = List.of(purpose(2), origin(0), tagged(ALL_APPLICATIONS, DERNull.INSTANCE));
            AttestationObject att = attestation(software ? description(clientDataHash, withAll, List.of())
                    : description(clientDataHash, List.of(), withAll), credential, credential.getPrivate(), clientDataHash);

            assertInvalid(att, "allApplications");
        }
    }

    @Test
    void whenTheAttestationChallengeIsNotTheClientDataHashThenAttestationInvalid() {
        AttestationObject att = attestation(description(sha256("another".getBytes()), List.of(), List.of(purpose(2), origin(0))),
                credential, credential.getPrivate(), clientDataHash);

        assertInvalid(att, "challenge");
    }

    @Test
    void whenTheSignatureIsByAnotherKeyThenAttestationInvalid() {
        AttestationObject att = attestation(description(clientDataHash, List.of(), List.of(purpose(2), origin(0))),
                credential, TestCertificates.ecKeyPair().getPrivate(), clientDataHash);

        assertInvalid(att, "signature does not verify");
    }

    @Test
    void whenTheSignatureCoversAnotherClientDataHashThenAttestationInvalid() {
        AttestationObject att = attestation(description(clientDataHash, List.of(), List.of(purpose(2), origin(0))),
                credential, credential.getPrivate(), sha256("replayed".getBytes()));

        assertInvalid(att, "signature does not verify");
    }

    @Test
    void whenTheCertificateIsForAnotherKeyThanTheCredentialThenAttestationInvalid() {
        KeyPair other = TestCertificates.ecKeyPair();
        AttestationObject att = attestation(description(clientDataHash, List.of(), List.of(purpose(2), origin(0))),
                credential, credential.getPrivate(), clientDataHash);

        assertThatThrownBy(() -> AndroidKeyAttestation.verify(att, clientDataHash, other.getPublic()))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_INVALID))
                .hasMessageContaining("not for the credential's public key");
    }

    @Test
    void whenTheCertificateLacksTheKeyAttestationExtensionThenAttestationInvalid() {
        X509Certificate leaf = TestCertificates.issue("CN=Android Keystore Key", credential.getPublic(), false, ca, caKeys.getPrivate());
        AttestationObject att = attestation(leaf, credential, credential.getPrivate(), clientDataHash);

        assertInvalid(att, "lacks the key attestation extension");
    }

    @Test
    void whenTheKeyAttestationRecordIsGarbageThenAttestationInvalid() {
        X509Certificate leaf = TestCertificates.issue("CN=Android Keystore Key", credential.getPublic(), false, ca, caKeys.getPrivate(),
                AndroidKeyAttestation.KEY_DESCRIPTION_OID, new DERSequence(new ASN1Integer(3)));
        AttestationObject att = attestation(leaf, credential, credential.getPrivate(), clientDataHash);

        assertInvalid(att, "cannot be read");
    }

    @Test
    void whenDerIsTruncatedOrOversizedThenItIsRefusedNotOverread() {
        assertThatThrownBy(() -> Der.parse(new byte[] {0x30, 0x05, 0x02, 0x01})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.parse(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.parse(new byte[] {0x30, (byte) 0x80, 0x00, 0x00})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Der.parse(new byte[] {0x02, 0x01, 0x00, 0x00})).isInstanceOf(IllegalArgumentException.class);
        assertThat(Der.parse(new byte[] {(byte) 0xbf, (byte) 0x85, 0x3e, 0x03, 0x02, 0x01, 0x00}).tag()).isEqualTo(ORIGIN);
    }

    // ------------------------------------------------------------------ making statements

    private static void assertInvalid(AttestationObject att, String fragment) {
        assertThatThrownBy(() -> AndroidKeyAttestation.verify(att, sha256("{\"type\":\"webauthn.create\"}".getBytes()),
                publicKeyOf(att)))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.ATTESTATION_INVALID);
                    assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT);
                })
                .hasMessageContaining(fragment);
    }

    private static java.security.PublicKey publicKeyOf(AttestationObject att) {
        try {
            return com.yubico.webauthn.RegisteredCredential.builder()
                    .credentialId(new ByteArray(new byte[] {1}))
                    .userHandle(new ByteArray(new byte[] {1}))
                    .publicKeyCose(att.getAuthenticatorData().getAttestedCredentialData().orElseThrow().getCredentialPublicKey())
                    .signatureCount(0)
                    .build()
                    .getParsedPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DERTaggedObject purpose(int value) {
        return tagged(PURPOSE, new DERSet(new ASN1Integer(value)));
    }

    private static DERTaggedObject origin(int value) {
        return tagged(ORIGIN, new ASN1Integer(value));
    }

    private static DERTaggedObject tagged(int tag, ASN1Encodable value) {
        return new DERTaggedObject(true, tag, value);
    }

    /** KeyDescription: version 3, TEE, keymaster 4, TEE, challenge, uniqueId, softwareEnforced, teeEnforced. */
    private static DERSequence description(byte[] challenge, List<ASN1Encodable> software, List<ASN1Encodable> tee) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(3));
        v.add(new ASN1Enumerated(1));
        v.add(new ASN1Integer(4));
        v.add(new ASN1Enumerated(1));
        v.add(new DEROctetString(challenge));
        v.add(new DEROctetString(new byte[0]));
        v.add(new DERSequence(software.toArray(new ASN1Encodable[0])));
        v.add(new DERSequence(tee.toArray(new ASN1Encodable[0])));
        return new DERSequence(v);
    }

    private AttestationObject attestation(DERSequence description, KeyPair credentialKeys, PrivateKey signingKey, byte[] signedHash) {
        X509Certificate leaf = TestCertificates.issue("CN=Android Keystore Key", credentialKeys.getPublic(), false, ca,
                caKeys.getPrivate(), AndroidKeyAttestation.KEY_DESCRIPTION_OID, description);
        return attestation(leaf, credentialKeys, signingKey, signedHash);
    }

    private AttestationObject attestation(X509Certificate leaf, KeyPair credentialKeys, PrivateKey signingKey, byte[] signedHash) {
        try {
            byte[] authData = authenticatorData((ECPublicKey) credentialKeys.getPublic());
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(signingKey);
            s.update(authData);
            s.update(signedHash);
            CBORObject x5c = CBORObject.NewArray().Add(leaf.getEncoded()).Add(ca.getEncoded());
            CBORObject statement = CBORObject.NewMap().Add("alg", -7).Add("sig", s.sign()).Add("x5c", x5c);
            CBORObject object = CBORObject.NewMap().Add("fmt", "android-key").Add("attStmt", statement).Add("authData", authData);
            return new AttestationObject(new ByteArray(object.EncodeToBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** rpIdHash, flags UP+UV+AT, counter 0, AAGUID, credential id, COSE EC2 key. */
    private static byte[] authenticatorData(ECPublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sha256("example.com".getBytes()));
        out.write(0x45);
        out.writeBytes(new byte[4]);
        out.writeBytes(new byte[] {(byte) 0xb9, 0x3f, (byte) 0xd9, 0x61, (byte) 0xf2, (byte) 0xe6, 0x46, 0x2f,
                (byte) 0xb1, 0x22, (byte) 0x82, 0x00, 0x22, 0x47, (byte) 0xde, 0x78});
        byte[] credentialId = new byte[32];
        Arrays.fill(credentialId, (byte) 7);
        out.write(0);
        out.write(credentialId.length);
        out.writeBytes(credentialId);
        CBORObject cose = CBORObject.NewMap().Add(1, 2).Add(3, -7).Add(-1, 1)
                .Add(-2, unsigned(key.getW().getAffineX())).Add(-3, unsigned(key.getW().getAffineY()));
        out.writeBytes(cose.EncodeToBytes());
        return out.toByteArray();
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] result = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, result, 32 - copy, copy);
        return result;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
