package io.github.passkey4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.data.AttestationObject;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A "packed" attestation statement with a certificate whose subject country is a user-assigned ISO
 * 3166-1 alpha-2 code (AA, QM to QZ, XA to XZ, ZZ), as the W3C test vectors' test CA issues: verified
 * here, because Yubico's engine 2.9 requires the country to be in {@link Locale#getISOCountries()},
 * which has none of them, and has no option to change that.
 *
 * <p>WebAuthn section 8.2.1 asks for "Subject-C: ISO 3166 code specifying the country where the
 * Authenticator vendor is incorporated"; ISO 3166-1 reserves the user-assigned codes for its users,
 * so a test CA may use them. Only such statements come here: a certificate with any other country
 * code goes to the engine exactly as before. Every check of the engine's packed verifier is made here
 * the same way (the signature over authenticatorData and the client data hash with the leaf's key and
 * {@code alg}; version 3; a country; a non-empty O; OU exactly "Authenticator Attestation"; the
 * id-fido-gen-ce-aaguid extension, where present, equal to the AAGUID; not a CA), the engine then
 * verifies the rest of the registration with the statement taken away ("none"), and the trust decision
 * is the engine's: PKIX to the configured roots at the clock's time ({@link Attestations#chainTrusted}).
 */
final class PackedAttestation {

    /** The FIDO AAGUID certificate extension, id-fido-gen-ce-aaguid. */
    private static final String AAGUID_OID = "1.3.6.1.4.1.45724.1.1.4";
    private static final String OU = "Authenticator Attestation";

    private PackedAttestation() {
    }

    /**
     * @param country a subject country code
     * @return whether it is a user-assigned ISO 3166-1 alpha-2 code, which Java's list of countries lacks
     */
    static boolean userAssigned(String country) {
        if (country.length() != 2 || Set.of(Locale.getISOCountries()).contains(country)) {
            return false;
        }
        char a = country.charAt(0);
        char b = country.charAt(1);
        if (b < 'A' || b > 'Z') {
            return false;
        }
        return country.equals("AA") || country.equals("ZZ") || (a == 'Q' && b >= 'M') || a == 'X';
    }

    /**
     * Verifies a packed statement here when its certificate has a user-assigned country code.
     *
     * @param parsed the registration
     * @return the certificate chain, leaf first, when the statement was verified here; empty when it is
     *     not such a statement (the engine verifies it)
     * @throws PasskeyException ATTESTATION_INVALID naming the first requirement that is not met
     */
    static Optional<List<X509Certificate>> verifyWhenUserAssignedCountry(CredentialParser.Registration parsed) {
        AttestationObject attestation = parsed.credential().getResponse().getAttestation();
        JsonNode statement = attestation.getAttestationStatement();
        if (!"packed".equals(attestation.getFormat()) || statement == null || !statement.has("x5c")) {
            return Optional.empty();
        }
        List<X509Certificate> chain = certificates(statement.get("x5c"));
        X509Certificate leaf = chain.get(0);
        Optional<String> country = subject(leaf, "C");
        if (country.filter(PackedAttestation::userAssigned).isEmpty()) {
            return Optional.empty();
        }
        long alg = statement.get("alg").asLong();
        String javaAlg = Algorithms.javaSignatureName(alg).orElseThrow(
                () -> invalid("the packed attestation signature algorithm " + Algorithms.describe(alg) + " is not supported"));
        byte[] clientDataHash = sha256(parsed.credential().getResponse().getClientDataJSON().getBytes());
        byte[] signed = concat(attestation.getAuthenticatorData().getBytes().getBytes(), clientDataHash);
        if (!Algorithms.verifies(javaAlg, leaf.getPublicKey(), signed, binary(statement.get("sig")))) {
            throw invalid("the packed attestation signature does not verify");
        }
        if (leaf.getVersion() != 3) {
            throw invalid("the packed attestation certificate is not X.509 version 3");
        }
        if (subject(leaf, "O").filter(o -> !o.isEmpty()).isEmpty()) {
            throw invalid("the packed attestation certificate's subject has no organization (O)");
        }
        if (!subject(leaf, "OU").filter(OU::equals).isPresent()) {
            throw invalid("the packed attestation certificate's subject OU must be \"" + OU + "\"");
        }
        byte[] extension = leaf.getExtensionValue(AAGUID_OID);
        if (extension != null) {
            byte[] aaguid = attestation.getAuthenticatorData().getAttestedCredentialData().orElseThrow().getAaguid().getBytes();
            if (!Arrays.equals(aaguid, aaguidOf(extension))) {
                throw invalid("the packed attestation certificate's AAGUID extension does not match the authenticator's AAGUID");
            }
        }
        if (leaf.getBasicConstraints() != -1) {
            throw invalid("the packed attestation certificate must not be a CA certificate");
        }
        return Optional.of(chain);
    }

    /**
     * The same registration with its attestation statement taken away, for the engine to verify the rest.
     *
     * @param parsed the registration
     * @return its credential with the attestation object {"fmt": "none", "attStmt": {}, "authData": same}
     */
    static PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> withoutStatement(
            CredentialParser.Registration parsed) {
        PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> c = parsed.credential();
        try {
            AuthenticatorAttestationResponse response = AuthenticatorAttestationResponse.builder()
                    .attestationObject(new com.yubico.webauthn.data.ByteArray(AuthenticatorBytes.noneAttestation(
                            c.getResponse().getAttestation().getAuthenticatorData().getBytes().getBytes())))
                    .clientDataJSON(c.getResponse().getClientDataJSON())
                    .transports(c.getResponse().getTransports())
                    .build();
            return PublicKeyCredential.<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>builder()
                    .id(c.getId())
                    .response(response)
                    .clientExtensionResults(c.getClientExtensionResults())
                    .authenticatorAttachment(c.getAuthenticatorAttachment().orElse(null))
                    .build();
        } catch (IOException | com.yubico.webauthn.data.exception.Base64UrlException e) {
            throw new IllegalStateException("the engine cannot read an attestation object it read before", e);
        }
    }

    /** The extension's value: an OCTET STRING (the extnValue) holding an OCTET STRING of the 16 bytes. */
    private static byte[] aaguidOf(byte[] extension) {
        try {
            Der.Element outer = Der.parse(extension);
            Der.Element inner = Der.parse(outer.value());
            if (!outer.is(Der.OCTET_STRING) || !inner.is(Der.OCTET_STRING) || inner.value().length != 16) {
                throw new IllegalArgumentException("not an OCTET STRING of 16 bytes");
            }
            return inner.value();
        } catch (RuntimeException e) {
            throw invalid("the packed attestation certificate's AAGUID extension cannot be read");
        }
    }

    /** The subject attribute types checked: id-at-countryName, -organizationName, -organizationalUnitName (2.5.4.x). */
    private static final java.util.Map<String, Integer> ATTRIBUTES = java.util.Map.of("C", 6, "O", 10, "OU", 11);

    /**
     * The first value of an attribute of the subject name, read from its DER (Name: SEQUENCE OF SET OF
     * SEQUENCE { OID, value }) without javax.naming, which a module-path host may not have resolved.
     */
    private static Optional<String> subject(X509Certificate certificate, String type) {
        byte[] oid = {0x55, 0x04, (byte) (int) ATTRIBUTES.get(type)};
        try {
            for (Der.Element set : Der.parse(certificate.getSubjectX500Principal().getEncoded()).children()) {
                for (Der.Element attribute : set.children()) {
                    List<Der.Element> pair = attribute.children();
                    if (pair.size() == 2 && pair.get(0).is(OBJECT_IDENTIFIER) && Arrays.equals(pair.get(0).value(), oid)) {
                        return Optional.of(text(pair.get(1)));
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            throw invalid("the packed attestation certificate's subject cannot be read");
        }
    }

    private static final int OBJECT_IDENTIFIER = 6;

    /** A directory string: UTF8String, PrintableString, IA5String, TeletexString (as Latin-1) or BMPString. */
    private static String text(Der.Element value) {
        if (value.is(12)) {
            return new String(value.value(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (value.is(19) || value.is(22)) {
            return new String(value.value(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (value.is(20)) {
            return new String(value.value(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (value.is(30)) {
            return new String(value.value(), java.nio.charset.StandardCharsets.UTF_16BE);
        }
        throw new IllegalArgumentException("not a directory string");
    }

    private static List<X509Certificate> certificates(JsonNode x5c) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode c : x5c) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(binary(c))));
            }
        } catch (CertificateException e) {
            throw invalid("a packed attestation certificate cannot be read");
        }
        if (chain.isEmpty()) {
            throw invalid("the packed attestation statement's x5c is empty");
        }
        return List.copyOf(chain);
    }

    private static byte[] binary(JsonNode node) {
        try {
            if (node == null || !node.isBinary()) {
                throw invalid("the packed attestation statement's sig and x5c must be byte strings");
            }
            return node.binaryValue();
        } catch (IOException e) {
            throw invalid("a binary field of the packed attestation statement cannot be read");
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static PasskeyException invalid(String why) {
        return new PasskeyException(ErrorReason.ATTESTATION_INVALID, ErrorReason.ATTESTATION_INVALID.defaultMessage() + ": " + why);
    }
}
