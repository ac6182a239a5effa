package io.github.passkey4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.data.AttestationObject;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies an {@code android-key} attestation statement (WebAuthn §8.4), which Yubico's engine 2.9
 * accepts without looking at it. Everything the specification asks for is checked: the signature over
 * the authenticator data and client data hash with the leaf certificate's key, that key being the
 * credential's public key, the key attestation record's challenge being the client data hash, no
 * {@code allApplications}, and a key generated in the keystore for signing (origin and purpose taken
 * from the union of the TEE-enforced and software-enforced lists, as the specification allows).
 *
 * <p>Origin and purpose are enforced where the record states them: an imported key (origin
 * {@code KM_ORIGIN_IMPORTED}) or a key not for signing is refused. A record that states neither is
 * accepted, as go-webauthn and python-fido2 accept it: Android's keystore always writes both for the
 * keys it generates, so only synthetic records lack them (the W3C test vector's record has empty
 * authorization lists), and without a trusted chain a record proves nothing either way.
 */
final class AndroidKeyAttestation {

    /** The key attestation extension: Android's KeyDescription. */
    static final String KEY_DESCRIPTION_OID = "1.3.6.1.4.1.11129.2.1.17";
    private static final int TAG_PURPOSE = 1;
    private static final int TAG_ALL_APPLICATIONS = 600;
    private static final int TAG_ORIGIN = 702;
    private static final BigInteger KM_ORIGIN_GENERATED = BigInteger.ZERO;
    private static final BigInteger KM_PURPOSE_SIGN = BigInteger.TWO;

    private AndroidKeyAttestation() {
    }

    /**
     * @param attestation the attestation object, format {@code android-key}
     * @param clientDataHash SHA-256 of the client data JSON
     * @param credentialKey the credential public key from the authenticator data
     * @return the attestation certificate chain, leaf first, for the trust decision
     * @throws PasskeyException ATTESTATION_INVALID naming the first requirement that is not met
     */
    static List<X509Certificate> verify(AttestationObject attestation, byte[] clientDataHash, PublicKey credentialKey) {
        JsonNode statement = attestation.getAttestationStatement();
        JsonNode algNode = statement.get("alg");
        JsonNode sigNode = statement.get("sig");
        JsonNode x5cNode = statement.get("x5c");
        if (algNode == null || !algNode.isIntegralNumber() || sigNode == null || !sigNode.isBinary()
                || x5cNode == null || !x5cNode.isArray() || x5cNode.isEmpty()) {
            throw invalid("the android-key attestation statement needs alg, sig and x5c");
        }
        List<X509Certificate> chain = certificates(x5cNode);
        X509Certificate leaf = chain.get(0);

        long alg = algNode.asLong();
        String javaAlg = Algorithms.javaSignatureName(alg).orElseThrow(
                () -> invalid("the android-key attestation signature algorithm " + Algorithms.describe(alg) + " is not supported"));
        byte[] signedData = concat(attestation.getAuthenticatorData().getBytes().getBytes(), clientDataHash);
        if (!Algorithms.verifies(javaAlg, leaf.getPublicKey(), signedData, binary(sigNode))) {
            throw invalid("the android-key attestation signature does not verify");
        }
        if (!MessageDigest.isEqual(leaf.getPublicKey().getEncoded(), credentialKey.getEncoded())) {
            throw invalid("the android-key attestation certificate is not for the credential's public key");
        }
        checkKeyDescription(leaf, clientDataHash);
        return chain;
    }

