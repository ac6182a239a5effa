package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestCertificates;
import io.github.passkey4j.testing.TestPasskeys;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "packed" attestation certificates whose subject country is a user-assigned ISO 3166-1 code (AA, QM to
 * QZ, XA to XZ, ZZ; the W3C test vectors' CA has AA): Yubico's engine refuses them (its list of
 * countries is Java's, which has none of them), the library verifies them itself with every check of
 * the engine's packed verifier (issue 16). Each requirement is shown to be enforced exactly as the
 * engine enforces it for a certificate with a real country code.
 */
class UserAssignedCountryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final String AAGUID_OID = "1.3.6.1.4.1.45724.1.1.4";

    private final KeyPair rootKeys = TestCertificates.ecKeyPair();
    private final X509Certificate root = TestCertificates.root("CN=Test Attestation Root,O=Test,C=AA", rootKeys);
    private final KeyPair attestationKeys = TestCertificates.ecKeyPair();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private TestPasskeys passkeys(AttestationPolicy policy) {
        return new TestPasskeys(new InMemoryPasskeyStore(),
                Passkeys.builder().attestation(AttestationConveyance.DIRECT).attestationPolicy(policy));
    }

    private X509Certificate leaf(String dn, boolean ca, byte[] aaguidExtension) {
        return aaguidExtension == null ? TestCertificates.issue(dn, attestationKeys.getPublic(), ca, root, rootKeys.getPrivate())
                : TestCertificates.issue(dn, attestationKeys.getPublic(), ca, root, rootKeys.getPrivate(), AAGUID_OID,
                        new DEROctetString(aaguidExtension));
    }

    private static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    /** The authenticator's answer turned into a packed statement signed by the attestation key, with {@code x5c}. */
    private String packed(String credential, X509Certificate leaf, boolean flipSignature) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(credential);
        ObjectNode response = (ObjectNode) json.get("response");
        byte[] clientData = B64URL_DECODER.decode(response.get("clientDataJSON").asText());
        CBORObject attestation = CBORObject.DecodeFromBytes(B64URL_DECODER.decode(response.get("attestationObject").asText()));
        byte[] authData = attestation.get("authData").GetByteString();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(attestationKeys.getPrivate());
        s.update(authData);
        s.update(MessageDigest.getInstance("SHA-256").digest(clientData));
        byte[] sig = s.sign();
        if (flipSignature) {
            sig[sig.length - 1] ^= 1;
        }
        CBORObject statement = CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", sig)
                .Add("x5c", CBORObject.NewArray().Add(leaf.getEncoded()));
        byte[] encoded = CBORObject.NewOrderedMap().Add("fmt", "packed").Add("attStmt", statement).Add("authData", authData)
                .EncodeToBytes();
        response.put("attestationObject", B64URL.encodeToString(encoded));
        return JSON.writeValueAsString(json);
    }

    private record Result(StoredPasskey stored, PasskeyException refusal) {
    }

    private Result register(AttestationPolicy policy, X509Certificate leaf, boolean flip) throws Exception {
        TestPasskeys t = passkeys(policy);
        PasskeyUser user = newUser();
        AddPasskeyResponse added = t.passkeys.addPasskey(user);
        String credential = packed(authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), leaf, flip);
        try {
            t.passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Key");
            return new Result(t.store.findPasskey(added.passkeyId()).orElseThrow(), null);
        } catch (PasskeyException e) {
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(t.passkeys.listPasskeys(user.id())).isEmpty();
            return new Result(null, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA", "QM", "QZ", "XA", "XK", "ZZ", "US", "DE"})
    void whenTheCountryIsUserAssignedOrRealThenTheStatementIsVerifiedAndTrustedWithItsRoot(String country) throws Exception {
        X509Certificate leaf = leaf("CN=Key,OU=Authenticator Attestation,O=Acme,C=" + country, false,
                bytes(SoftwareAuthenticator.AAGUID));
        AttestationPolicy trusting = AttestationPolicy.builder().trustAnchor(root).requireTrusted(true).build();

        Result trusted = register(trusting, leaf, false);
        Result untrusted = register(AttestationPolicy.acceptAny(), leaf, false);

        assertThat(trusted.refusal()).as("%s", trusted.refusal()).isNull();
        assertThat(trusted.stored().attestationTrusted()).isTrue();
        assertThat(trusted.stored().attestationFormat()).isEqualTo("packed");
        assertThat(untrusted.stored().attestationTrusted()).isFalse();
        // where another root is required, neither path trusts it
        Result refused = register(AttestationPolicy.builder().requireTrusted(true)
                .trustAnchor(TestCertificates.root("CN=Other Root,C=AA", TestCertificates.ecKeyPair())).build(), leaf, false);
        assertThat(refused.refusal().reason()).isEqualTo(ErrorReason.ATTESTATION_NOT_TRUSTED);
    }

    @ParameterizedTest(name = "C={0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "AA|wrong OU|CN=Key,OU=Engineering,O=Acme,C=AA|false|false|true",
        "US|wrong OU|CN=Key,OU=Engineering,O=Acme,C=US|false|false|true",
        "AA|no O|CN=Key,OU=Authenticator Attestation,C=AA|false|false|true",
        "US|no O|CN=Key,OU=Authenticator Attestation,C=US|false|false|true",
        "AA|a CA certificate|CN=Key,OU=Authenticator Attestation,O=Acme,C=AA|true|false|true",
        "US|a CA certificate|CN=Key,OU=Authenticator Attestation,O=Acme,C=US|true|false|true",
        "AA|a flipped signature|CN=Key,OU=Authenticator Attestation,O=Acme,C=AA|false|true|true",
        "US|a flipped signature|CN=Key,OU=Authenticator Attestation,O=Acme,C=US|false|true|true",
        "AA|another AAGUID in the certificate|CN=Key,OU=Authenticator Attestation,O=Acme,C=AA|false|false|false",
        "US|another AAGUID in the certificate|CN=Key,OU=Authenticator Attestation,O=Acme,C=US|false|false|false",
        "A1|not a country code|CN=Key,OU=Authenticator Attestation,O=Acme,C=A1|false|false|true",
        "--|no country|CN=Key,OU=Authenticator Attestation,O=Acme|false|false|true"})
    void whenAnotherRequirementIsNotMetThenBothPathsRefuseTheStatement(String country, String what, String dn, boolean ca,
            boolean flip, boolean sameAaguid) throws Exception {
        X509Certificate leaf = leaf(dn, ca, bytes(sameAaguid ? SoftwareAuthenticator.AAGUID : UUID.randomUUID()));

        Result r = register(AttestationPolicy.acceptAny(), leaf, flip);

        assertThat(r.refusal()).as("%s must be refused", what).isNotNull();
        assertThat(r.refusal().reason()).as(r.refusal().getMessage()).isEqualTo(ErrorReason.ATTESTATION_INVALID);
    }

    @Test
    void whenTheCodeIsUserAssignedThenJavasListOfCountriesLacksIt() {
        // why the engine refuses them: Locale.getISOCountries() is what its packed verifier checks against
        for (String code : List.of("AA", "QM", "QZ", "XA", "XK", "XZ", "ZZ")) {
            assertThat(Locale.getISOCountries()).as(code).doesNotContain(code);
        }
        assertThat(Locale.getISOCountries()).contains("US", "DE", "SE");
    }
}