    private static void checkKeyDescription(X509Certificate leaf, byte[] clientDataHash) {
        byte[] extension = leaf.getExtensionValue(KEY_DESCRIPTION_OID);
        if (extension == null) {
            throw invalid("the android-key attestation certificate lacks the key attestation extension");
        }
        List<Der.Element> description;
        try {
            Der.Element wrapper = Der.parse(extension);
            if (!wrapper.is(Der.OCTET_STRING)) {
                throw new IllegalArgumentException("the extension value is not an OCTET STRING");
            }
            Der.Element sequence = Der.parse(wrapper.value());
            if (!sequence.is(Der.SEQUENCE)) {
                throw new IllegalArgumentException("KeyDescription is not a SEQUENCE");
            }
            description = sequence.children();
            if (description.size() < 8 || !description.get(4).is(Der.OCTET_STRING)
                    || !description.get(6).is(Der.SEQUENCE) || !description.get(7).is(Der.SEQUENCE)) {
                throw new IllegalArgumentException("KeyDescription does not have the expected fields");
            }
            if (!MessageDigest.isEqual(description.get(4).value(), clientDataHash)) {
                throw invalid("the android-key attestation challenge is not the hash of the client data");
            }
            List<Der.Element> software = description.get(6).children();
            List<Der.Element> tee = description.get(7).children();
            if (find(software, TAG_ALL_APPLICATIONS) != null || find(tee, TAG_ALL_APPLICATIONS) != null) {
                throw invalid("the android-key credential is usable by all applications (allApplications is set)");
            }
            List<BigInteger> origins = new ArrayList<>();
            addInteger(origins, find(tee, TAG_ORIGIN));
            addInteger(origins, find(software, TAG_ORIGIN));
            if (origins.stream().anyMatch(o -> !o.equals(KM_ORIGIN_GENERATED))) {
                throw invalid("the android-key credential was not generated in the keystore (origin is not KM_ORIGIN_GENERATED)");
            }
            Set<BigInteger> purposes = new HashSet<>();
            boolean stated = addPurposes(purposes, find(tee, TAG_PURPOSE));
            stated |= addPurposes(purposes, find(software, TAG_PURPOSE));
            if (stated && !purposes.contains(KM_PURPOSE_SIGN)) {
                throw invalid("the android-key credential is not for signing (purpose lacks KM_PURPOSE_SIGN)");
            }
        } catch (IllegalArgumentException e) {
            throw new PasskeyException(ErrorReason.ATTESTATION_INVALID,
                    ErrorReason.ATTESTATION_INVALID.defaultMessage() + ": the android-key attestation record cannot be read", e);
        }
    }

    /** @return the element of an authorization list with that context tag, unwrapped, or null */
    private static Der.Element find(List<Der.Element> list, int tag) {
        for (Der.Element e : list) {
            if (e.tagClass() == Der.CONTEXT && e.tag() == tag) {
                List<Der.Element> inner = e.children();
                if (inner.size() != 1) {
                    throw new IllegalArgumentException("an explicitly tagged authorization holds " + inner.size() + " values");
                }
                return inner.get(0);
            }
        }
        return null;
    }

    private static void addInteger(List<BigInteger> into, Der.Element e) {
        if (e != null) {
            into.add(e.integer());
        }
    }

    private static boolean addPurposes(Set<BigInteger> into, Der.Element e) {
        if (e == null) {
            return false;
        }
        if (!e.is(Der.SET)) {
            throw new IllegalArgumentException("purpose is not a SET");
        }
        for (Der.Element p : e.children()) {
            into.add(p.integer());
        }
        return true;
    }

    private static List<X509Certificate> certificates(JsonNode x5c) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode c : x5c) {
                if (!c.isBinary()) {
                    throw invalid("x5c of the android-key attestation statement must hold DER certificates");
                }
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(binary(c))));
            }
        } catch (CertificateException e) {
            throw new PasskeyException(ErrorReason.ATTESTATION_INVALID,
                    ErrorReason.ATTESTATION_INVALID.defaultMessage() + ": an android-key attestation certificate cannot be read", e);
        }
        return List.copyOf(chain);
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw invalid("a binary field of the android-key attestation statement cannot be read");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static PasskeyException invalid(String why) {
        return new PasskeyException(ErrorReason.ATTESTATION_INVALID, ErrorReason.ATTESTATION_INVALID.defaultMessage() + ": " + why);
    }
}
